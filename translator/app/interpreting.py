"""From a ``RunRequest`` to a running interpreter, and back to a finished transcript.

``InterpretingSession`` is the one place that assembles a run: it leases the local server when
the provider is ``local``, picks the endpoint (the key from the ``KeyStore``), checks the
model's lifecycle, resolves the devices, plans the directions, builds the ``Interpreter`` and its
journal, and starts it; ``finish`` drains it, and leaving the ``async with`` closes everything it
opened, in reverse order. Anything that stops a run is raised as a ``Problem``
(:mod:`translator.app.errors`): ``Refused`` when nothing was started and the request must change
(the command line exits 2), a plain ``Problem`` when starting or running failed (exit 1).

Runs on the caller's asyncio loop (the command line's, or the window's qasync loop).
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
from collections.abc import AsyncIterator, Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Literal

from translator.app.devices import ROLE_DIRECTIONS, OpenedDevices, open_devices
from translator.app.errors import Problem, explain
from translator.app.readings import Bill, Glitches, Headroom, Level, SessionState
from translator.audio.backends import AudioBackend, WavFileBackend
from translator.audio.router import Ducking, InputCounters, InputRoute, OutputBus
from translator.catalog import ReasoningEffort
from translator.interpreter import (
    DirectionPlan,
    Interpreter,
    Mode,
    direction_configs,
    plan_directions,
)
from translator.lifecycle import Lifecycle, check_model
from translator.providers import Provider, endpoint_for
from translator.realtime import events as ev
from translator.realtime.config import NoiseReduction, TranslationConfig, TurnDetection, TurnKind
from translator.realtime.connection import Connection
from translator.realtime.dialects import dialect_for
from translator.realtime.endpoints import Endpoint, Engine, Transport
from translator.realtime.errors import RealtimeError, fatal_error
from translator.secrets import KeyStore
from translator.settings import Settings
from translator.tasks import cancel_and_wait
from translator.transcript.journal import Journal
from translator.transcript.model import Run, Segment, Usage

if TYPE_CHECKING:  # the local server loads with the run that needs it
    from translator.server.brain import ScriptEntry

__all__ = [
    "AudioBackend",  # what a front end may hand over, already opened (tests: WAV files)
    "InterpretingSession",
    "ProviderChoice",
    "Refused",
    "RunRequest",
    "Tuning",
    "check_service",
    "echo_guard_on",
    "endpoint_of",
    "model_lifecycle",
    "request_from_settings",
]

EchoGuard = Literal["auto", "on", "off"]
Noise = NoiseReduction | Literal["auto", "off"]


def endpoint_of(request: RunRequest, keys: KeyStore, base_url: str | None = None) -> Endpoint:
    """Where the request's sessions connect (``base_url`` over the provider's); ``Refused``
    when the provider settings cannot work (no key, no URL)."""
    choice = request.provider
    model = choice.deployment if choice.provider == "azure" else request.model
    try:
        return endpoint_for(
            choice.provider,
            model or request.model,
            request.engine,
            keys,
            api_key=choice.api_key,
            base_url=base_url or choice.base_url,
            azure_endpoint=choice.azure_endpoint,
            deployment=choice.deployment,
            api_version=choice.api_version,
            allow_insecure=choice.allow_insecure,
            transport=choice.transport,
        )
    except ValueError as exc:
        raise Refused.of(exc) from exc


async def model_lifecycle(request: RunRequest, keys: KeyStore) -> Lifecycle | None:
    """What the provider says of the request's model (a settings screen asks before a run);
    ``None`` when the request has no endpoint to ask yet."""
    try:
        endpoint = endpoint_of(request, keys)
    except Refused:
        return None
    return await check_model(endpoint)


async def check_service(
    request: RunRequest, keys: KeyStore, *, timeout: float = 15.0
) -> Problem | None:
    """Open one session with the request's endpoint, key and model, and close it as soon as
    the service has accepted it (``session.created``) or refused it: a key checked when it is
    saved, before any run, at no cost (no audio, no response). ``None``: accepted."""
    try:
        endpoint = endpoint_of(request, keys)
    except Refused as refused:
        return refused
    created = asyncio.Event()
    errors: list[ev.ErrorDetail] = []

    def on_event(_: Connection, event: ev.ServerEvent) -> None:
        if isinstance(event, ev.SessionCreated):
            created.set()
        elif isinstance(event, ev.ServerError):
            errors.append(event.error)

    connection = Connection(endpoint, dialect_for(endpoint.dialect), on_event)
    try:
        await connection.open()
        accepted = await asyncio.wait_for(connection.wait_for(created), timeout)
    except Exception as exc:  # unreachable, refused at the handshake, no answer in time
        return explain(exc)
    finally:
        await connection.close()
    if accepted:
        return None
    error = errors[-1] if errors else None
    closed = connection.closed.result()
    fatal = fatal_error(
        error.code if error else None,
        error.message if error else closed.reason,
        closed.code,
        model=endpoint.model,
    )
    if fatal is not None:
        return explain(fatal)
    return Problem(
        "service",
        f"the service ended the connection ({closed.code}: {closed.reason or 'no reason'})",
        "check the endpoint URL and the model",
    )


def echo_guard_on(choice: EchoGuard, mode: Mode, *, real_devices: bool) -> bool:
    """Auto: face to face on real devices, where the speaker reaches the microphone."""
    if choice == "auto":
        return mode == "face" and real_devices
    return choice == "on"


class Refused(Problem):
    """The request cannot start as it is (nothing was opened): change it."""

    @classmethod
    def of(cls, exc: BaseException) -> Refused:
        problem = explain(exc)
        return cls(problem.cause, problem.what, problem.action)


@dataclass(frozen=True)
class ProviderChoice:
    """Where the sessions go. ``local``: the built-in server (``script``: its utterances, a
    script file or the entries themselves)."""

    provider: Provider = "openai"
    api_key: str | None = None  # overrides the environment and the keyring
    base_url: str | None = None
    azure_endpoint: str | None = None
    deployment: str | None = None
    api_version: str | None = None
    allow_insecure: bool = False
    script: Path | tuple[ScriptEntry, ...] | None = None
    transport: Transport = "websocket"


@dataclass(frozen=True)
class Tuning:
    """How the sessions listen and translate, and how the original sounds under a translation:
    the knobs the window's settings and the command line share."""

    turn_detection: TurnKind = "server_vad"
    silence_ms: int = 500  # server_vad: the pause that ends a turn
    noise: Noise = "auto"  # auto: far field face to face (a laptop's microphone), else near
    context_turns: int = 4  # prior turns the model may read, for consistency
    glossary: Mapping[str, str] = field(default_factory=dict)  # term → required rendering
    instructions: str = ""  # appended to the generated prompt
    ducking_db: float = -15.0  # call mode: the original voice under a translation

    def session_knobs(self, mode: Mode, languages: tuple[str, str]) -> TranslationConfig:
        """The session configuration these knobs ask for (``plan_directions`` sets languages,
        model and voice per direction). Raises ``ValueError`` naming a bad knob."""
        noise = self.noise
        if noise == "auto":
            noise = "far_field" if mode == "face" else "near_field"
        return TranslationConfig(
            source_language=languages[0],
            target_language=languages[1],
            turn_detection=TurnDetection(
                kind=self.turn_detection, silence_duration_ms=self.silence_ms
            ),
            noise_reduction=None if noise == "off" else noise,
            retained_turns=self.context_turns,
            glossary=dict(self.glossary),
            extra_instructions=self.instructions,
        )


