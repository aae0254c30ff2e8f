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

Push-to-talk (per direction; face to face both, in a call your own): a direction under it
hears its microphone only while its side holds the floor (``Interpreter.hold``); otherwise its
session gets digital silence of the same length, never a gap (the translate engine treats the
stream as contiguous time). The language gate still applies face to face, so a wrong button
never translates speech into its own language. A side taking the floor ducks the other side's
translation that is playing (a gain ramp on its playback buffer, released when the floor is
free): never a cancel or a truncation, which only an explicit Stop causes.

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
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field
from typing import Literal, Protocol

import numpy as np
import soxr

from translator.audio.backends import AudioBackend, WavFileBackend
from translator.audio.errors import AudioError, DeviceLost
from translator.audio.router import (
    AudioRouter,
    CapturedChunk,
    Ducking,
    EchoGuard,
    InputRoute,
    OutputBus,
    SpeechSource,
)
from translator.catalog import ReasoningEffort
from translator.realtime.config import TranslationConfig
from translator.realtime.endpoints import Endpoint
from translator.realtime.errors import RealtimeError
from translator.realtime.events import RateLimit
from translator.realtime.session import (
    RATE,
    CostUpdated,
    Failed,
    RateLimitsChanged,
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
from translator.realtime.translate import TranslateSession, check_target_language
from translator.tasks import cancel_and_wait
from translator.transcript.model import Run, Segment, Usage

log = logging.getLogger(__name__)

Mode = Literal["listen", "call", "face"]
STALE_AFTER_MS = 5000.0
END_OF_TURN_MARGIN_S = 0.5  # silence past a turn detector's pause (semantic VAD: its eagerness)


class Session(Protocol):
    """What a direction needs of a session (``RealtimeSession`` or ``TranslateSession``)."""

    error: RealtimeError | None
    transport: Literal["websocket", "webrtc"]
    """What the session's connection is, once started (``auto`` resolved, after a fallback too)."""

    async def start(self) -> None: ...

    def append(self, pcm: bytes) -> None: ...

    async def drain(self, timeout: float) -> bool: ...

    async def close(self) -> None: ...

    def pending(self) -> int: ...

    def receiving(self) -> bool: ...

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


class PlanIncomplete(ValueError):
    """The choices cannot make a run; the message says what to pick."""


def direction_configs(
    mode: Mode,
    languages: tuple[str, str],
    *,
    engine: str,
    model: str,
    voices: tuple[str | None, str | None] = (None, None),
    tuning: TranslationConfig | None = None,
    reasoning_effort: ReasoningEffort | None = None,
) -> dict[str, TranslationConfig]:
    """Each direction's session configuration, by key: "ab" always, "ba" in call mode and face
    to face. ``tuning`` carries the session knobs (turn detection, noise reduction, glossary,
    instructions, retained turns); languages, model and voice are set here per direction (and
    ``reasoning_effort``, when given, over the tuning's). Needs no endpoint or device, so a bad
    language or voice is found before anything else. Raises ``ValueError`` naming it."""
    a, b = languages
    knobs = (
        tuning.model_dump()
        if tuning is not None
        else {"noise_reduction": "far_field" if mode == "face" else "near_field"}
    )
    if reasoning_effort is not None:
        knobs["reasoning_effort"] = reasoning_effort

    def config(source: str, target: str, voice: str | None) -> TranslationConfig:
        if engine == "translate":
            check_target_language(target)
        return TranslationConfig.model_validate(
            knobs
            | {
                "source_language": source,
                "target_language": target,
                "model": model,
                "voice": voice,
                "detect_language": mode == "face",
            }
        )

    configs = {"ab": config(a, b, voices[0])}
    if mode in ("call", "face"):
        configs["ba"] = config(b, a, voices[1])
    return configs


def plan_directions(
    mode: Mode,
    languages: tuple[str, str],
    endpoint: Endpoint,
    *,
    model: str,
    voices: tuple[str | None, str | None] = (None, None),
    input: str,
    output: str,
    return_input: str | None = None,
    return_output: str | None = None,
    passthrough: bool = True,
    tuning: TranslationConfig | None = None,
    reasoning_effort: ReasoningEffort | None = None,
) -> list[DirectionPlan]:
    """The directions of a mode (``direction_configs``) on their devices: A→B from ``input``
    to ``output``; B→A in call mode from the other side's audio to your headphones, face to
    face on the same microphone and speaker. Raises ``ValueError`` (``PlanIncomplete``,
    ``UnsupportedTargetLanguage``, a config error) with what to change."""
    configs = direction_configs(
        mode,
        languages,
        engine="translate" if endpoint.dialect == "translate" else "realtime",
        model=model,
        voices=voices,
        tuning=tuning,
        reasoning_effort=reasoning_effort,
    )
    call = mode == "call"
    mixed = call and passthrough
    # the sides as the window names them: you and them, or the speaker of a talk
    you, them = ("Speaker", "") if mode == "listen" else ("You", "Them")
    plans = [DirectionPlan("ab", you, configs["ab"], endpoint, input, output, mixed)]
    if call:
        if not (return_input and return_output):
            raise PlanIncomplete(
                "call mode needs the other side's audio and your headphones; pick both devices"
            )
        if return_input == input:
            raise PlanIncomplete(
                f"call mode: {input} is both your microphone and the other side's audio; pick "
                "the call's audio for the other side (the call app's speaker, a cable's output)"
            )
        if return_output == output:
            raise PlanIncomplete(
                f"call mode: {output} is both what the call hears and your headphones; pick "
                "your headphones for the other side's translation"
            )
        back = configs["ba"]
        plans.append(DirectionPlan("ba", them, back, endpoint, return_input, return_output, mixed))
    elif mode == "face":
        plans.append(DirectionPlan("ba", them, configs["ba"], endpoint, input, output))
    return plans


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


@dataclass(eq=False)
class _Slot:
    token: tuple[str, int]  # (direction key, utterance id)
    start_s: float
    item_id: str | None = None
    held: list[np.ndarray] = field(default_factory=list)
    done: bool = False
    live: bool = False  # its audio goes straight to the playback buffer


class Speaker:
    """The translated speech of one output bus, possibly shared by two directions (face to
    face). Translations play one after another, each whole, in the order their utterances were
    spoken: each utterance reserves a slot when it is committed; a translation arriving before
    an earlier utterance's is held until that one has played or turned out to have nothing to
    say (event loop only)."""

    def __init__(self, source: SpeechSource) -> None:
        self.playback = source.playback
        self._slots: list[_Slot] = []  # the first one is the one playing (live)
        self._floor: frozenset[str] = frozenset()  # sides holding the floor (push-to-talk)
        self._playing_key: str | None = None  # the direction of what plays (or played last)
        self.ducked = False

    def set_floor(self, held: frozenset[str]) -> None:
        """Duck what plays while a side other than its speaker's holds the floor."""
        self._floor = held
        self._duck_if_overtalked()

    def _duck_if_overtalked(self) -> None:
        duck = bool(self._floor) and self._playing_key not in (None, *self._floor)
        if duck != self.ducked:
            self.ducked = duck
            if duck:
                self.playback.duck()
            else:
                self.playback.unduck()

    def reserve(self, token: tuple[str, int], start_s: float) -> None:
        if self._slot(token) is None:
            queued = [i for i, slot in enumerate(self._slots) if not slot.live]
            at = next((i for i in queued if self._slots[i].start_s > start_s), len(self._slots))
            self._slots.insert(at, _Slot(token, start_s))
            self._advance()

    def push(self, token: tuple[str, int], item_id: str, pcm: np.ndarray) -> None:
        slot = self._slot(token)
        if slot is None:
            self.reserve(token, float("inf"))
            slot = self._slot(token)
            assert slot is not None
        slot.item_id = item_id
        if slot.live:
            self.playback.push(item_id, pcm)
        else:
            slot.held.append(pcm)

    def finish(self, token: tuple[str, int]) -> None:
        """The utterance's translation is complete, or there will be none."""
        slot = self._slot(token)
        if slot is not None:
            slot.done = True
            self._advance()

    def restart(self, token: tuple[str, int]) -> None:
        """The translation starts over: fade out and drop what was queued of it."""
        slot = self._slot(token)
        if slot is None:
            return
        if slot.live:
            self.playback.flush()
        slot.held.clear()
        slot.item_id = None

    def stop(self) -> None:
        """Fade out what plays now (its session reports the translation cancelled)."""
        self.playback.flush()

    def busy(self) -> bool:
        return self.playback.queued_frames > 0 or bool(self._slots)

    def _slot(self, token: tuple[str, int]) -> _Slot | None:
        return next((slot for slot in self._slots if slot.token == token), None)

    def _advance(self) -> None:
        while self._slots:
            head = self._slots[0]
            if not head.live:
                head.live = True
                self._playing_key = head.token[0]
                self._duck_if_overtalked()
                for pcm in head.held:
                    assert head.item_id is not None
                    self.playback.push(head.item_id, pcm)
                head.held.clear()
            if not head.done:
                return
            if head.item_id is not None:
                self.playback.mark_done(head.item_id)
            self._slots.pop(0)


class Direction:
    """One direction's audio, session and transcript."""

    def __init__(
        self,
        plan: DirectionPlan,
        run: Run,
        speaker: Speaker,
        clock: Callable[[], float],
        run_started: float,
        *,
        on_change: Callable[[Segment], None],
        on_status: Callable[[str, Status | Failed], None],
        policy: SessionPolicy | None = None,
        on_drop: Callable[[Segment], None] | None = None,
        accept: Callable[[str], bool] | None = None,
    ) -> None:
        """``on_drop``: face to face, an utterance this direction did not translate belongs to
        the other one; its segment leaves the run and ``on_drop`` hears of it."""
        self.plan = plan
        self.run = run
        self.speaker = speaker
        self._clock = clock
        self._run_started = run_started
        self._on_change = on_change
        self._on_status = on_status
        self._on_drop = on_drop
        self._sent = 0  # samples handed to the session
        self._origin: float | None = None  # backend time of the session's first sample
        self._handed: deque[tuple[int, float]] = deque(maxlen=30_000)  # (end sample, time)
        self._segments: dict[int, Segment] = {}
        self._t0: dict[int, float] = {}
        self._items: dict[int, str] = {}  # utterance → playback item
        self.cost_usd = 0.0
        self.usage = Usage()
        self.rate_limits: dict[str, RateLimit] = {}  # the latest reading per limit name
        self.gated = False  # push-to-talk: the session hears silence instead of the microphone
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
                tracker=speaker.playback,
            )

    # ---- audio in (event loop) ----

    def on_chunk(self, chunk: CapturedChunk) -> None:
        if self._origin is None:
            self._origin = chunk.ready_at - len(chunk.pcm16) / 2 / RATE
        self.session.append(bytes(len(chunk.pcm16)) if self.gated else chunk.pcm16)
        self._sent += len(chunk.pcm16) // 2
        self._handed.append((self._sent, chunk.ready_at))

    def end_input(self) -> None:
        """The audio is gone: end the utterance in progress as its silence would have (under
        manual turns, as a released talk button does)."""
        turns = self.plan.config.turn_detection
        if turns.kind == "manual" and isinstance(self.session, RealtimeSession):
            self.session.commit()
            return
        samples = round(RATE * (turns.silence_duration_ms / 1000 + END_OF_TURN_MARGIN_S))
        self.session.append(bytes(2 * samples))
        self._sent += samples

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
                self.speaker.reserve((self.plan.key, uid), self._timeline(start_s))
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
                self.speaker.push((self.plan.key, uid), item_id, np.frombuffer(pcm, dtype="<i2"))
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
            case TranslationRestarted(uid, _):
                self.speaker.restart((self.plan.key, uid))
                segment = self._segment(uid)
                segment.target_text, segment.status = "", "listening"
                self._on_change(segment)
            case TranslationDone(uid, _, text, status):
                self.speaker.finish((self.plan.key, uid))
                segment = self._segment(uid)
                if status == "untranslated" and self._on_drop is not None:
                    self.run.segments.remove(segment)  # the other direction holds it
                    del self._segments[uid]
                    self._on_drop(segment)
                    return
                segment.target_text = text or segment.target_text
                segment.status = status  # type: ignore[assignment]
                self._on_change(segment)
            case CostUpdated(usage=usage, usd=usd):
                self.cost_usd = usd
                self.usage = Usage.model_validate(usage, from_attributes=True)
            case RateLimitsChanged(limits):
                self.rate_limits.update((limit.name, limit) for limit in limits)
            case Status() | Failed():
                self._on_status(self.plan.key, event)
            case _:
                pass

    def _timeline(self, session_s: float) -> float:
        """Session input seconds → seconds since the run started (the client's clock)."""
        origin = self._origin if self._origin is not None else self._run_started
        return round(max(0.0, origin - self._run_started + session_s), 3)

    def update_latencies(self) -> None:
        """Fill in latency and playback times for utterances whose translation has played."""
        playback = self.speaker.playback
        for uid, segment in self._segments.items():
            if uid not in self._items:
                continue
            first = playback.first_played_at(self._items[uid])
            if first is None:
                continue
            start = round(max(0.0, first - self._run_started), 3)
            played = playback.played_samples(self._items[uid]) / RATE
            end = round(start + played, 3)
            changed = (segment.playback_start_s, segment.playback_end_s) != (start, end)
            segment.playback_start_s, segment.playback_end_s = start, end
            if segment.latency_ms is None and uid in self._t0:
                segment.latency_ms = round((first - self._t0[uid]) * 1000, 1)
                segment.stale = segment.latency_ms > STALE_AFTER_MS
                changed = True
            if changed:
                self._on_change(segment)

    def missing(self) -> list[str]:
        """What is not finished yet, in words (for a drain that timed out)."""
        open_segments = [
            s.id for s in self._segments.values() if s.status in ("listening", "translating")
        ]
        return [f"{self.plan.key}: utterance {sid} not translated" for sid in open_segments]

    def stop(self) -> None:
        """The user stops the translation playing now: fade it out, cancel, truncate."""
        self.speaker.stop()
        if isinstance(self.session, RealtimeSession):
            self.session.stop()

    def playing(self) -> bool:
        return self.speaker.busy()


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
        echo_tail_ms: float = 300.0,
        ducking: Ducking | None = None,
        chunk_ms: float = 20.0,
        on_segment: Callable[[Segment], None] | None = None,
        on_dropped: Callable[[Segment], None] | None = None,
        on_status: Callable[[str, Status | Failed], None] | None = None,
    ) -> None:
        """``on_segment`` hears every change of a segment; ``on_dropped`` (face to face) a
        segment that left the run because the other direction holds its utterance."""
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
        on_drop = on_dropped or (lambda segment: None)
        self._on_status = on_status or (lambda key, event: None)
        # What ended the run on its own: a session's fatal error, or a device gone.
        self.failure: Exception | None = None
        started = backend.clock()
        guard = EchoGuard(echo_tail_ms) if echo_guard else None
        buses: dict[str, OutputBus] = {}
        speakers: dict[str, Speaker] = {}
        for plan in plans:
            if plan.output not in buses:
                buses[plan.output] = self.router.add_output(
                    plan.output, plan.output, echo_guard=guard
                )
                speakers[plan.output] = Speaker(buses[plan.output].add_playback())
        self.directions: list[Direction] = []
        routes: dict[str, list[Callable[[CapturedChunk], None]]] = {}
        self._inputs: dict[str, InputRoute] = {}  # by device
        for plan in plans:
            accept = None
            if mode == "face" and plan.endpoint.dialect != "translate":
                accept = language_gate(plan.config.source_language, plan.config.target_language)
            direction = Direction(
                plan,
                self.run,
                speakers[plan.output],
                backend.clock,
                started,
                on_change=self._on_segment,
                on_status=self._status,
                policy=policy,
                on_drop=on_drop if mode == "face" else None,
                accept=accept,
            )
            self.directions.append(direction)
            if plan.input in routes:  # face to face: one microphone feeds both directions
                routes[plan.input].append(direction.on_chunk)
                continue
            routes[plan.input] = [direction.on_chunk]
            route = self._inputs[plan.input] = self.router.add_input(
                plan.input,
                plan.input,
                on_chunk=functools.partial(_fan_out, routes[plan.input]),
                chunk_ms=200.0 if plan.endpoint.dialect == "translate" else chunk_ms,
                echo_guard=guard,
            )
            if plan.passthrough:
                buses[plan.output].set_passthrough(route, ducking=ducking or Ducking())
        self._pump_task: asyncio.Task[None] | None = None
        self._watch_task: asyncio.Task[None] | None = None
        self._speakers = list(speakers.values())
        self.push_to_talk: frozenset[str] = frozenset()  # directions that listen only when held
        self.floor: frozenset[str] = frozenset()  # direction keys whose side holds the floor

    # ---- push-to-talk (event loop) ----

    def set_push_to_talk(self, keys: Iterable[str]) -> None:
        """The directions that hear their microphone only while their side holds the floor
        (face to face: both; a call: your own). Empty: Auto, every direction hears everything
        (face to face, the language gate decides)."""
        self.push_to_talk = frozenset(self._known(key) for key in keys)
        self._apply_floor()

    def hold(self, key: str, held: bool) -> None:
        """Side ``key`` ("ab": A or You, "ba": B or Them) presses or releases its talk button.
        Under manual turn detection the release ends the utterance: nothing else would."""
        self._known(key)
        released = not held and key in self.floor
        self.floor = self.floor | {key} if held else self.floor - {key}
        self._apply_floor()
        if released:
            for direction in self.directions:
                session = direction.session
                manual = direction.plan.config.turn_detection.kind == "manual"
                if direction.plan.key == key and manual and isinstance(session, RealtimeSession):
                    session.commit()

    def _known(self, key: str) -> str:
        if key not in {d.plan.key for d in self.directions}:
            raise ValueError(f"no direction {key!r} in this mode")
        return key

    def _apply_floor(self) -> None:
        floor = self.floor & self.push_to_talk
        for direction in self.directions:
            key = direction.plan.key
            direction.gated = key in self.push_to_talk and key not in floor
        for speaker in self._speakers:
            speaker.set_floor(floor)

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
        self._watch_task = asyncio.create_task(self._watch(), name="watch")

    async def _watch(self) -> None:
        """Every 0.1 s: the latencies, and the audio's health (a device gone, the router dead),
        so a run never stays "live" and silent."""
        while True:
            await asyncio.sleep(0.1)
            for direction in self.directions:
                direction.update_latencies()
            if self.failure is None:
                self.failure = self._audio_failure()

    def _audio_failure(self) -> Exception | None:
        pump = self._pump_task
        if pump is not None and pump.done() and not pump.cancelled():
            error = pump.exception()
            if error is not None:
                return error if isinstance(error, AudioError) else DeviceLost("audio", repr(error))
        streams = [(r.name, r.stream) for r in self.router.inputs]
        streams += [(b.name, b.stream) for b in self.router.outputs]
        for name, stream in streams:
            if (reason := stream.failure) is not None:
                return DeviceLost(name, reason)
        return None

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
                await cancel_and_wait(clock_task)
        return self._missing(results, played=True)

    async def salvage(self, timeout: float) -> list[str]:
        """The audio failed: stop it (nothing more is heard or played), end the utterances in
        progress, and wait up to ``timeout`` for the text the sessions still owe, so the
        transcript keeps what was said. Returns what is still missing."""
        if self._pump_task is not None and not self._pump_task.done():
            await cancel_and_wait(self._pump_task)  # the router closes its streams
        for direction in self.directions:
            direction.end_input()
        results = await asyncio.gather(*(d.session.drain(timeout) for d in self.directions))
        return self._missing(results, played=False)

    def _missing(self, drained: list[bool], *, played: bool) -> list[str]:
        missing: list[str] = []
        for direction, finished in zip(self.directions, drained, strict=True):
            if not finished:
                missing += direction.missing() or [
                    f"{direction.plan.key}: the service did not finish"
                ]
            if played and direction.playing():
                missing.append(f"{direction.plan.key}: translation still playing")
        return missing

    async def run_file_clock(
        self, backend: WavFileBackend, *, fast: bool, until: float | None = None
    ) -> None:
        """Run a WAV backend's clock to ``until`` (seconds of input; None: until cancelled).

        Fast means as fast as the loop keeps up, except while a translation is arriving (then
        the clock keeps real time, so playback never outruns the network and the output file
        holds each translation whole, as a listener would hear it) and, after the input, while
        nothing is queued to play.
        """
        start = backend.clock()
        # a margin: clock sums drift by ulps, and a step below one ulp would never end
        while until is None or backend.clock() - start < until - 1e-9:
            arriving = any(d.session.receiving() for d in self.directions)
            # after the input, racing ahead only adds silence unless something is queued
            idle = until is None and not any(d.playing() for d in self.directions)
            step = 0.1 if until is None else min(0.1, until - (backend.clock() - start))
            await backend.run(step, realtime=arriving or idle or not fast)

    def hear_stand_ins(self) -> None:
        """The sample conversation: every input hears a stand-in instead of its device from
        now on, silent until ``speak`` gives it a line."""
        for route in self._inputs.values():
            route.stand_in_for_device()

    def speak(self, key: str, pcm: np.ndarray) -> None:
        """Direction ``key``'s stand-in says ``pcm`` (24 kHz PCM16) from the next block."""
        direction = next(d for d in self.directions if d.plan.key == key)
        route = self._inputs[direction.plan.input]
        clip = pcm.astype(np.float32) / 32768.0
        if route.samplerate != RATE:
            clip = soxr.resample(clip, RATE, route.samplerate, quality="HQ")
        route.stand_in_for_device().say(np.ascontiguousarray(clip, np.float32))

    def stop(self, key: str | None = None) -> None:
        """Stop the translation playing now (one direction, or all)."""
        for direction in self.directions:
            if key is None or direction.plan.key == key:
                direction.stop()

    async def close(self) -> None:
        for task in (self._watch_task, self._pump_task):
            if task is not None:
                task.cancel()
                # a router that died has already been reported as the run's failure
                with contextlib.suppress(asyncio.CancelledError, Exception):
                    await task
        for direction in self.directions:
            await direction.session.close()
        self.run.cost_usd = round(sum(d.session.cost_usd for d in self.directions), 6)
        self.run.usage = sum((d.usage for d in self.directions), Usage())
