"""The SDK judge accepts what the real wire carries and rejects what it does not."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from tests.support.sdk_judge import (
    DEFAULT_ALLOWED_EXTRA,
    SdkJudgeRejection,
    parse_server_event,
    validate_client_event,
)

GA_SESSION_UPDATE: dict[str, Any] = {
    "type": "session.update",
    "event_id": "evt_client_1",
    "session": {
        "type": "realtime",
        "model": "gpt-realtime-2.1-mini",
        "instructions": "You are an interpreter. Translate from English (en) into Spanish (es).",
        "output_modalities": ["audio"],
        "audio": {
            "input": {
                "format": {"type": "audio/pcm", "rate": 24000},
                "transcription": {"model": "gpt-4o-mini-transcribe", "language": "en"},
                "noise_reduction": {"type": "near_field"},
                "turn_detection": {
                    "type": "server_vad",
                    "threshold": 0.5,
                    "prefix_padding_ms": 300,
                    "silence_duration_ms": 500,
                    "create_response": False,
                    "interrupt_response": False,
                },
            },
            "output": {"format": {"type": "audio/pcm", "rate": 24000}, "voice": "marin"},
        },
    },
}

GA_SESSION_CREATED: dict[str, Any] = {
    "type": "session.created",
    "event_id": "event_abc",
    "session": {
        "type": "realtime",
        "object": "realtime.session",
        "id": "sess_123",
        "model": "gpt-realtime-2.1-mini",
        "output_modalities": ["audio"],
        "instructions": "Be helpful.",
        "tools": [],
        "tool_choice": "auto",
        "max_output_tokens": "inf",
        "tracing": None,
        "truncation": "auto",
        "prompt": None,
        "expires_at": 1_790_000_000,
        "audio": {
            "input": {
                "format": {"type": "audio/pcm", "rate": 24000},
                "transcription": None,
                "noise_reduction": None,
                "turn_detection": {
                    "type": "server_vad",
                    "threshold": 0.5,
                    "prefix_padding_ms": 300,
                    "silence_duration_ms": 200,
                    "idle_timeout_ms": None,
                    "create_response": True,
                    "interrupt_response": True,
                },
            },
            "output": {
                "format": {"type": "audio/pcm", "rate": 24000},
                "voice": "alloy",
                "speed": 1.0,
            },
        },
        "include": None,
    },
}

GA_AUDIO_DELTA: dict[str, Any] = {
    "type": "response.output_audio.delta",
    "event_id": "event_1",
    "response_id": "resp_1",
    "item_id": "item_1",
    "output_index": 0,
    "content_index": 0,
    "delta": "AAAA",
}

GA_RESPONSE_DONE: dict[str, Any] = {
    "type": "response.done",
    "event_id": "event_9",
    "response": {
        "id": "resp_1",
        "object": "realtime.response",
        "status": "completed",
        "status_details": None,
        "conversation_id": "conv_1",
        "output_modalities": ["audio"],
        "max_output_tokens": "inf",
        "audio": {"output": {"format": {"type": "audio/pcm", "rate": 24000}, "voice": "marin"}},
        "metadata": None,
        "output": [
            {
                "id": "item_1",
                "object": "realtime.item",
                "type": "message",
                "role": "assistant",
                "status": "completed",
                "content": [{"type": "output_audio", "transcript": "Hola."}],
            }
        ],
        "usage": {
            "total_tokens": 127,
            "input_tokens": 120,
            "output_tokens": 7,
            "input_token_details": {
                "text_tokens": 100,
                "audio_tokens": 20,
                "image_tokens": 0,
                "cached_tokens": 64,
                "cached_tokens_details": {"text_tokens": 64, "audio_tokens": 0, "image_tokens": 0},
            },
            "output_token_details": {"text_tokens": 2, "audio_tokens": 5},
        },
    },
}


# --- client events ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "event",
    [
        GA_SESSION_UPDATE,
        {"type": "input_audio_buffer.append", "audio": "AAAAAA=="},
        {"type": "input_audio_buffer.commit"},
        {"type": "response.create"},
        {
            "type": "response.create",
            "response": {
                "conversation": "none",
                "input": [{"type": "item_reference", "id": "item_7"}],
                "instructions": "Translate into Spanish (es).",
                "output_modalities": ["audio"],
            },
        },
        {"type": "response.cancel"},
        {
            "type": "conversation.item.truncate",
            "item_id": "it",
            "content_index": 0,
            "audio_end_ms": 1200,
        },
        {"type": "conversation.item.delete", "item_id": "it"},
    ],
    ids=lambda e: e["type"],
)
def test_valid_ga_client_events_pass(event: dict[str, Any]) -> None:
    validate_client_event(event, "realtime")


def test_an_unknown_nested_field_in_session_update_is_rejected_with_its_path() -> None:
    event = copy.deepcopy(GA_SESSION_UPDATE)
    event["session"]["audio"]["input"]["turn_detection"]["bogus"] = 1
    with pytest.raises(SdkJudgeRejection, match=r"session\.audio\.input\.turn_detection\.bogus"):
        validate_client_event(event, "realtime")


def test_an_unknown_field_inside_a_list_item_is_rejected_with_its_path() -> None:
    event = {
        "type": "conversation.item.create",
        "item": {
            "type": "message",
            "role": "user",
            "content": [{"type": "input_text", "text": "Hola", "lang": "es"}],
        },
    }
    with pytest.raises(SdkJudgeRejection, match=r"item\.content\.0\.lang"):
        validate_client_event(event, "realtime")


def test_a_beta_field_in_a_ga_session_update_is_rejected() -> None:
    event = copy.deepcopy(GA_SESSION_UPDATE)
    event["session"]["temperature"] = 0.8
    with pytest.raises(SdkJudgeRejection, match=r"session\.temperature"):
        validate_client_event(event, "realtime")


def test_a_misspelled_event_type_is_rejected() -> None:
    with pytest.raises(SdkJudgeRejection, match=r"'input_audio_buffer\.apend' is not in"):
        validate_client_event({"type": "input_audio_buffer.apend", "audio": "AAAA"}, "realtime")


def test_a_wrongly_typed_value_is_rejected_not_coerced() -> None:
    event = copy.deepcopy(GA_SESSION_UPDATE)
    event["session"]["audio"]["input"]["turn_detection"]["silence_duration_ms"] = "500"
    with pytest.raises(SdkJudgeRejection, match="silence_duration_ms"):
        validate_client_event(event, "realtime")


def test_session_close_is_a_translate_event_but_not_a_ga_one() -> None:
    validate_client_event({"type": "session.close"}, "translate")
    with pytest.raises(SdkJudgeRejection, match=r"session\.close"):
        validate_client_event({"type": "session.close"}, "realtime")


def test_translate_client_events_pass_only_under_translate() -> None:
    update = {
        "type": "session.update",
        "session": {
            "audio": {
                "input": {
                    "transcription": {"model": "gpt-realtime-whisper"},
                    "noise_reduction": {"type": "near_field"},
                },
                "output": {"language": "es"},
            }
        },
    }
    append = {"type": "session.input_audio_buffer.append", "audio": "AAAA"}
    validate_client_event(update, "translate")
    validate_client_event(append, "translate")
    with pytest.raises(SdkJudgeRejection):
        validate_client_event(append, "realtime")
    with pytest.raises(SdkJudgeRejection):
        validate_client_event(update, "realtime")  # GA requires session.type


def test_beta_session_update_passes_only_under_legacy() -> None:
    beta_update = {
        "type": "session.update",
        "session": {
            "modalities": ["text", "audio"],
            "voice": "alloy",
            "input_audio_format": "pcm16",
            "input_audio_transcription": {"model": "whisper-1"},
            "turn_detection": {"type": "server_vad", "silence_duration_ms": 500},
            "temperature": 0.6,
        },
    }
    validate_client_event(beta_update, "legacy")
    with pytest.raises(SdkJudgeRejection):
        validate_client_event(beta_update, "realtime")
    ga_shape = copy.deepcopy(GA_SESSION_UPDATE)
    del ga_shape["session"]["model"]  # the beta model list is closed and lacks GA models
    with pytest.raises(SdkJudgeRejection, match=r"session\.type.*session\.audio"):
        validate_client_event(ga_shape, "legacy")


def test_an_item_reference_in_response_input_is_judged_too() -> None:
    event = {
        "type": "response.create",
        "response": {
            "conversation": "none",
            "input": [
                {
                    "type": "message",
                    "role": "user",
                    "content": [{"type": "input_text", "text": "Hi"}],
                },
                {"type": "item_reference", "id": "item_7", "role": "user"},
            ],
        },
    }
    with pytest.raises(SdkJudgeRejection, match=r"response\.input\.1\.role"):
        validate_client_event(event, "realtime")
    with pytest.raises(SdkJudgeRejection, match=r"id"):
        validate_client_event(
            {"type": "response.create", "response": {"input": [{"type": "item_reference"}]}},
            "realtime",
        )


# --- server events ------------------------------------------------------------------------------


def test_ga_audio_delta_with_obfuscation_passes_but_an_unknown_field_fails() -> None:
    parse_server_event({**GA_AUDIO_DELTA, "obfuscation": "xYz1"}, "realtime")
    with pytest.raises(SdkJudgeRejection, match=r"bogus"):
        parse_server_event({**GA_AUDIO_DELTA, "bogus": 1}, "realtime")


def test_the_allow_list_is_what_lets_obfuscation_through() -> None:
    with pytest.raises(SdkJudgeRejection, match="obfuscation"):
        parse_server_event({**GA_AUDIO_DELTA, "obfuscation": "xYz1"}, "realtime", frozenset())
    # …and only on deltas: the same field on a done event is not known to be sent.
    done = {k: v for k, v in GA_AUDIO_DELTA.items() if k != "delta"}
    with pytest.raises(SdkJudgeRejection, match="obfuscation"):
        parse_server_event(
            {**done, "type": "response.output_audio.done", "obfuscation": "x"}, "realtime"
        )


def test_ga_session_created_with_the_observed_session_fields_passes() -> None:
    parsed = parse_server_event(GA_SESSION_CREATED, "realtime")
    assert parsed.type == "session.created"  # type: ignore[attr-defined]


def test_ga_session_created_with_an_unknown_nested_field_fails_with_its_path() -> None:
    event = copy.deepcopy(GA_SESSION_CREATED)
    event["session"]["audio"]["output"]["pitch"] = 2
    with pytest.raises(SdkJudgeRejection, match=r"session\.audio\.output\.pitch"):
        parse_server_event(event, "realtime")
    assert "session.created:session.audio.output.pitch" not in DEFAULT_ALLOWED_EXTRA


def test_a_full_ga_response_done_with_usage_passes() -> None:
    parse_server_event(GA_RESPONSE_DONE, "realtime")
    broken = copy.deepcopy(GA_RESPONSE_DONE)
    broken["response"]["output"][0]["content"][0]["voice"] = "x"
    with pytest.raises(SdkJudgeRejection, match=r"response\.output\.0\.content\.0\.voice"):
        parse_server_event(broken, "realtime")


def test_a_server_event_missing_a_required_field_fails() -> None:
    event = {k: v for k, v in GA_AUDIO_DELTA.items() if k != "item_id"}
    with pytest.raises(SdkJudgeRejection, match="item_id"):
        parse_server_event(event, "realtime")


def test_beta_event_names_parse_only_under_legacy() -> None:
    beta_delta = {**GA_AUDIO_DELTA, "type": "response.audio.delta"}
    parse_server_event(beta_delta, "legacy")
    with pytest.raises(SdkJudgeRejection, match=r"response\.audio\.delta"):
        parse_server_event(beta_delta, "realtime")
    with pytest.raises(SdkJudgeRejection, match=r"response\.output_audio\.delta"):
        parse_server_event(GA_AUDIO_DELTA, "legacy")


def test_beta_session_created_with_object_and_expires_at_passes_under_legacy() -> None:
    event = {
        "type": "session.created",
        "event_id": "event_1",
        "session": {
            "id": "sess_1",
            "object": "realtime.session",
            "model": "gpt-4o-mini-realtime-preview-2024-12-17",
            "expires_at": 1_790_000_000,
            "modalities": ["text", "audio"],
            "instructions": "Your knowledge cutoff is 2023-10.",
            "voice": "alloy",
            "input_audio_format": "pcm16",
            "output_audio_format": "pcm16",
            "input_audio_transcription": None,
            "turn_detection": {
                "type": "server_vad",
                "threshold": 0.5,
                "prefix_padding_ms": 300,
                "silence_duration_ms": 200,
                "create_response": True,
                "interrupt_response": True,
            },
            "tools": [],
            "tool_choice": "auto",
            "temperature": 0.8,
            "max_response_output_tokens": "inf",
        },
    }
    parse_server_event(event, "legacy")
    with pytest.raises(SdkJudgeRejection):
        parse_server_event(event, "realtime")  # the GA session needs its type


def test_translate_server_events_parse_under_translate() -> None:
    delta = {
        "type": "session.output_audio.delta",
        "event_id": "event_1",
        "delta": "AAAA",
        "format": "pcm16",
        "sample_rate": 24000,
        "channels": 1,
        "elapsed_ms": 1200,
    }
    parse_server_event(delta, "translate")
    with pytest.raises(SdkJudgeRejection):
        parse_server_event(delta, "realtime")
    with pytest.raises(SdkJudgeRejection, match="speaker"):
        parse_server_event({**delta, "speaker": "A"}, "translate")


def test_rate_limits_and_errors_parse() -> None:
    parse_server_event(
        {
            "type": "rate_limits.updated",
            "event_id": "event_2",
            "rate_limits": [
                {"name": "tokens", "limit": 40000, "remaining": 39000, "reset_seconds": 1.5}
            ],
        },
        "realtime",
    )
    parse_server_event(
        {
            "type": "error",
            "event_id": "event_3",
            "error": {
                "type": "invalid_request_error",
                "code": "unknown_parameter",
                "message": "Unknown parameter: 'session.bogus'.",
                "param": "session.bogus",
                "event_id": "evt_client_1",
            },
        },
        "realtime",
    )
