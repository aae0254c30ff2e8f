"""The sample conversation, as a new user plays it from the window: two synthetic speakers take
turns through the chosen mode, languages and voices, on the chosen devices (WAV files here),
answered by the local server; each line is translated the right way and heard in the voice
picked for its direction; the devices themselves are not heard meanwhile; the run ends by
itself and is not kept in the history."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from tests.gui.conftest import QtLoop, wav_backend
from tests.support.speech import EN, ES, read_wav, speech_wav, translations_in_order
from tests.support.waiting import wait_until
from translator.app import sample
from translator.audio.backends import WavFileBackend
from translator.gui.controller import InterpreterController
from translator.gui.main_window import MainWindow
from translator.secrets import KeyStore
from translator.settings import Settings
from translator.transcript.history import History

pytestmark = [pytest.mark.speech, pytest.mark.slow, pytest.mark.timeout(300)]


def _rows(table: Any) -> list[tuple[str, str, str]]:
    return [
        tuple(table.item(row, column).text() for column in range(3))  # type: ignore[misc]
        for row in range(table.rowCount())
    ]


def _window(qtbot: Any, tmp_path: Path, inputs: list[str], outputs: list[str]) -> Any:
    opened: list[WavFileBackend] = []
    history = tmp_path / "history"
    # a user with a key and an endpoint, here one where nothing listens: the sample never goes
    # there (it would fail to start)
    keys = KeyStore(environ={"OPENAI_API_KEY": "sk-unreachable"})
    settings = Settings(provider="custom", base_url="ws://127.0.0.1:9/v1", first_run_done=True)
    controller = InterpreterController(
        demo=False, keys=keys, backend_factory=wav_backend(opened), history=history
    )
    window = MainWindow(controller, settings=settings, keys=keys)
    qtbot.addWidget(window)
    # the microphone hears someone: the sample must not (the devices are not heard)
    mic = str(speech_wav(tmp_path / "mic.wav", EN[:2]))
    window.set_devices([mic, *inputs], outputs)
    return window, controller, history


def _pick(window: MainWindow, mode: str, voices: tuple[str, str]) -> None:
    window.mode.setCurrentIndex(window.mode.findData(mode))
    window.language_a.select_data("en")
    window.language_b.select_data("es")
    window.voice_ab.setCurrentIndex(window.voice_ab.findData(voices[0]))
    window.voice_ba.setCurrentIndex(window.voice_ba.findData(voices[1]))


def test_face_to_face_the_sample_translates_each_side_the_right_way_in_its_voice(
    qtbot: Any, qt_loop: QtLoop, tmp_path: Path
) -> None:
    heard = tmp_path / "heard.wav"
    window, controller, history = _window(qtbot, tmp_path, [], [str(heard)])
    lines = sample.conversation()

    async def scenario() -> None:
        window.show()
        _pick(window, "face", ("coral", "cedar"))
        assert window.sample_button.isEnabled() and not window.banner.isVisible()
        qtbot.mouseClick(window.sample_button, Qt.MouseButton.LeftButton)
        assert window.start_stop.text() == "Stop" and not window.sample_button.isEnabled()
        assert window.banner.isVisible()  # a demo, even with a key: nothing billed or sent
        await wait_until(lambda: not controller.running, 240, "the sample to end by itself")
        assert window.start_stop.text() == "Start" and window.sample_button.isEnabled()

    qt_loop.run(scenario)
    rows = _rows(window.transcript)
    # each line once, in order, translated the way its speaker needs (you: English, them: Spanish)
    expected = [
        ("You", line.texts["en"], line.texts["es"])
        if line.side == 1
        else ("Them", line.texts["es"], line.texts["en"])
        for line in lines
    ]
    assert rows == expected
    recording = read_wav(heard)
    for speaker, _, translation in expected:
        language, voice = ("es", "coral") if speaker == "You" else ("en", "cedar")
        translations_in_order(recording, [(translation, language)], voice=voice)
    assert History(history).read_all() == ([], [])  # a sample is not a session to keep


def test_in_a_call_the_sample_speaks_each_side_into_its_own_route(
    qtbot: Any, qt_loop: QtLoop, tmp_path: Path
) -> None:
    call = str(speech_wav(tmp_path / "call.wav", ES[:2]))  # someone on the call: not heard
    to_call, to_me = tmp_path / "to-call.wav", tmp_path / "to-me.wav"
    window, controller, _ = _window(qtbot, tmp_path, [call], [str(to_call), str(to_me)])
    lines = sample.conversation()

    async def scenario() -> None:
        window.show()
        _pick(window, "call", ("sage", "ash"))
        window.return_input_device.setCurrentIndex(window.return_input_device.findData(call))
        window.return_output_device.setCurrentIndex(
            window.return_output_device.findData(str(to_me))
        )
        qtbot.mouseClick(window.sample_button, Qt.MouseButton.LeftButton)
        await wait_until(lambda: not controller.running, 240, "the sample to end by itself")

    qt_loop.run(scenario)
    rows = _rows(window.transcript)
    assert [row[0] for row in rows] == ["You" if line.side == 1 else "Them" for line in lines]
    # what you say reaches the call in Spanish; what they say reaches your headphones in English
    mine = [(line.texts["es"], "es") for line in lines if line.side == 1]
    theirs = [(line.texts["en"], "en") for line in lines if line.side == 2]
    translations_in_order(read_wav(to_call), mine, voice="sage")
    translations_in_order(read_wav(to_me), theirs, voice="ash")
