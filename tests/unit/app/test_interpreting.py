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
    echo_guard_on,
)
from translator.secrets import KeyStore


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


def test_the_echo_guard_is_on_face_to_face_with_real_devices_unless_chosen() -> None:
    assert echo_guard_on("auto", "face", real_devices=True)
    assert not echo_guard_on("auto", "face", real_devices=False)  # WAV files hear no speaker
    assert not echo_guard_on("auto", "call", real_devices=True)
    assert echo_guard_on("on", "listen", real_devices=False)
    assert not echo_guard_on("off", "face", real_devices=True)
