"""WebSocket or WebRTC: client-added latency and CPU of one direction, both in one run.

The end-to-end latency benchmark's set-up (bench_e2e_latency: one realtime-engine direction on
the WAV backend in real time, the local server with zero model delay, translations rendered
before the run, the server's 500 ms silence window subtracted), run alternately over each
transport in one sitting so the machine's noise falls on both alike. Over WebRTC the mic is an
Opus track, the translation comes back on the answer's track through aiortc's jitter buffer, and
the service plays it in real time; over WebSocket both are base64 PCM in JSON. CPU is the
process's CPU time over the run's wall time, in one process with the local server, so it counts
the server's half too (over WebRTC its Opus encoding, decoding and DTLS as well): compare the two
rows with each other, not with a client alone. Loopback only: aioice is made to offer 127.0.0.1.
"""

from __future__ import annotations

import asyncio
import time
from typing import Any

from benchmarks.bench_e2e_latency import measure
from benchmarks.stats import summarize
from tests.support.webrtc import loopback_candidates
from translator.realtime.endpoints import Transport

TRANSPORTS: tuple[Transport, ...] = ("websocket", "webrtc")


def run(quick: bool) -> dict[str, Any]:
    rounds, utterances = (1, 2) if quick else (5, 6)
    added: dict[str, list[float]] = {t: [] for t in TRANSPORTS}
    cpu: dict[str, list[float]] = {t: [] for t in TRANSPORTS}
    with loopback_candidates():
        for _ in range(rounds):
            for transport in TRANSPORTS:  # interleaved: A, B, A, B, …
                wall, busy = time.monotonic(), time.process_time()
                added[transport] += asyncio.run(measure(utterances, transport))
                cpu[transport].append(
                    100 * (time.process_time() - busy) / (time.monotonic() - wall)
                )
    return {
        "title": "WebSocket or WebRTC: client-added latency and CPU (realtime engine, loopback)",
        "description": __doc__,
        "metrics": [
            *(summarize(f"t1 − t0 − VAD silence window, {t}", "ms", added[t]) for t in TRANSPORTS),
            *(
                summarize(f"CPU of the process (client and server), {t}", "% of a core", cpu[t])
                for t in TRANSPORTS
            ),
        ],
        "notes": f"{rounds} rounds of {utterances} utterances per transport, interleaved.",
    }
