"""The ``timeline`` command: the TUI, ``--print`` the timeline, ``--check`` files, or ``serve``.

Exit codes: 0 success, 1 the data has errors, 2 a usage problem (bad option, no terminal).
Textual is imported only when the interactive view is opened, so ``--print`` and ``--check`` start
fast.
"""

from __future__ import annotations

import argparse
import codecs
import contextlib
import dataclasses
import itertools
import os
import sys
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, TextIO

from . import __version__, session
from .collector import start_up_done
from .export.fields import DEFAULT_DETAIL, DETAILS, Detail
from .export.formats import FORMATS
from .filtering import FilterError, actor_matcher, resolve_actors, to_before_from
from .index import Filter, TimelineIndex
from .limits import MAX_SIZE_MIB
from .loader import DEFAULT_MAX_BYTES, LoadError, bundled_events_path, load_index
from .model import DateError, PartialDate
from .safetext import escaped, visible
from .sidecar import Notes, Sidecar

if TYPE_CHECKING:
    from _typeshed import SupportsWrite

    from .plain import StyledLine

EXIT_OK, EXIT_DATA, EXIT_USAGE = 0, 1, 2


class SafeArgumentParser(argparse.ArgumentParser):
    """An ArgumentParser whose every message (usage, errors, help) passes the text gate.

    argparse echoes what was typed (``--search $'\\e[2J'``, an unknown option, a bad value):
    those echoes reach the terminal made visible. Lines stay lines; nothing else is changed.
    """

    def _print_message(self, message: str, file: SupportsWrite[str] | None = None) -> None:
        if message:
            super()._print_message(visible(message), file)


def max_size(value: str) -> float:
    """``--max-size``: a number of MiB, more than 0 and at most :data:`MAX_SIZE_MIB`."""
    try:
        mib = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{escaped(value)}' is not a number of MiB") from None
    if not 0 < mib <= MAX_SIZE_MIB:  # also refuses nan
        raise argparse.ArgumentTypeError(
            f"'{escaped(value)}': give a size above 0 and at most {MAX_SIZE_MIB} (MiB)"
        )
    return mib


def error(message: str) -> None:
    """Write a diagnostic to standard error; never to standard output, even when stderr is
    closed (then it is dropped)."""
    stream = sys.stderr
    if stream is None:
        return
    try:
        stream.write(message + "\n")
        stream.flush()
    except (OSError, ValueError):
        pass


def build_parser() -> argparse.ArgumentParser:
    """The command-line interface."""
    parser = SafeArgumentParser(
        prog="timeline",
        description="Explore who did and said what, and when. With no FILE, opens the bundled "
        "story. Several files merge into one timeline; '-' reads YAML from standard input.",
        epilog="'timeline serve [FILE ...] [--host HOST] [--port PORT]' serves the interactive "
        "view to a web browser (see 'timeline serve --help').",
    )
    parser.add_argument("files", nargs="*", metavar="FILE", help="timeline YAML files")
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--print", action="store_true", help="write the timeline as plain text")
    mode.add_argument("--check", action="store_true", help="validate the files and report errors")
    _add_export_options(parser)
    parser.add_argument(
        "--actor",
        action="append",
        default=[],
        metavar="ACTOR",
        help="keep entries involving ACTOR (an id, name or alias; repeat for any of several)",
    )
    parser.add_argument(
        "--kind",
        dest="entry_type",
        choices=("event", "statement"),
        help="keep only this type of entry",
    )
    parser.add_argument("--from", dest="date_from", metavar="DATE", help="from DATE (inclusive)")
    parser.add_argument("--to", dest="date_to", metavar="DATE", help="to DATE (inclusive)")
    parser.add_argument("--search", metavar="TEXT", help="keep entries containing TEXT")
    parser.add_argument(
        "--marked",
        action="store_true",
        help="keep only the entries you marked (m in the TUI; kept in FILE.notes.yaml)",
    )
    parser.add_argument(
        "--tag",
        metavar="TAG",
        help="keep entries with this tag: the data's own or yours (# in the TUI; case and "
        "accents ignored)",
    )
    parser.add_argument(
        "--max-size",
        type=max_size,
        default=DEFAULT_MAX_BYTES / 1_048_576,
        metavar="MIB",
        help=f"refuse files larger than this (default %(default).0f MiB, at most {MAX_SIZE_MIB})",
    )
    parser.add_argument("--no-cache", action="store_true", help="do not read or write the cache")
    parser.add_argument(
        "--no-watch",
        action="store_true",
        help="in the TUI, do not reload the files when they change on disk",
    )
    parser.add_argument("--version", action="version", version=f"timeline-explorer {__version__}")
    return parser


