"""Exports: --detail, the versioned JSON document, the HTML page and TimelineJS (golden files),
and the hostile fixture staying inert text in HTML."""

from __future__ import annotations

import dataclasses
import json
from html.parser import HTMLParser
from pathlib import Path

import pytest

from timeline_explorer.cli import main
from timeline_explorer.data import load_index
from timeline_explorer.export.fields import Detail, derive_fields, entry_facts, safe_url
from timeline_explorer.export.html_page import SCRIPT
from timeline_explorer.export.json_doc import entry_json
from timeline_explorer.export.timelinejs import date_json
from timeline_explorer.index import TimelineIndex
from timeline_explorer.model import Event, PartialDate
from timeline_explorer.schema import SCHEMA, FieldSpec, Schema, Show

from .conftest import DATA, GOLDEN, SMALL

HOSTILE = DATA / "hostile.yaml"


def printed(capsys: pytest.CaptureFixture[str], *args: str, path: Path = SMALL) -> str:
    assert main(["--print", *args, str(path)]) == 0
    return capsys.readouterr().out


@pytest.mark.parametrize(
    ("args", "golden"),
    [
        (["--detail", "brief"], "small-brief.txt"),
        (["--detail", "brief", "--format", "markdown"], "small-brief.md"),
        (["--format", "html"], "small.html"),
        (["--format", "timelinejs"], "small.timelinejs.json"),
    ],
)
def test_export_matches_golden(
    capsys: pytest.CaptureFixture[str], args: list[str], golden: str
) -> None:
    assert printed(capsys, *args) == (GOLDEN / golden).read_text(encoding="utf-8")


