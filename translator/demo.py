"""``translator demo``: a headless, keyless demonstration against the local server.

A synthetic English speaker (espeak-ng) says three sentences into a WAV file; the run then goes
the way every run goes (:mod:`translator.app.interpreting`): the local Realtime server in-process
with the demo's scripted brain, the GA client over a real websocket, the audio router, the
journal (in a scratch folder, not the user's history). The transcript prints live and the
translated speech is written to a WAV file, on the speaker's timeline. Nothing here reaches the
internet, and everything printed is marked as a demo.
"""

from __future__ import annotations

import argparse
import asyncio
import importlib.resources
import sys
import tempfile
import tomllib
from pathlib import Path

import numpy as np

from translator.app.errors import Problem
from translator.app.interpreting import InterpretingSession, ProviderChoice, RunRequest
from translator.catalog import load_catalog
from translator.transcript.model import Segment

RATE = 24_000
PAUSE_S = 1.2


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--to", default="es", choices=["es", "fr", "de"], help="language to interpret into"
    )
    parser.add_argument(
        "--output",
        type=Path,
        default=Path("translator-demo.wav"),
        help="WAV file for the translated speech (default: %(default)s)",
    )
    parser.add_argument(
        "--fast", action="store_true", help="send the speech as fast as possible, not in real time"
    )


def _script() -> tuple[Path, list[str]]:
    ref = importlib.resources.files("translator.resources").joinpath("demo/script.toml")
    path = Path(str(ref))
    sentences = [u["text"] for u in tomllib.loads(path.read_text())["utterances"]]
    return path, sentences


def _speaker(sentences: list[str], path: Path) -> str:
    """The synthetic speaker: each sentence, then a pause, in one WAV file."""
    import wave

    from translator.server.tts import synthesize

    silence = np.zeros(int(PAUSE_S * RATE), np.int16)
    track = np.concatenate([p for s in sentences for p in (synthesize(s, "en"), silence)])
    with wave.open(str(path), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(RATE)
        wav.writeframes(track.astype("<i2").tobytes())
    return str(path)


async def _demo(args: argparse.Namespace) -> int:
    script, sentences = _script()
    shown: list[str] = []

    def show(segment: Segment) -> None:
        """Print each utterance once both its source transcript and its translation are in."""
        if segment.finished and segment.source_final and segment.id not in shown:
            shown.append(segment.id)
            n = len(shown)
            print(f"[demo] #{n} EN  {segment.source_text}", flush=True)
            print(f"[demo] #{n} {args.to.upper()}  {segment.target_text}  ({segment.status})")

    print("[demo] local server, scripted brain, synthetic speaker: no API key, no network")
    model = load_catalog().default_model().name
    with tempfile.TemporaryDirectory(prefix="translator-demo-") as scratch:
        request = RunRequest(
            mode="listen",
            languages=("en", args.to),
            engine="realtime",
            model=model,
            provider=ProviderChoice("local", script=script),
            devices={"input": _speaker(sentences, Path(scratch) / "speaker.wav"),
                     "output": str(args.output)},
            history=Path(scratch) / "history",
        )  # fmt: skip
        try:
            async with InterpretingSession(request, on_segment=show) as session:
                await session.play_files(fast=args.fast)
                missing = await session.finish(60, fast=args.fast)
                run = session.run
                failure = session.interpreter.failure
        except Problem as exc:
            print(f"translator: error: demo did not start ({exc.line})", file=sys.stderr)
            return 1
    if failure is not None or missing:
        reason = str(failure) if failure is not None else "; ".join(missing)
        print(f"translator: error: demo did not finish ({reason})", file=sys.stderr)
        return 1
    translated = sum(1 for s in run.segments if s.status == "completed")
    print(f"[demo] translated speech: {args.output} ({translated} of {len(sentences)} sentences)")
    print(f"[demo] what this would have cost on {model}: ${run.cost_usd:.4f}")
    return 0


def run(args: argparse.Namespace) -> int:
    return asyncio.run(_demo(args))
