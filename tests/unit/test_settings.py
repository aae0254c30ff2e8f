"""Settings on disk: round trip, a restart, upgrades from version 1, damaged and newer files kept
intact, and API keys that never reach the file or the logs."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
from pathlib import Path

import keyring
import pytest
from keyring.backends.fail import Keyring as NoKeyring

from tests.support.keyrings import MemoryKeyring
from translator.secrets import KeyStore
from translator.settings import (
    SETTINGS_VERSION,
    DeviceSettings,
    OverlaySettings,
    Settings,
    SettingsError,
    SettingsStore,
    TurnSettings,
    WindowSettings,
    config_dir,
)

KEY = "sk-proj-Zq8vN3xLw0Tt5Rr7Yy9Uu1Ii2Oo4Pp6Aa"


def _custom() -> Settings:
    """Settings with every part moved off its default."""
    return Settings(
        provider="azure",
        azure={"endpoint": "https://acme.openai.azure.com", "deployment": "rt-mini"},
        model="gpt-realtime",
        language_a="de",
        language_b="ja",
        voice_ab="marin",
        voice_ba="cedar",
        mode="call",
        devices=DeviceSettings(input="USB mic", output="Cable", return_output="Headset"),
        turn_detection=TurnSettings(kind="semantic_vad", silence_ms=800),
        noise_reduction="far_field",
        ducking_db=-20.0,
        echo_guard="on",
        retained_turns=6,
        glossary={"Acme": "Acme", "cloud": "nube"},
        instructions="Formal register.",
        ui_language="es",
        theme="dark",
        overlay=OverlaySettings(visible=True, show_original=True, font_size=30, opacity=0.7),
        window=WindowSettings(geometry="AdnQywADAAA=", state="AAAA/wAAAAD9"),
        first_run_done=True,
    )


def test_settings_round_trip_through_the_file(tmp_path: Path) -> None:
    store = SettingsStore(tmp_path)
    assert store.load() == Settings()  # no file yet: the defaults
    settings = _custom()
    store.save(settings)
    assert SettingsStore(tmp_path).load() == settings
    assert [p.name for p in tmp_path.iterdir()] == ["settings.json"]  # no temporary files left


def test_settings_survive_a_restart_of_the_app() -> None:
    """One process saves, a new one (the next launch) reads from the default config directory."""
    SettingsStore().save(_custom())
    assert SettingsStore().path.parent == config_dir() == Path(os.environ["TRANSLATOR_CONFIG_DIR"])
    code = (
        "from translator.settings import SettingsStore\n"
        "print(SettingsStore().load().model_dump_json())"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=os.environ
    ).stdout
    assert Settings.model_validate_json(out) == _custom()


VERSION_1 = {
    "version": 1,
    "provider": "openai",
    "api_key": KEY,
    "source_language": "fr",
    "target_language": "en",
    "voice": "alloy",
    "vad_silence_ms": 700,
    "duck_gain": 0.1,
    "input_device": "Built-in Microphone",
    "output_device": "Speakers",
    "dark_mode": True,
    "prompt": "Medical vocabulary.",
    "overlay_enabled": True,
    "overlay_font_size": 32,
    "overlay_x": 100,
    "overlay_y": 80,
    "recent_files": ["a.json"],
}


def test_a_version_1_file_is_upgraded_and_its_key_moves_to_the_keyring(
    tmp_path: Path, memory_keyring: MemoryKeyring, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    (tmp_path / "settings.json").write_text(json.dumps(VERSION_1))
    store = SettingsStore(tmp_path, keys=KeyStore(environ={}))
    settings = store.load()
    assert store.problem is None
    assert (settings.language_a, settings.language_b) == ("fr", "en")
    assert (settings.voice_ab, settings.voice_ba) == ("alloy", "alloy")
    assert settings.turn_detection == TurnSettings(kind="server_vad", silence_ms=700)
    assert settings.ducking_db == -20.0  # 20·log10(0.1)
    assert settings.devices == DeviceSettings(input="Built-in Microphone", output="Speakers")
    assert settings.theme == "dark" and settings.instructions == "Medical vocabulary."
    assert settings.overlay == OverlaySettings(visible=True, font_size=32)
    assert settings.model_extra == {"recent_files": ["a.json"]}  # unknown, kept
    assert memory_keyring.data[("translator", "openai")] == KEY
    on_disk = json.loads((tmp_path / "settings.json").read_text())
    assert on_disk["version"] == SETTINGS_VERSION and on_disk["recent_files"] == ["a.json"]
    backup = json.loads((tmp_path / "settings.v1.json.bak").read_text())
    assert backup["source_language"] == "fr"  # the old file is kept, minus the key
    for path in tmp_path.iterdir():
        assert KEY.encode() not in path.read_bytes(), path.name
    assert KEY not in caplog.text
    assert SettingsStore(tmp_path).load() == settings  # the next launch reads version 2 as is


def test_a_damaged_file_is_kept_aside_and_the_defaults_are_used(tmp_path: Path) -> None:
    damaged = b'{"version": 2, "language_a": "de", '  # cut off mid-write by an old crash
    (tmp_path / "settings.json").write_bytes(damaged)
    store = SettingsStore(tmp_path)
    assert store.load() == Settings()
    assert store.problem is not None and "kept as settings.json." in store.problem
    [backup] = tmp_path.glob("settings.json.*.bak")
    assert backup.read_bytes() == damaged
    store.save(Settings(language_a="it"))  # the user's next change starts a fresh file
    assert SettingsStore(tmp_path).load().language_a == "it"
    assert backup.read_bytes() == damaged


def test_out_of_range_values_are_kept_aside_with_the_field_named(tmp_path: Path) -> None:
    text = json.dumps({"version": 2, "overlay": {"font_size": 500}})
    (tmp_path / "settings.json").write_text(text)
    store = SettingsStore(tmp_path)
    assert store.load() == Settings()
    assert store.problem is not None and "overlay.font_size" in store.problem
    [backup] = tmp_path.glob("settings.json.*.bak")
    assert backup.read_text() == text


def test_a_file_from_a_newer_version_is_never_overwritten(tmp_path: Path) -> None:
    newer = json.dumps({"version": SETTINGS_VERSION + 1, "language_a": "ko", "shiny": True})
    (tmp_path / "settings.json").write_text(newer)
    store = SettingsStore(tmp_path)
    assert store.load() == Settings()
    assert store.read_only and store.problem is not None and "newer version" in store.problem
    with pytest.raises(SettingsError, match="newer version"):
        store.save(Settings(language_a="it"))
    assert (tmp_path / "settings.json").read_text() == newer
    assert list(tmp_path.iterdir()) == [tmp_path / "settings.json"]


def test_unknown_keys_are_kept_and_logged(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    (tmp_path / "settings.json").write_text(
        json.dumps({"version": 2, "from_the_future": 3, "overlay": {"shadow": "soft"}})
    )
    settings = SettingsStore(tmp_path).load()
    assert "from_the_future" in caplog.text
    SettingsStore(tmp_path).save(settings.model_copy(update={"theme": "light"}))
    on_disk = json.loads((tmp_path / "settings.json").read_text())
    assert on_disk["from_the_future"] == 3 and on_disk["overlay"]["shadow"] == "soft"
    assert on_disk["theme"] == "light"


@pytest.mark.parametrize(
    "values",
    [
        {"instructions": f"Use {KEY} to connect"},
        {"glossary": {"token": KEY}},
        {"base_url": f"wss://example.com/v1?key={KEY}"},
        {"api_key": "anything at all"},
        {"azure": {"deployment": "rt", "key": "0123456789abcdef0123456789abcdef"}},
        {"instructions": "eyJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJhcGkifQ.c2lnbmF0dXJl"},  # Entra token
    ],
)
def test_settings_refuse_anything_that_looks_like_a_key(values: dict[str, object]) -> None:
    with pytest.raises(ValueError, match="keyring") as error:
        Settings.model_validate(values)
    assert KEY not in str(error.value)


def test_ordinary_text_is_not_mistaken_for_a_key() -> None:
    Settings(
        instructions="Keep the speaker's register; sk- prefixes are product codes here.",
        glossary={"key": "clave", "2024-12-17": "17/12/2024", "deadbeef": "deadbeef"},
        window=WindowSettings(geometry="AdnQywADAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=="),
    )


def test_the_key_never_reaches_the_settings_file_or_the_logs(
    memory_keyring: MemoryKeyring, caplog: pytest.LogCaptureFixture
) -> None:
    """A whole settings session: key saved, settings edited and saved, reloaded, key read."""
    caplog.set_level(logging.DEBUG)
    keys = KeyStore(environ={})
    assert keys.save("openai", KEY) == "keyring"
    store = SettingsStore(keys=keys)
    settings = store.load().model_copy(update={"first_run_done": True, "provider": "openai"})
    store.save(settings)
    assert SettingsStore(keys=keys).load().first_run_done
    found = keys.find("openai")
    assert found is not None and found.credential.value == KEY
    with pytest.raises(ValueError):
        Settings(instructions=KEY)
    for path in config_dir().rglob("*"):
        assert KEY.encode() not in path.read_bytes(), path
    assert KEY not in caplog.text


def test_without_a_keyring_the_key_stays_in_memory_only() -> None:
    previous = keyring.get_keyring()
    keyring.set_keyring(NoKeyring())
    try:
        keys = KeyStore(environ={})
        assert keys.save("openai", KEY) == "session"
        found = keys.find("openai")
        assert found is not None and found.origin == "this session"
        keys.delete("openai")
        assert keys.find("openai") is None
    finally:
        keyring.set_keyring(previous)


def test_a_failed_write_leaves_the_previous_file_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = SettingsStore(tmp_path)
    store.save(Settings(language_a="de"))
    before = (tmp_path / "settings.json").read_bytes()

    def full_disk(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full_disk)
    with pytest.raises(OSError):
        store.save(Settings(language_a="fr"))
    monkeypatch.undo()
    assert (tmp_path / "settings.json").read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["settings.json"]
