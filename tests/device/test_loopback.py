"""Real PortAudio round trip: speech out of the project's output route, back in through its
input route, over the private PulseAudio's virtual microphone (virtual_mic_sink → mic).

Asserts the signal (it is the same speech, at the same level), never timing: a shared 2-core
machine does not promise any.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from tests.support.pulse import PrivatePulse

pytestmark = [pytest.mark.device, pytest.mark.speech, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]


def best_alignment(recording: np.ndarray, reference: np.ndarray) -> tuple[float, float]:
    """Normalised cross-correlation at the best lag, and the level there versus the reference."""
    rec, ref = recording.astype(np.float64), reference.astype(np.float64)
    size = 1 << int(np.ceil(np.log2(rec.size + ref.size)))
    corr = np.fft.irfft(np.fft.rfft(rec, size) * np.conj(np.fft.rfft(ref, size)), size)
    corr = corr[: rec.size - ref.size + 1]
    lag = int(np.argmax(corr))
    segment = rec[lag : lag + ref.size]
    ncc = corr[lag] / (np.linalg.norm(ref) * np.linalg.norm(segment) + 1e-12)
    level_db = 20 * np.log10((np.linalg.norm(segment) + 1e-12) / np.linalg.norm(ref))
    return float(ncc), float(level_db)


def _probe(pulse: PrivatePulse, module: str, *args: str) -> Any:
    """Run a probe module in a child on the private PulseAudio (PortAudio initialises after
    its environment exists); the JSON of its last line."""
    done = subprocess.run(
        [sys.executable, "-m", f"tests.device.{module}", *args],
        env=pulse.env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=90,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-4000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_speech_round_trip_through_own_routes(private_pulse: PrivatePulse, tmp_path: Path) -> None:
    out = tmp_path / "probe.npz"
    counters = _probe(private_pulse, "loopback_probe", str(out))
    data = np.load(out)
    speech, recording = data["speech"], data["recording"]
    assert int(data["played"]) == speech.size, "the whole utterance was handed to the device"
    assert recording.size > speech.size, f"captured only {recording.size} samples: {counters}"
    ncc, level_db = best_alignment(recording, speech)
    assert ncc >= 0.6, f"captured audio is not the speech played (ncc {ncc:.2f}): {counters}"
    assert abs(level_db) <= 6.0, f"level changed by {level_db:.1f} dB on the way: {counters}"


def test_the_test_buttons_meter_a_microphone_and_play_a_sound(
    private_pulse: PrivatePulse,
) -> None:
    """The window's Test buttons, below the window: the microphone test meters the real device
    (silent, then loud while the speaker test's sound plays into what it hears), and the
    speaker test plays its sound to the end."""
    report = _probe(private_pulse, "device_test_probe")
    assert report["finished"] and report["failure"] is None, report
    assert report["quiet"] < -60 and report["loud"] > -30, report