@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_full_detail_shows_description_sources_and_ids_brief_does_not(
    capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    full = printed(capsys, "--format", fmt)
    brief = printed(capsys, "--format", fmt, "--detail", "brief")
    for shown in ("Two days of talks.", "The Paper", "Daily", "https://example.org/a", "summit"):
        assert shown in full
    for id_ in ("year-plan", "anna-peace", "bob-reply", "anna-again"):
        assert f"id: {id_}" in full
        assert id_ not in brief
    assert "Two days of talks." not in brief and "example.org" not in brief


def test_markdown_links_only_http_urls(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "links.yaml"
    data.write_text(
        "sources:\n"
        "  - {id: good, title: Good, url: 'https://example.org/x'}\n"
        "  - {id: bad, title: Bad, url: 'javascript:alert(1)'}\n"
        "actors: [{id: a, name: A}]\n"
        "events: [{id: e, date: 2025, title: T, sources: [good, bad]}]\n"
    )
    out = printed(capsys, "--format", "markdown", path=data)
    assert "<https://example.org/x>" in out
    assert "javascript:alert(1)" in out and "<javascript" not in out


def test_safe_url() -> None:
    assert safe_url("https://example.org/a?b=1#c") == "https://example.org/a?b=1#c"
    assert safe_url("HTTP://example.org") == "HTTP://example.org"
    for bad in (
        "javascript:alert(1)",
        "data:text/html,x",
        "https://",
        "//example.org",
        'https://e.org/"onmouseover=x',
        "https://e.org/\x1b]8;;",
        "https://e.org/ x",
        "https://e.org/\u202e",
        None,
        "",
    ):
        assert safe_url(bad) is None, bad


def test_json_document_resolves_actors_and_sources(capsys: pytest.CaptureFixture[str]) -> None:
    doc = json.loads(printed(capsys, "--format", "json"))
    assert (doc["format"], doc["version"]) == ("timeline-explorer", 1)
    assert doc["total"] == 6 and doc["filter"] == []
    quote = next(e for e in doc["entries"] if e["id"] == "anna-peace")
    assert quote["names"] == {
        "anna": "Anna Rossi",
        "ministry": "Ministero della Pace",
        "bob": "Bob Smith",
    }
    for source_id in quote["sources"]:
        assert doc["sources"][source_id]["url"] == "https://example.org/a"
    assert doc["actors"]["anna"]["links"][0]["to_name"] == "Ministero della Pace"
    assert "order" not in quote


def test_json_of_a_filter_holds_only_what_it_names(capsys: pytest.CaptureFixture[str]) -> None:
    doc = json.loads(printed(capsys, "--format", "json", "--search", "plan"))
    assert [e["id"] for e in doc["entries"]] == ["year-plan"]
    assert doc["filter"] == ['text: "plan"']
    assert doc["actors"] == {} and doc["sources"] == {} and doc["total"] == 6


@dataclasses.dataclass(frozen=True, slots=True)
class NotedEvent(Event):
    """An event with a field the renderers were not written for."""

    mood: str | None = None


def test_a_new_record_field_reaches_every_renderer(small_index: TimelineIndex) -> None:
    spec = SCHEMA.records["event"]
    noted = FieldSpec("mood", "mood", "text", show=Show("mood", "block", "full", 100))
    schema = Schema(
        {**SCHEMA.records, "event": dataclasses.replace(spec, fields=(*spec.fields, noted))}
    )
    table = derive_fields(schema)
    event = NotedEvent("n", PartialDate.parse("2025"), "Noted", mood="Checked twice.")
    full = entry_facts(event, Detail.FULL, table)
    assert [f.values for f in full if f.label == "mood"] == [("Checked twice.",)]
    assert not [f for f in entry_facts(event, Detail.BRIEF, table) if f.label == "mood"]
    assert not [f for f in entry_facts(event, Detail.FULL) if f.label == "mood"]
    assert entry_json(small_index, event)["mood"] == "Checked twice."


@pytest.mark.parametrize(
    ("text", "keys"),
    [
        ("2025", {"year": "2025"}),
        ("2025-09", {"year": "2025", "month": "9"}),
        ("2025-09-04", {"year": "2025", "month": "9", "day": "4"}),
        ("2025-09-04T18:30+02:00", {"year": "2025", "month": "9", "day": "4", "hour": "18",
                                    "minute": "30"}),
        ("2025-09-04T18:30:05", {"year": "2025", "month": "9", "day": "4", "hour": "18",
                                 "minute": "30", "second": "5"}),
    ],
)  # fmt: skip
def test_timelinejs_dates_at_their_precision(text: str, keys: dict[str, str]) -> None:
    date = PartialDate.parse(text)
    assert date_json(date) == {**keys, "display_date": date.display()}


def test_timelinejs_document(capsys: pytest.CaptureFixture[str]) -> None:
    doc = json.loads(printed(capsys, "--format", "timelinejs"))
    assert doc["title"]["text"]["headline"] == "Small story: libertà e pace"
    events = doc["events"]
    assert [e["group"] for e in events] == [
        "event", "event", "event", "quote", "paraphrase", "quote"
    ]  # fmt: skip
    summit = events[2]
    assert summit["end_date"]["day"] == "5" and summit["text"]["headline"] == "Summit sulla libertà"
    assert '<a href="https://example.org/a"' in summit["text"]["text"]
    assert "He said peace was not possible.<br>Not this year." in events[4]["text"]["text"]
    assert len({e["unique_id"] for e in events}) == len(events)


class Markup(HTMLParser):
    """Collects the elements, attributes, link targets and scripts of a page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: set[str] = set()
        self.attrs: set[tuple[str, str]] = set()
        self.hrefs: list[str] = []
        self.scripts: list[str] = []
        self.text: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self.attrs.update((tag, name) for name, _ in attrs)
        self.hrefs += [value or "" for name, value in attrs if name == "href"]
        self._in_script = tag == "script"

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        (self.scripts if self._in_script else self.text).append(data)


def parse(page: str) -> Markup:
    markup = Markup()
    markup.feed(page)
    markup.close()
    return markup


def test_hostile_data_adds_no_markup_to_the_html(capsys: pytest.CaptureFixture[str]) -> None:
    template = parse(printed(capsys, "--format", "html"))  # small.yaml uses every part
    page = printed(capsys, "--format", "html", path=HOSTILE)
    hostile = parse(page)
    assert hostile.tags <= template.tags
    assert hostile.attrs <= template.attrs
    assert not [a for a in hostile.attrs if a[1].startswith("on")]
    assert [s.strip() for s in hostile.scripts] == [SCRIPT]
    for href in hostile.hrefs:
        assert href.startswith("#") or safe_url(href) == href, href
    assert not [h for h in hostile.hrefs if "evil" in h or "\x1b" in h]
    text = "".join(hostile.text)
    for payload in ("PWNED-TITLE", "PWNED-LINK", "PWNED-CLEAR", "PWNED-BELL", "DESREVER"):
        assert payload in text  # shown as text, not lost
    assert "\x1b" not in page and "\u202e" not in page and "\\x1b" in text


def test_html_groups_by_day_and_links_actors(small_index: TimelineIndex) -> None:
    from timeline_explorer.export.html_page import html_lines
    from timeline_explorer.index import Filter

    page = "\n".join(html_lines(small_index, range(len(small_index.entries)), Filter()))
    markup = parse(page)
    assert "Thu 4 September 2025" in markup.text and "Fri 5 September 2025" in markup.text
    assert "#a-anna" in markup.hrefs and "#e-anna-peace" in markup.hrefs
    assert "https://example.org/a" in markup.hrefs
    assert 'id="a-ministry"' in page and "spokesperson-of" in page
    assert "http://" not in page.replace("http://www.w3.org", "")  # nothing to fetch


def test_detail_brief_html_has_no_sources(capsys: pytest.CaptureFixture[str]) -> None:
    page = printed(capsys, "--format", "html", "--detail", "brief")
    assert "Two days of talks." not in page and "<dt>id</dt>" not in page
    assert load_index([str(SMALL)]).entries  # the data itself has them


def test_hostile_timelinejs_text_is_escaped(capsys: pytest.CaptureFixture[str]) -> None:
    doc = json.loads(printed(capsys, "--format", "timelinejs", path=HOSTILE))
    for item in [doc["title"], *doc["events"]]:
        markup = parse(item["text"]["headline"] + item["text"]["text"])
        assert markup.tags <= {"p", "br", "blockquote", "a", "span"}
        assert all(href == safe_url(href) for href in markup.hrefs)
        assert not [name for _, name in markup.attrs if name not in ("href", "rel", "class")]
    text = json.dumps(doc, ensure_ascii=False)
    assert (
        "PWNED-LINK" in text
        and "\x1b" not in text
        and "evil.example"
        not in "".join(href for item in doc["events"] for href in parse(item["text"]["text"]).hrefs)
    )
