"""When a PulseAudio device one of this process's streams uses is removed (a USB headset
unplugged, a virtual sink unloaded).

PortAudio reaches PulseAudio (and PipeWire's pulse server) through ALSA's pulse plugin, and a
device removed there never reaches PortAudio: the server moves the stream to its fallback device
and the callbacks go on, so a call's translation would quietly come out of the laptop's
speakers. ``PulseWatch`` finds the server's stream behind each started PortAudio stream (this
process's newest unclaimed one) and the device it plays to or records from, then listens to the
server's events on a thread of its own and marks the stream lost when that device is removed.

Threads: ``claim`` and ``release`` run on the caller's thread (the event loop's); the listening
thread only records losses, under a lock; ``lost`` is read from any thread. Without libpulse
or a server there is nothing to watch (``PulseWatch.available`` is False) and PortAudio's own
errors are all there is.
"""

from __future__ import annotations

import functools
import logging
import os
import threading
from dataclasses import dataclass
from typing import Any, Literal

log = logging.getLogger(__name__)

Direction = Literal["input", "output"]

try:  # libpulse is loaded on import; absent off Linux, or on a system without PulseAudio
    import pulsectl
except (ImportError, OSError):  # pragma: no cover - depends on the system
    pulsectl = None

_LISTEN_S = 0.25  # how long one wait for events lasts: the listener's reaction time to a stop


def _connect(name: str) -> Any:
    """A connection to the server, never spawning one (``pulsectl.PulseError`` when none).
    No ``timeout``: pulsectl 24.12 then always waits all of it, connected or not."""
    assert pulsectl is not None
    pulse = pulsectl.Pulse(name, connect=False)
    try:
        pulse.connect(autospawn=False)
    except BaseException:
        pulse.close()
        raise
    return pulse


@dataclass(frozen=True)
class _Claim:
    stream: int  # the server's sink input or source output
    facility: Literal["sink", "source"]
    device: int  # the sink's or source's index
    description: str  # the device as the system's sound settings name it


class PulseWatch:
    """Claims the server's streams behind this process's PortAudio streams and watches their
    devices; the listening thread runs while anything is claimed."""

    def __init__(self, client: str = "translator") -> None:
        self._client = client
        self._lock = threading.Lock()
        self._claims: dict[int, _Claim] = {}  # token → claim
        self._lost: dict[int, str] = {}  # token → why
        self._next = 0
        self._thread: threading.Thread | None = None
        self._stop = threading.Event()
        self._listening = threading.Event()

    @staticmethod
    def available() -> bool:
        """libpulse loads and a server answers (``PULSE_SERVER`` or the user's own)."""
        if pulsectl is None:
            return False
        try:
            with _connect("translator-probe"):
                return True
        except pulsectl.PulseError:
            return False

    def claim(self, direction: Direction) -> int | None:
        """The server's stream this process started last for ``direction`` and nobody claimed:
        watched from now on. Returns a token for ``lost`` and ``release``, or None when no such
        stream is found (the device is not a PulseAudio one)."""
        if pulsectl is None or not self._listen():
            return None
        facility: Literal["sink", "source"] = "sink" if direction == "output" else "source"
        pid = str(os.getpid())
        try:
            with _connect(f"{self._client}-claim") as pulse:
                streams = (
                    pulse.sink_input_list() if facility == "sink" else pulse.source_output_list()
                )
                with self._lock:
                    taken = {c.stream for c in self._claims.values() if c.facility == facility}
                ours = [
                    s
                    for s in streams
                    if s.proplist.get("application.process.id") == pid and s.index not in taken
                ]
                if not ours:
                    self._release_listener()
                    return None
                stream = max(ours, key=lambda s: s.index)
                device_index = stream.sink if facility == "sink" else stream.source
                device = (
                    pulse.sink_info(device_index)
                    if facility == "sink"
                    else pulse.source_info(device_index)
                )
        except pulsectl.PulseError as exc:
            log.info("not watching the PulseAudio device of an %s stream: %s", direction, exc)
            self._release_listener()
            return None
        claim = _Claim(stream.index, facility, device_index, device.description or device.name)
        with self._lock:
            token = self._next = self._next + 1
            self._claims[token] = claim
        return token

    def lost(self, token: int) -> str | None:
        """Why the claimed stream's device is gone (None while it is there)."""
        with self._lock:
            return self._lost.get(token)

    def release(self, token: int) -> None:
        """The stream is closed: stop watching it (and stop listening when nothing is left)."""
        with self._lock:
            self._claims.pop(token, None)
            self._lost.pop(token, None)
        self._release_listener()

    # ---- the listening thread ----

    def _listen(self) -> bool:
        """Start listening unless already listening; False when the server cannot be reached.
        Events are subscribed to before this returns, so no removal after a claim is missed."""
        if self._thread is not None and self._thread.is_alive():
            return True
        self._stop.clear()
        self._listening.clear()
        failed: list[BaseException] = []
        self._thread = threading.Thread(
            target=self._run, args=(failed,), name="pulse-watch", daemon=True
        )
        self._thread.start()
        self._listening.wait(5.0)
        if failed or not self._listening.is_set():
            self._stop_thread()
            return False
        return True

    def _release_listener(self) -> None:
        with self._lock:
            idle = not self._claims
        if idle:
            self._stop_thread()

    def _stop_thread(self) -> None:
        thread, self._thread = self._thread, None
        if thread is not None:
            self._stop.set()
            thread.join()

    def _run(self, failed: list[BaseException]) -> None:
        assert pulsectl is not None
        try:
            with _connect(f"{self._client}-watch") as pulse:
                pulse.event_mask_set("sink", "source")
                pulse.event_callback_set(self._on_event)
                self._listening.set()
                while not self._stop.is_set():
                    pulse.event_listen(timeout=_LISTEN_S)
        except pulsectl.PulseError as exc:
            failed.append(exc)
            log.info("not watching PulseAudio devices: %s", exc)
        finally:
            self._listening.set()  # never leave ``_listen`` waiting

    def _on_event(self, event: Any) -> None:
        """The listening thread: a device was removed; mark the streams that used it."""
        if event.t != "remove":
            return
        with self._lock:
            for token, claim in self._claims.items():
                if claim.facility == event.facility and claim.device == event.index:
                    self._lost.setdefault(token, f"the system removed {claim.description}")


@functools.cache
def process_watch() -> PulseWatch | None:
    """The process's one watch, or None where there is no PulseAudio to watch."""
    return PulseWatch() if PulseWatch.available() else None
