"""One way to find an actor by what a user types: ids, names and aliases, in any script.

The text is compared in the forms :mod:`.folding` gives (``fold``, ``words`` and
``transliterate`` are re-exported here); this module is the matcher and the resolution.

Pure Python with no terminal or Textual imports. :class:`NameMatcher` is built once from the
actors and answers two questions:

- :meth:`NameMatcher.matches`: every actor the query finds, best first (for pickers and palettes);
- :meth:`NameMatcher.resolve`: the one actor the query means, or why there is none (for
  ``--actor`` and the filter dialog).

Matching rules, applied the same way to the query and to every id, name and alias:

- :func:`fold`: case, accents and letter variants fold away (``Хрущёв`` = ``хрущев``,
  ``Chruščëv`` = ``chruscev``, ``Straße`` = ``strasse``, ``Łukasz`` = ``lukasz``; Arabic and
  Persian letter variants and vowel marks; joiners and variation selectors). The text search
  shares this function, so both agree on what "the same letters" means.
- Punctuation separates words (``zorin-v`` has the words ``zorin`` and ``v``); apostrophes join
  (``O'Brien`` is the word ``obrien``).
- Text in other scripts is also compared by its Latin transliteration (``anyascii``):
  ``khrushchev`` finds ``Хрущёв``, ``mao`` finds ``毛泽东``, ``mhmd`` finds ``محمد``. Each
  Chinese character or Korean syllable starts a word of its own (``dong`` finds ``毛泽东``), and
  such a name is also read as family name and given name (``zedong`` finds it).
- Names in Arabic, Persian or Hebrew script, written without short vowels, are also compared by
  their romanized consonants: ``mohammad`` finds ``محمد``. That is a guess, so it ranks with the
  fuzzy matches.

Tiers, best first: the exact id; a whole id, name or alias; every typed word a whole word; the
typed text starting a word (a word-prefix); the typed letters in order (fuzzy). Folding works
character by character, so any prefix of a name, typed progressively, keeps finding it.
"""

from __future__ import annotations

import difflib
import heapq
import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from enum import IntEnum
from itertools import accumulate
from typing import Literal, NamedTuple, Protocol

from .folding import comparison_forms, fold, transliterate, words
from .safetext import one_line

Field = Literal["id", "name", "alias"]

#: How many candidates an ambiguity message names before "and N more".
SHOWN_CANDIDATES = 5


class Tier(IntEnum):
    """How a query matched, from weakest to strongest."""

    FUZZY = 1
    """The typed letters appear in order inside one id, name or alias."""
    PREFIX = 2
    """The typed text starts a word (or each typed word starts a word)."""
    WORD = 3
    """Each typed word is a whole word."""
    EXACT = 4
    """The whole id, name or alias."""
    ID = 5
    """The id itself (ignoring case)."""


class Match(NamedTuple):
    """One actor a query found, and how.

    Attributes:
        actor_id: the actor's id.
        field: what matched: ``"id"``, ``"name"`` or ``"alias"``.
        text: that id, name or alias as written in the data.
        tier: how it matched (see :class:`Tier`).
        score: for ranking; higher is better, and any match of a better tier scores higher.
    """

    actor_id: str
    field: Field
    text: str
    tier: Tier
    score: float


class NamedActor(Protocol):
    """What the matcher needs of an actor (``model.Actor`` has it)."""

    @property
    def id(self) -> str:
        """The unique id."""
        ...

    @property
    def name(self) -> str:
        """The name shown."""
        ...

    @property
    def aliases(self) -> tuple[str, ...]:
        """Other names."""
        ...


@dataclass(frozen=True, slots=True)
class Candidate:
    """An actor named in a message: id and name."""

    actor_id: str
    name: str

    def label(self) -> str:
        """``Valerian Zorin (zorin-v)``, safe to print."""
        return f"{one_line(self.name)} ({one_line(self.actor_id)})"


@dataclass(frozen=True, slots=True)
class ResolvedActor:
    """The query means this one actor."""

    query: str
    actor_id: str
    match: Match


