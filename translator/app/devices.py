"""Where each role of a run (input, output, return_input, return_output) takes or sends audio.

A choice is a WAV file (``*.wav``), a PortAudio index (digits), ``default`` (the host's default
device for that direction) or a name: exact, ``name [host API]`` as ``translator devices`` and
the settings show it, or a fragment matching one device. Choices are resolved once, when the run
is opened, on the one device catalogue of the process; each role then carries its device's full
``name [host API]``, which the backend opens exactly (never a fragment, never a number read as a
name). A run uses files or devices, not both. Raises ``Problem`` (input: a file; device: a
device) with what to change. Runs on the caller's thread (PortAudio enumeration is quick).
``DeviceTest`` tries one device without a run (the window's Test buttons).
"""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

from translator.app.errors import Problem, explain
from translator.audio.backends import AudioBackend, PortAudioBackend, WavFileBackend
from translator.audio.devices import DeviceCatalog, DeviceInfo, DeviceSelector, Direction
from translator.audio.dsp import LevelReading
from translator.audio.errors import AudioError
from translator.audio.playback import PlaybackBuffer
from translator.audio.router import AudioRouter, InputRoute, OutputBus
from translator.tasks import cancel_and_wait

SESSION_RATE = 24_000
ROLE_DIRECTIONS: dict[str, Direction] = {
    "input": "input",
    "output": "output",
    "return_input": "input",
    "return_output": "output",
}


@functools.cache
def device_catalog() -> DeviceCatalog:
    """The process's one view of PortAudio's devices (``rescan`` refreshes it)."""
    return DeviceCatalog()


@dataclass(frozen=True)
class DeviceNames:
    """What a device picker offers: names per direction and the host's defaults."""

    inputs: list[str]
    outputs: list[str]
    default_input: str | None
    default_output: str | None


ALSA_PLUGINS = frozenset(
    {
        "front", "rear", "center_lfe", "side", "surround21", "surround40", "surround41",
        "surround50", "surround51", "surround71", "iec958", "spdif", "dmix", "dsnoop",
        "sysdefault", "lavrate", "samplerate", "speexrate", "upmix", "vdownmix", "jack", "oss",
    }
)  # fmt: skip
"""ALSA's plugin PCMs: speaker layouts, converters and mixers, not devices a person picks."""


def offered(device: DeviceInfo) -> bool:
    """Whether a picker offers ``device`` (a run still takes any device by name)."""
    return not (device.host_api == "ALSA" and device.name.split(":", 1)[0] in ALSA_PLUGINS)


def device_names(
    catalog: Callable[[], DeviceCatalog] | None = None, *, rescan: bool = False
) -> DeviceNames:
    """The devices a person would pick, by name, for each direction (``rescan``: look again,
    after one was plugged in); raises ``Problem`` (device) when there are none to list (no
    PortAudio library, no sound system) or a rescan cannot happen now (a stream is open)."""
    try:
        devices = (catalog or device_catalog)()  # (the process's, unless told)
        if rescan:
            devices.rescan()
        return DeviceNames(
            [d.name for d in devices.devices("input") if offered(d)],
            [d.name for d in devices.devices("output") if offered(d)],
            devices.default("input").name,
            devices.default("output").name,
        )
    except AudioError as exc:
        raise explain(exc) from exc


@dataclass(frozen=True)
class OpenedDevices:
    """The backend of a run and, per role, what the plan routes to."""

    backend: AudioBackend
    files: bool  # WAV files: the run keeps its own clock
    chosen: dict[str, str]


def is_wav(choice: str | None) -> bool:
    return bool(choice) and str(choice).lower().endswith(".wav")


def selector(choice: str) -> DeviceSelector:
    """``default`` → the host default, digits → an index, anything else → a name."""
    if choice == "default":
        return None
    return int(choice) if choice.isdigit() else choice


