"""WebRTC calls of the local server (reference §7): HTTP signalling, one aiortc answerer per call.

Runs on the server's event loop. Three prefixes take calls: ``/v1/realtime`` (GA),
``/v1/realtime/translations`` (translate) and ``/openai/v1/realtime`` (Azure GA). Under each:

- ``POST …/client_secrets`` mints an ephemeral key (``ek_…``) bound to a session configuration,
  valid for ``expires_after.seconds`` (10–7200, default 600) and for any number of calls;
- ``POST …/calls`` takes an SDP offer, raw ``application/sdp`` with an ephemeral key or a
  multipart form (``sdp`` and ``session`` JSON) with a standard key, and answers ``201`` with the
  answer SDP and ``Location: …/calls/rtc_…``; every error is a JSON body, as on the real service;
- ``POST …/calls/{id}/hangup`` ends a call (``404`` once it is gone).

A call is the dialect's own session (:class:`~translator.server.ga.GaSession`,
:class:`~translator.server.translate.TranslateSession`) with its two edges swapped: its events
travel on the ``oai-events`` data channel (:class:`DataChannelLink`), the microphone is the
offer's audio track (mixed to mono at 24 kHz into the session's input) and the session's audio
plays on the answer's track in real time (:class:`SpeakerTrack`), which reports
``output_audio_buffer.started/stopped`` to GA sessions.

aiortc gathers host candidates only; the server's peer gets ``iceServers=[]``, so it never asks
a STUN server outside this machine.
"""

from __future__ import annotations

import asyncio
import contextlib
import fractions
import json
import logging
import re
import secrets
import socket
import time
from collections import deque
from collections.abc import AsyncIterator, Awaitable, Callable, Coroutine, Mapping
from dataclasses import dataclass, field
from http import HTTPStatus
from typing import TYPE_CHECKING, Any

import av
import numpy as np
from aiohttp import web
from aiortc import (
    MediaStreamTrack,
    RTCConfiguration,
    RTCDataChannel,
    RTCPeerConnection,
    RTCSessionDescription,
)
from aiortc.mediastreams import MediaStreamError

from translator.server.faults import FaultName
from translator.server.ga_schema import WireError
from translator.server.link import ConnectionRecord, Link, LinkClosed
from translator.server.models import json_response

if TYPE_CHECKING:
    from translator.server.app import Endpoint, ServerContext
    from translator.server.wire import WireSession

log = logging.getLogger(__name__)

RATE = 24_000
FRAME = RATE // 50  # 20 ms, one Opus packet
DATA_CHANNEL = "oai-events"
SECRET_TTL_S = 600
SECRET_TTL_RANGE = (10, 7200)
_PATH = re.compile(
    r"^(?P<prefix>/v1/realtime/translations|/v1/realtime|/openai/v1/realtime)"
    r"/(?:(?P<secrets>client_secrets)|calls(?:/(?P<call>[^/]+)/(?P<hangup>hangup))?)/?$"
)


class HttpError(Exception):
    """A request answered with an error status and OpenAI's JSON error body."""

    def __init__(
        self,
        status: HTTPStatus,
        message: str,
        code: str | None,
        param: str | None = None,
        kind: str = "invalid_request_error",
    ) -> None:
        super().__init__(message)
        self.status = status
        self.body = {"error": {"message": message, "type": kind, "param": param, "code": code}}

    @classmethod
    def wire(cls, error: WireError) -> HttpError:
        """A session configuration the dialect refused, as a 400."""
        return cls(HTTPStatus.BAD_REQUEST, error.message, error.code, error.param, error.type)


def matches(path: str) -> bool:
    """Whether ``path`` is one of the WebRTC signalling paths."""
    return _PATH.match(path) is not None


@dataclass(frozen=True)
class ClientSecret:
    """An ephemeral key: the configured session it starts, until it expires."""

    value: str
    prefix: str
    model: str
    config: Mapping[str, Any]
    expires_at: float


# --------------------------------------------------------------------------------- the edges