@dataclass(frozen=True, slots=True)
class Ambiguous:
    """The query matches several actors equally well."""

    query: str
    candidates: tuple[Candidate, ...]

    @property
    def message(self) -> str:
        """``'zorin' matches 2 actors: Andrej Zorin (zorin-a), Valerian Zorin (zorin-v); use
        an id`` (best first, then by name; at most five named)."""
        shown = ", ".join(c.label() for c in self.candidates[:SHOWN_CANDIDATES])
        more = len(self.candidates) - SHOWN_CANDIDATES
        if more > 0:
            shown += f" and {more} more"
        return f"'{one_line(self.query)}' matches {len(self.candidates)} actors: {shown}; use an id"


@dataclass(frozen=True, slots=True)
class NotFound:
    """No actor matches the query; ``suggestions``: the closest actors, if any are close."""

    query: str
    suggestions: tuple[Candidate, ...] = ()

    @property
    def message(self) -> str:
        """``unknown actor 'zorni'; did you mean Andrej Zorin (zorin-a) or Valerian Zorin
        (zorin-v)?``"""
        text = f"unknown actor '{one_line(self.query)}'"
        if self.suggestions:
            labels = [c.label() for c in self.suggestions]
            either = ", ".join(labels[:-1]) + " or " + labels[-1] if len(labels) > 1 else labels[0]
            text += f"; did you mean {either}?"
        return text


Resolution = ResolvedActor | Ambiguous | NotFound

_FIELD_BONUS: dict[str, float] = {"name": 0.02, "alias": 0.01, "id": 0.0}

# Scripts written without short vowels: their names are also matched by consonant skeleton.
_ABJAD = re.compile("[\u0590-\u08ff]")
_VOWELS = str.maketrans("", "", "aeiouwy")


def _skeleton(latin: str) -> str:
    """The consonants of a romanized name, each word's runs of one letter as one, ``gh`` as
    ``q``: ``mohammad mosaddegh`` and ``mhmd msdq`` both give ``mhmd msdq``."""
    words_out = []
    for word in latin.replace("gh", "q").split(" "):
        consonants = word.translate(_VOWELS)
        single = "".join(c for i, c in enumerate(consonants) if i == 0 or c != consonants[i - 1])
        if single:
            words_out.append(single)
    return " ".join(words_out)


_NEWLINE = ord("\n")
_SPACE = ord(" ")


def _subsequence(letters: str) -> re.Pattern[bytes]:
    """A pattern for ``letters`` in order within one line of UTF-8 text.

    From the first letter, each next letter is taken at its first place after the previous one,
    and never reconsidered (possessive or atomic gaps): a line that lacks a letter fails
    without backtracking.
    """
    parts = []
    for number, char in enumerate(letters):
        encoded = re.escape(char.encode("utf-8"))
        if number == 0:
            parts.append(encoded)
        elif char.isascii():
            parts.append(b"[^\n" + encoded + b"]*+" + encoded)
        else:
            parts.append(b"(?>[^\n]*?" + encoded + b")")
    return re.compile(b"".join(parts))


# What a query found so far: actor number -> (score, tier, form number; -1 for the id itself).
_Found = dict[int, tuple[float, Tier, int]]


