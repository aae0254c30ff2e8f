"""The user's settings: declared once, typed, versioned, and kept in one JSON file.

``Settings`` holds every choice that outlives a run (provider, languages, voices, devices, audio
knobs, UI language, theme, the subtitles overlay and the window's geometry). Defaults follow the
architecture's interpreting policy and ``TranslationConfig`` (server VAD, 500 ms of silence,
ducking −15 dB, echo-guard tail 300 ms, the last 4 turns retained).

``SettingsStore`` reads and writes ``settings.json`` in the user config directory
(``platformdirs``, or ``$TRANSLATOR_CONFIG_DIR`` when set). A file written by an older version is
upgraded step by step (``UPGRADES``: one function per version, vN → vN+1) and the original is kept
as ``settings.vN.json.bak``. A file that cannot be read is moved aside (``.bak``), never
overwritten; a file from a newer version is left alone and saving is refused, with a message that
says so. Writes are atomic (temporary file + ``os.replace``). Unknown keys are kept and logged.

API keys never live here: the model refuses any value that looks like a key, and a key found in
an old file is handed to the ``KeyStore`` (OS keyring) and removed from the file. Qt-free; called
from the GUI thread.
"""

from __future__ import annotations

import json
import logging
import math
import os
import re
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from translator.catalog import ReasoningEffort, load_catalog
from translator.files import user_dir, write_atomically
from translator.realtime.endpoints import AZURE_PREVIEW_API_VERSION, Transport
from translator.secrets import LOCATION_WORDS, KeyStore

log = logging.getLogger(__name__)

SETTINGS_VERSION = 2
CONFIG_DIR_ENV = "TRANSLATOR_CONFIG_DIR"
SETTINGS_FILE = "settings.json"

Provider = Literal["openai", "azure", "custom", "local"]
Engine = Literal["realtime", "translate", "legacy"]
Mode = Literal["call", "face", "listen"]
TurnKind = Literal["server_vad", "semantic_vad", "manual"]
NoiseSetting = Literal["auto", "near_field", "far_field", "off"]
EchoGuardSetting = Literal["auto", "on", "off"]
UiLanguage = Literal["system", "en", "es", "fr", "de"]
Theme = Literal["system", "light", "dark"]

# What API keys and tokens look like: OpenAI ``sk-…``, Azure's 32 hex digits (with letters and
# digits both, so ordinary words and numbers pass), Entra JWTs.
_KEY_PATTERN = re.compile(
    r"sk-[A-Za-z0-9_\-]{16,}"
    r"|\b(?=[0-9a-fA-F]*[a-fA-F])(?=[0-9a-fA-F]*[0-9])[0-9a-fA-F]{32}\b"
    r"|\beyJ[A-Za-z0-9_\-]{8,}\.[A-Za-z0-9_\-]{8,}\.[A-Za-z0-9_\-]+"
)
# Names under which an older file (or a hand edit) may hold a key.
SECRET_FIELDS = ("api_key", "openai_api_key", "azure_api_key", "key", "token")
# Qt's own binary blobs (base64): opaque, never typed by a user, so not scanned for keys.
_OPAQUE_FIELDS = frozenset(("geometry", "state"))


def looks_like_key(text: str) -> bool:
    return bool(_KEY_PATTERN.search(text))


class SettingsError(Exception):
    """Settings that cannot be read or written; the message says what happened and what to do."""


class _Part(BaseModel):
    # Unknown keys are kept (a hand edit, a newer minor release) so saving never loses them.
    model_config = ConfigDict(frozen=True, extra="allow", hide_input_in_errors=True)


class AzureSettings(_Part):
    endpoint: str = ""  # https://NAME.openai.azure.com
    deployment: str = ""
    api_version: str = AZURE_PREVIEW_API_VERSION


class DeviceSettings(_Part):
    """Device names per route (the audio backend's selectors); None: the system default."""

    input: str | None = None
    output: str | None = None
    return_input: str | None = None  # call: the other side's audio
    return_output: str | None = None  # call: your headphones


class TurnSettings(_Part):
    kind: TurnKind = "server_vad"
    silence_ms: int = Field(500, ge=100, le=5000)


class OverlaySettings(_Part):
    visible: bool = False
    show_original: bool = False
    font_size: int = Field(24, ge=8, le=96)
    opacity: float = Field(0.85, ge=0.2, le=1.0)
    geometry: str = ""  # QWidget.saveGeometry(), base64


class WindowSettings(_Part):
    geometry: str = ""  # QWidget.saveGeometry(), base64
    state: str = ""  # QMainWindow.saveState(), base64


