"""Generate a valid, realistic timeline file of N entries, deterministic for a seed.

    python bench/make_dataset.py 100000 --seed 1 out.yaml

About a third events and two thirds statements; N/100 actors (at least 5) with typed links;
multi-paragraph Italian and English texts with accents, some CJK and emoji; every date
precision; chains of replies (responds_to). Strings are written as JSON strings, which are valid
YAML double-quoted scalars, so any character is safe.
"""

from __future__ import annotations

import argparse
import bisect
import json
import random
import sys
from pathlib import Path

WORDS_IT = (
    "la libertà è una pace giusta e duratura sostegno costante garanzie di sicurezza "
    "forze di rassicurazione cessate il fuoco città perché più già può così però "
    "società attività governo ministro presidente accordo negoziato confine truppe "
    "missili sanzioni Europa "
).split()
WORDS_EN = (
    "the coalition said talks would continue next week while officials denied any "
    "agreement on security guarantees ceasefire monitoring troops border sanctions "
    "summit statement "
).split()
EXTRAS = ["東京", "北京", "和平", "😀", "🇺🇦", "Zürich", "São Paulo", "Łódź", "Ελλάδα"]
PLACES = ["Parigi", "Roma", "Kyiv", "Bruxelles", "Vladivostok", "Cernobbio", "Washington", "東京"]
LINK_TYPES = ["spokesperson-of", "member-of", "head-of-government-of", "advisor-to", "ally-of"]
KINDS = ["person", "organization", "country", "group", "other"]


def sentence(rng: random.Random, words: list[str], length: int) -> str:
    """One sentence of random words, capitalised, maybe with a foreign word."""
    chosen = [rng.choice(words) for _ in range(length)]
    if rng.random() < 0.15:
        chosen.insert(rng.randrange(len(chosen)), rng.choice(EXTRAS))
    text = " ".join(chosen)
    return text[0].upper() + text[1:] + rng.choice([".", ".", "?", "!"])


def paragraphs(rng: random.Random) -> str:
    """One to three short paragraphs in Italian or English."""
    words = WORDS_IT if rng.random() < 0.7 else WORDS_EN
    count = rng.choice([1, 1, 2, 3])
    return "\n\n".join(
        " ".join(sentence(rng, words, rng.randint(6, 14)) for _ in range(rng.randint(1, 3)))
        for _ in range(count)
    )


def a_date(rng: random.Random, day_index: int) -> str:
    """A date near the given day (2020 onwards) at a random precision."""
    year = 2020 + day_index // 336
    month = (day_index // 28) % 12 + 1
    day = day_index % 28 + 1
    roll = rng.random()
    if roll < 0.03:
        return f"{year}"
    if roll < 0.10:
        return f"{year}-{month:02d}"
    if roll < 0.80:
        return f"{year}-{month:02d}-{day:02d}"
    if roll < 0.95:
        return f"{year}-{month:02d}-{day:02d}T{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}"
    return f"{year}-{month:02d}-{day:02d}T{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}+02:00"


def q(text: str) -> str:
    """A YAML double-quoted scalar."""
    return json.dumps(text, ensure_ascii=False)


def generate(count: int, seed: int) -> str:
    """The whole file as text."""
    rng = random.Random(seed)
    out = [f"title: {q(f'Generated timeline of {count:,} entries (seed {seed})')}", "language: it"]
    out.append("sources:")
    for n in range(3):
        out.append(f'  - {{id: src{n}, title: {q(f"Source {n}")}, url: "https://example.org/{n}"}}')
    actors = [f"actor{n}" for n in range(max(5, count // 100))]
    out.append("actors:")
    for n, actor in enumerate(actors):
        out.append(f"  - id: {actor}")
        out.append(f"    name: {q(sentence(rng, WORDS_IT, 2)[:-1] + f' {n}')}")
        out.append(f"    kind: {rng.choice(KINDS)}")
        if rng.random() < 0.5:
            out.append(f"    description: {q(sentence(rng, WORDS_IT, 6))}")
        links = rng.sample(actors[:n], min(n, rng.randint(0, 2)))
        if links:
            out.append("    links:")
            for target in links:
                out.append(f"      - {{to: {target}, type: {rng.choice(LINK_TYPES)}}}")
    events = count // 3
    statements = count - events
    days = max(1, count // 40)
    event_days: list[tuple[int, str]] = []
    out.append("events:")
    for n in range(events):
        event_id = f"e{n}"
        day = rng.randrange(days)
        event_days.append((day, event_id))
        people = ", ".join(rng.sample(actors, rng.randint(1, 4)))
        out.append(f"  - id: {event_id}")
        out.append(f"    date: {q(a_date(rng, day))}")
        out.append(f"    title: {q(sentence(rng, WORDS_IT, rng.randint(4, 9)))}")
        if rng.random() < 0.6:
            out.append(f"    description: {q(paragraphs(rng))}")
        out.append(f"    place: {q(rng.choice(PLACES))}")
        out.append(f"    actors: [{people}]")
        out.append(f"    sources: [src{rng.randrange(3)}]")
    # Replies and statements at an event follow what they name: only entries of an earlier day
    # are named, so the constraints never contradict the dates (whatever their precision).
    event_days.sort()
    statement_days: list[int] = []
    out.append("statements:")
    for n in range(statements):
        day = rng.randrange(days)
        statement_days.append(day)
        out.append(f"  - id: s{n}")
        out.append(f"    date: {q(a_date(rng, day))}")
        out.append(f"    speaker: {rng.choice(actors)}")
        out.append(f"    text: {q(paragraphs(rng))}")
        if rng.random() < 0.3:
            out.append("    kind: paraphrase")
        if rng.random() < 0.4:
            out.append(f"    context: {q(sentence(rng, WORDS_IT, 4))}")
        if rng.random() < 0.5:
            out.append(f"    mentions: [{', '.join(rng.sample(actors, rng.randint(1, 3)))}]")
        earlier = bisect.bisect_left(event_days, (day, ""))
        if earlier and rng.random() < 0.3:
            out.append(f"    event: {event_days[rng.randrange(earlier)][1]}")
        if n and rng.random() < 0.25:  # a chain: answer a recent statement of an earlier day
            answered = rng.randrange(max(0, n - 50), n)
            if statement_days[answered] < day:
                out.append(f"    responds_to: s{answered}")
        out.append(f"    sources: [src{rng.randrange(3)}]")
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Command line: N, --seed, OUT."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int, help="number of entries")
    parser.add_argument("out", type=Path, help="file to write ('-' for stdout)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    text = generate(args.count, args.seed)
    if str(args.out) == "-":
        sys.stdout.write(text)
    else:
        args.out.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
