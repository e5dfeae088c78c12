"""The one gate for text from the data: what is escaped, what a script keeps, and how."""

from __future__ import annotations

import codecs
import json
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from timeline_explorer.safetext import (
    escaped,
    is_unsafe,
    json_safe,
    one_line,
    visible,
    visible_tabs,
)

GATES = [visible, one_line, visible_tabs, escaped]
UNSAFE = [chr(code) for code in range(0x110000) if is_unsafe(chr(code))]

# Format characters a script needs, shown as written (docs/format.md).
KEPT_FORMAT = {
    0x200C,  # zero width non-joiner (Persian, Indic scripts)
    0x200D,  # zero width joiner (Indic scripts, emoji sequences)
    0x180E,  # Mongolian vowel separator
    *range(0x0600, 0x0606),  # Arabic number signs: visible marks
    0x06DD,
    0x070F,
    0x0890,
    0x0891,
    0x08E2,
    0x110BD,
    0x110CD,
    *range(0x13430, 0x13440),  # Egyptian hieroglyph format controls
    *range(0x1BCA0, 0x1BCA4),  # shorthand format controls (Duployan)
}

# Printable to Python, yet invisible: they make a name look empty or two names the same.
INVISIBLE_PRINTABLE = [0x115F, 0x1160, 0x3164, 0xFFA0, 0x17B4, 0x17B5, 0x034F]

# What a script needs that is not a format character: variation selectors.
KEPT_SELECTORS = [0xFE00, 0xFE0F, 0x180B, 0x180C, 0x180D, 0x180F, 0xE0100, 0xE01EF]


def test_every_control_and_format_character_is_escaped_but_what_scripts_need() -> None:
    """The set is pinned against the Unicode database: a new format character is escaped."""
    for code in range(0x110000):
        char = chr(code)
        category = unicodedata.category(char)
        if category in ("Cc", "Cf", "Zl", "Zp", "Cs"):
            expected = code not in KEPT_FORMAT and char not in "\t\n"
            assert is_unsafe(char) is expected, hex(code)


@pytest.mark.parametrize("code", INVISIBLE_PRINTABLE)
@pytest.mark.parametrize("gate", GATES)
def test_invisible_fillers_are_escaped_in_printable_text(code: int, gate: object) -> None:
    assert callable(gate)
    char = chr(code)
    assert char.isprintable()  # the case a printable-text shortcut would let through
    assert gate(f"Carl{char}") == f"Carl\\u{code:04x}"
    assert gate(f"{char}\x1b") == f"\\u{code:04x}\\x1b"  # the same with a control beside it


@pytest.mark.parametrize("code", KEPT_SELECTORS)
@pytest.mark.parametrize("gate", GATES)
def test_variation_selectors_are_kept(code: int, gate: object) -> None:
    assert callable(gate)
    text = f"\u2764{chr(code)}\x1b"
    assert gate(text) == f"\u2764{chr(code)}\\x1b"


@pytest.mark.parametrize("gate", GATES)
def test_joiners_are_kept_for_scripts_and_emoji(gate: object) -> None:
    assert callable(gate)
    persian = "می\u200cخواهم"  # ZWNJ inside a Persian word
    hindi = "क्\u200dष"  # ZWJ in a Devanagari conjunct
    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467"  # an emoji ZWJ sequence
    for text in (persian, hindi, family):
        assert gate(text) == text


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("a\x1b[2Jb", "a\\x1b[2Jb"),
        ("\x9b31m", "\\x9b31m"),
        ("\x7f", "\\x7f"),
        ("\r", "\\x0d"),
        ("x\u202ey", "x\\u202ey"),
        ("\u2066iso\u2069", "\\u2066iso\\u2069"),
        ("zero\u200bwidth", "zero\\u200bwidth"),
        ("\ud83d", "\\ud83d"),
        ("tag\U000e0041", "tag\\U000e0041"),
        ("mus\U0001d173", "mus\\U0001d173"),
    ],
)
def test_escapes_are_written_by_code_point(raw: str, shown: str) -> None:
    assert visible(raw) == shown


