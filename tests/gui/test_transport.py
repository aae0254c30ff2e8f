"""The connection chosen in the settings carries the run: Connection → WebRTC, Apply, Start,
and the session is a WebRTC call to the service (the status line says so) whose translation is
played; a call that fell back to WebSocket says so, with the reason on hover."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from tests.gui.conftest import QtLoop, wav_backend
from tests.support.speech import EN, read_wav, speech_wav, translations_in_order
from tests.support.waiting import wait_until
from tests.support.webrtc import loopback_candidates
from translator.app.readings import SessionState
from translator.audio.backends import WavFileBackend
from translator.gui.controller import InterpreterController
from translator.gui.main_window import MainWindow
from translator.server.app import LocalRealtimeServer
from translator.server.brain import ScriptedBrain
from translator.server.tts import RATE, synthesize
from translator.settings import SettingsStore

KEY = "sk-local-transport"


@pytest.fixture(autouse=True)
def _loopback() -> Iterator[None]:
    with loopback_candidates():
        yield


@pytest.mark.speech
@pytest.mark.slow
def test_webrtc_chosen_in_settings_takes_the_call_and_the_translation_plays(
    qtbot: Any, qt_loop: QtLoop, tmp_path: Path
) -> None:
    said = EN[:1]
    # the input file runs on long enough for the translation to play out
    speech = str(speech_wav(tmp_path / "speech.wav", said, gap_s=6.0))
    store = SettingsStore()
    store.save(store.load().model_copy(update={"first_run_done": True}))
    opened: list[WavFileBackend] = []
    controller = InterpreterController(demo=False, backend_factory=wav_backend(opened))
    window = MainWindow(controller, settings=store.load(), store=store, keys=controller.keys)
    qtbot.addWidget(window)
    window.set_devices([speech], [str(tmp_path / "heard.wav")])

    voice: list[str] = []

    async def scenario() -> None:
        async with LocalRealtimeServer(brain=ScriptedBrain(EN), api_keys=[KEY]) as server:
            window.show()
            window.settings_action.trigger()
            panel = window.settings_panel
            panel.provider.setCurrentIndex(panel.provider.findData("custom"))
            panel.base_url.setText(server.url)
            qtbot.keyClicks(panel.api_key, KEY)
            panel.transport.setFocus()
            while panel.transport.currentData() != "webrtc":  # arrow keys, as a user picks
                qtbot.keyClick(panel.transport, Qt.Key.Key_Down)
            qtbot.mouseClick(panel.apply, Qt.MouseButton.LeftButton)
            assert window.app_settings.transport == "webrtc"
            qtbot.mouseClick(window.start_stop, Qt.MouseButton.LeftButton)
            await wait_until(
                lambda: "Translation: live over WebRTC" in window.status.text(), 30, "the call"
            )
            run = controller.run
            assert run is not None
            voice.append(run.voices["ab"])  # the voice the picker shows, which the run took
            whole = synthesize(said[0].translations["es"], "es", voice=voice[0]).size / RATE

            def played() -> bool:  # all of the translation has reached the output file
                segment = run.segments[0] if run.segments else None
                if segment is None or segment.playback_end_s is None:
                    return False
                assert segment.playback_start_s is not None
                backend = opened[0]
                device = backend.devices[str(tmp_path / "heard.wav")]
                assert device.started_at is not None
                written = backend.clock() - device.started_at  # the output's own clock
                return (
                    segment.playback_end_s - segment.playback_start_s >= whole - 0.05
                    and written > segment.playback_end_s + 0.3
                )

            await wait_until(played, 60, "the translation played whole")
            row = window.transcript.item(0, 2)
            assert row is not None and row.text() == said[0].translations["es"]
            qtbot.mouseClick(window.start_stop, Qt.MouseButton.LeftButton)
            await wait_until(lambda: not controller.running, 30, "the run to stop")
            assert [r.path.split("?")[0] for r in server.connections if "calls" in r.path] == [
                "/v1/realtime/calls"
            ]

    qt_loop.run(scenario)
    translations_in_order(
        read_wav(tmp_path / "heard.wav"), [(said[0].translations["es"], "es")], voice=voice[0]
    )
    assert store.load().transport == "webrtc"  # what the next launch uses


def test_a_call_that_fell_back_says_so_and_why(qtbot: Any) -> None:
    window = MainWindow(InterpreterController(demo=True))
    qtbot.addWidget(window)
    reason = "over WebSocket: the WebRTC call failed (the call did not connect within 5 s)"
    window.show_session(SessionState("ab", "live", reason, "websocket"))
    assert "live over WebSocket" in window.status.text()
    assert reason in window.status.toolTip()
    window.show_session(SessionState("ab", "live", "", "websocket"))
    assert "over" not in window.status.text() and not window.status.toolTip()
