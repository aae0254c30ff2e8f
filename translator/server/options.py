"""Tunable behaviour of the local Realtime server (delays, pacing, lifetime, recording)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True)
class ServerOptions:
    """All durations are server seconds (see :mod:`translator.server.clock`).

    The defaults follow the latencies observed on the real service (reference §3.2): input
    transcription completes ~1.3 s after the commit, ``response.created`` ~0.28 s after
    ``response.create``, and audio arrives several times faster than real time.
    """

    session_lifetime_s: float | None = None
    """``None``: the model's ``session_minutes`` from the catalog (60 for GA models)."""
    transcription_delay_s: float = 1.3
    response_created_delay_s: float = 0.28
    first_delta_delay_s: float = 0.2
    audio_chunk_ms: int = 100
    """Audio carried by one ``response.output_audio.delta``."""
    audio_speedup: float = 5.0
    """How many times faster than real time response audio is emitted."""
    rate_limits_delay_s: float = 0.04
    time_scale: float = 1.0
    """Server seconds per real second (ignored when a clock is injected)."""
    record_events: bool = True
    """Keep every event received and sent per connection (tests validate them afterwards)."""
    deployments: Mapping[str, str] = field(default_factory=dict)
    """Azure deployment name → the catalog model it serves. A deployment not listed serves the
    path's default model: ``gpt-realtime-2.1-mini`` on ``/openai/v1/realtime`` (GA) and
    ``gpt-4o-mini-realtime-preview-2024-12-17`` on ``/openai/realtime`` (preview)."""
    shutdown_dates: Mapping[str, str] = field(default_factory=dict)
    """Model → announced shutdown date (``YYYY-MM-DD``), reported as ``shutdown_date`` by
    ``GET /v1/models``; on and after the date the OpenAI paths refuse the model (Azure paths
    serve deployments, not models). Empty by default, unlike the service (the catalog knows
    OpenAI's dates), so that what the server does never changes with the calendar."""
    models_endpoint: bool = True
    """``False``: no ``/v1/models`` (404), like a Realtime-compatible provider without one."""
    translate_silence_ms: int = 500
    """Translate dialect: a pause this long ends the segment being translated."""
    translate_delay_s: float = 0.3
    """Translate dialect: a segment's output starts this long after the segment ended."""
    translate_heartbeat_samples: int = 9_600
    """Translate dialect: while nothing is being translated, an all-zero
    ``session.output_audio.delta`` of this many samples (the service has sent 4,800, then
    9,600) after every ``translate_heartbeat_every_ms`` of input; 0: none."""
    translate_heartbeat_every_ms: int = 2_000

    def __post_init__(self) -> None:
        if self.audio_chunk_ms <= 0 or self.audio_speedup <= 0:
            raise ValueError("audio_chunk_ms and audio_speedup must be positive")
        if self.translate_heartbeat_samples < 0 or self.translate_heartbeat_every_ms <= 0:
            raise ValueError("translate_heartbeat_samples >= 0, translate_heartbeat_every_ms > 0")
        if self.translate_silence_ms <= 0 or self.translate_delay_s < 0:
            raise ValueError("translate_silence_ms must be positive, translate_delay_s >= 0")
