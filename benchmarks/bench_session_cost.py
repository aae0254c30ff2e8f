"""Cost per minute over a simulated hour: does the bill stay flat as the conversation grows?

An hour of English speech (espeak-ng sentences from the test script, 1.5 s apart) is interpreted
into Spanish by one GA session against the local server, whose usage follows reference §6.2
(input audio 10 tokens/s, output 20 tokens/s, the retained context re-read as input, the repeated
prefix reported as cached). Time is compressed: audio is sent as fast as the session keeps up
(at most two utterances waiting) and the server streams audio at once, so an hour runs in about a
minute. The session keeps the last 4 turns as context (the default) and deletes older items.

Each translation's cost is the increase of the session's bill (``resources/models.toml`` prices
for gpt-realtime-2.1-mini) when its response is done; it is counted in the minute its speech began.
Cost per translated minute = a minute's cost / the minutes of speech it translated (so the mix
of long and short sentences in a minute does not count as drift).
"""

from __future__ import annotations

import asyncio
from collections import defaultdict
from pathlib import Path
from typing import Any

import numpy as np

from benchmarks.stats import summarize
from translator.realtime.config import TranslationConfig
from translator.realtime.endpoints import openai_realtime
from translator.realtime.session import (
    CostUpdated,
    RealtimeSession,
    SessionEvent,
    TranslationDone,
    UtteranceCommitted,
)
from translator.server.app import LocalRealtimeServer
from translator.server.brain import ScriptedBrain
from translator.server.options import ServerOptions
from translator.server.tts import RATE, synthesize

SCRIPT = Path(__file__).parent.parent / "tests" / "fixtures" / "scripts" / "en_es.toml"
MODEL = "gpt-realtime-2.1-mini"


async def _simulate(
    minutes: float,
) -> tuple[dict[int, float], dict[int, float], dict[int, list[int]], int]:
    brain = ScriptedBrain.from_file(SCRIPT)
    sentences = [e.text for e in brain.entries]
    gap = np.zeros(int(1.5 * RATE), np.int16)
    spoken = [np.concatenate([synthesize(s, "en"), gap]) for s in sentences]
    started: dict[int, tuple[float, float]] = {}
    cost_by_minute: dict[int, float] = defaultdict(float)
    speech_by_minute: dict[int, float] = defaultdict(float)
    input_tokens: dict[int, list[int]] = defaultdict(list)
    last = {"usd": 0.0, "input": 0}

    def sink(event: SessionEvent) -> None:
        match event:
            case UtteranceCommitted(utterance_id, start_s, end_s):
                started[utterance_id] = (start_s, end_s)
            case CostUpdated(usage, usd):
                last["response_usd"] = usd - last["usd"]
                last["response_input"] = usage.input_text + usage.input_audio - last["input"]
                last["usd"], last["input"] = usd, usage.input_text + usage.input_audio
            case TranslationDone(utterance_id, status="completed"):
                start_s, end_s = started[utterance_id]
                minute = int(start_s // 60)
                cost_by_minute[minute] += last.get("response_usd", 0.0)
                speech_by_minute[minute] += (end_s - start_s) / 60
                input_tokens[minute].append(int(last.get("response_input", 0)))
            case _:
                pass

    options = ServerOptions(
        transcription_delay_s=0.0,
        response_created_delay_s=0.0,
        first_delta_delay_s=0.0,
        audio_speedup=10_000.0,
        rate_limits_delay_s=0.0,
        record_events=False,
    )
    async with LocalRealtimeServer(brain=brain, options=options) as server:
        session = RealtimeSession(
            openai_realtime("bench", MODEL, server.url),
            TranslationConfig(source_language="en", target_language="es", model=MODEL),
            sink,
        )
        await session.start()
        sent, n, step = 0, 0, RATE // 10
        while sent < minutes * 60 * RATE:
            track = spoken[n % len(spoken)]
            n += 1
            for start in range(0, track.size, step):
                session.append(track[start : start + step].tobytes())
            sent += track.size
            while session.pending() > 2:  # back-pressure on the session
                await asyncio.sleep(0.005)
            await asyncio.sleep(0)
        assert await session.drain(timeout=60)
        await session.close()
    return dict(cost_by_minute), dict(speech_by_minute), dict(input_tokens), n


def run(quick: bool) -> dict[str, Any]:
    minutes = 3 if quick else 60
    cost, speech, tokens, utterances = asyncio.run(_simulate(minutes))
    last_full = max(m for m in cost if m < minutes)  # the last complete minute
    per_min = {m: cost[m] / speech[m] for m in cost}
    first, final = per_min[0], per_min[last_full]
    return {
        "title": f"Cost per minute over a simulated hour ({MODEL}, 4 turns of context)",
        "description": __doc__,
        "metrics": [
            summarize(
                "cost per translated minute, all minutes",
                "USD/min",
                [per_min[m] for m in sorted(per_min)],
            ),
            summarize(
                "cost per minute of conversation", "USD/min", [cost[m] for m in sorted(cost)]
            ),
            summarize("input tokens per response, minute 1", "tokens", tokens[0]),
            summarize(
                f"input tokens per response, minute {last_full + 1}", "tokens", tokens[last_full]
            ),
        ],
        "minute_1_usd": first,
        f"minute_{last_full + 1}_usd": final,
        "ratio_last_to_first": final / first,
        "utterances": utterances,
        "notes": f"Cost per translated minute, minute 1: ${first:.4f}; minute {last_full + 1}: "
        f"${final:.4f} "
        f"(ratio {final / first:.3f}; target within 10%). {utterances} utterances in "
        f"{minutes} simulated minutes.",
    }
