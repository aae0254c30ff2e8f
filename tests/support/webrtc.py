"""WebRTC on loopback for tests: aiortc's host candidates on 127.0.0.1, a private network for
a subprocess, and a raw call peer.

aioice gathers host candidates from every interface except loopback, so two peers on this
machine would meet on its LAN address, which tests must never use. Two ways around it:

- in-process, :func:`loopback_candidates` makes aioice offer ``127.0.0.1`` and nothing else, for
  the test that uses it only (both peers of an in-process test gather through it);
- for a subprocess (``translator run --provider local``, both peers inside it),
  :data:`PRIVATE_NETWORK` runs it in a network namespace of its own with a veth pair: the only
  addresses it can gather are the pair's, and nothing it sends can leave the namespace.

Peers get ``iceServers=[]``: no STUN.

:class:`CallPeer` is a raw WebRTC client for the local server's tests: an offer with a microphone
track it feeds, the ``oai-events`` data channel, and what the answer's track played, at 24 kHz.
"""

from __future__ import annotations

import asyncio
import fractions
import json
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import aioice.ice
import av
import numpy as np
from aiortc import (
    MediaStreamTrack,
    RTCConfiguration,
    RTCDataChannel,
    RTCPeerConnection,
    RTCSessionDescription,
)
from aiortc.mediastreams import MediaStreamError

RATE = 24_000
FRAME = RATE // 50
PRIVATE_NETWORK = [
    "unshare",
    "-rn",
    "sh",
    "-c",
    "ip link set lo up && ip link add rtc0 type veth peer name rtc1"
    " && ip addr add 10.99.0.1/24 dev rtc0 && ip addr add 10.99.0.2/24 dev rtc1"
    ' && ip link set rtc0 up && ip link set rtc1 up && exec "$@"',
    "sh",
]
"""A command prefix: what follows runs in a new network namespace with one veth pair."""


@contextmanager
def loopback_candidates() -> Iterator[None]:
    """aioice offers only ``127.0.0.1`` while the block runs."""
    real = aioice.ice.get_host_addresses
    aioice.ice.get_host_addresses = lambda use_ipv4, use_ipv6: ["127.0.0.1"]
    try:
        yield
    finally:
        aioice.ice.get_host_addresses = real


class MicTrack(MediaStreamTrack):
    """20 ms frames in real time of whatever was queued with :meth:`say`, silence otherwise."""

    kind = "audio"

    def __init__(self) -> None:
        super().__init__()
        self._pending = np.zeros(0, dtype=np.int16)
        self._start: float | None = None
        self._pts = 0

    def say(self, samples: np.ndarray) -> None:
        self._pending = np.concatenate([self._pending, samples.astype(np.int16)])

    async def recv(self) -> av.AudioFrame:
        if self.readyState != "live":
            raise MediaStreamError
        now = time.monotonic()
        if self._start is None:
            self._start = now
        wait = self._start + self._pts / RATE - now
        if wait > 0:
            await asyncio.sleep(wait)
        out = np.zeros(FRAME, dtype=np.int16)
        n = min(FRAME, self._pending.size)
        out[:n] = self._pending[:n]
        self._pending = self._pending[n:]
        frame = av.AudioFrame.from_ndarray(out.reshape(1, -1), format="s16", layout="mono")
        frame.sample_rate = RATE
        frame.pts = self._pts
        frame.time_base = fractions.Fraction(1, RATE)
        self._pts += FRAME
        return frame


class CallPeer:
    """One raw call: send events as dicts, read events, speak into the mic, hear the answer."""

    def __init__(self) -> None:
        self.pc = RTCPeerConnection(RTCConfiguration(iceServers=[]))
        self.mic = MicTrack()
        self.pc.addTrack(self.mic)
        self.channel: RTCDataChannel = self.pc.createDataChannel("oai-events")
        self.opened = asyncio.Event()
        self.closed = asyncio.Event()
        self.channel.on("open", self.opened.set)
        self.channel.on("close", self.closed.set)
        self._inbox: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
        self.events: list[dict[str, Any]] = []
        self.channel.on("message", lambda m: self._inbox.put_nowait(json.loads(m)))
        self.heard: list[np.ndarray] = []
        self._tasks: list[asyncio.Task[None]] = []
        self.pc.on("track", self._on_track)

    def _on_track(self, track: MediaStreamTrack) -> None:
        self._tasks.append(asyncio.ensure_future(self._listen(track)))

    async def _listen(self, track: MediaStreamTrack) -> None:
        resampler = av.AudioResampler(format="s16", layout="mono", rate=RATE)
        try:
            while True:
                frame = await track.recv()
                assert isinstance(frame, av.AudioFrame)
                for mono in resampler.resample(frame):
                    self.heard.append(mono.to_ndarray().reshape(-1).astype(np.int16))
        except MediaStreamError:
            pass

    def recording(self) -> np.ndarray:
        """Everything the answer's track played so far, as float32 (-1..1) at 24 kHz."""
        if not self.heard:
            return np.zeros(0, dtype=np.float32)
        return np.concatenate(self.heard).astype(np.float32) / 32768

    async def offer(self) -> str:
        await self.pc.setLocalDescription(await self.pc.createOffer())
        return self.pc.localDescription.sdp

    async def accept(self, answer: str) -> None:
        await self.pc.setRemoteDescription(RTCSessionDescription(sdp=answer, type="answer"))

    def send(self, event_type: str, **fields: Any) -> None:
        self.channel.send(json.dumps({"type": event_type, **fields}))

    async def recv(self, within: float = 10.0) -> dict[str, Any]:
        event = await asyncio.wait_for(self._inbox.get(), within)
        self.events.append(event)
        return event

    async def until(self, event_type: str, within: float = 10.0) -> list[dict[str, Any]]:
        """Events up to and including the first ``event_type``."""
        seen = []
        while True:
            seen.append(await self.recv(within))
            if seen[-1]["type"] == event_type:
                return seen

    async def close(self) -> None:
        await self.pc.close()
        for task in self._tasks:
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
