"""``translator run`` and ``translator devices``: interpreting without a window.

Scripts and tests rely on this command line; extend it, keep it stable. Sources and
destinations are WAV files (``*.wav``), PortAudio device indexes, ``default``, or a name that
matches one ``translator devices`` row. With WAV files the output is 24 kHz mono PCM16 placed on
its direction's input timeline, silence included. Exit codes: 0 done, 1 a fatal error while
running (or a drain that timed out), 2 bad usage or input, 130 a second Ctrl-C. On failure the
last line on stderr is ``translator: error: <what>; <what to do>``.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import functools
import signal
import sys
from collections.abc import AsyncIterator
from pathlib import Path
from typing import cast

from translator.app.devices import ROLE_DIRECTIONS, OpenedDevices, device_catalog, open_devices
from translator.app.errors import Problem, explain
from translator.audio.backends import AudioBackend, WavFileBackend
from translator.audio.errors import AudioError
from translator.catalog import REASONING_EFFORTS, load_catalog
from translator.files import write_atomically
from translator.interpreter import DirectionPlan, Interpreter, Mode, plan_directions
from translator.lifecycle import check_model
from translator.providers import Provider, endpoint_for
from translator.realtime.endpoints import AZURE_PREVIEW_API_VERSION, Endpoint, EndpointError
from translator.realtime.errors import RealtimeError
from translator.realtime.session import Failed, Status
from translator.secrets import KeyStore
from translator.transcript.history import History
from translator.transcript.journal import Journal
from translator.transcript.model import Segment

EPILOG = """\
modes:
  listen  one direction, --input → --output (a lecture, a video)
  call    --input (you) → --output (them, e.g. a virtual cable the call app listens to), and
          --return-input (them) → --return-output (your headphones); original voices ducked
  face    one --input and --output, both directions; each utterance translated once, the
          right way (routed by its language)

sources and destinations: a *.wav file, a device index, "default", or a name matching one
row of `translator devices`. WAV outputs are 24 kHz mono, on the input's timeline.

keys: --api-key > OPENAI_API_KEY (Azure: AZURE_OPENAI_API_KEY, then AZURE_OPENAI_AD_TOKEN) >
the OS keyring. --provider local runs the built-in server (no key, demo phrases or --script).

exit codes: 0 done, 1 failed while running, 2 bad usage or input (a model OpenAI has shut
down included), 130 interrupted twice.

examples:
  translator run --from en --to es --input talk.wav --output talk.es.wav --transcript talk.json
  # a call through two virtual cables (VB-CABLE A+B): the call app's microphone is
  # "CABLE Output", its speaker "CABLE-A Input" (docs/user-guide.md)
  translator run --from en --to de --mode call --input default --output "CABLE Input" \\
      --return-input "CABLE-A Output" --return-output default
  translator run --from en --to fr --provider local --input default --output default
