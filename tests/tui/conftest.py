"""The TUI tests run as in a true-colour terminal, whatever the terminal running them says
(``TERM=xterm`` would give 16 colours); the tests of 16 colours ask for them themselves."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def true_colour(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLORTERM", "truecolor")