def _add_export_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--format",
        choices=FORMATS,
        default="text",
        help="--print format: text, markdown, json (versioned, see docs/json.md), html (one "
        "self-contained page) or timelinejs (TimelineJS 3 JSON); default %(default)s",
    )
    parser.add_argument(
        "--detail",
        choices=DETAILS,
        default=DEFAULT_DETAIL.value,
        help="--print detail: brief (one line of facts per entry) or full (also descriptions, "
        "notes, sources and ids); default %(default)s",
    )


def _date_option(
    parser: argparse.ArgumentParser, name: str, value: str | None
) -> PartialDate | None:
    if value is None:
        return None
    try:
        return PartialDate.parse(value)
    except DateError as exc:
        parser.error(f"{name}: {escaped(str(exc))}")
    return None  # pragma: no cover - parser.error exits


def make_filter(parser: argparse.ArgumentParser, args: argparse.Namespace) -> Filter:
    """The Filter described by the options (dates checked; actors are resolved after loading)."""
    low = _date_option(parser, "--from", args.date_from)
    high = _date_option(parser, "--to", args.date_to)
    if to_before_from(low, high):
        assert low is not None and high is not None
        parser.error(f"--to {high.display()} is before --from {low.display()}")
    tag = args.tag.strip() if args.tag else None
    marked = frozenset[str]() if args.marked else None  # filled in from the sidecar
    search = args.search or None
    return Filter(tuple(args.actor), args.entry_type, low, high, search, marked, tag or None)


def resolve_filter_actors(index: TimelineIndex, flt: Filter) -> Filter:
    """The filter with each ``--actor`` (an id, name or alias) replaced by the actor's id.

    Raises:
        FilterError: an ``--actor`` names no actor, or several (the message lists them).
    """
    if not flt.actors:
        return flt
    return dataclasses.replace(flt, actors=resolve_actors(actor_matcher(index), flt.actors))


def with_notes(flt: Filter, notes: Notes) -> Filter:
    """The filter with the user's marked entries (when ``--marked``) and the entries they gave
    the ``--tag`` filled in from the sidecar's notes."""
    if flt.marked is not None:
        flt = dataclasses.replace(flt, marked=frozenset(notes.marked))
    if flt.tag:
        flt = dataclasses.replace(flt, tagged=notes.tagged(flt.tag))
    return flt


def _write_lines(lines: Iterable[str], out: TextIO) -> None:
    """Write lines in batches (fewer system calls; a pipe still sees output early)."""
    batch: list[str] = []
    for line in lines:
        batch.append(line)
        if len(batch) >= 512:
            batch.append("")
            out.write("\n".join(batch))
            batch = []
    if batch:
        batch.append("")
        out.write("\n".join(batch))


def _write_styled(lines: Iterable[StyledLine], out: TextIO, colour: bool) -> None:
    if not colour:
        _write_lines(("".join(text for text, _ in line) for line in lines), out)
        return
    from rich.console import Console
    from rich.text import Text

    console = Console(file=out, force_terminal=True, soft_wrap=True, highlight=False, emoji=False)
    for line in lines:
        console.print(Text.assemble(*line))


def _use_colour(out: TextIO) -> bool:
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("TERM") == "dumb":
        return False
    try:
        return out.isatty()
    except (AttributeError, ValueError):
        return False


