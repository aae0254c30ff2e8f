"""The client's internal protocol vocabulary: commands it sends and server events it understands.

Every dialect (GA ``realtime``, ``translate``, the beta ``legacy`` shape) is an adapter at the edge
(``dialects.py``) that encodes these commands to JSON and decodes JSON into these events, so the
session layer never sees a wire name. Events the client does not act on decode to ``Unhandled``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# --------------------------------------------------------------------------- client commands


@dataclass(frozen=True)
class AppendAudio:
    """24 kHz mono PCM16 little-endian bytes for the input buffer."""

    pcm: bytes


@dataclass(frozen=True)
class CommitInput:
    pass


@dataclass(frozen=True)
class ClearInput:
    pass


@dataclass(frozen=True)
class CreateResponse:
    """Ask for one response. ``context`` lists item ids (oldest first) the response may read;
    ``None`` means the whole default conversation."""

    context: tuple[str, ...] | None = None


@dataclass(frozen=True)
class CancelResponse:
    response_id: str | None = None


@dataclass(frozen=True)
class TruncateItem:
    item_id: str
    audio_end_ms: int


@dataclass(frozen=True)
class DeleteItem:
    item_id: str


@dataclass(frozen=True)
class CreateTextItem:
    """Replay a turn as text (context after a reconnect): ``role`` user, assistant or system."""

    item_id: str
    role: str
    text: str


@dataclass(frozen=True)
class CreateAudioItem:
    """Re-send a committed utterance's audio as a user item (recovery after a reconnect)."""

    item_id: str
    pcm: bytes


@dataclass(frozen=True)
class CloseSession:
    """Graceful close where the dialect has one (translate: flush, then ``session.closed``)."""


Command = (
    AppendAudio
    | CommitInput
    | ClearInput
    | CreateResponse
    | CancelResponse
    | TruncateItem
    | DeleteItem
    | CreateTextItem
    | CreateAudioItem
    | CloseSession
)

# --------------------------------------------------------------------------- server events


@dataclass(frozen=True)
class SessionCreated:
    session_id: str
    model: str | None
    expires_at: float | None  # unix seconds
    session: dict[str, Any] = field(repr=False)


@dataclass(frozen=True)
class SessionUpdated:
    session: dict[str, Any] = field(repr=False)


@dataclass(frozen=True)
class SessionClosed:
    pass


@dataclass(frozen=True)
class SpeechStarted:
    item_id: str
    audio_start_ms: int


@dataclass(frozen=True)
class SpeechStopped:
    item_id: str
    audio_end_ms: int


@dataclass(frozen=True)
class InputCommitted:
    item_id: str
    previous_item_id: str | None


@dataclass(frozen=True)
class ItemAdded:
    """An item joined the conversation (GA ``conversation.item.added``, beta ``.created``)."""

    item_id: str
    role: str | None
    previous_item_id: str | None


@dataclass(frozen=True)
class ItemDeleted:
    item_id: str


@dataclass(frozen=True)
class ItemTruncated:
    item_id: str
    audio_end_ms: int


@dataclass(frozen=True)
class InputTranscriptDelta:
    item_id: str
    delta: str


@dataclass(frozen=True)
class InputTranscriptDone:
    item_id: str
    transcript: str


@dataclass(frozen=True)
class InputTranscriptFailed:
    item_id: str
    message: str


@dataclass(frozen=True)
class ResponseCreated:
    response_id: str


@dataclass(frozen=True)
class OutputItemAdded:
    response_id: str
    item_id: str


@dataclass(frozen=True)
class AudioDelta:
    response_id: str
    item_id: str
    pcm: bytes = field(repr=False)


@dataclass(frozen=True)
class AudioDone:
    response_id: str
    item_id: str


@dataclass(frozen=True)
class TranscriptDelta:
    response_id: str
    item_id: str
    delta: str


@dataclass(frozen=True)
class TranscriptDone:
    response_id: str
    item_id: str
    transcript: str


@dataclass(frozen=True)
class Usage:
    """Token usage of one response (reference §6.2); cached tokens are a subset of input."""

    input_text: int = 0
    input_audio: int = 0
    cached_text: int = 0
    cached_audio: int = 0
    output_text: int = 0
    output_audio: int = 0
    audio_seconds: float = 0.0  # translate engine: billed by input audio duration

    def __add__(self, other: Usage) -> Usage:
        return Usage(
            self.input_text + other.input_text,
            self.input_audio + other.input_audio,
            self.cached_text + other.cached_text,
            self.cached_audio + other.cached_audio,
            self.output_text + other.output_text,
            self.output_audio + other.output_audio,
            self.audio_seconds + other.audio_seconds,
        )


@dataclass(frozen=True)
class ErrorDetail:
    type: str
    code: str | None
    message: str
    param: str | None = None
    event_id: str | None = None


@dataclass(frozen=True)
class ResponseDone:
    response_id: str
    status: str  # completed | cancelled | failed | incomplete
    reason: str | None
    error: ErrorDetail | None
    usage: Usage | None
    item_ids: tuple[str, ...]


@dataclass(frozen=True)
class RateLimit:
    name: str
    limit: int
    remaining: int
    reset_seconds: float


@dataclass(frozen=True)
class RateLimitsUpdated:
    limits: tuple[RateLimit, ...]


@dataclass(frozen=True)
class ServerError:
    error: ErrorDetail


@dataclass(frozen=True)
class StreamText:
    """Translate engine: a transcript fragment of the input (``source``) or output stream,
    with its position on the input timeline."""

    source: bool
    delta: str
    elapsed_ms: int | None


@dataclass(frozen=True)
class StreamAudio:
    """Translate engine: a piece of translated speech (24 kHz PCM16; length varies)."""

    pcm: bytes = field(repr=False)
    elapsed_ms: int | None = None


@dataclass(frozen=True)
class Unhandled:
    """A valid event the client does not act on, or an unknown (newer) event type."""

    type: str


ServerEvent = (
    SessionCreated
    | SessionUpdated
    | SessionClosed
    | SpeechStarted
    | SpeechStopped
    | InputCommitted
    | ItemAdded
    | ItemDeleted
    | ItemTruncated
    | InputTranscriptDelta
    | InputTranscriptDone
    | InputTranscriptFailed
    | ResponseCreated
    | OutputItemAdded
    | AudioDelta
    | AudioDone
    | TranscriptDelta
    | TranscriptDone
    | ResponseDone
    | RateLimitsUpdated
    | ServerError
    | StreamText
    | StreamAudio
    | Unhandled
)
