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
        "300, first open, first rows browsable",
        "300, first open, fully loaded",
        "300, unchanged file, first rows",
        "--print 300, first",
        "--print 300, unchanged",
        "TUI first paint, bundled story",
        "↓ at 300, idle",
        "PgDn at 300, idle",
        "End at 300, idle",
        "↓ at 300, during background loading",
        "PgDn at 300, during background loading",
        "End at 300, during background loading",
        "bytes per ↓ at 120x40 with the pane",
        "RSS once loaded, 300",
        "1,000,000 entries",
    ):
        assert any(name.startswith(figure) for name in names), figure
    measured = [line for line in table[2:] if "not run" not in line and "load ended" not in line]
    for line in measured:  # every measured row has a number, and a verdict where it has a goal
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        assert cells[1][0].isdigit(), line
        assert cells[5] in ("met", "NOT met", "—"), line
