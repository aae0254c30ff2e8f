"""Command line entry point: ``translator serve`` (local Realtime server), ``translator demo``."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

from translator import __version__


def build_parser() -> argparse.ArgumentParser:
    from translator import demo
    from translator.server import cli as server_cli

    parser = argparse.ArgumentParser(
        prog="translator", description="A live speech interpreter on OpenAI Realtime."
    )
    parser.add_argument("--version", action="version", version=f"translator {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
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
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    func: Callable[[argparse.Namespace], int] = args.func
    return func(args)


if __name__ == "__main__":
    sys.exit(main())
