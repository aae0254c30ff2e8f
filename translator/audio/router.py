"""Audio routing: input routes feed the sessions, output buses mix translations with passthrough.

- ``InputRoute`` — a capture device (my microphone; the other side's audio). Its callback
  down-mixes each block, applies mute, meters it, feeds the passthroughs (so they never wait on
  the event loop) and gathers it until the next 24 kHz mono PCM16 chunk for a session can be
  resampled in one go; finished chunks wait in a bounded queue (overflow dropped and counted)
  and the loop is woken once per chunk, where ``pump`` hands them to the session. Audio gated by
  the echo guard becomes digital silence, never a gap.
- ``OutputBus`` — a playback device (my headphones; the other side's virtual cable). Its
  callback mixes the translated speech of its ``PlaybackBuffer``s with an optional passthrough of
  an input route, ducked while translated speech is audible, and always fills the whole block.
- ``StandIn`` — what an input route hears instead of its device (the sample conversation's
  synthetic speakers): clips the event loop hands over, silence between them.
- ``EchoGuard`` — shared by a speaker bus (which notes when speech is audible) and a microphone
  route (which closes while it is, plus a tail), so the app never translates its own output.
- ``AudioRouter`` — owns the streams of one backend; ``run`` pumps input routes on the event
  loop whenever a callback signals that a chunk is ready.

Threads: ``_on_block`` methods run on the device's callback thread (no blocking, logging or
large allocations; scratch buffers are reused); everything else runs on the event loop.
"""

from __future__ import annotations

import asyncio
import contextlib
import math
import os
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from translator.audio.backends import AudioBackend, AudioStream, Frames
from translator.audio.devices import DeviceSelector
from translator.audio.dsp import (
    SESSION_RATE,
    DriftCorrector,
    GainRamp,
    LevelMeter,
    LevelReading,
    Samples,
    StreamResampler,
    channel_sum,
    db_to_gain,
    scale_into_pcm16,
)
from translator.audio.playback import PlaybackBuffer
from translator.audio.ring import SampleRing

BLOCK_MS = 10.0
"""Device block. 20 ms blocks cost about a third less CPU (half the wake-ups) but add 10 ms to
playback and make a WAV clock that runs fast while speech is queued drain the playback buffer
in coarser steps (the e2e drop tests then hear gaps)."""


_FULL_SCALE = np.float32(1.0)
_MINUS_FULL_SCALE = np.float32(-1.0)

METER_EVERY = 4
"""Meters read one block in four (25 readings a second with 10 ms blocks)."""


@dataclass(frozen=True)
class CapturedChunk:
    """A chunk of captured audio ready for a session: 24 kHz mono PCM16."""

    pcm16: bytes
    captured_at: float  # when the device delivered the chunk's newest audio (router clock)
    ready_at: float  # when the chunk was handed over (router clock)


@dataclass(frozen=True)
class Ducking:
    """How far and how fast a passthrough dips while translated speech plays over it."""

    depth_db: float = -15.0
    attack_ms: float = 50.0
    release_ms: float = 400.0


@dataclass(frozen=True)
class InputCounters:
    dropped_chunks: int  # chunks the event loop did not collect in time
    device_overflows: int  # overflows the device reported


@dataclass(frozen=True)
class OutputCounters:
    playback_underruns: int  # translated speech ran dry mid-item
    passthrough_underruns: int  # the passthrough ran dry (input stalled or device clocks apart)
    passthrough_overflows: int  # passthrough blocks dropped because the output lagged
    device_underflows: int  # underflows the device reported


class EchoGuard:
    """Closes a microphone while translated speech is audible on a speaker, plus a tail."""

    def __init__(self, tail_ms: float = 300.0) -> None:
        self.tail = tail_ms / 1000.0
        self._audible_until = -float("inf")

    def note_audible(self, until: float) -> None:
        """Output callback: speech handed to the device now will sound until ``until``."""
        self._audible_until = max(self._audible_until, until)

    def closed_at(self, now: float) -> bool:
        return now <= self._audible_until + self.tail


class Scratch:
    """Reusable float32 buffers for a callback, grown (rarely) when a block is bigger."""

    def __init__(self, frames: int, count: int) -> None:
        self._buffers = [np.zeros(frames, np.float32) for _ in range(count)]

    def get(self, index: int, frames: int) -> Samples:
        if self._buffers[index].size < frames:
            self._buffers[index] = np.zeros(frames, np.float32)
        return self._buffers[index][:frames]


@dataclass(eq=False)
class _Clip:
    samples: Samples
    position: int = 0  # written by the input callback only


