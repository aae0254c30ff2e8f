"""Callback → loop hand-off: order kept, never blocks, drops counted whole, thread-safe."""

from __future__ import annotations

import threading

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from translator.audio.ring import CaptureRing, SampleRing


@settings(max_examples=60, deadline=None)
@given(ops=st.lists(st.tuples(st.booleans(), st.integers(0, 70)), max_size=60))
def test_sample_ring_is_a_bounded_fifo_that_drops_and_counts_whole_blocks(
    ops: list[tuple[bool, int]],
) -> None:
    ring = SampleRing(100, channels=2)
    model: list[float] = []
    counter, dropped = 0, 0
    for is_write, size in ops:
        if is_write:
            values = np.arange(counter, counter + size, dtype=np.float32)
            counter += size
            block = np.stack([values, -values], axis=1)
            if ring.write(block):
                model.extend(values.tolist())
            else:
                assert len(model) + size > 100
                dropped += size
        else:
            out = np.zeros((size, 2), np.float32)
            got = ring.read_into(out)
            assert got == min(size, len(model))
            assert out[:got, 0].tolist() == model[:got]
            assert out[:got, 1].tolist() == [-v for v in model[:got]]
            del model[:got]
        assert ring.available == len(model)
    assert ring.dropped_frames == dropped


def test_capture_ring_returns_blocks_with_their_time_and_gate() -> None:
    ring = CaptureRing(capacity_frames=1000, channels=1, max_blocks=4)
    for i in range(6):
        ring.write(np.full((100, 1), i, np.float32), captured_at=i / 10, gated=i % 2 == 1)
    blocks = ring.read()
    assert [int(b.frames[0, 0]) for b in blocks] == [0, 1, 2, 3]
    assert [b.captured_at for b in blocks] == [0.0, 0.1, 0.2, 0.3]
    assert [b.gated for b in blocks] == [False, True, False, True]
    assert all(b.frames.shape == (100, 1) for b in blocks)
    assert ring.dropped_blocks == 2
    ring.write(np.full((50, 1), 9, np.float32), captured_at=1.0, gated=False)
    assert [b.frames.shape[0] for b in ring.read()] == [50]


def test_capture_ring_across_real_threads_keeps_every_delivered_block_intact() -> None:
    ring = CaptureRing(capacity_frames=4096, channels=2, max_blocks=64)
    received: list[np.ndarray] = []
    finished = threading.Event()

    def device() -> None:  # a callback thread writing 20 000 numbered blocks as fast as it can
        for n in range(20_000):
            ring.write(np.full((int(37 + n % 50), 2), n, np.float32), captured_at=n, gated=False)
        finished.set()

    writer = threading.Thread(target=device)
    writer.start()
    while not finished.is_set():
        received.extend(b.frames for b in ring.read())
    writer.join()
    received.extend(b.frames for b in ring.read())
    numbers = [int(b[0, 0]) for b in received]
    assert numbers == sorted(numbers), "blocks arrive in order"
    for block, n in zip(received, numbers, strict=True):
        assert block.shape == (37 + n % 50, 2) and np.all(block == n), "no torn or mixed block"
    assert len(received) + ring.dropped_blocks == 20_000
