"""Shared fixtures: paths to the test data and the bundled story."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

from timeline_explorer.data import bundled_events_path, load_index
from timeline_explorer.index import TimelineIndex

TESTS = Path(__file__).parent
DATA = TESTS / "data"
GOLDEN = TESTS / "golden"
SMALL = DATA / "small.yaml"

# Tests (and the commands they start) never touch the user's real cache.
os.environ["TIMELINE_EXPLORER_CACHE"] = tempfile.mkdtemp(prefix="timeline-cache-")


@pytest.fixture(scope="session")
def small_index() -> TimelineIndex:
    return load_index([str(SMALL)])


@pytest.fixture(scope="session")
def story_index() -> TimelineIndex:
    return load_index([str(bundled_events_path())])


def make_dataset(directory: Path, count: int, seed: int) -> Path:
    """A generated timeline file of ``count`` entries (bench/make_dataset.py)."""
    import subprocess
    import sys

    out = directory / f"generated-{count}-{seed}.yaml"
    script = TESTS.parent / "bench" / "make_dataset.py"
    subprocess.run(
        [sys.executable, str(script), str(count), "--seed", str(seed), str(out)], check=True
    )
    return out
