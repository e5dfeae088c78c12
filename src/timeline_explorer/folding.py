"""Folding and transliteration: the forms under which names (and the search) compare text.

Pure Python with no terminal or Textual imports; :mod:`.names` matches on what this gives.

- :func:`fold`: case, accents and letter variants fold away (``Хрущёв`` = ``хрущев``,
  ``Chruščëv`` = ``chruscev``, ``Straße`` = ``strasse``, ``Łukasz`` = ``lukasz``; Arabic and
  Persian letter variants and vowel marks; joiners and variation selectors).
- :func:`words`: folded, with punctuation separating words and apostrophes joining them.
- :func:`transliterate`: the words in Latin letters (``anyascii``).
- :func:`comparison_forms`: all the forms a text is compared under (the words, their
  transliteration, and for syllable scripts one word a syllable and family name + given name).

Folding works character by character, so any prefix of a name folds to a prefix of its form.
"""

from __future__ import annotations

import unicodedata
from typing import Protocol

from anyascii import anyascii

# Letters that Unicode does not decompose into a base letter and a mark, but that readers take
# as a variant of a plain letter (lowercase; uppercase folds to these first).
_LETTERS = {
    "ł": "l",
    "đ": "d",
    "ð": "d",
    "ø": "o",
    "æ": "ae",
    "œ": "oe",
    "þ": "th",
    "ß": "ss",
    "ı": "i",
    "ħ": "h",
    "ŧ": "t",
    "ƒ": "f",
    # Typographic quotes and dashes: as the text search has always folded them.
    "‘": "'",
    "’": "'",
    "‛": "'",
    "“": '"',
    "”": '"',
    "„": '"',
    "«": '"',
    "»": '"',
    "‐": "-",
    "‑": "-",
    "‒": "-",
    "–": "-",
    "—": "-",
    "―": "-",
    "−": "-",
    # Arabic and Persian: one form for letters written either way.
    "ي": "ی",
    "ى": "ی",
    "ك": "ک",
    "ة": "ه",
    "ۀ": "ه",
    "ە": "ه",
    "ٱ": "ا",
    "ـ": "",  # tatweel, a stretching stroke
}

# Combining marks that are accents or vowel points, dropped by folding. Marks that spell a
# vowel or consonant of their own (Indic, Thai, …) are kept.
_DROPPED_MARK_RANGES = (
    (0x0300, 0x0370),  # combining diacritical marks
    (0x0483, 0x048A),  # Cyrillic
    (0x0591, 0x05C8),  # Hebrew points and accents
    (0x0610, 0x061B),  # Arabic
    (0x064B, 0x0660),  # Arabic harakat
    (0x0670, 0x0671),  # Arabic superscript alef
    (0x06D6, 0x06EE),  # Arabic Quranic marks
    (0x08D3, 0x0900),  # Arabic extended
    (0x180B, 0x1810),  # Mongolian variation selectors
    (0x1AB0, 0x1B00),  # combining diacritical marks extended
    (0x1DC0, 0x1E00),  # combining diacritical marks supplement
    (0x20D0, 0x2100),  # combining marks for symbols
    (0xFE00, 0xFE10),  # variation selectors
    (0xFE20, 0xFE30),  # combining half marks
    (0xE0100, 0xE01F0),  # variation selectors supplement
)

# Apostrophes join the parts of a word for matching (O'Brien, Zelens'kyi); other punctuation
# separates words.
_APOSTROPHES = frozenset("'`´ʹʻʼʽˈ′")


def _dropped(char: str) -> bool:
    """Whether folding drops this character: accents, vowel points, joiners, format chars."""
    category = unicodedata.category(char)
    if category == "Cf":
        return True
    if category not in ("Mn", "Me"):
        return False
    code = ord(char)
    return any(low <= code < high for low, high in _DROPPED_MARK_RANGES)


def _fold_char(char: str) -> str:
    """The folded form of one character (see :func:`fold`)."""
    text = _LETTERS.get(char.lower(), char)
    text = unicodedata.normalize("NFKD", text).casefold()
    pieces = []
    for piece in text:
        if _dropped(piece):
            continue
        if piece.isdecimal():
            pieces.append(str(unicodedata.decimal(piece)))
            continue
        pieces.append(_LETTERS.get(piece, piece))
    # Recompose what decomposition split without dropping anything (Hangul syllables, …).
    return unicodedata.normalize("NFC", "".join(pieces))