class NameMatcher:
    """Finds actors by id, name or alias; built once, queried as the user types.

    Every form of every id, name and alias is kept in one newline-separated text, so finding
    where a query starts a word is two ``str.find`` scans in C, and a fuzzy query one regular
    expression without backtracking; Python only looks at the hits.

    Args:
        actors: the actors to search (anything with ``id``, ``name`` and ``aliases``).
    """

    def __init__(self, actors: Iterable[NamedActor]) -> None:
        self._ids: list[str] = []
        self._names: list[str] = []
        self._sort_names: list[str] = []
        self._exact_ids: dict[str, int] = {}
        self._folded_ids: dict[str, list[int]] = {}
        forms: list[str] = []
        self._info: list[tuple[int, Field, str]] = []  # each form's actor, field and text
        skeletons: list[str] = []
        self._skeleton_form: list[int] = []  # the form each consonant skeleton stands for
        for number, actor in enumerate(actors):
            self._ids.append(actor.id)
            self._names.append(actor.name)
            self._exact_ids.setdefault(actor.id, number)
            self._folded_ids.setdefault(fold(actor.id).strip(), []).append(number)
            seen: set[str] = set()
            fields: list[tuple[Field, str]] = [("name", actor.name), ("id", actor.id)]
            fields.extend(("alias", alias) for alias in actor.aliases)
            for field, source in fields:
                source_forms = comparison_forms(source)
                if field == "name":
                    self._sort_names.append(source_forms[0] if source_forms else "")
                first = len(forms)
                for form in source_forms:
                    if form not in seen:
                        seen.add(form)
                        forms.append(form)
                        self._info.append((number, field, source))
                if len(forms) > first and _ABJAD.search(source):
                    latin = transliterate(source)
                    skeleton = _skeleton(latin) if latin.isascii() else ""
                    if skeleton:
                        skeletons.append(skeleton)
                        self._skeleton_form.append(first)
        self._forms = forms
        self._actors = [actor for actor, _, _ in self._info]
        self._bonus = [_FIELD_BONUS[field] for _, field, _ in self._info]
        # The blob is UTF-8: ``bytes.find`` is several times faster than ``str.find`` on text
        # with CJK or emoji. ``_starts``: where each form starts in it, then the blob's length.
        sizes = (len(f) if f.isascii() else len(f.encode("utf-8")) for f in forms)
        self._starts = list(accumulate((size + 1 for size in sizes), initial=1))
        self._blob = ("\n" + "\n".join(forms) + "\n").encode("utf-8")
        self._skeleton_starts = list(accumulate((len(k) + 1 for k in skeletons), initial=1))
        self._skeleton_blob = ("\n" + "\n".join(skeletons) + "\n").encode("ascii")
        self._close: tuple[list[str], dict[str, list[int]], dict[str, list[int]]] | None = None

    def __len__(self) -> int:
        """The number of actors."""
        return len(self._ids)

    def name(self, actor_id: str) -> str:
        """The name of the actor with this id (the id itself if unknown)."""
        number = self._exact_ids.get(actor_id)
        return self._names[number] if number is not None else actor_id

    def matches(self, query: str, limit: int | None = None) -> list[Match]:
        """Every actor the query finds, one match each, best first.

        Within a tier, a match at the start of a name ranks above one at a later word, then a
        name the query covers more of; names rank above aliases above ids; then by name.

        Args:
            query: what the user typed; an empty or blank query finds nothing.
            limit: return at most this many; the fuzzy scan is skipped when better matches
                already fill the limit.

        Returns:
            The matches, best first.
        """
        found = self._find(query)
        if limit is None or len(found) < limit:
            self._fuzzy(query, found)
        return self._ranked(found, limit)

    def resolve(self, query: str) -> Resolution:
        """The one actor ``query`` means, for ``--actor`` and the filter dialog.

        An id exactly as written resolves to that actor. Otherwise the single best match by
        id, name or alias (in the tiers of :class:`Tier` down to a word-prefix) resolves;
        several actors matching equally well give :class:`Ambiguous`, which lists them. Fuzzy
        matches never resolve by themselves: the query gives :class:`NotFound`, suggesting the
        actors with a word of a name nearly as typed and the best fuzzy match.

        Args:
            query: one actor, as the user typed it.
        """
        text = query.strip()
        found = self._find(text)
        if text in self._exact_ids:
            number = self._exact_ids[text]
            return ResolvedActor(query, text, self._match(number, found[number]))
        if not found:
            self._fuzzy(text, found)
            near = dict.fromkeys(
                [*self._close_to(text), *(m.actor_id for m in self._ranked(found, 1))]
            )
            return NotFound(query, tuple(self._candidate(a) for a in list(near)[:SHOWN_CANDIDATES]))
        ranked = self._ranked(found, None)
        top = [m for m in ranked if m.tier == ranked[0].tier]
        if len(top) == 1:
            return ResolvedActor(query, top[0].actor_id, top[0])
        return Ambiguous(query, tuple(self._candidate(m.actor_id) for m in top))

    def _find(self, query: str) -> _Found:
        """Matches by id and at word starts (every tier but fuzzy)."""
        found: _Found = {}
        folded = fold(query).strip()
        for number in self._folded_ids.get(folded, ()):
            exact = self._ids[number] == query.strip()
            self._offer(found, number, -1, Tier.ID, self._score(-1, Tier.ID, 0.9 if exact else 0.5))
        for text in comparison_forms(query):
            self._word_prefix(text, found)
            if " " in text:
                self._all_words(text, found)
        return found

    def _score(self, form: int, tier: Tier, fraction: float) -> float:
        """The score of a match: its tier, plus below 1 for how good it is within the tier."""
        return tier + fraction + (self._bonus[form] if form >= 0 else 0.0)

    def _offer(self, found: _Found, actor: int, form: int, tier: Tier, score: float) -> None:
        """Keep the better of this match and the actor's best so far."""
        field = self._info[form][1] if form >= 0 else "id"
        current = found.get(actor)
        if current is None or tier > current[1]:
            found[actor] = (score, tier, form)
            return
        old_score, old_tier, old_form = current
        if tier < old_tier:
            return
        # Within a tier, say that a name or alias matched rather than the (shorter) id.
        was_id = old_form < 0 or self._info[old_form][1] == "id"
        if was_id != (field == "id"):
            found[actor] = (max(score, old_score), tier, old_form if field == "id" else form)
        elif score > old_score:
            found[actor] = (score, tier, form)

    def _word_prefix(self, text: str, found: _Found) -> None:
        """Forms where ``text`` starts a word (or the whole form)."""
        blob, starts, actors, bonus = self._blob, self._starts, self._actors, self._bonus
        typed = text.encode("utf-8")
        size = len(typed)
        # A long query rarely occurs inside a word: one scan for it, then a look at the byte
        # before. A short one would stop everywhere: a scan for each separator before it.
        needles = [typed] if size >= 3 else [b"\n" + typed, b" " + typed]
        for needle in needles:
            shift = len(needle) - size
            position = blob.find(needle)
            while position != -1:
                start = position + shift
                before = blob[start - 1]
                if before not in (_NEWLINE, _SPACE):
                    position = blob.find(needle, position + 1)
                    continue
                at_start = before == _NEWLINE
                form = bisect_right(starts, start) - 1
                after = blob[start + size]
                if at_start and after == _NEWLINE:
                    tier = Tier.EXACT
                elif after in (_NEWLINE, _SPACE):
                    tier = Tier.WORD
                else:
                    tier = Tier.PREFIX
                length = starts[form + 1] - starts[form] - 1
                score = tier + 0.5 * at_start + 0.4 * size / length + bonus[form]
                actor = actors[form]
                if actor in found:
                    self._offer(found, actor, form, tier, score)
                else:
                    found[actor] = (score, tier, form)
                position = blob.find(needle, position + 1)

    def _all_words(self, text: str, found: _Found) -> None:
        """Forms where every typed word starts a word, in any order (``zorin valerian``)."""
        typed = text.split(" ")
        blob, starts = self._blob, self._starts
        rarest = min(
            (word.encode("utf-8") for word in typed),
            key=lambda word: blob.count(b"\n" + word) + blob.count(b" " + word),
        )
        checked: set[int] = set()
        for separator in (b"\n", b" "):
            needle = separator + rarest
            position = blob.find(needle)
            while position != -1:
                form = bisect_right(starts, position + 1) - 1
                position = blob.find(needle, position + 1)
                if form in checked:
                    continue
                checked.add(form)
                have = self._forms[form].split(" ")
                if all(any(word.startswith(t) for word in have) for t in typed):
                    whole = all(t in have for t in typed)
                    fraction = 0.3 * len(text) / len(self._forms[form])
                    tier = Tier.WORD if whole else Tier.PREFIX
                    self._offer(
                        found, self._actors[form], form, tier, self._score(form, tier, fraction)
                    )

    def _fuzzy(self, query: str, found: _Found) -> None:
        """Forms holding the typed letters in order (spaces ignored), for actors not found
        otherwise."""
        self._skeleton_prefix(query, found)
        blob, starts = self._blob, self._starts
        for text in comparison_forms(query):
            letters = text.replace(" ", "")
            if len(letters) < 2:
                continue
            pattern = _subsequence(letters)
            hit = pattern.search(blob)
            while hit is not None:
                form = bisect_right(starts, hit.start()) - 1
                actor = self._actors[form]
                if actor not in found or found[actor][1] == Tier.FUZZY:
                    at_word = blob[hit.start() - 1] in (_NEWLINE, _SPACE)
                    fraction = 0.7 * len(letters) / (hit.end() - hit.start()) + 0.15 * at_word
                    score = self._score(form, Tier.FUZZY, fraction)
                    self._offer(found, actor, form, Tier.FUZZY, score)
                hit = pattern.search(blob, starts[form + 1])

    def _skeleton_prefix(self, query: str, found: _Found) -> None:
        """Names in Arabic, Persian or Hebrew script whose consonants, romanized, start with the
        typed consonants: ``mohammad`` and ``muhammed`` find ``محمد`` (``mhmd``). Fuzzy: a guess
        at how a name written without vowels is spoken."""
        latin = transliterate(query)
        if len(latin) < 2 or not latin.isascii():
            return
        typed = _skeleton(latin).encode("ascii")
        if not typed:
            return
        blob, starts = self._skeleton_blob, self._skeleton_starts
        for separator in (b"\n", b" "):
            position = blob.find(separator + typed)
            while position != -1:
                start = position + 1
                number = bisect_right(starts, start) - 1
                length = starts[number + 1] - starts[number] - 1
                form = self._skeleton_form[number]
                fraction = 0.5 * (separator == b"\n") + 0.4 * len(typed) / length
                score = self._score(form, Tier.FUZZY, fraction)
                self._offer(found, self._actors[form], form, Tier.FUZZY, score)
                position = blob.find(separator + typed, start)

    def _ranked(self, found: _Found, limit: int | None) -> list[Match]:
        """The matches, best first (at most ``limit``)."""

        def rank(item: tuple[int, tuple[float, Tier, int]]) -> tuple[float, str, int]:
            return (-item[1][0], self._sort_names[item[0]], item[0])

        if limit is not None and limit < len(found):
            chosen = heapq.nsmallest(limit, found.items(), key=rank)
        else:
            chosen = sorted(found.items(), key=rank)
        return [self._match(actor, best) for actor, best in chosen]

    def _match(self, actor: int, best: tuple[float, Tier, int]) -> Match:
        score, tier, form = best
        if form < 0:
            return Match(self._ids[actor], "id", self._ids[actor], tier, score)
        _, field, source = self._info[form]
        return Match(self._ids[actor], field, source, tier, score)

    def _candidate(self, actor_id: str) -> Candidate:
        return Candidate(actor_id, self.name(actor_id))

    def _close_to(self, query: str) -> list[str]:
        """Ids of the actors with a word of an id, name or alias nearly as typed (a typo), by
        :mod:`difflib`'s ratio over a shortlist of the words sharing the most letter pairs."""
        if self._close is None:
            owners: dict[str, list[int]] = {}
            for form, text in enumerate(self._forms):
                actor = self._actors[form]
                for word in text.split(" "):
                    holders = owners.setdefault(word, [])
                    if not holders or holders[-1] != actor:  # an actor's forms come together
                        holders.append(actor)
            words_list = list(owners)
            pairs: dict[str, list[int]] = {}
            for number, word in enumerate(words_list):
                for pair in {word[i : i + 2] for i in range(len(word) - 1)}:
                    pairs.setdefault(pair, []).append(number)
            self._close = (words_list, owners, pairs)
        words_list, owners, pairs = self._close
        typed = dict.fromkeys(word for text in comparison_forms(query) for word in text.split(" "))
        best: tuple[float, str] | None = None
        for text in typed:
            shared: Counter[int] = Counter()
            for pair in {text[i : i + 2] for i in range(len(text) - 1)}:
                shared.update(pairs.get(pair, ()))
            shortlist = [words_list[number] for number, _ in shared.most_common(40)]
            for word in shortlist:
                ratio = difflib.SequenceMatcher(None, text, word).ratio()
                if ratio >= 0.6 and (best is None or ratio > best[0]):
                    best = (ratio, word)
        if best is None:
            return []
        nearest = sorted(owners[best[1]], key=lambda a: (self._sort_names[a], a))
        return [self._ids[a] for a in nearest[:SHOWN_CANDIDATES]]


__all__ = [
    "SHOWN_CANDIDATES",
    "Ambiguous",
    "Candidate",
    "Match",
    "NameMatcher",
    "NamedActor",
    "NotFound",
    "ResolvedActor",
    "Tier",
    "fold",
    "transliterate",
    "words",
]
