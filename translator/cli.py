"""Command line entry points: ``translator`` (the window when no command is given, or ``run``,
``devices``, ``serve``, ``demo``, ``gui``, ``sessions``, ``export``) and ``translator-gui``."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import NoReturn

from translator import __version__


class _Parser(argparse.ArgumentParser):
    """Usage errors end with the one-line form scripts look for, and exit 2."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"translator: error: {message}; see '{self.prog} --help'\n")


def build_parser() -> argparse.ArgumentParser:
    from translator import demo, run
    from translator.gui import app as gui_app
    from translator.server import cli as server_cli
    from translator.transcript import cli as transcript_cli

    parser = _Parser(
        prog="translator",
        description="A live speech interpreter on OpenAI Realtime. Without a command, opens the "
        "window (as 'translator gui').",
    )
    parser.add_argument("--version", action="version", version=f"translator {__version__}")
    sub = parser.add_subparsers(
        dest="command", required=True, metavar="COMMAND", parser_class=_Parser
    )
    run_parser = sub.add_parser(
        "run",
        help="interpret from the command line: devices or WAV files",
        description="Interpret speech between two languages from devices or WAV files.",
        epilog=run.EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    run.add_arguments(run_parser)
    run_parser.set_defaults(func=run.run)
    devices_parser = sub.add_parser("devices", help="list audio devices for --input/--output")
    run.add_devices_arguments(devices_parser)
    devices_parser.set_defaults(func=run.devices)
    serve = sub.add_parser(
        "serve",
        help="run the local Realtime-compatible server (for the demo and the tests)",
        description="Run the local Realtime-compatible server. Prints its ws://…/v1 URL first.",
    )
    server_cli.add_arguments(serve)
    serve.set_defaults(func=server_cli.run)
    demo_parser = sub.add_parser(
        "demo",
        help="interpret a synthetic speaker through the local server (no key, no network)",
        description=demo.__doc__.splitlines()[0] if demo.__doc__ else None,
    )
    demo.add_arguments(demo_parser)
    demo_parser.set_defaults(func=demo.run)
    gui_parser = sub.add_parser(
        "gui",
        help="open the window (demo mode against the local server when no key is configured)",
        description="Open the Translator window.",
    )
    gui_app.add_arguments(gui_parser)
    gui_parser.set_defaults(func=gui_app.run)
    sessions_parser = sub.add_parser(
        "sessions",
        help="list, search, rename and delete past sessions",
        description="Past sessions, newest first (unfinished ones included).",
        epilog=transcript_cli.SESSIONS_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    transcript_cli.add_sessions_arguments(sessions_parser)
    sessions_parser.set_defaults(func=transcript_cli.sessions)
    export_parser = sub.add_parser(
        "export",
        help="export a session: txt, md, json, csv, srt, vtt, docx",
        description="Export a session's transcript.",
        epilog=transcript_cli.EXPORT_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    transcript_cli.add_export_arguments(export_parser)
    export_parser.set_defaults(func=transcript_cli.export)
    return parser


# Options of ``gui`` accepted without the command: ``translator --demo --quit-after 3`` is the
# frozen app's smoke form, and a desktop launcher passes no arguments at all.
_GUI_OPTIONS = ("--demo", "--quit-after")


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    argv = sys.argv[1:] if argv is None else argv
    if not argv or argv[0].split("=")[0] in _GUI_OPTIONS:
        argv = ["gui", *argv]
    args = parser.parse_args(argv)
    func: Callable[[argparse.Namespace], int] = args.func
    return func(args)


def gui_main() -> int:
    """``translator-gui``: the window, whatever the arguments start with."""
    return main(["gui", *sys.argv[1:]])


if __name__ == "__main__":
    sys.exit(main())
