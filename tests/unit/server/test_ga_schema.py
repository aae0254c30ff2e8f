"""GA session validation and merging, without a socket."""

from __future__ import annotations

import pytest

from translator.server.ga_schema import (
    SessionUpdate,
    WireError,
    default_session,
    merge_session,
    validate,
)


def _session() -> dict[str, object]:
    return default_session(
        session_id="sess_1", model="gpt-realtime-2.1-mini", expires_at=9, instructions="x"
    )


@pytest.mark.parametrize(
    ("update", "code", "param"),
    [
        (
            {"type": "realtime", "tools": [{"type": "function", "nme": "f"}]},
            "unknown_parameter",
            "session.tools[0].nme",
        ),
        (
            {
                "type": "realtime",
                "audio": {"input": {"turn_detection": {"type": "server_vad", "threshold": "high"}}},
            },
            "invalid_type",
            "session.audio.input.turn_detection.threshold",
        ),
        (
            {"type": "realtime", "audio": {"input": {"turn_detection": {"type": "push_to_talk"}}}},
            "invalid_value",
            "session.audio.input.turn_detection.type",
        ),
        (
            {"type": "realtime", "audio": {"output": {"speed": 3}}},
            "integer_above_max_value",
            "session.audio.output.speed",
        ),
        (
            {"type": "realtime", "audio": {"output": {"speed": 0.1}}},
            "decimal_below_min_value",
            "session.audio.output.speed",
        ),
        ({"type": "transcription"}, "invalid_value", "session.type"),
    ],
)
def test_errors_name_the_wire_path(update: dict[str, object], code: str, param: str) -> None:
    with pytest.raises(WireError) as raised:
        validate(SessionUpdate, update, "session")
    assert (raised.value.code, raised.value.param) == (code, param)
    assert param in raised.value.message or code == "invalid_value"


def test_merge_changes_only_what_was_sent() -> None:
    update = validate(
        SessionUpdate,
        {
            "type": "realtime",
            "audio": {"output": {"voice": "marin"}, "input": {"turn_detection": None}},
        },
        "session",
    )
    assert isinstance(update, SessionUpdate)
    merged = merge_session(_session(), update)
    assert merged["audio"]["output"] == {  # type: ignore[index]
        "format": {"type": "audio/pcm", "rate": 24000},
        "voice": "marin",
        "speed": 1.0,
    }
    assert merged["audio"]["input"]["turn_detection"] is None  # type: ignore[index]
    assert merged["audio"]["input"]["format"] == {"type": "audio/pcm", "rate": 24000}  # type: ignore[index]
    assert {k: v for k, v in merged.items() if k != "audio"} == {
        k: v for k, v in _session().items() if k != "audio"
    }


def test_noise_reduction_strength_defaults_to_one_and_is_kept() -> None:
    first = validate(
        SessionUpdate,
        {"type": "realtime", "audio": {"input": {"noise_reduction": {"type": "far_field"}}}},
        "session",
    )
    assert isinstance(first, SessionUpdate)
    merged = merge_session(_session(), first)
    assert merged["audio"]["input"]["noise_reduction"] == {"type": "far_field", "strength": 1.0}  # type: ignore[index]