class DataChannelLink(Link):
    """The ``oai-events`` data channel of a call, as the dialect session's link."""

    def __init__(
        self,
        record: ConnectionRecord,
        keep: bool,
        end_call: Callable[[], Coroutine[Any, Any, None]],
    ) -> None:
        super().__init__(record, keep)
        self.channel: RTCDataChannel | None = None
        self._inbox: asyncio.Queue[str | bytes | None] = asyncio.Queue()
        self._end_call = end_call

    def attach(self, channel: RTCDataChannel) -> None:
        self.channel = channel
        channel.on("message", self._inbox.put_nowait)
        channel.on("close", lambda: self._inbox.put_nowait(None))

    def ended(self) -> None:
        """The call is over: the session's reading ends."""
        self._inbox.put_nowait(None)

    async def _send_text(self, text: str) -> None:
        if self.channel is None or self.channel.readyState != "open":
            raise LinkClosed
        self.channel.send(text)

    async def messages(self) -> AsyncIterator[str | bytes]:
        while (message := await self._inbox.get()) is not None:
            yield message

    async def close(self, code: int = 1000, reason: str = "") -> None:
        """The service ends the call (an expiry, ``session.close``)."""
        self.record.close_code = code
        await self._end_call()

    def drop(self) -> None:
        """The data channel and the call vanish mid-stream, with no goodbye."""
        self.record.dropped = True
        if self.channel is not None:
            self.channel.close()
        asyncio.get_running_loop().create_task(self._end_call())


@dataclass
class _Chunk:
    response_id: str | None
    samples: np.ndarray
    offset: int = 0


class SpeakerTrack(MediaStreamTrack):
    """The answer's audio track: the session's audio in 20 ms frames at real time, else silence.

    ``recv`` runs in aiortc's sender task on the server's loop. With ``report`` set, the track
    says when a response's audio starts leaving it and when it has drained after the response
    ended (``output_audio_buffer.started`` / ``stopped``).
    """

    kind = "audio"

    def __init__(self, report: Callable[[str, str], None] | None) -> None:
        super().__init__()
        self._report = report
        self._queue: deque[_Chunk] = deque()
        self._playing: str | None = None
        self._finished: set[str] = set()
        self.played: dict[str, int] = {}
        """Samples of each response that have left the track."""
        self._start: float | None = None
        self._pts = 0

    def play(self, samples: np.ndarray, response_id: str | None = None) -> None:
        if samples.size:
            self._queue.append(_Chunk(response_id, samples.astype(np.int16)))

    def finish(self, response_id: str) -> None:
        """No more audio of ``response_id`` is coming."""
        self._finished.add(response_id)
        self._check_stopped()

    async def drain(self) -> None:
        """Wait until everything queued has left the track (and one frame more)."""
        while self._queue and self.readyState == "live":
            await asyncio.sleep(FRAME / RATE)
        await asyncio.sleep(FRAME / RATE)

    def clear(self) -> str | None:
        """Drop what is queued; returns the response whose audio was cut."""
        cut = self._playing or next((c.response_id for c in self._queue if c.response_id), None)
        self._queue.clear()
        self._playing = None
        return cut

    def _say(self, event: str, response_id: str) -> None:
        if self._report is not None:
            self._report(event, response_id)

    def _check_stopped(self) -> None:
        playing = self._playing
        if playing is None or playing not in self._finished:
            return
        if any(chunk.response_id == playing for chunk in self._queue):
            return
        self._playing = None
        self._say("output_audio_buffer.stopped", playing)

    def _take(self, count: int) -> np.ndarray:
        out = np.zeros(count, dtype=np.int16)
        filled = 0
        while filled < count and self._queue:
            chunk = self._queue[0]
            if chunk.response_id is not None and chunk.response_id != self._playing:
                self._check_stopped()
                self._playing = chunk.response_id
                self._say("output_audio_buffer.started", chunk.response_id)
            n = min(count - filled, chunk.samples.size - chunk.offset)
            out[filled : filled + n] = chunk.samples[chunk.offset : chunk.offset + n]
            chunk.offset += n
            filled += n
            if chunk.response_id is not None:
                self.played[chunk.response_id] = self.played.get(chunk.response_id, 0) + n
            if chunk.offset == chunk.samples.size:
                self._queue.popleft()
        self._check_stopped()
        return out

    async def recv(self) -> av.AudioFrame:
        if self.readyState != "live":
            raise MediaStreamError
        now = time.monotonic()
        if self._start is None:
            self._start = now
        wait = self._start + self._pts / RATE - now
        if wait > 0:
            await asyncio.sleep(wait)
        frame = av.AudioFrame.from_ndarray(
            self._take(FRAME).reshape(1, -1), format="s16", layout="mono"
        )
        frame.sample_rate = RATE
        frame.pts = self._pts
        frame.time_base = fractions.Fraction(1, RATE)
        self._pts += FRAME
        return frame


async def _hear(track: MediaStreamTrack, session: WireSession, started: asyncio.Event) -> None:
    """The offer's audio track into the session's input, from the moment the session runs."""
    resampler = av.AudioResampler(format="s16", layout="mono", rate=RATE)
    with contextlib.suppress(MediaStreamError, LinkClosed):
        while True:
            frame = await track.recv()
            assert isinstance(frame, av.AudioFrame)
            if not started.is_set():
                continue
            for mono in resampler.resample(frame):
                await session.hear(mono.to_ndarray().reshape(-1).astype(np.int16))


