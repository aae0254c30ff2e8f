"""The WebRTC microphone track's audio: what the service hears of what the session appended.

A call hears in real time, so audio sent again after a reconnect is a backlog; the track must
catch it up in long pauses without shortening any pause below the one that ends a turn, never
lose speech, and map the service's timeline back to the appended audio exactly.
"""

from __future__ import annotations

import numpy as np

from translator.realtime.webrtc import FRAME, RATE, MicTrack


def _tone(seconds: float) -> np.ndarray:
    t = np.arange(int(seconds * RATE)) / RATE
    return (np.sin(2 * np.pi * 220 * t) * 8000).astype(np.int16)


def _silence(seconds: float) -> np.ndarray:
    return np.zeros(int(seconds * RATE), dtype=np.int16)


def _heard(track: MicTrack, frames: int) -> np.ndarray:
    return np.concatenate([track.next_frame() for _ in range(frames)])


def _runs(audio: np.ndarray) -> list[tuple[bool, int]]:
    """(loud, samples) runs, frame by frame."""
    runs: list[tuple[bool, int]] = []
    for start in range(0, audio.size, FRAME):
        loud = bool(np.abs(audio[start : start + FRAME]).max() > 100)
        if runs and runs[-1][0] == loud:
            runs[-1] = (loud, runs[-1][1] + FRAME)
        else:
            runs.append((loud, FRAME))
    return runs


def test_a_backlog_is_caught_up_in_long_pauses_keeping_every_sound_and_turn_pause() -> None:
    track = MicTrack(keep_pause_s=1.0)
    backlog = np.concatenate([_tone(1.0), _silence(3.0), _tone(1.0), _silence(0.6), _tone(0.5)])
    track.feed(backlog.tobytes())
    heard = _heard(track, int(4.1 * RATE) // FRAME)
    runs = _runs(heard)
    assert [loud for loud, _ in runs[:5]] == [True, False, True, False, True]
    assert runs[0][1] == RATE and runs[2][1] == RATE  # speech whole
    assert RATE <= runs[1][1] < 1.1 * RATE  # the 3 s pause: kept to the turn pause, no less
    assert runs[3][1] == int(0.6 * RATE)  # a short pause: untouched
    assert track.left_out == 2 * RATE - (runs[1][1] - RATE)


def test_the_service_timeline_maps_back_to_what_was_appended() -> None:
    track = MicTrack(keep_pause_s=1.0)
    track.feed(np.concatenate([_tone(1.0), _silence(3.0), _tone(1.0)]).tobytes())
    heard = _heard(track, int(3.0 * RATE) // FRAME)
    second = next(i for i in range(RATE, heard.size) if heard[i] != 0)  # its 2nd sample
    assert track.input_sample(second) == 4 * RATE + 1  # where the second tone was appended
    assert track.input_sample(RATE // 2) == RATE // 2  # before any edit


def test_starvation_is_silence_the_mapping_skips() -> None:
    track = MicTrack()
    track.feed(_tone(0.01).tobytes())  # half a frame, then nothing for a frame
    track.next_frame()
    track.next_frame()
    track.feed(_tone(0.02).tobytes())
    frame = track.next_frame()
    assert np.abs(frame).max() > 0
    # the service's sample 2 frames in is the appended sample right after the first 10 ms
    assert track.input_sample(2 * FRAME) == FRAME // 2


def test_a_live_stream_is_never_edited() -> None:
    track = MicTrack()
    for _ in range(100):  # one frame in, one frame out: no backlog, pauses and all
        track.feed(_silence(0.02).tobytes())
        track.next_frame()
    assert track.left_out == 0
    assert track.input_sample(100 * FRAME) == 100 * FRAME
