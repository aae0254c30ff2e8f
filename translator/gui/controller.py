"""The bridge between the window and the Qt-free application layer (GUI thread, qasync loop).

The window asks for a start or a stop with the user's ``Settings``; the controller turns them
into a ``RunRequest`` (demo mode: the local server, in-process or an already running
``translator serve`` given by URL; the sample conversation: the local server with its script,
and its director speaking into the inputs) and runs an ``InterpretingSession`` in a task it
owns, which assembles and journals the run. It reports back through Qt signals: segment
changes (copies, so the window never shares mutable state with the sessions), session status,
the bill (cost, tokens, rate-limit headroom), what the provider says of the model, and a failure
as a ``Problem`` (its cause, what happened, what to do). Push-to-talk presses pass straight
through to the interpreter.
Session callbacks arrive on the event loop, which under qasync is the GUI thread; audio
callbacks never reach this module (meters are read, not pushed).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal

from translator.app import sample
from translator.app.devices import DeviceTest
from translator.app.errors import Problem, Unexpected, explain
from translator.app.interpreting import (
    AudioBackend,
    InterpretingSession,
    ProviderChoice,
    check_service,
    model_lifecycle,
    request_from_settings,
)
from translator.app.readings import Bill, Glitches, Level, ModelNotice, SessionState
from translator.lifecycle import Lifecycle
from translator.secrets import KeyStore
from translator.settings import Mode, Settings
from translator.tasks import cancel_and_wait
from translator.transcript.model import Run

log = logging.getLogger(__name__)

SALVAGE_TIMEOUT_S = 10.0  # a device gone: how long the text still owed may take


class InterpreterController(QObject):
    """Starts and stops interpreting; owns every task and connection it opens."""

    segment_changed = Signal(object)  # Segment (a copy)
    segment_dropped = Signal(str)  # face to face: a segment id the other direction holds
    session_changed = Signal(object)  # SessionState
    running_changed = Signal(bool)
    bill_changed = Signal(object)  # Bill, all directions so far
    failed = Signal(object)  # Problem: a start that did not happen
    stopped = Signal(object)  # Problem: a run that ended on its own (a device gone)
    run_started = Signal(object)  # Run: the live run, as its sessions start
    run_finished = Signal(object)  # Run: the transcript of a run that has ended
    model_notice = Signal(object)  # ModelNotice, or None: nothing to say about the model
    key_checked = Signal(object)  # Problem, or None: the service accepted the key

    def __init__(
        self,
        *,
        demo: bool,
        keys: KeyStore | None = None,
        backend_factory: Callable[[Settings], AudioBackend] | None = None,
        server_url: str | None = None,
        history: Path | None = None,
        keep_history: bool = True,
    ) -> None:
        """``demo``: use the local server whatever the settings say (``--demo``). ``server_url``:
        a running ``translator serve`` (its ``ws://…/v1``) to use instead of the in-process
        local server; implies demo mode. ``history``: where runs are journalled (default: the
        user's history folder)."""
        super().__init__()
        self.forced_demo = demo or server_url is not None
        self.demo = self.forced_demo
        self.server_url = server_url
        self.history = history
        self._keep_history = keep_history
        self.keys = keys or KeyStore()
        self._backend_factory = backend_factory
        self._task: asyncio.Task[None] | None = None
        self._stop = asyncio.Event()
        self.session: InterpretingSession | None = None
        self.run: Run | None = None  # the run shown live, or the last one
        self._settings: Settings | None = None
        self._states: dict[str, str] = {}  # direction key → last state shown
        self.push_to_talk = False
        self._held: set[str] = set()
        self._check: asyncio.Task[None] | None = None
        self._key_check: asyncio.Task[None] | None = None
        self.device_test: DeviceTest | None = None  # a device tried before a run
        self._closing: set[asyncio.Future[None]] = set()  # device tests releasing their device

    @property
    def running(self) -> bool:
        return self._task is not None and not self._task.done()

    def demo_for(self, settings: Settings) -> bool:
        """Whether a run with ``settings`` would use the local server: asked for, or no key."""
        if self.forced_demo or settings.provider == "local":
            return True
        provider = "custom" if settings.provider == "custom" else settings.provider
        return self.keys.find(provider) is None

    def start(self, settings: Settings) -> None:
        self._start(settings, pair=None)

    def play_sample(self, settings: Settings) -> None:
        """The sample conversation in the settings' mode and languages, through their devices:
        always the local server (no key, nothing leaves the machine) and no history; the run
        ends after its last line. Settings whose languages it lacks change nothing."""
        pair = sample.pair_for((settings.language_a, settings.language_b))
        if pair is not None:
            self._start(settings, pair=pair)

    def _start(self, settings: Settings, *, pair: tuple[str, str] | None) -> None:
        if self.running:
            return
        self.stop_device_test()  # the run opens the devices itself
        self._stop = asyncio.Event()
        self._states = {}
        self.demo = pair is not None or self.demo_for(settings)
        self._task = asyncio.get_running_loop().create_task(
            self._run(settings, pair), name="interpret"
        )
        self.running_changed.emit(True)

    def stop(self) -> None:
        self._stop.set()

    # ---- the model's lifecycle ----

    def check_model(self, settings: Settings) -> None:
        """Ask the provider (in the background) whether the chosen model is going away; the
        answer comes as ``model_notice``. The local server and Azure say nothing."""
        if self._check is not None:
            self._check.cancel()
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:  # no loop yet: the start checks again anyway
            return
        self._check = loop.create_task(self._check_model(settings), name="model-lifecycle")

    async def _check_model(self, settings: Settings) -> None:
        lifecycle = None
        if not self.demo_for(settings):  # settings that cannot start say so at Start
            request = request_from_settings(settings, self._provider(settings))
            lifecycle = await model_lifecycle(request, self.keys)
        if lifecycle is None:
            self.model_notice.emit(None)
        else:
            self._notify(lifecycle)

    def _notify(self, lifecycle: Lifecycle) -> None:
        self.model_notice.emit(ModelNotice.of(lifecycle))

    # ---- the key ----

    def check_key(self, settings: Settings) -> None:
        """Open and close one session with the settings' provider, key and model (in the
        background); the answer comes as ``key_checked``."""
        if self._key_check is not None:
            self._key_check.cancel()  # the newer key is the one to check
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:  # no loop (yet): nothing to check with
            return
        self._key_check = loop.create_task(self._check_key(settings), name="key-check")

    async def _check_key(self, settings: Settings) -> None:
        request = request_from_settings(settings, self._chosen_provider(settings), journal=False)
        self.key_checked.emit(await check_service(request, self.keys))

    # ---- push-to-talk ----

    def set_push_to_talk(self, on: bool) -> None:
        """On: face to face both sides, otherwise your own side, talk only while held."""
        self.push_to_talk = on
        if self.running and self.session is not None:
            self.session.set_push_to_talk(self._talk_keys(self.session.request.mode))

    def _talk_keys(self, mode: Mode) -> tuple[str, ...]:
        if not self.push_to_talk:
            return ()
        return ("ab", "ba") if mode == "face" else ("ab",)

    def hold(self, key: str, held: bool) -> None:
        """A side's talk button went down or up (kept across a start)."""
        if held:
            self._held.add(key)
        else:
            self._held.discard(key)
        if self.running and self.session is not None and key in self.session.directions:
            self.session.hold(key, held)

    # ---- device tests (before a run) ----

    def test_device(self, settings: Settings, role: str) -> Problem | None:
        """Try the settings' device for ``role`` without a run: an input is metered until
        ``stop_device_test`` (or a start), an output plays a test sound once. Returns why it
        could not open."""
        if self.running:
            return None
        self.stop_device_test()
        choice = getattr(settings.devices, role) or "default"
        backend = self._backend_factory(settings) if self._backend_factory else None
        try:
            self.device_test = DeviceTest(role, choice, backend)
        except Problem as problem:
            return problem
        return None

    def stop_device_test(self) -> None:
        test, self.device_test = self.device_test, None
        if test is not None:
            self._closing.add(task := asyncio.ensure_future(test.aclose()))
            task.add_done_callback(self._closing.discard)

    # ---- readings (polled by the window) ----

    def levels(self) -> dict[str, Level]:
        """The latest level of each route of the run (or of the device under test), by role
        (input, output, …)."""
        if self.device_test is not None:
            return {self.device_test.role: self.device_test.level()}
        if not self.running or self.session is None:
            return {}
        return self.session.levels()

    def glitches(self) -> dict[str, Glitches]:
        """What each device of the live run has lost so far, by role."""
        if not self.running or self.session is None:
            return {}
        return self.session.glitches()

    def bill(self) -> Bill:
        return self.session.bill() if self.session is not None else Bill()

    async def aclose(self) -> None:
        """Stop and wait until every session, device test and the local server are closed."""
        self._stop.set()
        self.stop_device_test()
        if self._closing:
            await asyncio.wait(self._closing)
        await cancel_and_wait(self._check, self._key_check)
        if self._task is not None:
            await self._task

    async def _run(self, settings: Settings, sample_pair: tuple[str, str] | None) -> None:
        self._settings = settings
        if sample_pair is None:
            provider, journal = self._provider(settings), self._keep_history
        else:
            provider, journal = ProviderChoice("local", script=sample.script(sample_pair)), False
        request = request_from_settings(settings, provider, journal=journal, history=self.history)
        director: asyncio.Task[None] | None = None
        try:
            async with InterpretingSession(
                request,
                keys=self.keys,
                backend=self._backend_factory(settings) if self._backend_factory else None,
                on_segment=lambda segment: self.segment_changed.emit(segment.model_copy()),
                on_dropped=lambda segment: self.segment_dropped.emit(segment.id),
                on_status=self._on_status,
                on_lifecycle=self._notify,
            ) as session:
                self.session = session
                self.run = session.run
                self.run_started.emit(session.run)
                if sample_pair is None:
                    session.set_push_to_talk(self._talk_keys(request.mode))
                    for key in self._held & set(session.directions):
                        session.hold(key, True)
                else:
                    turns = sample.turns(request.mode, sample_pair)
                    director = asyncio.ensure_future(sample.play(session.interpreter, turns))
                    director.add_done_callback(lambda _: self._stop.set())  # its last line
                try:
                    await session.run_until(
                        self._stop, lambda: self.bill_changed.emit(session.bill())
                    )
                    if director is not None and director.done() and not director.cancelled():
                        director.result()  # what stopped the sample conversation, if anything
                    if (failure := session.audio_failure) is not None:
                        log.warning("the run stopped: %s", failure.line)
                        self.stopped.emit(failure)  # at once; then the text still owed
                        await self._unless_stopped(session.finish(SALVAGE_TIMEOUT_S))
                finally:
                    if director is not None:
                        await cancel_and_wait(director)
                    await session.end()
            # closed: the final usage, latencies and playback times are in
            self.bill_changed.emit(session.bill())
            for key in session.directions:
                if self._states.get(key) != "error":  # the error stays shown
                    self.session_changed.emit(SessionState(key, "stopped"))
            self.run_finished.emit(session.run)
        except Exception as exc:
            problem = explain(exc)
            if isinstance(problem, Unexpected):
                log.exception("interpreting failed")
            self.failed.emit(problem)
        finally:
            self.running_changed.emit(False)

    async def _unless_stopped(self, work: Coroutine[Any, Any, object]) -> None:
        """Await ``work``, cut short when the user stops (or closes the window)."""
        task = asyncio.ensure_future(work)
        stopped = asyncio.ensure_future(self._stop.wait())
        await asyncio.wait([task, stopped], return_when=asyncio.FIRST_COMPLETED)
        await cancel_and_wait(stopped, task)

    def _provider(self, settings: Settings) -> ProviderChoice:
        """Demo mode: the local server (a running one, or one leased for the run)."""
        if self.demo_for(settings):
            return ProviderChoice("local", base_url=self.server_url, transport=settings.transport)
        return self._chosen_provider(settings)

    def _chosen_provider(self, settings: Settings) -> ProviderChoice:
        azure = settings.azure
        return ProviderChoice(
            settings.provider,
            base_url=settings.base_url or None,
            azure_endpoint=azure.endpoint,
            deployment=azure.deployment,
            api_version=azure.api_version,
            transport=settings.transport,
        )

    def _on_status(self, state: SessionState) -> None:
        self._states[state.key] = state.state
        self.session_changed.emit(state)
