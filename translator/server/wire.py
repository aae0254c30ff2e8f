"""What every dialect's session of the local server shares: the event loop of one connection.

A :class:`WireSession` runs on the connection's handler task, on the server's event loop. It
sends ``session.created``, reads client frames in arrival order (binary → ``invalid_event``,
non-JSON → ``invalid_json``, an unknown ``type`` → ``invalid_value``, unknown or missing fields),
dispatches each event to the subclass's ``_on_<type>`` handler, owns the tasks that take server
time (cancelled when the connection ends), expires the session, and applies the harmless noise
faults (unknown events, extra fields) to everything it emits. The GA, beta and translate dialects
are subclasses; a dialect that renames events or reshapes payloads does so in :meth:`shape`.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import json
import logging
import re
import secrets
from collections.abc import Coroutine
from typing import TYPE_CHECKING, Any, ClassVar

import numpy as np

from translator.catalog import load_catalog
from translator.server.app import ServerContext
from translator.server.faults import FaultName
from translator.server.ga_schema import WireError
from translator.server.link import Link, LinkClosed, error_event, new_id

if TYPE_CHECKING:
    from translator.server.webrtc import SpeakerTrack

log = logging.getLogger(__name__)

UNKNOWN_SERVER_EVENT = "session.heartbeat"

ClientEvents = dict[str, tuple[frozenset[str], frozenset[str]]]
"""type → (required fields, optional fields), besides ``type`` and ``event_id``."""

_WORDS = re.compile(r"\s*\S+\s*")


def word_deltas(text: str) -> list[str]:
    """Deltas of one word each that concatenate back to exactly ``text``."""
    parts = _WORDS.findall(text)
    return parts if "".join(parts) == text else [text]


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def decode_pcm16(audio: object, carry: bytes) -> tuple[np.ndarray, bytes]:
    """Samples of a base64 PCM16 append, after ``carry`` (an odd byte left by the previous one).

    Returns the whole samples and the byte left over for the next append.
    """
    try:
        if not isinstance(audio, str):
            raise ValueError
        data = carry + base64.b64decode(audio, validate=True)
    except (ValueError, binascii.Error):
        raise WireError(
            "invalid_value", "Invalid 'audio': expected base64-encoded audio bytes.", "audio"
        ) from None
    even = len(data) // 2 * 2
    return np.frombuffer(data[:even], dtype="<i2").astype(np.int16), data[even:]


class WireSession:
    """One connection's session, whatever its dialect (subclasses add the handlers)."""

    CLIENT_EVENTS: ClassVar[ClientEvents] = {}
    PADDED_DELTAS: ClassVar[frozenset[str]] = frozenset()
    """Streamed text deltas the real service pads with ``obfuscation`` (reference §1.6)."""

    session: dict[str, Any]
    """The effective session as the wire shows it in ``session.created``/``session.updated``."""

    def __init__(self, context: ServerContext, link: Link, model: str) -> None:
        info = load_catalog().model(model)
        assert info is not None  # the endpoint refused unknown models
        self.context = context
        self.options = context.options
        self.clock = context.clock
        self.faults = context.faults
        self.link = link
        self.model = model
        self.info = info
        self.lifetime_s = self.options.session_lifetime_s or info.session_minutes * 60.0
        self.created_at = self.clock.time()
        self._extra_fields = self.faults.active(FaultName.EXTRA_FIELDS) is not None
        self._unknown_events = self.faults.active(FaultName.UNKNOWN_EVENTS) is not None
        self._tasks: set[asyncio.Task[None]] = set()
        self.speaker: SpeakerTrack | None = None
        """On a WebRTC call, the track the session's audio plays on (instead of audio deltas)."""
        self._speaker_carry = b""

    # --- what each dialect defines --------------------------------------------------------------

    def configure(self, config: object) -> None:
        """Apply a ``session`` configuration (as ``session.update`` does); raises ``WireError``."""
        raise NotImplementedError

    async def hear(self, samples: np.ndarray) -> None:
        """Input audio, 24 kHz mono: appended by the client, or the call's microphone track."""
        raise NotImplementedError

    def _begin(self) -> None:
        """Start the tasks a running session needs (a session built only to check a
        configuration never runs)."""

    def _refuse_on_call(self, event_type: str) -> None:
        if self.speaker is not None:
            raise WireError(
                "invalid_value",
                f"{event_type} is not accepted on a WebRTC call: the call's audio track is its "
                "input.",
                "type",
            )

    # --- sending --------------------------------------------------------------------------------

    def shape(self, event_type: str, fields: dict[str, Any]) -> tuple[str, dict[str, Any]] | None:
        """The event as this dialect sends it; ``None`` when the dialect has no such event."""
        return event_type, fields

    async def emit(self, event_type: str, **fields: Any) -> None:
        shaped = self.shape(event_type, fields)
        if shaped is None:
            return
        event_type, fields = shaped
        event: dict[str, Any] = {"type": event_type, "event_id": new_id("event_"), **fields}
        if event_type in self.PADDED_DELTAS:
            event["obfuscation"] = secrets.token_hex(4)
        if self._extra_fields:
            event["server_trace"] = {"local": True}
        await self.link.send(event)

    async def send_audio(
        self, event_type: str, pcm: bytes, response_id: str | None, /, **fields: Any
    ) -> None:
        """Output audio: an audio delta event, or on a WebRTC call the speaker track."""
        if self.speaker is None:
            await self.emit(event_type, delta=b64(pcm), **fields)
            return
        data = self._speaker_carry + pcm
        even = len(data) // 2 * 2
        self._speaker_carry = data[even:]
        self.speaker.play(np.frombuffer(data[:even], dtype="<i2"), response_id)

    def emit_soon(self, event_type: str, **fields: Any) -> None:
        """Emit from a callback that cannot wait (the speaker track's)."""
        self._spawn(self.emit(event_type, **fields))

    async def _error(self, error: WireError, client_event_id: str | None) -> None:
        event = error_event(error, client_event_id)
        if self._extra_fields:
            event["server_trace"] = {"local": True}
        await self.link.send(event)

    # --- tasks and lifetime ---------------------------------------------------------------------

    def _spawn(self, coroutine: Coroutine[Any, Any, None]) -> asyncio.Task[None]:
        task = asyncio.create_task(coroutine)
        self._tasks.add(task)
        task.add_done_callback(self._task_done)
        return task

    def _task_done(self, task: asyncio.Task[None]) -> None:
        self._tasks.discard(task)
        exc = None if task.cancelled() else task.exception()
        if exc is not None and not isinstance(exc, LinkClosed):
            log.error("local server task failed", exc_info=exc)

    async def run(self) -> None:
        try:
            if (slow := self.faults.take(FaultName.SLOW_FIRST_EVENT)) is not None:
                await self.clock.sleep(slow.seconds or 0.0)
            await self.emit("session.created", session=self.session)
            if self._unknown_events:
                await self.emit(UNKNOWN_SERVER_EVENT, note="an event type clients do not know")
            self._spawn(self._expire())
            self._begin()
            async for message in self.link.messages():
                await self.handle(message)
        except LinkClosed:
            pass
        finally:
            for task in list(self._tasks):
                task.cancel()
            await asyncio.gather(*self._tasks, return_exceptions=True)

    async def _expire(self) -> None:
        lifetime = self.lifetime_s
        if (early := self.faults.take(FaultName.SESSION_EXPIRED)) is not None:
            lifetime = min(lifetime, early.seconds or 0.0)
        await self.clock.sleep(lifetime)
        minutes = f"{self.lifetime_s / 60:g}"
        await self._error(
            WireError(
                "session_expired", f"Your session hit the maximum duration of {minutes} minutes."
            ),
            None,
        )
        await self.link.close(1000, "invalid_request_error.session_expired")

    # --- receiving ------------------------------------------------------------------------------

    async def handle(self, message: str | bytes) -> None:
        if isinstance(message, bytes):
            self.link.received(message)
            await self._error(
                WireError(
                    "invalid_event",
                    "Expected a text WebSocket message containing a JSON client event, "
                    "but got a binary message.",
                ),
                None,
            )
            return
        try:
            event = json.loads(message)
        except json.JSONDecodeError as exc:
            self.link.received(message)
            await self._error(
                WireError("invalid_json", f"The client event is not valid JSON: {exc}."), None
            )
            return
        self.link.received(event)
        client_event_id = event.get("event_id") if isinstance(event, dict) else None
        if not isinstance(client_event_id, str):
            client_event_id = None
        try:
            await self._dispatch(event, client_event_id)
        except WireError as error:
            await self._error(error, client_event_id)

    async def _dispatch(self, event: object, client_event_id: str | None) -> None:
        if not isinstance(event, dict) or "type" not in event:
            raise WireError("invalid_event", "The client event has no 'type' field.", "type")
        kind = event["type"]
        if not isinstance(kind, str) or kind not in self.CLIENT_EVENTS:
            supported = ", ".join(f"'{name}'" for name in self.CLIENT_EVENTS)
            raise WireError(
                "invalid_value",
                f"Invalid value: '{kind}'. Supported values are: {supported}.",
                "type",
            )
        required, optional = self.CLIENT_EVENTS[kind]
        for name in event:
            if name not in required and name not in optional and name not in ("type", "event_id"):
                raise WireError("unknown_parameter", f"Unknown parameter: '{name}'.", name)
        for name in sorted(required):
            if name not in event:
                raise WireError(
                    "missing_required_parameter", f"Missing required parameter: '{name}'.", name
                )
        handler = getattr(self, "_on_" + kind.replace(".", "_"))
        await handler(event, client_event_id)