"""


class UsageError(Exception):
    """Bad command-line input: exit 2."""


class RunFailed(Exception):
    """A fatal error at run time: exit 1."""


def fail_line(what: str, action: str) -> str:
    return f"translator: error: {what}; {action}"


# ---------------------------------------------------------------------------- arguments


def _default_models() -> str:
    catalog = load_catalog()
    return ", ".join(
        f"{catalog.default_model(engine).name} ({engine})" for engine in ("realtime", "translate")
    )


def add_arguments(p: argparse.ArgumentParser) -> None:
    lang = p.add_argument_group("languages and mode")
    lang.add_argument("--from", dest="source", required=True, metavar="LANG", help="language A")
    lang.add_argument("--to", dest="target", required=True, metavar="LANG", help="language B")
    lang.add_argument("--mode", choices=["listen", "call", "face"], help="default: listen")
    lang.add_argument("--two-way", action="store_true", help="the same as --mode call")
    eng = p.add_argument_group("engine and provider")
    eng.add_argument("--engine", choices=["realtime", "translate", "legacy"], default="realtime")
    eng.add_argument("--provider", choices=["openai", "azure", "custom", "local"])
    eng.add_argument("--api-key", metavar="KEY", help="overrides the environment and keyring")
    eng.add_argument(
        "--model",
        help=f"default: {_default_models()}; a model OpenAI is retiring warns from 30 days "
        "before its shutdown date and is refused from that date on (exit 2), naming its successor",
    )
    eng.add_argument(
        "--reasoning-effort",
        choices=REASONING_EFFORTS,
        default="minimal",
        help="reasoning models (gpt-realtime-2.1-mini, …): more thinking, more delay (minimal)",
    )
    eng.add_argument("--voice", help="voice of the A→B translation")
    eng.add_argument("--return-voice", metavar="V", help="voice of the B→A translation")
    eng.add_argument(
        "--base-url", metavar="URL", help="custom endpoint, e.g. ws://127.0.0.1:8765/v1"
    )
    eng.add_argument("--azure-endpoint", metavar="URL", help="https://NAME.openai.azure.com")
    eng.add_argument("--deployment", metavar="NAME", help="Azure deployment")
    eng.add_argument(
        "--api-version", metavar="V", help=f"Azure preview ({AZURE_PREVIEW_API_VERSION})"
    )
    eng.add_argument("--allow-insecure", action="store_true", help="allow ws:// off loopback")
    eng.add_argument("--script", type=Path, metavar="FILE", help="--provider local: a script")
    audio = p.add_argument_group("audio")
    audio.add_argument("--input", required=True, metavar="SRC", help="WAV file, index, name")
    audio.add_argument("--output", required=True, metavar="DST", help="WAV file, index, name")
    audio.add_argument("--return-input", metavar="SRC", help="call: the other side's audio")
    audio.add_argument("--return-output", metavar="DST", help="call: the other side's output")
    audio.add_argument("--no-passthrough", action="store_true", help="call: no original voice")
    audio.add_argument(
        "--echo-guard",
        choices=["auto", "on", "off"],
        default="auto",
        help="face: mute the mic while the speaker plays (auto: on for devices)",
    )
    audio.add_argument(
        "--pace",
        choices=["realtime", "fast"],
        default="realtime",
        help="WAV input: in real time (default) or as fast as possible",
    )
    run = p.add_argument_group("run")
    run.add_argument("--duration", type=float, metavar="S", help="devices: stop after S seconds")
    run.add_argument(
        "--drain-timeout",
        type=float,
        default=30.0,
        metavar="S",
        help="after the input ends, wait this long for translations (30)",
    )
    run.add_argument("--transcript", type=Path, metavar="PATH.json", help="write the transcript")
    run.add_argument("--no-history", action="store_true", help="do not journal this run")


# ---------------------------------------------------------------------------- planning


def _mode(args: argparse.Namespace) -> Mode:
    mode: Mode = args.mode or ("call" if args.two_way else "listen")
    if args.two_way and mode != "call":
        raise UsageError(f"--two-way means --mode call, not {mode}; drop one of them")
    returns = args.return_input or args.return_output
    if mode == "call" and not (args.return_input and args.return_output):
        raise UsageError(
            "call mode needs --return-input (the other side's audio) and --return-output "
            "(what the other side hears)"
        )
    if mode != "call" and returns:
        raise UsageError(f"--return-input/--return-output belong to call mode, not {mode}")
    return mode


def _provider(args: argparse.Namespace) -> Provider:
    implied = "custom" if args.base_url else "azure" if args.azure_endpoint else None
    if args.base_url and args.azure_endpoint:
        raise UsageError("--base-url and --azure-endpoint exclude each other; keep one")
    if args.provider and implied and args.provider != implied:
        raise UsageError(f"--provider {args.provider} conflicts with the {implied} endpoint given")
    provider = args.provider or implied or "openai"
    if provider == "azure" and not (args.azure_endpoint and args.deployment):
        raise UsageError("Azure needs --azure-endpoint URL and --deployment NAME")
    if provider == "custom" and not args.base_url:
        raise UsageError("--provider custom needs --base-url URL")
    if args.script and provider != "local":
        raise UsageError("--script feeds the local server; use it with --provider local")
    return cast(Provider, provider)


def _model(args: argparse.Namespace) -> str:
    if args.model:
        return str(args.model)
    if args.engine == "legacy":
        return "gpt-4o-mini-realtime-preview-2024-12-17"
    return load_catalog().default_model(args.engine).name


def _endpoint(
    args: argparse.Namespace, provider: Provider, model: str, base_url: str | None
) -> Endpoint:
    try:
        return endpoint_for(
            provider,
            model,
            args.engine,
            KeyStore(),
            api_key=args.api_key,
            base_url=base_url or args.base_url,
            azure_endpoint=args.azure_endpoint,
            deployment=args.deployment,
            api_version=args.api_version,
            allow_insecure=args.allow_insecure,
        )
    except EndpointError as exc:
        raise UsageError(explain(exc).line) from exc


def _devices(args: argparse.Namespace) -> OpenedDevices:
    try:
        return open_devices({role: getattr(args, role) for role in ROLE_DIRECTIONS})
    except Problem as exc:
        raise UsageError(exc.line) from exc


def _plans(
    args: argparse.Namespace, mode: Mode, model: str, endpoint: Endpoint, chosen: dict[str, str]
) -> list[DirectionPlan]:
    try:
        return plan_directions(
            mode,
            (args.source, args.target),
            endpoint,
            model=model,
            voices=(args.voice, args.return_voice),
            input=chosen["input"],
            output=chosen["output"],
            return_input=chosen.get("return_input"),
            return_output=chosen.get("return_output"),
            passthrough=not args.no_passthrough,
            reasoning_effort=args.reasoning_effort,
        )
    except ValueError as exc:  # UnsupportedTargetLanguage, a config error
        raise UsageError(explain(exc).line) from exc


# ---------------------------------------------------------------------------- running


@contextlib.asynccontextmanager
async def _local_server(args: argparse.Namespace) -> AsyncIterator[str]:
    from translator.server.app import LocalRealtimeServer
    from translator.server.brain import DemoBrain, ScriptedBrain

    brain = ScriptedBrain.from_file(args.script) if args.script else DemoBrain()
    async with LocalRealtimeServer(brain=brain) as server:
        yield server.url


def _show(segment: Segment) -> None:
    if segment.status in ("listening", "translating"):
        return
    latency = f", {segment.latency_ms:.0f} ms" if segment.latency_ms is not None else ""
    print(
        f"[{segment.direction} {segment.start_s:6.1f}s] {segment.speaker} "
        f"({segment.source_language}): {segment.source_text}\n"
        f"{'':>12}→ ({segment.target_language}) {segment.target_text} "
        f"[{segment.status}{latency}]",
        flush=True,
    )


async def _interpret(args: argparse.Namespace) -> int:
    mode = _mode(args)
    provider = _provider(args)
    model = _model(args)
    if provider == "azure" and args.engine == "translate":
        raise UsageError(
            "gpt-realtime-translate is not offered through Azure; use --engine realtime"
        )
    devices = _devices(args)
    backend, files = devices.backend, devices.files
    async with contextlib.AsyncExitStack() as stack:
        base_url = (
            await stack.enter_async_context(_local_server(args)) if provider == "local" else None
        )
        endpoint = _endpoint(args, provider, model, base_url)
        plans = _plans(args, mode, model, endpoint, devices.chosen)
        lifecycle = await check_model(endpoint)
        if (retired := lifecycle.refusal()) is not None:
            raise UsageError(f"{retired.message}; {retired.action}")
        if lifecycle.warning:
            print(f"translator: warning: {lifecycle.warning}", file=sys.stderr, flush=True)
        journal: Journal | None = None
        shown: set[str] = set()

        def on_segment(segment: Segment) -> None:
            """Show a segment once it is finished and its source transcript is complete."""
            if journal is not None:
                journal.record(segment)
            done = segment.status not in ("listening", "translating")
            if not done or segment.id in shown or not segment.source_final:
                return
            shown.add(segment.id)
            _show(segment)

        def on_status(key: str, event: Status | Failed) -> None:
            if isinstance(event, Status) and event.state in ("reconnecting", "rotating"):
                print(f"[{key}] {event.state}: {event.detail}", file=sys.stderr, flush=True)

        echo_guard = args.echo_guard == "on" or (
            args.echo_guard == "auto" and mode == "face" and not files
        )
        interpreter = Interpreter(
            mode,
            plans,
            backend,
            engine=args.engine,
            model=model,
            languages=(args.source, args.target),
            echo_guard=echo_guard,
            on_segment=on_segment,
            on_status=on_status,
        )
        interpreter.run.voices = {p.key: p.config.voice for p in plans if p.config.voice}
        interpreter.run.devices = dict(devices.chosen)
        if not args.no_history:
            _offer_unfinished()
            journal = Journal(interpreter.run)
            stack.callback(journal.close)
        try:
            await interpreter.start()
        except (RealtimeError, AudioError, OSError) as exc:
            problem = explain(exc)
            raise RunFailed(fail_line(problem.what, problem.action)) from exc
        try:
            await _feed(args, interpreter, backend, files)
            keep_clock = None
            if isinstance(backend, WavFileBackend):
                keep_clock = functools.partial(
                    interpreter.run_file_clock, backend, fast=args.pace == "fast"
                )
            missing = await interpreter.drain(args.drain_timeout, keep_clock)
        finally:
            await interpreter.close()
        for segment in interpreter.run.segments:
            if segment.id not in shown:  # finished without a source transcript
                shown.add(segment.id)
                _show(segment)
        if journal is not None:  # the final state, latency and playback times included
            journal.end(interpreter.run)
        if isinstance(backend, WavFileBackend):
            backend.write_outputs()
        if args.transcript:
            write_atomically(args.transcript, interpreter.run.to_json())
        print(f"cost: ${interpreter.run.cost_usd:.4f}", file=sys.stderr)
        if interpreter.failure is not None:
            raise RunFailed(fail_line(interpreter.failure.message, interpreter.failure.action))
        if missing:
            raise RunFailed(
                fail_line(
                    f"gave up after --drain-timeout {args.drain_timeout:g} s: {'; '.join(missing)}",
                    "raise --drain-timeout or check the connection",
                )
            )
    return 0


def _offer_unfinished() -> None:
    """Point at sessions a crash left unfinished (once each); never stops a run."""
    try:
        found = History.default().recover()
    except OSError as exc:
        print(f"translator: warning: cannot read the history ({exc})", file=sys.stderr)
        return
    for session in found:
        run_id = session.run.id
        print(
            f"translator: note: session {run_id} ({session.run.started_at}) did not finish; "
            f"its transcript is kept: translator export {run_id} -o FILE",
            file=sys.stderr,
        )


async def _feed(
    args: argparse.Namespace, interpreter: Interpreter, backend: AudioBackend, files: bool
) -> None:
    """Run the input: WAV files to their end, devices until --duration or a signal."""
    if isinstance(backend, WavFileBackend):
        play = asyncio.ensure_future(
            interpreter.run_file_clock(
                backend, fast=args.pace == "fast", until=backend.input_duration()
            )
        )
        failed = asyncio.ensure_future(_until_failed(interpreter))
        await asyncio.wait([play, failed], return_when=asyncio.FIRST_COMPLETED)
        failed.cancel()
        play.cancel()
        return
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    signals = 0

    def on_signal() -> None:
        nonlocal signals
        signals += 1
        if signals > 1:
            print(fail_line("interrupted twice", "run again"), file=sys.stderr)
            raise SystemExit(130)
        print(
            "translator: stopping; finishing what was said (Ctrl-C again: at once)",
            file=sys.stderr,
            flush=True,
        )
        stop.set()

    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, on_signal)
    print(
        "translator: listening; Ctrl-C stops and finishes what was said (twice: at once)",
        file=sys.stderr,
        flush=True,
    )
    waiters = [
        asyncio.ensure_future(stop.wait()),
        asyncio.ensure_future(_until_failed(interpreter)),
    ]
    if args.duration:
        waiters.append(asyncio.ensure_future(asyncio.sleep(args.duration)))
    await asyncio.wait(waiters, return_when=asyncio.FIRST_COMPLETED)
    for waiter in waiters:
        waiter.cancel()


async def _until_failed(interpreter: Interpreter) -> None:
    while interpreter.failure is None:  # set from session callbacks
        await asyncio.sleep(0.1)


def run(args: argparse.Namespace) -> int:
    try:
        return asyncio.run(_interpret(args))
    except UsageError as exc:
        print(fail_line(*_split(str(exc))), file=sys.stderr)
        return 2
    except RunFailed as exc:
        print(str(exc), file=sys.stderr)
        return 1


def _split(message: str) -> tuple[str, str]:
    what, sep, action = message.partition("; ")
    return (what, action) if sep else (message, "see translator run --help")


# ---------------------------------------------------------------------------- devices


def add_devices_arguments(p: argparse.ArgumentParser) -> None:
    del p  # no options yet


def devices(args: argparse.Namespace) -> int:
    del args
    try:
        catalog = device_catalog()
    except AudioError as exc:
        print(fail_line(*_split(str(exc))), file=sys.stderr)
        return 1
    default_in, default_out = catalog.default("input").index, catalog.default("output").index
    print(f"{'#':>3}  {'in':>3} {'out':>3}  {'rate':>6}  host API    name")
    for d in catalog.devices():
        mark = ("<" if d.index == default_in else " ") + (">" if d.index == default_out else " ")
        print(
            f"{d.index:>3}{mark}{d.max_input_channels:>3} {d.max_output_channels:>3}  "
            f"{d.default_samplerate:>6}  {d.host_api:<10}  {d.name}"
        )
    print("< default input, > default output; select with the index, 'default' or the name")
    return 0
