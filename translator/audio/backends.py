"""Audio backends behind one interface: PortAudio devices, WAV files, and in-memory devices.

A backend opens input and output streams on a device at the device's own rate and calls the
stream's callback with float32 frames × channels and the backend's clock time:

- ``PortAudioBackend``: real devices; callbacks run on PortAudio's thread, the clock is
  ``time.monotonic``.
- ``MemoryBackend``: synthetic devices on an injectable ``ManualClock``; callbacks run on the
  thread that calls ``advance``, in the order real devices would call them (each device has its
  own sample clock, optionally off by some ppm). For tests and benchmarks.
- ``WavFileBackend``: a ``MemoryBackend`` whose inputs are WAV files and whose outputs are written
  as WAV files, paced in real time or as fast as the event loop consumes; outputs run on the
  same clock as the inputs, so an output file lines up sample for sample with the input file,
  silence included.
"""

from __future__ import annotations

import asyncio
import time
import wave
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt

from translator.audio.devices import DeviceCatalog, DeviceInfo, DeviceSelector, Direction
from translator.audio.dsp import float_to_pcm16
from translator.audio.errors import DeviceFailed, DeviceNotFound
from translator.audio.pulse import PulseWatch, process_watch

Frames = npt.NDArray[np.float32]
StreamCallback = Callable[[Frames, float], None]
"""Called with the block (input: captured frames; output: frames to fill) and the clock time."""


class AudioStream(Protocol):
    samplerate: int
    channels: int

    @property
    def xruns(self) -> int:
        """Overflows (input) or underflows (output) the device itself reported."""
        ...

    @property
    def frames(self) -> int:
        """Frames moved through the callback so far (how much audio was really delivered)."""
        ...

    @property
    def failure(self) -> str | None:
        """Why the stream stopped on its own (the device went away, its callback failed);
        ``None`` while it runs or after ``close``."""
        ...

    def start(self) -> None: ...

    def close(self) -> None: ...


class AudioBackend(Protocol):
    def clock(self) -> float:
        """The time base of every callback timestamp (monotonic seconds)."""
        ...

    def open_stream(
        self,
        direction: Direction,
        device: DeviceSelector,
        callback: StreamCallback,
        *,
        block_ms: float,
    ) -> AudioStream:
        """Open (not start) a stream at the device's own rate, up to two channels."""
        ...


# ---------------------------------------------------------------- in-memory ------------------

Signal = Callable[[int, int], npt.NDArray[np.float32]]
"""``signal(first_frame, frames)`` → frames × channels of what a synthetic input device hears."""


class ManualClock:
    """A clock that moves only when told to: tests and benchmarks run hours in milliseconds."""

    def __init__(self, start: float = 0.0) -> None:
        self._now = start

    def __call__(self) -> float:
        return self._now

    def set(self, now: float) -> None:
        self._now = max(self._now, now)


def silence(channels: int) -> Signal:
    def signal(first_frame: int, frames: int) -> npt.NDArray[np.float32]:
        return np.zeros((frames, channels), np.float32)

    return signal


@dataclass
class MemoryDevice:
    """A synthetic device; ``drift_ppm`` makes its sample clock run fast (+) or slow (−)."""

    name: str
    samplerate: int
    channels: int
    signal: Signal | None = None  # inputs only
    drift_ppm: float = 0.0
    recorded: list[tuple[float, Frames]] = field(default_factory=list)  # outputs: (time, block)
    started_at: float = 0.0  # clock time its stream started
    unplugged: str | None = None  # why it went away (its streams stop moving audio)
    xruns: int = 0  # overflows or underflows it reported (a test sets them)

    def recording(self) -> Frames:
        if not self.recorded:
            return np.zeros((0, self.channels), np.float32)
        return np.concatenate([block for _, block in self.recorded])


class MemoryStream:
    def __init__(
        self,
        backend: MemoryBackend,
        direction: Direction,
        device: MemoryDevice,
        callback: StreamCallback,
        blocksize: int,
    ) -> None:
        self.samplerate = device.samplerate
        self.channels = device.channels
        self.device = device
        self.direction = direction
        self.blocksize = blocksize
        self._backend = backend
        self._callback = callback
        self._started_at = 0.0
        self.frames_done = 0
        self.running = False

    @property
    def xruns(self) -> int:
        return self.device.xruns

    @property
    def frames(self) -> int:
        return self.frames_done

    @property
    def failure(self) -> str | None:
        return self.device.unplugged if self.running else None

    @property
    def next_due(self) -> float:
        """An input block is delivered once captured; an output block is asked for as it starts
        to play, so output frame ``n`` sounds at ``n / rate`` after the stream started."""
        rate = self.samplerate * (1.0 + self.device.drift_ppm * 1e-6)
        ahead = self.blocksize if self.direction == "input" else 0
        return self._started_at + (self.frames_done + ahead) / rate

    def start(self) -> None:
        self._started_at = self.device.started_at = self._backend.clock()
        self.running = True
        self._backend.streams.append(self)

    def close(self) -> None:
        self.running = False
        if self in self._backend.streams:
            self._backend.streams.remove(self)

    def run_block(self, now: float) -> None:
        n = self.blocksize
        if self.device.unplugged:  # time goes on; no audio moves
            self.frames_done += n
            return
        if self.direction == "input":
            assert self.device.signal is not None
            block = np.ascontiguousarray(self.device.signal(self.frames_done, n), np.float32)
            self._callback(block.reshape(n, self.channels), now)
        else:
            # NaN, so any frame a callback forgets to fill shows up in the recording.
            out = np.full((n, self.channels), np.nan, np.float32)
            self._callback(out, now)
            self.device.recorded.append((now, out))
        self.frames_done += n


