"""The bundled story, events.yaml: it loads and holds the article's facts."""

from __future__ import annotations

from timeline_explorer.index import TimelineIndex
from timeline_explorer.model import Event, Statement


def statement(index: TimelineIndex, entry_id: str) -> Statement:
    entry = index.entry(entry_id)
    assert isinstance(entry, Statement)
    return entry


def test_paris_meeting_and_announcement(story_index: TimelineIndex) -> None:
    meeting = story_index.entry("paris-meeting")
    assert isinstance(meeting, Event)
    assert meeting.date.display() == "2025-09-04"
    assert meeting.place == "Parigi"
    assert {"macron", "zelensky", "trump", "meloni"} <= set(meeting.actors)
    announcement = story_index.entry("paris-announcement")
    assert isinstance(announcement, Event)
    assert "“sulla terraferma, in mare o in aria”" in (announcement.description or "")


def test_putin_quote_is_verbatim_and_attributed(story_index: TimelineIndex) -> None:
    putin = statement(story_index, "putin-legitimate-targets")
    assert putin.speaker == "putin"
    assert putin.kind == "quote"
    assert putin.place == "Vladivostok"
    assert putin.text == (
        "Se delle truppe dovessero comparire lì (in Ucraina), soprattutto ora durante i "
        "combattimenti, partiamo dal presupposto che saranno obiettivi legittimi"
    )
    assert putin.date.display() == "2025-09"  # the article gives no day
    assert putin.responds_to == "paris-announcement"


def test_peskov_speaks_for_the_kremlin(story_index: TimelineIndex) -> None:
    peskov = statement(story_index, "peskov-absolutely-not")
    assert peskov.on_behalf_of == "kremlin"
    assert "Assolutamente no." in peskov.text
    relations = {(r.direction, r.type, r.other) for r in story_index.relations("kremlin")}
    assert ("in", "spokesperson-of", "peskov") in relations


def test_quotes_and_paraphrases(story_index: TimelineIndex) -> None:
    zelensky = statement(story_index, "zelensky-army-guarantee")
    assert zelensky.kind == "quote"
    assert zelensky.text.startswith("L’armata ucraina è un’armata grande, 800.000 persone")
    assert zelensky.context == "Forum economico di Cernobbio"
    meloni = statement(story_index, "meloni-no-troops")
    assert meloni.kind == "paraphrase" and meloni.event == "paris-meeting"
    assert statement(story_index, "macron-formalization").text == (
        "La formalizzazione avverrà nelle prossime settimane"
    )
    assert statement(story_index, "trump-good-dialogue").text == "Con Putin abbiamo un buon dialogo"


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
        "Cremlino",
        "Palazzo Chigi",
        "Commissione europea",
        "Coalizione dei volenterosi",
        "Nato",
        "Italia",
        "Germania",
        "Polonia",
    ):
        assert name in names


def test_every_entry_has_the_article_as_source(story_index: TimelineIndex) -> None:
    assert all(e.sources == ("articolo",) for e in story_index.entries)
    assert story_index.dataset.language == "it"
