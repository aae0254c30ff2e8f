"""The model catalog (``resources/models.toml``): dialects, voices, session limits, prices and
each model's announced shutdown date and successor. Pure data, no I/O beyond the package."""

from __future__ import annotations

import datetime
import functools
import importlib.resources
import json
import tomllib
from typing import Literal

from pydantic import BaseModel, ConfigDict

Dialect = Literal["realtime", "translate", "legacy"]
ReasoningEffort = Literal["minimal", "low", "medium", "high", "xhigh"]
REASONING_EFFORTS: tuple[ReasoningEffort, ...] = ("minimal", "low", "medium", "high", "xhigh")


class TokenPrices(BaseModel):
    """USD per 1M tokens."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    text_in: float
    text_cached: float
    text_out: float
    audio_in: float
    audio_cached: float
    audio_out: float


class ModelInfo(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    name: str
    dialect: Dialect
    default: bool = False
    voices: tuple[str, ...] = ()
    session_minutes: int = 60
    prices: TokenPrices | None = None
    per_audio_minute: float | None = None
    output_languages: tuple[str, ...] = ()
    reasoning: bool = False  # takes session.reasoning.effort
    shutdown: datetime.date | None = None  # announced shutdown on OpenAI
    successor: str | None = None  # the model OpenAI recommends instead

    def retired_on(self, day: datetime.date) -> bool:
        """Shut down on OpenAI by ``day`` (the shutdown date itself included)."""
        return self.shutdown is not None and self.shutdown <= day


class Catalog(BaseModel):
    model_config = ConfigDict(frozen=True)
    models: dict[str, ModelInfo]

    def model(self, name: str) -> ModelInfo | None:
        return self.models.get(name)

    def default_model(self, dialect: Dialect = "realtime") -> ModelInfo:
        candidates = [m for m in self.models.values() if m.dialect == dialect]
        return next((m for m in candidates if m.default), candidates[0])


@functools.cache
def load_catalog() -> Catalog:
    raw = tomllib.loads(
        importlib.resources.files("translator.resources").joinpath("models.toml").read_text()
    )
    models = {name: ModelInfo(name=name, **spec) for name, spec in raw["models"].items()}
    return Catalog(models=models)


class Language(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    code: str
    name: str  # English name, used in prompts
    native: str  # the language's own name as a list shows it ("Español"), in pickers
    names: dict[str, str] = {}  # its name in each UI language ("es": "español")

    def label(self, ui_language: str) -> str:
        """How a picker shows it: its own name, and its name in the UI's language when that
        differs ("Deutsch (alemán)" in a Spanish UI; "Español" alone)."""
        local = self.names.get(ui_language, self.name)
        return (
            self.native
            if local.casefold() == self.native.casefold()
            else (f"{self.native} ({local})")
        )


@functools.cache
def load_languages() -> dict[str, Language]:
    raw = json.loads(
        importlib.resources.files("translator.resources").joinpath("languages.json").read_text()
    )
    return {entry["code"]: Language(**entry) for entry in raw["languages"]}


def language(code: str) -> Language:
    """The catalog entry for ``code``; raises ``ValueError`` naming the known codes."""
    languages = load_languages()
    try:
        return languages[code]
    except KeyError:
        raise ValueError(
            f"unknown language code {code!r}; use one of: {', '.join(sorted(languages))}"
        ) from None