@dataclass(frozen=True)
class RunRequest:
    """Everything a run needs to know, from the command line or from the window's settings."""

    mode: Mode
    languages: tuple[str, str]
    engine: Engine
    model: str
    provider: ProviderChoice
    devices: Mapping[str, str | None]  # role → a WAV file, an index, "default" or a name
    voices: tuple[str | None, str | None] = (None, None)
    passthrough: bool = True
    tuning: Tuning = Tuning()
    reasoning_effort: ReasoningEffort | None = None  # reasoning models (None: the catalog's)
    echo_guard: EchoGuard = "auto"  # auto: face to face on real devices
    echo_tail_ms: float = 300.0
    journal: bool = True
    history: Path | None = None  # where the journal goes (None: the user's history)


def request_from_settings(
    settings: Settings,
    provider: ProviderChoice,
    *,
    journal: bool = True,
    history: Path | None = None,
) -> RunRequest:
    """The run the window's settings ask for."""
    devices, turns = settings.devices, settings.turn_detection
    return RunRequest(
        mode=settings.mode,
        languages=(settings.language_a, settings.language_b),
        engine=settings.engine,
        model=settings.model,
        provider=provider,
        devices={role: getattr(devices, role) for role in ROLE_DIRECTIONS},
        voices=(settings.voice_ab, settings.voice_ba),
        tuning=Tuning(
            turn_detection=turns.kind,
            silence_ms=turns.silence_ms,
            noise=settings.noise_reduction,
            context_turns=settings.retained_turns,
            glossary=settings.glossary,
            instructions=settings.instructions,
            ducking_db=settings.ducking_db,
        ),
        reasoning_effort=settings.reasoning_effort,
        echo_guard=settings.echo_guard,
        echo_tail_ms=settings.echo_tail_ms,
        journal=journal,
        history=history,
    )