# --------------------------------------------------------------------------------- the calls


@dataclass
class Call:
    """One WebRTC call: its peer connection, session and the tasks that carry it."""

    id: str
    prefix: str
    pc: RTCPeerConnection
    link: DataChannelLink
    session: WireSession
    speaker: SpeakerTrack
    started: asyncio.Event = field(default_factory=asyncio.Event)
    tasks: set[asyncio.Task[None]] = field(default_factory=set)
    over: bool = False

    def spawn(self, coroutine: Awaitable[None]) -> None:
        task = asyncio.ensure_future(coroutine)
        self.tasks.add(task)
        task.add_done_callback(self.tasks.discard)


class Calls:
    """The server's WebRTC side: ephemeral keys, calls by id, and their signalling requests."""

    def __init__(
        self,
        context: ServerContext,
        endpoints: Mapping[str, Endpoint],
        authenticate: Callable[[Endpoint, Mapping[str, str], Mapping[str, str]], WireError | None],
        connections: list[ConnectionRecord],
    ) -> None:
        self.context = context
        self._endpoints = endpoints
        self._authenticate = authenticate
        self._connections = connections
        self._secrets: dict[str, ClientSecret] = {}
        self._blackholes: list[socket.socket] = []
        self.calls: dict[str, Call] = {}

    async def answer(self, request: web.Request) -> web.Response:
        """The response to a signalling request (``POST`` on a path :func:`matches` accepts)."""
        found = _PATH.match(request.path)
        assert found is not None
        try:
            if request.method != "POST":
                raise HttpError(HTTPStatus.METHOD_NOT_ALLOWED, f"Use POST on {request.path}.", None)
            prefix = found["prefix"]
            if found["secrets"]:
                return await self._mint(request, prefix)
            if found["hangup"]:
                return await self._hang_up(prefix, found["call"])
            return await self._call(request, prefix)
        except HttpError as error:
            return json_response(error.status, error.body)

    async def close(self) -> None:
        for call in list(self.calls.values()):
            await self._end(call)
        for hole in self._blackholes:
            hole.close()

    def secret(self, value: str) -> ClientSecret | None:
        """The ephemeral key ``value`` if this server minted it and it has not expired."""
        secret = self._secrets.get(value)
        return secret if secret is not None and secret.expires_at > time.time() else None

    # --- ephemeral keys -------------------------------------------------------------------------

    def _key_owner(self, request: web.Request, prefix: str) -> str:
        """The credential of a request, refused as the real service refuses it."""
        endpoint = self._endpoints[prefix]
        error = self._authenticate(endpoint, request.headers, dict(request.query))
        if error is not None:
            raise HttpError(HTTPStatus.UNAUTHORIZED, error.message, error.code)
        key = endpoint.credential(request.headers, dict(request.query))
        assert key is not None
        return key

    async def _mint(self, request: web.Request, prefix: str) -> web.Response:
        key = self._key_owner(request, prefix)
        if key.startswith("ek_"):
            raise HttpError(
                HTTPStatus.UNAUTHORIZED,
                "An ephemeral key cannot create client secrets; use a standard API key.",
                "invalid_api_key",
            )
        body = await _json_body(request)
        expires = body.get("expires_after") or {}
        if not isinstance(expires, dict):
            raise HttpError(HTTPStatus.BAD_REQUEST, "Invalid 'expires_after'.", "invalid_type")
        seconds = expires.get("seconds", SECRET_TTL_S)
        low, high = SECRET_TTL_RANGE
        if not isinstance(seconds, int) or not low <= seconds <= high:
            raise HttpError(
                HTTPStatus.BAD_REQUEST,
                f"Invalid 'expires_after.seconds': expected an integer from {low} to {high}.",
                "invalid_value",
                "expires_after.seconds",
            )
        config = body.get("session")
        if not isinstance(config, dict):
            raise HttpError(
                HTTPStatus.BAD_REQUEST,
                "Missing required parameter: 'session'.",
                "missing_required_parameter",
                "session",
            )
        session = self._session(prefix, config, None)
        secret = ClientSecret(
            value="ek_" + secrets.token_hex(16),
            prefix=prefix,
            model=session.model,
            config=config,
            expires_at=time.time() + seconds,
        )
        self._secrets[secret.value] = secret
        return json_response(
            HTTPStatus.OK,
            {
                "value": secret.value,
                "expires_at": int(secret.expires_at),
                "session": session.session,
            },
        )

    # --- calls ----------------------------------------------------------------------------------

    def _session(self, prefix: str, config: Mapping[str, Any], link: Link | None) -> WireSession:
        """A configured session of the prefix's dialect; a refused configuration is a 400."""
        endpoint = self._endpoints[prefix]
        model = config.get("model")
        if not isinstance(model, str) or not model:
            raise HttpError(
                HTTPStatus.BAD_REQUEST,
                "Missing required parameter: 'session.model'.",
                "missing_required_parameter",
                "session.model",
            )
        refusal = endpoint.refusal({}, {"model": model})
        if refusal is not None:
            error = refusal.error
            raise HttpError(HTTPStatus.BAD_REQUEST, error.message, error.code, "session.model")
        session = endpoint.session(link or _NoLink(), model)
        try:
            # The model is the session's own (on Azure, ``model`` names a deployment).
            session.configure({k: v for k, v in config.items() if k != "model"})
        except WireError as error:
            raise HttpError.wire(error) from None
        return session

    async def _offer(self, request: web.Request, prefix: str) -> tuple[str, Mapping[str, Any]]:
        """The offer SDP and the session configuration the call starts with."""
        key = self._key_owner(request, prefix)
        if key.startswith("ek_"):
            secret = self.secret(key)
            if secret is None or secret.prefix != prefix:
                raise HttpError(
                    HTTPStatus.UNAUTHORIZED,
                    f"This ephemeral key was created for {secret.prefix if secret else '?'}, "
                    f"not {prefix}.",
                    "invalid_api_key",
                )
            if request.content_type != "application/sdp":
                raise HttpError(
                    HTTPStatus.BAD_REQUEST,
                    "With an ephemeral key, send the offer as the body, Content-Type "
                    "application/sdp.",
                    "invalid_request",
                )
            return await request.text(), secret.config
        if request.content_type != "multipart/form-data":
            raise HttpError(
                HTTPStatus.BAD_REQUEST,
                "With a standard API key, send a multipart form with 'sdp' (the offer) and "
                "'session' (JSON); or create a client secret and send the offer with it.",
                "invalid_request",
            )
        form = await request.post()
        sdp, raw = _text(form.get("sdp")), _text(form.get("session"))
        if not isinstance(sdp, str) or not sdp:
            raise HttpError(
                HTTPStatus.BAD_REQUEST,
                "Missing required parameter: 'sdp'.",
                "missing_required_parameter",
                "sdp",
            )
        try:
            config = json.loads(raw) if isinstance(raw, str) else {}
        except json.JSONDecodeError:
            raise HttpError(
                HTTPStatus.BAD_REQUEST, "'session' is not valid JSON.", "invalid_json", "session"
            ) from None
        if not isinstance(config, dict):
            raise HttpError(HTTPStatus.BAD_REQUEST, "Invalid 'session'.", "invalid_type", "session")
        return sdp, config

    async def _call(self, request: web.Request, prefix: str) -> web.Response:
        offer, config = await self._offer(request, prefix)
        if "m=audio" not in offer or "m=application" not in offer:
            raise HttpError(
                HTTPStatus.BAD_REQUEST,
                "Invalid offer: it needs one audio media section and a data channel.",
                "invalid_offer",
            )
        if self.context.faults.take(FaultName.CALL_RATE_LIMITED):
            raise HttpError(
                HTTPStatus.TOO_MANY_REQUESTS,
                "Rate limit reached for calls. Please try again shortly.",
                "rate_limit_exceeded",
                kind="requests",
            )
        call_id = "rtc_" + secrets.token_hex(12)
        record = ConnectionRecord(
            path=request.path_qs,
            headers=dict(request.headers),
            dialect=self._endpoints[prefix].dialect,
        )
        holder: list[Call] = []

        async def end_call() -> None:
            if holder:
                await self._end(holder[0])

        link = DataChannelLink(record, self.context.options.record_events, end_call)
        session = self._session(prefix, config, link)
        pc = RTCPeerConnection(RTCConfiguration(iceServers=[]))
        speaker = SpeakerTrack(self._reporter(session) if record.dialect == "realtime" else None)
        session.speaker = speaker
        call = Call(call_id, prefix, pc, link, session, speaker)
        holder.append(call)
        self._wire(call)
        try:
            await pc.setRemoteDescription(RTCSessionDescription(sdp=offer, type="offer"))
            await pc.setLocalDescription(await pc.createAnswer())
        except Exception as exc:
            await pc.close()
            raise HttpError(
                HTTPStatus.BAD_REQUEST, f"Invalid offer: {exc}", "invalid_offer"
            ) from None
        answer = pc.localDescription.sdp
        if self.context.faults.take(FaultName.ICE_NEVER_COMPLETES):
            # The answer names a port that never replies, and this side sends no checks of its
            # own (a check from here would let the client learn a working path).
            answer, hole = _unreachable(answer)
            if hole is not None:
                self._blackholes.append(hole)
            await pc.close()
        else:
            self.calls[call_id] = call
        self._connections.append(record)
        return web.Response(
            status=HTTPStatus.CREATED,
            text=answer,
            content_type="application/sdp",
            headers={"Location": f"{prefix}/calls/{call_id}"},
        )

    @staticmethod
    def _reporter(session: WireSession) -> Callable[[str, str], None]:
        return lambda event, response_id: session.emit_soon(event, response_id=response_id)

    def _wire(self, call: Call) -> None:
        pc = call.pc

        @pc.on("track")
        def on_track(track: MediaStreamTrack) -> None:
            if track.kind == "audio":
                pc.addTrack(call.speaker)
                call.spawn(_hear(track, call.session, call.started))

        @pc.on("datachannel")
        def on_datachannel(channel: RTCDataChannel) -> None:
            if channel.label != DATA_CHANNEL or call.started.is_set():
                return
            call.link.attach(channel)
            call.started.set()
            call.spawn(self._run(call))

        @pc.on("connectionstatechange")
        async def on_state() -> None:
            if pc.connectionState in ("failed", "closed"):
                await self._end(call)

    async def _run(self, call: Call) -> None:
        try:
            await call.session.run()
        finally:
            await self._end(call)

    async def _end(self, call: Call) -> None:
        if call.over:
            return
        call.over = True
        self.calls.pop(call.id, None)
        record = call.link.record
        if record.close_code is None and not record.dropped:
            record.close_code = 1000
        call.link.ended()
        call.speaker.stop()
        await call.pc.close()
        current = asyncio.current_task()
        for task in list(call.tasks):
            if task is not current:
                task.cancel()

    async def _hang_up(self, prefix: str, call_id: str) -> web.Response:
        call = self.calls.get(call_id)
        if (
            call is None
            or call.prefix != prefix
            or self.context.faults.take(FaultName.HANGUP_NOT_FOUND)
        ):
            raise HttpError(
                HTTPStatus.NOT_FOUND, f"Call '{call_id}' not found.", "call_not_found", "call_id"
            )
        await self._end(call)
        return web.Response(status=HTTPStatus.OK)


