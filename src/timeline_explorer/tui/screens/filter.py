"""The filter dialog (``f``): actors, entry type (the "Kind" radios), date range, a text, marked
only and a tag — the same filters as ``--print``."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, RadioButton, RadioSet, Static

from ...filtering import FilterError, resolve_actors, to_before_from
from ...index import Filter
from ...model import DateError, PartialDate
from ...names import NameMatcher
from ...safetext import visible
from ...sidecar import Notes
from ..examples import Examples

ENTRY_TYPES = (None, "event", "statement")


class FilterScreen(ModalScreen[Filter | None]):
    """Edit the filter: actors by id, name or alias (comma-separated), entry type, from and to
    dates, a text the entries must contain (as search matches it), only the marked entries, and a
    tag (the data's own, or the user's in the app's ``notes``).

    Args:
        names: finds the actors typed.
        current: the filter shown at first.
        examples: what the empty fields show, from the open file.
    """

    DEFAULT_CSS = """
    FilterScreen #tag-box { margin-left: 2; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", tooltip="Close without changing the filter"),
        Binding("ctrl+r", "clear", "Clear all", tooltip="Remove every filter"),
    ]

    def __init__(
        self, names: NameMatcher, current: Filter, examples: Examples | None = None
    ) -> None:
        super().__init__()
        self.names = names
        self.current = current
        self.examples = examples or Examples()

    def compose(self) -> ComposeResult:
        """The fields, the buttons and a place for errors."""
        current = self.current
        shown = self.examples
        with VerticalScroll(classes="dialog"):
            yield Label("Filter the timeline", classes="dialog-title")
            yield Label("Actors (id, name or alias; several with commas)")
            yield Input(", ".join(current.actors), placeholder=shown.actors, id="actors")
            yield Label("Kind")
            with RadioSet(id="entry-type"):
                for entry_type in ENTRY_TYPES:
                    yield RadioButton(entry_type or "all", value=current.entry_type == entry_type)
            with Horizontal(classes="dates"):
                for label, value, example, field_id in (
                    ("From (inclusive)", current.date_from, shown.month, "from"),
                    ("To (inclusive)", current.date_to, shown.day, "to"),
                ):
                    with Vertical():
                        yield Label(label, markup=False)
                        yield Input(value.text if value else "", placeholder=example, id=field_id)
            yield Label("Text the entries contain (case and accents ignored)")
            yield Input(current.text or "", placeholder=shown.word, id="text")
            with Horizontal(classes="dates"):
                yield Checkbox("Marked entries only", current.marked is not None, id="marked")
                with Vertical(id="tag-box"):
                    yield Label("Tag (yours or the data's)")
                    yield Input(current.tag or "", placeholder="follow-up", id="tag")
            error = Static("", id="filter-error", classes="error", markup=False)
            error.display = False  # its line only when there is something to say
            yield error
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
        entry_type = ENTRY_TYPES[max(0, self.query_one("#entry-type", RadioSet).pressed_index)]
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
        return Filter(actors, entry_type, low, high, text, marked, tag, tagged)

    def _apply(self) -> None:
        try:
            self.dismiss(self.build_filter())
        except FilterError as exc:
            error = self.query_one("#filter-error", Static)
            error.update(visible(str(exc)))
            error.display = True
            error.scroll_visible(animate=False)

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