def test_tabs_and_newlines() -> None:
    text = "a\tb\nc"
    assert visible(text) == "a\tb\nc"  # callers lay out tabs and lines themselves
    assert visible_tabs(text) == "a\\tb\nc"  # error snippets show tabs
    assert one_line(text) == "a b c"


def test_one_line_folds_runs_and_trims_the_ends() -> None:
    assert one_line("  Ann \n\t  Lee  \n") == "Ann Lee"
    assert one_line("\n\n") == ""
    assert one_line(" \x1b ") == "\\x1b"
    assert one_line("a\u2028b") == "a\\u2028b"  # a line separator is escaped, not folded


# One character of each class, each gate: what the user sees in its place.
CLASSES = [
    ("C0", "\x00\x07\x08\x0b\x0c\r\x1b\x1f", "\\x00\\x07\\x08\\x0b\\x0c\\x0d\\x1b\\x1f"),
    ("DEL and C1", "\x7f\x80\x85\x9b\x9f", "\\x7f\\x80\\x85\\x9b\\x9f"),
    ("soft hyphen, CGJ", "\u00ad\u034f", "\\xad\\u034f"),
    (
        "bidi",
        "\u061c\u200e\u200f\u202a\u202e\u2066\u2069",
        "\\u061c\\u200e\\u200f\\u202a\\u202e\\u2066\\u2069",
    ),
    (
        "fillers",
        "\u115f\u1160\u3164\uffa0\u17b4\u17b5",
        "\\u115f\\u1160\\u3164\\uffa0\\u17b4\\u17b5",
    ),
    ("zero width", "\u200b\u2060\ufeff", "\\u200b\\u2060\\ufeff"),
    ("separators", "\u2028\u2029", "\\u2028\\u2029"),
    ("annotations", "\ufff9\ufffb", "\\ufff9\\ufffb"),
    ("lone surrogates", "\ud800\udbff\udc00\udfff", "\\ud800\\udbff\\udc00\\udfff"),
    ("musical format", "\U0001d173\U0001d17a", "\\U0001d173\\U0001d17a"),
    ("tags", "\U000e0000\U000e0041\U000e007f", "\\U000e0000\\U000e0041\\U000e007f"),
]


@pytest.mark.parametrize(("raw", "shown"), [(raw, shown) for _, raw, shown in CLASSES])
@pytest.mark.parametrize("gate", GATES)
def test_each_class_is_shown_by_its_code_point(gate: object, raw: str, shown: str) -> None:
    assert callable(gate)
    assert gate(f"Ann{raw}Lee") == f"Ann{shown}Lee"
    assert gate(f"\u00e9{raw}") == f"\u00e9{shown}"  # with non-ASCII text beside it


def test_every_escape_names_its_character() -> None:
    """Each unsafe character becomes ``\\xHH``, ``\\uHHHH`` or ``\\UHHHHHHHH``, read back as it."""
    for char in UNSAFE:
        if char in "\t\n":
            continue
        shown = visible(char)
        width = 4 if ord(char) <= 0xFF else 6 if ord(char) <= 0xFFFF else 10
        assert len(shown) == width, hex(ord(char))
        assert shown[:2] == {4: "\\x", 6: "\\u", 10: "\\U"}[width]
        assert shown[2:] == shown[2:].lower()  # lower-case hex digits
        assert codecs.decode(shown, "unicode_escape") == char
        assert escaped(char) == visible_tabs(char) == one_line(char) == shown


def test_tabs_and_newlines_per_gate() -> None:
    text = "\tAnn\tLee\n\nBob\n"
    assert visible(text) == text
    assert visible_tabs(text) == "\\tAnn\\tLee\n\nBob\n"
    assert escaped(text) == "\\tAnn\\tLee\\n\\nBob\\n"
    assert escaped("a\tb\nc\x1b\r\u202e") == "a\\tb\\nc\\x1b\\x0d\\u202e"
    assert escaped("\r\n") == "\\x0d\\n"
    assert one_line(text) == "Ann Lee Bob"


