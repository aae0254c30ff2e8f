"""The interpreter: one or two directions at once on one asyncio loop, in three modes.

A ``Direction`` is an input route → a session → an output bus, with its transcript segments:
captured 24 kHz chunks go to the session, translated speech to the bus's playback buffer, and
every utterance becomes a ``Segment`` of the run. Modes (architecture, "What the user sees"):

- ``listen``: one direction, input → output.
- ``call``: my microphone → A→B → the other side's output (mixed with my voice, ducked), and the
  other side's audio → B→A → my output (mixed with their voice, ducked).
- ``face``: one microphone and one speaker, both directions, Auto routing: both sessions hear
  every utterance and each translates only those in its own source language. The realtime
  engine decides by the language of the utterance's transcript (``py3langid`` restricted to the
  two languages), which costs the transcription time (~1.2–1.5 s on the service) before a
  translation starts; the translate engine needs no decision (it stays silent for speech already
  in its target language). An echo guard keeps the speaker's output out of the microphone.

Latency per utterance: t0 = the last speech sample handed to the session, t1 = the first
translated sample handed to the output device, both on the audio backend's monotonic clock.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import uuid
from collections import deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Literal, Protocol

import numpy as np

from translator.audio.backends import AudioBackend, WavFileBackend
from translator.audio.router import (
    AudioRouter,
    CapturedChunk,
    Ducking,
    EchoGuard,
    OutputBus,
    SpeechSource,
)
from translator.realtime.config import TranslationConfig
from translator.realtime.endpoints import Endpoint
from translator.realtime.errors import RealtimeError
from translator.realtime.session import (
    RATE,
    CostUpdated,
    Failed,
    RealtimeSession,
    SessionEvent,
    SessionPolicy,
    SourceText,
    Status,
    TranslationAudio,
    TranslationDone,
    TranslationRestarted,
    TranslationText,
    UtteranceCommitted,
)
from translator.realtime.translate import TranslateSession
from translator.transcript.model import Run, Segment

log = logging.getLogger(__name__)

Mode = Literal["listen", "call", "face"]
STALE_AFTER_MS = 5000.0


class Session(Protocol):
    """What a direction needs of a session (``RealtimeSession`` or ``TranslateSession``)."""

    error: RealtimeError | None

    async def start(self) -> None: ...

    def append(self, pcm: bytes) -> None: ...

    async def drain(self, timeout: float) -> bool: ...

    async def close(self) -> None: ...

    def pending(self) -> int: ...

    @property
    def cost_usd(self) -> float: ...


@dataclass(frozen=True)
class DirectionPlan:
    key: str  # "ab" (A→B) or "ba" (B→A)
    speaker: str  # whose speech this direction translates
    config: TranslationConfig
    endpoint: Endpoint
    input: str  # device selector of the input route
    output: str  # device selector of the output bus
    passthrough: bool = False  # mix the original voice, ducked, on the output


@functools.cache
def _language_identifier(languages: tuple[str, ...]) -> Callable[[str], str]:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages(list(languages))
    return lambda text: str(identifier.classify(text)[0])


def language_gate(source: str, other: str) -> Callable[[str], bool]:
    """Face to face: does a transcript belong to ``source`` rather than ``other``?"""
    base = (source.partition("-")[0], other.partition("-")[0])
    identify = _language_identifier(base)
    return lambda text: bool(text.strip()) and identify(text) == base[0]


class Direction:
    """One direction's audio, session and transcript."""

    def __init__(
        self,
        plan: DirectionPlan,
        run: Run,
        speech: SpeechSource,
        clock: Callable[[], float],
        run_started: float,
        *,
        on_change: Callable[[Segment], None],
        on_status: Callable[[str, Status | Failed], None],
        policy: SessionPolicy | None = None,
        drop_untranslated: bool = False,
        accept: Callable[[str], bool] | None = None,
    ) -> None:
        self.plan = plan
        self.run = run
        self.speech = speech
        self._clock = clock
        self._run_started = run_started
        self._on_change = on_change
        self._on_status = on_status
        self._drop_untranslated = drop_untranslated
        self._sent = 0  # samples handed to the session
        self._origin: float | None = None  # backend time of the session's first sample
        self._handed: deque[tuple[int, float]] = deque(maxlen=30_000)  # (end sample, time)
        self._segments: dict[int, Segment] = {}
        self._t0: dict[int, float] = {}
        self._items: dict[int, str] = {}  # utterance → playback item
        self.cost_usd = 0.0
        self.session: Session
        if plan.endpoint.dialect == "translate":
            self.session = TranslateSession(
                plan.endpoint, plan.config, self._on_event, policy=policy
            )
        else:
            self.session = RealtimeSession(
                plan.endpoint,
                plan.config,
                self._on_event,
                policy=policy,
                accept=accept,
                tracker=speech.playback,
            )

    # ---- audio in (event loop) ----

    def on_chunk(self, chunk: CapturedChunk) -> None:
        if self._origin is None:
            self._origin = chunk.ready_at - len(chunk.pcm16) / 2 / RATE
        self.session.append(chunk.pcm16)
        self._sent += len(chunk.pcm16) // 2
        self._handed.append((self._sent, chunk.ready_at))

    def _handed_at(self, sample: int) -> float | None:
        for end, at in self._handed:
            if end >= sample:
                return at
        return None

    # ---- session events (event loop) ----

    def _segment(self, utterance_id: int) -> Segment:
        segment = self._segments.get(utterance_id)
        if segment is None:
            segment = Segment(
                id=f"{self.plan.key}-{utterance_id}",
                direction=self.plan.key,
                speaker=self.plan.speaker,
                source_language=self.plan.config.source_language,
                target_language=self.plan.config.target_language,
                start_s=0.0,
                end_s=0.0,
            )
            self._segments[utterance_id] = segment
            self.run.segments.append(segment)
        return segment

    def _on_event(self, event: SessionEvent) -> None:
        match event:
            case UtteranceCommitted(uid, start_s, end_s):
                segment = self._segment(uid)
                t0 = self._handed_at(int(end_s * RATE))
                if t0 is not None:
                    self._t0[uid] = t0
                segment.start_s = self._timeline(start_s)
                segment.end_s = max(segment.start_s, self._timeline(end_s))
                self._on_change(segment)
            case SourceText(uid, text, final):
                segment = self._segment(uid)
                segment.source_text, segment.source_final = text, final
                self._on_change(segment)
            case TranslationAudio(uid, item_id, pcm):
                self._items[uid] = item_id
                self.speech.playback.push(item_id, np.frombuffer(pcm, dtype="<i2"))
                segment = self._segment(uid)
                if segment.status == "listening":
                    segment.status = "translating"
                    self._on_change(segment)
            case TranslationText(uid, delta):
                segment = self._segment(uid)
                segment.target_text += delta
                if segment.status == "listening":
                    segment.status = "translating"
                self._on_change(segment)
            case TranslationRestarted(uid, item_id):
                if item_id is not None:
                    self.speech.playback.flush()
                segment = self._segment(uid)
                segment.target_text, segment.status = "", "listening"
                self._on_change(segment)
            case TranslationDone(uid, item_id, text, status):
                if item_id is not None:
                    self.speech.playback.mark_done(item_id)
                segment = self._segment(uid)
                if status == "untranslated" and self._drop_untranslated:
                    self.run.segments.remove(segment)  # the other direction holds it
                    del self._segments[uid]
                    return
                segment.target_text = text or segment.target_text
                segment.status = status  # type: ignore[assignment]
                self._on_change(segment)
            case CostUpdated(usd=usd):
                self.cost_usd = usd
            case Status() | Failed():
                self._on_status(self.plan.key, event)
            case _:
                pass

    def _timeline(self, session_s: float) -> float:
        """Session input seconds → seconds since the run started (the client's clock)."""
        origin = self._origin if self._origin is not None else self._run_started
        return round(max(0.0, origin - self._run_started + session_s), 3)

    def update_latencies(self) -> None:
        """Fill in latency for utterances whose first translated sample has been played."""
        playback = self.speech.playback
        for uid, segment in self._segments.items():
            if segment.latency_ms is not None or uid not in self._items or uid not in self._t0:
                continue
            first = playback.first_played_at(self._items[uid])
            if first is not None:
                segment.latency_ms = round((first - self._t0[uid]) * 1000, 1)
                segment.stale = segment.latency_ms > STALE_AFTER_MS
                self._on_change(segment)

    def missing(self) -> list[str]:
        """What is not finished yet, in words (for a drain that timed out)."""
        open_segments = [
            s.id for s in self._segments.values() if s.status in ("listening", "translating")
        ]
        return [f"{self.plan.key}: utterance {sid} not translated" for sid in open_segments]

    def stop(self) -> None:
        """The user stops the translation playing now: fade it out, cancel, truncate."""
        self.speech.playback.flush()
        if isinstance(self.session, RealtimeSession):
            self.session.stop()

    def playing(self) -> bool:
        return self.speech.playback.queued_frames > 0


