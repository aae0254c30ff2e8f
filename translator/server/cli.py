"""``translator serve``: the local Realtime-compatible server from the command line.

Prints the server's ``ws://HOST:PORT/v1`` URL as the first line of stdout (flushed, so a parent
process can read it), then serves until SIGINT or SIGTERM. Every dialect is served on its real
path (see :data:`PATHS`).
"""

from __future__ import annotations

import argparse
import asyncio
import datetime
import signal
import sys

from translator.catalog import load_catalog
from translator.server.faults import FAULT_HELP, Fault, FaultSpecError
from translator.server.options import ServerOptions

PATHS = (
    "Paths served: /v1/realtime?model=M (GA, Bearer key); "
    "/v1/realtime/translations?model=gpt-realtime-translate (translate, Bearer key); "
    "/openai/v1/realtime?model=DEPLOYMENT (Azure GA; api-key header or Bearer Entra token); "
    "/openai/realtime?api-version=2025-04-01-preview&deployment=DEPLOYMENT (Azure preview, "
    "beta dialect). Any deployment serves gpt-realtime-2.1-mini on the GA path and "
    "gpt-4o-mini-realtime-preview-2024-12-17 on the preview path unless --deployment maps it. "
    "GET /v1/models and /v1/models/MODEL (Bearer key) list the models with their shutdown_date. "
    "WebRTC calls: POST PREFIX/client_secrets (an ek_ key), PREFIX/calls (the SDP offer: raw "
    "with an ek_ key, or a multipart form sdp+session with a standard key) and "
    "PREFIX/calls/ID/hangup, for PREFIX /v1/realtime, /v1/realtime/translations and "
    "/openai/v1/realtime."
)


def _fault(text: str) -> Fault:
    try:
        return Fault.parse(text)
    except FaultSpecError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _deployment(text: str) -> tuple[str, str]:
    name, _, model = text.partition("=")
    name, model = name.strip(), model.strip()
    if not name or not model:
        raise argparse.ArgumentTypeError(f"expected NAME=MODEL, got {text!r}")
    info = load_catalog().model(model)
    if info is None or info.dialect == "translate":
        known = ", ".join(m for m, i in load_catalog().models.items() if i.dialect != "translate")
        raise argparse.ArgumentTypeError(f"unknown realtime model {model!r}; known: {known}")
    return name, model


def _shutdown_date(text: str) -> tuple[str, str]:
    model, _, day = text.partition("=")
    model, day = model.strip(), day.strip()
    try:
        datetime.date.fromisoformat(day)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected MODEL=YYYY-MM-DD, got {text!r}") from None
    if load_catalog().model(model) is None:
        raise argparse.ArgumentTypeError(
            f"unknown model {model!r}; known: {', '.join(load_catalog().models)}"
        )
    return model, day


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.epilog = PATHS
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (127.0.0.1)")
    parser.add_argument("--port", type=int, default=0, help="port; 0 picks a free one (default)")
    parser.add_argument(
        "--api-key",
        action="append",
        dest="api_keys",
        metavar="KEY",
        help="accept only this key (repeatable); without it any non-empty key is accepted",
    )
    parser.add_argument(
        "--script",
        metavar="FILE",
        help="a TOML/JSON script of utterances and their translations (default: demo phrases)",
    )
    faults = "; ".join(
        f"{name}{text}" if text.startswith("=") else f"{name} ({text})"
        for name, text in FAULT_HELP.items()
    )
    parser.add_argument(
        "--fault",
        action="append",
        dest="faults",
        type=_fault,
        default=[],
        metavar="NAME[=ARG]",
        help=f"inject a fault (repeatable): {faults}",
    )
    parser.add_argument(
        "--time-scale",
        type=float,
        default=1.0,
        help="server seconds per real second, for session lifetime and delays (default 1)",
    )
    parser.add_argument(
        "--lifetime",
        type=float,
        default=None,
        metavar="SECONDS",
        help="session lifetime in server seconds (default: the model's: 60 minutes, 30 for "
        "the seed model on the preview path)",
    )
    parser.add_argument(
        "--deployment",
        action="append",
        dest="deployments",
        type=_deployment,
        default=[],
        metavar="NAME=MODEL",
        help="an Azure deployment and the model it serves (repeatable)",
    )
    parser.add_argument(
        "--shutdown-date",
        action="append",
        dest="shutdown_dates",
        type=_shutdown_date,
        default=[],
        metavar="MODEL=YYYY-MM-DD",
        help="announce a shutdown date on GET /v1/models (repeatable); from that day on the "
        "OpenAI paths refuse the model. Default: no dates",
    )
    parser.add_argument(
        "--transcription-delay",
        type=float,
        default=ServerOptions.transcription_delay_s,
        metavar="SECONDS",
        help="input transcription completes this long after the commit (default 1.3)",
    )


async def _serve(args: argparse.Namespace) -> int:
    from translator.server.app import LocalRealtimeServer
    from translator.server.brain import Brain, DemoBrain, ScriptedBrain, ScriptError

    brain: Brain
    try:
        brain = ScriptedBrain.from_file(args.script) if args.script else DemoBrain()
    except ScriptError as exc:
        print(f"translator serve: {exc}", file=sys.stderr)
        return 2
    options = ServerOptions(
        session_lifetime_s=args.lifetime,
        time_scale=args.time_scale,
        transcription_delay_s=args.transcription_delay,
        record_events=False,
        deployments=dict(args.deployments),
        shutdown_dates=dict(args.shutdown_dates),
    )
    server = LocalRealtimeServer(
        host=args.host, port=args.port, api_keys=args.api_keys, brain=brain,
        faults=args.faults, options=options,
    )  # fmt: skip
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    async with server:
        print(server.url, flush=True)
        await stop.wait()
    return 0


def run(args: argparse.Namespace) -> int:
    if args.time_scale <= 0:
        print("translator serve: --time-scale must be positive", file=sys.stderr)
        return 2
    return asyncio.run(_serve(args))
