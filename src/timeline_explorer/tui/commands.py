"""Command palette (Ctrl+P) provider: find actors by id, name or alias, and entries by words."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import Matcher
from textual.markup import escape

from ..filtering import actor_matcher
from ..index import TimelineIndex
from ..plain import entry_label
from ..safetext import one_line
from .messages import Navigate
from .widgets.links import Target

MAX_ACTOR_HITS = 30
MAX_ENTRY_HITS = 30


def literal(text: str) -> Content:
    """Text from the data for the palette: made visible, and never read as markup."""
    return Content(one_line(text))


def help_text(text: str) -> str:
    """A hit's help line: the palette reads it as markup, so markup is escaped."""
    return escape(one_line(text))


def highlighted(matcher: Matcher, text: str) -> Content:
    """``text`` with the letters the fuzzy query matched in the match style.

    Unlike ``Matcher.highlight``, the text is never read as markup (``Carl [/]`` is a name).
    """
    shown = one_line(text)
    content = Content(shown)
    score, offsets = matcher.fuzzy_search.match(matcher.query, shown)
    if score:
        for offset in offsets:
            if not shown[offset].isspace():
                content = content.stylize(matcher.match_style, offset, offset + 1)
    return content


class TimelineCommands(Provider):
    """Actors (by id, name or alias, as the actor picker finds them) and entries (by words)."""

    @property
    def _index(self) -> TimelineIndex | None:
        index = getattr(self.app, "index", None)
        return index if isinstance(index, TimelineIndex) else None

    def _go(self, target: Target) -> None:
        self.app.post_message(Navigate(target))

    async def discover(self) -> Hits:
        """Offer the actors when the palette opens."""
        index = self._index
        if index is None:
            return
        for actor in sorted(index.actors.values(), key=lambda a: a.name.casefold())[:50]:
            yield DiscoveryHit(
                literal(f"Actor: {actor.name}"),
                partial(self._go, Target("actor", actor.id)),
                text=one_line(actor.name),
                help=help_text(actor.description or actor.kind),
            )

    async def search(self, query: str) -> Hits:
        """Actors the query finds, then entries containing the words."""
        index = self._index
        if index is None:
            return
        matcher = self.matcher(query)
        for found in actor_matcher(index).matches(query, limit=MAX_ACTOR_HITS):
            actor = index.actors[found.actor_id]
            title = f"Actor: {actor.name}"
            if found.field == "alias":
                title += f" ({found.text})"
            yield Hit(
                0.5 + found.score / 12,  # above every entry, in the matcher's order
                highlighted(matcher, title),
                partial(self._go, Target("actor", actor.id)),
                text=one_line(actor.name),
                help=help_text(actor.description or actor.kind),
            )
        everything = range(len(index.entries))
        for ordinal in index.search(query, everything)[:MAX_ENTRY_HITS]:
            entry = index.entries[ordinal]
            label = f"{entry.date.display()}  {entry_label(index, entry.id, 70)}"
            yield Hit(
                0.5,
                literal(label),
                partial(self._go, Target("entry", entry.id)),
                text=label,
                help=help_text(f"{entry.kind_label} · {entry.id}"),
            )
