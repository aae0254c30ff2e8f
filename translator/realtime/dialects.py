"""Wire dialects: JSON ↔ the internal vocabulary of ``events.py``.

``GaDialect`` speaks the GA Realtime protocol (``/v1/realtime``, reference §1.3, §2–§4.2). Other
dialects (the translate endpoint, the beta shape of Azure preview deployments) are further
adapters with the same two methods. Unknown event types and unknown fields are tolerated: the
decoder reads only what it needs and logs the rest at debug level.
"""

from __future__ import annotations

import base64
import logging
from typing import Any, Protocol

from translator.catalog import load_catalog
from translator.realtime import events as ev
from translator.realtime.config import TranslationConfig
from translator.realtime.prompts import build_instructions

log = logging.getLogger(__name__)

PCM_FORMAT = {"type": "audio/pcm", "rate": 24000}


class Dialect(Protocol):
    name: str

    def session_update(self, config: TranslationConfig) -> dict[str, Any]: ...

    def encode(self, command: ev.Command) -> dict[str, Any]: ...

    def decode(self, event: dict[str, Any]) -> ev.ServerEvent: ...


def _error(raw: dict[str, Any] | None) -> ev.ErrorDetail:
    raw = raw or {}
    return ev.ErrorDetail(
        type=str(raw.get("type") or "error"),
        code=raw.get("code"),
        message=str(raw.get("message") or ""),
        param=raw.get("param"),
        event_id=raw.get("event_id"),
    )


def _session_event(kind: str, session: dict[str, Any]) -> ev.ServerEvent:
    if kind == "session.updated":
        return ev.SessionUpdated(session=session)
    expires = session.get("expires_at")
    return ev.SessionCreated(
        session_id=str(session.get("id", "")),
        model=session.get("model"),
        expires_at=float(expires) if expires else None,
        session=session,
    )


def usage_from_tokens(raw: dict[str, Any] | None) -> ev.Usage | None:
    """``response.usage`` (reference §6.2) → ``Usage``; cached tokens are a subset of input."""
    if not raw:
        return None
    inp = raw.get("input_token_details") or {}
    out = raw.get("output_token_details") or {}
    cached = inp.get("cached_tokens_details") or {}
    cached_total = int(inp.get("cached_tokens") or 0)
    cached_text = int(cached.get("text_tokens") or 0)
    cached_audio = int(cached.get("audio_tokens") or cached_total - cached_text)
    return ev.Usage(
        input_text=int(inp.get("text_tokens") or 0),
        input_audio=int(inp.get("audio_tokens") or 0),
        cached_text=cached_text,
        cached_audio=max(0, cached_audio),
        output_text=int(out.get("text_tokens") or 0),
        output_audio=int(out.get("audio_tokens") or 0),
    )


def _transcription(config: TranslationConfig) -> dict[str, Any] | None:
    if not config.transcription_model:
        return None
    if config.detect_language:
        return {"model": config.transcription_model}
    return {"model": config.transcription_model, "language": config.source_language}


def _turn_detection(config: TranslationConfig) -> dict[str, Any] | None:
    td = config.turn_detection
    if td.kind == "manual":
        return None
    # The client queues one response per utterance itself; the service must neither start
    # responses nor cancel a playing translation when the speaker goes on.
    policy = {"create_response": False, "interrupt_response": False}
    if td.kind == "semantic_vad":
        return {"type": "semantic_vad", "eagerness": td.eagerness, **policy}
    return {
        "type": "server_vad",
        "threshold": td.threshold,
        "prefix_padding_ms": td.prefix_padding_ms,
        "silence_duration_ms": td.silence_duration_ms,
        **policy,
    }


