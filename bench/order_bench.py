"""Benchmark of the timeline order and of date parsing, at the scale of a large file.

    python bench/order_bench.py                    # 100,000 entries, 30,000 constraints
    python bench/order_bench.py --entries 2000 --constraints 600 --repeat 1   # a smoke run

Figures are CPU seconds, medians over ``--repeat`` runs, with their spread. The order is given
a realistic mix: a third of the entries dated to the minute, the rest to the day, month or year,
some approximate or uncertain, some periods; constraints point from later entries to earlier ones
(replies, ``after``, ``event``) and a few ``before``, many of them holding an entry back below
later-dated ones, all consistent with the dates, so the whole algorithm runs (no cycle to
break). The floor is the rule without constraints, a plain
sort by (start, precision, file order) of the same entries, measured in the same run. When the
``edtf`` package is installed, its parser is timed on a sample of the same dates for comparison.

Results on this project's 2-core machine (Python 3.11; CPU seconds, median of 7, min-max):

=========================================================  =================================
parse 100,000 dates, own parser                            0.76 s (0.69-0.93)
parse with the ``edtf`` package 5.0.2 (200-date sample)    6.4 ms a date: 640 s for 100,000
order 100,000 entries, 30,000 constraints (5,792 held)     0.44 s (0.38-0.50)
floor: plain sort by (start, precision, file order)        0.20 s (order: 2.2x the floor)
=========================================================  =================================
"""

from __future__ import annotations

import argparse
import bisect
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from timeline_explorer.dates import parse_date
from timeline_explorer.order import Constraint, ConstraintKind, Item, order_items


def make_dates(count: int, rng: random.Random) -> list[str]:
    """Dates in every accepted form, mostly plain ones."""
    out: list[str] = []
    for _ in range(count):
        year, month, day = rng.randint(1950, 2030), rng.randint(1, 12), rng.randint(1, 28)
        form = rng.random()
        if form < 0.35:
            hour, minute = rng.randint(0, 23), rng.randint(0, 59)
            text = f"{year:04d}-{month:02d}-{day:02d}T{hour:02d}:{minute:02d}"
            if rng.random() < 0.3:
                text += rng.choice(("Z", "+02:00", "-04:00"))
        elif form < 0.65:
            text = f"{year:04d}-{month:02d}-{day:02d}"
        elif form < 0.8:
            text = f"{year:04d}-{month:02d}"
        elif form < 0.85:
            text = f"{year:04d}"
        elif form < 0.92:
            text = f"{year:04d}-{month:02d}" + rng.choice("~?%")
        elif form < 0.97:
            text = f"{year:04d}-{month:02d}-{day:02d}/{year:04d}-{month:02d}-28"
        else:
            text = f"{year:04d}-{month:02d}-{day:02d}/.."
        out.append(text)
    return out


def make_constraints(items: list[Item], count: int, rng: random.Random) -> list[Constraint]:
    """Constraints consistent with the dates and with each other.

    Each entry gets a hidden moment inside its period; a constraint links two entries close in
    time (a third of them an entry and one dated inside its period, as a reply dated
    ``2025-09`` to a speech of 4 September) and always points from the earlier moment to the
    later one, so none contradicts the dates and none makes a loop.
    """
    moment = [rng.randrange(item.start, min(item.end, item.start + 400 * 86400)) for item in items]
    by_start = sorted(range(len(items)), key=lambda i: items[i].start)
    starts = [items[i].start for i in by_start]
    out: list[Constraint] = []
    kinds: tuple[ConstraintKind, ...] = ("after", "responds_to", "event")
    while len(out) < count:
        a = rng.randrange(1, len(by_start))
        x = by_start[a]
        if rng.random() < 0.33:
            inside = bisect.bisect_left(starts, items[x].end) - 1
            if inside <= a:
                continue
            y = by_start[rng.randint(a + 1, inside)]
        else:
            y = by_start[max(0, a - rng.randint(1, 200))]
        earlier, later = sorted((x, y), key=lambda i: (moment[i], i))
        if rng.random() < 0.1:
            out.append(Constraint(earlier, later, "before"))
        else:
            out.append(Constraint(later, earlier, rng.choice(kinds)))
    return out


def timed(run: Callable[[], object], repeat: int) -> tuple[float, float, float]:
    """Median, min and max CPU seconds of ``repeat`` runs.

    CPU time of this process, not wall time: on a machine shared with other work, the wall
    time grows with the load while the CPU time stays what the computation costs.
    """
    times = []
    for _ in range(repeat):
        began = time.process_time()
        run()
        times.append(time.process_time() - began)
    return statistics.median(times), min(times), max(times)


def main() -> int:
    """Run the benchmark and print one line per figure."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--entries", type=int, default=100_000)
    parser.add_argument("--constraints", type=int, default=30_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--edtf-sample", type=int, default=2_000)
    args = parser.parse_args()
    rng = random.Random(11)

    texts = make_dates(args.entries, rng)
    median, low, high = timed(lambda: [parse_date(t) for t in texts], args.repeat)
    print(f"parse {args.entries:,} dates (own parser): {median:.3f} s ({low:.3f}-{high:.3f})")

    try:
        if args.edtf_sample <= 0:
            raise ImportError
        from edtf import parse_edtf  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        print("edtf package not installed (or --edtf-sample 0): not compared")
    else:
        sample = [t for t in texts if "T" not in t][: args.edtf_sample]
        median, low, high = timed(lambda: [parse_edtf(t) for t in sample], 1)
        per = median / len(sample)
        print(
            f"parse {len(sample):,} dates (edtf package): {median:.3f} s, "
            f"{per * 1e3:.2f} ms a date, {per * args.entries:.0f} s for {args.entries:,}"
        )

    dates = [parse_date(t) for t in texts]
    items = [Item(d.start, d.end, d.rank, (0, i)) for i, d in enumerate(dates)]
    constraints = make_constraints(items, args.constraints, rng)
    result = order_items(items, constraints)
    assert not result.problems, result.problems[:3]
    median, low, high = timed(lambda: order_items(items, constraints), args.repeat)
    print(
        f"order {args.entries:,} entries, {len(constraints):,} constraints: "
        f"{median:.3f} s ({low:.3f}-{high:.3f})"
    )
    floor = timed(
        lambda: sorted(
            range(len(items)), key=lambda i: (items[i].start, items[i].rank, items[i].tie)
        ),
        args.repeat,
    )[0]
    print(
        f"  floor, a plain sort of the same entries by (start, precision, file order): "
        f"{floor:.3f} s; ratio {median / floor:.2f}x"
    )
    held = sum(1 for p in result.placed_after if p is not None)
    print(f"  entries placed by a constraint: {held:,}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