class Settings(_Part):
    """Everything the user chose, with the defaults a first run starts from."""

    version: int = SETTINGS_VERSION
    provider: Provider = "openai"
    base_url: str = ""  # provider custom: an OpenAI-compatible wss://…/v1
    azure: AzureSettings = AzureSettings()
    transport: Transport = "websocket"  # how sessions reach the service
    engine: Engine = "realtime"
    model: str = Field(default_factory=lambda: load_catalog().default_model().name)
    reasoning_effort: ReasoningEffort = "minimal"  # reasoning models only; least delay first
    language_a: str = "en"
    language_b: str = "es"
    voice_ab: str | None = None  # None: the model's recommended voice
    voice_ba: str | None = None
    mode: Mode = "listen"
    devices: DeviceSettings = DeviceSettings()
    turn_detection: TurnSettings = TurnSettings()
    noise_reduction: NoiseSetting = "auto"  # auto: near field, far field face to face
    ducking_db: float = Field(-15.0, ge=-60.0, le=0.0)
    echo_guard: EchoGuardSetting = "auto"  # auto: on face to face with real devices
    echo_tail_ms: int = Field(300, ge=0, le=2000)
    retained_turns: int = Field(4, ge=0, le=20)
    glossary: dict[str, str] = Field(default_factory=dict)
    instructions: str = ""  # appended to the generated prompt
    ui_language: UiLanguage = "system"
    theme: Theme = "system"
    overlay: OverlaySettings = OverlaySettings()
    window: WindowSettings = WindowSettings()
    first_run_done: bool = False

    @field_validator("version")
    @classmethod
    def _current_version(cls, version: int) -> int:
        if version != SETTINGS_VERSION:
            raise ValueError(f"settings version {version} is not {SETTINGS_VERSION}; upgrade first")
        return version

    @model_validator(mode="after")
    def _no_keys(self) -> Settings:
        for name, value in _strings(self.model_dump()):
            if name in SECRET_FIELDS or looks_like_key(value):
                raise ValueError(
                    f"{name!r} looks like an API key; keys are kept in the OS keyring, "
                    "never in the settings file: enter it in Settings → API key"
                )
        return self


