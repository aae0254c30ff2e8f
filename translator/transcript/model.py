"""The transcript of a run: what each side said, its translation, when, and how fast.

A ``Run`` holds ``Segment``s, one per utterance and direction. Times are seconds since the run
started, on the client's monotonic clock (never the service's ``audio_*_ms``, which restart with
every connection). The JSON form is versioned (``version``); its JSON Schema is
``resources/transcript.schema.json``, generated from these models by ``schema_json()``.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

TRANSCRIPT_VERSION = 1

SegmentStatus = Literal[
    "listening",  # committed, translation not started
    "translating",  # translation streaming
    "completed",
    "incomplete",  # cut short by the service (content filter, token limit)
    "cancelled",  # stopped by the user
    "failed",
    "untranslated",  # nothing to translate (e.g. already in the target language)
    "superseded",  # replaced by a later segment (e.g. routed to the other direction)
    "stale",  # its translation came too late to be played
]
FINISHED_STATUSES = frozenset(
    ("completed", "incomplete", "cancelled", "failed", "untranslated", "superseded", "stale")
)


class Segment(BaseModel):
    """One utterance of one direction."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True)
    id: str = Field(description="unique within the run, e.g. 'ab-3'")
    direction: str = Field(description="direction key, e.g. 'ab' (A→B) or 'ba' (B→A)")
    speaker: str = Field(description="who spoke, e.g. 'You' or 'Them'")
    source_language: str
    source_text: str = ""
    source_final: bool = Field(default=False, description="the source transcript is complete")
    target_language: str
    target_text: str = ""
    start_s: float = Field(ge=0, description="speech start, seconds since the run started")
    end_s: float = Field(ge=0, description="speech end, seconds since the run started")
    latency_ms: float | None = Field(
        default=None,
        description="last speech sample handed to the service → first translated sample "
        "handed to the output device",
    )
    status: SegmentStatus = "listening"
    stale: bool = Field(default=False, description="the translation arrived late")
    playback_start_s: float | None = Field(
        default=None, ge=0, description="the translation started playing, seconds since the run"
    )
    playback_end_s: float | None = Field(
        default=None, ge=0, description="the translation stopped playing, seconds since the run"
    )

    @property
    def finished(self) -> bool:
        return self.status in FINISHED_STATUSES


class Usage(BaseModel):
    """Tokens billed for the run, summed over its sessions."""

    model_config = ConfigDict(extra="forbid")
    input_text: int = 0
    input_audio: int = 0
    cached_text: int = 0
    cached_audio: int = 0
    output_text: int = 0
    output_audio: int = 0
    audio_seconds: float = 0.0

    def __add__(self, other: Usage) -> Usage:
        pairs = zip(self.model_dump().items(), other.model_dump().values(), strict=True)
        return Usage.model_validate({name: mine + theirs for (name, mine), theirs in pairs})


class Run(BaseModel):
    """A whole run: its settings and its segments in the order they were spoken."""

    model_config = ConfigDict(extra="forbid")
    version: Literal[1] = 1  # TRANSCRIPT_VERSION
    id: str
    started_at: str = Field(description="wall-clock start, ISO 8601 UTC")
    mode: Literal["listen", "call", "face"]
    engine: str
    model: str
    languages: tuple[str, str] = Field(description="(A, B)")
    segments: list[Segment] = Field(default_factory=list)
    cost_usd: float = 0.0
    title: str = ""
    ended_at: str | None = Field(default=None, description="wall-clock end, ISO 8601 UTC")
    recovered_at: str | None = Field(
        default=None, description="an unfinished run was offered for export (ISO 8601 UTC)"
    )
    voices: dict[str, str] = Field(
        default_factory=dict, description="direction key → voice of its translation"
    )
    devices: dict[str, str] = Field(
        default_factory=dict, description="role (input, output, return_input, …) → device"
    )
    transports: dict[str, str] = Field(
        default_factory=dict,
        description="direction key → how its session reached the service (websocket, webrtc)",
    )
    speakers: dict[str, str] = Field(
        default_factory=dict, description="speaker label → the name shown for it (renamed)"
    )
    usage: Usage = Field(default_factory=Usage)

    @staticmethod
    def now_iso() -> str:
        return datetime.now(UTC).isoformat(timespec="seconds")

    def speaker_name(self, segment: Segment) -> str:
        return self.speakers.get(segment.speaker, segment.speaker)

    def duration_s(self) -> float:
        """From the start to the last speech or playback heard."""
        ends = [s.end_s for s in self.segments] + [
            s.playback_end_s for s in self.segments if s.playback_end_s is not None
        ]
        return max(ends, default=0.0)

    def segment(self, segment_id: str) -> Segment | None:
        return next((s for s in self.segments if s.id == segment_id), None)

    def to_json(self) -> str:
        return self.model_dump_json(indent=2) + "\n"

    @classmethod
    def from_json(cls, text: str) -> Run:
        return cls.model_validate_json(text)


def schema_json() -> str:
    """The JSON Schema of the transcript file (kept in resources/transcript.schema.json)."""
    schema = Run.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = f"https://translator.local/transcript.v{TRANSCRIPT_VERSION}.schema.json"
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
