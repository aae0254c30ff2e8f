"""The GA session schema the local server validates ``session.update`` against (reference §4.2).

Pydantic models with ``extra="forbid"``: an unknown field, a bad enum value or an out-of-range
number becomes one :class:`WireError` with the real service's code and a ``param`` path such as
``session.audio.input.format.rate``. The effective session is kept as plain JSON (what the wire
carries); :func:`merge_session` applies a validated update to it.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError
from pydantic_core import ErrorDetails

from translator.server.tts import SERVER_VOICE


@dataclass(frozen=True)
class WireError(Exception):
    """An ``error`` event's body: what the real service would answer to a client mistake."""

    code: str | None
    message: str
    param: str | None = None
    type: str = "invalid_request_error"

    def __str__(self) -> str:
        return self.message


class StrictModel(BaseModel):
    """A wire object: unknown fields are errors, JSON types are not coerced."""

    model_config = ConfigDict(extra="forbid", strict=True)


class _Open(BaseModel):
    model_config = ConfigDict(extra="allow")


class PcmFormat(StrictModel):
    type: Literal["audio/pcm"]
    rate: Annotated[int, Field(ge=24000, le=24000)] = 24000


class PcmuFormat(StrictModel):
    type: Literal["audio/pcmu"]


class PcmaFormat(StrictModel):
    type: Literal["audio/pcma"]


AudioFormat = Annotated[PcmFormat | PcmuFormat | PcmaFormat, Field(discriminator="type")]

TranscriptionModel = Literal[
    "whisper-1",
    "gpt-transcribe",
    "gpt-live-transcribe",
    "gpt-4o-mini-transcribe",
    "gpt-4o-mini-transcribe-2025-12-15",
    "gpt-4o-transcribe",
    "gpt-4o-transcribe-diarize",
    "gpt-realtime-whisper",
]


class Transcription(StrictModel):
    model: TranscriptionModel | None = None
    language: str | None = None
    prompt: str | None = None
    languages: list[str] | None = None
    keywords: list[str] | None = None
    delay: Literal["minimal", "low", "medium", "high", "xhigh"] | None = None


class NoiseReduction(StrictModel):
    type: Literal["near_field", "far_field"] | None = None
    strength: Annotated[float, Field(ge=0.0, le=1.0)] | None = None


class ServerVad(StrictModel):
    type: Literal["server_vad"]
    threshold: Annotated[float, Field(ge=0.0, le=1.0)] = 0.5
    prefix_padding_ms: Annotated[int, Field(ge=0)] = 300
    silence_duration_ms: Annotated[int, Field(ge=0)] = 200
    idle_timeout_ms: Annotated[int, Field(ge=0)] | None = None
    create_response: bool = True
    interrupt_response: bool = True


class SemanticVad(StrictModel):
    type: Literal["semantic_vad"]
    eagerness: Literal["low", "medium", "high", "auto"] = "auto"
    create_response: bool = True
    interrupt_response: bool = True


TurnDetection = Annotated[ServerVad | SemanticVad, Field(discriminator="type")]


class AudioInput(StrictModel):
    format: AudioFormat | None = None
    transcription: Transcription | None = None
    noise_reduction: NoiseReduction | None = None
    turn_detection: TurnDetection | None = None


class VoiceId(StrictModel):
    id: str


class AudioOutput(StrictModel):
    format: AudioFormat | None = None
    voice: str | VoiceId | None = None
    speed: Annotated[float, Field(ge=0.25, le=1.5)] | None = None


class Audio(StrictModel):
    input: AudioInput | None = None
    output: AudioOutput | None = None


class FunctionTool(StrictModel):
    type: Literal["function"]
    name: str
    description: str | None = None
    parameters: dict[str, Any] | None = None


class McpTool(_Open):
    type: Literal["mcp"]
    server_label: str


Tool = Annotated[FunctionTool | McpTool, Field(discriminator="type")]


class ToolChoiceFunction(StrictModel):
    type: Literal["function"]
    name: str


class ToolChoiceMcp(StrictModel):
    type: Literal["mcp"]
    server_label: str
    name: str | None = None


class TracingConfiguration(StrictModel):
    workflow_name: str | None = None
    group_id: str | None = None
    metadata: dict[str, Any] | None = None


class TokenLimits(StrictModel):
    post_instructions: Annotated[int, Field(ge=0)] | None = None


class RetentionRatio(StrictModel):
    type: Literal["retention_ratio"]
    retention_ratio: Annotated[float, Field(ge=0.0, le=1.0)]
    token_limits: TokenLimits | None = None


class Prompt(StrictModel):
    id: str
    version: str | None = None
    variables: dict[str, Any] | None = None


