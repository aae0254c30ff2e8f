"""Device listing and picking on an injected sounddevice (the real one needs PortAudio devices)."""

from __future__ import annotations

import subprocess
import sys
from types import ModuleType, SimpleNamespace
from typing import Any

import pytest

from translator.audio.backends import PortAudioBackend
from translator.audio.devices import DeviceCatalog, DeviceId, load_sounddevice
from translator.audio.errors import DeviceFailed, DeviceNotFound, DevicesBusy, PortAudioMissing


class FakePortAudioError(Exception):
    pass


def fake_sounddevice(devices: list[dict[str, Any]]) -> ModuleType:
    """What sounddevice 0.5 returns on a laptop with ALSA and PulseAudio host APIs."""
    module = ModuleType("sounddevice")
    state = SimpleNamespace(devices=devices, rescans=0)

    def stream(**kwargs: Any) -> None:
        raise FakePortAudioError(
            "Error opening InputStream: Invalid sample rate [PaErrorCode -9997]"
        )

    def initialize() -> None:
        state.rescans += 1

    module.query_hostapis = lambda: ({"name": "ALSA"}, {"name": "PulseAudio"})  # type: ignore[attr-defined]
    module.query_devices = lambda: list(state.devices)  # type: ignore[attr-defined]
    module.default = SimpleNamespace(device=[2, 1])  # type: ignore[attr-defined]
    module._terminate = lambda: None  # type: ignore[attr-defined]
    module._initialize = initialize  # type: ignore[attr-defined]
    module.PortAudioError = FakePortAudioError  # type: ignore[attr-defined]
    module.CallbackAbort = type("CallbackAbort", (Exception,), {})  # type: ignore[attr-defined]
    module.InputStream = module.OutputStream = stream  # type: ignore[attr-defined]
    module.state = state  # type: ignore[attr-defined]
    return module


def dev(
    index: int, name: str, api: int, ins: int, outs: int, *, rate: float = 48000.0
) -> dict[str, Any]:
    return {
        "index": index,
        "name": name,
        "hostapi": api,
        "max_input_channels": ins,
        "max_output_channels": outs,
        "default_samplerate": rate,
    }


DEVICES = [
    dev(0, "HDA Intel PCH: ALC257 Analog (hw:0,0)", 0, 2, 2, rate=44100.0),
    dev(1, "Speakers", 1, 0, 2),
    dev(2, "USB Headset Mic", 1, 1, 0, rate=16000.0),
    dev(3, "USB Headset", 1, 0, 2),
    dev(4, "Speakers", 0, 0, 2),
]


def test_lists_host_apis_and_devices_per_direction_with_their_rates() -> None:
    catalog = DeviceCatalog(fake_sounddevice(DEVICES))
    assert [api.name for api in catalog.host_apis()] == ["ALSA", "PulseAudio"]
    assert [d.name for d in catalog.devices("input")] == [
        "HDA Intel PCH: ALC257 Analog (hw:0,0)",
        "USB Headset Mic",
    ]
    assert len(catalog.devices("output")) == 4
    mic = catalog.default("input")
    assert (mic.name, mic.host_api, mic.default_samplerate) == (
        "USB Headset Mic",
        "PulseAudio",
        16000,
    )


def test_picks_by_index_stable_id_exact_name_and_unique_fragment() -> None:
    catalog = DeviceCatalog(fake_sounddevice(DEVICES))
    assert catalog.find(3, "output").name == "USB Headset"
    assert catalog.find(DeviceId("Speakers", "ALSA"), "output").index == 4
    assert catalog.find("Speakers [ALSA]", "output").index == 4
    assert catalog.find("Speakers", "output").index == 1, "the first host API listed wins"
    assert catalog.find("headset mic", "input").index == 2
    assert catalog.find("USB Headset", "output").index == 3, "exact name beats fragments"


def test_a_remembered_id_survives_index_changes_after_a_rescan() -> None:
    sd = fake_sounddevice(DEVICES)
    catalog = DeviceCatalog(sd)
    remembered = catalog.find("USB Headset", "output").id
    sd.state.devices = [
        dev(0, "Webcam Mic", 1, 1, 0),
        *[{**d, "index": d["index"] + 1} for d in DEVICES],
    ]  # type: ignore[attr-defined]
    catalog.rescan()
    assert sd.state.rescans == 1  # type: ignore[attr-defined]
    assert catalog.find(remembered, "output").index == 4


def test_unknown_or_ambiguous_devices_are_reported_with_the_choices() -> None:
    catalog = DeviceCatalog(fake_sounddevice(DEVICES))
    with pytest.raises(DeviceNotFound) as missing:
        catalog.find("Bluetooth", "input")
    assert "Bluetooth" in str(missing.value) and "USB Headset Mic [PulseAudio]" in str(
        missing.value
    )
    with pytest.raises(DeviceNotFound):
        catalog.find("a", "output")  # several different names contain it
    with pytest.raises(DeviceNotFound):
        catalog.find(1, "input")  # an output-only device


def test_rescan_is_refused_while_a_stream_is_open() -> None:
    catalog = DeviceCatalog(fake_sounddevice(DEVICES))
    catalog.open_streams = 1
    with pytest.raises(DevicesBusy, match="stop interpreting first"):
        catalog.rescan()


def test_portaudio_errors_become_actionable_device_errors() -> None:
    backend = PortAudioBackend(DeviceCatalog(fake_sounddevice(DEVICES)))
    with pytest.raises(DeviceFailed) as failed:
        backend.open_stream("input", "USB Headset Mic", lambda data, now: None, block_ms=10)
    message = str(failed.value)
    assert "USB Headset Mic [PulseAudio]" in message and "Invalid sample rate" in message
    assert "pick another device" in message
    assert backend.catalog.open_streams == 0


def test_missing_portaudio_names_the_package_to_install() -> None:
    def importer(name: str) -> ModuleType:
        raise OSError("PortAudio library not found")

    with pytest.raises(PortAudioMissing) as missing:
        load_sounddevice(importer)
    assert "libportaudio2" in str(missing.value) and "PortAudio library not found" in str(
        missing.value
    )


def test_the_audio_core_imports_without_touching_portaudio_or_the_network_layer() -> None:
    code = (
        "import sys\n"
        "import translator.audio.router, translator.audio.backends, translator.audio.devices\n"
        "assert 'sounddevice' not in sys.modules, 'sounddevice imported eagerly'\n"
        "assert not any(m.startswith('translator.realtime') for m in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
