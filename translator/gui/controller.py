"""The bridge between the window and the Qt-free interpreter (GUI thread, qasync loop).

The window asks for a start or a stop with ``SessionSettings``; the controller builds the
direction plans, the endpoint (the in-process local server in demo mode) and the audio backend,
runs the ``Interpreter`` in tasks it owns, and reports back through Qt signals: segment changes
(copies, so the window never shares mutable state with the sessions), session status and cost.
Session callbacks arrive on the event loop, which under qasync is the GUI thread; audio
callbacks never reach this module.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal

from translator.audio.backends import AudioBackend, PortAudioBackend, WavFileBackend
from translator.audio.devices import DeviceCatalog
from translator.audio.errors import AudioError
from translator.interpreter import DirectionPlan, Interpreter, Mode
from translator.realtime.config import TranslationConfig
from translator.realtime.endpoints import Credential, Endpoint, Engine, openai
from translator.realtime.errors import RealtimeError
from translator.realtime.session import Failed, Status
from translator.secrets import KeyStore

log = logging.getLogger(__name__)


class SettingsIncomplete(Exception):
    """The window's choices cannot make a run; ``action`` says what to pick."""

    def __init__(self, message: str, action: str) -> None:
        super().__init__(f"{message}; {action}")


@dataclass(frozen=True)
class SessionSettings:
    """What the user chose in the window for one run."""

    mode: Mode
    language_a: str
    language_b: str
    engine: str
    model: str
    voice_ab: str | None
    voice_ba: str | None
    input: str  # device names (the audio backend's selectors)
    output: str
    return_input: str | None = None
    return_output: str | None = None


@dataclass(frozen=True)
class SessionState:
    """One direction's session as the status line shows it."""

    key: str
    state: str  # connecting, live, reconnecting, stopped, error
    detail: str = ""  # for an error: what happened and what to do


def _default_backend(settings: SessionSettings) -> AudioBackend:
    del settings
    return PortAudioBackend(DeviceCatalog())


