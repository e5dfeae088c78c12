"""The story in the order it happened, as a user sees it: what follows an event follows what was
said during it, an exact date above an approximate one, one heading per group in every format,
offsets and spans in the rows, times in one zone, naive and offset bounds, and notes."""

from __future__ import annotations

import json
import os
import re
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from timeline_explorer.cli import main
from timeline_explorer.dates import parse_date
from timeline_explorer.index import TimelineIndex
from timeline_explorer.loader import load_text

from .tui.helpers import make_app, screen_lines, screen_text, settle

ZONES = textwrap.dedent(
    """\
    title: Zones
    actors: [{id: anna, name: Anna}]
    events:
      - {id: crisis, date: 1962-10-16, end: 1962-10-28, title: The crisis}
    statements:
      - {id: moscow, date: "1962-10-22T23:30+03:00", speaker: anna, text: Moscow words}
      - {id: london, date: "1962-10-22T22:00Z", speaker: anna, text: London words}
      - {id: washington, date: "1962-10-22T22:30-04:00", speaker: anna, text: Washington words}
      - {id: naive, date: "1962-10-22T21:00", speaker: anna, text: Naive words}
    """
)


def printed(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    assert main(["--print", *args]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    return out


def headings_of(text: str) -> list[str]:
    """The group headings of a --print text: the lines that start at the margin, after the
    title and the count."""
    lines = text.splitlines()[2:]
    return [line for line in lines if line and not line.startswith(" ")]


def rows_of(text: str) -> list[str]:
    """The head line of each entry (indented two spaces, then its date)."""
    return [line for line in text.splitlines() if re.match(r"  \S", line)]


# -- the bundled story ----------------------------------------------------------------------


def test_the_story_opens_on_the_paris_meeting(capsys: pytest.CaptureFixture[str]) -> None:
    out = printed(capsys)
    assert headings_of(out)[0] == "Thu 4 September 2025"
    first = rows_of(out)[0]
    assert first.split()[:2] == ["2025-09-04", "event"]
    assert "Riunione della Coalizione dei volenterosi a Parigi" in first


def test_what_follows_the_meeting_follows_what_was_said_during_it(
    capsys: pytest.CaptureFixture[str],
) -> None:
    rows = rows_of(printed(capsys, "--detail", "brief"))

    def at(words: str) -> int:
        found = [n for n, row in enumerate(rows) if words in row]
        assert len(found) == 1, words
        return found[0]

    call = at("Collegamento di Giorgia Meloni con Donald Trump")  # after: paris-meeting
    assert at("Giorgia Meloni: ha illustrato") < call  # during the meeting
    assert at("Giorgia Meloni: Ha ribadito") < call
    assert at("Donald Trump: “a breve”") < call
    announcement = at("Ventisei Paesi annunciano")  # after: paris-meeting
    assert at("Donald Trump: “Con Putin abbiamo un buon dialogo”") < announcement
    for reaction in ("Vladimir Putin: “inaccettabile”", "Cremlino: Mosca considera"):
        assert at("Emmanuel Macron: “nei prossimi giorni”") < at(reaction)


def test_headings_never_come_back(capsys: pytest.CaptureFixture[str]) -> None:
    for args in ([], ["--detail", "brief"], ["--actor", "putin"]):
        shown = headings_of(printed(capsys, *args))
        assert len(shown) == len(set(shown)), shown
    shown = headings_of(printed(capsys))
    assert shown == [
        "Thu 4 September 2025",
        "c. Thu 4 September 2025",  # about that day: above what came after it
        "c. September 2025, after the 4th",
        "from Thu 4 September 2025",
    ]
    assert all(len(heading) <= 60 for heading in shown)


def test_markdown_and_html_have_the_same_headings(capsys: pytest.CaptureFixture[str]) -> None:
    text = headings_of(printed(capsys))
    markdown = printed(capsys, "--format", "markdown")
    assert [line[3:] for line in markdown.splitlines() if line.startswith("## ")] == text
    page = printed(capsys, "--format", "html")
    sections = re.findall(r'<section class="day">\n<h2>([^<]*)</h2>', page)
    assert sections == text


def test_an_exact_date_comes_before_an_approximate_one_of_the_same_day(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "day.yaml"
    path.write_text(
        textwrap.dedent(
            """\
            events:
              - {id: talk, date: 2025-09-04~, title: About that day}
              - {id: period, date: 2025-09-04/2025-09-06, title: Some time then}
              - {id: meeting, date: 2025-09-04, title: The meeting}
              - {id: month, date: 2025-09, title: That month}
            """
        ),
        encoding="utf-8",
    )
    rows = rows_of(printed(capsys, "--detail", "brief", str(path)))
    assert [row.split("event")[1].strip() for row in rows] == [
        "That month",  # less precise first, at the same start (the 1st)
        "The meeting",
        "About that day",
        "Some time then",
    ]


# -- rows: offsets and spans ----------------------------------------------------------------


def test_rows_show_offsets_and_spans(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "zones.yaml"
    path.write_text(ZONES, encoding="utf-8")
    rows = rows_of(printed(capsys, "--detail", "brief", str(path)))
    dates = [row.split("  ")[1].strip() for row in rows]
    # In the order of the instants: Moscow 20:30Z, the naive 21:00 (on its own clock), London
    # 22:00Z, Washington 02:30Z the next day; each time with its offset, as written.
    assert dates == [
        "1962-10-16 → 10-28",
        "1962-10-22 23:30+03",
        "1962-10-22 21:00",
        "1962-10-22 22:00Z",
        "1962-10-22 22:30-04",
    ]


def test_spans_leave_out_what_the_end_repeats() -> None:
    def row(text: str, end: str | None = None) -> str:
        return parse_date(text).row_text(parse_date(end) if end else None)

    assert row("1962-10-16", "1962-10-28") == "1962-10-16 → 10-28"
    assert row("1962-12-30", "1963-01-02") == "1962-12-30 → 1963-01-02"
    assert row("1962-10-22T19:00", "1962-10-22T21:00") == "1962-10-22 19:00 → 21:00"
    assert row("1962-10-22T19:00-04:00", "1962-10-22T21:00Z") == (
        "1962-10-22 19:00-04 → 10-22 21:00Z"  # another zone: the day is said again
    )
    assert row("2025-09-04/2025-09-30") == "2025-09-04 → 09-30"
    assert row("2025-09-04/..") == "from 2025-09-04"
    assert row("2025-09~") == "c. 2025-09"
    assert row("1962-10-22T23:30+05:30") == "1962-10-22 23:30+05:30"


# -- one zone for every time ----------------------------------------------------------------


def test_times_move_to_utc_and_keep_their_instant() -> None:
    moscow = parse_date("1962-10-22T23:30+03:00")
    utc = moscow.in_zone("utc")
    assert utc.row_text() == "1962-10-22 20:30Z"
    assert (utc.start, utc.end) == (moscow.start, moscow.end)
    assert parse_date("1962-10-22T22:30-04:00").in_zone("utc").row_text() == "1962-10-23 02:30Z"
    naive = parse_date("1962-10-22T21:00")
    assert naive.in_zone("utc") is naive  # no offset: nothing to convert
    assert parse_date("1962-10-22").in_zone("utc").row_text() == "1962-10-22"


@pytest.fixture
def kolkata() -> Iterator[None]:
    """The local zone of this process is India's (+05:30, no summer time)."""
    old = os.environ.get("TZ")
    os.environ["TZ"] = "Asia/Kolkata"
    time.tzset()
    yield
    if old is None:
        del os.environ["TZ"]
    else:
        os.environ["TZ"] = old
    time.tzset()


def test_times_move_to_the_local_zone(kolkata: None) -> None:
    moved = parse_date("1962-10-22T22:00Z").in_zone("local")
    assert moved.row_text() == "1962-10-23 03:30+05:30"


async def test_z_shows_every_time_in_one_zone_and_groups_days_by_it(tmp_path: Path) -> None:
    path = tmp_path / "zones.yaml"
    path.write_text(ZONES, encoding="utf-8")
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        text = screen_text(app)
        assert "times as written" in screen_lines(app)[0]
        assert re.search(r"1962-10-22 22:30-04 +quote +Anna: Washington words", text)
        assert "Tue 23 October 1962" not in text
        await pilot.press("Z")
        await settle(pilot)
        lines = screen_lines(app)
        assert "times in UTC" in lines[0]
        text = "\n".join(lines)
        assert re.search(r"1962-10-22 20:30Z +quote +Anna: Moscow words", text)
        assert re.search(r"1962-10-22 21:00 +quote +Anna: Naive words", text)  # as written
        # Washington's 22:30-04 is 02:30 UTC the next day: under that day's heading.
        washington = next(n for n, line in enumerate(lines) if "Washington" in line)
        assert lines[washington - 1].strip() == "Tue 23 October 1962"
        assert "1962-10-23 02:30Z" in lines[washington]
        await pilot.press("Z", "Z")  # local, then as written again
        await settle(pilot)
        assert "1962-10-22 22:30-04" in screen_text(app)


# -- bounds: naive ones on the written clock, ones with an offset as instants ---------------


def test_a_naive_from_compares_with_the_written_time(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "zones.yaml"
    path.write_text(ZONES, encoding="utf-8")
    # 22:30 written (-04:00) and 23:30 written (+03:00) are at or after 22:15 on their own
    # clocks; 22:00Z and the naive 21:00 are not; the crisis started on the 16th.
    out = printed(capsys, "--detail", "brief", "--from", "1962-10-22T22:15", str(path))
    assert {row.split(": ")[-1].strip("“”") for row in rows_of(out)} == {
        "Washington words",
        "Moscow words",
    }
    # The same moment with an offset is an instant: 22:15Z. Moscow (20:30Z) is before it.
    out = printed(capsys, "--detail", "brief", "--from", "1962-10-22T22:15Z", str(path))
    assert {row.split(": ")[-1].strip("“”") for row in rows_of(out)} == {"Washington words"}


async def test_d_with_a_time_jumps_by_written_time_or_by_instant(tmp_path: Path) -> None:
    path = tmp_path / "zones.yaml"
    path.write_text(ZONES, encoding="utf-8")
    app = make_app(path)
    async with app.run_test(size=(100, 24)) as pilot:
        await settle(pilot)
        await pilot.press("d", *"1962-10-22T23:00", "enter")
        await settle(pilot)
        timeline = app.screen.query_one("TimelineList")
        index = app.index
        assert index is not None

        def selected() -> str:
            position = timeline.selected  # type: ignore[attr-defined]
            return str(index.entries[position].id)

        assert selected() == "moscow"  # 23:30 written is the first at or after 23:00 written
        await pilot.press("d", *"1962-10-22T23:00Z", "enter")
        await settle(pilot)
        assert selected() == "washington"  # 02:30Z on the 23rd: the first instant after


# -- notes and placement ----------------------------------------------------------------------


async def test_details_show_the_note_and_why_an_entry_sits_where_it_is() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        index = app.index
        assert index is not None
        timeline = app.screen.query_one("TimelineList")
        timeline.select_position(index.position("putin-unacceptable"))  # type: ignore[attr-defined]
        await pilot.pause(0.4)
        text = screen_text(app)
        assert "note             L'articolo: «Il presidente russo" in text  # its note
        assert "responds to" in text
        timeline.select_position(index.position("italy-no-troops"))  # type: ignore[attr-defined]
        await pilot.pause(0.4)
        text = screen_text(app)
        assert re.search(r"after +2025-09-04  Ventisei Paesi", text)


async def test_an_actor_page_shows_the_actor_note() -> None:
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press("a", *"Peskov", "enter")
        await settle(pilot)
        text = screen_text(app)
        assert "Dmitrij Peskov" in text
        assert "note" in text and "«il portavoce»" in text


def test_every_export_has_the_notes(capsys: pytest.CaptureFixture[str]) -> None:
    peskov_note = "«il portavoce»"
    statement_note = "L'articolo la dà come reazione all'annuncio di Parigi, senza data."
    text = printed(capsys, "--detail", "full")
    assert f"note: {statement_note}" in text
    markdown = printed(capsys, "--format", "markdown")
    assert f"note: {statement_note}" in markdown
    page = printed(capsys, "--format", "html")
    assert "note: L&#x27;articolo la dà come reazione" in page
    assert "note: L&#x27;articolo lo chiama «il portavoce»" in page  # the actor's note
    document = json.loads(printed(capsys, "--format", "json"))
    assert peskov_note in document["actors"]["peskov"]["note"]
    kremlin = next(e for e in document["entries"] if e["id"] == "kremlin-legitimate-targets")
    assert kremlin["note"] == statement_note
    slides = json.loads(printed(capsys, "--format", "timelinejs"))
    assert any(statement_note.replace("'", "&#x27;") in e["text"]["text"] for e in slides["events"])


def test_a_statement_during_an_event_and_after_it_is_no_loop() -> None:
    dataset = load_text(
        textwrap.dedent(
            """\
            actors: [{id: anna, name: Anna}]
            events:
              - {id: talk, date: 2025-09-04, title: Talk}
            statements:
              - {id: said, date: 2025-09-04, speaker: anna, text: a, event: talk, after: talk}
              - {id: then, date: 2025-09, speaker: anna, text: b, after: talk}
              - {id: early, date: 2025-09-04, speaker: anna, text: c, event: talk, after: then}
            """
        )
    )
    index = TimelineIndex.build(dataset)
    ids = [e.id for e in index.entries]
    # "early" was said during the talk but after "then": the talk's block yields to that.
    assert ids == ["talk", "said", "then", "early"]
