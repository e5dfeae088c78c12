"""Citations and web links: which URLs may become links, and what a copied citation says."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from timeline_explorer.citation import (
    check_url,
    citation,
    link_style,
    web_links,
    web_url,
)
from timeline_explorer.data import load_index
from timeline_explorer.index import TimelineIndex
from timeline_explorer.model import Actor, Dataset, Event, PartialDate, Source, Statement
from timeline_explorer.safetext import is_unsafe

from .conftest import DATA

# -- which URLs may become links -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ("javascript:alert(1)", "not an http or https address"),
        ("JavaScript://example.org/%0aalert(1)", "not an http or https address"),
        ("data:text/html,<script>alert(1)</script>", "not an http or https address"),
        ("file:///etc/passwd", "not an http or https address"),
        ("ftp://example.org/report.pdf", "not an http or https address"),
        ("example.org/page", "not an http or https address"),
        ("https:example.org", "has no host"),
        ("https:///example.org", "has no host"),
        ("http://exa mple.org/", "holds a space"),
        ("http://example.org/a b", "holds a space"),
        ("http://example.org/a\u00a0b", "holds a space"),
        ("http://example.org/\x1b]52;c;UFdORUQ=\x07", "holds a control or invisible character"),
        ("http://example.org/\x9b31m", "holds a control or invisible character"),
        ("http://example.org/\x00", "holds a control or invisible character"),
        ("https://evil.example/\u202egro.elpmaxe", "holds a control or invisible character"),
        ("https://exa\u200bmple.org/", "holds a control or invisible character"),
        ("https://ex\u2066ample.org/", "holds a control or invisible character"),
        ("https://bank.example@evil.example/", "has a user name or password before the host"),
        ("https://user:secret@example.org/", "has a user name or password before the host"),
        ("https://evil.example\\@bank.example/", "holds a backslash"),
        ("http://ex..ample.org/", "has no valid host"),
        ("http://-example.org/", "has no valid host"),
        ("http://exa%6dple.org/", "has no valid host"),
        ("http://example.org:99999/", "has an invalid host or port"),
        ("http://[::zz]/", "has an invalid host or port"),
        ("", "empty"),
    ],
)
def test_what_is_not_a_web_link_says_why(raw: str, reason: str) -> None:
    assert check_url(raw) == reason
    assert web_url(raw) is None


@pytest.mark.parametrize(
    ("raw", "target"),
    [
        ("https://example.org/a?b=1&c=2#d", "https://example.org/a?b=1&c=2#d"),
        ("HTTP://Example.ORG/Path", "http://example.org/Path"),
        ("  https://example.org/  ", "https://example.org/"),
        ("http://example.org:8080/x", "http://example.org:8080/x"),
        ("http://[2001:db8::1]/x", "http://[2001:db8::1]/x"),
        ("https://example.org/{a}|b", "https://example.org/%7Ba%7D%7Cb"),
        ("https://example.org/caf%C3%A9", "https://example.org/caf%C3%A9"),
        ("https://it.wikipedia.org/wiki/Città", "https://it.wikipedia.org/wiki/Citt%C3%A0"),
    ],
)
def test_web_links_get_an_ascii_target(raw: str, target: str) -> None:
    url = web_url(raw)
    assert url is not None
    assert url.text == raw.strip()
    assert url.target == target
    assert not url.international


def test_an_international_host_links_to_its_ascii_form_and_says_so() -> None:
    url = web_url("https://bücher.example/straße")
    assert url is not None
    assert url.text == "https://bücher.example/straße"
    assert url.target == "https://xn--bcher-kva.example/stra%C3%9Fe"
    assert url.international
    assert url.ascii_host == "xn--bcher-kva.example"
    # A Cyrillic "а" imitating a Latin one: the link goes to the punycode host, which shows it.
    lookalike = web_url("https://\u0430pple.example/")
    assert lookalike is not None
    assert lookalike.international
    assert lookalike.ascii_host.startswith("xn--")


def test_a_link_is_made_only_from_a_checked_url() -> None:
    url = web_url("https://example.org/a")
    assert url is not None
    style = link_style(url)
    assert style.link == "https://example.org/a"
    with pytest.raises(TypeError):
        link_style("https://example.org/a")  # type: ignore[arg-type]


@given(st.text(max_size=60))
def test_no_link_target_can_carry_a_terminal_sequence(tail: str) -> None:
    url = web_url("https://example.org/" + tail)
    if url is not None:
        # OSC 8 allows printable ASCII only; anything else could end or forge the sequence.
        assert all(" " < char < "\x7f" for char in url.target)
        assert not any(is_unsafe(char) for char in url.text)


# -- citations -----------------------------------------------------------------------------------


def _index(*entries: Event | Statement, sources: tuple[Source, ...] = ()) -> TimelineIndex:
    actors = (
        Actor("peskov", "Dmitry Peskov"),
        Actor("kremlin", "Kremlin", kind="organization"),
        Actor("macron", "Emmanuel Macron"),
    )
    events = tuple(e for e in entries if isinstance(e, Event))
    statements = tuple(e for e in entries if isinstance(e, Statement))
    return TimelineIndex.build(Dataset(None, None, sources, actors, events, statements))


SOURCES = (
    Source("afp", "Talks end", "AFP", "https://example.org/afp/1", PartialDate.parse("2025-09-04")),
    Source("tass", "Peskov on talks", "TASS", "ftp://example.org/tass"),
    Source("notes", "Field notes"),
)


def test_a_quote_is_cited_with_speaker_words_place_date_and_each_source() -> None:
    quote = Statement(
        "st",
        PartialDate.parse("2025-09-04T18:30+02:00"),
        "peskov",
        "No comment\non the talks.",
        on_behalf_of="kremlin",
        place="Moscow",
        sources=("afp", "tass", "notes"),
    )
    assert citation(_index(quote, sources=SOURCES), quote).splitlines() == [
        "Dmitry Peskov (on behalf of Kremlin): “No comment on the talks.” "
        "(Moscow, 2025-09-04 18:30 +02:00)",
        "Source 1: Talks end — AFP, 2025-09-04 — https://example.org/afp/1",
        "Source 2: Peskov on talks — TASS — ftp://example.org/tass",
        "Source 3: Field notes",
    ]


def test_a_paraphrase_is_marked_and_its_date_stays_as_precise_as_written() -> None:
    said = Statement("p", PartialDate.parse("2025-09"), "macron", "Talks may resume.", "paraphrase")
    assert citation(_index(said), said).splitlines() == [
        "Emmanuel Macron: (paraphrase) Talks may resume. (2025-09)",
        "Source: none listed",
    ]


@pytest.mark.parametrize(
    ("start", "end", "when"),
    [
        ("2025", None, "2025"),
        ("2025-09", None, "2025-09"),
        ("2025-09-04", "2025-09-05", "2025-09-04 → 2025-09-05"),
        ("2025-09-04T10:00:30Z", None, "2025-09-04 10:00:30 UTC"),
    ],
)
def test_an_event_is_cited_with_title_place_date_span_and_source(
    start: str, end: str | None, when: str
) -> None:
    event = Event(
        "ev",
        PartialDate.parse(start),
        "Summit\tin Paris",
        end=PartialDate.parse(end) if end else None,
        place="Paris",
        actors=("macron",),
        sources=("afp",),
    )
    assert citation(_index(event, sources=SOURCES), event).splitlines() == [
        f"Summit in Paris (Paris, {when})",
        "Source: Talks end — AFP, 2025-09-04 — https://example.org/afp/1",
    ]


def test_web_links_lists_only_sources_with_a_valid_url_numbered_as_written() -> None:
    quote = Statement(
        "st", PartialDate.parse("2025"), "peskov", "x", sources=("tass", "notes", "afp")
    )
    links = web_links(_index(quote, sources=SOURCES), quote)
    assert [(number, source.id, url.target) for number, source, url in links] == [
        (3, "afp", "https://example.org/afp/1")
    ]


def test_the_hostile_fixture_gives_citations_without_any_control_character() -> None:
    index = load_index([str(DATA / "hostile.yaml")])
    assert index.entries
    for entry in index.entries:
        text = citation(index, entry)
        assert not [c for c in text if is_unsafe(c) or (not c.isprintable() and c != "\n")]
        # Its source URL holds an OSC 52 sequence: no link, shown with the escape visible.
        assert "https://example.org/\\x1b]52;c;" in text
        assert web_links(index, entry) == []
