"""Continuous interpreting on ``gpt-realtime-translate`` (``/v1/realtime/translations``).

There are no turns: audio streams in (200 ms chunks, silence included, since the service treats
the stream as contiguous time) and translated speech and both transcripts stream out, each
fragment placed on the input timeline by ``elapsed_ms``. This module turns those streams into the
same utterance events the turn-based session emits, so callers handle both engines alike:

- a source utterance starts with an input-transcript fragment after a pause of ``segment_gap_ms``
  on the input timeline; a translation segment likewise on the output stream;
- each translation segment belongs to the oldest utterance that has none yet and began before
  it; an utterance left without one (speech already in the target language, which the service
  does not repeat) ends ``untranslated``.

The service also sends all-zero audio frames while it has nothing to say ("heartbeats"; their
length has changed, 4,800 then 9,600 samples): they are recognised by content and dropped, so they
are never played, never open a segment and never count in the lag or latency.

A dropped connection is reopened with backoff and the input since the last finished segment is
sent again; the unfinished segment starts over. ``drain`` sends ``session.close`` and waits for
``session.closed``, which flushes what the service still holds.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Literal

from translator.catalog import load_catalog
from translator.realtime import events as ev
from translator.realtime.config import TranslationConfig
from translator.realtime.dialects import TranslateDialect
from translator.realtime.endpoints import Endpoint
from translator.realtime.errors import (
    ConfigurationRejected,
    ConnectionLost,
    RealtimeError,
    fatal_error,
)
from translator.realtime.pricing import cost_usd
from translator.realtime.session import (
    RATE,
    CostUpdated,
    Failed,
    SessionEvent,
    SessionPolicy,
    SourceText,
    Status,
    TranslationAudio,
    TranslationDone,
    TranslationRestarted,
    TranslationText,
    UtteranceCommitted,
    open_with_backoff,
)
from translator.realtime.transport import AnyConnection, open_connection

log = logging.getLogger(__name__)

BYTES_PER_SAMPLE = 2
OUTPUT_LANGUAGES_MODEL = "gpt-realtime-translate"


class UnsupportedTargetLanguage(ValueError):
    pass


def check_target_language(code: str, model: str = OUTPUT_LANGUAGES_MODEL) -> None:
    """The translate engine speaks only its output languages; say which."""
    info = load_catalog().model(model)
    supported = info.output_languages if info else ()
    if supported and code not in supported:
        raise UnsupportedTargetLanguage(
            f"gpt-realtime-translate cannot speak {code!r}; it speaks "
            f"{', '.join(sorted(supported))}. Pick one of those, or use the realtime engine"
        )


@dataclass(eq=False)
class _Utterance:
    id: int
    start_ms: int  # global input timeline
    end_ms: int
    source: str = ""
    translation: str = ""
    has_output: bool = False
    done: bool = False

    @property
    def item_id(self) -> str:
        return f"translate_{self.id}"


class TranslateSession:
    """Interprets one direction continuously. Feed 24 kHz PCM16 with ``append``."""

    def __init__(
        self,
        endpoint: Endpoint,
        config: TranslationConfig,
        sink: Callable[[SessionEvent], None],
        *,
        policy: SessionPolicy | None = None,
        chunk_ms: int = 200,
        segment_gap_ms: int = 600,
    ) -> None:
        check_target_language(config.target_language, endpoint.model)
        self.endpoint = endpoint
        self.config = config
        self.policy = policy or SessionPolicy()
        self._sink = sink
        self._dialect = TranslateDialect()
        self._chunk_bytes = RATE * chunk_ms // 1000 * BYTES_PER_SAMPLE
        self._gap_ms = segment_gap_ms
        self._pending = bytearray()  # less than one chunk, not yet sent
        self._history: list[tuple[int, bytes]] = []  # (global start sample, chunk)
        self._total = 0
        self._conn: AnyConnection | None = None
        self._origin = 0  # global sample where the current connection's stream starts
        self._utterances: list[_Utterance] = []
        self._next_id = 1
        self._last_source_ms: int | None = None
        self._last_output_ms: int | None = None
        self._current: _Utterance | None = None  # receiving translation now
        self._settled_ms = 0  # input before this is fully translated (segments closed)
        self._ready = asyncio.Event()
        self._update_id: str | None = None  # the session.update of the connection opening
        self._closed_by_service = asyncio.Event()
        self.fallback: str | None = None
        """Why this session's WebRTC call gave way to a WebSocket (``auto`` transport)."""
        self.transport: Literal["websocket", "webrtc"] = "websocket"
        """What the current connection is (the endpoint's ``auto`` resolved)."""
        self._closing = False
        self._supervisor: asyncio.Task[None] | None = None
        self._last_error: ev.ErrorDetail | None = None
        self.error: RealtimeError | None = None
        self.heartbeats = 0  # all-zero output frames received and dropped
        model = load_catalog().model(endpoint.model) or load_catalog().model(OUTPUT_LANGUAGES_MODEL)
        self.model = model

    # ------------------------------------------------------------------ public API

    async def start(self) -> None:
        self._emit(Status("connecting", str(self.endpoint)))
        self._conn = await self._open()
        self._supervisor = asyncio.create_task(self._supervise(), name="translate-supervisor")
        self._emit(Status("ready", self.fallback or ""))

    def append(self, pcm: bytes) -> None:
        self._pending += pcm
        while len(self._pending) >= self._chunk_bytes:
            chunk = bytes(self._pending[: self._chunk_bytes])
            del self._pending[: self._chunk_bytes]
            self._push(chunk)

    async def drain(self, timeout: float) -> bool:
        """End of input: flush, close the stream and wait until the service has said all."""
        if self._pending:
            self._push(bytes(self._pending))
            self._pending.clear()
        try:
            async with asyncio.timeout(timeout):
                while True:
                    conn = self._conn
                    if self.error is not None:
                        return False
                    if conn is not None and self._ready.is_set() and not conn.closed.done():
                        self._closed_by_service.clear()
                        conn.send(ev.CloseSession())
                        if await conn.wait_for(self._closed_by_service):
                            break
                    else:
                        await asyncio.sleep(0.05)
        except TimeoutError:
            return False
        self._finish_all()
        return True

    async def close(self) -> None:
        self._closing = True
        if self._supervisor is not None:
            self._supervisor.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._supervisor
        if self._conn is not None:
            await self._conn.close()
        self._emit(Status("closed"))

    def pending(self) -> int:
        return sum(1 for u in self._utterances if not u.done)

    def receiving(self) -> bool:
        """A translation segment is streaming now."""
        return self._current is not None

    @property
    def usage(self) -> ev.Usage:
        return ev.Usage(audio_seconds=self._total / RATE)

    @property
    def cost_usd(self) -> float:
        return cost_usd(self.usage, self.model) if self.model else 0.0

    # ------------------------------------------------------------------ connection

    async def _open(self) -> AnyConnection:
        self._ready.clear()
        opened = await open_connection(self.endpoint, self._dialect, self._on_event)
        conn = opened.connection
        self.transport = opened.transport
        if opened.fallback is not None:  # the session stays on WebSocket from now on
            self.endpoint = replace(self.endpoint, transport="websocket")
            self.fallback = opened.fallback
        update_id = self._update_id = conn.send_raw(self._dialect.session_update(self.config))
        ready = await conn.wait_for(self._ready)
        err = self._last_error
        refused = err is not None and err.event_id == update_id
        if not ready or refused:
            await conn.close()
            closed = conn.closed.result()
            fatal = fatal_error(
                err.code if err else None,
                err.message if err else "",
                closed.code,
                model=self.endpoint.model,
            )
            if fatal is None and err is not None and refused:
                fatal = ConfigurationRejected(
                    f"the service rejected the session settings ({err.message})",
                    "change the target language or the audio settings",
                    code=err.code,
                )
            raise fatal or ConnectionLost(
                f"the translate session did not start ({err.message if err else closed.reason})",
                "check the network and the model name, then start again",
            )
        self._conn = conn
        self._origin = self._settled_ms * RATE // 1000
        for start, chunk in self._history:
            if start + len(chunk) // BYTES_PER_SAMPLE > self._origin:
                skip = max(0, self._origin - start) * BYTES_PER_SAMPLE
                conn.send(ev.AppendAudio(chunk[skip:]))
        return conn

    async def _supervise(self) -> None:
        while not self._closing:
            conn = self._conn
            assert conn is not None
            closed = await conn.closed
            if self._closing or self._closed_by_service.is_set():
                return
            err = self._last_error
            fatal = fatal_error(
                err.code if err else None,
                err.message if err else "",
                closed.code,
                model=self.endpoint.model,
            )
            if fatal is not None:
                self._fail(fatal)
                return
            self._emit(Status("reconnecting", f"connection lost ({closed.code})"))
            self._restart_open_segment()
            try:
                await open_with_backoff(self._open, self.policy)
            except RealtimeError as exc:
                self._fail(exc)
                return
            self._emit(Status("ready"))

    def _restart_open_segment(self) -> None:
        current = self._current
        if current is not None and not current.done:
            self._emit(TranslationRestarted(current.id, current.item_id))
            current.translation, current.has_output = "", False
        # Resume at the first open utterance, not at the last finished one's final transcript
        # fragment: that lies inside its speech, and the tail sent again would be translated.
        open_starts = [u.start_ms for u in self._utterances if not u.done]
        if open_starts:
            self._settled_ms = max(self._settled_ms, min(open_starts))
        self._current = None
        self._last_output_ms = self._last_source_ms = None
        # utterances whose speech comes again are found again from the new stream's fragments
        self._utterances = [u for u in self._utterances if u.done]

    def _push(self, chunk: bytes) -> None:
        self._history.append((self._total, chunk))
        self._total += len(chunk) // BYTES_PER_SAMPLE
        keep_from = min(
            self._total - int(self.policy.input_history_s * RATE), self._settled_ms * RATE // 1000
        )
        while self._history and self._history[0][0] + self._chunk_bytes // 2 <= keep_from:
            self._history.pop(0)
        conn = self._conn
        if conn is not None and self._ready.is_set() and not conn.closed.done():
            conn.send(ev.AppendAudio(chunk))

    # ------------------------------------------------------------------ streams → utterances

    def _on_event(self, conn: AnyConnection, event: ev.ServerEvent) -> None:
        if conn is not self._conn and self._conn is not None and self._ready.is_set():
            return
        match event:
            case ev.SessionUpdated():
                self._ready.set()
            case ev.StreamText(source=True, delta=delta, elapsed_ms=elapsed):
                self._on_source(delta, self._global_ms(elapsed))
            case ev.StreamText(source=False, delta=delta, elapsed_ms=elapsed):
                utt = self._output_utterance(self._global_ms(elapsed))
                utt.translation += delta
                self._emit(TranslationText(utt.id, delta))
            case ev.StreamAudio(pcm=pcm) if not pcm.strip(b"\0"):
                self.heartbeats += 1  # all zero: the service's keep-alive, not speech
            case ev.StreamAudio(pcm=pcm, elapsed_ms=elapsed):
                utt = self._output_utterance(self._global_ms(elapsed))
                self._emit(TranslationAudio(utt.id, utt.item_id, pcm))
            case ev.SessionClosed():
                self._closed_by_service.set()
            case ev.ServerError(error):
                self._last_error = error
                log.info("translate service error %s: %s", error.code, error.message)
                if error.event_id is not None and error.event_id == self._update_id:
                    self._ready.set()  # refused: no session.updated will come; _open reports it
            case _:
                pass

    def _global_ms(self, elapsed: int | None) -> int:
        if elapsed is None:  # no timing: treat it as "now" on the input timeline
            return self._total * 1000 // RATE
        return self._origin * 1000 // RATE + elapsed

    def _on_source(self, delta: str, at_ms: int) -> None:
        last = self._last_source_ms
        self._last_source_ms = at_ms
        open_utt = next((u for u in reversed(self._utterances) if not u.done), None)
        if open_utt is None or last is None or at_ms - last > self._gap_ms:
            open_utt = self._new_utterance(at_ms)
        open_utt.source += delta
        open_utt.end_ms = max(open_utt.end_ms, at_ms)
        self._emit(SourceText(open_utt.id, open_utt.source, final=False))

    def _new_utterance(self, at_ms: int) -> _Utterance:
        utt = _Utterance(self._next_id, at_ms, at_ms)
        self._next_id += 1
        self._utterances.append(utt)
        self._emit(UtteranceCommitted(utt.id, at_ms / 1000, at_ms / 1000))
        return utt

    def _output_utterance(self, at_ms: int) -> _Utterance:
        """The utterance this output fragment belongs to (a new segment after a pause)."""
        last = self._last_output_ms
        self._last_output_ms = at_ms
        current = self._current
        if current is not None and last is not None and at_ms - last <= self._gap_ms:
            return current
        if current is not None:
            self._finish(current, "completed")
        waiting = [u for u in self._utterances if not u.done and not u.has_output]
        # The latest utterance that began by then: output is aligned to the source it
        # translates, so older ones still waiting were left untranslated.
        started = [u for u in waiting if u.start_ms <= at_ms]
        utt = started[-1] if started else waiting[0] if waiting else self._new_utterance(at_ms)
        for skipped in [u for u in waiting if u.start_ms < utt.start_ms]:
            self._finish(skipped, "untranslated")
        utt.has_output = True
        self._current = utt
        return utt

    def _finish(self, utt: _Utterance, status: str) -> None:
        if utt.done:
            return
        utt.done = True
        if utt.source:
            self._emit(SourceText(utt.id, utt.source, final=True))
        self._emit(TranslationDone(utt.id, utt.item_id, utt.translation, status))
        self._settled_ms = max(self._settled_ms, utt.end_ms)
        self._emit(CostUpdated(self.usage, self.cost_usd))
        if utt is self._current:
            self._current = None

    def _finish_all(self) -> None:
        for utt in self._utterances:
            self._finish(utt, "completed" if utt.has_output else "untranslated")
        self._settled_ms = self._total * 1000 // RATE

    def _fail(self, error: RealtimeError) -> None:
        if self.error is None:
            self.error = error
            self._emit(Failed(error))

    def _emit(self, event: SessionEvent) -> None:
        self._sink(event)
