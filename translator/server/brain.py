"""The local server's "brain": it turns one committed user utterance into a translation.

The server core hands a :class:`Brain` each committed utterance (the audio the server VAD or a
manual commit closed, plus what the session declared) and speaks the returned
:class:`Rendering` with :func:`translator.server.tts.synthesize`. Brains are synchronous, pure
CPU work of a few milliseconds; the server may call them from its event loop or a worker thread
(both brains here are safe to call from several threads).

- :class:`ScriptedBrain` — for tests and scripted demos. It recognises which scripted sentence
  was spoken **by the audio itself**, never by anything the real API would not send: at load it
  renders every scripted sentence with the same text-to-speech the tests use, keeps an acoustic
  fingerprint of each, and matches committed audio against them (see "Matching" below).
- :class:`DemoBrain` — without a script: a phrase that is obviously a demo ("[demo] Translated
  utterance 3"), in the target language's words where known.
- A real offline engine can later implement the same :class:`Brain` protocol.

Target language. The realtime dialects tell the model the target language only through the
session instructions; the client's instructions always contain ``into <Language name> (<code>)``
in their first sentence ("… from English (en) into Spanish (es)."), and the server builds the same
phrase for the translate dialect from ``audio.output.language``;
:func:`target_language_from_instructions` reads it. A scripted entry then uses the translation
for that code (exactly, or by primary language: ``pt-BR`` finds ``pt``); otherwise its first
translation. ``Rendering.target_language`` is always the language the returned text is written
in, because the server picks the TTS voice from it.

Script format (TOML, or JSON with the same structure)::

    # Each [[utterances]] table is one sentence a test or demo will speak.
    [[utterances]]
    language = "en"                        # espeak-ng voice / language of the spoken sentence
    text = "Where is the train station?"   # what the speaker says
    translations = { es = "¿Dónde está la estación de tren?", fr = "Où est la gare ?" }

    [[utterances]]
    language = "en"
    text = "I would like a cup of coffee."
    translations = { es = "Quisiera una taza de café." }

JSON: ``{"utterances": [{"language": "en", "text": "…", "translations": {"es": "…"}}]}``.
Unknown keys are errors. The order of ``translations`` matters: the first one is the fallback.

Matching. A fingerprint is a sequence of log energies in 32 mel-spaced bands (100 Hz–7 kHz) per
10 ms frame, trimmed to the speech (frames within 35 dB of the loudest and clearly above the
noise floor), with the mean of each band over time and of each frame over bands removed (which
removes gain and fixed colouring: a level change, a resampling round trip, a cheap microphone)
and each frame scaled to unit length. Two fingerprints score
the best total frame-by-frame cosine over alignments, divided by the longer of the two lengths,
so a duration mismatch lowers the score (and bounds it: entries whose length ratio cannot reach
the threshold are not compared at all). An alignment lets each 200 ms chunk sit at its own lag
within ±0.5 s, moving at most 30 ms from its neighbour's: that absorbs padding, a lost or
inserted audio block and a slightly different speaking rate. The entry with the best score wins;
below ``min_similarity`` (``DEFAULT_MIN_SIMILARITY``, 0.6) the utterance gets a clearly marked
"[unrecognised]" rendering.
Measured on espeak-ng speech: the same sentence ≈ 0.98 (≥ 0.7 at −6 dB, resampled, through a
tilted channel with noise 20–25 dB down, or at 160–195 words per minute instead of 175), a
different sentence < 0.35, half a sentence ≈ 0.5. A sentence one word away from a scripted one
scores 0.65–0.9 and is taken for it, so scripted sentences should differ by more than a word or
both be scripted (then each still wins on its own audio).
Speech must come from the same TTS as the script (espeak-ng, as the tests use); without espeak-ng
outside CI the tone stand-in only tells sentences apart by their number of words.
"""

from __future__ import annotations

import functools
import json
import re
import threading
import tomllib
from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import numpy as np
import numpy.typing as npt
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from translator.server import tts

RATE = tts.RATE

DEFAULT_MIN_SIMILARITY = 0.6
UNRECOGNISED_MARK = "[unrecognised]"
DEMO_MARK = "[demo]"


@dataclass(frozen=True)
class Utterance:
    """One committed user utterance, as the server saw it."""

    audio: np.ndarray  # int16, 24 kHz mono; may include VAD prefix padding and trailing silence
    instructions: str  # the session's current instructions
    input_language: str | None  # audio.input.transcription.language, if declared


@dataclass(frozen=True)
class Rendering:
    """What the speaker said and its translation."""

    source_language: str
    source_text: str  # the server reports it as the input transcription
    target_language: str  # the language ``text`` is written in (the TTS voice)
    text: str  # the translation; the server speaks it


