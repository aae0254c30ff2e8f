"""Playback of translated speech: one ``PlaybackBuffer`` per translated stream (direction).

The event loop pushes 24 kHz PCM16 deltas (``push``, ``mark_done``, ``flush``, ``duck``); the
output callback of the bus that owns the buffer calls ``render`` to take exactly the frames the
device asks for. The buffer counts, per response item, the samples that ``render`` really handed
out, which is what the session truncates at (it satisfies the ``PlaybackTracker`` protocol of
the session layer structurally; this layer does not import it).

Hand-off between the two threads uses a ``deque`` of immutable segments (append and popleft are
atomic) and counters that each side alone stores, so the callback never waits on the loop.
"""

from __future__ import annotations

from collections import deque

import numpy as np

from translator.audio.dsp import (
    SESSION_RATE,
    GainRamp,
    Pcm16,
    Samples,
    StreamResampler,
    pcm16_to_float,
)

FADE_MS = 20.0
"""Fade of an explicit interruption: long enough not to click, short enough to feel instant."""

INITIAL_PREBUFFER_MS = 10.0
MAX_PREBUFFER_MS = 200.0


class PlaybackBuffer:
    """Queued translated speech for one output bus, played item after item, in push order."""

    def __init__(
        self,
        output_rate: int,
        *,
        duck_attack_ms: float = 50.0,
        duck_release_ms: float = 400.0,
        initial_prebuffer_ms: float = INITIAL_PREBUFFER_MS,
        max_prebuffer_ms: float = MAX_PREBUFFER_MS,
        max_frames: int = 8192,
    ) -> None:
        self.output_rate = output_rate
        self._segments: deque[tuple[str, Samples, int]] = deque()
        self._resamplers: dict[str, StreamResampler] = {}
        self._received: dict[str, int] = {}  # 24 kHz samples pushed, per item (loop side)
        self._open_items: set[str] = set()  # pushed and not yet marked done
        self._discarded: set[str] = set()  # flushed: their late deltas are ignored
        self._generation = 0
        self._pushed_frames = 0  # device-rate frames queued so far (loop side stores)
        self._flush_request: tuple[int, int] | None = None  # (drop below generation, fade frames)
        self._max_prebuffer = int(max_prebuffer_ms * output_rate / 1000)
        self._duck = GainRamp(
            output_rate,
            depth_db=15.0,
            attack_ms=duck_attack_ms,
            release_ms=duck_release_ms,
            max_frames=max_frames,
        )
        # Callback-side state: only ``render`` stores these.
        self._current: tuple[str, Samples, int] | None = None
        self._offset = 0
        self._consumed_frames = 0
        self._played: dict[str, int] = {}
        self._first_played: dict[str, float] = {}
        self._waiting = True
        self._prebuffer = int(initial_prebuffer_ms * output_rate / 1000)
        self._late_frames: int | None = None  # after an underrun: silence played until data came
        self._seen_flush: tuple[int, int] | None = None
        self._fade_left = 0
        self._fade_total = 0
        self._drop_below = 0
        self.underruns = 0

    # ---- PlaybackTracker (read on the event loop) ----

    def played_samples(self, item_id: str) -> int:
        """24 kHz samples of ``item_id`` handed to the device so far (0 if none)."""
        device_frames = self._played.get(item_id, 0)
        played = round(device_frames * SESSION_RATE / self.output_rate)
        return min(played, self._received.get(item_id, 0))

    def first_played_at(self, item_id: str) -> float | None:
        return self._first_played.get(item_id)

    # ---- event-loop side ----

    def received_samples(self, item_id: str) -> int:
        return self._received.get(item_id, 0)

    @property
    def prebuffer_ms(self) -> float:
        return self._prebuffer * 1000.0 / self.output_rate

    @property
    def queued_frames(self) -> int:
        return self._pushed_frames - self._consumed_frames

    def push(self, item_id: str, pcm: Pcm16 | bytes) -> None:
        """Queue a delta of 24 kHz mono PCM16 for ``item_id`` (ignored after a flush of it)."""
        if isinstance(pcm, bytes):
            pcm = np.frombuffer(pcm, "<i2")
        if item_id in self._discarded or pcm.size == 0:
            return
        resampler = self._resamplers.get(item_id)
        if resampler is None:
            resampler = self._resamplers[item_id] = StreamResampler(SESSION_RATE, self.output_rate)
            self._open_items.add(item_id)
        self._received[item_id] = self._received.get(item_id, 0) + int(pcm.size)
        self._enqueue(item_id, resampler.process(pcm16_to_float(pcm)))

    def mark_done(self, item_id: str) -> None:
        """No more audio will come for ``item_id``: play out its tail without waiting."""
        resampler = self._resamplers.pop(item_id, None)
        if resampler is not None and item_id not in self._discarded:
            self._enqueue(item_id, resampler.process(np.zeros(0, np.float32), last=True))
        self._open_items.discard(item_id)

    def flush(self, fade_ms: float = FADE_MS) -> None:
        """Explicit interruption: fade out, drop everything queued, ignore late deltas."""
        self._discarded.update(self._received)
        self._open_items.clear()
        self._resamplers.clear()
        self._generation += 1
        fade_frames = max(1, int(fade_ms * self.output_rate / 1000))
        self._flush_request = (self._generation, fade_frames)

    def duck(self, gain_db: float = -15.0) -> None:
        """Lower this stream (the other side took the floor) with the configured attack."""
        self._duck.target_db = gain_db

    def unduck(self) -> None:
        self._duck.target_db = 0.0

    def _enqueue(self, item_id: str, samples: Samples) -> None:
        if samples.size:
            self._segments.append((item_id, samples, self._generation))
            self._pushed_frames += int(samples.size)

    # ---- output-callback side ----

    def render(self, out: Samples, now: float) -> bool:
        """Fill ``out`` (mono, device rate) completely; returns whether any speech was in it."""
        frames = out.shape[0]
        request = self._flush_request
        if request is not None and request is not self._seen_flush:
            self._seen_flush = request
            self._drop_below, self._fade_total = request
            self._fade_left = self._fade_total
        late = self._late_frames
        if late is not None:
            self._measure_lateness(late, frames)
        if self._waiting and not self._ready_to_start():
            out.fill(0.0)
            if self._fade_left:
                self._advance_fade(out)
            return False
        self._waiting = False
        # While fading out, copy no further than the fade's end: what follows it is never heard.
        limit = min(frames, self._fade_left) if self._fade_left else frames
        filled = self._copy_queued(out if limit == frames else out[:limit], now)
        if filled < frames:
            out[filled:] = 0.0
        if filled < limit:
            if self._open_items and not self._fade_left:
                self.underruns += 1
                self._late_frames = limit - filled
            self._waiting = True
        if self._fade_left:
            self._advance_fade(out)
        duck = self._duck
        if not duck.settled:
            out *= duck.next_gains(frames)
        elif duck.gain != 1.0:
            out *= np.float32(duck.gain)
        return filled > 0

    def _measure_lateness(self, late: int, frames: int) -> None:
        """After an underrun: once audio comes again, grow the prebuffer by the silence played
        meanwhile, the lateness it would have had to absorb (one step to the depth a jittery
        link needs, where doubling takes several gaps). Nothing grows if the item ended
        instead: the wait was for its end, not for its audio."""
        if self._pushed_frames > self._consumed_frames:
            self._prebuffer = min(self._max_prebuffer, self._prebuffer + late)
            self._late_frames = None
        elif not self._open_items:
            self._late_frames = None
        else:
            self._late_frames = late + frames

    def _ready_to_start(self) -> bool:
        queued = self._pushed_frames - self._consumed_frames
        if queued <= 0:
            return False
        return queued >= self._prebuffer or not self._open_items

    def _copy_queued(self, out: Samples, now: float) -> int:
        frames = out.shape[0]
        filled = 0
        while filled < frames:
            if self._current is None:
                if not self._segments:
                    break
                self._current = self._segments.popleft()
                self._offset = 0
            item_id, data, _generation = self._current
            take = min(frames - filled, data.size - self._offset)
            out[filled : filled + take] = data[self._offset : self._offset + take]
            if item_id not in self._first_played:
                self._first_played[item_id] = now
            self._played[item_id] = self._played.get(item_id, 0) + take
            self._offset += take
            self._consumed_frames += take
            filled += take
            if self._offset >= data.size:
                self._current = None
        return filled

    def _advance_fade(self, out: Samples) -> None:
        """Apply the running fade-out; when it ends, drop the flushed audio."""
        step = min(out.shape[0], self._fade_left)
        done = self._fade_total - self._fade_left
        out[:step] *= np.linspace(
            1.0 - done / self._fade_total,
            1.0 - (done + step) / self._fade_total,
            step,
            endpoint=False,
            dtype=np.float32,
        )
        self._fade_left -= step
        if not self._fade_left:
            self._drop_flushed()

    def _drop_flushed(self) -> None:
        if self._current is not None and self._current[2] < self._drop_below:
            self._consumed_frames += self._current[1].size - self._offset
            self._current = None
        while self._segments and self._segments[0][2] < self._drop_below:
            self._consumed_frames += self._segments.popleft()[1].size
        self._waiting = True