class GaDialect:
    """The GA Realtime protocol (the default engine; ``reasoning`` only for reasoning models)."""

    name = "realtime"

    def session_update(self, config: TranslationConfig) -> dict[str, Any]:
        audio_in: dict[str, Any] = {
            "format": PCM_FORMAT,
            "turn_detection": _turn_detection(config),
            "noise_reduction": (
                {"type": config.noise_reduction} if config.noise_reduction else None
            ),
            "transcription": _transcription(config),
        }
        session: dict[str, Any] = {
            "type": "realtime",
            "output_modalities": ["audio"],
            "instructions": build_instructions(
                config.source_language,
                config.target_language,
                config.glossary,
                config.extra_instructions,
            ),
            "audio": {
                "input": audio_in,
                "output": {"format": PCM_FORMAT, "voice": config.effective_voice},
            },
        }
        model = load_catalog().model(config.model)
        if model is not None and model.reasoning:
            session["reasoning"] = {"effort": config.reasoning_effort}
        return {"type": "session.update", "session": session}

    def encode(self, command: ev.Command) -> dict[str, Any]:
        match command:
            case ev.AppendAudio(pcm):
                return {
                    "type": "input_audio_buffer.append",
                    "audio": base64.b64encode(pcm).decode("ascii"),
                }
            case ev.CommitInput():
                return {"type": "input_audio_buffer.commit"}
            case ev.ClearInput():
                return {"type": "input_audio_buffer.clear"}
            case ev.CreateResponse(context):
                if context is None:
                    return {"type": "response.create"}
                refs = [{"type": "item_reference", "id": item_id} for item_id in context]
                return {"type": "response.create", "response": {"input": refs}}
            case ev.CancelResponse(response_id):
                cancel: dict[str, Any] = {"type": "response.cancel"}
                if response_id:
                    cancel["response_id"] = response_id
                return cancel
            case ev.TruncateItem(item_id, audio_end_ms):
                return {
                    "type": "conversation.item.truncate",
                    "item_id": item_id,
                    "content_index": 0,
                    "audio_end_ms": audio_end_ms,
                }
            case ev.DeleteItem(item_id):
                return {"type": "conversation.item.delete", "item_id": item_id}
            case ev.CreateTextItem(item_id, role, text):
                kind = "output_text" if role == "assistant" else "input_text"
                return {
                    "type": "conversation.item.create",
                    "item": {
                        "id": item_id,
                        "type": "message",
                        "role": role,
                        "content": [{"type": kind, "text": text}],
                    },
                }
            case ev.CreateAudioItem(item_id, pcm):
                return {
                    "type": "conversation.item.create",
                    "item": {
                        "id": item_id,
                        "type": "message",
                        "role": "user",
                        "content": [
                            {"type": "input_audio", "audio": base64.b64encode(pcm).decode("ascii")}
                        ],
                    },
                }
            case ev.CloseSession():
                raise ValueError("the GA realtime dialect has no session.close; close the socket")
        raise TypeError(f"not a command: {command!r}")

    def decode(self, event: dict[str, Any]) -> ev.ServerEvent:
        kind = str(event.get("type", ""))
        match kind:
            case "session.created" | "session.updated":
                return _session_event(kind, event.get("session") or {})
            case "input_audio_buffer.speech_started":
                return ev.SpeechStarted(event["item_id"], int(event.get("audio_start_ms", 0)))
            case "input_audio_buffer.speech_stopped":
                return ev.SpeechStopped(event["item_id"], int(event.get("audio_end_ms", 0)))
            case "input_audio_buffer.committed":
                return ev.InputCommitted(event["item_id"], event.get("previous_item_id"))
            case "conversation.item.added" | "conversation.item.created":
                item = event.get("item") or {}
                return ev.ItemAdded(
                    str(item.get("id")), item.get("role"), event.get("previous_item_id")
                )
            case "conversation.item.deleted":
                return ev.ItemDeleted(event["item_id"])
            case "conversation.item.truncated":
                return ev.ItemTruncated(event["item_id"], int(event.get("audio_end_ms", 0)))
            case "conversation.item.input_audio_transcription.delta":
                return ev.InputTranscriptDelta(event["item_id"], str(event.get("delta") or ""))
            case "conversation.item.input_audio_transcription.completed":
                return ev.InputTranscriptDone(event["item_id"], str(event.get("transcript") or ""))
            case "conversation.item.input_audio_transcription.failed":
                return ev.InputTranscriptFailed(
                    event["item_id"], _error(event.get("error")).message
                )
            case "response.created":
                return ev.ResponseCreated(str((event.get("response") or {}).get("id")))
            case "response.output_item.added":
                return ev.OutputItemAdded(
                    event["response_id"], str((event.get("item") or {}).get("id"))
                )
            case "response.output_audio.delta":
                return ev.AudioDelta(
                    event["response_id"], event["item_id"], base64.b64decode(event["delta"])
                )
            case "response.output_audio.done":
                return ev.AudioDone(event["response_id"], event["item_id"])
            case "response.output_audio_transcript.delta":
                return ev.TranscriptDelta(
                    event["response_id"], event["item_id"], str(event.get("delta") or "")
                )
            case "response.output_audio_transcript.done":
                return ev.TranscriptDone(
                    event["response_id"], event["item_id"], str(event.get("transcript") or "")
                )
            case "response.done":
                response = event.get("response") or {}
                details = response.get("status_details") or {}
                return ev.ResponseDone(
                    response_id=str(response.get("id")),
                    status=str(response.get("status", "completed")),
                    reason=details.get("reason"),
                    error=_error(details["error"]) if details.get("error") else None,
                    usage=usage_from_tokens(response.get("usage")),
                    item_ids=tuple(str(i.get("id")) for i in response.get("output") or []),
                )
            case "rate_limits.updated":
                return ev.RateLimitsUpdated(
                    tuple(
                        ev.RateLimit(
                            str(r.get("name")),
                            int(r.get("limit") or 0),
                            int(r.get("remaining") or 0),
                            float(r.get("reset_seconds") or 0.0),
                        )
                        for r in event.get("rate_limits") or []
                    )
                )
            case "error":
                return ev.ServerError(_error(event.get("error")))
        log.debug("unhandled server event %s", kind)
        return ev.Unhandled(kind)