def test_one_line_folds_every_whitespace_but_escapes_controls() -> None:
    assert one_line("Ann\u00a0\u3000 Lee") == "Ann Lee"  # no-break and ideographic spaces
    assert one_line("\t\n Ann  Lee \t") == "Ann Lee"
    assert one_line("Ann\x0c\x1c Lee") == "Ann\\x0c\\x1c Lee"  # Python counts them as space
    assert one_line("Ann\x85Lee\u2029") == "Ann\\x85Lee\\u2029"
    assert one_line("   ") == ""


def test_json_writes_pairs_for_characters_beyond_the_bmp() -> None:
    assert json_safe('"tag\U000e0041"') == '"tag\\udb40\\udc41"'
    assert json_safe('"\U000e0000\U000e007f"') == '"\\udb40\\udc00\\udb40\\udc7f"'
    assert json_safe('"\U0001d173\U0001d17a"') == '"\\ud834\\udd73\\ud834\\udd7a"'
    assert json_safe('"\x7f\u202e\ud83d"') == '"\\u007f\\u202e\\ud83d"'
    assert json_safe('{"a": "\U0001f600\u200d\ufe0f"}') == '{"a": "\U0001f600\u200d\ufe0f"}'


def test_json_escapes_every_unsafe_character_as_ascii_json_does() -> None:
    for char in UNSAFE:
        assert json_safe(json.dumps(char, ensure_ascii=False)) == json.dumps(char), hex(ord(char))


@given(st.text())
def test_the_gate_leaves_nothing_unsafe_and_is_idempotent(text: str) -> None:
    for gate in GATES:
        shown = gate(text)
        assert not any(is_unsafe(c) for c in shown)
        assert gate(shown) == shown
    if not any(is_unsafe(c) for c in text):
        assert visible(text) == text
    assert "\t" not in visible_tabs(text)
    assert "\t" not in escaped(text) and "\n" not in escaped(text)
    assert "\n" not in one_line(text) and one_line(text) == one_line(text).strip()
    assert "  " not in one_line(text)


@given(st.text(st.characters(codec="utf-8") | st.sampled_from(UNSAFE)))
def test_the_gates_differ_only_in_tabs_and_newlines(text: str) -> None:
    """Without tabs and newlines the gates agree; escapes read back as the text."""
    plain = text.replace("\t", "").replace("\n", "").replace("\\", "")
    assert visible(plain) == visible_tabs(plain) == escaped(plain)
    assert (
        codecs.decode(escaped(plain).encode("ascii", "backslashreplace"), "unicode_escape") == plain
    )


@given(st.text())
def test_json_stays_valid_and_loses_nothing(text: str) -> None:
    serialized = json_safe(json.dumps({"t": text}, ensure_ascii=False))
    assert not any(is_unsafe(c) for c in serialized)
    assert json.loads(serialized) == {"t": text}


def _documented_escapes() -> set[int]:
    """The code points the table in docs/format.md ("Text shown from the data") lists."""
    import re
    from pathlib import Path

    doc = (Path(__file__).parent.parent / "docs" / "format.md").read_text()
    section = doc.split("## Text shown from the data", 1)[1].split("Kept as written", 1)[0]
    codes: set[int] = set()
    for row in section.splitlines():
        if not row.startswith("| U+"):
            continue
        cell = row.split("|")[1]
        for low, high in re.findall(r"U\+([0-9A-F]+)(?:–U\+([0-9A-F]+))?", cell):
            codes.update(range(int(low, 16), int(high or low, 16) + 1))
    return codes


def test_docs_list_exactly_the_characters_escaped() -> None:
    documented = _documented_escapes()
    escaped = {code for code in range(0x110000) if is_unsafe(chr(code))}
    assert documented == escaped
