"""Settings that stay from one start to the next: theme, time-zone mode, detail pane.

They are kept in a small TOML file in the user's configuration directory (``platformdirs``), or
at the path in ``$TIMELINE_EXPLORER_CONFIG``::

    # timeline-explorer settings
    theme = "dark"            # dark | light
    time_zone = "as-written"  # as-written | utc | local
    detail_pane = true

A file that cannot be read, or a value that is not one of these, is reported in one line (with
its place when known) and ignored: the defaults are used instead, and the program starts anyway.
Writing replaces the file atomically; a broken file is not overwritten (it is the user's, to
fix), and keys this version does not know are kept.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from .atomic import write_atomic
from .limits import SETTINGS_MAX_BYTES as MAX_BYTES
from .safetext import visible

THEMES = ("dark", "light")
TIME_ZONES = ("as-written", "utc", "local")
FILE_NAME = "settings.toml"
_CHOICES: dict[str, tuple[str, ...]] = {"theme": THEMES, "time_zone": TIME_ZONES}
_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
_PLACE = re.compile(r"\s*\(at line (\d+), column (\d+)\)$")


@dataclass(frozen=True, slots=True)
class Settings:
    """What the user chose; the defaults are those of a first start."""

    theme: str = "dark"  # one of THEMES
    time_zone: str = "as-written"  # one of TIME_ZONES: dates as written, in UTC, or local time
    detail_pane: bool = True


def config_path() -> Path:
    """The settings file: ``$TIMELINE_EXPLORER_CONFIG``, or ``settings.toml`` in the user's
    configuration directory."""
    override = os.environ.get("TIMELINE_EXPLORER_CONFIG")
    if override:
        return Path(override)
    from platformdirs import user_config_dir

    return Path(user_config_dir("timeline-explorer", appauthor=False)) / FILE_NAME


class _Broken(Exception):
    """The file as a whole cannot be used; the message is the one-line report."""


def _read(path: Path) -> tuple[dict[str, Any], str] | None:
    """The file's table and text, None when there is no file; raises _Broken."""
    shown = visible(str(path))
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise _Broken(f"{shown}: settings ignored: cannot read ({exc.strerror or exc})") from None
    if len(data) > MAX_BYTES:
        raise _Broken(f"{shown}: settings ignored: larger than {MAX_BYTES // 1024} KiB")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise _Broken(f"{shown}:{line}: settings ignored: not valid UTF-8") from None
    import tomllib  # only when there is a settings file

    try:
        return tomllib.loads(text), text
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        place = _PLACE.search(message)
        where = f"{shown}:{place[1]}:{place[2]}" if place else shown
        message = _PLACE.sub("", message)
        raise _Broken(f"{where}: settings ignored: {visible(message)}") from None


def _line_of(text: str, key: str) -> str:
    """``:N`` for the line where a top-level key is set, or an empty string."""
    for number, line in enumerate(text.splitlines(), 1):
        if re.match(rf"\s*\"?{re.escape(key)}\"?\s*=", line):
            return f":{number}"
    return ""


def load_settings(path: Path | None = None) -> tuple[Settings, list[str]]:
    """The settings, and one line for each problem found (each ignored). Never raises.

    Args:
        path: the file to read (default: :func:`config_path`).
    """
    path = path if path is not None else config_path()
    try:
        found = _read(path)
    except _Broken as exc:
        return Settings(), [str(exc)]
    if found is None:
        return Settings(), []
    table, text = found
    shown = visible(str(path))
    settings = Settings()
    warnings: list[str] = []
    known = {f.name for f in fields(Settings)}
    for key, value in table.items():
        where = f"{shown}{_line_of(text, key)}"
        if key not in known:
            warnings.append(f"{where}: unknown setting {visible(repr(key))} ignored")
            continue
        if key in _CHOICES:
            choices = _CHOICES[key]
            if value not in choices:
                expected = " or ".join(choices)
                warnings.append(
                    f"{where}: {key} = {visible(repr(value))} ignored; expected {expected}"
                )
                continue
        elif not isinstance(value, bool):
            warnings.append(
                f"{where}: {key} = {visible(repr(value))} ignored; expected true or false"
            )
            continue
        settings = replace(settings, **{key: value})
    return settings, warnings


def _toml_string(value: str) -> str:
    out = ['"']
    for char in value:
        code = ord(char)
        if char in '"\\':
            out.append("\\" + char)
        elif char == "\n":
            out.append("\\n")
        elif char == "\t":
            out.append("\\t")
        elif code < 0x20 or code == 0x7F:
            out.append(f"\\u{code:04X}")
        else:
            out.append(char)
    out.append('"')
    return "".join(out)


def _toml_value(value: Any) -> str | None:
    """A scalar value in TOML, or None for what this small writer does not write."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        text = repr(value)
        return text if _BARE_KEY.fullmatch(text.replace(".", "").replace("+", "")) else None
    if isinstance(value, str):
        return _toml_string(value)
    return None


def dumps(settings: Settings, extra: dict[str, Any] | None = None) -> str:
    """The settings file's text: our keys with their choices in comments, then ``extra``."""
    lines = [
        "# timeline-explorer settings",
        f"theme = {_toml_string(settings.theme)}  # {' | '.join(THEMES)}",
        f"time_zone = {_toml_string(settings.time_zone)}  # {' | '.join(TIME_ZONES)}",
        f"detail_pane = {'true' if settings.detail_pane else 'false'}",
    ]
    for key, value in (extra or {}).items():
        written = _toml_value(value)
        if written is None:
            raise ValueError(f"cannot write the setting {key!r}")
        name = key if _BARE_KEY.fullmatch(key) else _toml_string(key)
        lines.append(f"{name} = {written}")
    return "\n".join(lines) + "\n"


def save_settings(settings: Settings, path: Path | None = None) -> str | None:
    """Write the settings; returns None, or one line saying why they were not saved.

    A file that cannot be read as TOML is left as it is; unknown keys of the file are kept.
    """
    path = path if path is not None else config_path()
    shown = visible(str(path))
    try:
        found = _read(path)
    except _Broken as exc:
        return str(exc).replace("settings ignored", "settings not saved", 1)
    known = {f.name for f in fields(Settings)}
    extra = {k: v for k, v in (found[0] if found else {}).items() if k not in known}
    try:
        text = dumps(settings, extra)
    except ValueError:
        return f"{shown}: settings not saved: the file holds tables this version does not write"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(str(path), text.encode("utf-8"))
    except OSError as exc:
        return f"{shown}: settings not saved: {exc.strerror or exc}"
    return None
