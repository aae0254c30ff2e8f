"""One direction's interpreting session over Realtime connections that come and go.

Runs on one asyncio loop (qasync in the window, plain asyncio on the command line). It owns:

- the interpreting policy: the service neither starts nor interrupts responses; the session asks
  for exactly one translation per committed utterance, in order, each after the previous
  ``response.done``, with a bounded context (instructions plus the last few turns);
- the input history (at least 120 s), so no speech is lost when a connection drops: audio since
  the earliest unfinished utterance is sent again and the service segments it again;
- reconnection (full-jitter backoff, fatal after two minutes), rotation before ``expires_at``
  (a second connection opened early, switched to when idle, forced shortly before expiry), rate
  limits (back off, ask again on the same socket), and the bill.

Server item ids and ``audio_*_ms`` restart with every connection; the session's own utterance ids
and its global sample positions (24 kHz, since the session started) do not.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
import time
from collections import deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field, replace
from typing import Literal, TypeVar

from translator.catalog import ModelInfo, load_catalog
from translator.realtime import events as ev
from translator.realtime.config import TranslationConfig
from translator.realtime.dialects import Dialect, dialect_for
from translator.realtime.endpoints import Endpoint
from translator.realtime.errors import (
    ConfigurationRejected,
    ConnectionLost,
    FatalSessionError,
    RealtimeError,
    fatal_error,
)
from translator.realtime.playback import PlaybackTracker
from translator.realtime.pricing import cost_usd
from translator.realtime.transport import AnyConnection, open_connection

log = logging.getLogger(__name__)
T = TypeVar("T")

RATE = 24_000
BYTES_PER_SAMPLE = 2
BENIGN_ERRORS = {
    "response_cancel_not_active",
    "conversation_already_has_active_response",
    "input_audio_buffer_commit_empty",
}
RATE_LIMIT_ERRORS = {"rate_limit_exceeded", "inference_rate_limit_exceeded"}

# --------------------------------------------------------------------------- what callers see


@dataclass(frozen=True)
class Status:
    state: Literal["connecting", "ready", "reconnecting", "rotating", "closed"]
    detail: str = ""


@dataclass(frozen=True)
class UtteranceCommitted:
    utterance_id: int
    start_s: float  # on the session's input timeline (seconds since the first sample)
    end_s: float


@dataclass(frozen=True)
class SourceText:
    utterance_id: int
    text: str
    final: bool


@dataclass(frozen=True)
class TranslationAudio:
    utterance_id: int
    item_id: str  # the key the playback tracker counts played samples under
    pcm: bytes = field(repr=False)


@dataclass(frozen=True)
class TranslationText:
    utterance_id: int
    delta: str


@dataclass(frozen=True)
class TranslationRestarted:
    """The translation of this utterance starts over (its connection dropped mid-response): fade
    out what is still queued of ``item_id`` and drop its partial text."""

    utterance_id: int
    item_id: str | None


@dataclass(frozen=True)
class TranslationDone:
    utterance_id: int
    item_id: str | None
    text: str
    status: str  # completed | incomplete | cancelled | failed


@dataclass(frozen=True)
class CostUpdated:
    usage: ev.Usage
    usd: float


@dataclass(frozen=True)
class RateLimitsChanged:
    limits: tuple[ev.RateLimit, ...]


@dataclass(frozen=True)
class Failed:
    error: RealtimeError


SessionEvent = (
    Status
    | UtteranceCommitted
    | SourceText
    | TranslationAudio
    | TranslationText
    | TranslationRestarted
    | TranslationDone
    | CostUpdated
    | RateLimitsChanged
    | Failed
)


@dataclass(frozen=True)
class SessionPolicy:
    """The failure model's numbers (architecture, "Failure model")."""

    backoff_base_s: float = 0.5
    backoff_cap_s: float = 15.0
    give_up_after_s: float = 120.0
    input_history_s: float = 120.0
    rotate_lead_s: float = 300.0  # open the next connection this long before expiry (≤ lifetime/4)
    force_switch_s: float = 30.0  # switch even if busy this long before expiry (≤ lifetime/20)
    rate_limit_backoff_s: float = 1.0
    rate_limit_backoff_cap_s: float = 20.0


