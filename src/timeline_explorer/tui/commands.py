"""Command palette (Ctrl+P) provider: find actors and entries by name or words."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider

from ..plain import entry_label
from ..safetext import one_line
from .widgets.links import Target

if TYPE_CHECKING:
    from .app import TimelineApp

MAX_ENTRY_HITS = 30


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
                f"Actor: {one_line(actor.name)}",
                partial(app.follow, Target("actor", actor.id)),
                help=one_line(actor.description or actor.kind),
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
                    matcher.highlight(f"Actor: {one_line(actor.name)}"),
                    partial(app.follow, Target("actor", actor.id)),
                    help=one_line(actor.description or actor.kind),
                )
        everything = range(len(index.entries))
        for ordinal in index.search(query, everything)[:MAX_ENTRY_HITS]:
            entry = index.entries[ordinal]
            yield Hit(
                0.5,
                f"{entry.date.display()}  {entry_label(index, entry.id, 70)}",
                partial(app.follow, Target("entry", entry.id)),
                help=f"{entry.kind_label} · {entry.id}",
            )
