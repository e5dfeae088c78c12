"""The facts about one actor: kind, description, aliases, typed links and shared entries."""

from __future__ import annotations

from rich.text import Text
from textual.widget import Widget
from textual.widgets import Static

from ...index import TimelineIndex
from ...safetext import one_line, visible
from .entry_details import Theme, as_widget, fact, labelled, section, theme_colour
from .links import Link, LinkPane, Target

MAX_SHARED = 30


def relation_label(direction: str, link_type: str) -> str:
    """``spokesperson of`` for an outgoing link; ``spokesperson`` for the same link seen from
    its target (``Kremlin — spokesperson: Peskov``)."""
    words = link_type.replace("-", " ").replace("_", " ")
    if direction == "out":
        return words
    if words.endswith(" of"):
        return words[:-3]
    return f"{words} (by)"


def actor_widgets(index: TimelineIndex, actor_id: str, theme: Theme | None = None) -> list[Widget]:
    """Every widget describing an actor (``theme``: the app's theme variables, for colours)."""
    actor = index.actors[actor_id]
    count = len(index.actor_entries(actor_id))
    widgets: list[Widget] = [
        Static(
            Text.assemble(
                (one_line(actor.name), "bold"),
                "  ",
                (actor.kind, theme_colour(theme, "text-primary")),
                (f"  {count} entr{'y' if count == 1 else 'ies'}", "dim"),
            ),
            classes="actor-name",
            markup=False,
        )
    ]
    if actor.description:
        widgets.append(Static(Text(visible(actor.description)), classes="words", markup=False))
    if actor.aliases:
        widgets.append(as_widget(fact("also known as", ", ".join(actor.aliases))))
    if actor.note:
        widgets.append(as_widget(fact("note", actor.note)))
    relations = index.relations(actor_id)
    if relations:
        widgets.append(as_widget(section("Links")))
        for relation in relations:
            label = relation_label(relation.direction, relation.type)
            text = Text(one_line(index.actor_name(relation.other)), "bold")
            if relation.description:
                text.append(f"  {one_line(relation.description)}", "dim")
            widgets.append(
                Link(labelled(label, text), Target("actor", relation.other), classes="link")
            )
    shared = index.co_actors(actor_id)
    if shared:
        widgets.append(as_widget(section(f"Shares entries with ({len(shared)})")))
        for other, together in shared[:MAX_SHARED]:
            text = Text(one_line(index.actor_name(other)), "bold")
            widgets.append(
                Link(labelled(f"×{together}", text), Target("actor", other), classes="link")
            )
        if len(shared) > MAX_SHARED:
            widgets.append(
                Static(f"… and {len(shared) - MAX_SHARED} more", classes="dim", markup=False)
            )
    return widgets


class ActorDetails(LinkPane):
    """A scrollable pane with an actor's facts and links."""

    def __init__(
        self, index: TimelineIndex, actor_id: str, theme: Theme, *, id: str | None = None
    ) -> None:
        super().__init__(*actor_widgets(index, actor_id, theme), id=id)
        self.actor_id = actor_id

    def use_index(self, index: TimelineIndex, theme: Theme) -> None:
        """Describe the actor as new data has them (more entries, more shared)."""
        with self.app.batch_update():
            self.remove_children()
            self.mount_all(actor_widgets(index, self.actor_id, theme))
