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
import signal
import sys
from pathlib import Path
from typing import cast

from translator.app.devices import ROLE_DIRECTIONS, device_catalog
from translator.app.errors import Problem, explain
from translator.app.interpreting import (
    InterpretingSession,
    ProviderChoice,
    Refused,
    RunRequest,
    Tuning,
)
from translator.app.readings import SessionState
from translator.audio.errors import AudioError, NoDevices
from translator.catalog import REASONING_EFFORTS, load_catalog
from translator.files import write_atomically
from translator.interpreter import Mode
from translator.lifecycle import Lifecycle
from translator.providers import Provider
from translator.realtime.endpoints import AZURE_PREVIEW_API_VERSION
from translator.transcript.history import History
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
    eng.add_argument(
        "--transport",
        choices=["websocket", "webrtc", "auto"],
        default="websocket",
        help="how sessions reach the service: websocket (default), webrtc (Opus media over UDP; "
        "realtime and translate engines), or auto (WebRTC, falling back to WebSocket when no "
        "call connects within 5 s)",
    )
    eng.add_argument("--script", type=Path, metavar="FILE", help="--provider local: a script")
    audio = p.add_argument_group("audio")
    audio.add_argument("--input", required=True, metavar="SRC", help="WAV file, index, name")
    audio.add_argument("--output", required=True, metavar="DST", help="WAV file, index, name")
    audio.add_argument("--return-input", metavar="SRC", help="call: the other side's audio")
    audio.add_argument(
        "--return-output", metavar="DST", help="call: your headphones (the other side, translated)"
    )
    audio.add_argument("--no-passthrough", action="store_true", help="call: no original voice")
    audio.add_argument(
        "--echo-guard",
        choices=["auto", "on", "off"],
        default="auto",
        help="face: mute the mic while the speaker plays (auto: on for devices)",
    )
    audio.add_argument(
        "--ducking",
        type=float,
        default=-15.0,
        metavar="DB",
        help="call: how far the original voice goes down under a translation (-15)",
    )
    audio.add_argument(
        "--echo-tail",
        type=int,
        default=300,
        metavar="MS",
        help="echo guard: keep the mic muted this long after the speaker stops (300)",
    )
    audio.add_argument(
        "--pace",
        choices=["realtime", "fast"],
        default="realtime",
        help="WAV input: in real time (default) or as fast as possible",
    )
    tune = p.add_argument_group("interpreting")
    tune.add_argument(
        "--turn-detection",
        choices=["server_vad", "semantic_vad"],
        default="server_vad",
        help="what ends an utterance: a pause (server_vad, default) or the end of a sentence",
    )
    tune.add_argument(
        "--silence", type=int, default=500, metavar="MS", help="server_vad: the pause (500)"
    )
    tune.add_argument(
        "--noise",
        choices=["auto", "near_field", "far_field", "off"],
        default="auto",
        help="noise reduction (auto: far field face to face, near field otherwise)",
    )
    tune.add_argument(
        "--context-turns",
        type=int,
        default=4,
        metavar="N",
        help="earlier turns the model reads, for consistent terms (4)",
    )
    tune.add_argument(
        "--glossary",
        action="append",
        default=[],
        metavar="TERM=TRANSLATION",
        help="a required rendering (repeatable)",
    )
    tune.add_argument(
        "--instructions", default="", metavar="TEXT", help="added to the prompt (register, names)"
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
            "(your headphones)"
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


def _glossary(entries: list[str]) -> dict[str, str]:
    glossary: dict[str, str] = {}
    for entry in entries:
        term, separator, rendering = entry.partition("=")
        if not separator or not term.strip() or not rendering.strip():
            raise UsageError(f"--glossary takes TERM=TRANSLATION, not {entry!r}; add the '='")
        glossary[term.strip()] = rendering.strip()
    return glossary


def _tuning(args: argparse.Namespace) -> Tuning:
    return Tuning(
        turn_detection=args.turn_detection,
        silence_ms=args.silence,
        noise=args.noise,
        context_turns=args.context_turns,
        glossary=_glossary(args.glossary),
        instructions=args.instructions,
        ducking_db=args.ducking,
    )


def _request(args: argparse.Namespace) -> RunRequest:
    """The run the arguments ask for (the checks only the command line can make are here)."""
    mode = _mode(args)
    provider = _provider(args)
    if provider == "azure" and args.engine == "translate":
        raise UsageError(
            "gpt-realtime-translate is not offered through Azure; use --engine realtime"
        )
    if args.pace == "fast" and args.transport != "websocket":
        raise UsageError(
            "--pace fast cannot feed a WebRTC call, which takes audio in real time; "
            "use --pace realtime or --transport websocket"
        )
    return RunRequest(
        mode=mode,
        tuning=_tuning(args),
        echo_tail_ms=args.echo_tail,
        languages=(args.source, args.target),
        engine=args.engine,
        model=_model(args),
        provider=ProviderChoice(
            provider=provider,
            api_key=args.api_key,
            base_url=args.base_url,
            azure_endpoint=args.azure_endpoint,
            deployment=args.deployment,
            api_version=args.api_version,
            allow_insecure=args.allow_insecure,
            script=args.script,
            transport=args.transport,
        ),
        devices={role: getattr(args, role) for role in ROLE_DIRECTIONS},
        voices=(args.voice, args.return_voice),
        passthrough=not args.no_passthrough,
        reasoning_effort=args.reasoning_effort,
        echo_guard=args.echo_guard,
        journal=not args.no_history,
    )


# ---------------------------------------------------------------------------- running


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
    request = _request(args)
    shown: set[str] = set()

    def on_segment(segment: Segment) -> None:
        """Show a segment once it is finished and its source transcript is complete."""
        done = segment.status not in ("listening", "translating")
        if done and segment.id not in shown and segment.source_final:
            shown.add(segment.id)
            _show(segment)

    def on_status(state: SessionState) -> None:
        if state.state == "reconnecting" or (state.state == "live" and state.detail):
            said = f"{state.state}: {state.detail}" if state.state != "live" else state.detail
            print(f"[{state.key}] {said}", file=sys.stderr, flush=True)

    def on_lifecycle(lifecycle: Lifecycle) -> None:
        if lifecycle.warning:
            print(f"translator: warning: {lifecycle.warning}", file=sys.stderr, flush=True)

    if request.journal:
        _offer_unfinished()
    fast = args.pace == "fast"
    try:
        async with InterpretingSession(
            request, on_segment=on_segment, on_status=on_status, on_lifecycle=on_lifecycle
        ) as session:
            if session.files:
                await session.play_files(fast=fast)
            else:
                await _listen(args, session)
            missing = await session.finish(args.drain_timeout, fast=fast)
            run = session.run
    except Refused as exc:
        raise UsageError(exc.line) from exc
    except Problem as exc:
        raise RunFailed(fail_line(exc.what, exc.action)) from exc
    for segment in run.segments:
        if segment.id not in shown:  # finished without a source transcript
            shown.add(segment.id)
            _show(segment)
    if args.transcript:
        write_atomically(args.transcript, run.to_json())
    print(f"cost: ${run.cost_usd:.4f}", file=sys.stderr)
    if (failure := session.failure) is not None:
        raise RunFailed(fail_line(failure.what, failure.action))
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


async def _listen(args: argparse.Namespace, session: InterpretingSession) -> None:
    """Devices: interpret until --duration, a signal or a failure."""
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
    waiters = [asyncio.ensure_future(stop.wait()), asyncio.ensure_future(session.failed())]
    if args.duration:
        waiters.append(asyncio.ensure_future(asyncio.sleep(args.duration)))
    await asyncio.wait(waiters, return_when=asyncio.FIRST_COMPLETED)
    for waiter in waiters:
        waiter.cancel()
    if (failure := session.audio_failure) is not None:  # said at once; the error line ends
        print(f"translator: stopping: {failure.what}; finishing what was said", file=sys.stderr)


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
        if not catalog.devices():
            raise NoDevices()
    except AudioError as exc:
        problem = explain(exc)
        print(fail_line(problem.what, problem.action), file=sys.stderr)
        return 1
    default_in, default_out = (
        catalog.default(direction).index if catalog.devices(direction) else None
        for direction in ("input", "output")
    )
    print(f"{'#':>3}  {'in':>3} {'out':>3}  {'rate':>6}  host API    name")
    for d in catalog.devices():
        mark = ("<" if d.index == default_in else " ") + (">" if d.index == default_out else " ")
        print(
            f"{d.index:>3}{mark}{d.max_input_channels:>3} {d.max_output_channels:>3}  "
            f"{d.default_samplerate:>6}  {d.host_api:<10}  {d.name}"
        )
    print("< default input, > default output; select with the index, 'default' or the name")
    return 0
