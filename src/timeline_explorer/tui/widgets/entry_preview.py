"""The detail pane beside the timeline: the selected entry, drawn line by line.

A ScrollView on the Line API, like the list: the entry is rendered into strips once, and when
the selection moves only the lines that differ from what is on screen are redrawn, so moving
the cursor costs few bytes even over a slow link. Its links are lines, not widgets: when the
pane has the focus (Tab from the list) one of them is shown in reverse video, as a focused link
is anywhere else. The first is the entry's heading, which opens the entry's own page; Down and
Up (``j``, ``k``) go from link to link and Enter follows it. A click opens the entry's page.
"""

from __future__ import annotations

from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from ...index import TimelineIndex
from .entry_details import entry_blocks, user_note, user_tags
from .links import Link, Target

# Blank lines before a block of each kind (and after "words"), as the entry page's CSS spaces them.
_SPACE_BEFORE = {"entry-head": 1, "title": 1, "words": 1, "section": 1}
_SPACE_AFTER = {"words": 1}


FOCUSED_LINK = Style(bold=True, reverse=True)
"""How the chosen link shows while the pane has the focus (as ``Link:focus``)."""


class EntryPreview(ScrollView, can_focus=True):
    """A view of one entry that redraws only changed lines, with a link cursor when focused."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "follow", "Follow", tooltip="Follow the highlighted link"),
        Binding("down,j", "next_link(1)", "Next link", show=False, tooltip="The next link"),
        Binding("up,k", "next_link(-1)", "Prev link", show=False, tooltip="The previous link"),
    ]

    class OpenRequested(Message):
        """The user asked to open the previewed entry."""

        def __init__(self, position: int) -> None:
            super().__init__()
            self.position = position

    def __init__(self, index: TimelineIndex, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.index = index
        self.position: int | None = None
        self._lines: list[Strip] = []
        self._width = 0
        self._links: list[tuple[int, int, Target]] = []
        """Each link's first line, the line after it, and where it goes."""
        self.link: int | None = None
        """The link shown as focused (an index of ``_links``), while the pane has the focus."""

    def use_index(self, index: TimelineIndex) -> None:
        """Show new data: the pane is drawn again at the next :meth:`show`."""
        self.index = index
        self.position = None

    def show(self, position: int | None) -> None:
        """Show the entry at an index position (None: nothing)."""
        if position == self.position and self._width == self._content_width():
            return
        self.position = position
        self._redraw(keep_scroll=False)

    def _content_width(self) -> int:
        return max(10, self.scrollable_content_region.width)

    def _render_lines(self, width: int) -> list[Strip]:
        if self.position is None:
            return []
        console = self.app.console
        options = console.options.update_width(width - 1)
        base = self.rich_style
        lines: list[Strip] = []
        self._links = []
        entry = self.index.entries[self.position]
        note, tags = user_note(self, entry.id), user_tags(self, entry.id)
        for block in entry_blocks(self.index, entry, self.app.theme_variables, note, tags):
            if lines or block.kind != "entry-head":
                lines.extend(
                    Strip.blank(width, base) for _ in range(_SPACE_BEFORE.get(block.kind, 0))
                )
            first = len(lines)
            for segments in console.render_lines(block.renderable, options, pad=False):
                strip = Strip([Segment(" ", base), *Segment.apply_style(segments, base)])
                lines.append(strip.adjust_cell_length(width, base))
            target = block.target
            if block.kind == "entry-head":  # the first link: the entry's own page
                target = Target("entry", entry.id)
            if target is not None:
                self._links.append((first, len(lines), target))
            lines.extend(Strip.blank(width, base) for _ in range(_SPACE_AFTER.get(block.kind, 0)))
        return lines

    def _redraw(self, keep_scroll: bool) -> None:
        width = self._content_width()
        old, old_width = self._lines, self._width
        self._lines = self._render_lines(width)
        self._width = width
        if self.link is not None:
            self.link = 0 if self._links else None
        self.virtual_size = Size(width, len(self._lines))
        if not keep_scroll and round(self.scroll_offset.y) != 0:
            self.scroll_to(y=0, animate=False, immediate=True)
            self.refresh()
            return
        if old_width != width:
            self.refresh()
            return
        top = round(self.scroll_offset.y)
        for y in range(top, top + self.scrollable_content_region.height):
            before = old[y] if y < len(old) else None
            after = self._lines[y] if y < len(self._lines) else None
            if before != after:
                self.refresh_line(y)

    def render_line(self, y: int) -> Strip:
        """One line of the rendered entry, or blank."""
        row = y + round(self.scroll_offset.y)
        width = self.scrollable_content_region.width
        if row < len(self._lines):
            strip = self._lines[row].crop_extend(0, width, self.rich_style)
            if self.link is not None and self.link < len(self._links):
                first, end, _target = self._links[self.link]
                if first <= row < end:
                    strip = strip.apply_style(FOCUSED_LINK)
            return strip
        return Strip.blank(width, self.rich_style)

    def _refresh_link(self, link: int | None) -> None:
        if link is not None and link < len(self._links):
            first, end, _target = self._links[link]
            self.refresh_lines(first, end - first)

    def _choose(self, link: int | None) -> None:
        """Show another link as focused, scrolled into view."""
        old, self.link = self.link, link
        self._refresh_link(old)
        self._refresh_link(link)
        if link is not None:
            first, end, _target = self._links[link]
            top = round(self.scroll_offset.y)
            height = self.scrollable_content_region.height
            if first < top:
                self.scroll_to(y=first, animate=False, immediate=True)
            elif end > top + height:
                self.scroll_to(y=min(first, end - height), animate=False, immediate=True)

    def on_focus(self, _event: events.Focus) -> None:
        """Tab into the pane shows its first link as focused."""
        self._choose(0 if self._links else None)

    def on_blur(self, _event: events.Blur) -> None:
        """No link is shown as focused once the focus is elsewhere."""
        self._choose(None)

    def action_next_link(self, step: int) -> None:
        """Show the next (1) or previous (-1) link as focused; without links, scroll."""
        if not self._links:
            if step > 0:
                self.scroll_down(animate=False)
            else:
                self.scroll_up(animate=False)
            return
        current = self.link if self.link is not None else -step
        self._choose(max(0, min(len(self._links) - 1, current + step)))

    def action_follow(self) -> None:
        """Follow the link shown as focused; without one, open the entry's page."""
        if self.link is not None and self.link < len(self._links):
            self.post_message(Link.Followed(self._links[self.link][2]))
        else:
            self.action_open()

    def on_resize(self, _event: events.Resize) -> None:
        """Wrap again for the new width."""
        if self._width != self._content_width():
            self._redraw(keep_scroll=True)

    def notify_style_update(self) -> None:
        """Theme or CSS changed: render again."""
        super().notify_style_update()
        if self.is_mounted:
            self._width = 0
            self.call_later(self._redraw, True)

    def action_open(self) -> None:
        """Open the previewed entry on its own page."""
        if self.position is not None:
            self.post_message(self.OpenRequested(self.position))

    def on_click(self, _event: events.Click) -> None:
        """A click opens the entry too."""
        self.action_open()
