"""An entry's sources in the TUI: full URLs as terminal hyperlinks, and keys to copy and open.

- :func:`source_blocks` draws each source of an entry for the details pane and the entry page:
  its title, publisher and date, then its URL in full, wrapped at any character, never cut. A
  URL that passes :func:`..citation.check_url` is a terminal hyperlink (OSC 8) to the address
  the app built itself; any other is plain text, with the reason it is not a link.
- :func:`copy_citation`, :func:`copy_url` and :func:`copy_id` put text on the clipboard with
  ``App.copy_to_clipboard`` (OSC 52, which also works over SSH) and say in a notice what was
  copied; :func:`open_link` opens the first web link in a browser, or says how to copy it when
  there is no browser here.
- :class:`SourceScreen` is a screen base with the keys (:data:`SOURCE_BINDINGS`) and actions;
  a screen subclasses it and says which entry is selected in :meth:`SourceScreen.source_entry`.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from typing import Any, ClassVar

from rich.style import Style
from rich.text import Text
from textual.app import App
from textual.binding import Binding, BindingType
from textual.screen import Screen

from ..citation import (
    WebUrl,
    check_url,
    citation,
    entry_sources,
    link_style,
    source_text,
    web_links,
)
from ..index import TimelineIndex
from ..model import Entry
from ..safetext import one_line, visible
from .widgets.blocks import Block, labelled

URL_STYLE = Style(underline=True)
"""How a linked URL looks (the link itself is in :func:`..citation.link_style`)."""

SOURCE_BINDINGS: list[BindingType] = [
    Binding("y", "copy_citation", "Cite", tooltip="Copy the entry as a citation"),
    Binding("Y", "copy_url", "Copy URL", show=False, tooltip="Copy the first source's URL"),
    Binding("i", "copy_id", "Copy id", show=False, tooltip="Copy the entry's id"),
    Binding("o", "open_link", "Open link", show=False, tooltip="Open the first source's URL"),
]
"""The keys for sources, on every screen where an entry is selected."""

HELP_KEYS: list[tuple[str, str]] = [
    ("y  Y", "copy the entry as a citation / its source's URL"),
    ("i  o", "copy the entry's id / open its web link"),
]
"""Lines for the help screen, in its (key, what it does) form."""


def url_renderable(raw: str) -> Text:
    """A URL in full, folded at any character when longer than the line.

    A valid web address is a hyperlink to its ASCII form; an international host is followed by
    that ASCII host (a look-alike name cannot pass for another); any other URL is plain,
    escaped text followed by the reason it is not a link.
    """
    checked = check_url(raw)
    if isinstance(checked, WebUrl):
        text = Text(overflow="fold")  # the link on the URL alone, not on the padding after it
        text.append(visible(checked.text), URL_STYLE + link_style(checked))
        if checked.international:
            text.append(f"  (host {checked.ascii_host})", "dim")
        return text
    text = Text(one_line(raw), overflow="fold")
    text.append(f"  (not a link: {checked})", "dim")
    return text


def source_blocks(index: TimelineIndex, entry: Entry) -> list[Block]:
    """The entry's sources as blocks for :func:`.widgets.entry_details.entry_blocks`.

    Each source is a ``source`` line (``source 1``, ``source 2``... when there are several)
    with its title, publisher and date, and a line below with its URL when it has one.
    """
    sources = entry_sources(index, entry)
    blocks: list[Block] = []
    for number, source in enumerate(sources, 1):
        label = f"source {number}" if len(sources) > 1 else "source"
        blocks.append(Block("fact", labelled(label, Text(source_text(source)))))
        if source.url:
            blocks.append(Block("fact", labelled("", url_renderable(source.url))))
    return blocks


def _notify(app: App[Any], message: str, *, warning: bool = False) -> None:
    app.notify(message, markup=False, severity="warning" if warning else "information")


def copy_citation(app: App[Any], index: TimelineIndex, entry: Entry) -> str:
    """Copy the entry as a citation (see :func:`..citation.citation`); returns what was copied."""
    text = citation(index, entry)
    app.copy_to_clipboard(text)
    count = len(entry_sources(index, entry))
    sources = f"{count} source{'s' if count != 1 else ''}"
    _notify(app, f"Copied the citation of {one_line(entry.id)} ({sources})")
    return text


def copy_url(app: App[Any], index: TimelineIndex, entry: Entry) -> str | None:
    """Copy the URL of the entry's first source with a web link; returns it (None: nothing)."""
    links = web_links(index, entry)
    if not links:
        _notify(
            app, f"Nothing copied: {one_line(entry.id)} has no source with a web link", warning=True
        )
        return None
    number, source, url = links[0]
    app.copy_to_clipboard(url.text)
    which = ""
    count = len(entry_sources(index, entry))
    if count > 1:
        which = f" of source {number} of {count} ({one_line(source.title)})"
    _notify(app, f"Copied the URL{which}: {one_line(url.text)}")
    return url.text