class Reasoning(StrictModel):
    effort: Literal["minimal", "low", "medium", "high", "xhigh"] | None = None


MaxOutputTokens = Annotated[int, Field(ge=1, le=4096)] | Literal["inf"]


class SessionUpdate(StrictModel):
    """``session.update``'s ``session`` on a GA realtime connection."""

    type: Literal["realtime"]
    model: str | None = None
    instructions: str | None = None
    output_modalities: Annotated[list[Literal["text", "audio"]], Field(min_length=1)] | None = None
    audio: Audio | None = None
    tools: list[Tool] | None = None
    tool_choice: Literal["auto", "none", "required"] | ToolChoiceFunction | ToolChoiceMcp | None = (
        None
    )
    max_output_tokens: MaxOutputTokens | None = None
    tracing: Literal["auto"] | TracingConfiguration | None = None
    truncation: Literal["auto", "disabled"] | RetentionRatio | None = None
    prompt: Prompt | None = None
    include: list[Literal["item.input_audio_transcription.logprobs"]] | None = None
    reasoning: Reasoning | None = None
    parallel_tool_calls: bool | None = None


class ResponseCreateParams(StrictModel):
    """``response.create``'s ``response`` (items inside ``input`` are checked separately)."""

    conversation: str | None = None
    input: list[dict[str, Any]] | None = None
    instructions: str | None = None
    output_modalities: Annotated[list[Literal["text", "audio"]], Field(min_length=1)] | None = None
    audio: dict[str, Any] | None = None
    tools: list[Tool] | None = None
    tool_choice: Literal["auto", "none", "required"] | ToolChoiceFunction | ToolChoiceMcp | None = (
        None
    )
    max_output_tokens: MaxOutputTokens | None = None
    metadata: dict[str, str] | None = None
    prompt: Prompt | None = None
    reasoning: Reasoning | None = None
    parallel_tool_calls: bool | None = None


def field_names(*models: type[BaseModel]) -> frozenset[str]:
    """The wire field names of some schema models (what an error's ``param`` path may name)."""
    return frozenset(name for model in models for name in model.model_fields)


_FIELD_NAMES = field_names(
    PcmFormat, Transcription, NoiseReduction, ServerVad, SemanticVad, AudioInput, VoiceId,
    AudioOutput, Audio, FunctionTool, ToolChoiceFunction, ToolChoiceMcp, TracingConfiguration,
    TokenLimits, RetentionRatio, Prompt, Reasoning, SessionUpdate, ResponseCreateParams,
)  # fmt: skip

_TYPE_WORDS = {
    "int_type": "an integer", "float_type": "a decimal", "string_type": "a string",
    "bool_type": "a boolean", "list_type": "an array", "dict_type": "an object",
    "model_type": "an object", "model_attributes_type": "an object",
}  # fmt: skip


def _json_kind(value: object) -> str:
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int):
        return "an integer"
    if isinstance(value, float):
        return "a decimal"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "an object"
    return "null"


def _param(prefix: str, loc: tuple[int | str, ...], names: frozenset[str]) -> str:
    """A wire path (``session.audio.input.format.rate``, ``session.tools[0].name``).

    Pydantic's locations also name union members and discriminator tags; only real field
    names and list indexes belong to the path the client sent.
    """
    path = prefix
    for part in loc:
        if isinstance(part, int):
            path += f"[{part}]"
        elif part in names:
            path += f".{part}"
    return path


def wire_error(error: ErrorDetails, prefix: str, names: frozenset[str] = _FIELD_NAMES) -> WireError:
    """The real service's error for one pydantic error (``names``: the schema's field names)."""
    kind = error["type"]
    ctx = error.get("ctx", {})
    value = error.get("input")
    if kind == "extra_forbidden":
        param = _param(prefix, error["loc"][:-1], names) + f".{error['loc'][-1]}"
        return WireError("unknown_parameter", f"Unknown parameter: '{param}'.", param)
    param = _param(prefix, error["loc"], names)
    if kind == "missing":
        return WireError(
            "missing_required_parameter", f"Missing required parameter: '{param}'.", param
        )
    if kind == "union_tag_not_found":
        param += ".type"
        return WireError(
            "missing_required_parameter", f"Missing required parameter: '{param}'.", param
        )
    if kind in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        below = kind.startswith("greater")
        number = "integer" if isinstance(value, int) else "decimal"
        bound = ctx.get("ge", ctx.get("gt", ctx.get("le", ctx.get("lt"))))
        relation = (
            (">=" if kind == "greater_than_equal" else ">")
            if below
            else ("<=" if kind == "less_than_equal" else "<")
        )
        code = f"{number}_{'below_min' if below else 'above_max'}_value"
        return WireError(
            code,
            f"Invalid '{param}': {number} {'below minimum' if below else 'above maximum'} value. "
            f"Expected a value {relation} {bound}, but got {value} instead.",
            param,
        )
    if kind in _TYPE_WORDS:
        return WireError(
            "invalid_type",
            f"Invalid type for '{param}': expected {_TYPE_WORDS[kind]}, "
            f"but got {_json_kind(value)} instead.",
            param,
        )
    if kind in ("too_short", "too_long"):
        return WireError(
            "array_below_min_length" if kind == "too_short" else "array_above_max_length",
            f"Invalid '{param}': array {'too short' if kind == 'too_short' else 'too long'}.",
            param,
        )
    if kind == "union_tag_invalid":
        param += ".type"
        value = ctx.get("tag", value)
    expected = ctx.get("expected") or ctx.get("expected_tags")
    supported = f" Supported values are: {expected}." if expected else ""
    return WireError("invalid_value", f"Invalid value: '{value}'.{supported}", param)


