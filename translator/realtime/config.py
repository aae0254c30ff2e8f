"""What one translating session is asked to do: languages, model, voice, prompt and audio knobs.

Defaults follow the architecture's interpreting policy: server VAD with a 500 ms silence window
(the service's own 200 ms cuts sentences), 300 ms prefix padding, ``gpt-4o-mini-transcribe`` input
transcription, near-field noise reduction, the last 4 turns kept as context, and the catalog's
default model with the least reasoning effort (``minimal``) where the model reasons.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from translator.catalog import ReasoningEffort, language, load_catalog

PREFERRED_VOICES = ("marin", "cedar", "alloy")

NoiseReduction = Literal["near_field", "far_field"]
TurnKind = Literal["server_vad", "semantic_vad", "manual"]
Eagerness = Literal["low", "medium", "high", "auto"]


class TurnDetection(BaseModel):
    """How the service decides an utterance ended: ``server_vad``, ``semantic_vad`` or ``manual``
    (the client commits, e.g. push-to-talk)."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    kind: TurnKind = "server_vad"
    threshold: float = Field(0.5, ge=0.0, le=1.0)
    prefix_padding_ms: int = Field(300, ge=0)
    silence_duration_ms: int = Field(500, ge=0)
    eagerness: Eagerness = "low"


class TranslationConfig(BaseModel):
    """One direction's session: speech in ``source_language`` becomes ``target_language``."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    source_language: str
    target_language: str
    model: str = Field(default_factory=lambda: load_catalog().default_model().name)
    # Reasoning models only (the catalog's ``reasoning``): an interpreter wants the least delay.
    reasoning_effort: ReasoningEffort = "minimal"
    voice: str | None = None  # None: the model's recommended voice (marin where it has it)
    glossary: dict[str, str] = Field(default_factory=dict)  # source term → required rendering
    extra_instructions: str = ""  # appended to the generated prompt (register, names, …)
    transcription_model: str | None = "gpt-4o-mini-transcribe"  # None: no source transcript
    turn_detection: TurnDetection = TurnDetection()
    noise_reduction: NoiseReduction | None = "near_field"
    retained_turns: int = Field(4, ge=0)  # prior turns the model may read, for consistency
    # Face to face, Auto: the speaker's language is not known in advance, so the input
    # transcription gets no language hint and each utterance is routed by its transcript.
    detect_language: bool = False

    @field_validator("source_language", "target_language")
    @classmethod
    def _known_language(cls, code: str) -> str:
        language(code)  # raises with the list of known codes
        return code

    @model_validator(mode="after")
    def _voice_of_model(self) -> TranslationConfig:
        model = load_catalog().model(self.model)  # deployments (Azure) are not in the catalog
        if self.voice and model is not None and model.voices and self.voice not in model.voices:
            raise ValueError(
                f"voice {self.voice!r} is not available for {self.model}; "
                f"choose one of: {', '.join(model.voices)}"
            )
        return self

    @property
    def effective_voice(self) -> str:
        if self.voice:
            return self.voice
        model = load_catalog().model(self.model)
        voices = model.voices if model is not None and model.voices else PREFERRED_VOICES
        return next((v for v in PREFERRED_VOICES if v in voices), voices[0])
