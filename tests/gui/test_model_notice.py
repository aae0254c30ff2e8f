"""The model lifecycle in the window, against the local server's ``/v1/models`` on loopback: a
model shutting down in ten days shows a warning banner and still interprets; a model shut down
shows the refusal, Start opens no session, and one click on Switch moves to the successor, which
then interprets."""

from __future__ import annotations

import datetime
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from tests.gui.conftest import QtLoop, wav_backend
from tests.support.speech import EN, speech_wav
from tests.support.waiting import wait_until
from translator.gui.controller import InterpreterController
from translator.gui.main_window import MainWindow
from translator.secrets import KeyStore
from translator.server.app import LocalRealtimeServer
from translator.server.brain import DemoBrain
from translator.server.options import ServerOptions
from translator.settings import Settings

pytestmark = [pytest.mark.speech, pytest.mark.slow]
KEY = "sk-lifecycle-window"
RETIRING, SUCCESSOR = "gpt-realtime-mini", "gpt-realtime-2.1-mini"


def _day(offset: int) -> datetime.date:
    return datetime.date.today() + datetime.timedelta(days=offset)


def _translated_rows(window: MainWindow) -> int:
    table = window.transcript
    return sum(
        1
        for row in range(table.rowCount())
        if (table.item(row, 2) or 0) and table.item(row, 2).text().strip()
    )


def _window(qtbot: Any, tmp_path: Path, url: str) -> tuple[MainWindow, InterpreterController]:
    keys = KeyStore(environ={"OPENAI_API_KEY": KEY})
    controller = InterpreterController(demo=False, keys=keys, backend_factory=wav_backend([]))
    settings = Settings(
        provider="custom", base_url=url, model=RETIRING, engine="realtime", first_run_done=True
    )
    window = MainWindow(controller, settings=settings, keys=keys)
    qtbot.addWidget(window)
    speech = str(speech_wav(tmp_path / "speech.wav", EN[:1]))
    window.set_devices([speech], [str(tmp_path / "heard.wav")])
    return window, controller


async def _interpret_once(
    qtbot: Any, window: MainWindow, controller: InterpreterController
) -> None:
    qtbot.mouseClick(window.start_stop, Qt.MouseButton.LeftButton)
    await wait_until(lambda: _translated_rows(window) == 1, 90, "the translation")
    qtbot.mouseClick(window.start_stop, Qt.MouseButton.LeftButton)
    await wait_until(lambda: not controller.running, 30, "the run to stop")


Check = Callable[[MainWindow, InterpreterController, LocalRealtimeServer], Awaitable[None]]


def _with_notice(qtbot: Any, qt_loop: QtLoop, tmp_path: Path, days: int, check: Check) -> None:
    """The window on a server announcing RETIRING's shutdown ``days`` from today, once its
    notice shows; ``check`` then drives it."""
    options = ServerOptions(shutdown_dates={RETIRING: _day(days).isoformat()})
    opened: list[MainWindow] = []

    async def scenario() -> None:
        async with LocalRealtimeServer(
            brain=DemoBrain(), api_keys=[KEY], options=options
        ) as server:
            window, controller = _window(qtbot, tmp_path, server.url)
            opened.append(window)
            window.show()
            await wait_until(window.model_notice.isVisible, 30, "the model notice")
            await check(window, controller, server)

    qt_loop.run(scenario)
    opened[0].close()  # after the loop: closing the last window quits it


def test_a_model_shutting_down_soon_shows_a_warning_and_still_interprets(
    qtbot: Any, qt_loop: QtLoop, tmp_path: Path
) -> None:
    async def check(
        window: MainWindow, controller: InterpreterController, server: LocalRealtimeServer
    ) -> None:
        text = window.model_notice_text.text()
        assert f"{RETIRING} shuts down on OpenAI on {_day(10)}." in text
        assert f"10 days left. Its successor is {SUCCESSOR}." in text
        assert "(in 10 days)" in window.model_notice_text.toolTip()  # the CLI's line
        assert window.switch_model.text() == f"Switch to {SUCCESSOR}"
        await _interpret_once(qtbot, window, controller)
        assert [c.path for c in server.connections] == [f"/v1/realtime?model={RETIRING}"]

    _with_notice(qtbot, qt_loop, tmp_path, 10, check)


def test_a_shut_down_model_is_refused_and_one_click_switches_to_its_successor(
    qtbot: Any, qt_loop: QtLoop, tmp_path: Path
) -> None:
    async def check(
        window: MainWindow, controller: InterpreterController, server: LocalRealtimeServer
    ) -> None:
        assert (
            f"{RETIRING} was shut down by OpenAI on {_day(-1)}" in window.model_notice_text.text()
        )
        qtbot.mouseClick(window.start_stop, Qt.MouseButton.LeftButton)
        await wait_until(lambda: not controller.running, 30, "the refused start to end")
        said = window.problem_bar.text.text()
        assert said.startswith(f"Could not start: {RETIRING} was shut down"), said
        assert server.connections == []  # refused before any websocket opened
        qtbot.mouseClick(window.switch_model, Qt.MouseButton.LeftButton)
        assert window.settings().model == SUCCESSOR
        await wait_until(lambda: not window.model_notice.isVisible(), 30, "the notice to go")
        await _interpret_once(qtbot, window, controller)
        assert [c.path for c in server.connections] == [f"/v1/realtime?model={SUCCESSOR}"]

    _with_notice(qtbot, qt_loop, tmp_path, -1, check)