class InterpreterController(QObject):
    """Starts and stops interpreting; owns every task and connection it opens."""

    segment_changed = Signal(object)  # Segment (a copy)
    session_changed = Signal(object)  # SessionState
    running_changed = Signal(bool)
    cost_changed = Signal(float)  # USD so far, all directions
    failed = Signal(str)  # a start that did not happen: what and what to do

    def __init__(
        self,
        *,
        demo: bool,
        keys: KeyStore | None = None,
        backend_factory: Callable[[SessionSettings], AudioBackend] = _default_backend,
    ) -> None:
        super().__init__()
        self.demo = demo
        self._keys = keys or KeyStore()
        self._backend_factory = backend_factory
        self._task: asyncio.Task[None] | None = None
        self._stop = asyncio.Event()
        self.interpreter: Interpreter | None = None
        self._states: dict[str, str] = {}  # direction key → last state shown

    @property
    def running(self) -> bool:
        return self._task is not None and not self._task.done()

    def start(self, settings: SessionSettings) -> None:
        if self.running:
            return
        self._stop = asyncio.Event()
        self._states = {}
        self._task = asyncio.get_running_loop().create_task(self._run(settings), name="interpret")
        self.running_changed.emit(True)

    def stop(self) -> None:
        self._stop.set()

    async def aclose(self) -> None:
        """Stop and wait until every session and the local server are closed."""
        self._stop.set()
        if self._task is not None:
            await self._task

    async def _run(self, settings: SessionSettings) -> None:
        try:
            async with contextlib.AsyncExitStack() as stack:
                endpoint = await self._endpoint(settings, stack)
                backend = self._backend_factory(settings)
                interpreter = Interpreter(
                    settings.mode,
                    _plans(settings, endpoint),
                    backend,
                    engine=settings.engine,
                    model=settings.model,
                    languages=(settings.language_a, settings.language_b),
                    echo_guard=settings.mode == "face" and not isinstance(backend, WavFileBackend),
                    on_segment=lambda s: self.segment_changed.emit(s.model_copy()),
                    on_status=self._on_status,
                )
                self.interpreter = interpreter
                for plan in interpreter.directions:
                    self.session_changed.emit(SessionState(plan.plan.key, "connecting"))
                await interpreter.start()
                stack.push_async_callback(interpreter.close)
                if isinstance(backend, WavFileBackend):  # files need their clock run
                    clock = asyncio.ensure_future(interpreter.run_file_clock(backend, fast=False))
                    stack.push_async_callback(_cancel, clock)
                while not self._stop.is_set() and interpreter.failure is None:
                    with contextlib.suppress(TimeoutError):
                        await asyncio.wait_for(self._stop.wait(), 0.5)
                    self.cost_changed.emit(sum(d.session.cost_usd for d in interpreter.directions))
            for direction in interpreter.directions:
                if self._states.get(direction.plan.key) != "error":  # the error stays shown
                    self.session_changed.emit(SessionState(direction.plan.key, "stopped"))
        except RealtimeError as exc:
            self.failed.emit(f"{exc.message}; {exc.action}")
        except AudioError as exc:
            self.failed.emit(f"{str(exc).rstrip('.')}; pick another device")
        except SettingsIncomplete as exc:
            self.failed.emit(str(exc))
        except Exception as exc:
            log.exception("interpreting failed")
            self.failed.emit(f"{exc}; see the log")
        finally:
            self.running_changed.emit(False)

    async def _endpoint(
        self, settings: SessionSettings, stack: contextlib.AsyncExitStack
    ) -> Endpoint:
        engine: Engine = "translate" if settings.engine == "translate" else "realtime"
        if self.demo:
            from translator.server.app import LocalRealtimeServer
            from translator.server.brain import DemoBrain

            server = await stack.enter_async_context(LocalRealtimeServer(brain=DemoBrain()))
            return openai(Credential("local"), settings.model, engine, server.url)
        found = self._keys.find("openai")
        if found is None:
            raise RealtimeError("no API key for OpenAI", "add a key, or start with --demo")
        return openai(found.credential, settings.model, engine)

    def _on_status(self, key: str, event: Status | Failed) -> None:
        if isinstance(event, Failed):
            state = SessionState(key, "error", f"{event.error.message}; {event.error.action}")
        else:
            names = {"ready": "live", "rotating": "live", "closed": "stopped"}
            state = SessionState(key, names.get(event.state, event.state), event.detail)
        self._states[key] = state.state
        self.session_changed.emit(state)


async def _cancel(task: asyncio.Task[None]) -> None:
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await task


def _plans(settings: SessionSettings, endpoint: Endpoint) -> list[DirectionPlan]:
    a, b = settings.language_a, settings.language_b

    def config(source: str, target: str, voice: str | None) -> TranslationConfig:
        return TranslationConfig(
            source_language=source,
            target_language=target,
            model=settings.model,
            voice=voice,
            detect_language=settings.mode == "face",
            noise_reduction="far_field" if settings.mode == "face" else "near_field",
        )

    call = settings.mode == "call"
    you, them = ("You", "Them") if call else ("A", "B")
    plans = [
        DirectionPlan(
            "ab",
            you,
            config(a, b, settings.voice_ab),
            endpoint,
            settings.input,
            settings.output,
            call,
        )
    ]
    if call:
        their_audio, headphones = settings.return_input, settings.return_output
        if not (their_audio and headphones):
            raise SettingsIncomplete(
                "call mode needs the other side's audio and your headphones", "pick both devices"
            )
        plans.append(
            DirectionPlan(
                "ba",
                them,
                config(b, a, settings.voice_ba),
                endpoint,
                their_audio,
                headphones,
                True,
            )
        )
    elif settings.mode == "face":
        plans.append(
            DirectionPlan(
                "ba",
                them,
                config(b, a, settings.voice_ba),
                endpoint,
                settings.input,
                settings.output,
            )
        )
    return plans
