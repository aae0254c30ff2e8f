"""``translator demo``: a headless, keyless demonstration against the local server.

The local Realtime server runs in-process with a scripted brain; a synthetic English speaker
(espeak-ng) says three sentences in real time; the GA client interprets them through a real
websocket and the translated speech is written to a WAV file while the transcript prints live.
Nothing here reaches the internet, and everything printed is marked as a demo.
"""

from __future__ import annotations

import argparse
import asyncio
import importlib.resources
import sys
import tomllib
import wave
from pathlib import Path

import numpy as np

from translator.realtime.config import TranslationConfig
from translator.realtime.endpoints import openai_realtime
from translator.realtime.session import (
    Failed,
    RealtimeSession,
    SessionEvent,
    SourceText,
    TranslationAudio,
    TranslationDone,
)

RATE = 24_000


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


async def _demo(args: argparse.Namespace) -> int:
    from translator.server.app import LocalRealtimeServer
    from translator.server.brain import ScriptedBrain
    from translator.server.tts import synthesize

    script, sentences = _script()
    out: list[bytes] = []
    failed: list[str] = []

    sources: dict[int, str] = {}
    translations: dict[int, tuple[str, str]] = {}

    def show(event: SessionEvent) -> None:
        """Print each utterance once both its source transcript and its translation are in."""
        match event:
            case SourceText(utterance_id, text, final=True):
                sources[utterance_id] = text
            case TranslationDone(utterance_id, _, text, status):
                translations[utterance_id] = (text, status)
            case TranslationAudio(pcm=pcm):
                out.append(pcm)
            case Failed(error):
                failed.append(str(error))
            case _:
                return
        for uid in sorted(set(sources) & set(translations)):
            text, status = translations.pop(uid)
            print(f"[demo] #{uid} EN  {sources.pop(uid)}", flush=True)
            print(f"[demo] #{uid} {args.to.upper()}  {text}  ({status})", flush=True)

    print("[demo] local server, scripted brain, synthetic speaker: no API key, no network")
    async with LocalRealtimeServer(brain=ScriptedBrain.from_file(script)) as server:
        config = TranslationConfig(source_language="en", target_language=args.to)
        endpoint = openai_realtime("demo", config.model, server.url)
        session = RealtimeSession(endpoint, config, show)
        await session.start()
        try:
            silence = np.zeros(int(1.2 * RATE), np.int16)
            track = np.concatenate([p for s in sentences for p in (synthesize(s, "en"), silence)])
            step = RATE // 50
            for start in range(0, track.size, step):
                session.append(track[start : start + step].tobytes())
                await asyncio.sleep(0 if args.fast else 0.02)
            finished = await session.drain(timeout=60)
        finally:
            await session.close()
        cost = session.cost_usd
    with wave.open(str(args.output), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(RATE)
        wav.writeframes(b"".join(out))
    if failed or not finished:
        reason = "; ".join(failed) or "timeout"
        print(f"translator: error: demo did not finish ({reason})", file=sys.stderr)
        return 1
    print(f"[demo] translated speech: {args.output} ({sum(map(len, out)) / 2 / RATE:.1f} s)")
    print(f"[demo] what this would have cost on {config.model}: ${cost:.4f}")
    return 0


def run(args: argparse.Namespace) -> int:
    return asyncio.run(_demo(args))
