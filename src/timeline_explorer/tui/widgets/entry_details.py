"""The details of one entry: full words or description, every fact, and links to follow.

Sources come from :func:`..sources.source_blocks`: full URLs, folded, never cut; only
validated web addresses are terminal hyperlinks.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from functools import partial

from rich.text import Text
from textual.widget import Widget
from textual.widgets import Static

from ...index import TimelineIndex
from ...kinds import theme_variable
from ...model import Entry, PartialDate, Precision, Statement
from ...plain import entry_label
from ...safetext import one_line, visible
from ..sources import source_blocks
from .blocks import LABEL_WIDTH as LABEL_WIDTH
from .blocks import Block as Block
from .blocks import labelled as labelled
from .links import Link, LinkPane, Target

DATE_COLOUR = "text-primary"
"""The theme variable dates are shown in on entry pages and in the detail pane."""

Theme = Mapping[str, str]
"""A theme's variables (``App.theme_variables``): name without ``$`` to value."""


def theme_colour(theme: Theme | None, variable: str | None) -> str:
    """The colour of a theme variable as a Rich style ("" when the theme does not give one)."""
    value = theme.get(variable, "") if theme is not None and variable else ""
    return value if value.startswith("#") else ""


def date_with_precision(date: PartialDate, end: PartialDate | None = None) -> str:
    """``2025-09 (month)``, ``2025-09-04``, or a span ``2025-09-04 → 2025-09-05``."""
    shown = date.display()
    if date.precision is Precision.MONTH:
        shown += " (month)"
    elif date.precision is Precision.YEAR:
        shown += " (year)"
    if end is not None:
        shown += f" → {end.display()}"
    return shown


def fact(label: str, value: str) -> Block:
    """A ``label  value`` line; the value is data, made visible."""
    return Block("fact", labelled(label, Text(visible(value))))


def actor_link(index: TimelineIndex, label: str, actor_id: str) -> Block:
    """A link to an actor, with its role in the entry as the label."""
    actor = index.actors.get(actor_id)
    text = Text(one_line(index.actor_name(actor_id)), "bold")
    if actor and actor.description:
        text.append(f"  {one_line(actor.description)}", "dim")
    return Block("link", labelled(label, text), Target("actor", actor_id))


def entry_link(index: TimelineIndex, label: str, entry_id: str, theme: Theme | None) -> Block:
    """A link to another entry, labelled with its date and title or words."""
    entry = index.entry(entry_id)
    when = entry.date.display() if entry else ""
    text = Text.assemble(
        (when + "  ", theme_colour(theme, DATE_COLOUR)), entry_label(index, entry_id, 200)
    )
    return Block("link", labelled(label, text), Target("entry", entry_id))


def section(title: str) -> Block:
    """A small heading inside the details."""
    return Block("section", Text(title, "bold underline"))


LIMIT = 100
"""At most this many links of one kind on an entry's page: a page of thousands of links would
take seconds to build, and nobody reads them there (they are all in the timeline)."""


def _capped(items: Sequence[str], link: Callable[[str], Block], noun: str) -> list[Block]:
    """Links to the first :data:`LIMIT` items, and a line saying how many more there are."""
    links = [link(item) for item in items[:LIMIT]]
    if len(items) <= len(links):
        return links
    more = (
        f"… and {len(items) - len(links):,} more {noun}, not listed here (all are in the timeline)"
    )
    return [*links, Block("more", Text(more, "italic"))]


def _placement(index: TimelineIndex, entry: Entry, theme: Theme | None) -> list[Block]:
    """Where the entry sits and why: the entries it was written to follow (``after``) and to
    precede (``before``), and, when a constraint put it below entries dated later than its own
    date, the entry it was placed after (unless it is one of those already shown)."""
    blocks = [entry_link(index, "after", other, theme) for other in entry.after[:LIMIT]]
    blocks += [entry_link(index, "before", other, theme) for other in entry.before[:LIMIT]]
    position = index.position(entry.id)
    placed = index.placed_after(position) if position is not None else None
    shown = {*entry.after, getattr(entry, "event", None), getattr(entry, "responds_to", None)}
    if placed is not None and placed.id not in shown:
        blocks.append(entry_link(index, "placed after", placed.id, theme))
    return blocks


def _counted(
    title: str, items: Sequence[str], link: Callable[[str], Block], noun: str
) -> list[Block]:
    """A section headed by its title and count, then the :func:`_capped` links."""
    return [section(f"{title} ({len(items)})"), *_capped(items, link, noun)]


