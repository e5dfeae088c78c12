"""The footer: one line with the keys that matter on the current screen.

One widget drawing one line of text (Textual's Footer mounts a widget per key, which costs a
tenth of a second at start-up); it follows the screen's active bindings and a click on a key
runs it. When the keys do not all fit, whole keys are left out (the first ones, which matter
most, stay), the help and palette keys always show with their labels: no key is cut.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.dom import DOMNode
from textual.screen import Screen
from textual.widgets import Static

PINNED = frozenset({"app.help", "help"})
"""Actions whose key stays on the bar however narrow (with the palette's)."""


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
        self._keys: list[tuple[str, str, bool, Binding, DOMNode]] = []
        self._spans: list[tuple[int, int, Binding, DOMNode]] = []

    def on_mount(self) -> None:
        """Follow the screen's bindings as focus moves."""
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self._bindings_changed(self.screen)

    def on_unmount(self) -> None:
        """Stop following."""
        self.screen.bindings_updated_signal.unsubscribe(self)

    def on_resize(self) -> None:
        """Fit the keys to the new width."""
        self._fit()

    def _bindings_changed(self, screen: Screen[object]) -> None:
        if screen is not self.screen or not self.is_attached:
            return
        keys: list[tuple[str, str, bool, Binding, DOMNode]] = []
        seen: set[str] = set()
        for node, binding, enabled, _tooltip in screen.active_bindings.values():
            if not binding.show or binding.action in seen or not binding.description:
                continue
            seen.add(binding.action)
            keys.append(
                (self.app.get_key_display(binding), binding.description, enabled, binding, node)
            )
        self._keys = keys
        self._fit()

    def _fit(self) -> None:
        """Draw the keys that fit the width, each whole, and the palette's key at the end."""
        width = self.size.width or 80
        palette = " ^p  Palette " if self.app.ENABLE_COMMAND_PALETTE else ""
        room = width - cell_len(palette)
        shown: set[int] = set()
        pinned = [i for i, key in enumerate(self._keys) if key[3].action in PINNED]
        for i in [*pinned, *range(len(self._keys))]:
            key, description = self._keys[i][:2]
            needed = cell_len(key) + cell_len(description) + 4
            if i not in shown and needed <= room:  # a later, shorter key may still fit
                shown.add(i)
                room -= needed
        text = Text(no_wrap=True, overflow="crop")
        spans: list[tuple[int, int, Binding, DOMNode]] = []
        for i, (key, description, enabled, binding, node) in enumerate(self._keys):
            if i not in shown:
                continue
            start = len(text)
            text.append(f" {key} ", "bold reverse" if enabled else "dim")
            text.append(f" {description} ", "" if enabled else "dim")
            spans.append((start, len(text), binding, node))
        if palette and cell_len(palette) <= width:
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
