"""The translate dialect: its three client events validate against the SDK's translation models,
the 13 output languages are enforced with a clear message, and billing is per audio minute."""

from __future__ import annotations

import base64

import pytest

from tests.support.sdk_judge import SdkJudgeRejection, validate_client_event
from translator.realtime import events as ev
from translator.realtime.config import TranslationConfig
from translator.realtime.dialects import TranslateDialect
from translator.realtime.translate import UnsupportedTargetLanguage, check_target_language

TRANSLATE = TranslateDialect()


@pytest.mark.parametrize("command", [ev.AppendAudio(b"\x00\x01" * 4800), ev.CloseSession()])
def test_stream_commands_are_valid_translation_client_events(command: ev.Command) -> None:
    event = TRANSLATE.encode(command)
    event["event_id"] = "evt_1"
    validate_client_event(event, "translate")


@pytest.mark.parametrize("transcription", ["gpt-4o-mini-transcribe", None])
def test_session_update_sets_output_language_transcription_and_noise(
    transcription: str | None,
) -> None:
    config = TranslationConfig(
        source_language="en",
        target_language="ja",
        model="gpt-realtime-translate",
        transcription_model=transcription,
        noise_reduction="far_field",
    )
    update = TRANSLATE.session_update(config)
    validate_client_event(update, "translate")
    audio = update["session"]["audio"]
    assert audio["output"] == {"language": "ja"}
    assert audio["input"]["noise_reduction"] == {"type": "far_field"}
    assert ("transcription" in audio["input"]) == (transcription is not None)
    # no prompt, no voice, no turns: nothing of the realtime shape leaks in
    assert "instructions" not in update["session"] and "type" not in update["session"]
    # the source language is detected by the service, which refuses a language field for it
    assert _paths(update["session"], "language") == ["audio.output.language"]
    assert _paths(update["session"], "voice") == _paths(update["session"], "turn_detection") == []


def _paths(tree: object, name: str, prefix: str = "") -> list[str]:
    """Every dotted path in ``tree`` whose last key is ``name``."""
    if not isinstance(tree, dict):
        return []
    found = []
    for key, value in tree.items():
        path = f"{prefix}{key}"
        if key == name:
            found.append(path)
        found += _paths(value, name, path + ".")
    return found


def test_turn_commands_do_not_exist_on_a_stream() -> None:
    for command in (ev.CommitInput(), ev.CreateResponse(), ev.CancelResponse()):
        with pytest.raises(ValueError, match="no turns"):
            TRANSLATE.encode(command)


def test_the_judge_rejects_a_realtime_event_on_the_translate_dialect() -> None:
    with pytest.raises(SdkJudgeRejection):
        validate_client_event({"type": "input_audio_buffer.append", "audio": ""}, "translate")


def test_only_the_thirteen_output_languages() -> None:
    for code in ("es", "pt", "fr", "ja", "ru", "zh", "de", "ko", "hi", "id", "vi", "it", "en"):
        check_target_language(code)
    with pytest.raises(UnsupportedTargetLanguage, match=r"cannot speak 'nl'.*realtime engine"):
        check_target_language("nl")


def test_stream_events_decode_with_their_timeline() -> None:
    audio = TRANSLATE.decode(
        {
            "type": "session.output_audio.delta",
            "event_id": "e1",
            "delta": base64.b64encode(b"\x01\x02\x03").decode(),
            "format": "pcm16",
            "sample_rate": 24000,
            "channels": 1,
            "elapsed_ms": 1400,
        }
    )
    assert audio == ev.StreamAudio(b"\x01\x02\x03", 1400)
    text = TRANSLATE.decode(
        {
            "type": "session.input_transcript.delta",
            "event_id": "e2",
            "delta": "Hola",
            "elapsed_ms": 200,
        }
    )
    assert text == ev.StreamText(True, "Hola", 200)
    assert TRANSLATE.decode({"type": "session.closed", "event_id": "e3"}) == ev.SessionClosed()
