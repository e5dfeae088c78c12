"""The fast path (yaml-rs) gives the reference path's model, or steps aside for it."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from timeline_explorer import cache, fastload
from timeline_explorer.fastload import load_fast, parser_available
from timeline_explorer.index import TimelineIndex
from timeline_explorer.loader import (
    FAST_FROM_BYTES,
    LoadError,
    bundled_events_path,
    load_paths,
    load_text,
)
from timeline_explorer.schema import SCHEMA

from .conftest import DATA
from .dump import dump_yaml
from .test_properties import MUTATIONS, PROFILE, _strip_none, documents

pytestmark = pytest.mark.skipif(not parser_available(), reason="yaml-rs is not installed")
ROOT = Path(__file__).parent.parent
GOOD = [bundled_events_path(), DATA / "small.yaml", DATA / "hostile.yaml"]
BAD = sorted((DATA / "bad").glob("*.yaml"))
STR = "tag:yaml.org,2002:str"


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("gen") / "gen.yaml"
    subprocess.run(
        [sys.executable, str(ROOT / "bench" / "make_dataset.py"), "3000", "--seed", "7", str(out)],
        check=True,
    )
    return out


def test_good_files_take_the_fast_path_and_give_the_same_model(generated: Path) -> None:
    for path in [*GOOD, generated]:
        text = path.read_text(encoding="utf-8")
        assert load_fast([text]) is not None or path.name == "hostile.yaml", path
        assert load_paths([str(path)], fast=True) == load_paths([str(path)], fast=False)


def test_year_dates_written_as_numbers(tmp_path: Path) -> None:
    plain = tmp_path / "plain.yaml"
    plain.write_text("actors: [{id: a, name: A}]\nevents: [{id: e, date: 2025, title: 1984}]\n")
    assert load_fast([plain.read_text()]) is not None
    fast = load_paths([str(plain)], fast=True)
    assert fast == load_paths([str(plain)], fast=False)
    assert fast.events[0].date.text == "2025" and fast.events[0].title == "1984"
    odd = "actors: [{id: a, name: A}]\nevents: [{id: e, date: 2025, title: 0x1F}]\n"
    assert load_fast([odd]) is None  # the written form would be lost
    assert load_text(odd, fast=False).events[0].title == "0x1F"


@pytest.mark.parametrize("path", BAD, ids=lambda p: p.name)
def test_bad_files_fall_back_to_the_reference_messages(path: Path) -> None:
    try:
        text = path.read_text(encoding="utf-8")
    except (UnicodeDecodeError, ValueError):
        text = None
    if text is not None:
        assert load_fast([text]) is None
    with pytest.raises(LoadError) as fast:
        load_paths([str(path)], fast=True)
    with pytest.raises(LoadError) as reference:
        load_paths([str(path)], fast=False)
    assert fast.value.report() == reference.value.report()


def _same_outcome(text: str) -> None:
    fast = load_fast([text])
    try:
        reference = load_text(text, "t.yaml", fast=False)
    except LoadError:
        assert fast is None
        return
    if fast is not None:
        assert load_text(text, "t.yaml", fast=True) == reference


@PROFILE
@given(documents())
def test_generated_documents(document: dict[str, Any]) -> None:
    _same_outcome(dump_yaml(_strip_none(document)))


@PROFILE
@given(
    documents(),
    st.lists(st.tuples(MUTATIONS, st.integers(0, 10**6), st.characters()), min_size=1, max_size=3),
)
def test_mutated_documents(document: dict[str, Any], mutations: list[tuple[str, int, str]]) -> None:
    text = dump_yaml(_strip_none(document))
    for _kind, where, char in mutations:
        at = where % max(len(text), 1)
        text = text[:at] + char + text[at:] if where % 2 else text[:at] + text[at + 1 :]
    _same_outcome(text)


# -- the differential test: every corpus file, in every line ending and flow style -------------

CORPUS = [bundled_events_path(), *sorted(DATA.glob("*.yaml")), *BAD]
ODD_NUMBERS = ["0x10", "0XFF", "0o17", "007", "00184", "0800", "2025_09", "+5", "-0", "1_0"]
ODD_ANCHORS = ["a", ".al", ";x", ")x", "x.y", "»"]
TEXT_KEYS = {"title", "name", "place", "text", "type", "description", "publisher", "context"}


def _flow(
    text: str,
    *,
    ascii_only: bool = False,
    anchor: str = "n",
    share_equal: bool = False,
    number: str | None = None,
    statements_first: bool = False,
    separator: str = ",",
) -> str | None:
    """The document rewritten as one JSON-style flow collection (``{"key":value}``, no spaces),
    from PyYAML's node graph: plain non-text scalars stay plain (``2025``), text is quoted, shared
    nodes get anchors named ``anchor`` + n. ``share_equal`` anchors the first of equal texts and
    aliases the others; ``number`` replaces every value of a text key by that plain number."""
    try:
        root = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except (yaml.YAMLError, RecursionError):
        return None
    if root is None:
        return None
    seen: set[int] = set()
    shared: set[int] = set()
    first_of: dict[str, Node] = {}

    def count(node: Node) -> None:
        if id(node) in seen:
            shared.add(id(node))
            return
        seen.add(id(node))
        if isinstance(node, ScalarNode) and share_equal and node.tag == STR:
            known = first_of.setdefault(node.value, node)
            if known is not node:
                shared.add(id(known))
        elif isinstance(node, SequenceNode):
            for child in node.value:
                count(child)
        elif isinstance(node, MappingNode):
            for key, value in node.value:
                count(key)
                count(value)

    count(root)
    names: dict[int, str] = {}

    def out(node: Node, key: str | None = None) -> str:
        if share_equal and isinstance(node, ScalarNode) and node.tag == STR:
            node = first_of[node.value]
        if id(node) in names:
            return f"*{names[id(node)]}"
        prefix = ""
        if id(node) in shared:
            names[id(node)] = f"{anchor}{len(names)}"
            prefix = f"&{names[id(node)]} "
        if not node.tag.startswith("tag:yaml.org,2002:"):
            prefix += f"!<{node.tag}> "
        if isinstance(node, ScalarNode):
            if number is not None and key in TEXT_KEYS:
                return prefix + number
            if node.style is None and node.tag != STR:
                return prefix + (node.value or "null")
            return prefix + json.dumps(node.value, ensure_ascii=ascii_only)
        if isinstance(node, SequenceNode):
            return prefix + "[" + separator.join(out(c) for c in node.value) + "]"
        items = list(node.value)
        if statements_first and node is root:
            items.sort(key=lambda kv: kv[0].value != "statements")
        body = separator.join(
            out(k) + ":" + out(v, k.value if isinstance(k, ScalarNode) else None) for k, v in items
        )
        return prefix + "{" + body + "}"

    try:
        return out(root)
    except RecursionError:
        return None


def _block_variants(text: str) -> dict[str, str]:
    """The file as written, in other line endings, with odd numbers, anchors and escapes."""
    lines = text.split("\n")
    out = {
        "lf": text,
        "crlf": text.replace("\n", "\r\n"),
        "cr": text.replace("\n", "\r"),
        "mixed": "".join(line + ("\r\n", "\r", "\n")[i % 3] for i, line in enumerate(lines[:-1]))
        + lines[-1],
    }
    key = re.compile(r"^(\s*(?:- )?(?:title|place|name|type|text):) .*$", re.MULTILINE)
    for number in ODD_NUMBERS:
        for ending in ("\n", "\r\n", "\r"):
            out[f"number-{number}-{ending!r}"] = key.sub(rf"\1 {number}", text).replace(
                "\n", ending
            )
    for name in ODD_ANCHORS:
        out[f"anchor-{name}"] = key.sub(rf"\1 &{name} x", text, count=1)
        out[f"alias-{name}"] = re.sub(
            r"^(\s*- id:) (\S+)$", rf"\1 &{name} \2", text, count=1, flags=re.MULTILINE
        )
    for escape in ["\\ud83d\\ude00", "\\U0001F600", "\\/", "\\e", "\\ud83d", "\\x41", "\\q"]:
        out[f"escape-{escape}"] = key.sub(rf'\1 "{escape}"'.replace("\\", "\\\\"), text, count=1)
    return out


def _flow_variants(text: str) -> dict[str, str]:
    out: dict[str, str | None] = {
        "flow": _flow(text),
        "flow-lines-crlf": _flow(text, separator=",\r\n "),
        "flow-lines-cr": _flow(text, separator=",\r"),
        "flow-ascii": _flow(text, ascii_only=True),
        "flow-statements-first": _flow(text, statements_first=True),
    }
    for name in ODD_ANCHORS:
        out[f"flow-shared-{name}"] = _flow(text, anchor=name, share_equal=True)
    for number in ODD_NUMBERS:
        out[f"flow-number-{number}"] = _flow(text, number=number)
    return {k: v for k, v in out.items() if v is not None}


def _outcome(text: str, fast: bool) -> tuple[Any, ...]:
    """What a user gets: the model and the timeline's order, or the error report."""
    try:
        dataset = load_text(text, "t.yaml", fast=fast)
    except LoadError as error:
        return ("error", error.report())
    entries = TimelineIndex.build(dataset).entries
    return ("ok", dataset, [(type(e).__name__, e.id) for e in entries])


