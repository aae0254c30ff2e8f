"""One WebRTC call to a Realtime endpoint: the face of :class:`Connection`, other wires.

Runs on the session's asyncio loop (aiortc's tasks run there too). Opening a call (reference §7):
an ephemeral key from ``…/client_secrets`` with the endpoint's own credential, an offer with one
microphone track and the ``oai-events`` data channel, ``POST …/calls`` with that key, the answer,
then the channel open. Events travel as JSON on the channel and are decoded by the dialect as on
a WebSocket; audio does not:

- appended input goes onto the microphone track (:class:`MicTrack`: 20 ms frames in real time,
  silence when starved; audio sent again after a reconnect is caught up in its long pauses, so
  the delay it adds is gone by the next pause, never unbounded);
- the answer's track is the translation. Each 20 ms of it that the service says belongs to a
  response (from its first sound after ``output_audio_buffer.started`` until it has drained after
  ``stopped``) reaches the owner as an :class:`~translator.realtime.events.AudioDelta` of that
  response's item, so the playback path, the transcript and latency do not care which transport
  runs. The service plays a response in real time, after its ``response.done``: the call holds
  that response's ``output_audio.done`` and ``response.done`` back until its audio has arrived,
  so the owner sees the order a WebSocket gives (a next translation is asked for once the
  previous one has played);
- the translate engine has no responses: the track's audio comes in runs, one per translated
  segment, and each run is tagged with the ``elapsed_ms`` of its segment's latest output
  transcript (transcripts run ahead of the audio). A segment's output transcript is held until
  its audio starts and ``session.closed`` until the last audio has played, so the owner sees
  each segment's text and sound together, as on a WebSocket;
- stopping a translation is ``response.cancel`` then ``output_audio_buffer.clear`` (the service
  truncates the item to what it played): a ``TruncateItem`` becomes the clear;
- the session configuration goes without ``audio.*.format`` (the tracks are Opus).

The service's input timeline counts what the track sent, starvation silence included:
:meth:`CallConnection.input_sample` maps a position on it back to the audio the owner appended.
aiortc gets ``iceServers=[]``: it offers host candidates only and asks no STUN server.
"""

from __future__ import annotations

import asyncio
import contextlib
import fractions
import itertools
import json
import logging
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin, urlsplit, urlunsplit

import aiohttp
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

from translator.realtime import events as ev
from translator.realtime.connection import Closed, set_before
from translator.realtime.dialects import Dialect
from translator.realtime.endpoints import Endpoint
from translator.realtime.errors import (
    AuthenticationFailed,
    ConfigurationRejected,
    FatalSessionError,
)

log = logging.getLogger(__name__)

RATE = 24_000
FRAME = RATE // 50
MAX_QUEUED_S = 8.0
CATCH_UP_S = 0.1  # a backlog above this is caught up in long pauses
KEEP_PAUSE_S = 1.0
QUIET = 150  # RMS below this (-47 dBFS) is a pause
CHANNEL_OPEN_S = 5.0
SECRET_TTL_S = 600
# After ``output_audio_buffer.stopped`` the last frames are still in flight (the jitter buffer
# holds ~80 ms): they belong to the response until the track goes quiet or this much has passed.
TAIL_S = 0.5
SEGMENT_GAP_MS = 600  # translate: output this far apart on the input timeline is a new segment
SEGMENT_GAP = SEGMENT_GAP_MS * RATE // 1000  # and this much quiet on the track ends its sound
_ids = itertools.count(1)


def _quiet(samples: np.ndarray) -> bool:
    return float(np.sqrt(np.mean(samples.astype(np.float32) ** 2))) < QUIET


class CallFailed(Exception):
    """A call that could not be set up and may work another time or over WebSocket: an HTTP
    error the service may not repeat, or a data channel that did not open in time."""


def call_base(endpoint: Endpoint) -> str:
    """The HTTPS base of the endpoint's calls: its WebSocket path without the query."""
    parts = urlsplit(endpoint.url)
    scheme = {"wss": "https", "ws": "http"}.get(parts.scheme, parts.scheme)
    return urlunsplit((scheme, parts.netloc, parts.path.rstrip("/"), "", ""))


