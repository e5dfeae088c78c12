"""The footer: one line with the keys that matter on the current screen.

One widget drawing one line of text (Textual's Footer mounts a widget per key, which costs a
tenth of a second at start-up); it follows the screen's active bindings and a click on a key
runs it.
"""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.dom import DOMNode
from textual.screen import Screen
from textual.widgets import Static


class KeyBar(Static):
    """Key hints for the focused widget, its screen and the app."""

    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        background: $panel;
    }
    """

    def __init__(self) -> None:
        super().__init__(markup=False)
        self._spans: list[tuple[int, int, Binding, DOMNode]] = []

    def on_mount(self) -> None:
        """Follow the screen's bindings as focus moves."""
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self._bindings_changed(self.screen)

    def on_unmount(self) -> None:
        """Stop following."""
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen[object]) -> None:
        if screen is not self.screen or not self.is_attached:
            return
        text = Text(no_wrap=True, overflow="ellipsis")
        spans: list[tuple[int, int, Binding, DOMNode]] = []
        seen: set[str] = set()
        for node, binding, enabled, _tooltip in screen.active_bindings.values():
            if not binding.show or binding.action in seen or not binding.description:
                continue
            seen.add(binding.action)
            start = len(text)
            text.append(
                f" {self.app.get_key_display(binding)} ", "bold reverse" if enabled else "dim"
            )
            text.append(f" {binding.description} ", "" if enabled else "dim")
            spans.append((start, len(text), binding, node))
        if self.app.ENABLE_COMMAND_PALETTE:
            text.append(" ^p ", "bold reverse")
            text.append(" Palette ")
        self._spans = spans
        self.update(text)

    async def on_click(self, event: events.Click) -> None:
        """Run the key that was clicked."""
        for start, end, binding, node in self._spans:
            if start <= event.x < end:
                await self.app.run_action(binding.action, node)
                return
