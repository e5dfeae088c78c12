"""Citations and web links for entries: what a fact-checker copies, and what may become a link.

Pure Python (Rich only for the link style), no Textual. Two jobs:

- :func:`check_url` decides whether a source's URL is a web address the app may turn into a
  terminal hyperlink (OSC 8) or open in a browser: ``http`` or ``https`` with a valid host, no
  user name or password before the host (``https://bank.example@evil.example/`` reads as the
  bank but goes elsewhere), and no space, backslash, control, bidi or invisible character. Every
  other URL stays text, shown through :mod:`.safetext`.
- :func:`citation` writes an entry as plain text: who said it (or the event's title), the words,
  the place, the date at the precision it was written with, and each source with its title,
  publisher, date and URL. Every piece of data in it has passed :func:`.safetext.one_line`, so
  a citation never carries a control character.
"""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass
from urllib.parse import quote, urlsplit

from rich.style import Style

from .index import TimelineIndex
from .model import Entry, Event, PartialDate, Source, Statement
from .safetext import Visible, is_unsafe, one_line

MAX_LINK_LENGTH = 2048
"""Longer URLs are shown as text only: terminals drop hyperlinks past about this length."""

WEB_SCHEMES = ("http", "https")

# Printable ASCII that may stay as it is in a link target (RFC 3986 reserved and unreserved
# characters, and % for escapes already written); anything else is percent-encoded.
_SAFE_IN_TARGET = "!#$%&'()*+,/:;=?@[]~-._"
_HOST_LABEL = re.compile(r"[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?")


@dataclass(frozen=True, slots=True)
class WebUrl:
    """A URL that passed :func:`check_url`; only this type can become a link.

    Attributes:
        text: The URL as written in the data (it holds nothing that needs escaping).
        target: The same address in ASCII, for the terminal hyperlink and the browser: the host
            in its IDNA form (``xn--...``), other characters percent-encoded.
        host: The host as written, in lower case.
        ascii_host: The host in ASCII (equal to ``host`` unless it is an international name).
    """

    text: Visible
    target: str
    host: str
    ascii_host: str

    @property
    def international(self) -> bool:
        """Whether the host is an international name, which can imitate another host."""
        return self.host != self.ascii_host


def _ascii_host(host: str) -> str | None:
    """The host in ASCII, or None when it is not a valid name or IP address."""
    if not host:
        return None
    if ":" in host:  # urlsplit gives an IPv6 address without its brackets
        try:
            return f"[{ipaddress.IPv6Address(host).compressed}]"
        except ValueError:
            return None
    try:
        ascii_host = host.encode("idna").decode("ascii").lower()
    except UnicodeError:
        return None
    labels = ascii_host.removesuffix(".").split(".")
    if len(ascii_host) > 253 or not all(_HOST_LABEL.fullmatch(label) for label in labels):
        return None
    return ascii_host


def check_url(raw: str | None) -> WebUrl | str:
    """A web address the app may link to, or the reason it may not (a short phrase).

    Args:
        raw: The URL as written in the data (surrounding whitespace is ignored).

    Returns:
        A :class:`WebUrl`, or a phrase such as ``"not an http or https address"``.
    """
    if not raw or not raw.strip():
        return "empty"
    text = raw.strip()
    for char in text:
        if is_unsafe(char):
            return "holds a control or invisible character"
        if char.isspace():  # a space, tab, newline or no-break space
            return "holds a space"
        if not char.isprintable():
            return "holds a control or invisible character"
        if char == "\\":
            return "holds a backslash"
    scheme, _, rest = text.partition(":")
    if scheme.lower() not in WEB_SCHEMES:
        return "not an http or https address"
    if not rest.startswith("//"):
        return "has no host"
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError:
        return "has an invalid host or port"
    if "@" in parts.netloc:
        return "has a user name or password before the host"
    host = parts.hostname or ""
    ascii_host = _ascii_host(host)
    if ascii_host is None:
        return "has no valid host" if host else "has no host"
    after_netloc = text[len(scheme) + 3 + len(parts.netloc) :]
    netloc = ascii_host if port is None else f"{ascii_host}:{port}"
    target = f"{scheme.lower()}://{netloc}{quote(after_netloc, safe=_SAFE_IN_TARGET)}"
    if len(target) > MAX_LINK_LENGTH:
        return f"longer than {MAX_LINK_LENGTH} characters"
    shown_host = f"[{host}]" if ":" in host else host
    return WebUrl(Visible(text), target, shown_host, ascii_host)


