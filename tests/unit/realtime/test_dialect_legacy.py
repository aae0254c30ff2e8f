"""The beta dialect (Azure preview deployments, the seed model): every command is a valid beta
client event by the SDK's beta models, and beta event names decode to the same vocabulary."""

from __future__ import annotations

import base64

import pytest

from tests.support.sdk_judge import validate_client_event
from tests.unit.realtime.test_dialect_ga import COMMANDS
from translator.realtime import events as ev
from translator.realtime.config import TranslationConfig, TurnDetection
from translator.realtime.dialects import LegacyDialect

BETA = LegacyDialect()
SEED = "gpt-4o-mini-realtime-preview-2024-12-17"


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: type(c).__name__)
def test_every_command_is_a_valid_beta_client_event(command: ev.Command) -> None:
    event = BETA.encode(command)
    event["event_id"] = "evt_1"
    validate_client_event(event, "legacy")


@pytest.mark.parametrize("kind", ["server_vad", "semantic_vad", "manual"])
def test_beta_session_update_is_flat_and_valid(kind: str) -> None:
    config = TranslationConfig(
        source_language="fr",
        target_language="en",
        model=SEED,
        turn_detection=TurnDetection(kind=kind),  # type: ignore[arg-type]
    )
    update = BETA.session_update(config)
    validate_client_event(update, "legacy")
    session = update["session"]
    assert session["voice"] == "alloy"  # the seed model has no marin
    assert session["input_audio_format"] == session["output_audio_format"] == "pcm16"
    assert session["temperature"] >= 0.6
    assert session["input_audio_transcription"]["language"] == "fr"
    if kind != "manual":
        assert session["turn_detection"]["interrupt_response"] is False
    assert "type" not in session and "audio" not in session


def test_seed_model_rejects_ga_only_voices() -> None:
    with pytest.raises(ValueError, match="voice 'marin' is not available"):
        TranslationConfig(source_language="en", target_language="es", model=SEED, voice="marin")


def test_beta_names_decode_like_ga() -> None:
    ids = {"response_id": "r", "item_id": "i", "output_index": 0, "content_index": 0}
    audio = BETA.decode(
        {"type": "response.audio.delta", "delta": base64.b64encode(b"ab").decode(), **ids}
    )
    assert audio == ev.AudioDelta("r", "i", b"ab")
    assert BETA.decode({"type": "response.audio_transcript.delta", "delta": "ho", **ids}) == (
        ev.TranscriptDelta("r", "i", "ho")
    )
    assert BETA.decode({"type": "response.audio.done", **ids}) == ev.AudioDone("r", "i")
    created = BETA.decode(
        {"type": "conversation.item.created", "item": {"id": "u1", "role": "user"}}
    )
    assert created == ev.ItemAdded("u1", "user", None)


@pytest.mark.parametrize("model", ["my-preview-deployment", "gpt-realtime-mini"])
def test_default_voice_is_a_beta_voice_whatever_the_model_name(model: str) -> None:
    """An Azure deployment name is not in the catalog: its default must not be GA's marin."""
    config = TranslationConfig(source_language="en", target_language="es", model=model)
    assert config.effective_voice == "marin"
    assert BETA.session_update(config)["session"]["voice"] == "alloy"
    chosen = TranslationConfig(source_language="en", target_language="es", voice="ash")
    assert BETA.session_update(chosen)["session"]["voice"] == "ash"
