"""Audio devices on sounddevice (PortAudio): listing, picking, stable ids, rescans.

sounddevice is imported lazily, only when a real device is needed: a machine without the
PortAudio library still starts the app (the WAV and in-memory backends and everything else keep
working) and is told which package to install.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from types import ModuleType
from typing import Any, Literal

from translator.audio.errors import DeviceNotFound, DevicesBusy, NoDevices, PortAudioMissing

Direction = Literal["input", "output"]


@dataclass(frozen=True)
class DeviceId:
    """What a settings file remembers: indexes change between runs, name + host API do not."""

    name: str
    host_api: str

    def __str__(self) -> str:
        return f"{self.name} [{self.host_api}]"


DeviceSelector = str | int | DeviceId | None
"""An index, a remembered id, a name or name fragment, or None for the system default."""


@dataclass(frozen=True)
class HostApi:
    index: int
    name: str


@dataclass(frozen=True)
class DeviceInfo:
    index: int
    name: str
    host_api: str
    max_input_channels: int
    max_output_channels: int
    default_samplerate: int

    @property
    def id(self) -> DeviceId:
        return DeviceId(self.name, self.host_api)

    def channels(self, direction: Direction) -> int:
        return self.max_input_channels if direction == "input" else self.max_output_channels


def load_sounddevice(importer: Callable[[str], ModuleType] = importlib.import_module) -> ModuleType:
    """Import sounddevice, turning a missing PortAudio library into ``PortAudioMissing``."""
    try:
        return importer("sounddevice")
    except OSError as exc:  # sounddevice raises OSError("PortAudio library not found")
        raise PortAudioMissing(str(exc)) from exc


class DeviceCatalog:
    """The devices PortAudio sees, refreshed only on ``rescan`` (PortAudio enumerates at init)."""

    def __init__(self, sounddevice: ModuleType | None = None) -> None:
        self._sd = sounddevice if sounddevice is not None else load_sounddevice()
        self.open_streams = 0
        self._host_apis: list[HostApi] = []
        self._devices: list[DeviceInfo] = []
        self._load()

    @property
    def sounddevice(self) -> ModuleType:
        return self._sd

    def _load(self) -> None:
        apis: list[dict[str, Any]] = list(self._sd.query_hostapis())
        self._host_apis = [HostApi(i, str(api["name"])) for i, api in enumerate(apis)]
        self._devices = [
            DeviceInfo(
                index=int(d["index"]),
                name=str(d["name"]),
                host_api=self._host_apis[int(d["hostapi"])].name,
                max_input_channels=int(d["max_input_channels"]),
                max_output_channels=int(d["max_output_channels"]),
                default_samplerate=round(float(d["default_samplerate"])),
            )
            for d in self._sd.query_devices()
        ]

    def rescan(self) -> None:
        """Re-enumerate devices (after plugging one in); only possible with no stream open."""
        if self.open_streams:
            raise DevicesBusy(self.open_streams)
        self._sd._terminate()
        self._sd._initialize()
        self._load()

    def host_apis(self) -> list[HostApi]:
        return list(self._host_apis)

    def devices(self, direction: Direction | None = None) -> list[DeviceInfo]:
        if direction is None:
            return list(self._devices)
        return [d for d in self._devices if d.channels(direction) > 0]

    def default(self, direction: Direction) -> DeviceInfo:
        index = self._sd.default.device[0 if direction == "input" else 1]
        candidates = self.devices(direction)
        for device in candidates:
            if device.index == index:
                return device
        if candidates:
            return candidates[0]
        raise NoDevices(direction)

    def find(self, selector: DeviceSelector, direction: Direction) -> DeviceInfo:
        """Pick by index, by ``DeviceId``, by exact name, or by a name fragment matching one device.

        Exact matches win over fragments, and among equal names the first host API PortAudio
        lists (the system's preferred one) wins.
        """
        if selector is None:
            return self.default(direction)
        candidates = self.devices(direction)
        if isinstance(selector, int):
            matches = [d for d in candidates if d.index == selector]
        elif isinstance(selector, DeviceId):
            matches = [d for d in candidates if d.id == selector]
        else:
            matches = [d for d in candidates if d.name == selector or str(d.id) == selector]
            if not matches:
                folded = selector.casefold()
                matches = [d for d in candidates if folded in d.name.casefold()]
                if len({d.name for d in matches}) > 1:
                    matches = []
        if not candidates:
            raise NoDevices(direction)
        if not matches:
            raise DeviceNotFound(selector, direction, [str(d.id) for d in candidates])
        return matches[0]
