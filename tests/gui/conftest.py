"""Window tests: Qt on the offscreen platform, coroutines on a qasync loop over the test's
``QApplication``; an exception in any task fails the test, and so does a Qt object left to be
freed off the GUI thread."""

from __future__ import annotations

import asyncio
import gc
import os
import threading
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from translator.audio.backends import AudioBackend, WavFileBackend
from translator.server.tts import RATE
from translator.settings import Settings

if not os.environ.get("QT_QPA_PLATFORM"):  # before pytest-qt makes the QApplication
    os.environ["QT_QPA_PLATFORM"] = "offscreen"


class QtLoop:
    """Runs a coroutine to completion on a qasync loop, re-raising errors its tasks logged."""

    def __init__(self, app: Any) -> None:
        self._app = app

    def run(self, scenario: Callable[[], Awaitable[None]]) -> None:
        from translator.gui.qtloop import QtEventLoop

        errors: list[dict[str, Any]] = []

        async def main() -> None:
            asyncio.get_running_loop().set_exception_handler(lambda _loop, ctx: errors.append(ctx))
            await scenario()

        with asyncio.Runner(loop_factory=lambda: QtEventLoop(self._app)) as runner:
            runner.run(main())
        if errors:
            raise AssertionError(f"errors in tasks: {errors}")


@pytest.fixture
def qt_loop(qapp: Any) -> QtLoop:
    return QtLoop(qapp)


@pytest.fixture(autouse=True)
def _qt_objects_are_freed_on_the_gui_thread(qapp: Any) -> Iterator[None]:
    """After each test, a garbage collection on another thread, as happens in the app whenever
    one runs on an executor thread: whatever a test left in reference cycles is freed there, and
    Qt warns about each Qt object it cannot free from that thread (a timer freed there is later
    delivered to freed memory: the crash of issue 26). Such a warning fails the test."""
    from PySide6.QtCore import qInstallMessageHandler

    yield
    messages: list[str] = []
    previous = qInstallMessageHandler(lambda _mode, _context, message: messages.append(message))
    try:
        collector = threading.Thread(target=gc.collect, name="gc-off-the-gui-thread")
        collector.start()
        collector.join()
    finally:
        qInstallMessageHandler(previous)
    assert not messages, f"Qt objects freed off the GUI thread: {messages}"


def wav_backend(opened: list[WavFileBackend]) -> Callable[[Settings], AudioBackend]:
    """Devices named after WAV files: the speech the session hears, the files it plays into."""

    def open_files(settings: Settings) -> AudioBackend:
        backend = WavFileBackend()
        devices = settings.devices
        for name in {devices.input, devices.return_input} - {None}:
            backend.add_input_file(str(name), Path(str(name)))
        for name in {devices.output, devices.return_output} - {None}:
            backend.add_output_file(str(name), Path(str(name)), RATE)
        opened.append(backend)
        return backend

    return open_files
