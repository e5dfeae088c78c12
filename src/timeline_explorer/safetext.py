"""Make untrusted text safe to show in a terminal.

Text from data files (names, quotes, URLs, ids) can hold escape sequences, C0/C1 controls, bidi
overrides and invisible characters. :func:`visible` turns each of them into a visible escape such
as ``\\x1b`` or ``\\u202e`` so that nothing from the data ever reaches a terminal as a control,
and nothing invisible can make two names look the same or a name look empty.

What a script needs to be written correctly is kept as it is: the zero-width joiner and
non-joiner (Persian, Indic scripts, emoji sequences), variation selectors (emoji and CJK
presentation, Mongolian free variation selectors) and the Mongolian vowel separator.
``docs/format.md`` lists the exact set.

Every function returns :class:`Visible`, a ``str`` that has passed the gate, so a renderer can
require it in its signature.
"""

from __future__ import annotations

import re
from typing import NewType

Visible = NewType("Visible", str)
"""Text that has been made visible: no control, bidi or invisible formatting character left."""

# Each range is escaped; see docs/format.md ("Text shown from the data") for why each is there.
_UNSAFE = (
    "\x00-\x08\x0b-\x1f"  # C0 controls but tab and newline (callers decide about those two)
    "\x7f-\x9f"  # DEL and the C1 controls (CSI, OSC, NEL...)
    "\u00ad"  # soft hyphen (invisible)
    "\u034f"  # combining grapheme joiner (invisible)
    "\u061c"  # Arabic letter mark (bidi)
    "\u115f\u1160\u3164\uffa0"  # Hangul fillers (make a name look empty)
    "\u17b4\u17b5"  # Khmer inherent vowels (invisible, deprecated)
    "\u200b"  # zero width space
    "\u200e\u200f"  # left-to-right and right-to-left marks (bidi)
    "\u2028-\u202e"  # line and paragraph separators, bidi embeddings and overrides
    "\u2060-\u206f"  # word joiner, invisible operators, bidi isolates, deprecated formats
    "\ud800-\udfff"  # lone surrogates (cannot be encoded)
    "\ufeff"  # byte order mark / zero width no-break space
    "\ufff9-\ufffb"  # interlinear annotation controls
    "\U0001d173-\U0001d17a"  # musical symbol format controls (invisible)
    "\U000e0000-\U000e007f"  # tag characters (invisible text)
)
_UNSAFE_RE = re.compile(f"[{_UNSAFE}]")
_UNSAFE_OR_TAB_RE = re.compile(f"[{_UNSAFE}\t]")
_UNSAFE_OR_BREAK_RE = re.compile(f"[{_UNSAFE}\t\n]")
_WHITESPACE_RUN = re.compile(r"\s+")


def is_unsafe(char: str) -> bool:
    """Whether ``char`` (one character) is escaped by :func:`visible`."""
    return _UNSAFE_RE.fullmatch(char) is not None


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code <= 0xFF:
        return f"\\x{code:02x}"
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def visible(text: str) -> Visible:
    """Escape every control or invisible character except newline and tab.

    >>> visible("a\\x1b[2Jb")
    'a\\\\x1b[2Jb'
    """
    if (text.isascii() and text.isprintable()) or _UNSAFE_RE.search(text) is None:
        return Visible(text)  # printable ASCII (a quick test) holds nothing to escape
    return Visible(_UNSAFE_RE.sub(_escape, text))


def one_line(text: str) -> Visible:
    """Like :func:`visible`, with every run of whitespace (newlines, tabs) folded to one space
    and none at either end."""
    return Visible(_WHITESPACE_RUN.sub(" ", visible(text)).strip())


def visible_tabs(text: str) -> Visible:
    """Like :func:`visible`, with tabs also shown as ``\\t`` (for error snippets)."""
    return Visible(
        _UNSAFE_OR_TAB_RE.sub(lambda m: "\\t" if m.group() == "\t" else _escape(m), text)
    )


_LINE_BREAKS = {"\t": "\\t", "\n": "\\n"}


def escaped(text: str) -> Visible:
    """Like :func:`visible`, with tabs and newlines also escaped (``\\t``, ``\\n``).

    For what must stay on one line and be told apart from any other value: a file name or a
    value quoted in a diagnostic, where a newline could forge a line of its own.
    """
    return Visible(
        _UNSAFE_OR_BREAK_RE.sub(lambda m: _LINE_BREAKS.get(m.group()) or _escape(m), text)
    )


def _json_escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    code -= 0x10000
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


def json_safe(serialized: str) -> str:
    """Escape, inside already-serialized JSON, the characters ``json.dumps`` leaves raw.

    Only valid because such characters can appear in JSON text solely inside strings. Characters
    beyond the Basic Multilingual Plane are written as a surrogate pair, as JSON requires.
    """
    return _UNSAFE_RE.sub(_json_escape, serialized)
