"""What a front end shows of a run, as plain frozen values: each session's state, the bill with
its rate-limit headroom, the meters' levels, the audio's glitches and what the provider says of
the model.

Built by the application layer from the core's events and counters, so the window (and the
command line) never read the core's own types. Values only; no thread or loop of their own.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Literal

from translator.audio.dsp import LevelReading
from translator.lifecycle import Lifecycle
from translator.realtime.endpoints import Transport
from translator.realtime.session import Failed, Status

# A meter's reading (RMS and peak, dBFS), as the core measures it: already a plain value.
Level = LevelReading

State = Literal["connecting", "live", "reconnecting", "stopped", "error"]
_STATES: dict[str, State] = {
    "connecting": "connecting",
    "ready": "live",
    "rotating": "live",  # a new session takes over seamlessly
    "reconnecting": "reconnecting",
    "closed": "stopped",
}


@dataclass(frozen=True)
class SessionState:
    """One direction's session as a status line shows it."""

    key: str  # the direction: "ab" or "ba"
    state: State
    detail: str = ""  # for an error: what happened; what to do
    transport: Transport = "websocket"  # how the session reaches the service now

    @classmethod
    def of(
        cls, key: str, event: Status | Failed, transport: Transport = "websocket"
    ) -> SessionState:
        if isinstance(event, Failed):
            return cls(key, "error", f"{event.error.message}; {event.error.action}", transport)
        return cls(key, _STATES[event.state], event.detail, transport)


@dataclass(frozen=True)
class Glitches:
    """What one device's route has lost so far, heard as clicks or gaps: ``xruns`` the device
    reported (an input overflow, an output underflow), ``drops`` the app's own (captured audio
    not collected in time, a translation run dry mid-word, passthrough blocks dropped)."""

    xruns: int = 0
    drops: int = 0

    @property
    def total(self) -> int:
        return self.xruns + self.drops


@dataclass(frozen=True)
class Headroom:
    """One rate limit of one direction's session: what is left of it."""

    key: str  # direction
    name: str  # "tokens", "requests", …
    remaining: int
    limit: int

    @property
    def fraction_left(self) -> float:
        return self.remaining / self.limit if self.limit > 0 else 1.0


@dataclass(frozen=True)
class Bill:
    """The running cost of a run, its tokens, and the rate-limit headroom per session."""

    cost_usd: float = 0.0
    tokens: int = 0
    audio_seconds: float = 0.0  # the translate engine bills input audio, not tokens
    headroom: tuple[Headroom, ...] = ()


@dataclass(frozen=True)
class ModelNotice:
    """The chosen model is shutting down (``retired`` False) or shut down on OpenAI: one line
    naming the date, and the successor a front end offers to switch to."""

    model: str
    text: str  # the core's one line (the command line says the same)
    successor: str | None
    retired: bool
    shutdown: datetime.date | None = None
    days_left: int | None = None

    @classmethod
    def of(cls, lifecycle: Lifecycle) -> ModelNotice | None:
        """What to tell the user of ``lifecycle``; None when there is nothing to say."""
        refusal = lifecycle.refusal()
        text = f"{refusal.message}; {refusal.action}" if refusal else lifecycle.warning
        if not text:
            return None
        return cls(
            lifecycle.model,
            text,
            lifecycle.successor,
            refusal is not None,
            lifecycle.shutdown,
            lifecycle.days_left,
        )
