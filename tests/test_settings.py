"""Settings that stay: a readable TOML file; a broken one is reported in a line and ignored."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import settings as examples
from hypothesis import strategies as st

from timeline_explorer.settings import (
    Settings,
    config_path,
    dumps,
    load_settings,
    save_settings,
)


@pytest.fixture
def config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "config" / "settings.toml"
    monkeypatch.setenv("TIMELINE_EXPLORER_CONFIG", str(path))
    return path


def test_the_environment_names_the_file(config: Path) -> None:
    assert config_path() == config


def test_defaults_when_there_is_no_file(config: Path) -> None:
    assert load_settings() == (Settings(), [])
    assert Settings() == Settings(theme="dark", time_zone="as-written", detail_pane=True)


def test_round_trip_in_a_readable_file(config: Path) -> None:
    chosen = Settings(theme="light", time_zone="utc", detail_pane=False)
    assert save_settings(chosen) is None
    text = config.read_text()
    assert 'theme = "light"' in text
    assert 'time_zone = "utc"' in text
    assert "detail_pane = false" in text
    assert load_settings() == (chosen, [])
    # and in a new process, as at the next start
    code = "from timeline_explorer.settings import load_settings; print(load_settings())"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert out.stdout.strip() == repr((chosen, []))


@pytest.mark.parametrize(
    ("content", "warning"),
    [
        ('theme = "light\n', ":1:15: settings ignored: "),
        ("theme = dark\n", ":1:9: settings ignored: Invalid value"),
        ('theme = "dark"\ntheme = "light"\n', ":2:"),
        (b"theme = '\xff'\n", ":1: settings ignored: not valid UTF-8"),
    ],
)
def test_a_broken_file_is_reported_in_one_line_and_ignored(
    config: Path, content: str | bytes, warning: str
) -> None:
    config.parent.mkdir(parents=True)
    if isinstance(content, str):
        config.write_text(content)
    else:
        config.write_bytes(content)
    settings, warnings = load_settings()
    assert settings == Settings()
    assert len(warnings) == 1
    assert warnings[0].startswith(str(config) + warning), warnings
    assert "\n" not in warnings[0]


def test_bad_values_are_ignored_one_by_one(config: Path) -> None:
    config.parent.mkdir(parents=True)
    config.write_text('theme = "light"\ntime_zone = "Mars"\ndetail_pane = "no"\ncolour = 1\n')
    settings, warnings = load_settings()
    assert settings == Settings(theme="light")
    assert warnings == [
        f"{config}:2: time_zone = 'Mars' ignored; expected as-written or utc or local",
        f"{config}:3: detail_pane = 'no' ignored; expected true or false",
        f"{config}:4: unknown setting 'colour' ignored",
    ]


def test_a_directory_in_place_of_the_file(config: Path) -> None:
    config.mkdir(parents=True)
    settings, warnings = load_settings()
    assert settings == Settings()
    assert warnings and warnings[0].startswith(f"{config}: settings ignored: cannot read")
    message = save_settings(Settings(theme="light"))
    assert message is not None and "settings not saved" in message


def test_a_broken_file_is_not_overwritten(config: Path) -> None:
    config.parent.mkdir(parents=True)
    config.write_text('theme = "light\n')
    message = save_settings(Settings(theme="light"))
    assert message is not None
    assert message.startswith(f"{config}:1:15: settings not saved: ")
    assert config.read_text() == 'theme = "light\n'


def test_unknown_keys_are_kept_when_saving(config: Path) -> None:
    config.parent.mkdir(parents=True)
    config.write_text(
        'theme = "light"\nfuture_option = "a \\"quoted\\" \\u0007 value"\nlevel = 3\n'
    )
    assert save_settings(Settings(theme="dark", detail_pane=False)) is None
    settings, warnings = load_settings()
    assert settings == Settings(theme="dark", detail_pane=False)
    assert len(warnings) == 2
    text = config.read_text()
    assert 'future_option = "a \\"quoted\\" \\u0007 value"' in text
    assert "level = 3" in text


def test_a_file_with_tables_is_not_rewritten(config: Path) -> None:
    config.parent.mkdir(parents=True)
    original = 'theme = "light"\n[keys]\nquit = "q"\n'
    config.write_text(original)
    message = save_settings(Settings())
    assert message is not None and "tables" in message
    assert config.read_text() == original


def test_control_characters_in_the_file_do_not_reach_the_report(config: Path) -> None:
    config.parent.mkdir(parents=True)
    config.write_text('theme = "\\u001b[31mred"\n')
    _settings, warnings = load_settings()
    assert len(warnings) == 1
    assert "\x1b" not in warnings[0]


@examples(max_examples=100, deadline=None)
@given(st.text())
def test_the_writer_writes_any_text_as_toml_reads_it(text: str) -> None:
    written = dumps(Settings(), {"note": text})
    assert tomllib.loads(written)["note"] == text