def _variants(path: Path) -> dict[str, str]:
    try:
        text = path.read_bytes().decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError:
        return {}
    return {**_block_variants(text), **_flow_variants(text)}


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.name)
def test_both_paths_agree_on_every_variant_of_the_corpus(path: Path) -> None:
    variants = _variants(path)
    for name, text in variants.items():
        reference = _outcome(text, fast=False)
        assert _outcome(text, fast=True) == reference, name
        if reference[0] == "error":
            assert load_fast([text]) is None, name


def test_the_variants_do_take_the_fast_path() -> None:
    """The differential test above would prove little if the fast path stepped aside always."""
    for path in [bundled_events_path(), DATA / "small.yaml"]:
        variants = _variants(path)
        taken = {name for name, text in variants.items() if load_fast([text]) is not None}
        assert {"lf", "crlf", "cr", "mixed", "flow", "flow-lines-crlf", "flow-lines-cr"} <= taken
        assert "flow-statements-first" in taken and "flow-ascii" in taken
        assert not {n for n in taken if "number" in n or "shared" in n or "\\u" in n}


@pytest.mark.parametrize("ending", ["\n", "\r\n", "\r"])
def test_a_big_file_keeps_numbers_as_written(
    tmp_path: Path, ending: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Over the fast-path size, with any line ending, a number stays the text it was written as,
    in the model and in what a later run reads from the cache."""
    monkeypatch.setenv("TIMELINE_EXPLORER_CACHE", str(tmp_path / "cache"))
    lines = ["actors: [{id: a, name: A}]", "events:"]
    count = FAST_FROM_BYTES // 50
    for n in range(count):
        number = ODD_NUMBERS[n % len(ODD_NUMBERS)]
        if n % 2:
            lines.append(f'  - {{"id":"e{n}","date":2025,"title":"t","place":{number}}}')
        else:
            lines += [f"  - id: e{n}", "    date: 2025", "    title: t", f"    place: {number}"]
    path = tmp_path / "big.yaml"
    path.write_bytes(ending.join(lines).encode() + ending.encode())
    for use_cache in (True, True, False):
        dataset = load_paths([str(path)], use_cache=use_cache)
        cache.flush()
        assert len(dataset.events) == count
        for n, event in enumerate(dataset.events):
            number = ODD_NUMBERS[n % len(ODD_NUMBERS)]
            assert event.place == number


@pytest.mark.parametrize(
    "event",
    [
        "  - id: e{n}\n    date: 2025\n    title: t\n    tags: *t\n",
        "  - id: e{n}\n    date: 2025\n    title: t\n    tags:\n      *t\n",
        "  - {{id: e{n}, date: 2025, title: t, tags: *t}}\n",
        '  - {{"id":"e{n}","date":2025,"title":"t","tags":*t}}\n',
    ],
)
@pytest.mark.parametrize("anchor", ["tags: &t", '"tags":&t'])
def test_aliases_cannot_pass_the_limit_on_the_fast_path(
    tmp_path: Path, event: str, anchor: str
) -> None:
    """A big file whose aliases expand past the limit is refused, however the alias is written."""
    items = ",".join(["x"] * 1000)
    first = f'  - {{"id":"first","date":2025,"title":"t",{anchor} [{items}]}}\n'
    text = "events:\n" + first + "".join(event.format(n=n) for n in range(900))
    path = tmp_path / "bomb.yaml"
    path.write_text(text + "#" * FAST_FROM_BYTES + "\n")
    with pytest.raises(LoadError) as refused:
        load_paths([str(path)])
    with pytest.raises(LoadError) as reference:
        load_paths([str(path)], fast=False)
    assert refused.value.report() == reference.value.report()
    assert "expand this document beyond 100,000" in refused.value.report()
    assert load_fast([text]) is None


def test_number_words_that_are_no_integer_of_the_data_keep_the_fast_path() -> None:
    """Only a word that yaml-rs reads as an integer the data took as text steps aside."""
    text = (
        'title: "30,000 entries, [1, 007]"\nactors: [{id: a, name: A}]\n'
        "events: [{id: e, date: 2025, title: t, place: 007}]\n"
    )
    assert load_fast([text]) is None  # 007 is 7 to yaml-rs, and 7 became the place
    kept = text.replace("place: 007", "place: Roma")
    built = load_fast([kept])
    assert built is not None and built[0].events[0].place == "Roma"
    assert load_text(kept, fast=True) == load_text(kept, fast=False)


_SCAN_ALPHABET = 'ab -:?,[]{}\n&*!<\t\\%.0123456789xuUdDN"_LP\x00\x1f\x85\u2028\ufeff\ufffeé'


@given(st.text(alphabet=_SCAN_ALPHABET, max_size=40))
def test_the_quick_scan_finds_what_the_pattern_finds(text: str) -> None:
    """The pre-scan searched part by part refuses exactly the texts the whole pattern does."""
    assert fastload._unsafe(text) == (fastload._UNSAFE.search(text) is not None)


def test_fast_loads_from_one_thread_after_another_do_not_crash(tmp_path: Path) -> None:
    """Each load and live reload of the interface runs in a new thread: yaml-rs crashed the
    process (a segmentation fault) within two to eight such loads of this file until every
    parse went to one parser thread. A crash here kills the child process, not the tests."""
    from .conftest import make_dataset

    story = make_dataset(tmp_path, 6000, 5)
    program = (
        "import sys, threading\n"
        "from timeline_explorer import fastload\n"
        "text = open(sys.argv[1], encoding='utf-8').read()\n"
        "built = []\n"
        "for _ in range(10):\n"
        "    worker = threading.Thread(target=lambda: built.append(fastload.load_fast([text])))\n"
        "    worker.start()\n"
        "    worker.join()\n"
        "print(sum(1 for files in built if files is not None))\n"
    )
    done = subprocess.run(
        [sys.executable, "-X", "faulthandler", "-c", program, str(story)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "10"  # every load took the fast path


# -- long lists parsed in steps: the same reading as one parse ----------------------------------


def _read(text: str, steps: bool) -> tuple[str, Any]:
    """yaml-rs's reading of a text in steps or at once, as the fast path makes it (after the
    pre-scan): the data, or that it was refused; in steps, also that it was not read so (no
    long list, or a doubt)."""
    import yaml_rs

    text = fastload._normalise(text)
    if fastload._unsafe(text):  # the fast path never parses it
        return ("unsafe", None)
    try:
        if steps:
            read = fastload._read_in_steps(yaml_rs, text, SCHEMA.root_keys)
            return ("not in steps", None) if read is None else ("ok", read)
        return ("ok", fastload._parse(yaml_rs, text, aliases=False))
    except Exception:
        return ("refused", None)


def _same_reading(text: str) -> bool:
    """Whether the reading in steps, where it is made, is the one parse's (returns whether it
    was made)."""
    steps = _read(text, steps=True)
    if steps[0] in ("not in steps", "unsafe"):
        return False
    assert steps == _read(text, steps=False)
    return True


def _in_steps_of_one_item(monkeypatch: pytest.MonkeyPatch | None = None) -> None:
    if monkeypatch is not None:
        monkeypatch.setattr(fastload, "STEP_BYTES", 1)  # every item a part of its own
    else:
        fastload.STEP_BYTES = 1


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.name)
def test_lists_parsed_in_steps_read_as_one_parse_reads_them(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every corpus file in every variant, each list item parsed apart: the same data, or
    refused alike; and the same model and order through the whole loader."""
    _in_steps_of_one_item(monkeypatch)
    made = set()
    for name, text in _variants(path).items():
        if _same_reading(text):
            made.add(name)
        assert _outcome(text, fast=True) == _outcome(text, fast=False), name
    if path == bundled_events_path():
        assert {"lf", "crlf", "cr"} <= made  # block lists: read in steps


