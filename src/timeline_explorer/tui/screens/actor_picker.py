"""The actor picker (``a``): type part of a name, pick with Enter."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.fuzzy import Matcher
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from ...index import TimelineIndex
from ...safetext import one_line

MAX_SHOWN = 200


class ActorPickerScreen(ModalScreen[str | None]):
    """A fuzzy list of actors by name, id and alias."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", tooltip="Close without choosing"),
        Binding("down", "move(1)", "Down", show=False, tooltip="Next actor"),
        Binding("up", "move(-1)", "Up", show=False, tooltip="Previous actor"),
    ]

    def __init__(self, index: TimelineIndex) -> None:
        super().__init__()
        self.index = index
        self._all = sorted(index.actors.values(), key=lambda a: a.name.casefold())

    def compose(self) -> ComposeResult:
        """The field and the list."""
        with Vertical(classes="dialog", id="picker"):
            yield Label("Go to an actor", classes="dialog-title")
            yield Input(placeholder="Type part of a name, id or alias", id="actor-query")
            yield OptionList(id="actor-options")

    def on_mount(self) -> None:
        """Fill the list with every actor."""
        self._fill("")
        self.query_one(Input).focus()

    def _fill(self, query: str) -> None:
        options = self.query_one(OptionList)
        options.clear_options()
        scored = []
        matcher = Matcher(query) if query.strip() else None
        for actor in self._all:
            if matcher is None:
                scored.append((0.0, actor))
                continue
            score = max(
                matcher.match(actor.name),
                matcher.match(actor.id),
                *(matcher.match(alias) for alias in actor.aliases),
            )
            if score > 0:
                scored.append((score, actor))
        if matcher is not None:
            scored.sort(key=lambda pair: -pair[0])
        for _, actor in scored[:MAX_SHOWN]:
            label = Text.assemble((one_line(actor.name), "bold"), (f"  {actor.kind}", "dim"))
            if actor.description:
                label.append(f"  {one_line(actor.description)}", "dim")
            options.add_option(Option(label, id=actor.id))
        if options.option_count:
            options.highlighted = 0

    def on_input_changed(self, event: Input.Changed) -> None:
        """Refine the list as you type."""
        self._fill(event.value)

    def action_move(self, step: int) -> None:
        """Move the highlight from the field."""
        options = self.query_one(OptionList)
        if options.option_count:
            current = options.highlighted or 0
            options.highlighted = max(0, min(options.option_count - 1, current + step))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter picks the highlighted actor."""
        event.stop()
        options = self.query_one(OptionList)
        if options.highlighted is not None:
            self.dismiss(options.get_option_at_index(options.highlighted).id)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """A click or Enter in the list picks that actor."""
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        """Close without choosing."""
        self.dismiss(None)
