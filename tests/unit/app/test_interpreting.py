"""The composition root refuses a run that cannot start before it asks anybody anything: a bad
language, voice, file or device is named, and the provider (OpenAI itself here) is never
contacted, not even for the model's shutdown date."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from tests.support.speech import write_wav
from translator import lifecycle
from translator.app.interpreting import (
    InterpretingSession,
    ProviderChoice,
    Refused,
    RunRequest,
    Tuning,
    echo_guard_on,
    endpoint_of,
    request_from_settings,
)
from translator.audio.router import Ducking, EchoGuard
from translator.interpreter import plan_directions
from translator.realtime.config import TranslationConfig
from translator.secrets import KeyStore
from translator.settings import DeviceSettings, Settings, TurnSettings


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object) -> None:
        raise AssertionError("the provider was asked about a run that cannot start")

    monkeypatch.setattr(lifecycle, "_fetch", refuse)


def _request(tmp_path: Path, **changes: object) -> RunRequest:
    wav = str(write_wav(tmp_path / "in.wav", np.zeros(2400, np.int16)))
    fields: dict[str, object] = {
        "mode": "listen",
        "languages": ("en", "es"),
        "engine": "realtime",
        "model": "gpt-realtime-2.1-mini",
        "provider": ProviderChoice("openai", api_key="sk-never-sent"),
        "devices": {"input": wav, "output": str(tmp_path / "out.wav")},
        "journal": False,
        **changes,
    }
    return RunRequest(**fields)  # type: ignore[arg-type]


@pytest.mark.usefixtures("no_network")
@pytest.mark.parametrize(
    ("changes", "cause", "what"),
    [
        ({"languages": ("en", "xx")}, "input", "target_language: unknown language code 'xx'"),
        ({"voices": ("nope", None)}, "input", "voice 'nope' is not available"),
        ({"devices": {"input": "missing.wav", "output": "out.wav"}}, "input", "input file"),
        ({"engine": "translate", "model": "gpt-realtime-translate", "languages": ("en", "nl")},
         "input", "gpt-realtime-translate cannot speak 'nl'"),
        ({"provider": ProviderChoice("custom")}, "endpoint", "a custom provider needs"),
    ],
)  # fmt: skip
async def test_a_run_that_cannot_start_is_refused_before_the_provider_is_asked(
    tmp_path: Path, changes: dict[str, object], cause: str, what: str
) -> None:
    with pytest.raises(Refused) as refused:
        async with InterpretingSession(_request(tmp_path, **changes), keys=KeyStore(environ={})):
            pass
    assert refused.value.cause == cause and refused.value.what.startswith(what), refused.value


@pytest.mark.usefixtures("no_network")
@pytest.mark.parametrize(
    ("changes", "what"),
    [
        ({"languages": ("en", "xx")}, "target_language: unknown language code 'xx'"),
        ({"voices": ("nope", None)}, "voice 'nope' is not available"),
        ({"mode": "call", "voices": (None, "nope")}, "voice 'nope' is not available"),  # B→A
    ],
)
async def test_a_bad_language_or_voice_is_named_before_a_missing_key(
    tmp_path: Path, changes: dict[str, object], what: str
) -> None:
    """Fixing the key first would only lead to the next refusal: the choice is said first."""
    request = _request(tmp_path, provider=ProviderChoice("openai"), **changes)
    with pytest.raises(Refused) as refused:
        async with InterpretingSession(request, keys=KeyStore(environ={})):
            pass
    assert refused.value.cause == "input" and refused.value.what.startswith(what), refused.value


def test_the_echo_guard_is_on_face_to_face_with_real_devices_unless_chosen() -> None:
    assert echo_guard_on("auto", "face", real_devices=True)
    assert not echo_guard_on("auto", "face", real_devices=False)  # WAV files hear no speaker
    assert not echo_guard_on("auto", "call", real_devices=True)
    assert echo_guard_on("on", "listen", real_devices=False)
    assert not echo_guard_on("off", "face", real_devices=True)


def test_default_settings_ask_for_the_interpreting_policy() -> None:
    request = request_from_settings(Settings(), ProviderChoice())
    assert request.tuning == Tuning() and request.reasoning_effort == "minimal"
    assert request.tuning.session_knobs("listen", ("en", "es")) == TranslationConfig(
        source_language="en", target_language="es"
    )
    assert Ducking(depth_db=request.tuning.ducking_db) == Ducking()  # −15 dB
    assert request.echo_tail_ms / 1000 == EchoGuard().tail  # 300 ms
    assert request.tuning.silence_ms == 500


def test_the_window_settings_reach_each_direction_of_the_run() -> None:
    settings = Settings(
        provider="local",
        language_a="de",
        language_b="ja",
        voice_ab="marin",
        voice_ba="cedar",
        mode="call",
        devices=DeviceSettings(
            input="USB mic", output="Cable", return_input="Call", return_output="Headset"
        ),
        turn_detection=TurnSettings(kind="semantic_vad", silence_ms=800),
        noise_reduction="auto",
        ducking_db=-20.0,
        retained_turns=6,
        glossary={"cloud": "nube"},
        instructions="Formal register.",
        reasoning_effort="low",
    )
    request = request_from_settings(settings, ProviderChoice("local"))
    assert request.devices["return_output"] == "Headset" and request.tuning.ducking_db == -20.0
    endpoint = endpoint_of(request, KeyStore(environ={}), "ws://127.0.0.1:9/v1")
    ab, ba = plan_directions(
        request.mode,
        request.languages,
        endpoint,
        model=request.model,
        voices=request.voices,
        input="USB mic",
        output="Cable",
        return_input="Call",
        return_output="Headset",
        tuning=request.tuning.session_knobs(request.mode, request.languages),
        reasoning_effort=request.reasoning_effort,
    )
    config = ba.config
    assert (config.source_language, config.target_language, config.voice) == ("ja", "de", "cedar")
    assert config.turn_detection.kind == "semantic_vad"
    assert config.turn_detection.silence_duration_ms == 800
    assert (config.noise_reduction, config.retained_turns) == ("near_field", 6)  # auto, a call
    assert config.glossary["cloud"] == "nube" and config.extra_instructions == "Formal register."
    assert ab.config.reasoning_effort == "low" and ab.config.voice == "marin"
    assert Tuning(noise="auto").session_knobs("face", ("en", "es")).noise_reduction == "far_field"
    assert Tuning(noise="off").session_knobs("listen", ("en", "es")).noise_reduction is None
