"""Focusable links to actors and entries, used on the detail and actor views."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar, Literal

from rich.console import RenderableType
from textual import events
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import Static


@dataclass(frozen=True, slots=True)
class Target:
    """Where a link goes: an actor or an entry, by id."""

    kind: Literal["actor", "entry"]
    id: str


class Link(Static, can_focus=True):
    """One line that can be focused and followed with Enter or a click.

    The focused link is shown in reverse video: it reads at the contrast of any text on the page,
    and stands out also in 16 colours and with ``NO_COLOR``.
    """

    DEFAULT_CSS = """
    Link:focus {
        background: $surface;
        color: $foreground;
        text-style: bold reverse;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "follow", "Follow", tooltip="Follow this link"),
        Binding("down,j", "next_link", "Next link", show=False, tooltip="Focus the next link"),
        Binding(
            "up,k", "previous_link", "Previous link", show=False, tooltip="Focus the previous link"
        ),
    ]

    class Followed(Message):
        """The user followed a link to ``target``."""

        def __init__(self, target: Target) -> None:
            super().__init__()
            self.target = target

    def __init__(
        self, label: RenderableType, target: Target, *, classes: str | None = None
    ) -> None:
        super().__init__(label, classes=classes, markup=False)
        self.target = target

    def action_follow(self) -> None:
        """Go where the link points."""
        self.post_message(self.Followed(self.target))

    def on_click(self, event: events.Click) -> None:
        """Clicking follows the link."""
        event.stop()
        self.action_follow()

    def action_next_link(self) -> None:
        """Focus the next focusable widget."""
        self.screen.focus_next()

    def action_previous_link(self) -> None:
        """Focus the previous focusable widget."""
        self.screen.focus_previous()


class LinkPane(VerticalScroll):
    """A scrollable pane of facts and links; Enter on the pane focuses its first link."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "first_link", "Links", tooltip="Focus the first link in this pane"),
    ]

    def action_first_link(self) -> None:
        """Focus the first link, if there is one."""
        links = self.query(Link)
        if links:
            links.first().focus()
