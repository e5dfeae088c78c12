"""Make untrusted text safe to show in a terminal.

Text from data files (names, quotes, URLs, ids) can hold escape sequences, C0/C1 controls, bidi
overrides and zero-width characters. :func:`visible` turns each of them into a visible escape such
as ``\\x1b`` or ``\\u202e`` so that nothing from the data ever reaches a terminal as a control.
"""

from __future__ import annotations

import re

# C0 controls (but tab/newline are handled by callers), DEL, C1 controls, bidi embeddings,
# overrides and isolates, zero-width and invisible formatting characters, line/paragraph
# separators, BOM, interlinear annotations and the replacement-prone specials.
_UNSAFE = (
    "\x00-\x08\x0b-\x1f\x7f-\x9f"
    "\u00ad\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f"
    "\u200b-\u200f\u2028-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff9-\ufffb"
)
_UNSAFE_RE = re.compile(f"[{_UNSAFE}]")
_UNSAFE_OR_TAB_RE = re.compile(f"[{_UNSAFE}\t]")
_WHITESPACE_RUN = re.compile(r"\s+")


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    if code <= 0xFF:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}"


def visible(text: str) -> str:
    """Escape every control or invisible character except newline and tab.

    >>> visible("a\\x1b[2Jb")
    'a\\\\x1b[2Jb'
    """
    if text.isprintable():
        return text
    return _UNSAFE_RE.sub(_escape, text)


def one_line(text: str) -> str:
    """Like :func:`visible`, with every run of whitespace (newlines, tabs) folded to one space."""
    if not text.isprintable():
        text = _UNSAFE_RE.sub(_escape, text)
    return _WHITESPACE_RUN.sub(" ", text).strip()


def visible_tabs(text: str) -> str:
    """Like :func:`visible`, with tabs also shown as ``\\t`` (for error snippets)."""
    return _UNSAFE_OR_TAB_RE.sub(lambda m: "\\t" if m.group() == "\t" else _escape(m), text)


def json_safe(serialized: str) -> str:
    """Escape, inside already-serialized JSON, the characters ``json.dumps`` leaves raw.

    Only valid because such characters can appear in JSON text solely inside strings.
    """
    return _UNSAFE_RE.sub(lambda m: f"\\u{ord(m.group()):04x}", serialized)