def _word_char(char: str) -> str:
    """One folded character as matching sees it: punctuation becomes a space."""
    if char in _APOSTROPHES:
        return ""
    if char.isspace() or unicodedata.category(char).startswith("P"):
        return " "
    return char


def _translit_char(char: str, spaced: bool) -> str:
    """The Latin transliteration of one folded character, as matching sees it.

    Letters and digits of other scripts are transliterated; symbols (emoji) stay as written. A
    transliteration that starts with a capital letter although the character has no case
    (Chinese, Japanese kanji, Korean syllables) is a syllable of its own: with ``spaced`` it is
    set apart as a word.
    """
    if char.isascii() or unicodedata.category(char)[0] not in "LN":
        return char
    latin = anyascii(char)
    if not latin:  # a letter left unwritten in Latin (Arabic alef) or a script not known
        return ""
    latin_words = "".join(_word_char(c) for c in latin.lower())
    if spaced and not char.islower() and latin[0].isupper():
        return f" {latin_words} "
    return latin_words


class _Table(dict[int, str]):
    """A ``str.translate`` table that works out each character the first time it is met."""

    __slots__ = ("_rule",)

    def __init__(self, rule: _Rule) -> None:
        super().__init__()
        self._rule = rule

    def __missing__(self, code: int) -> str:
        result = self._rule(chr(code))
        self[code] = result
        return result


class _Rule(Protocol):
    def __call__(self, char: str, /) -> str: ...


_FOLD = _Table(_fold_char)
_WORDS = _Table(lambda char: "".join(_word_char(c) for c in _fold_char(char)))
# ASCII text, the common case, through a plain table: ``str.translate`` is much faster with one.
_ASCII_WORDS = {code: _word_char(chr(code)) for code in range(128)}
_LATIN = _Table(lambda char: _translit_char(char, spaced=False))
_LATIN_SPACED = _Table(lambda char: _translit_char(char, spaced=True))


def fold(text: str) -> str:
    """Fold case, accents and letter variants, so that equal-looking text compares equal.

    ``Хрущёв`` and ``хрущев``, ``Chruščëv`` and ``chruscev``, ``Straße`` and ``STRASSE``,
    ``Łukasz`` and ``lukasz``, ``ﬁ`` and ``fi`` fold alike; Arabic and Persian yeh and kaf
    variants and vowel marks fold alike; zero-width joiners and variation selectors go. It works
    character by character: ``fold(a + b) == fold(a) + fold(b)``, so highlights can map folded
    text back to the original and a prefix of a text folds to a prefix of its fold.

    Args:
        text: any text.

    Returns:
        The folded text (punctuation and spaces kept).
    """
    if text.isascii():
        return text.lower()
    return text.translate(_FOLD)


def words(text: str) -> str:
    """The folded text as matching compares it: words separated by single spaces.

    >>> words("  Zorin-V ")
    'zorin v'
    """
    if text.isascii():
        return " ".join(text.lower().translate(_ASCII_WORDS).split())
    return " ".join(text.translate(_WORDS).split())


def transliterate(text: str) -> str:
    """The Latin transliteration of the folded text, words separated by single spaces.

    >>> transliterate("Хрущёв")
    'khrushchev'
    """
    return " ".join(words(text).translate(_LATIN).split())


def comparison_forms(text: str) -> list[str]:
    """The forms under which ``text`` is compared: its words and, for other scripts, their
    transliterations (joined and, for syllable scripts, one word a syllable)."""
    base = words(text)
    if not base:
        return []
    if base.isascii():
        return [base]
    forms = [base]
    latin = base.translate(_LATIN)
    joined = " ".join(latin.split())
    if joined and joined != base:
        forms.append(joined)
    if base.translate(_LATIN_SPACED) == latin:
        return forms
    syllables = [word.translate(_LATIN_SPACED).split() for word in base.split(" ")]
    spaced = " ".join(" ".join(word) for word in syllables)
    # A name in syllables (毛泽东) is romanized as family name and given name: "mao zedong".
    given = " ".join(f"{w[0]} {''.join(w[1:])}" if len(w) > 2 else "".join(w) for w in syllables)
    for extra in (spaced, given):
        if extra and extra not in forms:
            forms.append(extra)
    return forms