class StandIn:
    """Speech an input route hears instead of its device: ``say`` (event loop) hands over a
    clip at the device's rate, ``read`` (input callback) takes it block by block, then silence.
    """

    def __init__(self, frames: int) -> None:
        self._block = np.zeros((frames, 1), np.float32)
        self._clip = _Clip(np.zeros(0, np.float32))

    def say(self, samples: Samples) -> None:
        """Event loop: speak ``samples`` (mono float32 at the route's rate) from the next block.
        The clip and its position are one object, swapped in one assignment: the callback
        reads the old clip or the new one from its start, never one with the other's place."""
        self._clip = _Clip(samples)

    def read(self, frames: int) -> Frames:
        if self._block.shape[0] != frames:  # rare: a block of another size
            self._block = np.zeros((frames, 1), np.float32)
        block, clip = self._block, self._clip
        start = clip.position
        taken = max(0, min(frames, clip.samples.size - start))
        block[:taken, 0] = clip.samples[start : start + taken]
        block[taken:, 0] = 0.0
        clip.position = start + taken
        return block


class PassthroughFeed:
    """An input route's audio on its way to an output bus: resampled, drift-corrected, buffered.

    ``push`` runs on the input callback; ``render`` runs on the output callback. The drift control
    needs the buffer's fill as if both devices moved samples continuously (a fill sampled at
    block boundaries swings by a whole block with the callbacks' relative phase, which slowly
    walks when the clocks differ): the callback publishes how much it has read and when, and
    ``push`` extrapolates that to the capture time of the block it writes.
    """

    def __init__(
        self, in_rate: int, out_rate: int, *, in_block: int, out_block: int, gain_db: float
    ) -> None:
        in_block_out = int(np.ceil(in_block * out_rate / in_rate))
        self._out_rate = out_rate
        # The drift control leaves the fill alone within ``dead_zone`` of its target, so the
        # buffer keeps that much on top of what it needs: worst case, a whole input block still
        # to come while a whole output block is taken, plus a margin for callback jitter.
        margin = out_rate // 100
        dead_zone = out_rate // 100
        self._target = in_block_out + out_block + margin + dead_zone
        self._resample = None if in_rate == out_rate else StreamResampler(in_rate, out_rate).process
        # The fill the drift control sees is taken just after a block arrives, with what the
        # output has played since its last read already counted out: one output block less.
        self._drift = DriftCorrector(
            min_fill=self._target - out_block, dead_zone=dead_zone, rate=out_rate
        )
        self._ring = SampleRing(8 * self._target + 4 * in_block_out, 1)
        self._consumed: tuple[int, float] | None = None  # (frames read, callback time)
        self.gain = db_to_gain(gain_db)
        self.input_scale = 1.0  # what the input route still owes its audio (gain, down-mix)
        self.muted = False
        self._priming = True
        self._relearn = False
        self.underruns = 0

    @property
    def overflows(self) -> int:
        return self._ring.dropped_blocks

    @property
    def fill(self) -> int:
        return self._ring.available

    @property
    def stretch_ppm(self) -> float:
        return (self._drift.ratio - 1.0) * 1e6

    def push(self, mono: Samples, captured_at: float, scale: float = 1.0) -> None:
        """Input callback: queue a block of the route's audio (at the input device's rate),
        which ``render``'s caller is to multiply by ``scale``."""
        self.input_scale = scale
        if self._relearn:  # refilled after running dry: the fill it held is no guide any more
            self._relearn = False
            self._drift.restart()
        resample = self._resample
        stretched = self._drift.process(mono if resample is None else resample(mono))
        self._ring.write(stretched)
        consumed = self._consumed
        if consumed is not None and not self._priming:
            read, read_at = consumed
            continuous_fill = (
                self._ring.frames_written - read - (captured_at - read_at) * self._out_rate
            )
            self._drift.steer(round(continuous_fill), stretched.size)

    def render(self, out: Samples, now: float, gain: float = 1.0) -> None:
        """Output callback: fill ``out`` (mono, output device rate) with the oldest audio,
        times ``gain``."""
        if self._priming:
            if self._ring.available < self._target:
                out.fill(0.0)
                return
            self._priming = False
        got = self._ring.read_into(out, gain)
        self._consumed = (self._ring.frames_read, now)
        if got < out.shape[0]:
            out[got:] = 0.0
            self.underruns += 1
            self._priming = True
            self._relearn = True  # the input callback restarts the drift control (its thread)


