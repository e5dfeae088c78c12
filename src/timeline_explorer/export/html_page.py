"""The HTML export: one self-contained page (no request leaves it; it works from ``file://``).

The timeline is grouped by day as in the terminal view, with each entry's facts, its replies and
its sources as links; then a section per actor with its typed links, then the sources. Every
string from the data goes through :func:`esc` (made visible, then HTML-escaped with quotes), and
only URLs that pass :func:`~timeline_explorer.export.fields.safe_url` become ``href`` values: the
data can add no element, attribute or script. A small inline script adds search and a kind filter;
the page reads the same without it. A Content-Security-Policy forbids any request.

The user's own marks, tags and notes (the sidecar's :class:`~timeline_explorer.sidecar.Notes`),
when given, show with each entry and actor (class ``mine``), escaped like the data.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable, Iterator, Sequence

from ..index import Filter, TimelineIndex
from ..model import Actor, Entry, Event, Statement
from ..safetext import one_line, visible
from ..sidecar import Notes
from .fields import (
    DEFAULT_DETAIL,
    Detail,
    Fact,
    actor_facts,
    entry_facts,
    headline,
    safe_url,
    source_parts,
)

CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; "
    "img-src data:; form-action 'none'; base-uri 'none'"
)

STYLE = """
:root { color-scheme: light dark; --dim: #667; --line: #8884; --accent: #2563eb; }
body { font: 16px/1.5 system-ui, sans-serif; margin: 0 auto; max-width: 52rem;
  padding: 0 1rem 3rem; }
h1 { font-size: 1.5rem; margin: 1rem 0 0; }
h2 { font-size: 1.15rem; border-bottom: 1px solid var(--line); margin: 1.5rem 0 .5rem; }
h3 { font-size: 1rem; margin: 1rem 0 .25rem; }
a { color: var(--accent); overflow-wrap: anywhere; }
.summary, .meta, dt, .kind { color: var(--dim); }
.entry { margin: .75rem 0; padding-left: .75rem; border-left: 3px solid var(--line); }
.entry.quote { border-left-color: #ca8a04; } .entry.paraphrase { border-left-color: #c026d3; }
.entry.event { border-left-color: #16a34a; }
.head { margin: 0; } .when { font-variant-numeric: tabular-nums; margin-right: .5rem; }
.kind { font-size: .85em; margin-right: .5rem; } .who { font-weight: 600; }
.words, .block { white-space: pre-line; margin: .25rem 0; overflow-wrap: anywhere; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 0 .75rem; margin: .25rem 0; }
dd { margin: 0; overflow-wrap: anywhere; } ul { margin: .25rem 0; padding-left: 1.25rem; }
.url { overflow-wrap: anywhere; font-size: .9em; }
#tools { display: flex; flex-wrap: wrap; gap: .5rem; margin: .75rem 0; }
#tools input { flex: 1 1 12rem; font: inherit; padding: .3rem; }
#tools select { font: inherit; }
""".strip()

MINE_STYLE = """
.mine { background: #eab30822; border-radius: 3px; padding: .1rem .4rem; margin: .25rem 0;
  white-space: pre-line; overflow-wrap: anywhere; }
.mine b { font-weight: 600; }
""".strip()
"""The style of the user's own marks, tags and notes (only on a page that has them)."""

SCRIPT = """
(function () {
  var tools = document.getElementById("tools");
  var box = document.getElementById("q");
  var kind = document.getElementById("kind");
  var count = document.getElementById("count");
  tools.hidden = false;
  function apply() {
    var q = box.value.toLowerCase();
    var k = kind.value;
    var shown = 0;
    document.querySelectorAll("section.day").forEach(function (day) {
      var any = false;
      day.querySelectorAll("article.entry").forEach(function (e) {
        var ok = (!k || e.classList.contains(k)) &&
          (!q || e.textContent.toLowerCase().indexOf(q) >= 0);
        e.hidden = !ok;
        if (ok) { any = true; shown += 1; }
      });
      day.hidden = !any;
    });
    count.textContent = shown + " shown";
  }
  box.addEventListener("input", apply);
  kind.addEventListener("change", apply);
})();
""".strip()


def esc(text: str) -> str:
    """Data text for HTML: controls and invisible characters made visible, then escaped
    (``&``, ``<``, ``>``, ``"`` and ``'``)."""
    return html.escape(visible(text), quote=True)


_NOT_ANCHOR = re.compile(r"[^A-Za-z0-9_.-]")


def anchor(prefix: str, ident: str) -> str:
    """A fragment id for an entry (``e``), actor (``a``) or source (``s``): letters, digits,
    ``_.-``; any other character written as ``_hex_``."""
    return prefix + "-" + _NOT_ANCHOR.sub(lambda m: f"_{ord(m.group()):x}_", ident)


def link_html(url: str | None, text: str) -> str:
    """A link when the URL is safe, else the text (and the URL as text when there is one)."""
    safe = safe_url(url)
    if safe:
        return f'<a href="{esc(safe)}" rel="noopener noreferrer">{esc(text)}</a>'
    if url:
        return f'{esc(text)} <span class="url">{esc(url)}</span>'
    return esc(text)


def mine_html(
    notes: Notes | None, item_id: str, text: Callable[[str], str] | None = None
) -> list[str]:
    """The user's mark, tags and note on an entry or actor, as paragraphs (none: empty).

    Args:
        notes: the user's notes (None: nothing).
        item_id: the entry or actor.
        text: how the note's text is escaped (default :func:`esc`, its line breaks shown by
            the page's style).
    """
    if notes is None:
        return []
    out = []
    if notes.is_marked(item_id):
        out.append('<p class="mine"><b>★ marked</b> by you</p>')
    tags = notes.tags_of(item_id)
    if tags:
        shown = ", ".join(esc(one_line(tag)) for tag in tags)
        out.append(f'<p class="mine"><b>your tags:</b> {shown}</p>')
    note = notes.note(item_id)
    if note:
        out.append(f'<p class="mine"><b>your note:</b> {(text or esc)(note)}</p>')
    return out


class _Page:
    def __init__(self, index: TimelineIndex, detail: Detail, notes: Notes | None = None) -> None:
        self.index = index
        self.detail = detail
        self.notes = notes
        self.names: dict[str, str] = {}
        self.links: dict[str, str] = {}
        self.sources: dict[tuple[str, bool], str] = {}

    def actor(self, actor_id: str) -> str:
        name = self.names.get(actor_id)
        if name is None:
            text = esc(one_line(self.index.actor_name(actor_id)))
            if actor_id in self.index.actors:
                name = f'<a href="#{esc(anchor("a", actor_id))}">{text}</a>'
            else:
                name = text
            self.names[actor_id] = name
        return name

    def entry_link(self, entry_id: str) -> str:
        link = self.links.get(entry_id)
        if link is None:
            link = self.links[entry_id] = self._entry_link(entry_id)
        return link

    def _entry_link(self, entry_id: str, width: int = 80) -> str:
        entry = self.index.entry(entry_id)
        if entry is None:
            return esc(entry_id)
        label: str = one_line(headline(self.index, entry))
        if len(label) > width:
            label = label[: width - 1].rstrip() + "…"
        return f'<a href="#{esc(anchor("e", entry_id))}">{esc(label)}</a>'

    def source(self, source_id: str, in_entry: bool = True) -> str:
        """A source, made once (see :meth:`_source`)."""
        key = (source_id, in_entry)
        shown = self.sources.get(key)
        if shown is None:
            shown = self.sources[key] = self._source(source_id, in_entry)
        return shown

    def _source(self, source_id: str, in_entry: bool) -> str:
        """A source: its title links to its URL when that is safe, else (within an entry) to
        the source's item in the Sources section; then publisher, date and the URL as text."""
        source = self.index.sources.get(source_id)
        if source is None:
            return esc(source_id)
        if in_entry and not safe_url(source.url):
            target = esc(anchor("s", source.id))
            title = f'<a href="#{target}">{esc(one_line(source.title))}</a>'
            if source.url:
                title += f' <span class="url">{esc(source.url)}</span>'
            parts = [title]
        else:
            parts = [link_html(source.url, one_line(source.title))]
        parts += [esc(one_line(p)) for p in source_parts(source)]
        if safe_url(source.url):  # the address itself too, for print and for copying
            parts.append(f'<span class="url">{esc(source.url or "")}</span>')
        return " · ".join(parts)

    def fact(self, fact: Fact) -> str:
        if fact.kind == "actor":
            return ", ".join(self.actor(v) for v in fact.values)
        if fact.kind == "entry":
            return ", ".join(self.entry_link(v) for v in fact.values)
        return ", ".join(esc(one_line(v)) for v in fact.values)

    def entry(self, entry: Entry) -> Iterator[str]:
        marked = self.notes is not None and self.notes.is_marked(entry.id)
        names = ("entry", entry.type, entry.kind_label, *(("marked",) if marked else ()))
        classes = " ".join(dict.fromkeys(names))
        yield f'<article class="{esc(classes)}" id="{esc(anchor("e", entry.id))}">'
        when = f'<time class="when" datetime="{esc(entry.date.text)}">'
        when += f"{esc(entry.date.display())}</time>"
        kind = f'<span class="kind">{esc(entry.kind_label)}</span>'
        if isinstance(entry, Statement):
            words = f"“{entry.text}”" if entry.kind == "quote" else entry.text
            who = self.actor(entry.speaker)
            yield f'<p class="head">{when}{kind}<span class="who">{who}</span></p>'
            yield f'<p class="words">{esc(words)}</p>'
        else:
            yield f'<p class="head">{when}{kind}<span class="who">{esc(entry.title)}</span></p>'
        yield from mine_html(self.notes, entry.id)
        facts = entry_facts(entry, self.detail)
        rows = [f for f in facts if f.kind not in ("block", "source")]
        if rows:
            yield "<dl>"
            for fact in rows:
                yield f"<dt>{esc(fact.label)}</dt><dd>{self.fact(fact)}</dd>"
            yield "</dl>"
        for fact in facts:
            if fact.kind == "block":
                label = "" if fact.label == "description" else f"{esc(fact.label)}: "
                for value in fact.values:
                    yield f'<p class="block">{label}{esc(value)}</p>'
        sources = [v for f in facts if f.kind == "source" for v in f.values]
        if sources:
            yield '<p class="meta">sources</p><ul class="sources">'
            for source_id in sources:
                yield f"<li>{self.source(source_id)}</li>"
            yield "</ul>"
        related = self.index.replies(entry.id)
        if isinstance(entry, Event):
            related = [*self.index.statements_at(entry.id), *related]
        if related:
            yield '<p class="meta">replies and statements</p><ul class="replies">'
            for other in related:
                yield f"<li>{esc(other.date.display())} {self.entry_link(other.id)}</li>"
            yield "</ul>"
        yield "</article>"

    def actor_section(self, actor: Actor) -> Iterator[str]:
        yield f'<article class="actor" id="{esc(anchor("a", actor.id))}">'
        yield f'<h3>{esc(one_line(actor.name))} <span class="kind">{esc(actor.kind)}</span></h3>'
        if actor.description:
            yield f'<p class="block">{esc(actor.description)}</p>'
        yield from mine_html(self.notes, actor.id)
        if actor.aliases:
            aliases = ", ".join(esc(one_line(a)) for a in actor.aliases)
            yield f'<p class="meta">also: {aliases}</p>'
        for fact in actor_facts(actor, self.detail):
            for value in fact.values:
                yield f'<p class="block">{esc(fact.label)}: {esc(value)}</p>'
        relations = self.index.relations(actor.id)
        if relations:
            yield '<ul class="links">'
            for rel in relations:
                arrow = "→" if rel.direction == "out" else "←"
                line = f"{arrow} {esc(one_line(rel.type))} {self.actor(rel.other)}"
                if rel.description:
                    line += f" — {esc(one_line(rel.description))}"
                yield f"<li>{line}</li>"
            yield "</ul>"
        positions = self.index.actor_entries(actor.id)
        if positions:
            yield f"<details><summary>{len(positions)} entries</summary><ul>"
            for pos in positions:
                other = self.index.entries[pos]
                yield f"<li>{esc(other.date.display())} {self.entry_link(other.id)}</li>"
            yield "</ul></details>"
        yield "</article>"


def _section(section_id: str, heading: str, lines: Iterable[str]) -> Iterator[str]:
    """A ``<section>`` of the page with its heading and body lines."""
    yield f'<section id="{section_id}">'
    yield f"<h2>{heading}</h2>"
    yield from lines
    yield "</section>"


def html_lines(
    index: TimelineIndex,
    positions: Sequence[int],
    flt: Filter,
    detail: Detail = DEFAULT_DETAIL,
    notes: Notes | None = None,
) -> Iterator[str]:
    """The page, streamed line by line (arguments as for :func:`.formats.format_lines`).

    The filter is described under the title; ``full`` detail shows descriptions, notes, sources
    and ids, ``brief`` leaves them out; ``notes`` are shown with each entry and actor.
    """
    from ..plain import summary_line

    page = _Page(index, detail, notes)
    title = esc(one_line(index.title))
    lang = index.dataset.language or ""
    yield "<!DOCTYPE html>"
    yield f'<html lang="{esc(lang)}">' if lang else "<html>"
    yield "<head>"
    yield '<meta charset="utf-8">'
    yield '<meta name="viewport" content="width=device-width, initial-scale=1">'
    yield f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
    yield f"<title>{title}</title>"
    style = f"{STYLE}\n{MINE_STYLE}" if notes is not None else STYLE
    yield f"<style>\n{style}\n</style>"
    yield "</head>"
    yield "<body>"
    yield "<header>"
    yield f"<h1>{title}</h1>"
    yield f'<p class="summary">{esc(summary_line(index, len(positions), flt))}</p>'
    yield '<nav><a href="#timeline">Timeline</a> · <a href="#actors">Actors</a> · '
    yield '<a href="#sources">Sources</a></nav>'
    yield '<div id="tools" hidden><input id="q" type="search" placeholder="Search" '
    yield 'aria-label="Search"><select id="kind" aria-label="Kind">'
    yield '<option value="">all kinds</option><option value="event">events</option>'
    yield '<option value="quote">quotes</option><option value="paraphrase">paraphrases</option>'
    yield '</select><span id="count" class="meta"></span></div>'
    yield "</header>"
    yield '<main id="timeline">'
    group = None
    actor_ids: dict[str, None] = {}
    source_ids: dict[str, None] = {}
    titles = index.headings()
    for pos in positions:
        entry = index.entries[pos]
        if titles[pos] != group:
            if group is not None:
                yield "</section>"
            group = titles[pos]
            yield '<section class="day">'
            yield f"<h2>{esc(group)}</h2>"
        actor_ids.update(dict.fromkeys(index.entry_actors(entry)))
        source_ids.update(dict.fromkeys(entry.sources))
        yield from page.entry(entry)
    if group is not None:
        yield "</section>"
    yield "</main>"
    actors = (page.actor_section(a) for a in index.dataset.actors if a.id in actor_ids)
    yield from _section("actors", "Actors", (line for lines in actors for line in lines))
    sources = (
        f'<li id="{esc(anchor("s", source.id))}">{page.source(source.id, False)}</li>'
        for source in index.dataset.sources
        if source.id in source_ids
    )
    yield from _section("sources", "Sources", ("<ul>", *sources, "</ul>"))
    yield f"<script>\n{SCRIPT}\n</script>"
    yield "</body>"
    yield "</html>"
