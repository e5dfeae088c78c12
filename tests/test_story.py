"""The bundled story, events.yaml: it loads and holds the article's facts, and only those.

The facts pinned here are the article's: who said which words in quotation marks, which entries
it dates (only the Paris meeting of 4 September 2025), what answers what, and which offices and
links it states. The raw-file tests at the end read the YAML itself, so that they also pin the
placement keys (``after``, ``before``, ``note``) whatever the loader makes of them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from timeline_explorer.data import bundled_events_path
from timeline_explorer.index import TimelineIndex
from timeline_explorer.model import Event, Statement

# Every span the article puts in quotation marks as someone's words: (id, speaker, words).
QUOTES = [
    ("macron-land-sea-air", "macron", "sulla terraferma, in mare o in aria"),
    ("macron-guns-silent", "macron", "le armi taceranno"),
    ("germany-in-due-time", "germany", "a tempo debito"),
    ("macron-formalization", "macron", "La formalizzazione avverrà nelle prossime settimane"),
    ("macron-us-support", "macron", "molto chiaramente"),
    (
        "macron-us-want-to-be-part",
        "macron",
        "Vogliono essere parte del lavoro di garanzia della sicurezza",
    ),
    ("macron-us-modalities", "macron", "nei prossimi giorni"),
    ("chigi-just-and-lasting", "palazzo-chigi", "giusta e duratura"),
    ("putin-unacceptable", "putin", "inaccettabile"),
    ("putin-no-long-term-peace", "putin", "non favorirebbe una pace a lungo termine"),
    ("peskov-anti-russian-centre", "peskov", "centro di tutto ciò che è anti-russo"),
    ("peskov-nato-access", "peskov", "trovare una via d’accesso"),
    ("peskov-nato-threat", "peskov", "una minaccia ai confini russi"),
    ("trump-will-call-putin", "trump", "a breve"),
    ("trump-good-dialogue", "trump", "Con Putin abbiamo un buon dialogo"),
    ("peskov-no-results", "peskov", "non ci sono stati risultati preliminari"),
]

# The statements of the section "La reazione di Mosca": all of it a reply to Paris.
MOSCOW = [
    "kremlin-legitimate-targets",
    "putin-unacceptable",
    "putin-legitimate-targets",
    "putin-no-long-term-peace",
    "putin-forces-superfluous",
    "putin-no-reason-for-presence",
    "peskov-rejects-idea",
    "peskov-absolutely-not",
    "peskov-europeans-obstruct",
    "peskov-anti-russian-centre",
    "peskov-nato-access",
    "peskov-nato-threat",
]

MACRON = [
    "macron-land-sea-air",
    "macron-guns-silent",
    "macron-formalization",
    "macron-us-support",
    "macron-us-want-to-be-part",
    "macron-us-modalities",
]


def statement(index: TimelineIndex, entry_id: str) -> Statement:
    entry = index.entry(entry_id)
    assert isinstance(entry, Statement), entry_id
    return entry


def event(index: TimelineIndex, entry_id: str) -> Event:
    entry = index.entry(entry_id)
    assert isinstance(entry, Event), entry_id
    return entry


def relations(index: TimelineIndex, actor: str) -> set[tuple[str, str, str]]:
    return {(r.direction, r.type, r.other) for r in index.relations(actor)}


def test_the_story_counts(story_index: TimelineIndex) -> None:
    assert len(story_index.dataset.events) == 11
    assert len(story_index.dataset.statements) == 32
    assert len(story_index.entries) == 43
    assert len(story_index.actors) == 23


def test_paris_meeting_and_announcement(story_index: TimelineIndex) -> None:
    meeting = event(story_index, "paris-meeting")
    assert meeting.date.text == "2025-09-04"
    assert meeting.place == "Parigi"
    assert {"macron", "zelensky", "trump", "meloni"} <= set(meeting.actors)
    assert "proposta italiana" not in (meeting.description or "")
    announcement = event(story_index, "paris-announcement")
    assert announcement.date.text == "2025-09-04"
    assert "“sulla terraferma, in mare o in aria”" in (announcement.description or "")
    assert "non appena “le armi taceranno”" in announcement.title


@pytest.mark.parametrize(("entry_id", "speaker", "words"), QUOTES)
def test_quoted_words_are_quotes_of_their_speaker(
    story_index: TimelineIndex, entry_id: str, speaker: str, words: str
) -> None:
    quote = statement(story_index, entry_id)
    assert (quote.kind, quote.speaker, quote.text) == ("quote", speaker, words)


def test_long_quotes_are_verbatim(story_index: TimelineIndex) -> None:
    putin = statement(story_index, "putin-legitimate-targets")
    assert (putin.speaker, putin.kind, putin.place) == ("putin", "quote", "Vladivostok")
    assert putin.text == (
        "Se delle truppe dovessero comparire lì (in Ucraina), soprattutto ora durante i "
        "combattimenti, partiamo dal presupposto che saranno obiettivi legittimi"
    )
    zelensky = statement(story_index, "zelensky-army-guarantee")
    assert zelensky.kind == "quote"
    assert zelensky.text.startswith("L’armata ucraina è un’armata grande, 800.000 persone")
    assert zelensky.text.endswith("Queste sono le cose importanti")
    seven_wars = statement(story_index, "trump-seven-wars")
    assert seven_wars.text.endswith("si rivela un po’ più dura")


def test_what_the_article_reports_but_was_missing(story_index: TimelineIndex) -> None:
    superfluous = statement(story_index, "putin-forces-superfluous")
    assert (superfluous.speaker, superfluous.kind) == ("putin", "paraphrase")
    assert "renderebbe superflua la presenza di forze internazionali" in superfluous.text
    rejects = statement(story_index, "peskov-rejects-idea")
    assert (rejects.speaker, rejects.kind) == ("peskov", "paraphrase")
    assert "ha respinto con forza l’idea" in rejects.text
    missiles = event(story_index, "long-range-missiles-agreement")
    assert missiles.title == "Accordo raggiunto sull’invio a Kiev di missili a lungo raggio"
    for country in ("italy", "germany", "poland"):
        assert ("out", "contributes-to", "reassurance-forces") in relations(story_index, country)
    assert (
        "Germania tra i Paesi che contribuiranno"
        in event(story_index, "germany-decision-later").title
    )


def test_no_place_the_article_does_not_give(story_index: TimelineIndex) -> None:
    for entry_id in ("meloni-collective-security", "meloni-no-troops"):
        assert statement(story_index, entry_id).place is None  # "Durante la riunione"
    for entry_id in ("zelensky-army-central", "zelensky-army-guarantee"):
        zelensky = statement(story_index, entry_id)
        assert zelensky.place is None  # he spoke by video
        assert zelensky.context == "Intervenuto in videoconferenza al Forum economico di Cernobbio"


def test_no_office_or_link_the_article_does_not_state(story_index: TimelineIndex) -> None:
    actors = story_index.actors
    assert actors["trump"].description is None and actors["trump"].links == ()
    assert ("out", "leads", "palazzo-chigi") not in relations(story_index, "meloni")
    assert relations(story_index, "palazzo-chigi") == set()
    assert all(r[1] != "presidency-of" for r in relations(story_index, "kremlin"))
    assert actors["kremlin"].description is None
    assert actors["nato"].description is None
    assert actors["coalition"].description is None
    assert actors["france"].links == ()
    assert actors["uk"].links == ()
    assert "eu" not in actors


def test_no_added_words_in_titles_and_contexts(story_index: TimelineIndex) -> None:
    for entry in story_index.entries:
        shown = entry.title if isinstance(entry, Event) else entry.context or ""
        assert "«" not in shown and "»" not in shown, entry.id
        assert "sull’invio di truppe" not in shown, entry.id
        assert "proposta italiana" not in shown, entry.id
    for actor in story_index.actors.values():
        assert "«" not in (actor.description or ""), actor.id


def test_macron_speaks_for_no_one_but_himself(story_index: TimelineIndex) -> None:
    for entry_id in MACRON:
        macron = statement(story_index, entry_id)
        assert (macron.speaker, macron.on_behalf_of) == ("macron", None)
        assert macron.event == "paris-announcement"


def test_moscow_replies_to_paris_and_peskov_to_trump(story_index: TimelineIndex) -> None:
    for entry_id in MOSCOW:
        assert statement(story_index, entry_id).responds_to == "paris-announcement", entry_id
    for entry_id in ("peskov-no-results", "peskov-no-new-call"):
        assert statement(story_index, entry_id).responds_to == "trump-will-call-putin"
    assert statement(story_index, "peskov-absolutely-not").on_behalf_of == "kremlin"
    assert ("in", "spokesperson-of", "peskov") in relations(story_index, "kremlin")


def test_only_paris_is_dated_to_the_day(story_index: TimelineIndex) -> None:
    paris = {"paris-meeting", "paris-announcement"}
    for entry in story_index.entries:
        if entry.date.text == "2025-09-04":
            tied = entry.id in paris or (isinstance(entry, Statement) and entry.event in paris)
            assert tied, entry.id
    assert statement(story_index, "putin-legitimate-targets").date.text == "2025-09~"
    assert event(story_index, "formalization-announced").date.text == "2025-09-04/.."


def test_every_actor_named_is_there(story_index: TimelineIndex) -> None:
    names = {a.name for a in story_index.actors.values()}
    for name in (
        "Emmanuel Macron",
        "Volodymyr Zelensky",
        "Donald Trump",
        "Vladimir Putin",
        "Dmitrij Peskov",
        "Giorgia Meloni",
        "Ursula von der Leyen",
        "Premier britannico",
        "Cremlino",
        "Palazzo Chigi",
        "Commissione europea",
        "Coalizione dei volenterosi",
        "Forze di rassicurazione",
        "Nato",
        "Italia",
        "Germania",
        "Polonia",
    ):
        assert name in names


def test_every_entry_has_the_article_as_source(story_index: TimelineIndex) -> None:
    assert all(e.sources == ("articolo",) for e in story_index.entries)
    assert story_index.dataset.language == "it"


# The raw file: placement and notes, read from the YAML itself.


def raw_story() -> dict[str, Any]:
    data = yaml.safe_load(Path(bundled_events_path()).read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def test_every_entry_not_dated_to_the_day_is_placed_and_explained() -> None:
    data = raw_story()
    for entry in data["events"] + data["statements"]:
        if str(entry["date"]) == "2025-09-04":
            continue
        placed = {"after", "before", "responds_to", "event"} & entry.keys()
        assert placed, entry["id"]
        why = entry.get("note") if "speaker" in entry else entry.get("description")
        assert why, entry["id"]


def test_placement_follows_the_article() -> None:
    data = raw_story()
    entries = {e["id"]: e for e in data["events"] + data["statements"]}
    assert entries["meloni-trump-call"]["after"] == "paris-meeting"  # "successivamente"
    for entry_id in ("meloni-collective-security", "meloni-no-troops"):
        assert entries[entry_id]["before"] == "paris-announcement"  # "Durante la riunione"
    assert entries["long-range-missiles-agreement"]["before"] == "uk-long-range-missiles"
    assert set(entries["trump-putin-call-announced"]["after"]) == {
        "trump-will-call-putin",
        "trump-zelensky-talk",
    }
    for entry_id in ("zelensky-army-central", "von-der-leyen-three-levels"):
        assert "ordine del racconto" in entries[entry_id]["note"]  # narration, not a date


def test_the_story_opens_on_paris() -> None:
    """No entry may come before Paris: each is dated from 4 September or follows what does."""
    data = raw_story()
    entries = {e["id"]: e for e in data["events"] + data["statements"]}

    def follows_paris(entry_id: str, seen: frozenset[str] = frozenset()) -> bool:
        if entry_id in ("paris-meeting", "paris-announcement"):
            return True
        entry = entries[entry_id]
        if str(entry["date"]).startswith("2025-09-04"):
            return True  # dated from the day of Paris
        after = entry.get("after", [])
        targets = [after] if isinstance(after, str) else list(after)
        targets += [entry[key] for key in ("responds_to", "event") if key in entry]
        return any(t not in seen and follows_paris(t, seen | {entry_id}) for t in targets)

    for entry_id in entries:
        assert follows_paris(entry_id), entry_id
