"""Benchmarks of timeline-explorer at scale, each compared with its floor in the same run.

    python bench/run.py                      # 100,000 entries, 3 runs of each figure
    python bench/run.py --million            # also 1,000,000 entries (slow: minutes)
    python bench/run.py --entries 300 --repeat 1 --quick   # what the tests run

Machines are noisy, so every figure is a median over runs, with its spread (min–max), and
the verdict is the ratio to a floor measured in the same run: ``yaml_rs.loads`` of the file,
``json.loads`` of the same data, a hello-world Textual first paint, or the same keys at 1,000
entries. The TUI is measured in a real pseudo-terminal (``ptyharness.py``): time until a given
text is on the screen, time from a key to the first byte of the answer, and bytes written.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from bench.ptyharness import PtyProcess

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
KEYS = {
    "down": b"\x1b[B",
    "pgdn": b"\x1b[6~",
    "home": b"\x1b[H",
    "end": b"\x1b[F",
    "enter": b"\r",
    "esc": b"\x1b",
}
LABELS = {"down": "↓", "pgdn": "PgDn", "end": "End", "enter": "Enter"}
SIZE = (120, 40)  # the terminal of every TUI figure but the narrow one
FLOOR_KEYS = 1_000  # the keys' floor: the same keys at this many entries
MAX_SIZE = ["--max-size", "4096"]  # MiB: no input of the benchmarks is refused as too big


# -- figures ------------------------------------------------------------------------------------


@dataclass
class Figure:
    """One row of the table.

    Args:
        name: what is measured.
        values: one value per run.
        floor: the floor's values in the same run, or None for an absolute goal.
        goal: the goal as printed.
        unit: the unit of the values.
        limit: the ratio (or, without a floor, the value) to stay at or under; None for a
            figure shown for information, with no verdict.
        note: printed instead of the values when the figure was not measured.
    """

    name: str
    values: list[float]
    floor: list[float] | None
    goal: str
    unit: str = "s"
    limit: float | None = None
    note: str = ""

    def cell(self, values: list[float]) -> str:
        """Median and spread (min–max) of ``values``."""
        median = statistics.median(values)
        spread = f"{min(values):.3g}–{max(values):.3g}" if len(values) > 1 else "-"
        return f"{median:.3g} {self.unit} ({spread})"

    @property
    def ratio(self) -> float | None:
        """Median over the floor's median."""
        if not self.floor or not self.values:
            return None
        return statistics.median(self.values) / max(statistics.median(self.floor), 1e-9)

    @property
    def verdict(self) -> str:
        """``met``, ``NOT met``, or ``—`` (no goal, or not measured)."""
        if self.limit is None or not self.values:
            return "—"
        value = self.ratio if self.floor else statistics.median(self.values)
        return "met" if value is not None and value <= self.limit else "NOT met"

    def row(self) -> str:
        """The figure as a Markdown table row."""
        if not self.values:
            cells = [self.name, self.note or "not measured", "—", "—", self.goal, "—"]
            return "| " + " | ".join(cells) + " |"
        floor = self.cell(self.floor) if self.floor else "—"
        ratio = f"{self.ratio:.2f}×" if self.ratio is not None else "—"
        cells = [self.name, self.cell(self.values), floor, ratio, self.goal, self.verdict]
        return "| " + " | ".join(cells) + " |"


@dataclass
class Bench:
    """What every measurement shares: the command, the environment, the cache."""

    runs: int
    quick: bool
    cache: Path
    env: dict[str, str]
    tl: list[str] = field(default_factory=list)

    def fresh(self) -> None:
        """Start the next run with an empty cache (a first open)."""
        shutil.rmtree(self.cache, ignore_errors=True)

    def repeat(self, measure: Callable[[], float]) -> list[float]:
        """``measure`` once per run."""
        return [measure() for _ in range(self.runs)]

    def term(self, argv: Sequence[str], size: tuple[int, int] = SIZE) -> PtyProcess:
        """A program in a pseudo-terminal of ``size``."""
        return PtyProcess(argv, *size, env=self.env)

    def first_paint(self, argv: Sequence[str], *needles: bytes) -> float:
        """Seconds from start until one of ``needles`` is written."""
        term = self.term(argv)
        try:
            return term.wait_output(*needles)
        finally:
            term.close()

    def tui(self, path: Path) -> list[str]:
        """The TUI on ``path``."""
        return [*self.tl, *MAX_SIZE, str(path)]