def web_url(raw: str | None) -> WebUrl | None:
    """The validated web address of ``raw``, or None when it must stay text (see
    :func:`check_url`)."""
    checked = check_url(raw)
    return checked if isinstance(checked, WebUrl) else None


def link_style(url: WebUrl) -> Style:
    """A Rich style that makes text a terminal hyperlink (OSC 8) to a validated address.

    Raises:
        TypeError: when given anything but a :class:`WebUrl` (a plain string never becomes a
            link).
    """
    if not isinstance(url, WebUrl):
        raise TypeError("only a WebUrl from check_url can become a link")
    return Style(link=url.target)


def entry_sources(index: TimelineIndex, entry: Entry) -> list[Source]:
    """The entry's sources that the index knows, in the order written."""
    return [index.sources[s] for s in entry.sources if s in index.sources]


def web_links(index: TimelineIndex, entry: Entry) -> list[tuple[int, Source, WebUrl]]:
    """Each source of the entry with a valid web address: (its number from 1, source, URL)."""
    found = []
    for number, source in enumerate(entry_sources(index, entry), 1):
        url = web_url(source.url)
        if url is not None:
            found.append((number, source, url))
    return found


def date_text(date: PartialDate, end: PartialDate | None = None) -> str:
    """A date at the precision it was written with (``2025-09`` stays a month), or a span."""
    shown = date.display()
    return f"{shown} → {end.display()}" if end is not None else shown


def source_text(source: Source) -> Visible:
    """A source on one line: ``Title — Publisher, 2025-09-01`` (without its URL)."""
    text = one_line(source.title)
    if source.publisher:
        text = Visible(f"{text} — {one_line(source.publisher)}")
    if source.date is not None:
        text = Visible(f"{text}, {source.date.display()}")
    return text


def url_text(raw: str) -> Visible:
    """A URL for plain text: as written when valid, otherwise with every unsafe character shown
    as an escape (``\\x1b``)."""
    url = web_url(raw)
    return url.text if url is not None else one_line(raw)


def _headline(index: TimelineIndex, entry: Entry) -> str:
    """The first line of a citation: who and what, where and when."""
    where = [one_line(entry.place)] if entry.place else []
    if isinstance(entry, Statement):
        who: str = one_line(index.actor_name(entry.speaker))
        if entry.on_behalf_of:
            who += f" (on behalf of {one_line(index.actor_name(entry.on_behalf_of))})"
        words = one_line(entry.text)
        said = f"“{words}”" if entry.kind == "quote" else f"(paraphrase) {words}"
        return f"{who}: {said} ({', '.join([*where, date_text(entry.date)])})"
    assert isinstance(entry, Event)
    return f"{one_line(entry.title)} ({', '.join([*where, date_text(entry.date, entry.end)])})"


def citation(index: TimelineIndex, entry: Entry) -> str:
    """An entry as a plain-text citation, one line for the entry and one for each source.

    A statement: ``Speaker (on behalf of Org): “words” (place, date)``; a paraphrase is marked
    ``(paraphrase)`` instead of quoted. An event: ``Title (place, date → end)``. Then
    ``Source: Title — Publisher, date — URL`` for each source (``Source 1:``, ``Source 2:``...
    when there are several), or ``Source: none listed``. Dates keep their written precision.

    Args:
        index: The timeline, to resolve actor names and sources.
        entry: The statement or event to cite.
    """
    lines = [_headline(index, entry)]
    sources = entry_sources(index, entry)
    for number, source in enumerate(sources, 1):
        label = f"Source {number}" if len(sources) > 1 else "Source"
        parts = [source_text(source), *([url_text(source.url)] if source.url else [])]
        lines.append(f"{label}: {' — '.join(parts)}")
    if not sources:
        lines.append("Source: none listed")
    return "\n".join(lines)