@PROFILE
@given(
    documents(),
    st.lists(st.tuples(MUTATIONS, st.integers(0, 10**6), st.characters()), max_size=3),
)
def test_generated_lists_parsed_in_steps_read_the_same(
    document: dict[str, Any], mutations: list[tuple[str, int, str]]
) -> None:
    text = dump_yaml(_strip_none(document))
    for _kind, where, char in mutations:
        at = where % max(len(text), 1)
        text = text[:at] + char + text[at:] if where % 2 else text[:at] + text[at + 1 :]
    before = fastload.STEP_BYTES
    _in_steps_of_one_item()
    try:
        _same_reading(text)
    finally:
        fastload.STEP_BYTES = before


@pytest.mark.parametrize(
    "text",
    [
        # a key line inside a quoted scalar at column 0, followed by "items"
        'title: "a\nevents:\n  - x\n  - y\n"\nlanguage: it\n',
        'title: "a\nevents:\n  - x\n  - y\n"\nevents:\n  - id: e\n',
        "title: 'a\nstatements:\n- x\n- y'\nstatements:\n- id: s\n",
        # an item boundary inside a flow list and inside a block scalar
        "events:\n  - [a,\n  - b]\n  - c\n",
        "events:\n  - |\n    x\n  - y\n",
        # a key repeated, a key not alone on its line, a key of no list
        "events:\n  - a\nevents:\n  - b\n",
        "events:  # the events\n  - a\n  - b\n",
        "events: &x\n  - a\n  - b\n",
        "title:\n  - a\n  - b\nevents:\n- c\n- d\n",
        "events:\n- a\n- b\nunknown: 1\nstatements:\n  - c\n",
        "events:\n  - a\n - b\n",
        f"title: {fastload._PLACE}0\nevents:\n  - a\n  - b\n",
    ],
)
def test_odd_texts_read_in_steps_as_at_once(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    _in_steps_of_one_item(monkeypatch)
    _same_reading(text)


def test_a_list_at_the_very_start_is_read_in_steps(monkeypatch: pytest.MonkeyPatch) -> None:
    _in_steps_of_one_item(monkeypatch)
    assert _same_reading("events:\n  - a\n  - b\n")
    assert _same_reading("events:\n  - a\n  - b\nstatements:\n  - c\n  - d\n")


def test_a_big_file_is_parsed_in_steps(generated: Path) -> None:
    """The generated file's statements are longer than a step: they are cut into parts, and
    read the same as at once."""
    text = fastload._normalise(generated.read_text(encoding="utf-8"))
    keys = fastload._key_lines(text, SCHEMA.root_keys)
    assert [name for _, _, name in keys] == ["sources", "actors", "events", "statements"]
    parts = fastload._list_parts(text, keys[-1][1], len(text))
    assert parts is not None and len(parts) >= 2
    assert "".join(parts) == text[keys[-1][1] :]
    assert _same_reading(text)
