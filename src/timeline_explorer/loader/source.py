"""Reading a data file: its bytes, its text, and its lines as an editor counts them.

Only regular files are read (``-`` is standard input), up to a size limit; UTF-8 is decoded (a
BOM is accepted), other encodings, BOMs and binary data are refused with a located message.
:class:`SourceText` maps the YAML parser's places to the editor's lines, and :func:`diag` makes a
:class:`Diagnostic` at such a place.
"""

from __future__ import annotations

import bisect
import os
import re
import stat
import sys
from dataclasses import dataclass
from typing import BinaryIO

from .diagnostics import Diagnostic

_EDITOR_BREAK = re.compile(r"\r\n|\r|\n")
_YAML_BREAK = re.compile(r"\r\n|[\r\n\x85\u2028\u2029]")
_YAML_ONLY_BREAKS = ("\x85", "\u2028", "\u2029")


@dataclass(slots=True)
class SourceText:
    """A decoded file and its lines as an editor counts them (LF, CRLF or CR end a line).

    YAML also counts NEL, U+2028 and U+2029 as line breaks, so the parser's marks are mapped back
    to the editor's lines by :meth:`place`: an error after such a character keeps its real line.
    """

    name: str
    text: str
    _lines: list[str] | None = None
    _yaml_line_starts: list[int] | None = None
    _editor_line_starts: list[int] | None = None

    def line(self, number: int) -> str | None:
        """The text of a 1-based editor line, or None past the end."""
        if self._lines is None:
            self._lines = _EDITOR_BREAK.split(self.text)
            if self._lines and self._lines[-1] == "" and len(self._lines) > 1:
                self._lines.pop()
        if 1 <= number <= len(self._lines):
            return self._lines[number - 1]
        return None

    def place(self, line: int, column: int) -> tuple[int, int]:
        """Map a 1-based line and column as the YAML parser counts them to the editor's."""
        if self._yaml_line_starts is None:
            if not any(char in self.text for char in _YAML_ONLY_BREAKS):
                self._yaml_line_starts = []
            else:
                self._yaml_line_starts = [0, *(m.end() for m in _YAML_BREAK.finditer(self.text))]
                self._editor_line_starts = [
                    0,
                    *(m.end() for m in _EDITOR_BREAK.finditer(self.text)),
                ]
        if not self._yaml_line_starts or not 1 <= line <= len(self._yaml_line_starts):
            return line, column
        assert self._editor_line_starts is not None
        index = self._yaml_line_starts[line - 1] + column - 1
        editor_line = bisect.bisect_right(self._editor_line_starts, index)
        return editor_line, index - self._editor_line_starts[editor_line - 1] + 1


def position(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of a character index."""
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    return line, column


FileIdentity = tuple[int, int, int, int, int]
"""Device, inode, size, modification and change times (ns) of the file whose bytes were read."""

_NOT_REGULAR = (
    (stat.S_ISFIFO, "a FIFO"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def _not_regular(name: str, mode: int) -> Diagnostic:
    if stat.S_ISDIR(mode):
        return Diagnostic(name, 1, 1, "is a directory; expected a YAML file")
    kind = next((what for test, what in _NOT_REGULAR if test(mode)), "a special file")
    return Diagnostic(
        name,
        1,
        1,
        f"not a regular file ({kind}); expected a YAML file",
        "to read from a pipe, give '-' as the file and redirect the pipe to standard input",
    )


def read_bytes(
    path: str, max_bytes: int, stdin: BinaryIO | None
) -> tuple[str, bytes | None, Diagnostic | None, FileIdentity | None]:
    """Read a file (``-`` is standard input); return its display name, its bytes or a
    diagnostic, and the identity of the file read (None for standard input, or for a file that
    changed while it was read). Only regular files are read, and opening never waits (a FIFO
    is refused, not read)."""
    if path == "-":
        name = "<stdin>"
        stream = stdin if stdin is not None else sys.stdin.buffer
        data = stream.read(max_bytes + 1)
        if len(data) > max_bytes:
            return name, None, _too_big(name, None, max_bytes), None
        return name, data, None, None
    name = path
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            return name, None, _not_regular(name, info.st_mode), None
        if info.st_size > max_bytes:
            return name, None, _too_big(name, info.st_size, max_bytes), None
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
        try:
            before = os.fstat(fd)  # the file opened, which may not be the one stat'ed above
            if not stat.S_ISREG(before.st_mode):
                return name, None, _not_regular(name, before.st_mode), None
            os.set_blocking(fd, True)
            with os.fdopen(fd, "rb", closefd=False) as handle:
                data = handle.read(max_bytes + 1)
            after = os.fstat(fd)
        finally:
            os.close(fd)
    except FileNotFoundError:
        return name, None, Diagnostic(name, 1, 1, "no such file", "check the path"), None
    except PermissionError:
        return name, None, Diagnostic(name, 1, 1, "cannot read the file: permission denied"), None
    except OSError as exc:
        return name, None, Diagnostic(name, 1, 1, f"cannot read the file: {exc.strerror}"), None
    if len(data) > max_bytes:
        return name, None, _too_big(name, None, max_bytes), None
    identity = _identity(before)
    unchanged = _identity(after) == identity and len(data) == before.st_size
    return name, data, None, identity if unchanged else None


def _identity(info: os.stat_result) -> FileIdentity:
    return (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)


def _too_big(name: str, size: int | None, max_bytes: int) -> Diagnostic:
    limit = max_bytes / 1_048_576
    found = f"{size / 1_048_576:.1f} MiB" if size is not None else "more than that"
    return Diagnostic(
        name,
        1,
        1,
        f"file is too large ({found}); the limit is {limit:.0f} MiB",
        "split it into several files, or raise the limit with --max-size MIB",
    )


def decode(name: str, data: bytes) -> tuple[str | None, Diagnostic | None]:
    """Decode UTF-8 (a BOM is accepted); binary and non-UTF-8 data give a diagnostic."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    for bom, encoding in _OTHER_BOMS:
        if data.startswith(bom):
            return None, Diagnostic(
                name, 1, 1, f"the file is {encoding}; expected UTF-8", "save the file as UTF-8"
            )
    nul = data.find(b"\x00")
    if nul != -1:
        line = data.count(b"\n", 0, nul) + 1
        column = nul - (data.rfind(b"\n", 0, nul) + 1) + 1
        return None, Diagnostic(
            name,
            line,
            column,
            "this is a binary file (NUL byte); expected UTF-8 YAML text",
            "is it the right file?",
        )
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        good = data[: exc.start].decode("utf-8")
        line, column = position(good + "x", len(good))
        line_start = data.rfind(b"\n", 0, exc.start) + 1
        line_end = data.find(b"\n", exc.start)
        shown = data[line_start : line_end if line_end != -1 else len(data)]
        return None, Diagnostic(
            name,
            line,
            column,
            f"not valid UTF-8: byte 0x{data[exc.start]:02x}; expected UTF-8 text",
            "save the file as UTF-8 (it may be Latin-1 or Windows-1252)",
            shown.decode("utf-8", "replace"),
        )


_OTHER_BOMS = (
    (b"\x00\x00\xfe\xff", "UTF-32"),
    (b"\xff\xfe\x00\x00", "UTF-32"),
    (b"\xfe\xff", "UTF-16"),
    (b"\xff\xfe", "UTF-16"),
)


def diag(source: SourceText, line: int, column: int, message: str, hint: str | None) -> Diagnostic:
    """A diagnostic at a place given as the YAML parser counts lines."""
    line, column = source.place(line, column)
    return Diagnostic(source.name, line, column, message, hint, source.line(line))
