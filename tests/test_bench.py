"""The benchmark script runs end to end at a small size, so it cannot rot."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parent.parent


def test_bench_prints_every_figure_of_the_table() -> None:
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "bench" / "run.py"),
            "--entries",
            "300",
            "--repeat",
            "1",
            "--quick",
        ],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    table = [line for line in result.stdout.splitlines() if line.startswith("| ")]
    names = [line.split(" | ")[0].lstrip("| ") for line in table[1:]]
    for figure in (
        "UI on screen",
        "TUI first paint, bundled events.yaml",
        "first rows browsable, first open",
        "first rows browsable, unchanged file",
        "--print 100k to /dev/null, first",
        "--print 100k to /dev/null, unchanged",
        "per-key latency ↓",
        "per-key latency PgDn",
        "per-key latency End",
        "per-key latency Enter",
        "bytes written per ↓",
        "bytes written per ↓ at 80x24",
        "search at 100k",
        "filter at 100k",
        "peak RSS",
        "RSS once loaded",
    ):
        assert any(figure in name for name in names), figure
