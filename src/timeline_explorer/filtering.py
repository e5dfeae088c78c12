"""What a user typed, as the parts of a Filter: the CLI's options and the TUI's filter dialog
share these checks, so both accept and refuse the same things with the same words.

Pure Python with no terminal or Textual imports.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from .index import TimelineIndex
from .model import PartialDate

if TYPE_CHECKING:
    from .names import NameMatcher


class FilterError(ValueError):
    """Something typed is not a filter; the message says why (made visible, one line)."""


_MATCHERS: list[tuple[TimelineIndex, NameMatcher]] = []


def actor_matcher(index: TimelineIndex) -> NameMatcher:
    """The name matcher over an index's actors, built once per index (the last two kept)."""
    from .names import NameMatcher  # imported at the first use: not needed to start

    for held, matcher in _MATCHERS:
        if held is index:
            return matcher
    matcher = NameMatcher(index.actors.values())
    _MATCHERS[:] = [*_MATCHERS[-1:], (index, matcher)]
    return matcher


def resolve_actors(matcher: NameMatcher, queries: Iterable[str]) -> tuple[str, ...]:
    """The actor ids meant by what was typed (ids, names or aliases, any case), in order and
    without repeats; blank queries are skipped.

    Raises:
        FilterError: a query names no actor, or several equally well (the message lists them).
    """
    from .names import ResolvedActor

    ids: list[str] = []
    for query in queries:
        if not query.strip():
            continue
        resolved = matcher.resolve(query)
        if not isinstance(resolved, ResolvedActor):
            raise FilterError(resolved.message)
        ids.append(resolved.actor_id)
    return tuple(dict.fromkeys(ids))


def to_before_from(date_from: PartialDate | None, date_to: PartialDate | None) -> bool:
    """True when an inclusive range ends before it starts (``--from 2025-09 --to 2025-08``)."""
    return date_from is not None and date_to is not None and date_to.end <= date_from.start