def copy_id(app: App[Any], entry: Entry) -> str:
    """Copy the entry's id; returns it."""
    app.copy_to_clipboard(entry.id)
    _notify(app, f"Copied the id: {one_line(entry.id)}")
    return entry.id


def browser_available(
    app: App[Any],
    environ: Mapping[str, str] | None = None,
    platform: str | None = None,
) -> bool:
    """Whether a URL can open in a browser without taking over this terminal.

    True in a browser (``timeline serve``), on macOS and Windows, when ``$BROWSER`` names one,
    or on a graphical desktop (``$DISPLAY`` or ``$WAYLAND_DISPLAY``) with a graphical browser.
    Over plain SSH the only browsers are text ones, which would fight the app for the terminal.

    Args:
        app: The running app.
        environ: The environment (default: ``os.environ``).
        platform: ``sys.platform`` (default: this one).
    """
    env = os.environ if environ is None else environ
    if app.is_web:
        return True
    if (platform or sys.platform) in ("darwin", "win32"):
        return True
    if env.get("BROWSER"):
        return True
    if not (env.get("DISPLAY") or env.get("WAYLAND_DISPLAY")):
        return False
    import webbrowser  # only when a browser is asked for

    try:
        browser = webbrowser.get()
    except webbrowser.Error:
        return False
    if isinstance(browser, webbrowser.BackgroundBrowser):
        return True
    return isinstance(browser, webbrowser.UnixBrowser) and browser.background


def open_url(app: App[Any], url: WebUrl) -> bool:
    """Open a validated URL in the browser, or say how to copy it; True when it was opened."""
    if not browser_available(app):
        _notify(
            app,
            f"No browser here (over SSH?): press Y to copy the URL instead: {one_line(url.text)}",
            warning=True,
        )
        return False
    app.open_url(url.target)
    _notify(app, f"Opening {one_line(url.text)}")
    return True


def open_link(app: App[Any], index: TimelineIndex, entry: Entry) -> bool:
    """Open the first web link of the entry's sources; True when a browser was asked to."""
    links = web_links(index, entry)
    if not links:
        message = f"Nothing to open: {one_line(entry.id)} has no source with a web link"
        _notify(app, message, warning=True)
        return False
    return open_url(app, links[0][2])


class SourceScreen(Screen[None]):
    """A screen where an entry can be selected: keys to cite, copy and open its sources.

    A subclass sets ``index`` and says which entry is selected in :meth:`source_entry`.
    """

    BINDINGS: ClassVar[list[BindingType]] = SOURCE_BINDINGS

    index: TimelineIndex

    def source_entry(self) -> Entry | None:
        """The entry the keys act on (None: nothing selected)."""
        raise NotImplementedError

    def _selected(self) -> Entry | None:
        entry = self.source_entry()
        if entry is None:
            _notify(self.app, "No entry selected", warning=True)
        return entry

    def action_copy_citation(self) -> None:
        """Copy the selected entry as a citation."""
        if (entry := self._selected()) is not None:
            copy_citation(self.app, self.index, entry)

    def action_copy_url(self) -> None:
        """Copy the URL of the selected entry's first web link."""
        if (entry := self._selected()) is not None:
            copy_url(self.app, self.index, entry)

    def action_copy_id(self) -> None:
        """Copy the selected entry's id."""
        if (entry := self._selected()) is not None:
            copy_id(self.app, entry)

    def action_open_link(self) -> None:
        """Open the selected entry's first web link."""
        if (entry := self._selected()) is not None:
            open_link(self.app, self.index, entry)
