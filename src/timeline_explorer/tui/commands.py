"""Command palette (Ctrl+P) provider: find actors and entries by name or words."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import Matcher
from textual.markup import escape

from ..plain import entry_label
from ..safetext import one_line
from .widgets.links import Target

if TYPE_CHECKING:
    from .app import TimelineApp

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
    """Actors (fuzzy, by name, id or alias) and entries (by their words)."""

    @property
    def _timeline_app(self) -> TimelineApp | None:
        from .app import TimelineApp

        return self.app if isinstance(self.app, TimelineApp) and self.app.index else None

    async def discover(self) -> Hits:
        """Offer the actors when the palette opens."""
        app = self._timeline_app
        if app is None or app.index is None:
            return
        for actor in sorted(app.index.actors.values(), key=lambda a: a.name.casefold())[:50]:
            yield DiscoveryHit(
                literal(f"Actor: {actor.name}"),
                partial(app.follow, Target("actor", actor.id)),
                text=one_line(actor.name),
                help=help_text(actor.description or actor.kind),
            )

    async def search(self, query: str) -> Hits:
        """Actors whose names match, then entries containing the words."""
        app = self._timeline_app
        if app is None or app.index is None:
            return
        index = app.index
        matcher = self.matcher(query)
        for actor in index.actors.values():
            score = max(
                matcher.match(actor.name),
                matcher.match(actor.id),
                *(matcher.match(alias) for alias in actor.aliases),
            )
            if score > 0:
                yield Hit(
                    score,
                    highlighted(matcher, f"Actor: {actor.name}"),
                    partial(app.follow, Target("actor", actor.id)),
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
                partial(app.follow, Target("entry", entry.id)),
                text=label,
                help=help_text(f"{entry.kind_label} · {entry.id}"),
            )