def _strings(value: Any, name: str = "") -> Iterator[tuple[str, str]]:
    """Every string in a dumped settings tree (keys too), with the field it sits under."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key in _OPAQUE_FIELDS:
                continue
            field = key if isinstance(key, str) and not name.endswith("glossary") else name
            yield field, str(key)
            yield from _strings(item, field)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item, name)
    elif isinstance(value, str):
        yield name, value


# ---- upgrades: one step per version, applied in order on load ----


def _v1_to_v2(data: dict[str, Any]) -> dict[str, Any]:
    """Version 1 was flat: one source/target pair, one voice, a linear duck gain, devices by
    route as top-level keys, ``dark_mode`` as a boolean and the overlay as x/y/width/height."""
    old = dict(data)
    new: dict[str, Any] = {"version": 2}
    for field in ("provider", "model", "mode", "glossary", "first_run_done"):
        if field in old:
            new[field] = old.pop(field)
    old.pop("version", None)
    if "source_language" in old:
        new["language_a"] = old.pop("source_language")
    if "target_language" in old:
        new["language_b"] = old.pop("target_language")
    if "voice" in old:
        new["voice_ab"] = new["voice_ba"] = old.pop("voice")
    if "vad_silence_ms" in old:
        new["turn_detection"] = {"kind": "server_vad", "silence_ms": old.pop("vad_silence_ms")}
    if "duck_gain" in old:  # linear amplitude, 0 < g ≤ 1
        gain = float(old.pop("duck_gain"))
        new["ducking_db"] = round(max(-60.0, 20 * math.log10(gain)), 1) if gain > 0 else -60.0
    devices = {
        route: old.pop(f"{route}_device")
        for route in ("input", "output", "return_input", "return_output")
        if f"{route}_device" in old
    }
    if devices:
        new["devices"] = devices
    if "dark_mode" in old:
        new["theme"] = "dark" if old.pop("dark_mode") else "light"
    if "prompt" in old:
        new["instructions"] = old.pop("prompt")
    overlay = {"visible": old.pop("overlay_enabled", False)}
    if "overlay_font_size" in old:
        overlay["font_size"] = old.pop("overlay_font_size")
    # Pixel positions can't become a Qt geometry blob; the overlay opens at its default place.
    for dropped in ("overlay_x", "overlay_y", "overlay_width", "overlay_height"):
        old.pop(dropped, None)
    new["overlay"] = overlay
    new.update(old)  # whatever version 1 did not know stays, as unknown keys
    return new


UPGRADES: tuple[Callable[[dict[str, Any]], dict[str, Any]], ...] = (_v1_to_v2,)
assert len(UPGRADES) == SETTINGS_VERSION - 1, "one upgrade step per version"


def upgrade(data: dict[str, Any]) -> dict[str, Any]:
    """Bring a settings dict of any older version to ``SETTINGS_VERSION``."""
    version = int(data.get("version", 1))
    while version < SETTINGS_VERSION:
        data = UPGRADES[version - 1](data)
        version += 1
        data["version"] = version
    return data


# ---- the file ----


def config_dir() -> Path:
    """The user config directory; ``$TRANSLATOR_CONFIG_DIR`` overrides it."""
    return user_dir("config", CONFIG_DIR_ENV)


class SettingsStore:
    """Loads and saves ``Settings``; ``problem`` says in words what went wrong on load, if
    anything (shown by the window), and ``read_only`` is set when saving would lose data."""

    def __init__(self, directory: Path | None = None, keys: KeyStore | None = None) -> None:
        self.directory = directory if directory is not None else config_dir()
        self.path = self.directory / SETTINGS_FILE
        self._keys = keys if keys is not None else KeyStore()
        self.problem: str | None = None
        self.read_only = False

    def load(self) -> Settings:
        self.problem, self.read_only = None, False
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return Settings()
        except OSError as exc:
            self.read_only = True
            self.problem = f"could not read {self.path} ({exc.strerror}); using the defaults"
            log.warning("%s", self.problem)
            return Settings()
        try:
            raw = json.loads(text)
            if not isinstance(raw, dict):
                raise ValueError("the file does not hold a JSON object")
            version = int(raw.get("version", 1))
        except (ValueError, TypeError) as exc:
            return self._set_aside(f"it is not valid settings JSON ({exc})")
        if version > SETTINGS_VERSION:
            self.read_only = True
            self.problem = (
                f"{self.path} was written by a newer version of Translator (settings version "
                f"{version}); using the defaults and leaving the file untouched: update the app"
            )
            log.warning("%s", self.problem)
            return Settings()
        moved = self._move_keys(raw)
        try:
            settings = Settings.model_validate(upgrade(dict(raw)))
        except (ValidationError, ValueError, TypeError) as exc:
            why = f"its values are not valid ({_first_error(exc)})"
            return self._set_aside(why, without_keys=raw if moved else None)
        if settings.model_extra:
            log.warning("unknown settings kept as they are: %s", ", ".join(settings.model_extra))
        if version < SETTINGS_VERSION:
            backup = self.directory / f"settings.v{version}.json.bak"
            write_atomically(backup, json.dumps(raw, indent=2, ensure_ascii=False))
            log.info("settings upgraded from version %d; the old file is %s", version, backup)
        if moved or version < SETTINGS_VERSION:
            self.save(settings)
        return settings

    def save(self, settings: Settings) -> None:
        if self.read_only:
            raise SettingsError(
                f"settings not saved: {self.problem or 'the settings file is read-only'}"
            )
        text = settings.model_dump_json(indent=2)
        self.directory.mkdir(parents=True, exist_ok=True)
        write_atomically(self.path, text)

    def _set_aside(self, why: str, without_keys: dict[str, Any] | None = None) -> Settings:
        """Move the unusable file aside; when keys were taken out of it, the copy kept aside is
        written without them."""
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f")
        backup = self.path.with_name(f"{SETTINGS_FILE}.{stamp}.bak")
        if without_keys is None:
            os.replace(self.path, backup)
        else:
            write_atomically(backup, json.dumps(without_keys, indent=2, ensure_ascii=False))
            self.path.unlink()
        self.problem = (
            f"{self.path} could not be used: {why}; it was kept as {backup.name} and the "
            "defaults are in use"
        )
        log.warning("%s", self.problem)
        return Settings()

    def _move_keys(self, raw: dict[str, Any]) -> bool:
        """Take keys out of an old file into the keyring; True when some were found."""
        found = [name for name in SECRET_FIELDS if isinstance(raw.get(name), str)]
        for name in found:
            value = str(raw.pop(name)).strip()
            provider = raw.get("provider", "openai")
            if name == "azure_api_key":
                provider = "azure"
            if value and provider in ("openai", "azure", "custom"):
                where = LOCATION_WORDS[self._keys.save(provider, value)]
                log.info("moved an API key out of the settings file: %s", where)
            else:
                log.warning("dropped an API key found in the settings file; enter it again")
        return bool(found)


def _first_error(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        error = exc.errors()[0]
        where = ".".join(str(part) for part in error["loc"]) or "settings"
        return f"{where}: {error['msg']}"
    return str(exc)
