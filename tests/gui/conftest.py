"""Window tests: Qt on the offscreen platform, coroutines on a qasync loop over the test's
``QApplication``; an exception in any task fails the test."""

from __future__ import annotations

import asyncio
import os
from collections.abc import Awaitable, Callable
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
        from qasync import QEventLoop

        errors: list[dict[str, Any]] = []

        async def main() -> None:
            asyncio.get_running_loop().set_exception_handler(lambda _loop, ctx: errors.append(ctx))
            await scenario()

        with asyncio.Runner(loop_factory=lambda: QEventLoop(self._app)) as runner:
            runner.run(main())
        if errors:
            raise AssertionError(f"errors in tasks: {errors}")


@pytest.fixture
def qt_loop(qapp: Any) -> QtLoop:
    return QtLoop(qapp)


async def wait_until(condition: Callable[[], bool], timeout: float, what: str) -> None:
    """Poll ``condition`` while the loop (and Qt) keep running; generous on a loaded machine."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not condition():
        if loop.time() > deadline:
            raise AssertionError(f"timed out after {timeout:g} s waiting for {what}")
        await asyncio.sleep(0.05)


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
