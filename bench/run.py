"""Benchmarks of timeline-explorer at scale, each compared with its floor in the same run.

    python bench/run.py                      # 100,000 entries, 3 runs of each figure
    python bench/run.py --entries 300 --repeat 1 --quick   # what the tests run

Machines are noisy, so every figure is a median over runs, with its spread (min–max), and
the verdict is the ratio to a floor measured in the same run. The TUI is measured in a real
pseudo-terminal: time until a given text is on the screen, time from a key to the first byte
of the answer and until the screen settles, and bytes written.
"""

from __future__ import annotations

import argparse
import fcntl
import os
import pty
import select
import shutil
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

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


# -- a program in a pseudo-terminal -------------------------------------------------------------


class Pty:
    """Run a command in a pseudo-terminal and collect what it writes."""

    def __init__(self, argv: Sequence[str], cols: int, rows: int, env: dict[str, str]) -> None:
        self.started = time.perf_counter()
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            os.environ.update(env)
            os.environ.update({"TERM": "xterm-256color", "COLUMNS": str(cols), "LINES": str(rows)})
            os.execvp(argv[0], list(argv))
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        self.out = bytearray()

    def read(self, timeout: float) -> bytes:
        """Whatever arrives within ``timeout`` seconds."""
        got = bytearray()
        end = time.perf_counter() + timeout
        while (left := end - time.perf_counter()) > 0:
            ready, _, _ = select.select([self.fd], [], [], left)
            if not ready:
                break
            try:
                chunk = os.read(self.fd, 1 << 16)
            except OSError:
                break
            if not chunk:
                break
            got += chunk
        self.out += got
        return bytes(got)

    def wait_for(self, *needles: bytes, limit: float = 120) -> float:
        """Seconds from start until one of ``needles`` was written."""
        end = time.perf_counter() + limit
        while not any(n in self.out for n in needles) and time.perf_counter() < end:
            self.read(0.01)
        if not any(n in self.out for n in needles):
            raise RuntimeError(f"{needles!r} never appeared")
        return time.perf_counter() - self.started

    def settle(self, quiet: float = 0.3, limit: float = 30) -> bytes:
        """Read until nothing arrives for ``quiet`` seconds."""
        got = bytearray()
        end = time.perf_counter() + limit
        while time.perf_counter() < end:
            chunk = self.read(quiet)
            if not chunk:
                break
            got += chunk
        return bytes(got)

    def key(self, data: bytes, quiet: float = 0.15) -> tuple[float, float, int]:
        """Send a key: (seconds to the first byte back, to the screen settled, bytes written)."""
        self.settle(0.1)
        sent = time.perf_counter()
        os.write(self.fd, data)
        first = None
        got = 0
        last = sent
        while True:
            ready, _, _ = select.select([self.fd], [], [], quiet if first else 2)
            if not ready:
                break
            chunk = os.read(self.fd, 1 << 16)
            if not chunk:
                break
            now = time.perf_counter()
            first = first or now
            last = now
            got += len(chunk)
            self.out += chunk
        return ((first or last) - sent, last - sent, got)

    def typed_then_enter(self, keys: bytes, needle: bytes) -> float:
        """Type keys one by one, then Enter: milliseconds from Enter until ``needle`` shows."""
        for char in keys:
            self.key(bytes([char]))
        start = time.perf_counter()
        os.write(self.fd, b"\r")
        mark = len(self.out)
        while needle not in self.out[mark:] and time.perf_counter() - start < 30:
            self.read(0.005)
        elapsed = (time.perf_counter() - start) * 1000
        self.settle(0.2)
        return elapsed

    def rss_kb(self) -> int:
        """Resident memory of the program now, in KiB."""
        for line in Path(f"/proc/{self.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
        return 0

    def close(self) -> None:
        """Stop the program."""
        try:
            os.kill(self.pid, signal.SIGTERM)
            for _ in range(50):
                if os.waitpid(self.pid, os.WNOHANG)[0]:
                    break
                time.sleep(0.05)
            else:
                os.kill(self.pid, signal.SIGKILL)
                os.waitpid(self.pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass
        os.close(self.fd)


# -- figures ------------------------------------------------------------------------------------


@dataclass
class Figure:
    """One row of the table."""

    name: str
    values: list[float]
    floor: list[float] | None
    goal: str
    unit: str = "s"
    limit: float | None = None  # the ratio (or the value, without a floor) to stay under

    def cell(self, values: list[float]) -> str:
        median = statistics.median(values)
        spread = f"{min(values):.3g}–{max(values):.3g}" if len(values) > 1 else "-"
        return f"{median:.3g} {self.unit} ({spread})"

    @property
    def ratio(self) -> float | None:
        if not self.floor:
            return None
        return statistics.median(self.values) / max(statistics.median(self.floor), 1e-9)

    @property
    def met(self) -> bool:
        if self.limit is None:
            return True
        value = self.ratio if self.floor else statistics.median(self.values)
        return value is not None and value <= self.limit

    def row(self) -> str:
        floor = self.cell(self.floor) if self.floor else "—"
        ratio = f"{self.ratio:.2f}×" if self.ratio is not None else "—"
        verdict = "met" if self.met else "NOT met"
        cells = [self.name, self.cell(self.values), floor, ratio, self.goal, verdict]
        return "| " + " | ".join(cells) + " |"


def timeline() -> list[str]:
    """The installed command, or the module through this Python."""
    found = shutil.which("timeline", path=str(Path(sys.executable).parent))
    return [found] if found else [sys.executable, "-m", "timeline_explorer"]


def repeat(times: int, measure: Callable[[], float]) -> list[float]:
    return [measure() for _ in range(times)]


def first_paint(
    argv: list[str], needle: bytes | tuple[bytes, ...], env: dict[str, str], size: tuple[int, int]
) -> float:
    term = Pty(argv, *size, env)
    try:
        return term.wait_for(*(needle if isinstance(needle, tuple) else (needle,)))
    finally:
        term.close()


def timed(argv: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


def peak_rss_kb(argv: list[str], env: dict[str, str]) -> float:
    """Peak resident memory of one command (its own rusage, from wait4), in KiB."""
    process = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise RuntimeError(f"{argv} failed")
    return float(usage.ru_maxrss)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--quick", action="store_true", help="fewer keys (for the tests)")
    args = parser.parse_args(argv)
    runs = args.repeat
    work = Path(tempfile.mkdtemp(prefix="timeline-bench-"))
    big = work / f"{args.entries}.yaml"
    small = work / "20.yaml"
    for count, path in ((args.entries, big), (20, small)):
        subprocess.run(
            [sys.executable, str(HERE / "make_dataset.py"), str(count), str(path)], check=True
        )
    cache = work / "cache"
    env = {**os.environ, "TIMELINE_EXPLORER_CACHE": str(cache), "NO_COLOR": ""}
    env.pop("NO_COLOR")
    size = (120, 40)
    tl = timeline()
    limit = ["--max-size", "1000"]
    hello = [sys.executable, str(HERE / "hello_app.py")]
    bare = [
        sys.executable,
        "-c",
        f"import yaml; yaml.load(open({str(big)!r}, 'rb'), Loader=yaml.CSafeLoader)",
    ]
    total = f"{args.entries}/{args.entries} entries".encode()
    head = f"loading all {args.entries:,} entries".encode()  # the cached first rows
    figures: list[Figure] = []

    def fresh() -> None:
        shutil.rmtree(cache, ignore_errors=True)

    print(
        f"# {args.entries:,} entries, {big.stat().st_size / 1e6:.1f} MB; {runs} runs each",
        flush=True,
    )
    hello_paint = repeat(runs, lambda: first_paint(hello, b"Hello", env, size))
    bare_parse = repeat(runs, lambda: timed(bare, env))

    def ui_up() -> float:
        fresh()
        # small files load before the screen opens: then the rows are the first paint
        return first_paint([*tl, *limit, str(big)], (b"Loading", total), env, size)

    figures.append(
        Figure(
            "UI on screen (progress bar) while loading 100k",
            repeat(runs, ui_up),
            hello_paint,
            "≤ 1.3×",
            limit=1.3,
        )
    )
    figures.append(
        Figure(
            "TUI first paint, bundled events.yaml",
            repeat(runs, lambda: first_paint(tl, b"36/36 entries", env, size)),
            hello_paint,
            "≤ 1.3×",
            limit=1.3,
        )
    )

    def browsable_first() -> float:
        fresh()
        return first_paint([*tl, *limit, str(big)], total, env, size)

    figures.append(
        Figure(
            "100k: first rows browsable, first open",
            repeat(runs, browsable_first),
            bare_parse,
            "≤ 0.5×",
            limit=0.5,
        )
    )
    first_paint([*tl, *limit, str(big)], total, env, size)  # make sure the cache is written
    figures.append(
        Figure(
            "100k: first rows browsable, unchanged file",
            repeat(runs, lambda: first_paint([*tl, *limit, str(big)], (total, head), env, size)),
            hello_paint,
            "≤ 1.5×",
            limit=1.5,
        )
    )

    def print_first() -> float:
        fresh()
        return timed([*tl, "--print", *limit, str(big)], env)

    figures.append(
        Figure(
            "--print 100k to /dev/null, first",
            repeat(runs, print_first),
            bare_parse,
            "≤ 0.6×",
            limit=0.6,
        )
    )
    timed([*tl, "--print", *limit, str(big)], env)
    figures.append(
        Figure(
            "--print 100k to /dev/null, unchanged",
            repeat(runs, lambda: timed([*tl, "--print", *limit, str(big)], env)),
            bare_parse,
            "≤ 0.2×",
            limit=0.2,
        )
    )

    # Keys: latency at 100k against the same at 20 entries; bytes per ↓ against a full paint.
    def key_run(path: Path, needle: bytes) -> tuple[dict[str, list[float]], list[int], int, int]:
        term = Pty([*tl, *limit, str(path)], *size, env)
        try:
            term.wait_for(needle)
            paint = len(term.out) + len(term.settle(0.5))
            time.sleep(2.5 if path == big else 0.2)  # let the background indexing finish
            term.settle(0.3)
            rss = term.rss_kb()
            latency: dict[str, list[float]] = {}
            down_bytes: list[int] = []
            # Each measured key changes the screen: from the top, ↓ moves, PgDn and End jump,
            # Enter opens (Esc comes back, not measured).
            plan: list[tuple[str, str | None]] = []
            for _ in range(3 if args.quick else 8):
                plan += [("home", None), ("down", "down"), ("down", "down"), ("pgdn", "pgdn")]
                plan += [("home", None), ("end", "end"), ("enter", "enter"), ("esc", None)]
            for key_name, measured in plan:
                first, _, written = term.key(KEYS[key_name])
                if measured is not None:
                    latency.setdefault(measured, []).append(first)
                if measured == "down":
                    down_bytes.append(written)
            return latency, down_bytes, paint, rss
        finally:
            term.close()

    big_keys, down_bytes, _, rss_loaded = key_run(big, total)
    small_keys, _, _, _ = key_run(small, b"20/20 entries")
    for name, label in (("down", "↓"), ("pgdn", "PgDn"), ("end", "End"), ("enter", "Enter")):
        figures.append(
            Figure(
                f"per-key latency {label} at 100k (first byte)",
                [v * 1000 for v in big_keys[name]],
                [v * 1000 for v in small_keys[name]],
                "≤ 1.2×",
                "ms",
                1.2,
            )
        )
    full_term = Pty([*tl, *limit, str(small)], *size, env)
    try:
        full_term.wait_for(b"20/20 entries")
        full_term.settle(0.5)
        full_paint = len(full_term.out)
    finally:
        full_term.close()
    figures.append(
        Figure(
            "bytes written per ↓ at 120x40",
            [float(b) for b in down_bytes],
            [float(full_paint)],
            "≤ 10%",
            "B",
            0.10,
        )
    )

    # The same at 80x24, where the detail pane is hidden: the list alone.
    narrow = Pty([*tl, *limit, str(big)], 80, 24, env)
    try:
        narrow.wait_for(total)
        narrow_paint = len(narrow.out) + len(narrow.settle(0.5))
        time.sleep(2.5)
        narrow.settle(0.3)
        narrow_bytes = [float(narrow.key(KEYS["down"])[2]) for _ in range(5 if args.quick else 20)]
    finally:
        narrow.close()
    figures.append(
        Figure(
            "bytes written per ↓ at 80x24 (no pane)",
            narrow_bytes,
            [float(narrow_paint)],
            "≤ 10%",
            "B",
            0.10,
        )
    )

    # Search and filter, from Enter to the result on screen.
    term = Pty([*tl, *limit, str(big)], *size, env)
    try:
        term.wait_for(total)
        time.sleep(3)
        term.settle(0.3)
        searches = []
        filters = []
        for n in range(runs):
            searches.append(term.typed_then_enter(b"/" + b"zurich"[: 4 + n % 3], b"search"))
            term.key(b"\x1b")  # clear the search
            filters.append(term.typed_then_enter(b"f" + f"actor{n + 1}".encode(), b"actor: "))
            term.key(b"F")  # clear the filter
    finally:
        term.close()
    figures.append(
        Figure("search at 100k: Enter to matches on screen", searches, None, "< 100 ms", "ms", 100)
    )
    figures.append(
        Figure("filter at 100k: Enter to rows on screen", filters, None, "< 100 ms", "ms", 100)
    )

    # Memory.
    bare_peak = repeat(1, lambda: peak_rss_kb(bare, env))
    fresh()
    ours_peak = [peak_rss_kb([*tl, "--print", *limit, str(big)], env)]
    figures.append(
        Figure(
            "peak RSS at 100k (--print, first open)",
            [v / 1024 for v in ours_peak],
            [v / 1024 for v in bare_peak],
            "≤ 1.0×",
            "MiB",
            1.0,
        )
    )
    figures.append(
        Figure("RSS once loaded (TUI at 100k)", [rss_loaded / 1024], None, "≤ 250 MiB", "MiB", 250)
    )

    print()
    print("| figure | measured (median, spread) | floor, same run | ratio | goal | |")
    print("|---|---|---|---|---|---|")
    for figure in figures:
        print(figure.row())
    print()
    print(
        f"hello-world first paint: {statistics.median(hello_paint):.3g} s; "
        f"bare CSafeLoader parse: {statistics.median(bare_parse):.3g} s"
    )
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
