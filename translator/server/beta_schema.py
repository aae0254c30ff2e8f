"""The beta (Azure preview) session shape and its mapping onto the GA one (reference §1.6, §4.1).

The beta dialect keeps its state in the GA shape, so every GA behaviour (VAD, responses, usage,
truncation) serves it unchanged; this module is the adapter at the edge:

- :class:`BetaSessionUpdate` / :class:`BetaResponseParams` validate what a beta client sends
  (flat ``voice``, ``input_audio_format``, ``turn_detection``, ``temperature`` in [0.6, 1.2], …;
  unknown fields → ``unknown_parameter`` with beta ``param`` paths), and
  :func:`ga_session_update` / :func:`ga_response_params` turn them into their GA equivalents;
- :func:`beta_session`, :func:`beta_item`, :func:`beta_response` turn GA payloads into what a
  beta server sends.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import Field

from translator.server.ga_schema import (
    FunctionTool,
    MaxOutputTokens,
    NoiseReduction,
    ResponseCreateParams,
    SemanticVad,
    SessionUpdate,
    StrictModel,
    TracingConfiguration,
    field_names,
)

BetaAudioFormat = Literal["pcm16", "g711_ulaw", "g711_alaw"]
_GA_FORMATS: dict[str, dict[str, Any]] = {
    "pcm16": {"type": "audio/pcm", "rate": 24000},
    "g711_ulaw": {"type": "audio/pcmu"},
    "g711_alaw": {"type": "audio/pcma"},
}
_BETA_FORMATS = {ga["type"]: beta for beta, ga in _GA_FORMATS.items()}

DEFAULT_TEMPERATURE = 0.8
DEFAULT_MODALITIES = ("text", "audio")


class BetaTranscription(StrictModel):
    model: Literal["whisper-1", "gpt-4o-transcribe", "gpt-4o-mini-transcribe"] | None = None
    language: str | None = None
    prompt: str | None = None


class BetaNoiseReduction(StrictModel):
    type: Literal["near_field", "far_field"] | None = None


class BetaServerVad(StrictModel):
    """Beta ``server_vad``: GA's without ``idle_timeout_ms``."""

    type: Literal["server_vad"]
    threshold: Annotated[float, Field(ge=0.0, le=1.0)] = 0.5
    prefix_padding_ms: Annotated[int, Field(ge=0)] = 300
    silence_duration_ms: Annotated[int, Field(ge=0)] = 200
    create_response: bool = True
    interrupt_response: bool = True


BetaTurnDetection = Annotated[BetaServerVad | SemanticVad, Field(discriminator="type")]
Modalities = Annotated[list[Literal["text", "audio"]], Field(min_length=1)]
Temperature = Annotated[float, Field(ge=0.6, le=1.2)]


class BetaSessionUpdate(StrictModel):
    """``session.update``'s ``session`` on a beta connection (reference §4.1)."""

    model: str | None = None
    modalities: Modalities | None = None
    instructions: str | None = None
    voice: str | None = None
    input_audio_format: BetaAudioFormat | None = None
    output_audio_format: BetaAudioFormat | None = None
    input_audio_transcription: BetaTranscription | None = None
    turn_detection: BetaTurnDetection | None = None
    input_audio_noise_reduction: BetaNoiseReduction | None = None
    temperature: Temperature | None = None
    max_response_output_tokens: MaxOutputTokens | None = None
    tools: list[FunctionTool] | None = None
    tool_choice: str | None = None
    speed: Annotated[float, Field(ge=0.25, le=1.5)] | None = None
    tracing: Literal["auto"] | TracingConfiguration | None = None


class BetaResponseParams(StrictModel):
    """``response.create``'s ``response`` on a beta connection."""

    conversation: str | None = None
    input: list[dict[str, Any]] | None = None
    instructions: str | None = None
    modalities: Modalities | None = None
    voice: str | None = None
    output_audio_format: BetaAudioFormat | None = None
    temperature: Temperature | None = None
    max_response_output_tokens: MaxOutputTokens | None = None
    metadata: dict[str, str] | None = None
    tools: list[FunctionTool] | None = None
    tool_choice: str | None = None


BETA_FIELD_NAMES = field_names(
    BetaTranscription, BetaNoiseReduction, BetaServerVad, SemanticVad, NoiseReduction,
    FunctionTool, TracingConfiguration, BetaSessionUpdate, BetaResponseParams,
)  # fmt: skip


def _ga_modalities(modalities: list[str]) -> list[str]:
    # Beta ["text", "audio"] is GA ["audio"] (audio with its transcript).
    return ["audio"] if "audio" in modalities else ["text"]


