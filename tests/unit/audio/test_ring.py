"""Callback → loop hand-off: order kept, never blocks, drops counted whole, thread-safe."""

from __future__ import annotations

import threading

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from translator.audio.ring import SampleRing


@settings(max_examples=60, deadline=None)
@given(
    ops=st.lists(
        st.tuples(st.booleans(), st.integers(0, 70), st.sampled_from([1.0, 0.5])), max_size=60
    )
)
def test_sample_ring_is_a_bounded_fifo_that_drops_and_counts_whole_blocks(
    ops: list[tuple[bool, int, float]],
) -> None:
    ring = SampleRing(100, channels=2)
    model: list[float] = []
    counter, dropped = 0, 0
    for is_write, size, gain in ops:
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
            got = ring.read_into(out, gain)  # read and scaled in one pass
            assert got == min(size, len(model))
            assert out[:got, 0].tolist() == [gain * v for v in model[:got]]
            assert out[:got, 1].tolist() == [-gain * v for v in model[:got]]
            del model[:got]
        assert ring.available == len(model)
    assert ring.dropped_frames == dropped


def test_sample_ring_across_real_threads_keeps_every_delivered_block_intact() -> None:
    ring = SampleRing(4096, channels=2)
    received: list[np.ndarray] = []
    finished = threading.Event()
    sizes = [37 + n % 50 for n in range(20_000)]
    written: list[int] = []

    def device() -> None:  # a callback thread writing 20 000 numbered blocks as fast as it can
        for n, size in enumerate(sizes):
            if ring.write(np.full((size, 2), n, np.float32)):
                written.append(n)
        finished.set()

    writer = threading.Thread(target=device)
    writer.start()
    out = np.zeros((100, 2), np.float32)
    while not finished.is_set() or ring.available:
        got = ring.read_into(out)
        received.append(out[:got].copy())
    writer.join()
    frames = np.concatenate(received)
    expected = np.concatenate([np.full(sizes[n], n, np.float32) for n in written])
    assert np.array_equal(frames[:, 0], expected), "every kept block, whole and in order"
    assert np.array_equal(frames[:, 1], expected)
    assert len(written) + ring.dropped_blocks == 20_000
