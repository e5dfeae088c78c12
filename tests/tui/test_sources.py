"""Sources on screen: full URLs, hyperlinks only for web addresses, keys that copy and open."""

from __future__ import annotations

import re
from typing import Any

import pytest
from rich.segment import Segment
from textual.app import App, ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from timeline_explorer.citation import citation
from timeline_explorer.data import load_index
from timeline_explorer.index import TimelineIndex
from timeline_explorer.model import Actor, Dataset, Entry, Event, PartialDate, Source, Statement
from timeline_explorer.safetext import is_unsafe
from timeline_explorer.tui.sources import SourceScreen, source_blocks

from ..conftest import DATA

LONG_URL = (
    "https://www.example.org/news/2025/09/04/"
    "a-very-long-article-slug-about-the-talks-that-ended-without-any-agreement"
    "?utm_source=feed&utm_medium=rss#section-3"
)
SOURCES = (
    Source("afp", "Talks end", "AFP", LONG_URL, PartialDate.parse("2025-09-04")),
    Source("tass", "Peskov on talks", "TASS", "javascript:alert(document.cookie)"),
    Source("bbc", "Live", "BBC", "https://example.com/live"),
)


def _index(sources: tuple[str, ...]) -> tuple[TimelineIndex, Entry]:
    quote = Statement(
        "st-peskov", PartialDate.parse("2025-09-04"), "peskov", "No comment.", sources=sources
    )
    event = Event("ev", PartialDate.parse("2025-09"), "Talks", sources=sources)
    dataset = Dataset(None, None, SOURCES, (Actor("peskov", "Dmitry Peskov"),), (event,), (quote,))
    index = TimelineIndex.build(dataset)
    entry = index.entry("st-peskov")
    assert entry is not None
    return index, entry


class EntrySources(SourceScreen):
    """A screen showing one entry's sources, with the source keys."""

    def __init__(self, index: TimelineIndex, entry: Entry | None) -> None:
        super().__init__()
        self.index = index
        self.entry = entry

    def compose(self) -> ComposeResult:
        blocks = source_blocks(self.index, self.entry) if self.entry else []
        with VerticalScroll():
            for block in blocks:
                yield Static(block.renderable, markup=False)

    def source_entry(self) -> Entry | None:
        return self.entry


class Harness(App[None]):
    """Records what would reach the clipboard and the browser."""

    def __init__(self, index: TimelineIndex, entry: Entry | None) -> None:
        super().__init__()
        self.index = index
        self.entry = entry
        self.copied: list[str] = []
        self.opened: list[str] = []

    def on_mount(self) -> None:
        self.push_screen(EntrySources(self.index, self.entry))

    def copy_to_clipboard(self, text: str) -> None:
        self.copied.append(text)
        super().copy_to_clipboard(text)

    def open_url(self, url: str, *, new_tab: bool = True) -> None:
        self.opened.append(url)


def _segments(app: App[Any]) -> list[list[Segment]]:
    return [list(strip) for strip in app.screen._compositor.render_strips()]


def _lines(app: App[Any]) -> list[str]:
    return ["".join(s.text for s in line).rstrip() for line in _segments(app)]


def _shown(app: App[Any]) -> str:
    """The screen as one line of words (wrapping and borders aside)."""
    return " ".join(" ".join(_lines(app)).replace("▌", " ").split())


def _links(app: App[Any]) -> dict[str, str]:
    """Each hyperlink target on screen, with the text that carries it."""
    links: dict[str, str] = {}
    for line in _segments(app):
        for segment in line:
            if segment.style is not None and segment.style.link:
                links[segment.style.link] = links.get(segment.style.link, "") + segment.text
    return links


async def test_a_long_url_is_shown_in_full_wrapped_at_80_columns() -> None:
    index, entry = _index(("afp", "tass", "bbc"))
    app = Harness(index, entry)
    async with app.run_test(size=(80, 30), notifications=True) as pilot:
        await pilot.pause()
        lines = _lines(app)
        url_lines = [line for line in lines if line.strip() and line[17:].strip()]
        assert max(len(line) for line in lines) <= 80
        assert "…" not in "\n".join(lines)
        # The URL is longer than a line: it goes on over several lines, none of it cut.
        joined = "".join(line[17:].strip() for line in url_lines)
        assert LONG_URL in joined
        assert sum(1 for line in lines if line.startswith(" " * 17) and line.strip()) >= 2
        assert lines[0].startswith("source 1") and "Talks end — AFP, 2025-09-04" in lines[0]