class MicTrack(MediaStreamTrack):
    """The call's microphone: what the owner appended, in 20 ms frames at real time.

    ``recv`` runs in aiortc's sender task. Nothing is sent before the first audio, so the
    service's input timeline starts with it. Where the owner is late a frame is padded with
    silence. A backlog (audio sent again after a reconnect) is caught up by leaving out the
    quiet frames of long pauses beyond ``keep_pause_s``, longer than the pause that ends a turn,
    so the service still hears every pause end its turn; past :data:`MAX_QUEUED_S` the oldest
    audio is dropped. The track keeps every edit, so :meth:`input_sample` maps the service's
    timeline back to what was appended.
    """

    kind = "audio"

    def __init__(self, keep_pause_s: float = KEEP_PAUSE_S) -> None:
        super().__init__()
        self._queue: deque[np.ndarray] = deque()
        self._queued = 0
        self._keep_pause = int(keep_pause_s * RATE)
        self._pause = 0  # samples of the quiet run the track is in
        self._first = asyncio.Event()
        self._start: float | None = None
        self._pts = 0
        self._sent = 0  # samples the service has heard
        self._edits: list[tuple[int, int]] = []
        """(track position, samples): silence inserted there (> 0) or audio left out (< 0)."""
        self.left_out = 0

    def feed(self, pcm: bytes) -> None:
        samples = np.frombuffer(pcm, dtype="<i2")
        if not samples.size:
            return
        self._queue.append(samples)
        self._queued += samples.size
        self._first.set()
        excess = self._queued - int(MAX_QUEUED_S * RATE)
        if excess > 0:  # the service is this far behind, pauses or not: skip ahead
            self._leave_out(excess)

    def input_sample(self, track_sample: int) -> int:
        """The appended sample at ``track_sample`` of what the track sent (the service's input
        timeline); inside inserted silence, the appended sample that followed it."""
        shift = 0
        for at, length in self._edits:
            if at >= track_sample:
                break
            shift += min(length, track_sample - at) if length > 0 else length
        return track_sample - shift

    def _pop(self, count: int) -> np.ndarray:
        parts: list[np.ndarray] = []
        while count > 0 and self._queue:
            head = self._queue[0]
            parts.append(head[:count])
            if head.size <= count:
                self._queue.popleft()
            else:
                self._queue[0] = head[count:]
            count -= parts[-1].size
            self._queued -= parts[-1].size
        return np.concatenate(parts) if parts else np.zeros(0, dtype=np.int16)

    def _leave_out(self, count: int) -> None:
        self._edits.append((self._sent, -count))
        self.left_out += count
        self._pop(count)

    def _next_is_quiet(self) -> bool:
        head = self._queue[0][:FRAME] if self._queue else np.zeros(0, dtype=np.int16)
        return head.size > 0 and _quiet(head)

    def next_frame(self) -> np.ndarray:
        """The next 20 ms the service hears (what ``recv`` sends, without its pacing)."""
        while (
            self._queued > FRAME + CATCH_UP_S * RATE
            and self._pause >= self._keep_pause
            and self._next_is_quiet()
        ):
            self._leave_out(min(FRAME, self._queue[0].size))
        taken = self._pop(FRAME)
        if taken.size < FRAME:  # starved: the service hears silence
            self._edits.append((self._sent + taken.size, FRAME - taken.size))
            taken = np.concatenate([taken, np.zeros(FRAME - taken.size, dtype=np.int16)])
        self._pause = self._pause + FRAME if _quiet(taken) else 0
        self._sent += FRAME
        return taken

    async def recv(self) -> av.AudioFrame:
        if self.readyState != "live":
            raise MediaStreamError
        if self._start is None:
            await self._first.wait()
        now = time.monotonic()
        if self._start is None:
            self._start = now
        wait = self._start + self._pts / RATE - now
        if wait > 0:
            await asyncio.sleep(wait)
        elif wait < -0.2:  # the loop stalled: resume real time instead of bursting
            self._start = now - self._pts / RATE
        frame = av.AudioFrame.from_ndarray(
            self.next_frame().reshape(1, -1), format="s16", layout="mono"
        )
        frame.sample_rate = RATE
        frame.pts = self._pts
        frame.time_base = fractions.Fraction(1, RATE)
        self._pts += FRAME
        return frame


@dataclass
class _Segment:
    """A translate segment whose output transcript has come and whose audio has not."""

    held: list[ev.ServerEvent] = field(default_factory=list)


@dataclass
class _Playing:
    response_id: str
    sounding: bool = False  # its first sound has arrived (what came before was silence)
    stopped_at: float | None = None  # monotonic, when the service said it drained
    held: list[ev.ServerEvent] = field(default_factory=list)  # its done events, until then