SegmentSink = Callable[[Segment], None]
StatusSink = Callable[[SessionState], None]


class InterpretingSession:
    """One run, as an ``async with``: opened and started on entry, closed on exit."""

    def __init__(
        self,
        request: RunRequest,
        *,
        keys: KeyStore | None = None,
        backend: AudioBackend | None = None,
        on_segment: SegmentSink | None = None,
        on_dropped: SegmentSink | None = None,
        on_status: StatusSink | None = None,
        on_lifecycle: Callable[[Lifecycle], None] | None = None,
    ) -> None:
        """``backend``: audio already opened by the caller (its device names are used as they
        are); otherwise the request's choices are resolved. ``on_dropped``: face to face, a
        segment that left the run (the other direction translates its utterance).
        ``on_lifecycle`` hears what the provider says of the model before anything starts (a
        warning, or the refusal)."""
        self.request = request
        self.keys = keys or KeyStore()
        self._backend = backend
        self._on_segment = on_segment or (lambda segment: None)
        self._on_dropped = on_dropped or (lambda segment: None)
        self._on_status = on_status or (lambda state: None)
        self._on_lifecycle = on_lifecycle or (lambda lifecycle: None)
        self._stack = contextlib.AsyncExitStack()
        self.journal: Journal | None = None
        self.devices: OpenedDevices | None = None
        self.endpoint: Endpoint | None = None
        self._interpreter: Interpreter | None = None
        self._closed = False

    @property
    def interpreter(self) -> Interpreter:
        if self._interpreter is None:
            raise RuntimeError("the session is not open")
        return self._interpreter

    @property
    def run(self) -> Run:
        return self.interpreter.run

    @property
    def files(self) -> bool:
        return self.devices is not None and self.devices.files

    # ---- opening ----

    async def __aenter__(self) -> InterpretingSession:
        try:
            await self._open()
        except BaseException:
            await self._stack.aclose()
            raise
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self._stack.aclose()

    async def _open(self) -> None:
        request = self.request
        self._check_choices()  # wrong whatever the provider, key or devices: said first
        self.endpoint = endpoint = await self._endpoint()
        self.devices = devices = self._devices()
        plans = self._plans(endpoint, devices)
        # Everything checked here first: the provider is asked only about a run that can start.
        lifecycle = await check_model(endpoint)
        self._on_lifecycle(lifecycle)
        if (retired := lifecycle.refusal()) is not None:
            raise Refused("model", retired.message, retired.action)
        interpreter = self._interpreter = Interpreter(
            request.mode,
            plans,
            devices.backend,
            engine=request.engine,
            model=request.model,
            languages=request.languages,
            echo_guard=echo_guard_on(
                request.echo_guard, request.mode, real_devices=not devices.files
            ),
            echo_tail_ms=request.echo_tail_ms,
            ducking=Ducking(depth_db=request.tuning.ducking_db),
            on_segment=self._segment,
            on_dropped=self._dropped,
            on_status=lambda key, event: self._on_status(
                SessionState.of(key, event, self._transport(key))
            ),
        )
        interpreter.run.voices = {
            d.plan.key: d.plan.config.voice for d in interpreter.directions if d.plan.config.voice
        }
        interpreter.run.devices = dict(devices.chosen)
        if request.journal:
            try:
                self.journal = Journal(interpreter.run, request.history)
            except OSError as exc:
                raise Refused.of(exc) from exc
            self._stack.callback(self.journal.close)
        self._stack.push_async_callback(self._close)
        try:
            await interpreter.start()
        except Exception as exc:
            if self.journal is not None:
                self.journal.discard()
            raise explain(exc) from exc
        interpreter.run.transports = {
            d.plan.key: d.session.transport for d in interpreter.directions
        }
        if self.journal is not None:
            self.journal.note(transports=interpreter.run.transports)

    def _transport(self, key: str) -> Transport:
        """How direction ``key``'s session reaches the service now (after a fallback too)."""
        found = (d for d in self.interpreter.directions if d.plan.key == key)
        direction = next(found, None)
        return direction.session.transport if direction else "websocket"

    def _check_choices(self) -> None:
        """The languages, voices and knobs, checked with nothing opened."""
        request = self.request
        try:
            direction_configs(
                request.mode,
                request.languages,
                engine=request.engine,
                model=request.model,
                voices=request.voices,
                tuning=request.tuning.session_knobs(request.mode, request.languages),
                reasoning_effort=request.reasoning_effort,
            )
        except ValueError as exc:
            raise Refused.of(exc) from exc

    def _devices(self) -> OpenedDevices:
        used = {role: choice for role, choice in self.request.devices.items() if choice}
        if self._backend is not None:
            files = isinstance(self._backend, WavFileBackend)
            return OpenedDevices(self._backend, files, used)
        try:
            return open_devices(used)
        except Problem as exc:
            raise Refused.of(exc) from exc

    async def _endpoint(self) -> Endpoint:
        choice = self.request.provider
        base_url = choice.base_url
        if choice.provider == "local" and base_url is None:  # else: a server already running
            base_url = await self._stack.enter_async_context(_local_server(choice.script))
        return endpoint_of(self.request, self.keys, base_url)

    def _plans(self, endpoint: Endpoint, devices: OpenedDevices) -> list[DirectionPlan]:
        request, chosen = self.request, devices.chosen
        try:
            return plan_directions(
                request.mode,
                request.languages,
                endpoint,
                model=request.model,
                voices=request.voices,
                input=chosen["input"],
                output=chosen["output"],
                return_input=chosen.get("return_input"),
                return_output=chosen.get("return_output"),
                passthrough=request.passthrough,
                tuning=request.tuning.session_knobs(request.mode, request.languages),
                reasoning_effort=request.reasoning_effort,
            )
        except ValueError as exc:  # an unsupported language, a bad voice, a missing device
            raise Refused.of(exc) from exc

    def _segment(self, segment: Segment) -> None:
        if self.journal is not None:
            self.journal.record(segment)
        self._on_segment(segment)

    def _dropped(self, segment: Segment) -> None:
        if self.journal is not None:
            self.journal.drop(segment)
        self._on_dropped(segment)

    async def _close(self) -> None:
        if not self._closed:
            self._closed = True
            await self.interpreter.close()

    # ---- running ----

    @property
    def directions(self) -> tuple[str, ...]:
        """The run's directions: ``("ab",)``, or ``("ab", "ba")`` both ways."""
        return tuple(d.plan.key for d in self.interpreter.directions)

    def set_push_to_talk(self, keys: tuple[str, ...]) -> None:
        """These directions translate only while their side holds the floor."""
        self.interpreter.set_push_to_talk(keys)

    def hold(self, key: str, held: bool) -> None:
        """A side's talk button went down or up (manual turns commit on release)."""
        self.interpreter.hold(key, held)

    @property
    def failure(self) -> Problem | None:
        """What ended the run early, if anything: a fatal session error, a device gone."""
        failure = self.interpreter.failure
        return explain(failure) if failure is not None else None

    @property
    def audio_failure(self) -> Problem | None:
        """The run's failure when it came from the audio (a device gone, the router dead): the
        one failure no session state shows."""
        failure = self.interpreter.failure
        if failure is None or isinstance(failure, RealtimeError):
            return None
        return explain(failure)

    async def failed(self) -> Problem:
        """The first failure of the run, whenever it comes (awaits until then)."""
        while (failure := self.failure) is None:  # set from session callbacks
            await asyncio.sleep(0.1)
        return failure

    async def run_until(
        self, stop: asyncio.Event, tick: Callable[[], None], every: float = 0.5
    ) -> None:
        """Interpret (WAV inputs at their own pace) until ``stop`` is set or the run fails,
        calling ``tick`` every ``every`` seconds."""
        interpreter, clock = self.interpreter, None
        backend = interpreter.backend
        if isinstance(backend, WavFileBackend):  # files need their clock run
            clock = asyncio.ensure_future(interpreter.run_file_clock(backend, fast=False))
        ends = [asyncio.ensure_future(stop.wait()), asyncio.ensure_future(self.failed())]
        try:
            while not any(end.done() for end in ends):
                await asyncio.wait(ends, timeout=every, return_when=asyncio.FIRST_COMPLETED)
                tick()
        finally:
            await cancel_and_wait(*ends, clock)

    # ---- readings ----

    def bill(self) -> Bill:
        """What the run has cost so far, its tokens, and each session's rate-limit headroom."""
        directions = self.interpreter.directions
        usage = sum((d.usage for d in directions), Usage())
        tokens = usage.input_text + usage.input_audio + usage.output_text + usage.output_audio
        headroom = tuple(
            Headroom(d.plan.key, limit.name, limit.remaining, limit.limit)
            for d in directions
            for limit in d.rate_limits.values()
        )
        cost = sum(d.session.cost_usd for d in directions)
        return Bill(cost, tokens, usage.audio_seconds, headroom)

    def levels(self) -> dict[str, Level]:
        """The latest level of each route of the run, by role (input, output, …)."""
        return {role: route.level() for role, route in self._routes()}

    def glitches(self) -> dict[str, Glitches]:
        """What each route of the run has lost so far, by role."""
        found: dict[str, Glitches] = {}
        for role, route in self._routes():
            counters = route.counters()
            if isinstance(counters, InputCounters):
                found[role] = Glitches(counters.device_overflows, counters.dropped_chunks)
            else:
                drops = counters.playback_underruns + counters.passthrough_overflows
                found[role] = Glitches(counters.device_underflows, drops)
        return found

    def _routes(self) -> Iterator[tuple[str, InputRoute | OutputBus]]:
        """The router's route for each device role of the run (none once it has closed)."""
        if self.devices is None or self._closed:
            return
        router = self.interpreter.router
        inputs = {route.name: route for route in router.inputs}
        outputs = {bus.name: bus for bus in router.outputs}
        for role, name in self.devices.chosen.items():
            route = (inputs if "input" in role else outputs).get(name)
            if route is not None:
                yield role, route

    async def play_files(self, *, fast: bool) -> None:
        """WAV inputs: run them to their end (or until the run fails)."""
        backend = self.interpreter.backend
        assert isinstance(backend, WavFileBackend)
        play = asyncio.ensure_future(
            self.interpreter.run_file_clock(backend, fast=fast, until=backend.input_duration())
        )
        failed = asyncio.ensure_future(self.failed())
        await asyncio.wait([play, failed], return_when=asyncio.FIRST_COMPLETED)
        for task in (failed, play):
            task.cancel()

    async def finish(self, timeout: float, *, fast: bool = False) -> list[str]:
        """The input has ended: wait up to ``timeout`` for every translation to be played, then
        close the sessions, end the journal and write the output files. Returns what is still
        missing (empty when complete). After an audio failure (a device gone) only the text
        the sessions still owe is waited for; after a session's fatal error, nothing."""
        interpreter = self.interpreter
        backend = interpreter.backend
        keep_clock = None
        if isinstance(backend, WavFileBackend):
            keep_clock = functools.partial(interpreter.run_file_clock, backend, fast=fast)
        try:
            if self.audio_failure is not None:
                return await interpreter.salvage(timeout)
            if interpreter.failure is not None:
                return []
            return await interpreter.drain(timeout, keep_clock)
        finally:
            await self.end()

    async def end(self) -> None:
        """Close the sessions (what plays is cut), end the journal, write the output files."""
        if self._closed:
            return
        await self._close()
        run = self.interpreter.run
        run.ended_at = Run.now_iso()  # an export of it says ended, as the journal does
        if self.journal is not None:  # the final state, latency and playback times included
            self.journal.end(run)
        backend = self.interpreter.backend
        if isinstance(backend, WavFileBackend):
            backend.write_outputs()


@contextlib.asynccontextmanager
async def _local_server(script: Path | tuple[ScriptEntry, ...] | None) -> AsyncIterator[str]:
    """The built-in server for ``--provider local``: demo phrases, or ``script``'s lines."""
    from translator.server.app import LocalRealtimeServer
    from translator.server.brain import Brain, DemoBrain, ScriptedBrain

    brain: Brain
    if isinstance(script, Path):
        brain = ScriptedBrain.from_file(script)
    elif script:  # its speech is rendered to be recognised: not on the event loop
        brain = await asyncio.to_thread(ScriptedBrain, script)
    else:
        brain = DemoBrain()
    async with LocalRealtimeServer(brain=brain) as server:
        yield server.url