async def open_with_backoff(open_once: Callable[[], Awaitable[T]], policy: SessionPolicy) -> T:
    """Retry ``open_once`` with full-jitter exponential backoff until it succeeds, a fatal
    error occurs, or ``policy.give_up_after_s`` passes (then ``ConnectionLost``)."""
    loop = asyncio.get_running_loop()
    give_up = loop.time() + policy.give_up_after_s
    attempt = 0
    while True:
        await asyncio.sleep(
            random.uniform(0, min(policy.backoff_cap_s, policy.backoff_base_s * 2**attempt))
        )
        attempt += 1
        try:
            return await open_once()
        except FatalSessionError:
            raise
        except Exception as exc:  # OSError, handshake failures, timeouts, transient closes
            if loop.time() >= give_up:
                raise ConnectionLost(
                    f"could not reconnect for {policy.give_up_after_s:.0f} s ({exc})",
                    "check the network connection, then press Start again",
                ) from exc
            log.info("reconnect attempt %d failed: %s", attempt, exc)


# --------------------------------------------------------------------------- internal state


@dataclass(eq=False)
class _Utterance:
    id: int
    start: int  # global samples
    end: int
    state: Literal["committed", "requested", "audio_complete", "recovering", "done"] = "committed"
    link: _Link | None = None
    item_id: str | None = None  # the user item on ``link``
    response_id: str | None = None
    out_item: str | None = None  # the assistant item being played
    source_text: str = ""
    source_final: bool = False
    translation: str = ""
    received_samples: int = 0
    odd_byte: bytes = b""  # a delta may end mid-sample; the next one completes it
    out_item_deleted: bool = False
    rate_limited: int = 0
    request_event_id: str | None = None


@dataclass(eq=False)
class _Link:
    conn: AnyConnection
    origin: int = 0  # global sample index of the first audio sent to this connection
    sent: int = 0  # samples sent to it
    ready: asyncio.Event = field(default_factory=asyncio.Event)
    update_event_id: str | None = None
    last_error: ev.ErrorDetail | None = None
    expires_in: float | None = None  # seconds of life left when session.created arrived
    created_at: float = 0.0  # monotonic
    speech: dict[str, int] = field(default_factory=dict)  # item id → global start sample
    speech_end: dict[str, int] = field(default_factory=dict)
    early_text: dict[str, str] = field(default_factory=dict)  # transcripts before their commit
    last_commit_end: int = 0
    items: dict[str, _Utterance] = field(default_factory=dict)
    responses: dict[str, _Utterance] = field(default_factory=dict)
    awaiting_created: deque[_Utterance] = field(default_factory=deque)
    active_response: str | None = None
    cancelled: set[str] = field(default_factory=set)
    context: deque[tuple[int, tuple[str, ...]]] = field(default_factory=deque)  # (utt, item ids)
    retry_handle: asyncio.TimerHandle | None = None
    retired: bool = False  # replaced by another connection that was sent the same audio

    @property
    def busy(self) -> bool:
        return bool(self.active_response or self.awaiting_created or self.retry_handle)