def validate(
    model: type[BaseModel], data: object, prefix: str, names: frozenset[str] = _FIELD_NAMES
) -> BaseModel:
    """``model`` validated from ``data``, or the first :class:`WireError` the service would send."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        errors = exc.errors()
        # An unknown field is what the real service reports first; otherwise a union reports
        # one error per member and the first is the one the sender most likely meant.
        unknown = [e for e in errors if e["type"] == "extra_forbidden"]
        raise wire_error((unknown or errors)[0], prefix, names) from None


_TURN_DEFAULTS: dict[str, dict[str, Any]] = {
    "server_vad": ServerVad(type="server_vad").model_dump(),
    "semantic_vad": SemanticVad(type="semantic_vad").model_dump(),
}
_FORMAT_DEFAULTS: dict[str, dict[str, Any]] = {"audio/pcm": {"type": "audio/pcm", "rate": 24000}}
# Objects that a client sends whole (unions, configurations): an update replaces them.
_REPLACED_WHOLE = {
    "format", "transcription", "noise_reduction", "turn_detection", "voice", "truncation",
    "tracing", "tool_choice", "prompt", "reasoning",
}  # fmt: skip


def merge_json(current: dict[str, Any], update: dict[str, Any]) -> dict[str, Any]:
    """``current`` with the fields of ``update`` applied (objects merge, configurations are
    replaced whole; noise reduction keeps its strength unless the update sets one)."""
    out = dict(current)
    for key, value in update.items():
        if key == "turn_detection" and isinstance(value, dict):
            out[key] = {**_TURN_DEFAULTS[value["type"]], **value}
        elif key == "format" and isinstance(value, dict):
            out[key] = {**_FORMAT_DEFAULTS.get(value["type"], {}), **value}
        elif key == "noise_reduction" and isinstance(value, dict):
            previous = current.get(key) or {}
            strength = value.get("strength", previous.get("strength", 1.0))
            out[key] = {**value, "strength": strength}
        elif (
            key in _REPLACED_WHOLE
            or not isinstance(value, dict)
            or not isinstance(current.get(key), dict)
        ):
            out[key] = copy.deepcopy(value)
        else:
            out[key] = merge_json(current.get(key) or {}, value)
    return out


def merge_session(session: dict[str, Any], update: SessionUpdate) -> dict[str, Any]:
    """The effective session after a validated update (only the fields the client sent change)."""
    sent = update.model_dump(exclude_unset=True, mode="json")
    sent.pop("type", None)
    return merge_json(session, sent)


def default_session(
    *, session_id: str, model: str, expires_at: int, instructions: str
) -> dict[str, Any]:
    """``session.created``'s session: the GA defaults observed on the real service (§4.2)."""
    return {
        "type": "realtime",
        "object": "realtime.session",
        "id": session_id,
        "model": model,
        "output_modalities": ["audio"],
        "instructions": instructions,
        "tools": [],
        "tool_choice": "auto",
        "max_output_tokens": "inf",
        "tracing": None,
        "truncation": "auto",
        "prompt": None,
        "expires_at": expires_at,
        "audio": {
            "input": {
                "format": {"type": "audio/pcm", "rate": 24000},
                "transcription": None,
                "noise_reduction": None,
                "turn_detection": dict(_TURN_DEFAULTS["server_vad"]),
            },
            "output": {
                "format": {"type": "audio/pcm", "rate": 24000},
                "voice": SERVER_VOICE,
                "speed": 1.0,
            },
        },
        "include": None,
    }