def timeline() -> list[str]:
    """The command, as this Python runs it (the code on its path, not an installed script)."""
    return [sys.executable, "-m", "timeline_explorer"]


def compile_modules() -> None:
    """Compile the package to bytecode first, as ``pip install .`` does when it installs it.

    An editable install run with ``PYTHONDONTWRITEBYTECODE`` set (some machines set it) keeps
    no bytecode, so every start would compile each of the app's modules again: about 0.1 s of
    each first paint that no installed copy pays, while the floors' Textual is compiled."""
    import compileall

    import timeline_explorer

    compileall.compile_dir(Path(timeline_explorer.__file__).parent, quiet=1)


def timed(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Run a command to its end, output to /dev/null: (seconds, its peak RSS in KiB)."""
    start = time.perf_counter()
    process = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise RuntimeError(f"{argv} failed with {process.returncode}")
    return elapsed, float(usage.ru_maxrss)


def totals(entries: int) -> tuple[bytes, bytes]:
    """What the header shows once all ``entries`` are in, and while the cached head shows."""
    return f"{entries}/{entries} entries".encode(), f"loading all {entries:,} entries".encode()


def story_entries() -> int:
    """How many entries the bundled story holds, for the header the first paint waits for."""
    from timeline_explorer.data import bundled_events_path, load_index

    return len(load_index([str(bundled_events_path())]).entries)


def make_dataset(entries: int, path: Path) -> None:
    """Write a generated file of ``entries`` entries."""
    subprocess.run(
        [sys.executable, str(HERE / "make_dataset.py"), str(entries), str(path)], check=True
    )


def make_json(source: Path, target: Path) -> None:
    """Write the data of a YAML file as JSON (dates as their text), for the json.loads floor."""
    import yaml_rs

    data = yaml_rs.loads(source.read_text(encoding="utf-8"), parse_datetime=False)
    target.write_text(json.dumps(data, ensure_ascii=False, default=str), encoding="utf-8")


def key_plan(quick: bool) -> list[tuple[str, str | None]]:
    """Keys to press from the top, and which are measured: each changes the screen."""
    plan: list[tuple[str, str | None]] = []
    for _ in range(3 if quick else 8):
        plan += [("home", None), ("down", "down"), ("down", "down"), ("pgdn", "pgdn")]
        plan += [("home", None), ("end", "end"), ("enter", "enter"), ("esc", None)]
    return plan


HELD_GAP = 0.03  # seconds between the ↓ of a held key (a keyboard's repeat is 25–40 a second)


def held_down(term: PtyProcess, presses: int) -> float:
    """Bytes per ↓ while ↓ is held: ``presses`` keys :data:`HELD_GAP` apart, from the top,
    everything written until the screen is still, divided by the keys."""
    term.key(KEYS["home"])
    term.settle(0.3)
    mark = len(term.out)
    for _ in range(presses):
        term.send(KEYS["down"])
        term.read(HELD_GAP)
    term.settle(0.3)
    return (len(term.out) - mark) / presses


def idle_keys(
    bench: Bench, path: Path, entries: int
) -> tuple[dict[str, list[float]], list[float], int]:
    """Keys once everything is loaded: (latency per key in ms, bytes per ↓, RSS in KiB); the
    bytes per ↓ held are in the latencies' dict under ``held`` (bytes, not ms)."""
    total, _ = totals(entries)
    term = bench.term(bench.tui(path))
    try:
        term.wait_output(total, limit=600)
        ready_after_search(term, since=0)  # the background indexes are built
        term.settle(0.3)
        rss = term.rss_kb()
        latency: dict[str, list[float]] = {}
        down_bytes: list[float] = []
        for name, measured in key_plan(bench.quick):
            first, _, written = term.key(KEYS[name])
            if measured is not None:
                latency.setdefault(measured, []).append(first * 1000)
            if measured == "down":
                down_bytes.append(float(written))
        for _ in range(bench.runs):
            latency.setdefault("held", []).append(held_down(term, 5 if bench.quick else 20))
        return latency, down_bytes, rss
    finally:
        term.close()


def ready_after_search(term: PtyProcess, since: int) -> float:
    """Search for a word and wait for the answer in the header: seconds from the start.

    The app shows no sign that its background work (search text, actor views) is done; a
    search answered is the sign that at least the search is ready. ``/`` is pressed again
    until the search field shows (a key pressed the moment the first rows appear can be
    lost, or answered late while the front end is busy), so the figure includes up to a few
    tenths of a second of that. Before that, ↓ is pressed until something is written back.
    """
    for _ in range(300):  # first, a key answered: the front end is no longer busy
        if term.key(KEYS["down"], quiet=0.05, before=0)[2]:
            break
    for _ in range(100):
        mark = len(term.out)
        term.send(b"/")
        try:
            term.wait_output(b"Enter to go", limit=0.3, since=mark)
            break
        except RuntimeError:
            continue
    term.send(b"zurich\r")
    # The header names the search once it is answered: 'search "zurich"', or, when a "/"
    # pressed while the front end was busy went into the field, 'search "/zurich"' (with
    # no match: an answer all the same, that needed the search text).
    elapsed = term.wait_output(b'zurich"', limit=600, since=since)
    term.settle(0.2)
    term.key(KEYS["esc"], before=0)  # close the field
    term.key(KEYS["esc"])  # clear the search
    return elapsed


def keys_until(
    term: PtyProcess, needle: bytes, since: int, latency: dict[str, list[float]]
) -> None:
    """Press ↓, PgDn, ↓, End, Home in turn until ``needle`` is written after ``since``, adding
    each key's latency (ms) to ``latency``; keys with no answer within 2 s are counted apart
    (under ``unanswered``), not as latencies."""
    cycle = ["down", "pgdn", "down", "end", "home"]
    turn = 0
    began = time.perf_counter()
    while needle not in term.out[since:] and time.perf_counter() - began < 600:
        name = cycle[turn % len(cycle)]
        turn += 1
        first, _, written = term.key(KEYS[name], quiet=0.03, before=0.02)
        if not written:
            latency.setdefault("unanswered", []).append(0.0)
        elif name in LABELS:
            latency.setdefault(name, []).append(first * 1000)


def loading_keys(bench: Bench, path: Path, entries: int) -> dict[str, list[float]]:
    """Keys pressed while the cached first rows show and the rest loads behind them (ms)."""
    total, head = totals(entries)
    latency: dict[str, list[float]] = {}
    for _ in range(bench.runs):
        term = bench.term(bench.tui(path))
        try:
            term.wait_output(head, total, limit=600)
            keys_until(term, total, 0, latency)
        finally:
            term.close()
    return latency


APPENDED = (
    '  - id: bench-reload\n    date: "2025-09-07"\n    speaker: actor0\n    text: Late news\n'
)
"""A statement appended to a generated file (statements are its last list) by a live reload."""


def reload_keys(
    bench: Bench, path: Path, entries: int
) -> tuple[dict[str, list[float]], list[float]]:
    """Keys pressed while a live reload runs behind the screen (ms), and seconds from the save
    to the new data on screen. A copy of the file is opened and fully loaded; then a statement
    is appended (a first open of the changed file: the fast path, in the reload's thread)."""
    total, _ = totals(entries)
    grown, _ = totals(entries + 1)
    latency: dict[str, list[float]] = {}
    shown: list[float] = []
    copy = path.with_name(f"reload-{path.name}")
    for _ in range(bench.runs):
        shutil.copyfile(path, copy)
        term = bench.term(bench.tui(copy))
        try:
            term.wait_output(total, limit=600)
            ready_after_search(term, since=0)  # the warm-up is done: only the reload runs
            term.settle(0.3)
            mark = len(term.out)
            saved = time.perf_counter()
            with copy.open("a", encoding="utf-8") as out:
                out.write(APPENDED)
            keys_until(term, grown, mark, latency)
            shown.append(time.perf_counter() - saved)
        finally:
            term.close()
    copy.unlink(missing_ok=True)
    return latency, shown


def full_paint_bytes(bench: Bench, path: Path, entries: int, size: tuple[int, int]) -> int:
    """Bytes of the first full screen of the TUI on ``path``."""
    total, _ = totals(entries)
    term = bench.term(bench.tui(path), size)
    try:
        term.wait_output(total)
        term.settle(0.5)
        return len(term.out)
    finally:
        term.close()


def search_and_filter(bench: Bench, path: Path, entries: int) -> tuple[list[float], list[float]]:
    """Milliseconds from Enter until a search's matches, and a filter's rows, are on screen."""
    total, _ = totals(entries)
    term = bench.term(bench.tui(path))
    searches: list[float] = []
    filters: list[float] = []

    def typed_then_enter(keys: bytes, needle: bytes) -> float:
        for char in keys:
            term.key(bytes([char]))
        mark = len(term.out)
        start = time.perf_counter()
        term.send(b"\r")
        term.wait_output(needle, limit=30, since=mark)
        elapsed = (time.perf_counter() - start) * 1000
        term.settle(0.2)
        return elapsed

    try:
        term.wait_output(total, limit=600)
        ready_after_search(term, since=0)
        for n in range(bench.runs):
            searches.append(typed_then_enter(b"/" + b"zurich"[: 4 + n % 3], b"search"))
            term.key(KEYS["esc"])  # clear the search
            filters.append(typed_then_enter(b"f" + f"actor{n + 1}".encode(), b"actor: "))
            term.key(b"F")  # clear the filter
    finally:
        term.close()
    return searches, filters


# -- the table ----------------------------------------------------------------------------------


def measure(args: argparse.Namespace, work: Path) -> tuple[list[Figure], str]:
    """Every figure, and a line naming the floors' medians."""
    entries: int = args.entries
    big = work / f"{entries}.yaml"
    small = work / f"{FLOOR_KEYS}.yaml"
    as_json = work / f"{entries}.json"
    for count, path in ((entries, big), (FLOOR_KEYS, small)):
        make_dataset(count, path)
    make_json(big, as_json)
    env = {**os.environ, "TIMELINE_EXPLORER_CACHE": str(work / "cache"), "TERM": "xterm-256color"}
    env.pop("NO_COLOR", None)
    bench = Bench(args.repeat, args.quick, work / "cache", env, timeline())
    tl = bench.tl
    n = "100k" if entries == 100_000 else f"{entries:,}"
    total, head = totals(entries)
    py = sys.executable
    print(
        f"# {entries:,} entries, {big.stat().st_size / 1e6:.1f} MB; {bench.runs} runs each; "
        f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}",
        flush=True,
    )

    # Floors.
    hello = bench.repeat(lambda: bench.first_paint([py, str(HERE / "hello_app.py")], b"Hello"))
    read_yaml = f"import yaml_rs; yaml_rs.loads(open({str(big)!r}, encoding='utf-8').read())"
    yaml_rs_parse = bench.repeat(lambda: timed([py, "-c", read_yaml], env)[0])
    read_json = f"import json; json.loads(open({str(as_json)!r}, 'rb').read())"
    json_parse = bench.repeat(lambda: timed([py, "-c", read_json], env)[0])

    figures: list[Figure] = []

    # First open: first rows, then a search answered (the background indexes ready).
    browsable: list[float] = []
    loaded: list[float] = []
    for _ in range(bench.runs):
        bench.fresh()
        term = bench.term(bench.tui(big))
        try:
            browsable.append(term.wait_output(total, limit=600))
            loaded.append(ready_after_search(term, since=len(term.out)))
        finally:
            term.close()
    figures.append(
        Figure(
            f"{n}, first open, first rows browsable", browsable, yaml_rs_parse, "≤ 1.5×", limit=1.5
        )
    )
    figures.append(
        Figure(
            f"{n}, first open, fully loaded (a search answered)",
            loaded,
            yaml_rs_parse,
            "≤ 2.5×",
            limit=2.5,
        )
    )
    bench.first_paint(bench.tui(big), total)  # the cache is written
    unchanged = bench.repeat(lambda: bench.first_paint(bench.tui(big), total, head))
    figures.append(
        Figure(f"{n}, unchanged file, first rows", unchanged, hello, "≤ 1.2×", limit=1.2)
    )

    # --print to /dev/null.
    printed = [*tl, "--print", *MAX_SIZE, str(big)]
    first_runs: list[tuple[float, float]] = []
    for _ in range(bench.runs):
        bench.fresh()
        first_runs.append(timed(printed, env))
    unchanged_print = bench.repeat(lambda: timed(printed, env)[0])
    figures.append(
        Figure(
            f"--print {n}, first",
            [t for t, _ in first_runs],
            yaml_rs_parse,
            "≤ 1.5×",
            limit=1.5,
        )
    )
    figures.append(
        Figure(f"--print {n}, unchanged", unchanged_print, json_parse, "≤ 3×", limit=3.0)
    )

    story_loaded, _ = totals(story_entries())
    figures.append(
        Figure(
            "TUI first paint, bundled story",
            bench.repeat(lambda: bench.first_paint(tl, story_loaded)),
            hello,
            "≤ 1.3×",
            limit=1.3,
        )
    )

    # Keys: idle at the big size and during its background loading, against idle at 1,000.
    small_keys, _, _ = idle_keys(bench, small, FLOOR_KEYS)
    big_keys, down_bytes, rss_loaded = idle_keys(bench, big, entries)
    during = loading_keys(bench, big, entries)
    for name in ("down", "pgdn", "end"):
        figures.append(
            Figure(
                f"{LABELS[name]} at {n}, idle (first byte)",
                big_keys[name],
                small_keys[name],
                "≤ 1.2×",
                "ms",
                1.2,
            )
        )
    reloading, reload_shown = reload_keys(bench, big, entries)
    for when, what, keys in (
        ("background loading", "load", during),
        ("a live reload", "reload", reloading),
    ):
        for name in ("down", "pgdn", "end"):
            figures.append(
                Figure(
                    f"{LABELS[name]} at {n}, during {when} (first byte)",
                    keys.get(name, []),
                    small_keys[name],
                    "≤ 1.2×",
                    "ms",
                    1.2,
                    note=f"the {what} ended before a key was answered",
                )
            )
    full = float(full_paint_bytes(bench, small, FLOOR_KEYS, SIZE))
    figures.append(
        Figure(
            f"bytes per ↓ at 120x40 with the pane, held (a key every {HELD_GAP * 1000:.0f} ms)",
            big_keys["held"],
            [full],
            "≤ 10%",
            "B",
            0.10,
        )
    )
    figures.append(
        Figure(f"RSS once loaded, {n}", [rss_loaded / 1024], None, "≤ 250 MiB", "MiB", 250)
    )

    if args.million:
        figures += million(bench, work, small_keys)
    else:
        figures.append(
            Figure(
                "1,000,000 entries",
                [],
                None,
                "browsable; keys ≤ 1.2×; RSS ≤ 2 GiB",
                note="not run (python bench/run.py --million)",
            )
        )

    unanswered = len(during.get("unanswered", []))
    answered = sum(len(during.get(name, [])) for name in LABELS)
    # For information, no goal of their own.
    figures.append(
        Figure(
            f"Enter at {n}, idle (first byte)",
            big_keys["enter"],
            small_keys["enter"],
            "—",
            "ms",
        )
    )
    narrow_full = full_paint_bytes(bench, big, entries, (80, 24))
    narrow = bench.term(bench.tui(big), (80, 24))
    try:
        narrow.wait_output(total, limit=600)
        ready_after_search(narrow, since=0)
        narrow_bytes = [float(narrow.key(KEYS["down"])[2]) for _ in range(5 if args.quick else 20)]
    finally:
        narrow.close()
    figures.append(
        Figure("bytes per ↓ at 80x24 (no pane)", narrow_bytes, [float(narrow_full)], "—", "B")
    )
    figures.append(
        Figure(
            "bytes per ↓ at 120x40 with the pane, one at a time (the pane follows each)",
            down_bytes,
            [full],
            "—",
            "B",
        )
    )
    searches, filters = search_and_filter(bench, big, entries)
    figures.append(
        Figure(f"live reload at {n}: save to the new data on screen", reload_shown, None, "—", "s")
    )
    figures.append(Figure(f"search at {n}: Enter to matches on screen", searches, None, "—", "ms"))
    figures.append(Figure(f"filter at {n}: Enter to rows on screen", filters, None, "—", "ms"))
    figures.append(
        Figure(
            f"peak RSS, --print {n} first",
            [rss / 1024 for _, rss in first_runs],
            None,
            "—",
            "MiB",
        )
    )
    floors = (
        f"floors: hello-world first paint {statistics.median(hello):.3g} s; "
        f"yaml_rs.loads {statistics.median(yaml_rs_parse):.3g} s; "
        f"json.loads {statistics.median(json_parse):.3g} s; "
        f"keys during background loading: {answered} answered, {unanswered} unanswered; "
        f"during a live reload: {sum(len(reloading.get(k, [])) for k in LABELS)} answered, "
        f"{len(reloading.get('unanswered', []))} unanswered; "
        f"load average at the end {' '.join(f'{x:.2f}' for x in os.getloadavg())}"
    )
    return figures, floors