def print_timeline(
    index: TimelineIndex,
    flt: Filter,
    fmt: str,
    out: TextIO,
    detail: Detail = DEFAULT_DETAIL,
    notes: Notes | None = None,
) -> None:
    """Write the filtered timeline to ``out`` in one of FORMATS, at ``detail``, with the user's
    marks, tags and notes on what is printed when ``notes`` has any: after the timeline (text,
    Markdown, JSON) or with each entry (HTML, TimelineJS)."""
    from . import user_notes  # the renderers: imported by --print only, not by the TUI
    from .export.formats import format_lines
    from .plain import text_lines

    positions = index.select(flt)
    if fmt == "text":
        styled: Iterable[StyledLine] = text_lines(index, positions, flt, detail)
        if notes is not None and not notes.empty:
            extra = user_notes.text_section(index, positions, notes)
            styled = itertools.chain(styled, ([(line, "")] for line in extra))
        _write_styled(styled, out, _use_colour(out))
        return
    mine = notes if notes is not None and not notes.empty else None
    lines: Iterable[str] = format_lines(fmt, index, positions, flt, detail, mine)
    if notes is not None and not notes.empty:
        if fmt == "markdown":
            lines = itertools.chain(lines, user_notes.markdown_section(index, positions, notes))
        elif fmt == "json":
            member = user_notes.json_member(index, positions, notes)
            lines = user_notes.with_json_member(lines, member)
    _write_lines(lines, out)


def load_notes(paths: Sequence[str]) -> Notes:
    """The user's marks and notes on the data (empty when there is no sidecar).

    Raises:
        LoadError: the sidecar is broken (its place in the message).
    """
    if not paths or paths == ["-"]:
        return Notes()
    return Sidecar(paths).load()


TTY = "/dev/tty"
"""Where the keys come from when the data comes from standard input (as ``less`` does)."""


def _terminal_problem(keys_from_tty: bool = False) -> str | None:
    term = os.environ.get("TERM", "")
    if not term:
        return "TERM is not set"
    if term == "dumb":
        return "TERM=dumb cannot show it"
    if keys_from_tty:
        try:
            os.close(os.open(TTY, os.O_RDWR | os.O_NOCTTY))
        except OSError:
            return f"no terminal ({TTY}) to read keys from"
    elif sys.stdin is None or not sys.stdin.isatty():
        return "standard input is not a terminal"
    if sys.stdout is None or not sys.stdout.isatty():
        return "standard output is not a terminal"
    return None