def open_devices(
    choices: Mapping[str, str | None],
    *,
    catalog: Callable[[], DeviceCatalog] = device_catalog,
) -> OpenedDevices:
    """Resolve every role's choice (``None``: the role is not used)."""
    used = {role: choice for role, choice in choices.items() if choice}
    wavs = [is_wav(choice) for choice in used.values()]
    if any(wavs) and not all(wavs):
        raise Problem(
            "input",
            "mixing WAV files and devices in one run is not supported",
            "use files for every role, or devices for every role",
        )
    if wavs and all(wavs):
        return OpenedDevices(_wav_files(used), True, dict(used))
    try:
        devices = catalog()
        chosen = {
            role: str(devices.find(selector(choice), ROLE_DIRECTIONS[role]).id)
            for role, choice in used.items()
        }
    except AudioError as exc:
        raise explain(exc) from exc
    return OpenedDevices(PortAudioBackend(devices), False, chosen)


def _wav_files(used: Mapping[str, str]) -> WavFileBackend:
    backend = WavFileBackend()
    added: set[str] = set()
    for role, path in used.items():
        if path in added:  # one file may serve two roles
            continue
        added.add(path)
        if ROLE_DIRECTIONS[role] == "input":
            if not Path(path).is_file():
                raise Problem("input", f"input file {path} does not exist", "check the path")
            try:
                backend.add_input_file(path, Path(path))
            except (OSError, EOFError, ValueError) as exc:
                raise Problem(
                    "input",
                    f"cannot read {path} as a 16-bit PCM WAV file ({exc})",
                    "convert it, e.g. ffmpeg -i IN -ac 1 -c:a pcm_s16le OUT.wav",
                ) from exc
        else:
            if not Path(path).resolve().parent.is_dir():
                raise Problem(
                    "input", f"the folder of output file {path} does not exist", "create it first"
                )
            backend.add_output_file(path, Path(path), SESSION_RATE)
    return backend


def test_sound() -> npt.NDArray[np.int16]:
    """What an output test plays: two soft notes (E5, A5), 0.6 s at 24 kHz, -12 dBFS peak."""
    t = np.arange(int(0.3 * SESSION_RATE)) / SESSION_RATE
    envelope = np.minimum(1.0, t / 0.01) * np.exp(-t * 6.0)
    notes = [0.25 * envelope * np.sin(2 * np.pi * hz * t) for hz in (659.26, 880.0)]
    return np.round(np.concatenate(notes) * 32767).astype(np.int16)


class DeviceTest:
    """One device tried without a run (the window's Test buttons before Start): an input is
    metered as a run would meter it, nothing sent anywhere; an output plays ``test_sound``
    once, metered. ``aclose`` releases the device. Event loop (the stream's callback runs on
    its own thread)."""

    def __init__(self, role: str, choice: str, backend: AudioBackend | None = None) -> None:
        """Open ``choice`` for ``role`` (input, output, return_input, return_output) as a run
        resolves it, on ``backend`` (default: the devices); raises ``Problem`` (device)."""
        self.role = role
        if backend is None:
            opened = open_devices({role: choice})
            backend, choice = opened.backend, opened.chosen[role]
        self._router = AudioRouter(backend)
        self._route: InputRoute | OutputBus
        self._playback: PlaybackBuffer | None = None
        self._sound_samples = 0
        self._clock: asyncio.Task[None] | None = None
        try:
            if ROLE_DIRECTIONS[role] == "input":
                self._route = self._router.add_input(role, choice, on_chunk=lambda chunk: None)
            else:
                self._route = self._router.add_output(role, choice)
                self._playback = self._route.add_playback().playback
                sound = test_sound()
                self._sound_samples = sound.size
                self._playback.push("test", sound)
                self._playback.mark_done("test")
            self._router.start()
        except AudioError as exc:
            self._router.close()
            raise explain(exc) from exc
        if isinstance(backend, WavFileBackend):  # a file's clock runs only when run
            self._clock = asyncio.ensure_future(backend.run(float("inf"), realtime=True))

    def level(self) -> LevelReading:
        if isinstance(self._route, InputRoute):
            self._route.pump()  # what was captured goes nowhere
        return self._route.level()

    @property
    def finished(self) -> bool:
        """An output's test sound has played (an input is metered until closed)."""
        playback = self._playback
        return playback is not None and playback.played_samples("test") >= self._sound_samples

    @property
    def failure(self) -> str | None:
        """Why the device stopped (unplugged, taken away), if it did."""
        return self._route.stream.failure

    async def aclose(self) -> None:
        await cancel_and_wait(self._clock)
        self._router.close()
