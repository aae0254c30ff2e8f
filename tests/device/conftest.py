"""Device tests run against a private PulseAudio with null sinks, started and stopped here.

Missing PulseAudio or PortAudio skips these tests on a developer machine; under ``CI=true`` the
shared conftest turns that skip into a failure, so CI can never go green without them.
"""

from __future__ import annotations

import ctypes.util
from collections.abc import Iterator

import pytest

from tests.support.pulse import PrivatePulse, PulseUnavailable


@pytest.fixture(scope="session")
def private_pulse() -> Iterator[PrivatePulse]:
    if ctypes.util.find_library("portaudio") is None:
        pytest.skip("PortAudio is not installed (Debian: apt-get install libportaudio2)")
    pulse = PrivatePulse()
    try:
        pulse.start()
    except PulseUnavailable as exc:
        pytest.skip(str(exc))
    try:
        yield pulse
    finally:
        pulse.stop()