def _fan_out(listeners: list[Callable[[CapturedChunk], None]], chunk: CapturedChunk) -> None:
    for listener in listeners:
        listener(chunk)


class Interpreter:
    """Runs the directions of one mode against one audio backend."""

    def __init__(
        self,
        mode: Mode,
        plans: list[DirectionPlan],
        backend: AudioBackend,
        *,
        engine: str,
        model: str,
        languages: tuple[str, str],
        policy: SessionPolicy | None = None,
        echo_guard: bool = False,
        chunk_ms: float = 20.0,
        on_segment: Callable[[Segment], None] | None = None,
        on_status: Callable[[str, Status | Failed], None] | None = None,
    ) -> None:
        self.mode = mode
        self.backend = backend
        self.router = AudioRouter(backend)
        self.run = Run(
            id=uuid.uuid4().hex[:12],
            started_at=Run.now_iso(),
            mode=mode,
            engine=engine,
            model=model,
            languages=languages,
        )
        self._on_segment = on_segment or (lambda segment: None)
        self._on_status = on_status or (lambda key, event: None)
        self.failure: RealtimeError | None = None
        started = backend.clock()
        guard = EchoGuard() if echo_guard else None
        buses: dict[str, OutputBus] = {}
        for plan in plans:
            if plan.output not in buses:
                buses[plan.output] = self.router.add_output(
                    plan.output, plan.output, echo_guard=guard
                )
        self.directions: list[Direction] = []
        routes: dict[str, list[Callable[[CapturedChunk], None]]] = {}
        for plan in plans:
            accept = None
            if mode == "face" and plan.endpoint.dialect != "translate":
                accept = language_gate(plan.config.source_language, plan.config.target_language)
            direction = Direction(
                plan,
                self.run,
                buses[plan.output].add_playback(),
                backend.clock,
                started,
                on_change=self._on_segment,
                on_status=self._status,
                policy=policy,
                drop_untranslated=mode == "face",
                accept=accept,
            )
            self.directions.append(direction)
            if plan.input in routes:  # face to face: one microphone feeds both directions
                routes[plan.input].append(direction.on_chunk)
                continue
            routes[plan.input] = [direction.on_chunk]
            route = self.router.add_input(
                plan.input,
                plan.input,
                on_chunk=functools.partial(_fan_out, routes[plan.input]),
                chunk_ms=200.0 if plan.endpoint.dialect == "translate" else chunk_ms,
                echo_guard=guard,
            )
            if plan.passthrough:
                buses[plan.output].set_passthrough(route, ducking=Ducking())
        self._pump_task: asyncio.Task[None] | None = None
        self._latency_task: asyncio.Task[None] | None = None

    def _status(self, key: str, event: Status | Failed) -> None:
        if isinstance(event, Failed) and self.failure is None:
            self.failure = event.error
        self._on_status(key, event)

    async def start(self) -> None:
        """Connect every session (fatal errors raise), then start the audio."""
        try:
            await asyncio.gather(*(d.session.start() for d in self.directions))
        except BaseException:
            await self.close()
            raise
        self._pump_task = asyncio.create_task(self.router.run(), name="audio-router")
        self._latency_task = asyncio.create_task(self._track_latency(), name="latency")

    async def _track_latency(self) -> None:
        while True:
            await asyncio.sleep(0.1)
            for direction in self.directions:
                direction.update_latencies()

    async def drain(
        self, timeout: float, keep_clock: Callable[[], Awaitable[None]] | None = None
    ) -> list[str]:
        """Input has ended: wait until every utterance is translated and played. Returns what
        is still missing (empty when complete). ``keep_clock`` runs the backend's clock for
        backends that do not run by themselves (WAV files)."""
        clock_task = asyncio.ensure_future(keep_clock()) if keep_clock else None
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        try:
            results = await asyncio.gather(
                *(d.session.drain(max(0.1, deadline - loop.time())) for d in self.directions)
            )
            while any(d.playing() for d in self.directions) and loop.time() < deadline:
                await asyncio.sleep(0.05)  # the output callback drains the buffers
            await asyncio.sleep(0.25)  # the last blocks reach the device; latencies settle
            for direction in self.directions:
                direction.update_latencies()
        finally:
            if clock_task is not None:
                clock_task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await clock_task
        missing: list[str] = []
        for direction, finished in zip(self.directions, results, strict=True):
            if not finished:
                missing += direction.missing() or [
                    f"{direction.plan.key}: the service did not finish"
                ]
            if direction.playing():
                missing.append(f"{direction.plan.key}: translation still playing")
        return missing

    async def run_file_clock(self, backend: WavFileBackend, *, fast: bool) -> None:
        """Keep a WAV backend's clock going after its input ended (until cancelled): in real
        time while waiting for the service, and, when ``fast``, as fast as possible while
        translations are queued to play."""
        while True:
            playing = any(d.playing() for d in self.directions)
            await backend.run(0.1, realtime=not (fast and playing))

    def stop(self, key: str | None = None) -> None:
        """Stop the translation playing now (one direction, or all)."""
        for direction in self.directions:
            if key is None or direction.plan.key == key:
                direction.stop()

    async def close(self) -> None:
        for task in (self._latency_task, self._pump_task):
            if task is not None:
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await task
        for direction in self.directions:
            await direction.session.close()
        self.run.cost_usd = round(sum(d.session.cost_usd for d in self.directions), 6)
