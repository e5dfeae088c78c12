"""In a real browser (Debian's Chromium, headless, driven by Playwright): the HTML export of the
bundled story, the hostile fixture staying inert text, and ``timeline serve``.

Skipped, saying why, when Chromium or the Playwright package is absent; CI installs both.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from timeline_explorer.data import bundled_events_path
from timeline_explorer.index import TimelineIndex
from timeline_explorer.model import Statement

from .conftest import DATA, SMALL

CHROMIUM = os.environ.get("TIMELINE_TEST_CHROMIUM") or shutil.which("chromium") or ""
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

playwright_api = pytest.importorskip(
    "playwright.sync_api", reason="the playwright package is not installed (pip install playwright)"
)
if not CHROMIUM or not Path(CHROMIUM).exists():
    pytest.skip(
        "Chromium is not installed (apt-get install chromium); CI installs it",
        allow_module_level=True,
    )


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    profile = tempfile.mkdtemp(prefix="timeline-chromium-")
    with playwright_api.sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            profile, executable_path=CHROMIUM, args=FLAGS, headless=True
        )
        try:
            yield context
        finally:
            context.close()
            shutil.rmtree(profile, ignore_errors=True)


def export_html(path: Path, out: Path) -> Path:
    result = subprocess.run(
        [sys.executable, "-m", "timeline_explorer", "--print", "--format", "html", str(path)],
        capture_output=True,
        timeout=60,
        check=True,
    )
    out.write_bytes(result.stdout)
    return out


def test_html_export_of_the_story(browser: Any, tmp_path: Path) -> None:
    page_file = export_html(bundled_events_path(), tmp_path / "story.html")
    page = browser.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(page_file.as_uri())
    paris = page.locator("article.entry", has_text="Parigi")
    assert paris.count() >= 2
    assert paris.first.is_visible()
    putin = page.locator("#a-putin")
    assert (
        "Vladimir Putin" in putin.inner_text() and "head-of-state-of Russia" in putin.inner_text()
    )
    source = page.locator("article.entry ul.sources a").first
    title = source.inner_text()
    assert source.is_visible() and "Parigi" in title
    source.click()  # the story's source has no URL: the link leads to the Sources section
    assert page.evaluate("location.hash") == "#s-articolo"
    assert title in page.locator("#s-articolo").inner_text()
    # The inline script filters: a search hides what does not match.
    page.fill("#q", "Parigi")
    shown = page.locator("article.entry:visible").count()
    assert 0 < shown == paris.count()
    assert requests == [page_file.as_uri()]  # nothing else fetched
    page.close()


def test_hostile_fixture_stays_inert_text(browser: Any, tmp_path: Path) -> None:
    template = export_html(SMALL, tmp_path / "small.html")
    hostile = export_html(DATA / "hostile.yaml", tmp_path / "hostile.html")
    page = browser.new_page()
    dialogs: list[str] = []

    def on_dialog(dialog: Any) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    tags_js = "Array.from(new Set(Array.from(document.querySelectorAll('*'), e => e.tagName)))"
    page.goto(template.as_uri())
    template_tags = set(page.evaluate(tags_js))
    page.goto(hostile.as_uri())
    assert set(page.evaluate(tags_js)) <= template_tags
    assert page.locator("script").count() == 1
    text = page.inner_text("body")
    for payload in ("PWNED-TITLE", "PWNED-LINK", "PWNED-CLEAR", "PWNED-BELL"):
        assert payload in text
    assert page.evaluate("document.title").startswith("Hostile \\x1b]0;PWNED-TITLE")
    hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.getAttribute('href'))")
    assert all(h.startswith("#") for h in hrefs), hrefs  # its URL is not http(s)-safe
    assert dialogs == []
    page.close()


# -- timeline serve ----------------------------------------------------------------------

# Records every byte the page's terminal receives, and the size it asks for.
_TAP = """
(() => {
  window.__tty = [];
  window.__size = null;
  const Native = window.WebSocket;
  window.WebSocket = function (url, protocols) {
    const ws = protocols ? new Native(url, protocols) : new Native(url);
    const q = new URL(url).searchParams;
    window.__size = [Number(q.get("width")), Number(q.get("height"))];
    ws.addEventListener("message", async (event) => {
      let data = event.data;
      if (typeof data === "string") { return; }
      if (data instanceof Blob) { data = await data.arrayBuffer(); }
      window.__tty.push(Array.from(new Uint8Array(data)));
    });
    const send = ws.send.bind(ws);
    ws.send = (message) => {
      try {
        const m = JSON.parse(message);
        if (m[0] === "resize") { window.__size = [m[1].width, m[1].height]; }
      } catch (e) {}
      return send(message);
    };
    return ws;
  };
  window.WebSocket.prototype = Native.prototype;
  Object.assign(window.WebSocket, Native);
})();
"""


def _screen(page: Any) -> str:
    import pyte

    chunks = page.evaluate("window.__tty")
    width, height = page.evaluate("window.__size")
    screen = pyte.Screen(width, height)
    stream = pyte.ByteStream(screen)
    for chunk in chunks:
        stream.feed(bytes(chunk))
    return "\n".join(screen.display)


def _wait_for(page: Any, text: str, timeout: float = 30) -> str:
    deadline = time.monotonic() + timeout
    screen = ""
    while time.monotonic() < deadline:
        screen = _screen(page)
        if text in " ".join(screen.split()):
            return screen
        time.sleep(0.2)
    raise AssertionError(f"{text!r} not on the screen:\n{screen}")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def test_serve_shows_the_app_in_the_browser(browser: Any, story_index: TimelineIndex) -> None:
    pytest.importorskip("textual_serve", reason="textual-serve is not installed")
    port = _free_port()
    page = browser.new_page()
    page.set_viewport_size({"width": 1280, "height": 800})
    server = subprocess.Popen(
        [sys.executable, "-m", "timeline_explorer", "serve", "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                assert time.monotonic() < deadline and server.poll() is None, "did not start"
                time.sleep(0.2)
        page.add_init_script(_TAP)
        page.goto(f"http://127.0.0.1:{port}/")
        first = story_index.entries[0]
        assert not isinstance(first, Statement)
        _wait_for(page, " ".join(first.title.split()[:3]), timeout=60)
        down = next(
            n
            for n, e in enumerate(story_index.entries)
            if isinstance(e, Statement) and e.kind == "quote"
        )
        quote = story_index.entries[down]
        assert isinstance(quote, Statement)
        time.sleep(1)  # let the app settle before it gets keys
        page.locator(".xterm-helper-textarea").focus()  # keys to the terminal (no click)
        for _ in range(down):
            page.keyboard.press("ArrowDown")
            time.sleep(0.05)
        time.sleep(0.5)
        page.keyboard.press("Enter")
        screen = _wait_for(page, f"› {quote.id}")  # the entry screen's breadcrumb
        assert screen.count("›") == 2
        words = " ".join(screen.split())
        assert " ".join(quote.text.split()) in words  # the whole quote, wrapped at the width
    finally:
        page.close()
        server.terminate()  # SIGTERM: what textual-serve handles like Ctrl-C
        output = server.communicate(timeout=30)[0].decode(errors="replace")
    assert server.returncode == 0, output