# Beta event names (reference §1.6) and the GA names the decoder knows them by.
_BETA_TO_GA = {
    "response.audio.delta": "response.output_audio.delta",
    "response.audio.done": "response.output_audio.done",
    "response.audio_transcript.delta": "response.output_audio_transcript.delta",
    "response.audio_transcript.done": "response.output_audio_transcript.done",
    "response.text.delta": "response.output_text.delta",
    "response.text.done": "response.output_text.done",
    "conversation.item.created": "conversation.item.added",
}


class LegacyDialect(GaDialect):
    """The beta shape (``OpenAI-Beta: realtime=v1``) that Azure preview deployments still speak,
    and that the seed model ``gpt-4o-mini-realtime-preview-2024-12-17`` was built for."""

    name = "legacy"
    MIN_TEMPERATURE = 0.6  # the beta floor; the steadiest translations

    def session_update(self, config: TranslationConfig) -> dict[str, Any]:
        ga = super().session_update(config)["session"]
        audio_in = ga["audio"]["input"]
        transcription = audio_in["transcription"]
        # A deployment name is not in the catalog, so the default voice would be a GA one
        # (marin) that the beta shape never had; a voice the user chose is sent as chosen.
        voice = config.effective_voice
        if config.voice is None:
            beta_voices = load_catalog().default_model("legacy").voices
            voice = voice if voice in beta_voices else beta_voices[0]
        return {
            "type": "session.update",
            "session": {
                "modalities": ["text", "audio"],
                "instructions": ga["instructions"],
                "voice": voice,
                "input_audio_format": "pcm16",
                "output_audio_format": "pcm16",
                "input_audio_transcription": transcription,
                "turn_detection": audio_in["turn_detection"],
                "input_audio_noise_reduction": audio_in["noise_reduction"],
                "temperature": self.MIN_TEMPERATURE,
            },
        }

    def encode(self, command: ev.Command) -> dict[str, Any]:
        event = super().encode(command)
        if isinstance(command, ev.CreateTextItem) and command.role == "assistant":
            event["item"]["content"][0]["type"] = "text"  # beta's assistant text part
        return event

    def decode(self, event: dict[str, Any]) -> ev.ServerEvent:
        kind = event.get("type")
        if isinstance(kind, str) and kind in _BETA_TO_GA:
            event = {**event, "type": _BETA_TO_GA[kind]}
        return super().decode(event)


class TranslateDialect:
    """``gpt-realtime-translate`` on ``/v1/realtime/translations`` (reference §1.5, §8.4): one
    continuous stream, no turns, no prompt, no voice choice."""

    name = "translate"
    TRANSCRIPTION_MODEL = "gpt-realtime-whisper"

    def session_update(self, config: TranslationConfig) -> dict[str, Any]:
        audio_in: dict[str, Any] = {}
        if config.transcription_model:
            audio_in["transcription"] = {"model": self.TRANSCRIPTION_MODEL}
        if config.noise_reduction:
            audio_in["noise_reduction"] = {"type": config.noise_reduction}
        return {
            "type": "session.update",
            "session": {
                "audio": {"input": audio_in, "output": {"language": config.target_language}}
            },
        }

    def encode(self, command: ev.Command) -> dict[str, Any]:
        match command:
            case ev.AppendAudio(pcm):
                return {
                    "type": "session.input_audio_buffer.append",
                    "audio": base64.b64encode(pcm).decode("ascii"),
                }
            case ev.CloseSession():
                return {"type": "session.close"}
        raise ValueError(f"the translate engine has no {type(command).__name__}: no turns")

    def decode(self, event: dict[str, Any]) -> ev.ServerEvent:
        kind = str(event.get("type", ""))
        elapsed = event.get("elapsed_ms")
        elapsed_ms = int(elapsed) if elapsed is not None else None
        match kind:
            case "session.created" | "session.updated":
                return _session_event(kind, event.get("session") or {})
            case "session.input_transcript.delta" | "session.output_transcript.delta":
                source = kind == "session.input_transcript.delta"
                return ev.StreamText(source, str(event.get("delta") or ""), elapsed_ms)
            case "session.output_audio.delta":
                rate = int(event.get("sample_rate") or 24000)
                if rate != 24000 or int(event.get("channels") or 1) != 1:
                    log.debug("translate audio at %s Hz / %s ch", rate, event.get("channels"))
                return ev.StreamAudio(base64.b64decode(event["delta"]), elapsed_ms)
            case "session.closed":
                return ev.SessionClosed()
            case "error":
                return ev.ServerError(_error(event.get("error")))
        log.debug("unhandled server event %s", kind)
        return ev.Unhandled(kind)


def dialect_for(engine: str) -> Dialect:
    """The wire dialect of an engine (``Endpoint.dialect``)."""
    if engine == "legacy":
        return LegacyDialect()
    if engine == "translate":
        return TranslateDialect()
    return GaDialect()
