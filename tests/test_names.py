"""The name matcher: folding, transliteration, ranking, resolving, and prefixes that never lose."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline_explorer.index import normalize
from timeline_explorer.model import Actor
from timeline_explorer.names import (
    Ambiguous,
    NameMatcher,
    NotFound,
    ResolvedActor,
    Tier,
    fold,
    transliterate,
    words,
)

ACTORS = [
    Actor("nsk", "Хрущёв", aliases=("Chruščëv", "Nikita Sergeyevich Khrushchev")),
    Actor("zorin-v", "Valerian Zorin"),
    Actor("zorin-a", "Andrej Zorin"),
    Actor("zorina", "Zorina Ivanova"),
    Actor("dvorak", "Antonín Dvořák"),
    Actor("hs", "Hans Straße"),
    Actor("lw", "Łukasz Wiśniewski"),
    Actor("mossadegh", "محمد مصدق", aliases=("Mohammad Mosaddegh",)),
    Actor("ali", "علی"),
    Actor("mao", "毛泽东"),
    Actor("ua", "🇺🇦 Ukraine ❤️"),
    Actor("bob", "Bob 👍🏽"),
    Actor("us-state-department", "United States Department of State"),
]


@pytest.fixture(scope="module")
def matcher() -> NameMatcher:
    return NameMatcher(ACTORS)


def found(matcher: NameMatcher, query: str) -> list[str]:
    return [m.actor_id for m in matcher.matches(query)]


# Folding


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Хрущёв", "хрущев"),
        ("ХРУЩЕВ", "хрущев"),
        ("Chruščëv", "chruscev"),
        ("Antonín Dvořák", "antonin dvorak"),
        ("Straße", "strasse"),
        ("STRASSE", "strasse"),
        ("Łukasz Wiśniewski", "lukasz wisniewski"),
        ("Ærø", "aero"),
        ("Đoković", "dokovic"),
        ("Þór", "thor"),
        ("ﬁsh ①", "fish 1"),
        ("İstanbul", "istanbul"),
        ("علي", "علی"),  # Arabic yeh as Persian yeh
        ("كتاب", "کتاب"),  # Arabic kaf as Persian keheh
        ("مُحَمَّد", "محمد"),  # vowel marks
        ("می\u200cخواهم", "میخواهم"),  # zero-width non-joiner
        ("۱۳۴۰", "1340"),  # Persian digits
        ("❤️", "❤"),  # variation selector
        ("it’s «so»", 'it\'s "so"'),
    ],
)
def test_fold(text: str, folded: str) -> None:
    assert fold(text) == folded


def test_fold_keeps_the_vowel_signs_of_indic_scripts() -> None:
    assert fold("मोदी") == "मोदी"
    assert fold("मोदी") != fold("मद")


def test_fold_agrees_with_the_text_search_on_accents() -> None:
    for text in ("Libertà", "Ça va", "ÉCOLE", "naïve café"):
        assert fold(text) == normalize(text)


@given(st.text(), st.text())
def test_fold_works_character_by_character(a: str, b: str) -> None:
    assert fold(a + b) == fold(a) + fold(b)


@given(st.text())
def test_folding_twice_changes_nothing(text: str) -> None:
    assert fold(fold(text)) == fold(text)
    assert words(words(text)) == words(text)
    assert transliterate(transliterate(text)) == transliterate(text)


def test_words_and_transliterations() -> None:
    assert words("  Zorin-V ") == "zorin v"
    assert words("O'Brien") == "obrien"
    assert transliterate("Хрущёв") == "khrushchev"
    assert transliterate("Хрущев") == "khrushchev"
    assert transliterate("毛泽东") == "maozedong"
    assert transliterate("محمد") == "mhmd"


# Finding


@pytest.mark.parametrize(
    "query",
    [
        "Хрущёв",
        "хрущев",
        "ХРУЩЕВ",
        "хрущ",
        "khrushchev",
        "Khrushchev",
        "khru",
        "chruscev",
        "Chruščëv",
        "chru",
        "chrus",
        "chrusc",
        "nikita",
        "sergeyevich khrushchev",
        "khrushchev nikita",
    ],
)
def test_every_spelling_of_khrushchev_finds_him_first(matcher: NameMatcher, query: str) -> None:
    assert found(matcher, query)[0] == "nsk"
    assert isinstance(matcher.resolve(query), ResolvedActor)


@pytest.mark.parametrize(
    ("query", "actor_id"),
    [
        ("dvorak", "dvorak"),
        ("Dvořák", "dvorak"),
        ("DVORÁK", "dvorak"),
        ("antonin", "dvorak"),
        ("strasse", "hs"),
        ("Straße", "hs"),
        ("STRASSE", "hs"),
        ("lukasz", "lw"),
        ("Łuk", "lw"),
        ("wisniewski", "lw"),
        ("محمد", "mossadegh"),
        ("مصدق", "mossadegh"),
        ("mhmd", "mossadegh"),
        ("mosaddegh", "mossadegh"),
        ("علي", "ali"),  # typed with the Arabic yeh
        ("毛泽东", "mao"),
        ("毛", "mao"),
        ("mao", "mao"),
        ("Mao Zedong", "mao"),
        ("maozedong", "mao"),
        ("zedong", "mao"),
        ("ukraine", "ua"),
        ("🇺🇦", "ua"),
        ("❤️", "ua"),
        ("bob", "bob"),
        ("state department", "us-state-department"),
        ("us-state", "us-state-department"),
        ("US-STATE-DEPARTMENT", "us-state-department"),
    ],
)
def test_names_in_every_script(matcher: NameMatcher, query: str, actor_id: str) -> None:
    assert found(matcher, query)[0] == actor_id
    resolved = matcher.resolve(query)
    assert isinstance(resolved, ResolvedActor)
    assert resolved.actor_id == actor_id


def test_persian_names_by_their_romanized_consonants() -> None:
    matcher = NameMatcher(
        [
            Actor("p1", "محمد مصدق"),
            Actor("p2", "علی خامنه\u200cای"),
            Actor("p3", "حسن روحانی"),
            Actor("ma", "Mohammed Ali"),
        ]
    )
    assert transliterate("محمد مصدق") == "mhmd msdq"
    assert transliterate("حسن روحانی") == "hsn rwhny"  # the alef is not written in Latin
    for query, actor_id in [
        ("mohammad", "p1"),
        ("muhammad mosaddegh", "p1"),
        ("mossadeq", "p1"),
        ("khamenei", "p2"),
        ("hassan rouhani", "p3"),
        ("rouh", "p3"),
    ]:
        result = matcher.matches(query)
        assert result[0].actor_id == actor_id, query
        assert result[0].tier == Tier.FUZZY, query  # a guess: listed, never resolved alone
        resolved = matcher.resolve(query)
        assert isinstance(resolved, NotFound), query
        assert actor_id in [c.actor_id for c in resolved.suggestions], query
    # Names in Latin letters are not matched by skeleton.
    assert [m.actor_id for m in matcher.matches("mohamad")] == ["p1"]
    assert isinstance(matcher.resolve("mhmd msdq"), ResolvedActor)


def test_a_latin_name_is_found_in_cyrillic() -> None:
    matcher = NameMatcher([Actor("k", "Nikita Khrushchev"), Actor("z", "Valerian Zorin")])
    assert found(matcher, "хрущев") == ["k"]
    assert found(matcher, "Валериан") == ["z"]


def test_ranking_exact_id_then_exact_name_then_word_prefix_then_fuzzy() -> None:
    matcher = NameMatcher(
        [
            Actor("e", "Max Ruiz"),  # m…a…r
            Actor("d", "Omar Sharif"),  # "mar" inside a word
            Actor("c", "Maria Rossi"),  # a word starts with "mar"
            Actor("b", "Mar"),  # the whole name
            Actor("mar", "Someone Else"),  # the id
        ]
    )
    result = matcher.matches("mar")
    assert [m.actor_id for m in result] == ["mar", "b", "c", "d", "e"]
    assert [m.tier for m in result] == [Tier.ID, Tier.EXACT, Tier.PREFIX, Tier.FUZZY, Tier.FUZZY]
    assert [m.field for m in result[:3]] == ["id", "name", "name"]
    assert [m.score for m in result] == sorted((m.score for m in result), reverse=True)
    # A contiguous fuzzy match ranks above a scattered one.
    assert result[3].score > result[4].score


def test_a_match_says_what_matched(matcher: NameMatcher) -> None:
    by_alias = matcher.matches("chrusc")[0]
    assert (by_alias.actor_id, by_alias.field, by_alias.text) == ("nsk", "alias", "Chruščëv")
    by_name = matcher.matches("хрущ")[0]
    assert (by_name.field, by_name.text) == ("name", "Хрущёв")
    by_id = matcher.matches("zorin-v")[0]
    assert (by_id.actor_id, by_id.field, by_id.tier) == ("zorin-v", "id", Tier.ID)
    # When the name and the id match alike, the name is what is shown.
    assert matcher.matches("zorin")[0].field == "name"


def test_whole_words_rank_above_prefixes(matcher: NameMatcher) -> None:
    result = matcher.matches("zorin")
    assert [m.actor_id for m in result] == ["zorin-a", "zorin-v", "zorina"]
    assert [m.tier for m in result] == [Tier.WORD, Tier.WORD, Tier.PREFIX]


def test_word_prefixes_not_inner_substrings_unless_fuzzy(matcher: NameMatcher) -> None:
    # "rin" is inside "Zorin" but starts no word: only fuzzy matches.
    assert {m.tier for m in matcher.matches("rin")} == {Tier.FUZZY}
    assert {m.tier for m in matcher.matches("zor")} == {Tier.PREFIX}


def test_empty_and_blank_queries_find_nothing(matcher: NameMatcher) -> None:
    assert matcher.matches("") == []
    assert matcher.matches("  \t") == []
    assert matcher.matches("-'") == []


def test_limit_keeps_the_best(matcher: NameMatcher) -> None:
    everything = matcher.matches("a")
    assert len(everything) > 2
    assert matcher.matches("a", limit=2) == everything[:2]


def test_no_crash_on_odd_names_and_queries() -> None:
    odd = [
        Actor("e1", "👨‍👩‍👧‍👦"),
        Actor("e2", "\u200d\u200c\ufe0f"),
        Actor("e3", "a\x1b[2Jb"),
        Actor("e4", "-"),
        Actor("e5", "x\ny\tz"),
        Actor("e6", "[.*+?(]"),
    ]
    matcher = NameMatcher(odd)
    assert found(matcher, "👨‍👩‍👧‍👦") == ["e1"]
    assert found(matcher, "👨👩") == ["e1"]  # joiners fold away
    assert found(matcher, "x y") == ["e5"]
    assert found(matcher, ".*") == []
    assert found(matcher, "[(") == []
    assert found(matcher, "*+") == ["e6"]
    for query in ("\x00", "\n", "\u200d", "((", "\\", "a\x1b", "\U0010ffff"):
        matcher.matches(query)
        matcher.resolve(query)


# Resolving


def test_resolve_an_exact_id_even_when_names_say_otherwise() -> None:
    matcher = NameMatcher([Actor("putin", "Dmitry Peskov"), Actor("vvp", "Vladimir Putin")])
    assert matcher.resolve("putin") == ResolvedActor("putin", "putin", matcher.matches("putin")[0])
    resolved = matcher.resolve("Putin")
    assert isinstance(resolved, ResolvedActor)
    assert resolved.actor_id == "putin"  # ids ignore case


def test_resolve_names_and_case_insensitive_ids(matcher: NameMatcher) -> None:
    for query in ("Valerian Zorin", "valerian zorin", "zorin valerian", "Zorin-V", " zorin-v "):
        resolved = matcher.resolve(query)
        assert isinstance(resolved, ResolvedActor), query
        assert resolved.actor_id == "zorin-v"


def test_ambiguous_names_list_the_candidates(matcher: NameMatcher) -> None:
    resolved = matcher.resolve("zorin")
    assert isinstance(resolved, Ambiguous)
    assert [c.actor_id for c in resolved.candidates] == ["zorin-a", "zorin-v"]
    assert resolved.message == (
        "'zorin' matches 2 actors: Andrej Zorin (zorin-a), Valerian Zorin (zorin-v); use an id"
    )


def test_an_ambiguity_message_stays_short() -> None:
    matcher = NameMatcher([Actor(f"smith-{i}", f"John Smith {i}") for i in range(9)])
    resolved = matcher.resolve("smith")
    assert isinstance(resolved, Ambiguous)
    assert len(resolved.candidates) == 9
    assert resolved.message.endswith("John Smith 4 (smith-4) and 4 more; use an id"), (
        resolved.message
    )


def test_not_found_suggests_the_closest_actors(matcher: NameMatcher) -> None:
    resolved = matcher.resolve("zorni")
    assert isinstance(resolved, NotFound)
    assert resolved.message == (
        "unknown actor 'zorni'; did you mean Andrej Zorin (zorin-a), Valerian Zorin (zorin-v)"
        " or Zorina Ivanova (zorina)?"
    )
    resolved = matcher.resolve("dvorjak")
    assert isinstance(resolved, NotFound)
    assert resolved.message == "unknown actor 'dvorjak'; did you mean Antonín Dvořák (dvorak)?"


def test_not_found_without_anything_close(matcher: NameMatcher) -> None:
    resolved = matcher.resolve("qqqq")
    assert resolved == NotFound("qqqq")
    assert resolved.message == "unknown actor 'qqqq'"


def test_fuzzy_matches_suggest_but_never_resolve(matcher: NameMatcher) -> None:
    assert matcher.matches("wsnwsk")[0].tier == Tier.FUZZY
    resolved = matcher.resolve("wsnwsk")
    assert isinstance(resolved, NotFound)
    assert resolved.message == ("unknown actor 'wsnwsk'; did you mean Łukasz Wiśniewski (lw)?")


def test_messages_never_carry_control_sequences() -> None:
    matcher = NameMatcher([Actor("a", "Evil\x1b[2J One"), Actor("b", "Evil\u202eTwo")])
    resolved = matcher.resolve("evil")
    assert isinstance(resolved, Ambiguous)
    message = resolved.message
    assert "\x1b" not in message and "\u202e" not in message
    assert "Evil\\x1b[2J One (a)" in message
    assert "\x1b" not in NotFound("\x1b[31m").message


# Prefixes never lose

SCRIPTS = st.sampled_from(
    list("abcdezAZ éčřšžůßłøæđ ёжщхрувЁЖ αβγΣ 毛泽东习近平 김정은 محمدیك مُ \u200c-'’. 🇺🇦❤️👍🏽 ")
)
NAMES = st.text(SCRIPTS, min_size=1, max_size=20) | st.text(min_size=1, max_size=12)


def prefixes(text: str) -> list[str]:
    return [text[:i] for i in range(1, len(text) + 1)]


@settings(max_examples=150, deadline=None)
@given(NAMES, st.lists(NAMES, max_size=5))
def test_a_longer_prefix_of_a_name_never_finds_less(name: str, others: list[str]) -> None:
    actors = [Actor(f"other-{i}", n) for i, n in enumerate(others)]
    actors.append(Actor("target", name))
    matcher = NameMatcher(actors)
    typed = [p for p in prefixes(name) if words(p)]
    typed += [p for p in prefixes(transliterate(name)) if words(p)]
    for prefix in typed:
        hits = {m.actor_id: m for m in matcher.matches(prefix)}
        assert "target" in hits, prefix
        assert hits["target"].tier >= Tier.PREFIX, prefix
        assert not isinstance(matcher.resolve(prefix), NotFound), prefix


@settings(max_examples=100, deadline=None)
@given(NAMES, NAMES)
def test_any_word_of_a_name_or_alias_typed_progressively_finds_it(name: str, alias: str) -> None:
    matcher = NameMatcher([Actor("target", name, aliases=(alias,)), Actor("other", "x")])
    for text in (name, alias):
        spoken = words(text).split(" ")
        for start in range(len(spoken)):
            for prefix in prefixes(" ".join(spoken[start:])):
                hits = {m.actor_id: m.tier for m in matcher.matches(prefix)}
                assert hits.get("target", Tier.FUZZY) >= Tier.PREFIX, prefix


@settings(max_examples=100, deadline=None)
@given(st.lists(NAMES, min_size=1, max_size=8), NAMES)
def test_matches_are_ranked_and_each_actor_once(names: list[str], query: str) -> None:
    matcher = NameMatcher([Actor(f"a{i}", n, aliases=(n[::-1],)) for i, n in enumerate(names)])
    result = matcher.matches(query)
    assert len({m.actor_id for m in result}) == len(result)
    assert [m.score for m in result] == sorted((m.score for m in result), reverse=True)
    assert [m.tier for m in result] == sorted((m.tier for m in result), reverse=True)
    for match in result:
        assert int(match.score) == match.tier


def test_typing_progressively_never_loses_khrushchev(matcher: NameMatcher) -> None:
    for spelling in ("khrushchev", "chruscev", "Chruščëv", "хрущёв", "Nikita Sergeyevich"):
        for prefix in prefixes(spelling):
            if words(prefix):
                assert "nsk" in found(matcher, prefix), prefix


def test_many_actors() -> None:
    actors = [Actor(f"actor-{i}", f"Name{i} Family{i % 97}") for i in range(10_000)]
    actors.append(Actor("nsk", "Хрущёв"))
    matcher = NameMatcher(actors)
    assert len(matcher) == 10_001
    assert found(matcher, "khrushchev") == ["nsk"]
    assert found(matcher, "name1234")[0] == "actor-1234"
    assert len(matcher.matches("family5", limit=50)) == 50
    resolved = matcher.resolve("family96")
    assert isinstance(resolved, Ambiguous)
    assert len(resolved.candidates) == 103