class _NoLink(Link):
    """The link of a session built only to check a configuration: it never carries events."""

    def __init__(self) -> None:
        super().__init__(ConnectionRecord(path="", headers={}), keep=False)

    async def _send_text(self, text: str) -> None:
        raise LinkClosed

    async def messages(self) -> AsyncIterator[str | bytes]:
        return
        yield

    async def close(self, code: int = 1000, reason: str = "") -> None:
        return None

    def drop(self) -> None:
        return None


def _text(part: object) -> str | None:
    """A form part as text, whether aiohttp read it as text, bytes or a file."""
    if isinstance(part, web.FileField):
        part = part.file.read()
    if isinstance(part, bytes | bytearray):
        return bytes(part).decode("utf-8", errors="replace")
    return part if isinstance(part, str) else None


async def _json_body(request: web.Request) -> dict[str, Any]:
    try:
        body = await request.json()
    except (json.JSONDecodeError, UnicodeDecodeError):
        raise HttpError(
            HTTPStatus.BAD_REQUEST, "We could not parse the JSON body of your request.", None
        ) from None
    if not isinstance(body, dict):
        raise HttpError(HTTPStatus.BAD_REQUEST, "The body must be a JSON object.", None)
    return body


_CANDIDATE = re.compile(r"^(a=candidate:\S+ \d+ udp \d+ )(\S+) (\d+)( typ .*)$", re.MULTILINE)


def _unreachable(answer: str) -> tuple[str, socket.socket | None]:
    """The answer with its candidates moved to a bound UDP port that never answers: the
    client's connectivity checks go unanswered, so ICE never completes."""
    found = _CANDIDATE.search(answer)
    if found is None:
        return answer, None
    hole = socket.socket(socket.AF_INET6 if ":" in found[2] else socket.AF_INET, socket.SOCK_DGRAM)
    hole.bind((found[2], 0))
    port = hole.getsockname()[1]
    return _CANDIDATE.sub(lambda m: f"{m[1]}{m[2]} {port}{m[4]}", answer), hole