def ga_session_update(update: BetaSessionUpdate) -> SessionUpdate:
    """The GA update that does what a beta one asks (``temperature`` has no GA equivalent)."""
    sent = update.model_dump(exclude_unset=True, mode="json")
    ga: dict[str, Any] = {"type": "realtime"}
    audio_in: dict[str, Any] = {}
    audio_out: dict[str, Any] = {}
    for key, value in sent.items():
        match key:
            case "modalities":
                ga["output_modalities"] = _ga_modalities(value)
            case "voice" | "speed":
                audio_out[key] = value
            case "input_audio_format":
                audio_in["format"] = _GA_FORMATS[value]
            case "output_audio_format":
                audio_out["format"] = _GA_FORMATS[value]
            case "input_audio_transcription":
                audio_in["transcription"] = value
            case "turn_detection":
                audio_in["turn_detection"] = value
            case "input_audio_noise_reduction":
                audio_in["noise_reduction"] = value
            case "max_response_output_tokens":
                ga["max_output_tokens"] = value
            case "temperature":
                pass
            case _:
                ga[key] = value
    audio = {name: part for name, part in (("input", audio_in), ("output", audio_out)) if part}
    if audio:
        ga["audio"] = audio
    return SessionUpdate.model_validate(ga)


def ga_response_params(params: BetaResponseParams) -> ResponseCreateParams:
    """The GA ``response.create`` parameters for a beta one (per-response voice, format and
    temperature only colour the sound, which the local server does not model)."""
    sent = params.model_dump(exclude_unset=True, mode="json")
    for beta_only in ("voice", "output_audio_format", "temperature"):
        sent.pop(beta_only, None)
    if "modalities" in sent:
        sent["output_modalities"] = _ga_modalities(sent.pop("modalities"))
    if "max_response_output_tokens" in sent:
        sent["max_output_tokens"] = sent.pop("max_response_output_tokens")
    return ResponseCreateParams.model_validate(sent)


def beta_session(
    session: dict[str, Any], modalities: list[str], temperature: float
) -> dict[str, Any]:
    """A GA session as a beta server shows it."""
    audio_in = session["audio"]["input"]
    audio_out = session["audio"]["output"]
    turn = audio_in["turn_detection"]
    if turn is not None:
        turn = {key: value for key, value in turn.items() if key != "idle_timeout_ms"}
    noise = audio_in["noise_reduction"]
    return {
        "id": session["id"],
        "object": "realtime.session",
        "model": session["model"],
        "expires_at": session["expires_at"],
        "modalities": modalities,
        "instructions": session["instructions"],
        "voice": audio_out["voice"],
        "input_audio_format": _BETA_FORMATS[audio_in["format"]["type"]],
        "output_audio_format": _BETA_FORMATS[audio_out["format"]["type"]],
        "input_audio_transcription": audio_in["transcription"],
        "turn_detection": turn,
        "input_audio_noise_reduction": None if noise is None else {"type": noise["type"]},
        "temperature": temperature,
        "max_response_output_tokens": session["max_output_tokens"],
        "tools": session["tools"],
        "tool_choice": session["tool_choice"],
        "speed": audio_out["speed"],
        "tracing": session["tracing"],
    }


_BETA_CONTENT = {"output_text": "text", "output_audio": "audio"}


def beta_item(item: dict[str, Any]) -> dict[str, Any]:
    """A GA item with beta content types (assistant ``text``/``audio``)."""
    content = [
        {**part, "type": _BETA_CONTENT.get(part.get("type", ""), part.get("type"))}
        for part in item.get("content", [])
    ]
    return {**item, "content": content}


def _beta_usage(usage: dict[str, Any] | None) -> dict[str, Any] | None:
    if usage is None:
        return None
    details = usage["input_token_details"]
    return {
        **usage,
        "input_token_details": {
            "text_tokens": details["text_tokens"],
            "audio_tokens": details["audio_tokens"],
            "cached_tokens": details["cached_tokens"],
        },
    }


def beta_response(response: dict[str, Any], temperature: float) -> dict[str, Any]:
    """A GA response object as a beta server shows it."""
    output_audio = response["audio"]["output"]
    return {
        "object": response["object"],
        "id": response["id"],
        "status": response["status"],
        "status_details": response["status_details"],
        "output": [beta_item(item) for item in response["output"]],
        "conversation_id": response["conversation_id"],
        "modalities": list(DEFAULT_MODALITIES)
        if "audio" in response["output_modalities"]
        else ["text"],
        "voice": output_audio["voice"],
        "output_audio_format": _BETA_FORMATS[output_audio["format"]["type"]],
        "temperature": temperature,
        "max_output_tokens": response["max_output_tokens"],
        "usage": _beta_usage(response["usage"]),
        "metadata": response["metadata"],
    }
