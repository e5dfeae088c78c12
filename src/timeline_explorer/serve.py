"""``timeline serve``: the same interactive app, served to a web browser with textual-serve.

The server checks the files once (a bad file is reported before anything is served), then starts
one app process per browser tab: ``python -m timeline_explorer.serve --app FILE...``, which runs
the app on the web driver textual-serve sets up. There is no authentication: by default the server
binds to 127.0.0.1 only, and binding any other address prints a warning. Ctrl-C stops it.
"""

from __future__ import annotations

import argparse
import ipaddress
import shlex
import sys
from collections.abc import Sequence
from pathlib import Path

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000


def build_parser() -> argparse.ArgumentParser:
    """The ``timeline serve`` command line."""
    parser = argparse.ArgumentParser(
        prog="timeline serve",
        description="Serve the interactive timeline to a web browser (one app per browser tab). "
        "With no FILE, serves the bundled story.",
    )
    parser.add_argument("files", nargs="*", metavar="FILE", help="timeline YAML files")
    parser.add_argument(
        "--host",
        default=DEFAULT_HOST,
        help="address to listen on (default %(default)s: this computer only; there is no "
        "authentication, anyone who can reach another address can use the app)",
    )
    parser.add_argument(
        "--port", type=int, default=DEFAULT_PORT, help="port to listen on (default %(default)s)"
    )
    parser.add_argument("--no-cache", action="store_true", help="do not read or write the cache")
    return parser


def is_loopback(host: str) -> bool:
    """True when ``host`` is ``localhost`` or a loopback address."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def app_command(paths: Sequence[str], use_cache: bool) -> str:
    """The shell command textual-serve runs for each browser tab."""
    words = [sys.executable, "-m", "timeline_explorer.serve", "--app"]
    if not use_cache:
        words.append("--no-cache")
    words += ["--", *paths]
    return shlex.join(words)


def serve_main(argv: Sequence[str]) -> int:
    """Run ``timeline serve``; returns the exit code (0 after Ctrl-C, 1 bad data, 2 usage)."""
    from .loader import LoadError, bundled_events_path, load_index

    parser = build_parser()
    args = parser.parse_args(argv)
    if "-" in args.files:
        parser.error("'-' (standard input) cannot be served; give a file")
    if not 0 < args.port < 65536:
        parser.error(f"--port {args.port}: a port is between 1 and 65535")
    paths = [str(Path(p).resolve()) for p in args.files] or [str(bundled_events_path())]
    try:
        load_index(paths, use_cache=not args.no_cache)
    except LoadError as error:
        print(error.report(), file=sys.stderr)
        return 1
    try:
        from textual_serve.server import Server
    except ImportError:
        print(
            "timeline: serve needs the textual-serve package: pip install textual-serve",
            file=sys.stderr,
        )
        return 2
    if not is_loopback(args.host):
        print(
            f"timeline: warning: serving on {args.host}: there is no authentication; anyone "
            "who can reach this address and port can use the app and read the timeline",
            file=sys.stderr,
        )
    host = f"[{args.host}]" if ":" in args.host else args.host
    server = Server(
        app_command(paths, not args.no_cache),
        host=args.host,
        port=args.port,
        title="timeline",
        public_url=f"http://{host}:{args.port}",
    )
    try:
        server.serve()
    except KeyboardInterrupt:
        pass
    except OSError as exc:
        print(f"timeline: cannot serve on {args.host}:{args.port}: {exc.strerror}", file=sys.stderr)
        return 2
    return 0


def app_main(argv: Sequence[str]) -> int:
    """The app process of one browser tab: the interactive view of the files, without the
    terminal checks (textual-serve's web driver is its terminal)."""
    from .loader import DEFAULT_MAX_BYTES
    from .tui.app import TimelineApp

    use_cache = "--no-cache" not in argv
    paths = list(argv[argv.index("--") + 1 :]) if "--" in argv else []
    app = TimelineApp(paths=paths, max_bytes=DEFAULT_MAX_BYTES, use_cache=use_cache)
    app.run()
    return app.return_code or 0


if __name__ == "__main__":  # pragma: no cover - run by textual-serve
    if sys.argv[1:2] == ["--app"]:
        sys.exit(app_main(sys.argv[2:]))
    sys.exit(serve_main(sys.argv[1:]))