class MemoryBackend:
    """Synthetic devices driven by ``advance``; every callback runs on the caller's thread."""

    def __init__(self, clock: ManualClock | None = None) -> None:
        self._clock = clock if clock is not None else ManualClock()
        self.devices: dict[str, MemoryDevice] = {}
        self.streams: list[MemoryStream] = []

    def clock(self) -> float:
        return self._clock()

    def add_device(self, device: MemoryDevice) -> MemoryDevice:
        self.devices[device.name] = device
        return device

    def unplug(self, name: str, reason: str = "unplugged") -> None:
        """The device goes away mid-run, as a USB headset pulled out does."""
        self.devices[name].unplugged = reason

    def open_stream(
        self,
        direction: Direction,
        device: DeviceSelector,
        callback: StreamCallback,
        *,
        block_ms: float,
    ) -> MemoryStream:
        found = self.devices.get(str(device))
        if found is None or (direction == "input") != (found.signal is not None):
            names = [
                d.name
                for d in self.devices.values()
                if (d.signal is not None) == (direction == "input")
            ]
            raise DeviceNotFound(device, direction, names)
        blocksize = max(1, round(found.samplerate * block_ms / 1000))
        return MemoryStream(self, direction, found, callback, blocksize)

    def advance(self, seconds: float) -> None:
        """Run every callback that falls due in the next ``seconds``, in time order."""
        end = self._clock() + seconds
        while self.streams:
            stream = min(self.streams, key=lambda s: s.next_due)
            due = stream.next_due
            if due > end + 1e-12:
                break
            self._clock.set(due)
            stream.run_block(due)
        self._clock.set(end)

    async def run(self, seconds: float, *, realtime: bool, step_ms: float = 10.0) -> None:
        """Advance ``seconds``, letting the event loop's tasks run between steps.

        In real time the clock follows the wall clock (so delays measured on it include the
        processing and scheduling they would have on a device); otherwise steps follow each
        other as fast as the loop's consumers keep up, and nothing is dropped.
        """
        step = step_ms / 1000.0
        start_clock = self._clock()
        start_wall = time.monotonic()
        done = 0.0
        while done < seconds:
            if realtime:
                await asyncio.sleep(max(0.0, start_wall + done + step - time.monotonic()))
                target = min(seconds, time.monotonic() - start_wall)
            else:
                await asyncio.sleep(0)
                target = min(seconds, done + step)
            self.advance(start_clock + target - self._clock())
            done = target


class WavFileBackend(MemoryBackend):
    """Input devices read from WAV files, output devices written to WAV files on ``close``."""

    def __init__(self, clock: ManualClock | None = None) -> None:
        super().__init__(clock)
        self._output_paths: dict[str, Path] = {}
        self._input_frames: dict[str, int] = {}

    def add_input_file(self, name: str, path: Path) -> MemoryDevice:
        with wave.open(str(path), "rb") as wav:
            if wav.getsampwidth() != 2:
                raise ValueError(f"{path}: only 16-bit PCM WAV files are supported")
            channels, rate = wav.getnchannels(), wav.getframerate()
            pcm = np.frombuffer(wav.readframes(wav.getnframes()), "<i2").reshape(-1, channels)
        data = pcm.astype(np.float32) / 32768.0
        self._input_frames[name] = data.shape[0]

        def signal(first_frame: int, frames: int) -> npt.NDArray[np.float32]:
            out = np.zeros((frames, channels), np.float32)
            chunk = data[first_frame : first_frame + frames]
            out[: chunk.shape[0]] = chunk
            return out

        return self.add_device(MemoryDevice(name, rate, channels, signal=signal))

    def add_output_file(
        self, name: str, path: Path, samplerate: int, channels: int = 1
    ) -> MemoryDevice:
        self._output_paths[name] = path
        return self.add_device(MemoryDevice(name, samplerate, channels))

    def input_duration(self) -> float:
        return max(
            (frames / self.devices[name].samplerate for name, frames in self._input_frames.items()),
            default=0.0,
        )

    async def play(self, *, realtime: bool) -> None:
        """Run until every input file has been heard."""
        await self.run(self.input_duration(), realtime=realtime)

    def write_outputs(self) -> None:
        for name, path in self._output_paths.items():
            device = self.devices[name]
            # Only what has played by now: the block asked for at this instant has not.
            played = round((self.clock() - device.started_at) * device.samplerate)
            pcm = float_to_pcm16(device.recording()[:played]).astype("<i2")
            with wave.open(str(path), "wb") as wav:
                wav.setnchannels(device.channels)
                wav.setsampwidth(2)
                wav.setframerate(device.samplerate)
                wav.writeframes(pcm.tobytes())