def entry_blocks(
    index: TimelineIndex,
    entry: Entry,
    theme: Theme | None = None,
    note: str | None = None,
    my_tags: Sequence[str] = (),
) -> list[Block]:
    """Everything that shows an entry: header line, words, facts and links.

    Args:
        index: the data.
        entry: the entry shown.
        theme: the app's theme variables, for the colours of kinds and dates.
        note: the user's own note on the entry (from the sidecar), shown after the facts.
        my_tags: the user's own tags on the entry (from the sidecar).
    """
    blocks: list[Block] = []
    kind = Text(
        entry.kind_label.upper(), f"bold {theme_colour(theme, theme_variable(entry.kind_label))}"
    )
    date_colour = theme_colour(theme, DATE_COLOUR)
    if isinstance(entry, Statement):
        head = Text.assemble(kind, "  ", (date_with_precision(entry.date), date_colour))
        if entry.language:
            head.append(f"  [{visible(entry.language)}]", "dim")
        blocks.append(Block("entry-head", head))
        words = visible(entry.text)
        blocks.append(Block("words", Text(f"“{words}”" if entry.kind == "quote" else words)))
        blocks.append(actor_link(index, "speaker", entry.speaker))
        if entry.on_behalf_of:
            blocks.append(actor_link(index, "on behalf of", entry.on_behalf_of))
        if entry.place:
            blocks.append(fact("place", entry.place))
        if entry.context:
            blocks.append(fact("context", entry.context))
        if entry.event:
            blocks.append(entry_link(index, "at event", entry.event, theme))
        if entry.responds_to:
            blocks.append(entry_link(index, "responds to", entry.responds_to, theme))
        blocks.extend(_placement(index, entry, theme))
        blocks.extend(
            _capped(entry.mentions, partial(actor_link, index, "mentions"), "mentioned actors")
        )
    else:
        head = Text.assemble(kind, "  ", (date_with_precision(entry.date, entry.end), date_colour))
        blocks.append(Block("entry-head", head))
        blocks.append(Block("title", Text(visible(entry.title), "bold")))
        if entry.description:
            blocks.append(Block("words", Text(visible(entry.description))))
        if entry.place:
            blocks.append(fact("place", entry.place))
        blocks.extend(_placement(index, entry, theme))
        blocks.extend(
            _capped(entry.actors, partial(actor_link, index, "took part"), "participants")
        )
        said = index.statements_at(entry.id)
        if said:
            said_here = partial(entry_link, index, "said here", theme=theme)
            blocks.extend(
                _counted("Said at this event", [s.id for s in said], said_here, "statements")
            )
    replies = index.replies(entry.id)
    if replies:
        reply = partial(entry_link, index, "reply", theme=theme)
        blocks.extend(_counted("Replies", [r.id for r in replies], reply, "replies"))
    if isinstance(entry, Statement) and entry.note:
        blocks.append(fact("note", entry.note))
    blocks.extend(source_blocks(index, entry))
    if entry.tags:
        blocks.append(fact("tags", ", ".join(entry.tags)))
    if my_tags:
        blocks.append(fact("my tags", ", ".join(my_tags)))
    if note:
        blocks.append(fact("my note", note))
    blocks.append(fact("id", entry.id))
    return blocks


def as_widget(block: Block) -> Widget:
    """A block as a widget: a focusable Link when it links somewhere, else a Static."""
    if block.target is not None:
        return Link(block.renderable, block.target, classes="link")
    return Static(block.renderable, classes=block.kind, markup=False)


def entry_widgets(
    index: TimelineIndex,
    entry: Entry,
    theme: Theme | None = None,
    note: str | None = None,
    my_tags: Sequence[str] = (),
) -> list[Widget]:
    """The blocks of an entry as widgets: links can be focused and followed."""
    return [as_widget(block) for block in entry_blocks(index, entry, theme, note, my_tags)]


def user_note(widget: Widget, item_id: str) -> str | None:
    """The user's note on an entry or actor, as the app keeps it (``note_for``), if any."""
    note_for = getattr(widget.app, "note_for", None)
    return note_for(item_id) if callable(note_for) else None


def user_tags(widget: Widget, item_id: str) -> list[str]:
    """The user's own tags on an entry, as the app keeps them (``tags_for``)."""
    tags_for = getattr(widget.app, "tags_for", None)
    return list(tags_for(item_id)) if callable(tags_for) else []


class EntryDetails(LinkPane):
    """A scrollable pane showing one entry; its links can be focused and followed."""

    def __init__(
        self, index: TimelineIndex, *, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.index = index
        self.position: int | None = None

    def use_index(self, index: TimelineIndex, position: int | None) -> None:
        """Show the entry at ``position`` of new data (its links may be more)."""
        self.index = index
        self.position = None
        self.show(position)

    def show(self, position: int | None) -> None:
        """Show the entry at an index position (None: an empty pane)."""
        if position == self.position and self.children:
            return
        self.position = position
        with self.app.batch_update():
            self.remove_children()
            if position is None:
                self.mount(Static("Nothing selected.", classes="empty"))
            else:
                entry = self.index.entries[position]
                note, tags = user_note(self, entry.id), user_tags(self, entry.id)
                theme = self.app.theme_variables
                self.mount_all(entry_widgets(self.index, entry, theme, note, tags))
            self.scroll_home(animate=False)