async def test_only_web_addresses_are_hyperlinks() -> None:
    index, entry = _index(("afp", "tass", "bbc"))
    app = Harness(index, entry)
    async with app.run_test(size=(80, 30), notifications=True) as pilot:
        await pilot.pause()
        links = _links(app)
        assert set(links) == {LONG_URL, "https://example.com/live"}
        assert links[LONG_URL] == LONG_URL  # the whole URL, over its lines, carries the link
        assert "javascript:alert(document.cookie) (not a link: not an http or https" in _shown(app)
        # What reaches the terminal: OSC 8 sequences to the two web addresses, and no other.
        output = "".join(
            strip.render(app.console) for strip in app.screen._compositor.render_strips()
        )
        targets = re.findall(r"\x1b\]8;id=[^;]*;([^\x1b]+)\x1b\\", output)
        assert set(targets) == {LONG_URL, "https://example.com/live"}


async def test_the_hostile_url_is_escaped_text_without_a_link() -> None:
    index = load_index([str(DATA / "hostile.yaml")])
    entry = index.entry("st")
    assert entry is not None
    app = Harness(index, entry)
    async with app.run_test(size=(80, 30), notifications=True) as pilot:
        await pilot.pause()
        assert _links(app) == {}
        text = "\n".join(_lines(app))
        assert not [c for c in text if is_unsafe(c)]
        assert "https://example.org/\\x1b]52;c;UFdORUQtQ0xJUA==\\x07[sic]" in text.replace(
            "\n" + " " * 17, ""
        )
        assert "not a link: holds a control or invisible character" in _shown(app)


async def test_y_copies_the_citation_and_says_so() -> None:
    index, entry = _index(("afp", "tass"))
    app = Harness(index, entry)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.press("y")
        await pilot.pause()
        assert app.copied == [citation(index, entry)]
        assert app.copied[0].startswith("Dmitry Peskov: “No comment.” (2025-09-04)")
        assert "Copied the citation of st-peskov (2 sources)" in _shown(app)


async def test_shift_y_copies_the_first_web_url_and_names_its_source() -> None:
    index, entry = _index(("tass", "bbc", "afp"))
    app = Harness(index, entry)
    async with app.run_test(size=(120, 30), notifications=True) as pilot:
        await pilot.press("Y")
        await pilot.pause()
        assert app.copied == ["https://example.com/live"]
        assert "Copied the URL of source 2 of 3 (Live): https://example.com/live" in _shown(app)


async def test_shift_y_without_a_web_url_copies_nothing_and_says_so() -> None:
    index, entry = _index(("tass",))
    app = Harness(index, entry)
    async with app.run_test(size=(120, 30), notifications=True) as pilot:
        await pilot.press("Y")
        await pilot.pause()
        assert app.copied == []
        assert "Nothing copied: st-peskov has no source with a web link" in _shown(app)


async def test_i_copies_the_id() -> None:
    index, entry = _index(())
    app = Harness(index, entry)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.press("i")
        await pilot.pause()
        assert app.copied == ["st-peskov"]
        assert "Copied the id: st-peskov" in _shown(app)


async def test_keys_with_nothing_selected_copy_nothing() -> None:
    index, _entry = _index(())
    app = Harness(index, None)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.press("y", "i")
        await pilot.pause()
        assert app.copied == []
        assert "No entry selected" in _shown(app)


@pytest.fixture
def no_desktop(monkeypatch: pytest.MonkeyPatch) -> None:
    """A Linux terminal reached over SSH: no display, no $BROWSER."""
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "BROWSER"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr("sys.platform", "linux")


@pytest.mark.usefixtures("no_desktop")
async def test_o_without_a_browser_says_how_to_copy_instead() -> None:
    index, entry = _index(("afp",))
    app = Harness(index, entry)
    async with app.run_test(size=(120, 30), notifications=True) as pilot:
        await pilot.press("o")
        await pilot.pause()
        assert app.opened == []
        assert "No browser here (over SSH?): press Y to copy the URL instead" in _shown(app)


@pytest.mark.usefixtures("no_desktop")
async def test_o_opens_the_ascii_address_of_the_first_web_link_with_a_browser(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("BROWSER", "firefox")
    index, entry = _index(("tass", "bbc", "afp"))
    app = Harness(index, entry)
    async with app.run_test(size=(120, 30), notifications=True) as pilot:
        await pilot.press("o")
        await pilot.pause()
        assert app.opened == ["https://example.com/live"]
        assert "Opening https://example.com/live" in _shown(app)