# ---------------------------------------------------------------- PortAudio ------------------


class PortAudioStream:
    """A started-on-demand sounddevice stream whose callback counts the device's xruns, and
    which knows when its device went away: PortAudio's ``finished_callback``, a callback that
    raised, or (through ALSA's pulse plugin) PulseAudio removing the device (``PulseWatch``)."""

    def __init__(
        self,
        catalog: DeviceCatalog,
        direction: Direction,
        device: DeviceInfo,
        callback: StreamCallback,
        *,
        block_ms: float,
        latency: str | float,
        watch: PulseWatch | None = None,
    ) -> None:
        sd = catalog.sounddevice
        self.samplerate = device.default_samplerate
        self.channels = min(2, device.channels(direction))
        self._catalog = catalog
        self._device = device
        self._xruns = 0
        self._frames = 0
        self._failure: str | None = None
        self._closing = False
        self._direction: Direction = direction
        self._watch = watch
        self._claim: int | None = None  # the watch's token for this stream's device
        clock = time.monotonic
        flag = "input_overflow" if direction == "input" else "output_underflow"
        abort = sd.CallbackAbort

        # Runs on PortAudio's thread: no logging, no blocking, only the route's callback.
        def on_block(data: Frames, *rest: Any) -> None:
            status = rest[-1]
            if status and getattr(status, flag):  # a flag property costs more than the test
                self._xruns += 1
            self._frames += len(data)
            try:
                callback(data, clock())
            except Exception as exc:  # the run's watchdog reports it; the stream stops
                self._failure = f"{type(exc).__name__}: {exc}"
                raise abort from None

        def on_finished() -> None:  # PortAudio's thread, once the stream has stopped
            if not self._closing and self._failure is None:
                self._failure = "the device went away or its driver stopped"

        def on_input(indata: Frames, frames: int, time_info: Any, status: Any) -> None:
            on_block(indata, status)

        def on_output(outdata: Frames, frames: int, time_info: Any, status: Any) -> None:
            on_block(outdata, status)

        kind = sd.InputStream if direction == "input" else sd.OutputStream
        try:
            self._stream = kind(
                device=device.index,
                samplerate=self.samplerate,
                channels=self.channels,
                dtype="float32",
                blocksize=round(self.samplerate * block_ms / 1000),
                latency=latency,
                callback=on_input if direction == "input" else on_output,
                finished_callback=on_finished,
            )
        except sd.PortAudioError as exc:
            raise DeviceFailed(f"open an {direction} stream", str(device.id), str(exc)) from exc
        catalog.open_streams += 1
        self._open = True

    @property
    def xruns(self) -> int:
        return self._xruns

    @property
    def frames(self) -> int:
        return self._frames

    @property
    def failure(self) -> str | None:
        if self._closing:
            return None
        if self._claim is not None and self._watch is not None:  # the more telling reason
            return self._watch.lost(self._claim) or self._failure
        return self._failure

    def start(self) -> None:
        try:
            self._stream.start()
        except self._catalog.sounddevice.PortAudioError as exc:
            raise DeviceFailed("start the stream", str(self._device.id), str(exc)) from exc
        if self._watch is not None and self._claim is None:
            self._claim = self._watch.claim(self._direction)

    def close(self) -> None:
        if self._open:
            self._open = False
            self._closing = True
            self._catalog.open_streams -= 1
            self._stream.close()
            if self._claim is not None and self._watch is not None:
                self._watch.release(self._claim)


class PortAudioBackend:
    """Real devices through sounddevice; ``latency='high'`` survives busy 2-core machines.
    ``watch``: PulseAudio's device removals (default: the process's watch, where there is a
    PulseAudio server)."""

    def __init__(
        self,
        catalog: DeviceCatalog | None = None,
        *,
        latency: str | float = "high",
        watch: PulseWatch | None = None,
    ) -> None:
        self.catalog = catalog if catalog is not None else DeviceCatalog()
        self.latency = latency
        self.watch = watch if watch is not None else process_watch()

    def clock(self) -> float:
        return time.monotonic()

    def open_stream(
        self,
        direction: Direction,
        device: DeviceSelector,
        callback: StreamCallback,
        *,
        block_ms: float,
    ) -> PortAudioStream:
        info = self.catalog.find(device, direction)
        return PortAudioStream(
            self.catalog,
            direction,
            info,
            callback,
            block_ms=block_ms,
            latency=self.latency,
            watch=self.watch,
        )
