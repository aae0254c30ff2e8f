"""The Test buttons beside each device, before Start (devices are WAV files here; the same
application layer on real PortAudio devices is tests/device/test_loopback.py): a microphone is
metered while its button is down, a speaker plays a test sound and its button comes back up by
itself; one device at a time; Start ends a test; a device that cannot open is said loudly."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from tests.gui.conftest import QtLoop, wav_backend
from tests.support.speech import EN, speech_wav
from tests.support.waiting import wait_until
from tests.unit.audio.test_devices import dev, fake_sounddevice
from translator.app import devices
from translator.audio.backends import WavFileBackend
from translator.audio.devices import DeviceCatalog
from translator.gui.controller import InterpreterController
from translator.gui.main_window import MainWindow


def test_test_buttons_meter_the_microphone_and_play_a_sound_on_the_speakers(
    qtbot: Any, qt_loop: QtLoop, tmp_path: Path
) -> None:
    opened: list[WavFileBackend] = []
    controller = InterpreterController(demo=True, backend_factory=wav_backend(opened))
    window = MainWindow(controller)
    qtbot.addWidget(window)
    mic = str(speech_wav(tmp_path / "mic.wav", EN[:1]))
    window.set_devices([mic], [str(tmp_path / "speakers.wav")])
    tests = window.test_buttons

    async def scenario() -> None:
        window.show()
        assert all(meter.value() == 0 for meter in window.meters.values())  # idle before
        qtbot.mouseClick(tests["input"], Qt.MouseButton.LeftButton)
        assert tests["input"].isChecked()
        # the speech in the microphone moves its meter (above -40 dBFS)
        await wait_until(lambda: window.input_level.value() > 200, 20, "the microphone metered")
        qtbot.mouseClick(tests["output"], Qt.MouseButton.LeftButton)  # one device at a time
        assert not tests["input"].isChecked() and tests["output"].isChecked()
        loudest: list[int] = []

        def played() -> bool:
            loudest.append(window.output_level.value())
            return not tests["output"].isChecked()

        await wait_until(played, 20, "the test sound to play and the button to come up")
        assert max(loudest) > 200 and window.input_level.value() == 0
        assert controller.device_test is None
        qtbot.mouseClick(tests["input"], Qt.MouseButton.LeftButton)
        qtbot.mouseClick(window.start_stop, Qt.MouseButton.LeftButton)  # Start ends the test
        assert not tests["input"].isChecked() and not tests["input"].isEnabled()
        await wait_until(lambda: controller.session is not None, 30, "the run to start")
        qtbot.mouseClick(window.start_stop, Qt.MouseButton.LeftButton)
        await wait_until(lambda: not controller.running, 30, "the run to stop")
        assert tests["input"].isEnabled()

    qt_loop.run(scenario)
    assert len(opened) == 4  # input test, output test, input test again, the run


def test_a_device_that_cannot_open_is_said_with_what_to_do(
    qtbot: Any, qt_loop: QtLoop, tmp_path: Path
) -> None:
    controller = InterpreterController(demo=True)  # the real device catalogue
    window = MainWindow(controller)
    qtbot.addWidget(window)
    window.set_devices(["No such microphone"], ["No such speakers"])

    async def scenario() -> None:
        window.show()
        qtbot.mouseClick(window.test_buttons["input"], Qt.MouseButton.LeftButton)
        assert not window.test_buttons["input"].isChecked()
        bar = window.problem_bar
        assert bar.isVisible(), window.status.text()
        assert bar.text.text().startswith("Could not test the device: "), bar.text.text()
        assert bar.action.text() == "Choose another device"

    qt_loop.run(scenario)


def test_rescan_offers_a_device_plugged_in_and_keeps_the_picks(
    qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """PortAudio (faked at the edge: no sound system here) sees a headset plugged in after
    the window opened once the user asks for a rescan (View → Rescan, F5); what was picked
    stays picked; the status says what was found."""
    module = fake_sounddevice([dev(0, "Built-in Audio", 1, 2, 2), dev(1, "HDMI", 1, 0, 2)])
    catalog = DeviceCatalog(module)
    monkeypatch.setattr(devices, "device_catalog", lambda: catalog)
    window = MainWindow(InterpreterController(demo=True))
    qtbot.addWidget(window)
    window.show()
    window.output_device.setCurrentIndex(window.output_device.findData("HDMI"))
    assert window.input_device.findData("USB Headset") < 0
    module.state.devices.append(dev(2, "USB Headset", 1, 1, 2))  # type: ignore[attr-defined]
    window.rescan_action.trigger()
    assert window.input_device.findData("USB Headset") >= 0
    assert window.output_device.findData("USB Headset") >= 0
    assert window.output_device.currentData() == "HDMI"  # kept
    assert window.status.text() == "Audio devices: 2 to listen with, 3 to play on."
    assert window.rescan_action.shortcut().toString() == "F5"


def test_device_names_are_plain_and_the_full_name_is_a_tooltip(qtbot: Any) -> None:
    window = MainWindow(InterpreterController(demo=True))
    qtbot.addWidget(window)
    card = "HDA Intel PCH: ALC257 Analog (hw:0,0)"
    window.set_devices([card, "USB Headset"], ["USB Headset"], card, "USB Headset")
    combo = window.input_device
    assert combo.itemText(0) == "HDA Intel PCH: ALC257 Analog (system default)"
    assert combo.itemData(0) == card  # what the run opens
    assert combo.itemData(0, Qt.ItemDataRole.ToolTipRole) == card
    assert window.settings().devices.input == card
    # ALSA's routes to the sound server, as PortAudio lists them on a desktop
    window.set_devices(["pulse", "default", card], ["default"], "default", "default")
    shown = [combo.itemText(row) for row in range(combo.count())]
    assert shown == ["Sound server (PulseAudio or PipeWire)", "System default",
                     "HDA Intel PCH: ALC257 Analog"]  # fmt: skip
    assert combo.currentData() == "default"