def _keys_from_terminal() -> str | None:
    """Once the data was read from standard input, read the keys from the terminal instead:
    the terminal becomes standard input (file descriptor 0). Returns a problem, or None."""
    try:
        fd = os.open(TTY, os.O_RDWR | os.O_NOCTTY)
    except OSError as exc:
        return f"cannot open {TTY}: {exc.strerror or exc}"
    try:
        os.dup2(fd, 0)
    except OSError as exc:
        return f"cannot read keys from {TTY}: {exc.strerror or exc}"
    finally:
        os.close(fd)
    return None


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command; returns the exit code. Ctrl-C ends it quietly (exit code 130)."""
    try:
        return _main(argv)
    except KeyboardInterrupt:
        return 130


def _serve(argv: Sequence[str]) -> int:
    from .serve import serve_main

    return serve_main(argv)


def _main(argv: Sequence[str] | None) -> int:
    words = list(sys.argv[1:] if argv is None else argv)
    if words[:1] == ["serve"]:
        start_up_done()
        return _serve(words[1:])
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.print or args.check:
        start_up_done()  # the interactive view ends it after its first paint
    paths: list[str] = list(args.files) or [str(bundled_events_path())]
    if paths.count("-") > 1:
        parser.error("'-' (standard input) can be given once")
    max_bytes = int(args.max_size * 1_048_576)
    flt = make_filter(parser, args)
    interactive = not (args.print or args.check)
    if interactive:
        problem = _terminal_problem(keys_from_tty="-" in paths)
        if problem:
            error(
                f"timeline: the interactive view needs a terminal ({problem}); "
                "use --print for plain text, e.g. timeline --print | less"
            )
            return EXIT_USAGE
    if "-" in paths and sys.stdin is None:
        error("timeline: error: '-' reads standard input, which is closed")
        return EXIT_USAGE
    try:
        if interactive and "-" not in paths and not session.load_before_ui(paths):
            if flt.marked is not None:  # a broken sidecar: reported below, nothing to keep
                flt = with_notes(flt, load_notes(paths))
            elif flt.tag:  # a broken sidecar: the data's own tags still count (the TUI says)
                with contextlib.suppress(LoadError):
                    flt = with_notes(flt, load_notes(paths))
            return _run_tui(None, paths, flt, max_bytes, not args.no_cache, not args.no_watch)
        index = load_index(paths, max_bytes=max_bytes, use_cache=not args.no_cache)
    except LoadError as failure:
        error(failure.report())
        return EXIT_DATA
    if args.check:
        error(
            f"{', '.join(escaped(p) for p in index.dataset.files)}: ok, "
            f"{len(index.entries)} entries, {len(index.actors)} actors"
        )
        return EXIT_OK
    try:
        flt = resolve_filter_actors(index, flt)
    except FilterError as problem:
        error(f"timeline: error: --actor: {problem}")
        return EXIT_USAGE
    try:
        notes = load_notes(paths)
    except LoadError as failure:
        error(failure.report())
        if args.marked:
            return EXIT_DATA
        notes = Notes()
    flt = with_notes(flt, notes)
    if interactive:
        if "-" in paths:  # the data is read: the keys come from the terminal, as in less
            no_keys = _keys_from_terminal()
            if no_keys:
                error(f"timeline: the interactive view needs a terminal ({no_keys})")
                return EXIT_USAGE
        watch = not args.no_watch and "-" not in paths  # standard input cannot be read again
        return _run_tui(index, paths, flt, max_bytes, not args.no_cache, watch)
    return _print_safely(index, flt, args.format, Detail(args.detail), notes)


def _print_safely(
    index: TimelineIndex,
    flt: Filter,
    fmt: str,
    detail: Detail = DEFAULT_DETAIL,
    notes: Notes | None = None,
) -> int:
    if sys.stdout is None:  # started with stdout closed
        error("timeline: standard output is closed; nothing printed")
        return EXIT_DATA
    _replace_unencodable(sys.stdout, json=fmt == "json")
    try:
        print_timeline(index, flt, fmt, sys.stdout, detail, notes)
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader went away (e.g. `| head`): stop quietly.
        _silence_stdout()
        return EXIT_OK
    except OSError as exc:  # e.g. EBADF, ENOSPC: say it in one line
        _silence_stdout()
        error(f"timeline: cannot write the output: {exc.strerror}")
        return EXIT_DATA
    return EXIT_OK


def _json_escape_error(error: UnicodeError) -> tuple[str, int]:
    """A codec error handler writing unencodable characters as JSON ``\\uXXXX`` escapes."""
    if not isinstance(error, UnicodeEncodeError):
        raise error
    pieces = []
    for char in error.object[error.start : error.end]:
        code = ord(char)
        if code > 0xFFFF:
            code -= 0x10000
            pieces.append(f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}")
        else:
            pieces.append(f"\\u{code:04x}")
    return "".join(pieces), error.end


codecs.register_error("timeline-json-escape", _json_escape_error)


def _replace_unencodable(stream: TextIO, json: bool) -> None:
    """Write what the output's encoding cannot hold as an escape (e.g. ``PYTHONIOENCODING=ascii``
    or a C locale): ``\\xe8``, ``\\u2014`` in text, JSON's ``\\u00e8`` in JSON (valid there, as
    non-ASCII characters appear in JSON only inside strings). Everything is printed; nothing
    raises."""
    reconfigure = getattr(stream, "reconfigure", None)
    if reconfigure is not None:
        with contextlib.suppress(OSError, ValueError):
            reconfigure(errors="timeline-json-escape" if json else "backslashreplace")


def _silence_stdout() -> None:
    """Point stdout at /dev/null so Python's final flush does not complain again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def _run_tui(
    index: TimelineIndex | None,
    paths: Sequence[str],
    flt: Filter,
    max_bytes: int,
    use_cache: bool,
    watch: bool = True,
) -> int:
    from .tui.app import TimelineApp

    app = TimelineApp(
        index=index,
        paths=paths,
        initial_filter=flt,
        max_bytes=max_bytes,
        use_cache=use_cache,
        watch=watch,
        keep_settings=True,
    )
    app.run()
    session.leave_now_if_loading(app.loader, app.return_code or EXIT_OK)
    session.leave_now_if_loading(app.live, app.return_code or EXIT_OK)
    if app.load_error is not None:
        error(app.load_error.report())
        return EXIT_DATA
    return app.return_code or EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
