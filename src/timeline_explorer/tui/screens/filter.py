"""The filter dialog (``f``): actors, kind, date range, a text, marked only and a tag — the same
filters as ``--print``."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, RadioButton, RadioSet, Static

from ...filtering import FilterError, resolve_actors, to_before_from
from ...index import Filter
from ...model import DateError, PartialDate
from ...names import NameMatcher
from ...safetext import visible
from ...sidecar import Notes

KINDS = (None, "event", "statement")


class FilterScreen(ModalScreen[Filter | None]):
    """Edit the filter: actors by id, name or alias (comma-separated), kind, from and to dates,
    a text the entries must contain (as search matches it), only the marked entries, and a tag
    (the data's own, or the user's in the app's ``notes``).

    Args:
        names: finds the actors typed.
        current: the filter shown at first.
    """

    DEFAULT_CSS = """
    FilterScreen #tag-box { margin-left: 2; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", tooltip="Close without changing the filter"),
        Binding("ctrl+r", "clear", "Clear all", tooltip="Remove every filter"),
    ]

    def __init__(self, names: NameMatcher, current: Filter) -> None:
        super().__init__()
        self.names = names
        self.current = current

    def compose(self) -> ComposeResult:
        """The fields, the buttons and a place for errors."""
        current = self.current
        with Vertical(classes="dialog"):
            yield Label("Filter the timeline", classes="dialog-title")
            yield Label("Actors (ids, names or aliases, comma-separated; any of them)")
            yield Input(", ".join(current.actors), placeholder="putin, peskov", id="actors")
            yield Label("Kind")
            with RadioSet(id="kind"):
                for kind in KINDS:
                    yield RadioButton(kind or "all", value=current.kind == kind)
            with Horizontal(classes="dates"):
                for label, value, example, field_id in (
                    ("From (inclusive)", current.date_from, "2025-09", "from"),
                    ("To (inclusive)", current.date_to, "2025-09-05", "to"),
                ):
                    with Vertical():
                        yield Label(label, markup=False)
                        yield Input(value.text if value else "", placeholder=example, id=field_id)
            yield Label("Text (keep entries containing it; case and accents ignored)")
            yield Input(current.text or "", placeholder="ceasefire", id="text")
            with Horizontal(classes="dates"):
                yield Checkbox("Marked entries only", current.marked is not None, id="marked")
                with Vertical(id="tag-box"):
                    yield Label("Tag (yours or the data's)")
                    yield Input(current.tag or "", placeholder="follow-up", id="tag")
            yield Static("", id="filter-error", classes="error", markup=False)
            with Horizontal(classes="buttons"):
                yield Button("Apply", variant="primary", id="apply")
                yield Button("Clear all", id="clear")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        """Start in the actors field."""
        self.query_one("#actors", Input).focus()

    @staticmethod
    def _date(text: str, name: str) -> PartialDate | None:
        if not text.strip():
            return None
        try:
            return PartialDate.parse(text)
        except DateError as exc:
            raise FilterError(f"{name}: {exc}") from None

    def build_filter(self) -> Filter:
        """The filter the fields describe; raises FilterError with a message."""
        actors = resolve_actors(self.names, self.query_one("#actors", Input).value.split(","))
        kind = KINDS[max(0, self.query_one("#kind", RadioSet).pressed_index)]
        low = self._date(self.query_one("#from", Input).value, "From")
        high = self._date(self.query_one("#to", Input).value, "To")
        if to_before_from(low, high):
            raise FilterError("'To' is before 'From'")
        text = self.query_one("#text", Input).value.strip() or None
        marked = None
        if self.query_one("#marked", Checkbox).value:
            notes = getattr(self.app, "notes", None)
            marked = frozenset(getattr(notes, "marked", ()))
        tag = self.query_one("#tag", Input).value.strip() or None
        tagged: frozenset[str] = frozenset()
        if tag:
            notes = getattr(self.app, "notes", None)
            tagged = notes.tagged(tag) if isinstance(notes, Notes) else frozenset()
        return Filter(actors, kind, low, high, text, marked, tag, tagged)

    def _apply(self) -> None:
        try:
            self.dismiss(self.build_filter())
        except FilterError as exc:
            self.query_one("#filter-error", Static).update(visible(str(exc)))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in any field applies."""
        event.stop()
        self._apply()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """Apply, clear or cancel."""
        event.stop()
        if event.button.id == "apply":
            self._apply()
        elif event.button.id == "clear":
            self.action_clear()
        else:
            self.action_cancel()

    def action_clear(self) -> None:
        """Remove every filter."""
        self.dismiss(Filter())

    def action_cancel(self) -> None:
        """Keep the filter as it was."""
        self.dismiss(None)