class InputRoute:
    """Capture from one device into 24 kHz PCM16 chunks for a session, and into passthroughs."""

    def __init__(
        self,
        name: str,
        backend: AudioBackend,
        device: DeviceSelector,
        *,
        on_chunk: Callable[[CapturedChunk], None],
        chunk_ms: float,
        block_ms: float,
        gain_db: float,
        echo_guard: EchoGuard | None,
        queue_s: float = 2.0,
    ) -> None:
        self.name = name
        self._clock = backend.clock
        self._on_chunk = on_chunk
        self.echo_guard = echo_guard
        self.gain = db_to_gain(gain_db)
        self.muted = False
        self.wake: Callable[[], None] | None = None
        self.stream: AudioStream = backend.open_stream(
            "input", device, self._on_block, block_ms=block_ms
        )
        rate = self.stream.samplerate
        self.block_frames = round(rate * block_ms / 1000)
        self._mono = Scratch(self.block_frames, 1)
        self._resampler = StreamResampler(rate, SESSION_RATE)
        self._chunk = round(SESSION_RATE * chunk_ms / 1000)
        # Callback side: device-rate audio gathered for the resampler, and PCM16 short of a
        # whole chunk. ``_gather_frames`` is what makes the next chunk come out.
        self._gather_frames = self._frames_for(self._chunk)
        self._gathered = np.zeros(self._gather_frames + 2 * self.block_frames, np.float32)
        self._gathered_frames = 0
        self._pcm = np.zeros(2 * self._chunk, np.int16)
        self._pcm_samples = 0
        # Callback → loop: finished chunks (PCM16, capture time); append and popleft are atomic.
        self._ready: deque[tuple[bytes, float]] = deque()
        self._max_ready = max(1, math.ceil(queue_s * 1000 / chunk_ms))
        self._dropped_chunks = 0
        self._feeds: list[PassthroughFeed] = []
        self.meter = LevelMeter(every=METER_EVERY)
        self.stand_in: StandIn | None = None  # heard instead of the device

    @property
    def samplerate(self) -> int:
        return self.stream.samplerate

    def set_gain_db(self, gain_db: float) -> None:
        self.gain = db_to_gain(gain_db)

    def counters(self) -> InputCounters:
        return InputCounters(self._dropped_chunks, self.stream.xruns)

    def level(self) -> LevelReading:
        return self.meter.reading()

    def stand_in_for_device(self) -> StandIn:
        """From now on the route hears a ``StandIn``, not its device (which keeps running)."""
        if self.stand_in is None:
            self.stand_in = StandIn(self.block_frames)
        return self.stand_in

    def attach(self, feed: PassthroughFeed) -> None:
        # A new list, not an append: the callback may be walking the old one right now.
        self._feeds = [*self._feeds, feed]

    def _frames_for(self, session_samples: int) -> int:
        """Device frames that make ``session_samples`` more 24 kHz samples come out."""
        return max(1, -(-session_samples * self.stream.samplerate // SESSION_RATE))

    def _on_block(self, indata: Frames, now: float) -> None:
        # Every numpy call counts: this runs cold, 100 times a second per route. The block goes
        # on as the sum of its channels: the route's gain and the 1/channels of the down-mix
        # are applied later, in the steps that scale anyway (meter copy, mix, PCM16 rounding).
        if self.stand_in is not None:
            indata = self.stand_in.read(indata.shape[0])
        frames, channels = indata.shape
        start = self._gathered_frames
        end = start + frames
        gathered = self._gathered
        if end > gathered.size:  # rare: a bigger block than expected; keep what is gathered
            gathered = np.zeros(2 * end, np.float32)
            gathered[:start] = self._gathered[:start]
            self._gathered = gathered
        gated = self.echo_guard is not None and self.echo_guard.closed_at(now)
        # The down-mix goes straight where the session's audio gathers, unless that is to be
        # silence (muted: silence everywhere; gated: only for the session).
        if self.muted:
            mono = gathered[start:end]
            mono.fill(0.0)
        elif channels == 1:
            mono = indata[:, 0]
            gathered[start:end] = 0.0 if gated else mono
        else:
            mono = channel_sum(indata, self._mono.get(0, frames) if gated else gathered[start:end])
            if gated:
                gathered[start:end] = 0.0
        scale = self.gain / channels
        self.meter.update(mono, scale)
        for feed in self._feeds:
            feed.push(mono, now, scale)
        self._gathered_frames = end
        if end >= self._gather_frames:
            self._gathered_frames = 0
            self._chunks_from(self._resampler.process(gathered[:end]), scale, now)

    def _chunks_from(self, resampled: Samples, scale: float, captured_at: float) -> None:
        """Callback: queue every whole chunk for the loop, and wake it. ``resampled`` is
        this route's own buffer (the resampler's output, or what was gathered): it is used as
        scratch."""
        start = self._pcm_samples
        end = start + resampled.size
        pcm = self._pcm
        if end > pcm.size:  # rare: more came out than a chunk and a bit
            pcm = np.zeros(2 * end, np.int16)
            pcm[:start] = self._pcm[:start]
            self._pcm = pcm
        scale_into_pcm16(resampled, scale, pcm[start:end])
        chunk = self._chunk
        ready = self._ready
        while end >= chunk:
            if len(ready) < self._max_ready:
                ready.append((pcm[:chunk].tobytes(), captured_at))
            else:  # the loop has not collected for ``queue_s``: drop rather than block
                self._dropped_chunks += 1
            end -= chunk
            if end:
                pcm[:end] = pcm[chunk : chunk + end]
        self._pcm_samples = end
        self._gather_frames = self._frames_for(chunk - end)
        if ready and self.wake is not None:
            self.wake()

    def pump(self) -> None:
        """Event loop: hand the finished chunks to the session, oldest first."""
        ready = self._ready
        while ready:
            pcm, captured_at = ready.popleft()
            self._on_chunk(CapturedChunk(pcm, captured_at, self._clock()))


@dataclass
class SpeechSource:
    playback: PlaybackBuffer
    gain: float = 1.0
    muted: bool = False


class OutputBus:
    """Mix translated speech and a ducked passthrough onto one playback device."""

    def __init__(
        self,
        name: str,
        backend: AudioBackend,
        device: DeviceSelector,
        *,
        block_ms: float,
        echo_guard: EchoGuard | None,
    ) -> None:
        self.name = name
        self.echo_guard = echo_guard
        self.stream: AudioStream = backend.open_stream(
            "output", device, self._on_block, block_ms=block_ms
        )
        self.block_frames = round(self.stream.samplerate * block_ms / 1000)
        self._speech: list[SpeechSource] = []
        self._passthrough: PassthroughFeed | None = None
        self._ducking = GainRamp(
            self.samplerate, depth_db=15.0, attack_ms=50.0, release_ms=400.0, max_frames=4096
        )
        self._duck_db = 0.0
        self._scratch = Scratch(4096, 2)
        self.meter = LevelMeter(every=METER_EVERY)

    @property
    def samplerate(self) -> int:
        return self.stream.samplerate

    def add_playback(self, gain_db: float = 0.0) -> SpeechSource:
        """A new translated stream on this bus (one per direction that speaks here)."""
        source = SpeechSource(PlaybackBuffer(self.samplerate), gain=db_to_gain(gain_db))
        self._speech.append(source)
        return source

    def set_passthrough(
        self, route: InputRoute, *, gain_db: float = 0.0, ducking: Ducking | None = Ducking()
    ) -> PassthroughFeed:
        """Play ``route``'s audio here too, dipped by ``ducking`` while speech is audible."""
        feed = PassthroughFeed(
            route.samplerate,
            self.samplerate,
            in_block=route.block_frames,
            out_block=self.block_frames,
            gain_db=gain_db,
        )
        if ducking is not None:
            self._ducking = GainRamp(
                self.samplerate,
                depth_db=ducking.depth_db,
                attack_ms=ducking.attack_ms,
                release_ms=ducking.release_ms,
                max_frames=4096,
            )
            self._duck_db = ducking.depth_db
        else:
            self._duck_db = 0.0
        route.attach(feed)
        self._passthrough = feed
        return feed

    def counters(self) -> OutputCounters:
        feed = self._passthrough
        return OutputCounters(
            sum(s.playback.underruns for s in self._speech),
            feed.underruns if feed else 0,
            feed.overflows if feed else 0,
            self.stream.xruns,
        )

    def level(self) -> LevelReading:
        return self.meter.reading()

    def _on_block(self, outdata: Frames, now: float) -> None:
        frames = outdata.shape[0]
        mix = self._scratch.get(0, frames)
        part = self._scratch.get(1, frames)
        audible = False
        silent = True  # nothing in ``mix`` yet: the first source is rendered straight into it
        # Every numpy call counts: this runs cold, 100 times a second per bus, on a busy machine.
        for source in self._speech:
            into = mix if silent and not source.muted else part
            if source.playback.render(into, now):
                audible = True
            if not source.muted:
                if source.gain != 1.0:
                    into *= np.float32(source.gain)
                if into is part:
                    mix += part
                silent = False
        feed = self._passthrough
        if feed is not None:
            ducking = self._ducking
            ducking.target_db = self._duck_db if audible else 0.0
            if feed.muted:
                feed.render(part, now)  # the feed keeps pace with its input all the same
                if not ducking.settled:
                    ducking.next_gains(frames)  # keep the envelope moving while muted
            else:
                into = mix if silent else part
                gain = feed.gain * feed.input_scale
                if ducking.settled:  # one scalar for the ducking and the gains
                    feed.render(into, now, gain * ducking.gain)
                else:
                    feed.render(into, now, gain)
                    into *= ducking.next_gains(frames)
                if into is part:
                    mix += part
                silent = False
        # Clipped straight into the first channel, copied to the others column by column
        # (several times cheaper than a broadcast assignment).
        first = outdata[:, 0]
        if silent:
            first.fill(0.0)
        else:
            np.minimum(mix, _FULL_SCALE, out=first)  # (``np.clip`` costs several times more)
            np.maximum(first, _MINUS_FULL_SCALE, out=first)
        self.meter.update(first)
        for channel in range(1, outdata.shape[1]):
            outdata[:, channel] = first
        if audible and self.echo_guard is not None:
            self.echo_guard.note_audible(now + frames / self.samplerate)


class AudioRouter:
    """All routes and buses of one backend; started together, pumped on the event loop."""

    def __init__(self, backend: AudioBackend, *, block_ms: float = BLOCK_MS) -> None:
        self.backend = backend
        self.block_ms = block_ms
        self.inputs: list[InputRoute] = []
        self.outputs: list[OutputBus] = []
        self._wake_pending = False

    def add_input(
        self,
        name: str,
        device: DeviceSelector,
        *,
        on_chunk: Callable[[CapturedChunk], None],
        chunk_ms: float = 20.0,
        gain_db: float = 0.0,
        echo_guard: EchoGuard | None = None,
    ) -> InputRoute:
        route = InputRoute(
            name,
            self.backend,
            device,
            on_chunk=on_chunk,
            chunk_ms=chunk_ms,
            block_ms=self.block_ms,
            gain_db=gain_db,
            echo_guard=echo_guard,
        )
        self.inputs.append(route)
        return route

    def add_output(
        self, name: str, device: DeviceSelector, *, echo_guard: EchoGuard | None = None
    ) -> OutputBus:
        bus = OutputBus(name, self.backend, device, block_ms=self.block_ms, echo_guard=echo_guard)
        self.outputs.append(bus)
        return bus

    def start(self) -> None:
        # Outputs first, so a passthrough never waits on a bus that is not running yet.
        for bus in self.outputs:
            bus.stream.start()
        for route in self.inputs:
            route.stream.start()

    def pump(self) -> None:
        for route in self.inputs:
            route.pump()

    def close(self) -> None:
        for route in self.inputs:
            route.stream.close()
        for bus in self.outputs:
            bus.stream.close()

    async def run(self) -> None:
        """Start the streams and pump captured audio as it arrives, until cancelled."""
        loop = asyncio.get_running_loop()
        failed: asyncio.Future[None] = loop.create_future()

        def pump_now() -> None:  # event loop, called straight from the wake-up (no task hop)
            self._wake_pending = False
            try:
                self.pump()
            except Exception as exc:  # a chunk consumer failed: ``run`` raises it
                if not failed.done():
                    failed.set_exception(exc)

        # A byte on a pipe the loop watches costs a callback about half what
        # ``call_soon_threadsafe`` does (no handle, no lock), and the loop reads it in one go.
        readable, writable = os.pipe()
        os.set_blocking(readable, False)
        os.set_blocking(writable, False)

        def on_wake() -> None:
            with contextlib.suppress(BlockingIOError):
                os.read(readable, 4096)
            pump_now()

        def wake() -> None:  # callback thread: one pending wake-up at a time, never blocks
            if not self._wake_pending:
                self._wake_pending = True
                os.write(writable, b"\0")

        def wake_threadsafe() -> None:  # for loops that cannot watch a pipe (Windows' proactor)
            if not self._wake_pending:
                self._wake_pending = True
                # RuntimeError: the loop closed while a device was still calling back.
                with contextlib.suppress(RuntimeError):
                    loop.call_soon_threadsafe(pump_now)

        try:
            loop.add_reader(readable, on_wake)
            watching = True
        except NotImplementedError:
            watching = False
        for route in self.inputs:
            route.wake = wake if watching else wake_threadsafe
        try:
            self.start()
            await failed
        finally:
            for route in self.inputs:
                route.wake = None
            self.close()  # no callback runs after this: the pipe can go
            if watching:
                loop.remove_reader(readable)
            os.close(readable)
            os.close(writable)