class RealtimeSession:
    """Interprets one direction. Feed 24 kHz PCM16 with ``append``; events go to ``sink``."""

    def __init__(
        self,
        endpoint: Endpoint,
        config: TranslationConfig,
        sink: Callable[[SessionEvent], None],
        *,
        dialect: Dialect | None = None,
        tracker: PlaybackTracker | None = None,
        policy: SessionPolicy | None = None,
        wall_clock: Callable[[], float] = time.time,
        accept: Callable[[str], bool] | None = None,
    ) -> None:
        """``accept``: when given, each utterance waits for its source transcript and is
        translated only if ``accept(transcript)`` (face to face: is it this direction's
        language?); otherwise it ends ``untranslated``."""
        self.endpoint = endpoint
        self._accept = accept
        self.config = config
        self.dialect: Dialect = dialect or dialect_for(endpoint.dialect)
        self.tracker = tracker
        self.policy = policy or SessionPolicy()
        self._sink = sink
        self._wall_clock = wall_clock
        model = load_catalog().model(config.model)
        self.model: ModelInfo | None = model
        self._history: deque[tuple[int, bytes]] = deque()  # (global start sample, pcm)
        self._total = 0  # global samples appended
        self._utterances: list[_Utterance] = []
        self._next_id = 1
        self._active: _Link | None = None
        self._standby: _Link | None = None
        self._links: list[_Link] = []
        self._usage = ev.Usage()
        self._supervisor: asyncio.Task[None] | None = None
        self._rotation: asyncio.Task[None] | None = None
        self._changed = asyncio.Event()  # something worth re-checking (idle, drain)
        self._closing = False
        self._closers: set[asyncio.Task[None]] = set()
        self._awaiting_source: set[int] = set()  # utterances whose source text may still come
        self.error: RealtimeError | None = None
        self.fallback: str | None = None
        """Why this session's WebRTC call gave way to a WebSocket (``auto`` transport)."""
        self.transport: Literal["websocket", "webrtc"] = "websocket"
        """What the current connection is (the endpoint's ``auto`` resolved)."""

    # ------------------------------------------------------------------ public API

    async def start(self) -> None:
        """Connect and configure; raises a ``FatalSessionError`` the user must act on."""
        self._emit(Status("connecting", str(self.endpoint)))
        link = await self._open_link()
        self._attach(link, resend_from=0)
        self._supervisor = asyncio.create_task(self._supervise(), name="realtime-supervisor")
        self._emit(Status("ready", self.fallback or ""))

    def append(self, pcm: bytes) -> None:
        """Queue captured audio (24 kHz mono PCM16). Never blocks; kept for replay."""
        if not pcm:
            return
        self._history.append((self._total, pcm))
        self._total += len(pcm) // BYTES_PER_SAMPLE
        self._trim_history()
        link = self._active
        if link is not None and link.ready.is_set() and not link.conn.closed.done():
            self._send_audio(link, pcm)

    def commit(self) -> None:
        """End the current utterance (manual turn detection: push-to-talk released)."""
        link = self._active
        if link is not None and link.ready.is_set():
            link.conn.send(ev.CommitInput())

    def stop(self, item_id: str | None = None) -> None:
        """The user stopped the translation playing now: cancel it and truncate it at what was
        heard. The caller has already faded the audio out."""
        utt = self._playing(item_id)
        if utt is None or utt.link is None:
            return
        link = utt.link
        if utt.response_id and utt.response_id == link.active_response:
            link.cancelled.add(utt.response_id)
            link.conn.send(ev.CancelResponse(utt.response_id))
        if utt.out_item and not utt.out_item_deleted:
            played = self.tracker.played_samples(utt.out_item) if self.tracker else 0
            audio_end_ms = min(played, utt.received_samples) * 1000 // RATE
            link.conn.send(ev.TruncateItem(utt.out_item, audio_end_ms))

    def pending(self) -> int:
        """Utterances committed and not yet fully translated."""
        return sum(1 for u in self._utterances if u.state != "done")

    def receiving(self) -> bool:
        """A translation's audio is arriving now."""
        return any(u.state == "requested" for u in self._utterances)

    async def drain(self, timeout: float, settle: float = 0.75) -> bool:
        """Wait until all input reached the service, every utterance it found is translated
        (with its source text), and nothing new turned up for ``settle`` seconds."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        quiet_since: float | None = None
        while True:
            if self.error is not None:
                return False
            now = loop.time()
            if self._busy():
                quiet_since = None
            elif quiet_since is None:
                quiet_since = now
            elif now - quiet_since >= settle:
                return True
            if now >= deadline:
                return False
            self._changed.clear()
            wait = deadline - now if quiet_since is None else settle - (now - quiet_since)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._changed.wait(), max(0.01, wait))

    def _busy(self) -> bool:
        link = self._active
        if link is None or not link.ready.is_set() or link.conn.closed.done():
            return True
        if link.origin + link.sent < self._total:
            return True
        return bool(self.pending() or link.speech or self._awaiting_source)

    async def close(self) -> None:
        self._closing = True
        for task in (self._rotation, self._supervisor):
            if task is not None:
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await task
        for link in list(self._links):
            await link.conn.close()
        self._links.clear()
        self._emit(Status("closed"))

    @property
    def usage(self) -> ev.Usage:
        return self._usage

    @property
    def cost_usd(self) -> float:
        return cost_usd(self._usage, self.model) if self.model else 0.0

    @property
    def connections(self) -> list[AnyConnection]:
        return [link.conn for link in self._links]

    # ------------------------------------------------------------------ connections

    async def _open_link(self) -> _Link:
        """Open and configure one connection (not yet receiving audio)."""
        link: _Link | None = None

        def on_event(conn: AnyConnection, event: ev.ServerEvent) -> None:
            assert link is not None
            self._on_event(link, event)

        td = self.config.turn_detection
        opened = await open_connection(
            self.endpoint, self.dialect, on_event, turn_pause_s=td.silence_duration_ms / 1000
        )
        link = _Link(conn=opened.connection)
        self.transport = opened.transport
        if opened.fallback is not None:  # the session stays on WebSocket from now on
            self.endpoint = replace(self.endpoint, transport="websocket")
            self.fallback = opened.fallback
        self._links.append(link)
        link.created_at = asyncio.get_running_loop().time()
        link.update_event_id = link.conn.send_raw(self.dialect.session_update(self.config))
        if not await link.conn.wait_for(link.ready):
            self._links.remove(link)
            raise self._link_error(link)
        if self._config_error(link) is not None:
            await link.conn.close()
            self._links.remove(link)
            raise self._link_error(link)
        return link

    def _config_error(self, link: _Link) -> ev.ErrorDetail | None:
        err = link.last_error
        return err if err is not None and err.event_id == link.update_event_id else None

    def _link_error(self, link: _Link) -> RealtimeError:
        err = link.last_error
        closed = link.conn.closed.result() if link.conn.closed.done() else None
        code = closed.code if closed else None
        if err is not None and err.event_id and err.event_id == link.update_event_id:
            return ConfigurationRejected(
                f"the service rejected the session settings ({err.message})",
                "change the model, voice or audio settings; this model may not support them",
                code=err.code,
            )
        fatal = fatal_error(
            err.code if err else None, err.message if err else "", code, model=self.endpoint.model
        )
        if fatal is not None:
            return fatal
        return ConnectionLost(
            f"the connection ended ({code}: {closed.reason if closed else 'no answer'})",
            "check the network; the session will reconnect",
        )

    def _attach(self, link: _Link, resend_from: int) -> None:
        """Make ``link`` the one that receives audio, from global sample ``resend_from`` on."""
        self._replay_context(link)
        link.origin = resend_from
        link.last_commit_end = resend_from
        self._active = link
        manual = self.config.turn_detection.kind == "manual"
        for utt in self._utterances:
            if utt.state == "recovering" and (manual or utt.end <= resend_from):
                self._recreate(link, utt)
        for start, pcm in self._history:
            end = start + len(pcm) // BYTES_PER_SAMPLE
            if end <= resend_from:
                continue
            skip = max(0, resend_from - start) * BYTES_PER_SAMPLE
            self._send_audio(link, pcm[skip:])
        self._pump(link)

    def _replay_context(self, link: _Link) -> None:
        """Give a fresh connection the last few turns, so terms stay consistent."""
        keep = self.config.retained_turns
        retained = [u for u in self._utterances if u.state == "done" and u.translation]
        for utt in retained[-keep:] if keep else []:
            self._add_text_turn(link, utt)

    def _add_text_turn(self, link: _Link, utt: _Utterance) -> None:
        """Context is kept as text: a turn re-read as audio costs ~15× more on every response,
        and a sliding window of audio items never hits the prompt cache."""
        ids: list[str] = []
        if utt.source_final and utt.source_text:
            ids.append(f"ctx_{utt.id}_u")
            link.conn.send(ev.CreateTextItem(ids[-1], "user", utt.source_text))
        if utt.translation:
            ids.append(f"ctx_{utt.id}_a")
            link.conn.send(ev.CreateTextItem(ids[-1], "assistant", utt.translation))
        if ids:
            link.context.append((utt.id, tuple(ids)))
            self._forget_old_turns(link)

    def _recreate(self, link: _Link, utt: _Utterance) -> None:
        """Send a committed utterance's audio as a user item (the service did not re-segment
        it, or turns are manual)."""
        item_id = f"utt_{utt.id}_{link.conn.id}"
        link.conn.send(ev.CreateAudioItem(item_id, self._audio(utt.start, utt.end)))
        self._bind(link, utt, item_id)

    def _bind(self, link: _Link, utt: _Utterance, item_id: str) -> None:
        utt.link, utt.item_id, utt.state = link, item_id, "committed"
        utt.response_id = utt.out_item = None
        utt.received_samples, utt.odd_byte, utt.out_item_deleted = 0, b"", False
        link.items[item_id] = utt

    def _send_audio(self, link: _Link, pcm: bytes) -> None:
        link.conn.send(ev.AppendAudio(pcm))
        link.sent += len(pcm) // BYTES_PER_SAMPLE

    async def _supervise(self) -> None:
        """Watch the active connection; reconnect on transient loss, stop on fatal errors."""
        while not self._closing:
            link = self._active
            assert link is not None
            self._schedule_rotation(link)
            closed = await link.conn.closed
            if self._closing or self.error is not None:
                return
            if link is not self._active:  # rotated away: the new one is watched next
                continue
            fatal = fatal_error(
                link.last_error.code if link.last_error else None,
                link.last_error.message if link.last_error else "",
                closed.code,
                model=self.endpoint.model,
            )
            if fatal is not None:
                self._fail(fatal)
                return
            log.info(
                "connection %s lost (%s %s); reconnecting", link.conn.id, closed.code, closed.reason
            )
            self._emit(Status("reconnecting", f"connection lost ({closed.code})"))
            resend_from = self._begin_recovery(link)
            try:
                standby = self._standby
                new = standby if standby and self._standby_usable() else await self._reconnect()
            except RealtimeError as exc:
                self._fail(exc)
                return
            self._standby = None
            with contextlib.suppress(ValueError):
                self._links.remove(link)
            self._attach(new, resend_from)
            self._emit(Status("ready"))

    async def _reconnect(self) -> _Link:
        return await open_with_backoff(self._open_link, self.policy)

    def _standby_usable(self) -> bool:
        s = self._standby
        return s is not None and s.ready.is_set() and not s.conn.closed.done()

    def _begin_recovery(self, link: _Link) -> int:
        """The link is gone: decide what was delivered, what must be asked again, and from which
        sample the input must be sent again."""
        link.retired = True
        if link.retry_handle is not None:
            link.retry_handle.cancel()
            link.retry_handle = None
        resend_from = link.last_commit_end
        for utt in self._utterances:
            if utt.link is not link or utt.state == "done":
                continue
            if utt.state == "audio_complete":  # all its audio arrived: delivered
                self._finish_utterance(utt, "completed")
                continue
            if utt.received_samples or utt.translation:
                self._emit(TranslationRestarted(utt.id, utt.out_item))
            utt.state = "recovering"
            utt.link = utt.item_id = utt.response_id = utt.out_item = None
            utt.translation, utt.received_samples = "", 0
            resend_from = min(resend_from, utt.start)
        # What the old connection still sends about a response handed to recovery (deltas, its
        # response.done, in flight while it closes) must not reach that utterance: it would be
        # played or finished twice, and its re-segmented audio then taken for a new utterance.
        link.responses = {rid: u for rid, u in link.responses.items() if u.link is link}
        link.awaiting_created.clear()
        return resend_from

    # ------------------------------------------------------------------ rotation

    def _schedule_rotation(self, link: _Link) -> None:
        if self._rotation is not None and not self._rotation.done():
            return
        if link.expires_in is None:
            return
        self._rotation = asyncio.create_task(self._rotate(link), name="realtime-rotation")

    async def _rotate(self, link: _Link) -> None:
        assert link.expires_in is not None
        loop = asyncio.get_running_loop()
        lifetime = link.expires_in
        expires = link.created_at + lifetime
        open_at = expires - min(self.policy.rotate_lead_s, lifetime / 4)
        force_at = expires - min(self.policy.force_switch_s, lifetime / 20)
        await asyncio.sleep(max(0.0, open_at - loop.time()))
        if link is not self._active or link.conn.closed.done():
            return
        self._emit(Status("rotating", "renewing the session before it expires"))
        try:
            self._standby = await self._open_link()
        except RealtimeError as exc:
            log.info("could not open the next session early (%s); will reconnect at expiry", exc)
            return
        while loop.time() < force_at and not link.conn.closed.done():
            if self._idle(link):
                break
            self._changed.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._changed.wait(), max(0.01, force_at - loop.time()))
        if link is not self._active or not self._standby_usable():
            return
        new, self._standby = self._standby, None
        assert new is not None
        resend_from = self._begin_recovery(link) if not self._idle(link) else link.last_commit_end
        link.retired = True
        self._attach(new, resend_from)
        self._rotation = None
        self._schedule_rotation(new)
        self._emit(Status("ready"))
        with contextlib.suppress(ValueError):
            self._links.remove(link)
        await link.conn.close()

    def _idle(self, link: _Link) -> bool:
        return (
            not link.busy
            and not link.speech
            and not any(u.link is link and u.state != "done" for u in self._utterances)
        )

    # ------------------------------------------------------------------ server events

    def _on_event(self, link: _Link, event: ev.ServerEvent) -> None:
        if link.retired and isinstance(
            event, ev.SpeechStarted | ev.SpeechStopped | ev.InputCommitted
        ):
            return  # a replaced connection: its successor was sent the same audio
        match event:
            case ev.SessionCreated(expires_at=expires_at) if expires_at:
                link.expires_in = max(1.0, expires_at - self._wall_clock())
            case ev.SessionUpdated():
                link.ready.set()
            case ev.SpeechStarted(item_id, audio_start_ms):
                link.speech[item_id] = link.origin + link.conn.input_sample(
                    audio_start_ms * RATE // 1000
                )
            case ev.SpeechStopped(item_id, audio_end_ms):
                # audio_end_ms includes the silence window that ended the turn; the speech
                # itself ended that much earlier
                td = self.config.turn_detection
                silence = td.silence_duration_ms if td.kind == "server_vad" else 0
                start = link.speech.get(item_id, link.origin)
                end = link.origin + link.conn.input_sample((audio_end_ms - silence) * RATE // 1000)
                link.speech_end[item_id] = max(start, end)
            case ev.InputCommitted(item_id):
                self._on_committed(link, item_id)
            case ev.InputTranscriptDelta(item_id, delta):
                if (utt := link.items.get(item_id)) and not utt.source_final:
                    utt.source_text += delta
                    self._emit(SourceText(utt.id, utt.source_text, final=False))
            case ev.InputTranscriptFailed(item_id, message):
                if utt := link.items.get(item_id):
                    log.info("no source transcript for utterance %d: %s", utt.id, message)
                    self._awaiting_source.discard(utt.id)
                    self._pump(link)
            case ev.InputTranscriptDone(item_id, transcript):
                if utt := link.items.get(item_id):
                    self._set_source(utt, transcript)
                else:  # arrived before its commit: keep it for when the item is known
                    link.early_text[item_id] = transcript
            case ev.ResponseCreated(response_id):
                link.active_response = response_id
                if link.awaiting_created:
                    utt = link.awaiting_created.popleft()
                    utt.response_id = response_id
                    link.responses[response_id] = utt
            case ev.OutputItemAdded(response_id, item_id):
                if utt := link.responses.get(response_id):
                    utt.out_item = utt.out_item or item_id
            case ev.AudioDelta(response_id, item_id, pcm):
                utt = link.responses.get(response_id)
                if utt is None or response_id in link.cancelled or utt.state == "done":
                    return
                utt.out_item = utt.out_item or item_id
                pcm = utt.odd_byte + pcm
                whole = len(pcm) - len(pcm) % BYTES_PER_SAMPLE
                pcm, utt.odd_byte = pcm[:whole], pcm[whole:]
                if pcm:
                    utt.received_samples += whole // BYTES_PER_SAMPLE
                    self._emit(TranslationAudio(utt.id, item_id, pcm))
            case ev.TranscriptDelta(response_id, _, delta):
                utt = link.responses.get(response_id)
                if utt is not None and response_id not in link.cancelled and utt.state != "done":
                    utt.translation += delta
                    self._emit(TranslationText(utt.id, delta))
            case ev.AudioDone(response_id):
                utt = link.responses.get(response_id)
                if utt is not None and utt.state == "requested":
                    utt.state = "audio_complete"
            case ev.TranscriptDone(response_id, _, transcript):
                utt = link.responses.get(response_id)
                if utt is not None and utt.state != "done":
                    utt.translation = transcript
            case ev.ResponseDone():
                self._on_response_done(link, event)
            case ev.RateLimitsUpdated(limits):
                self._emit(RateLimitsChanged(limits))
            case ev.ServerError(error):
                self._on_error(link, error)
            case _:
                pass
        self._changed.set()

    def _set_source(self, utt: _Utterance, transcript: str) -> None:
        utt.source_text, utt.source_final = transcript, True
        self._awaiting_source.discard(utt.id)
        self._emit(SourceText(utt.id, transcript, final=True))
        link = utt.link
        if self._accept is not None and link is not None:
            self._pump(link)
        if utt.state == "done" and link is not None and utt.item_id in link.items:
            link.conn.send(ev.DeleteItem(utt.item_id))  # its deletion waited for the transcript
            del link.items[utt.item_id]

    def _on_committed(self, link: _Link, item_id: str) -> None:
        if item_id in link.items:
            return  # a repeated commit of an item already known
        start = link.speech.pop(item_id, link.last_commit_end)
        end = link.speech_end.pop(item_id, link.origin + link.sent)
        link.last_commit_end = max(link.last_commit_end, end)
        # The same audio, segmented again after a reconnect: it is the utterance it was before.
        recovering = [u for u in self._utterances if u.state == "recovering"]
        for utt in recovering:
            if utt.end <= start:  # the service found no speech there this time
                self._recreate(link, utt)
        again = next((u for u in recovering if u.start < end and start < u.end), None)
        if again is not None:
            self._bind(link, again, item_id)
        else:
            utt = _Utterance(self._next_id, start, end)
            self._next_id += 1
            self._utterances.append(utt)
            if self.config.transcription_model:
                self._awaiting_source.add(utt.id)
            self._bind(link, utt, item_id)
            self._emit(UtteranceCommitted(utt.id, start / RATE, end / RATE))
        if item_id in link.early_text:
            self._set_source(link.items[item_id], link.early_text.pop(item_id))
        self._pump(link)

    def _on_response_done(self, link: _Link, done: ev.ResponseDone) -> None:
        if link.active_response == done.response_id:
            link.active_response = None
        if done.usage is not None:
            self._usage = self._usage + done.usage
            self._emit(CostUpdated(self._usage, self.cost_usd))
        utt = link.responses.pop(done.response_id, None)
        if utt is None:
            self._pump(link)
            return
        error = done.error
        if done.status == "failed" and error is not None and error.code in RATE_LIMIT_ERRORS:
            self._retry_later(link, utt)
            return
        if done.status == "cancelled" or done.response_id in link.cancelled:
            self._finish_utterance(utt, "cancelled")
        else:
            self._finish_utterance(utt, done.status)
        self._retire_audio_items(link, utt)
        if done.status in ("completed", "incomplete") and self.config.retained_turns:
            self._add_text_turn(link, utt)
        self._pump(link)

    def _retire_audio_items(self, link: _Link, utt: _Utterance) -> None:
        """A finished turn's audio items leave the conversation (its text may stay as context).
        The user item waits for its transcript, which the service may still be producing."""
        if utt.out_item:
            link.conn.send(ev.DeleteItem(utt.out_item))
            utt.out_item_deleted = True
        user_item = utt.item_id
        if user_item in link.items and (utt.source_final or utt.id not in self._awaiting_source):
            link.conn.send(ev.DeleteItem(user_item))
            del link.items[user_item]

    def _retry_later(self, link: _Link, utt: _Utterance) -> None:
        """Rate limited: back off and ask again on the same socket."""
        if utt.received_samples or utt.translation:
            self._emit(TranslationRestarted(utt.id, utt.out_item))
        utt.state, utt.response_id, utt.out_item = "committed", None, None
        utt.translation, utt.received_samples, utt.odd_byte = "", 0, b""
        utt.rate_limited += 1
        delay = min(
            self.policy.rate_limit_backoff_cap_s,
            self.policy.rate_limit_backoff_s * 2 ** (utt.rate_limited - 1),
        )

        def retry() -> None:
            link.retry_handle = None
            self._pump(link)

        link.retry_handle = asyncio.get_running_loop().call_later(delay, retry)

    def _on_error(self, link: _Link, error: ev.ErrorDetail) -> None:
        link.last_error = error
        code = error.code
        if code in BENIGN_ERRORS:
            log.debug("benign service error %s: %s", code, error.message)
            if code == "conversation_already_has_active_response":
                self._unrequest(link, error.event_id)
            return
        if code in RATE_LIMIT_ERRORS:
            utt = self._unrequest(link, error.event_id)
            if utt is not None:
                self._retry_later(link, utt)
            return
        if code == "session_expired":
            log.info("session expired on connection %s; it will be replaced", link.conn.id)
            return
        if error.event_id is not None and error.event_id == link.update_event_id:
            # The configuration was refused: no session.updated will come. End the wait in
            # _open_link, which reports the rejection.
            link.ready.set()
            return
        if not link.ready.is_set():
            return  # reported when the connection attempt ends
        fatal = fatal_error(code, error.message, None, model=self.endpoint.model)
        if fatal is not None and link is self._active:
            self._fail(fatal)
            return
        log.warning("service error %s: %s (param %s)", code, error.message, error.param)

    def _unrequest(self, link: _Link, event_id: str | None) -> _Utterance | None:
        """A ``response.create`` was refused: that utterance waits to be asked again."""
        for utt in list(link.awaiting_created):
            if utt.request_event_id == event_id:
                link.awaiting_created.remove(utt)
                utt.state = "committed"
                return utt
        return None

    # ------------------------------------------------------------------ the response queue

    def _pump(self, link: _Link) -> None:
        """Ask for the next translation if the connection is free and it is that one's turn."""
        if link.busy or link is not self._active:
            return
        nxt = next((u for u in self._utterances if u.state != "done"), None)
        if nxt is None or nxt.link is not link or nxt.state != "committed" or not nxt.item_id:
            return
        if self._accept is not None:
            if not nxt.source_final and nxt.id in self._awaiting_source:
                return  # routed by its language: wait for the transcript
            if not self._accept(nxt.source_text):
                self._finish_utterance(nxt, "untranslated")
                self._retire_audio_items(link, nxt)
                self._pump(link)
                return
        context = [item for _, ids in link.context for item in ids]  # bounded by _forget_old_turns
        context.append(nxt.item_id)
        event_id = link.conn.send(ev.CreateResponse(tuple(context)))
        nxt.request_event_id = event_id
        nxt.state = "requested"
        link.awaiting_created.append(nxt)

    def _forget_old_turns(self, link: _Link) -> None:
        """Delete turns beyond the retained window, so the cost per minute stays flat."""
        keep = self.config.retained_turns
        while len(link.context) > keep:
            _, ids = link.context.popleft()
            for item_id in ids:
                link.conn.send(ev.DeleteItem(item_id))
                link.items.pop(item_id, None)

    def _finish_utterance(self, utt: _Utterance, status: str) -> None:
        if utt.state == "done":
            return
        utt.state = "done"
        self._emit(TranslationDone(utt.id, utt.out_item, utt.translation, status))
        self._changed.set()
        # Keep unfinished utterances and the last few done ones (context replay), nothing older.
        done = [u for u in self._utterances if u.state == "done"]
        stale = set(map(id, done[: max(0, len(done) - max(self.config.retained_turns, 1))]))
        if stale:
            self._utterances = [u for u in self._utterances if id(u) not in stale]

    # ------------------------------------------------------------------ helpers

    def _playing(self, item_id: str | None) -> _Utterance | None:
        if item_id is not None:
            return next((u for u in self._utterances if u.out_item == item_id), None)
        for utt in self._utterances:
            if utt.out_item is None:
                continue
            played = self.tracker.played_samples(utt.out_item) if self.tracker else 0
            if utt.state != "done" or played < utt.received_samples:
                return utt
        return None

    def _audio(self, start: int, end: int) -> bytes:
        parts = []
        for chunk_start, pcm in self._history:
            chunk_end = chunk_start + len(pcm) // BYTES_PER_SAMPLE
            if chunk_end <= start or chunk_start >= end:
                continue
            lo = (max(start, chunk_start) - chunk_start) * BYTES_PER_SAMPLE
            hi = (min(end, chunk_end) - chunk_start) * BYTES_PER_SAMPLE
            parts.append(pcm[lo:hi])
        return b"".join(parts)

    def _trim_history(self) -> None:
        keep_from = self._total - int(self.policy.input_history_s * RATE)
        unfinished = [u.start for u in self._utterances if u.state != "done"]
        if self._active is not None:
            unfinished.append(self._active.last_commit_end)
        if unfinished:
            keep_from = min(keep_from, *unfinished)
        while self._history:
            start, pcm = self._history[0]
            if start + len(pcm) // BYTES_PER_SAMPLE > keep_from:
                break
            self._history.popleft()

    def _fail(self, error: RealtimeError) -> None:
        """A fatal error: stop this session (the transcript so far stays with the caller)."""
        if self.error is None:
            self.error = error
            self._emit(Failed(error))
            self._changed.set()
            for link in self._links:
                task = asyncio.get_running_loop().create_task(link.conn.close())
                self._closers.add(task)
                task.add_done_callback(self._closers.discard)

    def _emit(self, event: SessionEvent) -> None:
        self._sink(event)
