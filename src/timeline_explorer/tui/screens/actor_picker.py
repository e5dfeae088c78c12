"""The actor picker (``a``): type part of a name, pick with Enter."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from ...filtering import actor_matcher
from ...index import TimelineIndex
from ...model import Actor
from ...safetext import one_line

MAX_SHOWN = 200


class ActorPickerScreen(ModalScreen[str | None]):
    """A list of actors found by id, name or alias as you type (the one name matcher)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", tooltip="Close without choosing"),
        Binding("down", "move(1)", "Down", show=False, tooltip="Next actor"),
        Binding("up", "move(-1)", "Up", show=False, tooltip="Previous actor"),
    ]

    def __init__(self, index: TimelineIndex) -> None:
        super().__init__()
        self.index = index
        self.names = actor_matcher(index)

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

    def _found(self, query: str) -> list[tuple[Actor, str | None]]:
        """The actors to list for ``query``, best first, each with the alias that found it."""
        actors = self.index.actors
        if not query.strip():
            every = sorted(actors.values(), key=lambda a: a.name.casefold())
            return [(actor, None) for actor in every[:MAX_SHOWN]]
        return [
            (actors[m.actor_id], m.text if m.field == "alias" else None)
            for m in self.names.matches(query, limit=MAX_SHOWN)
        ]

    def _fill(self, query: str) -> None:
        options = self.query_one(OptionList)
        options.clear_options()
        for actor, alias in self._found(query):
            label = Text.assemble((one_line(actor.name), "bold"), (f"  {actor.kind}", "dim"))
            if alias is not None:
                label.append(f"  also known as {one_line(alias)}", "italic")
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
