"""Synthetic signals and measurements for the audio-core tests."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from translator.audio.backends import Signal


def tone(freq: float, rate: int, seconds: float, amplitude: float = 0.5) -> npt.NDArray[np.float32]:
    t = np.arange(round(rate * seconds)) / rate
    return (amplitude * np.sin(2 * np.pi * freq * t)).astype(np.float32)


def tone_signal(freq: float, amplitude: float, rate: int, channels: int = 1) -> Signal:
    """An endless sine as a synthetic input device hears it (the same on every channel)."""

    def at(first: int, frames: int) -> npt.NDArray[np.float32]:
        t = (first + np.arange(frames)) / rate
        mono = (amplitude * np.sin(2 * np.pi * freq * t)).astype(np.float32)
        return np.repeat(mono[:, None], channels, axis=1)

    return at


def tone_amplitude(x: npt.NDArray[np.floating], freq: float, rate: int) -> float:
    """Amplitude of the ``freq`` component of ``x`` (least-squares fit of a sine and cosine)."""
    t = np.arange(x.size) / rate
    basis = np.stack([np.sin(2 * np.pi * freq * t), np.cos(2 * np.pi * freq * t)], axis=1)
    coef, *_ = np.linalg.lstsq(basis, x.astype(np.float64), rcond=None)
    return float(np.hypot(*coef))


def db(ratio: float) -> float:
    return float(20 * np.log10(max(ratio, 1e-12)))


def dominant_frequency(x: npt.NDArray[np.floating], rate: int) -> float:
    """Peak of a zero-padded, windowed spectrum, refined by parabolic interpolation."""
    size = 1 << int(np.ceil(np.log2(x.size * 8)))
    spectrum = np.abs(np.fft.rfft(x * np.hanning(x.size), size))
    k = int(np.argmax(spectrum[1:-1])) + 1
    a, b, c = np.log(spectrum[k - 1 : k + 2] + 1e-30)
    offset = 0.5 * (a - c) / (a - 2 * b + c)
    return float((k + offset) * rate / size)