class CallConnection:
    """A live call. ``on_event(connection, event)`` runs on the loop for every event, the
    translation's audio included; the same contract as :class:`Connection`."""

    def __init__(
        self,
        endpoint: Endpoint,
        dialect: Dialect,
        on_event: Callable[[Any, ev.ServerEvent], None],
        *,
        open_timeout: float = 15.0,
        channel_timeout: float = CHANNEL_OPEN_S,
        keep_pause_s: float = KEEP_PAUSE_S,
    ) -> None:
        """``keep_pause_s``: pauses a backlog may not shorten (longer than a turn-ending one)."""
        if dialect.name == "legacy":
            raise ValueError("WebRTC needs the GA or translate engine; the beta shape has none")
        self.id = next(_ids)
        self.endpoint = endpoint
        self.dialect = dialect
        self._on_event = on_event
        self._open_timeout = open_timeout
        self._channel_timeout = channel_timeout
        self._event_ids = itertools.count(1)
        self._seen: deque[str] = deque(maxlen=512)
        self.closed: asyncio.Future[Closed] = asyncio.get_running_loop().create_future()
        self.mic = MicTrack(keep_pause_s)
        self._pc: RTCPeerConnection | None = None
        self._channel: RTCDataChannel | None = None
        self._http: aiohttp.ClientSession | None = None
        self._location: str | None = None
        self._tasks: list[asyncio.Task[None]] = []
        self._items: dict[str, str] = {}  # response id → its audio item
        self._playing: _Playing | None = None
        self._held: list[ev.ServerEvent] | None = []  # events that came while opening
        # translate: segments waiting for their audio, the one sounding, the quiet since
        self._segments: deque[_Segment] = deque()
        self._last_text_ms: int | None = None
        self._voice: int | None = None
        self._quiet = 0
        self._pause: list[np.ndarray] = []  # quiet frames that may still be inside a segment
        self._closing: ev.SessionClosed | None = None
        self._torn_down = False
        self._lost: asyncio.Future[None] | None = None

    def __repr__(self) -> str:
        return f"<CallConnection {self.id} {self.endpoint}>"

    # --- opening --------------------------------------------------------------------------------

    async def open(self) -> None:
        """Set the call up; raises ``CallFailed``, ``FatalSessionError``, ``OSError`` or
        ``TimeoutError`` if it cannot."""
        self._http = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=self._open_timeout))
        try:
            await self._open()
        except BaseException:
            await self._teardown()
            raise
        # The service speaks as soon as the channel opens; the owner hears it once open returns.
        asyncio.get_running_loop().call_soon(self._release)

    def _release(self) -> None:
        held, self._held = self._held or [], None
        for event in held:
            self._deliver(event)

    async def _open(self) -> None:
        base = call_base(self.endpoint)
        secret = await self._mint(base)
        pc = self._pc = RTCPeerConnection(RTCConfiguration(iceServers=[]))
        pc.addTrack(self.mic)
        channel = self._channel = pc.createDataChannel("oai-events")
        opened = asyncio.Event()
        channel.on("open", opened.set)
        channel.on("message", self._on_message)
        channel.on("close", lambda: self._finish(1006, "the call's data channel closed"))
        pc.on("track", self._on_track)
        pc.on("connectionstatechange", self._on_state)
        await pc.setLocalDescription(await pc.createOffer())
        answer = await self._post_offer(f"{base}/calls", secret, pc.localDescription.sdp)
        await pc.setRemoteDescription(RTCSessionDescription(sdp=answer, type="answer"))
        try:
            await asyncio.wait_for(opened.wait(), self._channel_timeout)
        except TimeoutError:
            raise CallFailed(
                f"the call did not connect within {self._channel_timeout:g} s (no media path: "
                "UDP may be blocked on this network)"
            ) from None

    def _initial_session(self) -> dict[str, Any]:
        model = self.endpoint.model
        if self.dialect.name == "translate":
            return {"model": model}
        return {"type": "realtime", "model": model}

    async def _mint(self, base: str) -> str:
        assert self._http is not None
        body = {
            "expires_after": {"anchor": "created_at", "seconds": SECRET_TTL_S},
            "session": self._initial_session(),
        }
        async with self._http.post(
            f"{base}/client_secrets", json=body, headers=dict(self.endpoint.headers)
        ) as response:
            if response.status != 200:
                raise await _refusal(response, "client secret")
            value = (await response.json()).get("value")
        if not isinstance(value, str) or not value:
            raise CallFailed("the service answered the client secret request without a key")
        return value

    async def _post_offer(self, url: str, secret: str, offer: str) -> str:
        assert self._http is not None
        headers = {"Authorization": f"Bearer {secret}", "Content-Type": "application/sdp"}
        async with self._http.post(url, data=offer, headers=headers) as response:
            if response.status not in (200, 201):
                raise await _refusal(response, "call")
            location = response.headers.get("Location")
            self._location = location
            return await response.text()

    # --- sending --------------------------------------------------------------------------------

    def send(self, command: ev.Command) -> str:
        """Queue a command; returns the ``event_id`` it carries (errors echo it back)."""
        if isinstance(command, ev.AppendAudio):
            self.mic.feed(command.pcm)
            return ""
        if isinstance(command, ev.TruncateItem):
            # The service truncates to what it played: the clear does what truncate did.
            self._played()
            return self.send_raw({"type": "output_audio_buffer.clear"})
        return self.send_raw(self.dialect.encode(command))

    def send_raw(self, event: dict[str, Any]) -> str:
        event_id = f"evt_r{self.id}_{next(self._event_ids)}"
        event["event_id"] = event_id
        if event.get("type") == "session.update":
            for direction in event.get("session", {}).get("audio", {}).values():
                if isinstance(direction, dict):
                    direction.pop("format", None)
        channel = self._channel
        if not self.closed.done() and channel is not None and channel.readyState == "open":
            channel.send(json.dumps(event, separators=(",", ":")))
        return event_id

    async def wait_for(self, event: asyncio.Event) -> bool:
        """Wait until ``event`` is set (True) or this call ends first (False)."""
        return await set_before(event, self.closed)

    def input_sample(self, track_sample: int) -> int:
        return self.mic.input_sample(track_sample)

    # --- receiving ------------------------------------------------------------------------------

    def _on_message(self, message: str | bytes) -> None:
        try:
            raw = json.loads(message)
            event_id = raw.get("event_id")
            if event_id is not None and event_id in self._seen:
                return
            if event_id is not None:
                self._seen.append(event_id)
            kind = raw.get("type")
            if kind == "output_audio_buffer.started":
                self._played()
                self._playing = _Playing(str(raw["response_id"]))
            elif kind == "output_audio_buffer.stopped" and self._playing is not None:
                self._playing.stopped_at = time.monotonic()
            elif kind == "output_audio_buffer.cleared":
                self._played()
            event = self.dialect.decode(raw)
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            log.debug("ignoring malformed server event: %s", exc)
            return
        if isinstance(event, ev.OutputItemAdded):
            self._items[event.response_id] = event.item_id
        if self.dialect.name == "translate" and self._hold_translate(event):
            return
        playing = self._playing
        if (
            isinstance(event, ev.AudioDone | ev.ResponseDone)
            and playing is not None
            and event.response_id == playing.response_id
        ):
            playing.held.append(event)
            return
        self._deliver(event)

    def _deliver(self, event: ev.ServerEvent) -> None:
        if self._held is not None:
            self._held.append(event)
            return
        try:
            self._on_event(self, event)
        except Exception:  # a handler bug must not silently end the call
            log.exception("error handling %s", type(event).__name__)

    def _played(self) -> None:
        """The playing response's audio is over: its held events go to the owner."""
        playing, self._playing = self._playing, None
        for event in playing.held if playing is not None else ():
            self._deliver(event)

    def _on_track(self, track: MediaStreamTrack) -> None:
        if track.kind == "audio":
            self._tasks.append(asyncio.ensure_future(self._listen(track)))

    async def _listen(self, track: MediaStreamTrack) -> None:
        resampler = av.AudioResampler(format="s16", layout="mono", rate=RATE)
        with contextlib.suppress(MediaStreamError):
            while True:
                frame = await track.recv()
                assert isinstance(frame, av.AudioFrame)
                for mono in resampler.resample(frame):
                    self._heard(mono.to_ndarray().reshape(-1).astype("<i2"))

    def _hold_translate(self, event: ev.ServerEvent) -> bool:
        """Translate: keep an output transcript until its segment's audio starts, and the end
        of the session until the audio has played. Returns whether ``event`` was held."""
        if isinstance(event, ev.SessionClosed):
            self._closing = event
            self._check_closed()
            return True
        if not isinstance(event, ev.StreamText) or event.source:
            return False
        at, last = event.elapsed_ms, self._last_text_ms
        self._last_text_ms = at
        new = last is None or at is None or at - last > SEGMENT_GAP_MS
        if new:
            self._segments.append(_Segment())
        elif not self._segments:  # more text of the segment sounding now: its sound follows it
            self._voice = at if at is not None else self._voice
            return False
        self._segments[-1].held.append(event)
        return True

    def _check_closed(self) -> None:
        if self._closing is not None and not self._segments and self._quiet >= SEGMENT_GAP:
            closing, self._closing = self._closing, None
            self._deliver(closing)

    def _heard_translation(self, samples: np.ndarray) -> None:
        if _quiet(samples):  # a pause inside the segment, or the silence after it
            self._quiet += samples.size
            if self._quiet < SEGMENT_GAP:
                self._pause.append(samples)
            else:
                self._pause.clear()
            self._check_closed()
            return
        # A pause inside the segment is part of its sound: it goes with the sound after it (on
        # its own, all zero, it would pass for the service's keep-alive and be dropped).
        sound = [*self._pause, samples] if self._quiet < SEGMENT_GAP else [samples]
        self._pause.clear()
        if (self._voice is None or self._quiet >= SEGMENT_GAP) and self._segments:
            segment = self._segments.popleft()  # a new segment starts sounding
            for event in segment.held:
                self._deliver(event)
                if isinstance(event, ev.StreamText) and event.elapsed_ms is not None:
                    self._voice = event.elapsed_ms
        self._quiet = 0
        self._deliver(ev.StreamAudio(np.concatenate(sound).tobytes(), self._voice))

    def _heard(self, samples: np.ndarray) -> None:
        """Answer audio: to the owner as the playing response's, while it plays."""
        if self.dialect.name == "translate":
            self._heard_translation(samples)
            return
        playing = self._playing
        if playing is None:
            return
        quiet = not samples.any()
        drained = playing.stopped_at is not None and (
            (quiet and playing.sounding) or time.monotonic() - playing.stopped_at > TAIL_S
        )
        if drained:
            self._played()
            return
        if quiet and not playing.sounding:  # the track's silence before the response
            return
        playing.sounding = True
        item_id = self._items.get(playing.response_id)
        if item_id is not None:
            self._deliver(ev.AudioDelta(playing.response_id, item_id, samples.tobytes()))

    def _on_state(self) -> None:
        if self._pc is not None and self._pc.connectionState in ("failed", "closed"):
            self._finish(1006, f"the call's connection {self._pc.connectionState}")

    # --- closing --------------------------------------------------------------------------------

    async def close(self) -> None:
        """Hang up and wait for the call's tasks."""
        if self._location is not None and self._http is not None and not self._torn_down:
            url = urljoin(call_base(self.endpoint), self._location)
            with contextlib.suppress(aiohttp.ClientError, TimeoutError):
                async with self._http.post(
                    f"{url}/hangup", headers=dict(self.endpoint.headers)
                ) as response:
                    if response.status not in (200, 204, 404):  # 404: the call already ended
                        log.info("hang-up answered %s", response.status)
        self._finish(1000, "closed by client")
        await self._teardown()
        if self._lost is not None:
            await self._lost

    async def _teardown(self) -> None:
        if self._torn_down:
            return
        self._torn_down = True
        for task in self._tasks:
            task.cancel()
        for task in self._tasks:
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task
        if self._pc is not None:
            await self._pc.close()
        if self._http is not None:
            await self._http.close()

    def _finish(self, code: int, reason: str) -> None:
        if self.closed.done():
            return
        if self._closing is not None:  # the service said goodbye: what it said comes first
            for segment in self._segments:
                for event in segment.held:
                    self._deliver(event)
            self._segments.clear()
            closing, self._closing = self._closing, None
            self._deliver(closing)
        self.closed.set_result(Closed(code, reason))
        if code != 1000:  # lost: nobody will close it, so it lets go of its sockets itself
            self._lost = asyncio.ensure_future(self._teardown())


async def _refusal(response: aiohttp.ClientResponse, what: str) -> Exception:
    """The exception for an HTTP error answer: its JSON ``error`` says what it was."""
    try:
        error = (await response.json(content_type=None)).get("error") or {}
    except (ValueError, aiohttp.ContentTypeError):
        error = {}
    message = str(error.get("message") or response.reason or "")
    code = error.get("code")
    status = response.status
    if status in (401, 403):
        return AuthenticationFailed(
            f"the service refused the key (HTTP {status}: {message})",
            "check the key in Settings, the --api-key flag or the key's environment variable",
            code=code,
        )
    if status == 400 and str(error.get("param") or "").startswith("session"):
        return ConfigurationRejected(
            f"the service rejected the session settings ({message})",
            "change the model, voice or audio settings; this model may not support them",
            code=code,
        )
    if status == 404:
        return FatalSessionError(
            f"the service has no WebRTC {what} at this address (HTTP 404)",
            "check the endpoint URL, or use --transport websocket",
            code=code,
        )
    return CallFailed(f"the {what} was refused (HTTP {status}: {message})")
