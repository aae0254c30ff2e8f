"""Errors of the audio core, each with a message that tells the user what to do next."""

from __future__ import annotations


class AudioError(Exception):
    """Base of audio-core errors; ``str(error)`` is meant to be shown to the user as is."""


class PortAudioMissing(AudioError):
    """The PortAudio library is not installed, so no real device can be used."""

    def __init__(self, detail: str) -> None:
        super().__init__(
            "Audio devices are unavailable because the PortAudio library is missing "
            f"({detail}). Install it (Debian/Ubuntu: sudo apt-get install libportaudio2 "
            "libasound2-plugins; Fedora: sudo dnf install portaudio; macOS: brew install "
            "portaudio) and restart the app."
        )


class NoDevices(AudioError):
    """PortAudio sees no device at all (for a direction, or none whatsoever): no sound server
    runs, or nothing is plugged in."""

    def __init__(self, kind: str | None = None) -> None:
        what = f"No audio {kind} device found" if kind else "No audio devices found"
        super().__init__(
            f"{what}. Start the sound server (PulseAudio or PipeWire) or plug a device in, then "
            "try again."
        )


class DeviceNotFound(AudioError):
    """No device matches what the user picked (unplugged, renamed, or a typo)."""

    def __init__(self, selector: object, kind: str, available: list[str]) -> None:
        listed = "; ".join(available) if available else "none"
        super().__init__(
            f"No {kind} device matches {selector!r}. Plug it in or pick another one "
            f"(available {kind} devices: {listed})."
        )


class DeviceFailed(AudioError):
    """PortAudio refused to open or run a stream on a device."""

    def __init__(self, action: str, device: str, detail: str) -> None:
        super().__init__(
            f"Could not {action} on {device}: {detail}. Check that no other program holds the "
            "device exclusively and that its sample rate and channels are supported, or pick "
            "another device."
        )


class DeviceLost(AudioError):
    """A device stopped during a run: unplugged, taken away, or its driver failed."""

    def __init__(self, device: str, reason: str) -> None:
        super().__init__(
            f"{device} stopped during the run ({reason}). Plug it back in or pick another "
            "device, then start again."
        )


class DevicesBusy(AudioError):
    """A rescan was asked for while streams are open (PortAudio can only rescan when idle)."""

    def __init__(self, open_streams: int) -> None:
        super().__init__(
            f"Cannot rescan audio devices while {open_streams} stream(s) are open: stop "
            "interpreting first, then rescan."
        )
