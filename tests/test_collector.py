"""The collector's pauses: the start-up's and the loads' overlap; it runs again after the last."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator

import pytest

from timeline_explorer import collector
from timeline_explorer.collector import collector_paused, pause_start_up, start_up_done


@pytest.fixture(autouse=True)
def _restore() -> Iterator[None]:
    was = gc.isenabled()
    gc.enable()
    yield
    start_up_done()
    gc.unfreeze()
    if was:
        gc.enable()
    else:  # pragma: no cover - the tests run with the collector on
        gc.disable()


def test_start_up_pauses_the_collector_until_done() -> None:
    pause_start_up()
    assert not gc.isenabled()
    pause_start_up()  # once only: one done ends it
    start_up_done()
    assert gc.isenabled()
    start_up_done()  # again: nothing
    assert gc.isenabled()


def test_what_start_up_made_is_frozen() -> None:
    pause_start_up()
    made: list[list[int]] = [[] for _ in range(10)]
    start_up_done()
    assert gc.get_freeze_count() >= len(made)


def test_a_load_that_outlives_the_start_up_keeps_its_pause() -> None:
    pause_start_up()
    with collector_paused():
        start_up_done()  # the first paint, while a worker still loads
        assert not gc.isenabled()
    assert gc.isenabled()


def test_the_start_up_that_outlives_a_load_keeps_its_pause() -> None:
    pause_start_up()
    with collector_paused():
        pass
    assert not gc.isenabled()
    start_up_done()
    assert gc.isenabled()


def test_pauses_in_threads_overlap() -> None:
    inside = threading.Event()
    leave = threading.Event()

    def load() -> None:
        with collector_paused():
            inside.set()
            leave.wait(5)

    worker = threading.Thread(target=load)
    with collector_paused():
        worker.start()
        assert inside.wait(5)
    assert not gc.isenabled()  # the worker's pause still holds
    leave.set()
    worker.join(5)
    assert gc.isenabled()


def test_a_collector_that_was_off_stays_off() -> None:
    gc.disable()
    with collector_paused():
        pause_start_up()
        start_up_done()
    assert not gc.isenabled()
    assert collector._holds == 0
