"""Device choices are resolved once, the way a user means them: digits are an index (not a name
containing them), ``default`` is the host's default device, a name or fragment matches one
device; the backend then opens exactly that device. Files and devices do not mix."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest

from tests.unit.audio.test_devices import dev, fake_sounddevice
from translator import run
from translator.app.devices import device_names, open_devices
from translator.app.errors import Problem
from translator.audio.devices import DeviceCatalog
from translator.cli import main

DEVICES = [
    dev(0, "Mic 2 (USB)", 0, 1, 0),  # a name with a "2" in it
    dev(1, "Speakers", 1, 0, 2),
    dev(2, "Built-in Microphone", 1, 2, 0),  # index 2
    dev(3, "HDMI 2", 0, 0, 2),
]


@pytest.fixture
def catalog() -> DeviceCatalog:
    module = fake_sounddevice(DEVICES)  # the host's defaults: input 2, output 1
    opened: list[Any] = []

    class Stream:
        def __init__(self, **kwargs: Any) -> None:
            opened.append(kwargs["device"])

        def close(self) -> None:
            pass

    module.InputStream = module.OutputStream = Stream  # type: ignore[attr-defined]
    module.opened = opened  # type: ignore[attr-defined]
    return DeviceCatalog(module)


def test_digits_are_an_index_never_a_name_that_contains_them(catalog: DeviceCatalog) -> None:
    devices = open_devices({"input": "2", "output": "3"}, catalog=lambda: catalog)
    assert devices.chosen == {
        "input": "Built-in Microphone [PulseAudio]",
        "output": "HDMI 2 [ALSA]",
    }
    stream = devices.backend.open_stream("input", devices.chosen["input"], print, block_ms=20)
    assert catalog.sounddevice.opened == [2]  # type: ignore[attr-defined]
    stream.close()


def test_default_is_the_hosts_default_device(catalog: DeviceCatalog) -> None:
    devices = open_devices({"input": "default", "output": "default"}, catalog=lambda: catalog)
    assert devices.chosen == {
        "input": "Built-in Microphone [PulseAudio]",
        "output": "Speakers [PulseAudio]",
    }
    assert not devices.files


def test_a_name_or_fragment_matches_one_device(catalog: DeviceCatalog) -> None:
    devices = open_devices(
        {"input": "usb", "output": "Speakers [PulseAudio]", "return_input": None},
        catalog=lambda: catalog,
    )
    assert devices.chosen == {"input": "Mic 2 (USB) [ALSA]", "output": "Speakers [PulseAudio]"}


def test_an_unknown_device_names_the_ones_there_are(catalog: DeviceCatalog) -> None:
    with pytest.raises(Problem) as refused:
        open_devices({"input": "Yeti", "output": "default"}, catalog=lambda: catalog)
    assert refused.value.cause == "device"
    assert refused.value.what == "No input device matches 'Yeti'"
    assert refused.value.action.endswith("Mic 2 (USB) [ALSA]; Built-in Microphone [PulseAudio])")


def test_files_and_devices_do_not_mix_and_a_missing_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(Problem) as mixed:
        open_devices({"input": str(tmp_path / "in.wav"), "output": "default"})
    assert mixed.value.cause == "input" and "mixing WAV files and devices" in mixed.value.what
    with pytest.raises(Problem) as missing:
        open_devices({"input": str(tmp_path / "in.wav"), "output": str(tmp_path / "out.wav")})
    assert missing.value.line == f"input file {tmp_path / 'in.wav'} does not exist; check the path"


def test_one_file_may_serve_two_roles(tmp_path: Path) -> None:
    from tests.support.speech import write_wav

    wav = str(write_wav(tmp_path / "in.wav", np.zeros(2400, np.int16)))
    devices = open_devices(
        {"input": wav, "output": str(tmp_path / "a.wav"), "return_input": wav,
         "return_output": str(tmp_path / "b.wav")}
    )  # fmt: skip
    assert devices.files and set(devices.chosen) == {
        "input",
        "output",
        "return_input",
        "return_output",
    }


def test_the_pickers_get_names_and_the_hosts_defaults(catalog: DeviceCatalog) -> None:
    names = device_names(lambda: catalog)
    assert names.inputs == ["Mic 2 (USB)", "Built-in Microphone"]
    assert names.outputs == ["Speakers", "HDMI 2"]
    assert (names.default_input, names.default_output) == ("Built-in Microphone", "Speakers")


def test_translator_devices_without_any_device_says_what_to_start(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """No sound server and nothing plugged in: one line saying so (it was a traceback)."""
    empty = DeviceCatalog(fake_sounddevice([]))
    monkeypatch.setattr(run, "device_catalog", lambda: empty)
    assert main(["devices"]) == 1
    assert capsys.readouterr().err == (
        "translator: error: No audio devices found; start the sound server (PulseAudio or "
        "PipeWire) or plug a device in, then try again\n"
    )
    with pytest.raises(Problem) as refused:  # a run says the same, per direction
        open_devices({"input": "default", "output": "default"}, catalog=lambda: empty)
    assert refused.value.what == "No audio input device found"


def test_translator_devices_on_a_machine_with_speakers_only(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    speakers = DeviceCatalog(fake_sounddevice([dev(0, "Speakers", 1, 0, 2)]))
    monkeypatch.setattr(run, "device_catalog", lambda: speakers)
    assert main(["devices"]) == 0
    listing = capsys.readouterr().out.splitlines()
    assert listing[1].split() == ["0", ">", "0", "2", "48000", "PulseAudio", "Speakers"]


def test_the_pickers_leave_out_alsas_speaker_layouts_and_mixers() -> None:
    """What PortAudio lists on a Debian laptop: the card, ALSA's plugin PCMs (each offered
    both ways) and the sound server's. A person picks the card, the server or a headset."""
    listed = [
        dev(0, "HDA Intel PCH: ALC257 Analog (hw:0,0)", 0, 2, 2),
        dev(1, "sysdefault", 0, 128, 128),
        dev(2, "front", 0, 0, 2),
        dev(3, "surround51", 0, 0, 6),
        dev(4, "dmix", 0, 0, 2),
        dev(5, "dsnoop", 0, 2, 0),
        dev(6, "front:CARD=Headset,DEV=0", 0, 0, 2),
        dev(7, "pulse", 0, 32, 32),
        dev(8, "default", 0, 32, 32),
        dev(9, "USB Headset", 1, 1, 2),
    ]
    names = device_names(lambda: DeviceCatalog(fake_sounddevice(listed)))
    assert names.inputs == ["HDA Intel PCH: ALC257 Analog (hw:0,0)", "pulse", "default",
                            "USB Headset"]  # fmt: skip
    assert names.outputs == names.inputs
    devices = open_devices(  # a run still takes one by name
        {"output": "surround51"}, catalog=lambda: DeviceCatalog(fake_sounddevice(listed))
    )
    assert devices.chosen == {"output": "surround51 [ALSA]"}


def test_a_rescan_finds_a_device_plugged_in_since() -> None:
    module = fake_sounddevice(DEVICES)
    catalog = DeviceCatalog(module)
    assert "USB Headset" not in device_names(lambda: catalog).outputs
    module.state.devices.append(dev(4, "USB Headset", 1, 1, 2))  # type: ignore[attr-defined]
    assert "USB Headset" not in device_names(lambda: catalog).outputs  # PortAudio's old view
    assert "USB Headset" in device_names(lambda: catalog, rescan=True).outputs
