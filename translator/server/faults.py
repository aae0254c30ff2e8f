"""Fault injection for the local server (issue 3): what can go wrong with the real service.

A fault is written ``NAME[=ARG]`` on the command line (``--fault``) or passed in-process. Faults
that would stop a recovering client from ever finishing (drops, rate limits, filtered responses,
an early expiry) fire a limited number of times **server-wide**, not on every connection, so a
client that reconnects or retries gets through. Harmless noise (unknown events, extra fields)
is always on. Drops and noise apply to every dialect; the response faults to GA and beta, which
have responses; the call faults to WebRTC calls (a drop there closes the call's data channel).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from enum import StrEnum


class FaultName(StrEnum):
    DROP_MID_UTTERANCE = "drop_mid_utterance"
    DROP_MID_RESPONSE = "drop_mid_response"
    SESSION_EXPIRED = "session_expired"
    RATE_LIMITED_RESPONSE = "rate_limited_response"
    RATE_LIMITED_ERROR = "rate_limited_error"
    CONTENT_FILTER = "content_filter"
    SLOW_FIRST_EVENT = "slow_first_event"
    ODD_AUDIO_DELTA = "odd_audio_delta"
    HUGE_AUDIO_DELTA = "huge_audio_delta"
    UNKNOWN_EVENTS = "unknown_events"
    EXTRA_FIELDS = "extra_fields"
    CALL_RATE_LIMITED = "call_rate_limited"
    ICE_NEVER_COMPLETES = "ice_never_completes"
    HANGUP_NOT_FOUND = "hangup_not_found"


FAULT_HELP: dict[FaultName, str] = {
    FaultName.DROP_MID_UTTERANCE: "=TIMES (1): TCP drop (client sees 1006) while the user speaks",
    FaultName.DROP_MID_RESPONSE: (
        "=TIMES (1): TCP drop after a few audio deltas of a response (translate: of a "
        "segment's output)"
    ),
    FaultName.SESSION_EXPIRED: "=SECONDS (30): session_expired that many seconds in, once",
    FaultName.RATE_LIMITED_RESPONSE: "=TIMES (1): response.done failed, rate limited",
    FaultName.RATE_LIMITED_ERROR: "=TIMES (1): error rate_limit_exceeded, no response",
    FaultName.CONTENT_FILTER: "=TIMES (1): response cut short, incomplete / content_filter",
    FaultName.SLOW_FIRST_EVENT: "=SECONDS (5): session.created that late, once",
    FaultName.ODD_AUDIO_DELTA: "=TIMES (1): a response's audio deltas have odd byte lengths",
    FaultName.HUGE_AUDIO_DELTA: "=TIMES (1): a response's audio in one delta larger than 1 MiB",
    FaultName.UNKNOWN_EVENTS: "always: events of unknown types among the real ones",
    FaultName.EXTRA_FIELDS: "always: unknown fields on every event",
    FaultName.CALL_RATE_LIMITED: "=TIMES (1): a WebRTC call's offer is answered 429",
    FaultName.ICE_NEVER_COMPLETES: (
        "=TIMES (1): a WebRTC call's answer names a port that never replies, so ICE never completes"
    ),
    FaultName.HANGUP_NOT_FOUND: "=TIMES (1): a hang-up is answered 404 (the call goes on)",
}

_SECONDS_FAULTS = {FaultName.SESSION_EXPIRED: 30.0, FaultName.SLOW_FIRST_EVENT: 5.0}
_ALWAYS_FAULTS = {FaultName.UNKNOWN_EVENTS, FaultName.EXTRA_FIELDS}


class FaultSpecError(ValueError):
    """A ``--fault`` argument that does not parse."""


@dataclass(frozen=True)
class Fault:
    name: FaultName
    times: int | None = 1
    """How many times it fires server-wide; ``None`` = always."""
    seconds: float | None = None

    @classmethod
    def parse(cls, text: str) -> Fault:
        raw_name, _, arg = text.partition("=")
        try:
            name = FaultName(raw_name.strip())
        except ValueError:
            known = ", ".join(f.value for f in FaultName)
            raise FaultSpecError(f"unknown fault {raw_name!r}; known faults: {known}") from None
        if name in _ALWAYS_FAULTS:
            if arg:
                raise FaultSpecError(f"fault {name} takes no argument")
            return cls(name, times=None)
        try:
            if name in _SECONDS_FAULTS:
                seconds = float(arg) if arg else _SECONDS_FAULTS[name]
                if seconds < 0:
                    raise ValueError
                return cls(name, times=1, seconds=seconds)
            times = int(arg) if arg else 1
            if times < 1:
                raise ValueError
        except ValueError:
            raise FaultSpecError(
                f"fault {name}: bad argument {arg!r} ({FAULT_HELP[name]})"
            ) from None
        return cls(name, times=times)


class FaultPlan:
    """The faults of one server, with their server-wide remaining firings.

    Shared by every connection of the server (and safe to share with a benchmark thread).
    """

    def __init__(self, faults: list[Fault | str] | tuple[Fault | str, ...] = ()) -> None:
        parsed = [f if isinstance(f, Fault) else Fault.parse(f) for f in faults]
        self._faults = {f.name: f for f in parsed}
        self._remaining = {f.name: f.times for f in parsed}
        self._lock = threading.Lock()

    def __bool__(self) -> bool:
        return bool(self._faults)

    def active(self, name: FaultName) -> Fault | None:
        """The fault if it is configured and has firings left, without using one."""
        with self._lock:
            if name in self._faults and self._remaining[name] != 0:
                return self._faults[name]
            return None

    def take(self, name: FaultName) -> Fault | None:
        """Use one firing of the fault; ``None`` when not configured or used up."""
        with self._lock:
            if name not in self._faults:
                return None
            left = self._remaining[name]
            if left == 0:
                return None
            if left is not None:
                self._remaining[name] = left - 1
            return self._faults[name]
