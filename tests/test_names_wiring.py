"""``--actor`` finds actors as the TUI does: by id, name or alias, in any case and script."""

from __future__ import annotations

import pytest

from timeline_explorer.cli import main

from .conftest import DATA

NAMES = DATA / "names.yaml"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["--print", *args, str(NAMES)])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize(
    ("typed", "name"),
    [
        ("chruscev", "Nikita Chruščëv"),  # the id
        ("CHRUSCEV", "Nikita Chruščëv"),  # any case
        ("Nikita Chruščëv", "Nikita Chruščëv"),  # the name as written
        ("nikita chruscev", "Nikita Chruščëv"),  # without the accents
        ("хрущев", "Nikita Chruščëv"),  # an alias, е for ё
        ("khrushchev", "Nikita Chruščëv"),
        ("Valerian Zorin", "Valerian Zorin"),
        ("валериан зорин", "Valerian Zorin"),
        ("dvorak", "Antonín Dvořák"),
        ("Antonin Dvorak", "Antonín Dvořák"),
        ("محمد مصدق", "محمد مصدق"),
        ("mohammad mosaddegh", "محمد مصدق"),
    ],
)
def test_actor_by_id_name_or_alias(
    capsys: pytest.CaptureFixture[str], typed: str, name: str
) -> None:
    code, out, err = run(capsys, "--actor", typed)
    assert (code, err) == (0, "")
    assert out.splitlines()[1].endswith(f" entries · actor: {name}")


def test_an_ambiguous_actor_lists_the_candidates(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "--actor", "zorin")
    assert (code, out) == (2, "")
    assert err == (
        "timeline: error: --actor: 'zorin' matches 2 actors: "
        "Andrej Zorin (zorin-a), Valerian Zorin (zorin-v); use an id\n"
    )


def test_an_unknown_actor_suggests_the_nearest(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "--actor", "dvorjak")
    assert (code, out) == (2, "")
    assert "unknown actor 'dvorjak'; did you mean Antonín Dvořák (dvorak)?" in err


def test_several_actors_keep_entries_of_any(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--actor", "Хрущёв", "--actor", "zorin-a")
    assert code == 0
    assert "2 of 4 entries · actor: Nikita Chruščëv | Andrej Zorin" in out


@pytest.mark.parametrize("alias", ["Хрущёв", "хрущев", "khrushchev"])
def test_search_finds_entries_by_an_alias_of_the_speaker(
    capsys: pytest.CaptureFixture[str], alias: str
) -> None:
    code, out, _ = run(capsys, "--search", alias)
    assert code == 0
    assert "1 of 4 entries" in out
    assert "Nikita Chruščëv: “We and you ought not now to pull on the ends of the rope.”" in out


def test_search_finds_entries_by_an_alias_of_a_participant(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(capsys, "--search", "Зорин")
    assert code == 0
    assert "2 of 4 entries" in out  # the session he took part in and his reply