class Brain(Protocol):
    """Turns a committed utterance into a translation (scripted, demo, or an offline engine)."""

    def render(self, utterance: Utterance) -> Rendering: ...


class ScriptError(ValueError):
    """A script file cannot be used; the message names the file and what to fix."""


class ScriptEntry(BaseModel):
    """One scripted sentence: its language, its text and its translations by language code."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    language: str = Field(min_length=1)
    text: str = Field(min_length=1)
    translations: dict[str, str] = Field(min_length=1)


class _ScriptFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    utterances: list[ScriptEntry] = Field(min_length=1)


# --- language codes in instructions -------------------------------------------------------------

_CODE = r"\(\s*([a-z]{2,3}(?:[-_][a-z0-9]{2,8})*)\s*\)"
# The language name may have several words ("Brazilian Portuguese") but never crosses a sentence.
_INTO = re.compile(r"\binto\s+[^().;:!?\n]{1,60}?\s*" + _CODE, re.IGNORECASE)
_FROM = re.compile(r"\bfrom\s+[^().;:!?\n]{1,60}?\s*" + _CODE, re.IGNORECASE)


def _canonical(code: str) -> str:
    return code.strip().replace("_", "-").lower()


def _primary(code: str) -> str:
    return _canonical(code).split("-", 1)[0]


def target_language_from_instructions(instructions: str) -> str | None:
    """The code in the first ``into <Language> (<code>)`` of the instructions, as written."""
    found = _INTO.search(instructions)
    return found.group(1).replace("_", "-") if found else None


def source_language_from_instructions(instructions: str) -> str | None:
    """The code in the first ``from <Language> (<code>)`` of the instructions, as written."""
    found = _FROM.search(instructions)
    return found.group(1).replace("_", "-") if found else None


def _pick_translation(translations: Mapping[str, str], wanted: str | None) -> tuple[str, str]:
    """(language, text): exact code, then same primary language, else the first translation."""
    if wanted is not None:
        for language, text in translations.items():
            if _canonical(language) == _canonical(wanted):
                return language, text
        for language, text in translations.items():
            if _primary(language) == _primary(wanted):
                return language, text
    return next(iter(translations.items()))


def _phrase_language(wanted: str | None, phrases: Mapping[str, str]) -> str:
    return _primary(wanted) if wanted is not None and _primary(wanted) in phrases else "en"


# --- acoustic fingerprints ----------------------------------------------------------------------

_WINDOW = 512  # ≈ 21 ms at 24 kHz
_HOP = 240  # 10 ms
_BANDS = 32
_LOWEST_HZ = 100.0
_HIGHEST_HZ = 7000.0
_TRIM_BELOW_PEAK_DB = 35.0
_TRIM_ABOVE_FLOOR_DB = 12.0
_BAND_FLOOR_DB = -45.0  # relative to the loudest frame: masks noise and resampling residue
_MAX_LAG_FRAMES = 50
_CHUNK_FRAMES = 20
_DRIFT_FRAMES = 3

Fingerprint = npt.NDArray[np.float32]  # (frames, bands), unit-length rows; 0 frames = no speech


@functools.cache
def _band_edges() -> tuple[int, ...]:
    """FFT bin indices bounding the mel-spaced bands (each band at least one bin wide)."""

    def mel(hz: float) -> float:
        return 2595.0 * float(np.log10(1.0 + hz / 700.0))

    mels = np.linspace(mel(_LOWEST_HZ), mel(_HIGHEST_HZ), _BANDS + 1)
    hz = 700.0 * (10.0 ** (mels / 2595.0) - 1.0)
    edges: list[int] = []
    for bin_index in np.round(hz / (RATE / _WINDOW)).astype(int):
        edges.append(max(int(bin_index), edges[-1] + 1) if edges else int(bin_index))
    return tuple(edges)


def fingerprint(audio: npt.NDArray[np.int16]) -> Fingerprint:
    """The acoustic fingerprint of 24 kHz mono PCM16 speech (see the module docstring)."""
    x = np.asarray(audio, dtype=np.float64).ravel() / 32768.0
    if x.size < _WINDOW:
        return np.zeros((0, _BANDS), dtype=np.float32)
    frames = 1 + (x.size - _WINDOW) // _HOP
    strided = np.lib.stride_tricks.sliding_window_view(x, _WINDOW)[::_HOP][:frames]
    spectrum = np.abs(np.fft.rfft(strided * np.hanning(_WINDOW), axis=1)) ** 2
    edges = _band_edges()
    # Sums over bin ranges rather than a matrix product: small products stay out of BLAS,
    # whose threads thrash on a busy 2-core machine (15× slower under load, measured).
    energy = np.add.reduceat(
        spectrum[:, edges[0] : edges[-1]], np.subtract(edges[:-1], edges[0]), axis=1
    )
    total = energy.sum(axis=1)
    level_db = 10.0 * np.log10(total + 1e-12)
    peak_db = float(level_db.max())
    floor_db = float(np.percentile(level_db, 10))
    if peak_db < floor_db + _TRIM_ABOVE_FLOOR_DB or peak_db < -100.0:
        return np.zeros((0, _BANDS), dtype=np.float32)  # steady noise or digital silence
    speech = np.flatnonzero(
        level_db > max(peak_db - _TRIM_BELOW_PEAK_DB, floor_db + _TRIM_ABOVE_FLOOR_DB)
    )
    energy = energy[speech[0] : speech[-1] + 1]
    features = np.log(energy + 10.0 ** ((peak_db + _BAND_FLOOR_DB) / 10.0) / _BANDS)
    features -= features.mean(axis=0)  # per band: removes gain and channel colouring
    features -= features.mean(axis=1, keepdims=True)
    features /= np.linalg.norm(features, axis=1, keepdims=True) + 1e-9
    result: Fingerprint = features.astype(np.float32)
    return result


def _length_bound(a: int, b: int) -> float:
    return min(a, b) / max(a, b) if a and b else 0.0


def similarity(spoken: Fingerprint, reference: Fingerprint) -> float:
    """How alike two fingerprints sound, 0–1 (1.0 = the same sound).

    The best total frame cosine over alignments, divided by the longer length. An alignment
    gives each 200 ms chunk of ``spoken`` a lag within ±0.5 s, and neighbouring chunks' lags
    differ by at most 30 ms: the lag-free part absorbs padding, the drift absorbs lost or
    inserted audio blocks and small tempo changes.
    """
    if not _length_bound(len(spoken), len(reference)):
        return 0.0
    # Cosines of every spoken frame with the reference frames at lags -L..L, as one batched
    # product of 1×bands by bands×(2L+1) windows (small products keep BLAS single-threaded).
    padded = np.zeros((len(spoken) + 2 * _MAX_LAG_FRAMES, spoken.shape[1]), dtype=np.float32)
    overlap = min(len(reference), len(spoken) + _MAX_LAG_FRAMES)
    padded[_MAX_LAG_FRAMES : _MAX_LAG_FRAMES + overlap] = reference[:overlap]
    windows = np.lib.stride_tricks.sliding_window_view(padded, 2 * _MAX_LAG_FRAMES + 1, axis=0)
    per_frame = np.matmul(spoken[:, None, :], windows)[:, 0, :].T  # (lags, spoken frames)
    per_chunk = np.add.reduceat(per_frame, np.arange(0, len(spoken), _CHUNK_FRAMES), axis=1)
    lags = per_chunk.shape[0]
    # Best alignment so far ending at each lag; a chunk may move ±drift from the previous one.
    best = per_chunk[:, 0].copy()
    previous = np.full(lags + 2 * _DRIFT_FRAMES, -np.inf)
    reachable = np.empty(lags)
    for chunk in per_chunk[:, 1:].T:
        previous[_DRIFT_FRAMES : _DRIFT_FRAMES + lags] = best
        reachable[:] = previous[:lags]
        for shift in range(1, 2 * _DRIFT_FRAMES + 1):
            np.maximum(reachable, previous[shift : shift + lags], out=reachable)
        np.add(reachable, chunk, out=best)
    return float(best.max()) / max(len(spoken), len(reference))


# --- brains -------------------------------------------------------------------------------------

_UNRECOGNISED_PHRASES = {
    "en": "Unrecognised utterance",
    "es": "Frase no reconocida",
    "fr": "Phrase non reconnue",
    "de": "Unbekannte Äußerung",
    "it": "Frase non riconosciuta",
    "pt": "Frase não reconhecida",
}

_DEMO_PHRASES = {
    "en": "Translated utterance {n}",
    "es": "Frase traducida {n}",
    "fr": "Phrase traduite {n}",
    "de": "Übersetzte Äußerung {n}",
    "it": "Frase tradotta {n}",
    "pt": "Frase traduzida {n}",
}


def _seconds(audio: np.ndarray) -> float:
    return float(np.asarray(audio).size) / RATE


def _declared_source(utterance: Utterance) -> str:
    return (
        utterance.input_language
        or source_language_from_instructions(utterance.instructions)
        or "und"
    )


@dataclass(frozen=True)
class ScriptMatch:
    """The best scripted entry for some audio and how similar it sounded (0–1)."""

    entry: ScriptEntry
    score: float


class ScriptedBrain:
    """Answers each utterance with the scripted translation of the sentence it sounds like."""

    def __init__(
        self, entries: Sequence[ScriptEntry], *, min_similarity: float = DEFAULT_MIN_SIMILARITY
    ) -> None:
        if not entries:
            raise ScriptError("The script lists no utterances: add at least one [[utterances]].")
        self._entries = tuple(entries)
        self._min_similarity = min_similarity
        # espeak-ng runs as a subprocess, so renders overlap well in threads.
        with ThreadPoolExecutor(max_workers=4) as pool:
            renders = list(pool.map(lambda e: tts.synthesize(e.text, e.language), self._entries))
        # Committed audio has silence around the speech; the references get some too, so that
        # both go through the same trimming.
        silence = np.zeros(RATE // 10, dtype=np.int16)
        self._fingerprints = tuple(
            fingerprint(np.concatenate([silence, audio, silence])) for audio in renders
        )

    @classmethod
    def from_file(
        cls, path: str | Path, *, min_similarity: float = DEFAULT_MIN_SIMILARITY
    ) -> ScriptedBrain:
        path = Path(path)
        try:
            raw_text = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise ScriptError(f"Cannot read the script {path}: {exc.strerror}.") from exc
        try:
            if path.suffix.lower() == ".toml":
                raw = tomllib.loads(raw_text)
            elif path.suffix.lower() == ".json":
                raw = json.loads(raw_text)
            else:
                raise ScriptError(f"The script {path} must be a .toml or .json file.")
            script = _ScriptFile.model_validate(raw)
        except (tomllib.TOMLDecodeError, json.JSONDecodeError) as exc:
            raise ScriptError(f"The script {path} is not valid {path.suffix[1:]}: {exc}") from exc
        except ValidationError as exc:
            problems = "; ".join(
                f"{'.'.join(str(p) for p in err['loc'])}: {err['msg']}" for err in exc.errors()
            )
            raise ScriptError(
                f"The script {path} does not follow the script format ({problems}). "
                "See translator/server/brain.py for the format."
            ) from exc
        return cls(script.utterances, min_similarity=min_similarity)

    @property
    def entries(self) -> tuple[ScriptEntry, ...]:
        return self._entries

    def rank(self, audio: npt.NDArray[np.int16]) -> list[ScriptMatch]:
        """Every entry with its score for ``audio``, best first (length alone can rule an
        entry out: it then scores 0)."""
        spoken = fingerprint(audio)
        matches = [
            ScriptMatch(
                entry,
                similarity(spoken, reference)
                if _length_bound(len(spoken), len(reference)) >= self._min_similarity
                else 0.0,
            )
            for entry, reference in zip(self._entries, self._fingerprints, strict=True)
        ]
        return sorted(matches, key=lambda match: match.score, reverse=True)

    def identify(self, audio: npt.NDArray[np.int16]) -> ScriptMatch | None:
        """The scripted entry that ``audio`` sounds like, or None below ``min_similarity``."""
        best = self.rank(audio)[0]
        return best if best.score >= self._min_similarity else None

    def render(self, utterance: Utterance) -> Rendering:
        wanted = target_language_from_instructions(utterance.instructions)
        match = self.identify(utterance.audio)
        if match is None:
            language = _phrase_language(wanted, _UNRECOGNISED_PHRASES)
            return Rendering(
                source_language=_declared_source(utterance),
                source_text=f"{UNRECOGNISED_MARK} speech of {_seconds(utterance.audio):.1f} s",
                target_language=language,
                text=f"{UNRECOGNISED_MARK} {_UNRECOGNISED_PHRASES[language]}",
            )
        language, text = _pick_translation(match.entry.translations, wanted)
        return Rendering(
            source_language=match.entry.language,
            source_text=match.entry.text,
            target_language=language,
            text=text,
        )


class DemoBrain:
    """Without a script: numbered, clearly marked demo phrases in the target language."""

    def __init__(self) -> None:
        self._count = 0
        self._lock = threading.Lock()

    def render(self, utterance: Utterance) -> Rendering:
        with self._lock:
            self._count += 1
            number = self._count
        language = _phrase_language(
            target_language_from_instructions(utterance.instructions), _DEMO_PHRASES
        )
        return Rendering(
            source_language=_declared_source(utterance),
            source_text=f"{DEMO_MARK} speech of {_seconds(utterance.audio):.1f} s",
            target_language=language,
            text=f"{DEMO_MARK} {_DEMO_PHRASES[language].format(n=number)}",
        )
