"""The local server's timeline: a clock whose seconds may run faster than real time.

Everything that takes server time (session lifetime, input-transcription delay, first-event and
first-delta delays, audio pacing, fault timers) goes through a :class:`Clock`, so time-consuming
scenarios — an expiring session, an hour of cost — run in seconds in tests. Voice activity
detection does not use it: VAD runs on audio time (the samples appended), as the real service does.
"""

from __future__ import annotations

import asyncio
import time
from typing import Protocol


class Clock(Protocol):
    """Server time: ``time()`` is Unix seconds on the server's timeline, ``sleep`` waits on it."""

    def time(self) -> float: ...

    async def sleep(self, seconds: float) -> None: ...


class ScaledClock:
    """Real time multiplied by ``scale`` (``scale=60``: one server minute per real second)."""

    def __init__(self, scale: float = 1.0) -> None:
        if scale <= 0:
            raise ValueError("the time scale must be positive")
        self.scale = scale
        self._wall0 = time.time()
        self._mono0 = time.monotonic()

    def time(self) -> float:
        return self._wall0 + (time.monotonic() - self._mono0) * self.scale

    async def sleep(self, seconds: float) -> None:
        await asyncio.sleep(max(0.0, seconds) / self.scale)