def million(bench: Bench, work: Path, small_keys: dict[str, list[float]]) -> list[Figure]:
    """The 1,000,000-entry figures: browsable, keys against 1,000 entries, RSS once loaded."""
    entries = 1_000_000
    path = work / f"{entries}.yaml"
    make_dataset(entries, path)
    total, _ = totals(entries)
    bench.fresh()
    term = bench.term(bench.tui(path))
    try:
        browsable = term.wait_output(total, limit=1800)
        loaded = ready_after_search(term, since=len(term.out))
    finally:
        term.close()
    keys, _, rss = idle_keys(bench, path, entries)
    figures = [
        Figure("1M, first open, first rows browsable", [browsable], None, "browsable", limit=None),
        Figure("1M, first open, a search answered", [loaded], None, "—"),
    ]
    for name in ("down", "pgdn", "end"):
        figures.append(
            Figure(
                f"{LABELS[name]} at 1M, idle (first byte)",
                keys[name],
                small_keys[name],
                "≤ 1.2×",
                "ms",
                1.2,
            )
        )
    figures.append(Figure("RSS once loaded, 1M", [rss / 1024], None, "≤ 2048 MiB", "MiB", 2048))
    return figures


def main(argv: Sequence[str] | None = None) -> int:
    """Measure, then print the table."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--entries", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--quick", action="store_true", help="fewer keys (for the tests)")
    parser.add_argument("--million", action="store_true", help="also 1,000,000 entries (slow)")
    args = parser.parse_args(argv)
    compile_modules()
    work = Path(tempfile.mkdtemp(prefix="timeline-bench-"))
    try:
        figures, floors = measure(args, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print()
    print("| figure | measured (median, spread) | floor, same run | ratio | goal | |")
    print("|---|---|---|---|---|---|")
    for figure in figures:
        print(figure.row())
    print()
    print(floors)
    return 0


if __name__ == "__main__":
    sys.exit(main())
