"""Turn detection "Manual (push to talk)" in the window: the talk button is the only way to speak,
and releasing it ends the utterance, which is then translated (before, nothing ever committed
the input and nothing was translated). Against a local server on loopback, WAV devices."""

from __future__ import annotations

import base64
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from tests.gui.conftest import QtLoop, wav_backend
from tests.support.speech import EN, read_wav, speech_wav
from tests.support.waiting import wait_until
from translator.gui.controller import InterpreterController
from translator.gui.main_window import MainWindow
from translator.server.app import LocalRealtimeServer
from translator.server.brain import DemoBrain
from translator.server.link import ConnectionRecord
from translator.server.tts import RATE
from translator.settings import Settings, TurnSettings

pytestmark = [pytest.mark.speech, pytest.mark.slow]


def _seconds_sent(record: ConnectionRecord) -> float:
    appended = [
        len(base64.b64decode(event["audio"])) // 2
        for event in record.received
        if isinstance(event, dict) and event.get("type") == "input_audio_buffer.append"
    ]
    return sum(appended) / RATE


def _translated_rows(window: MainWindow) -> list[str]:
    table = window.transcript
    rows = [table.item(row, 2) for row in range(table.rowCount())]
    return [item.text() for item in rows if item is not None and item.text().strip()]


def test_releasing_the_talk_button_ends_the_utterance_and_it_is_translated(
    qtbot: Any, qt_loop: QtLoop, tmp_path: Path
) -> None:
    speech = str(speech_wav(tmp_path / "speech.wav", EN[:1], gap_s=0.5))
    settings = Settings(turn_detection=TurnSettings(kind="manual"), first_run_done=True)
    opened: list[MainWindow] = []

    async def scenario() -> None:
        async with LocalRealtimeServer(brain=DemoBrain()) as server:
            controller = InterpreterController(
                demo=False, backend_factory=wav_backend([]), server_url=server.url
            )
            window = MainWindow(controller, settings=settings)
            opened.append(window)
            qtbot.addWidget(window)
            window.set_devices([speech], [str(tmp_path / "heard.wav")])
            window.show()
            # manual turns: push-to-talk, always (Auto would never end an utterance)
            assert window.talk_mode.currentData() is True and not window.talk_mode.isEnabled()
            qtbot.mousePress(window.talk_a, Qt.MouseButton.LeftButton)
            qtbot.mouseClick(window.start_stop, Qt.MouseButton.LeftButton)
            await wait_until(lambda: bool(server.connections), 30, "the session to connect")
            (record,) = server.connections
            said = read_wav(Path(speech)).size / RATE
            await wait_until(lambda: _seconds_sent(record) >= said, 60, "the sentence to be sent")
            assert _translated_rows(window) == []  # no pause ends a manual turn
            qtbot.mouseRelease(window.talk_a, Qt.MouseButton.LeftButton)
            translated = ["[demo] Frase traducida 1"]
            await wait_until(lambda: _translated_rows(window) == translated, 60, "the translation")
            committed = [e for e in record.received if e.get("type") == "input_audio_buffer.commit"]
            assert len(committed) == 1
            qtbot.mouseClick(window.start_stop, Qt.MouseButton.LeftButton)
            await wait_until(lambda: not controller.running, 30, "the session to stop")

    qt_loop.run(scenario)
    opened[0].close()
