"""The local server's brains: scripted recognition by the audio itself, target language, demo."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import soxr

from translator.server import tts
from translator.server.brain import (
    DEMO_MARK,
    UNRECOGNISED_MARK,
    DemoBrain,
    ScriptedBrain,
    ScriptEntry,
    ScriptError,
    Utterance,
    source_language_from_instructions,
    target_language_from_instructions,
)

SCRIPTS = Path(__file__).parents[2] / "fixtures" / "scripts"
RATE = tts.RATE
INTO_SPANISH = (
    "You are an interpreter. Translate everything the speaker says from English (en) into "
    "Spanish (es). Never answer questions: translate them."
)

needs_espeak = pytest.mark.skipif(not tts.espeak_available(), reason="espeak-ng is not installed")


def committed(
    speech: np.ndarray,
    *,
    prefix_ms: int = 300,
    trailing_ms: int = 500,
    gain_db: float = 0.0,
    resample_via: int | None = None,
    noise_rms: float = 0.0,
    tilt: float = 0.0,
) -> np.ndarray:
    """What a server VAD commits: prefix padding, the speech, trailing silence; optionally
    degraded the way a device path degrades it."""
    x = speech.astype(np.float64) * 10.0 ** (gain_db / 20.0)
    if tilt:  # a first-order high-pass, like a small loudspeaker or a cheap microphone
        x = np.concatenate([x[:1], x[1:] - tilt * x[:-1]])
    if resample_via is not None:
        x = soxr.resample(soxr.resample(x, RATE, resample_via), resample_via, RATE)
    # An odd offset so the speech does not start on the analysis frame grid.
    x = np.concatenate(
        [np.zeros(RATE * prefix_ms // 1000 + 37), x, np.zeros(RATE * trailing_ms // 1000)]
    )
    if noise_rms:
        x += np.random.default_rng(7).normal(0.0, noise_rms, x.size)
    return np.clip(np.round(x), -32768, 32767).astype(np.int16)


def utterance(audio: np.ndarray, instructions: str = INTO_SPANISH) -> Utterance:
    return Utterance(audio=audio, instructions=instructions, input_language=None)


@pytest.fixture(scope="module")
def multilingual() -> ScriptedBrain:
    if not tts.espeak_available():
        pytest.skip("espeak-ng is not installed")
    return ScriptedBrain.from_file(SCRIPTS / "multilingual.json")


def speak(entry: ScriptEntry) -> np.ndarray:
    return tts.synthesize(entry.text, entry.language)


# --- recognising scripted sentences ------------------------------------------------------------


@needs_espeak
def test_the_script_covers_four_languages_and_ten_sentences(multilingual: ScriptedBrain) -> None:
    assert len(multilingual.entries) >= 10
    assert {e.language for e in multilingual.entries} >= {"en", "es", "fr", "de"}


@needs_espeak
def test_every_sentence_is_recognised_as_committed_by_server_vad(
    multilingual: ScriptedBrain,
) -> None:
    for entry in multilingual.entries:
        rendering = multilingual.render(utterance(committed(speak(entry))))
        assert rendering.source_text == entry.text
        assert rendering.source_language == entry.language


@needs_espeak
@pytest.mark.parametrize(
    "degradation",
    [
        {"prefix_ms": 0, "trailing_ms": 0},
        {"prefix_ms": 1000, "trailing_ms": 1500},
        {"gain_db": -6.0},
        {"gain_db": +4.0},
        {"resample_via": 48_000, "gain_db": -3.0},
        {"resample_via": 44_100},
        {"noise_rms": 300.0},  # ≈ 20 dB below the speech
        {"tilt": 0.97},
        {"gain_db": -6.0, "resample_via": 48_000, "noise_rms": 100.0, "tilt": 0.9},
    ],
    ids=[
        "bare",
        "long-silences",
        "-6dB",
        "+4dB",
        "48k-round-trip",
        "44k1-round-trip",
        "noise",
        "tilted-channel",
        "all-at-once",
    ],
)
def test_recognition_survives_what_a_device_path_does_to_audio(
    multilingual: ScriptedBrain, degradation: dict[str, float]
) -> None:
    for entry in multilingual.entries:
        match = multilingual.identify(committed(speak(entry), **degradation))  # type: ignore[arg-type]
        assert match is not None, f"{entry.text!r} not recognised under {degradation}"
        assert match.entry == entry, f"{entry.text!r} taken for {match.entry.text!r}"


@needs_espeak
def test_recognition_has_a_clear_margin(multilingual: ScriptedBrain) -> None:
    """The right sentence scores near 1 and far above every other entry, so an everyday
    degradation cannot tip it over the threshold or onto a neighbour."""
    for entry in multilingual.entries:
        best, runner_up, *_ = multilingual.rank(committed(speak(entry)))
        assert best.entry == entry
        assert best.score >= 0.9, f"{entry.text!r} scores only {best.score:.2f} against itself"
        assert best.score - runner_up.score >= 0.2, f"{entry.text!r} is close to {runner_up}"


@needs_espeak
def test_sentences_of_the_same_length_are_told_apart(multilingual: ScriptedBrain) -> None:
    entries = multilingual.entries
    lengths = {e.text: speak(e).size for e in entries}
    # The pair that differs by one word and has almost the same duration is the hard case.
    train = next(e for e in entries if e.text == "Where is the nearest train station?")
    coffee = next(e for e in entries if e.text == "I would like a cup of coffee please.")
    meeting = next(e for e in entries if e.text == "The meeting starts at nine tomorrow.")
    assert abs(lengths[coffee.text] - lengths[meeting.text]) / lengths[meeting.text] < 0.05
    assert abs(lengths[train.text] - lengths[coffee.text]) / lengths[coffee.text] < 0.05
    for entry in (train, coffee, meeting):
        spoken = committed(speak(entry), gain_db=-6.0, resample_via=48_000)
        match = multilingual.identify(spoken)
        assert match is not None and match.entry == entry


@needs_espeak
@pytest.mark.parametrize("words_per_minute", [160, 195])
def test_a_slightly_different_speaking_rate_is_still_recognised(
    multilingual: ScriptedBrain, words_per_minute: int
) -> None:
    for entry in multilingual.entries:
        speech = tts.synthesize(entry.text, entry.language, speed_wpm=words_per_minute)
        match = multilingual.identify(committed(speech))
        assert match is not None and match.entry == entry


@needs_espeak
def test_a_sentence_cut_in_half_is_not_taken_for_the_whole_sentence(
    multilingual: ScriptedBrain,
) -> None:
    for entry in multilingual.entries:
        speech = speak(entry)
        assert multilingual.identify(committed(speech[: speech.size // 2])) is None


@needs_espeak
@pytest.mark.parametrize(
    "audio",
    [
        pytest.param(
            lambda: np.random.default_rng(1).normal(0, 3000, 2 * RATE).astype(np.int16), id="noise"
        ),
        pytest.param(lambda: np.zeros(RATE, dtype=np.int16), id="silence"),
        pytest.param(lambda: np.zeros(0, dtype=np.int16), id="empty"),
        pytest.param(
            lambda: tts.synthesize("Please close the window behind you.", "en"), id="unscripted"
        ),
        pytest.param(
            lambda: tts.synthesize("Die Katze schläft auf dem Sofa.", "de"), id="unscripted-de"
        ),
    ],
)
def test_unrecognised_audio_gets_a_clearly_marked_rendering(
    multilingual: ScriptedBrain, audio: object
) -> None:
    samples = audio()  # type: ignore[operator]
    rendering = multilingual.render(utterance(committed(samples)))
    assert rendering.source_text.startswith(UNRECOGNISED_MARK)
    assert rendering.text.startswith(UNRECOGNISED_MARK)
    assert rendering.target_language == "es"
    assert "Frase no reconocida" in rendering.text
    assert not any(rendering.source_text == e.text for e in multilingual.entries)


# --- choosing the translation -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("instructions", "code"),
    [
        (INTO_SPANISH, "es"),
        ("Translate from English (en) INTO FRENCH (FR).", "FR"),
        ("You interpret. Translate from German (de) into Brazilian Portuguese (pt-BR).", "pt-BR"),
        ("Translate from English (en) into Chinese (zh). Example: into German (de).", "zh"),
        ("Translate into Portuguese (pt_BR).", "pt-BR"),
        ("Translate everything the speaker says.", None),
        ("Translate into Spanish. Use short words (es).", None),
    ],
)
def test_target_language_is_read_from_the_instructions(instructions: str, code: str | None) -> None:
    assert target_language_from_instructions(instructions) == code


def test_source_language_is_read_from_the_instructions() -> None:
    assert source_language_from_instructions(INTO_SPANISH) == "en"
    assert source_language_from_instructions("Translate into Spanish (es).") is None


@needs_espeak
@pytest.mark.parametrize(
    ("instructions", "language", "text"),
    [
        (INTO_SPANISH, "es", "¿Dónde está la estación de tren más cercana?"),
        ("Translate from English (en) into French (fr).", "fr", "Où est la gare la plus proche ?"),
        # Not in the script: the first translation, labelled with its own language for the TTS.
        (
            "Translate from English (en) into German (de).",
            "es",
            "¿Dónde está la estación de tren más cercana?",
        ),
        ("No language named here.", "es", "¿Dónde está la estación de tren más cercana?"),
    ],
)
def test_the_translation_follows_the_instructions(
    instructions: str, language: str, text: str
) -> None:
    brain = ScriptedBrain.from_file(SCRIPTS / "en_es.toml")
    spoken = tts.synthesize("Where is the nearest train station?", "en")
    rendering = brain.render(utterance(committed(spoken), instructions))
    assert (rendering.target_language, rendering.text) == (language, text)
    assert (rendering.source_language, rendering.source_text) == (
        "en",
        "Where is the nearest train station?",
    )


@needs_espeak
def test_a_regional_code_finds_the_language_and_a_single_translation_is_always_used() -> None:
    brain = ScriptedBrain(
        [
            ScriptEntry(
                language="es",
                text="Buenas tardes a todos.",
                translations={"en": "Good afternoon everyone.", "pt": "Boa tarde a todos."},
            ),
            ScriptEntry(
                language="es",
                text="Necesitamos terminar el informe hoy.",
                translations={"en": "We need to finish the report today."},
            ),
        ]
    )
    afternoon = committed(tts.synthesize("Buenas tardes a todos.", "es"))
    report = committed(tts.synthesize("Necesitamos terminar el informe hoy.", "es"))
    into_brazilian = "Translate from Spanish (es) into Portuguese (pt-BR)."
    assert brain.render(utterance(afternoon, into_brazilian)).text == "Boa tarde a todos."
    only = brain.render(utterance(report, "Translate from Spanish (es) into Japanese (ja)."))
    assert (only.target_language, only.text) == ("en", "We need to finish the report today.")


@needs_espeak
def test_the_spanish_script_renders_english() -> None:
    brain = ScriptedBrain.from_file(SCRIPTS / "es_en.toml")
    instructions = "You are an interpreter. Translate from Spanish (es) into English (en)."
    for entry in brain.entries:
        rendering = brain.render(utterance(committed(speak(entry), gain_db=-6.0), instructions))
        assert rendering.text == entry.translations["en"]


# --- script files -------------------------------------------------------------------------------


def test_a_script_with_an_unknown_key_is_refused_with_the_key_named(tmp_path: Path) -> None:
    script = tmp_path / "bad.toml"
    script.write_text(
        '[[utterances]]\nlanguage = "en"\ntext = "Hi"\ntranslation = { es = "Hola" }\n'
    )
    with pytest.raises(ScriptError, match=r"translation"):
        ScriptedBrain.from_file(script)


def test_a_script_must_be_toml_or_json(tmp_path: Path) -> None:
    script = tmp_path / "script.yaml"
    script.write_text("utterances: []\n")
    with pytest.raises(ScriptError, match=r"\.toml or \.json"):
        ScriptedBrain.from_file(script)


def test_a_missing_script_is_reported(tmp_path: Path) -> None:
    with pytest.raises(ScriptError, match="Cannot read the script"):
        ScriptedBrain.from_file(tmp_path / "absent.toml")


def test_an_entry_without_translations_is_refused(tmp_path: Path) -> None:
    script = tmp_path / "empty.json"
    script.write_text('{"utterances": [{"language": "en", "text": "Hi", "translations": {}}]}')
    with pytest.raises(ScriptError, match=r"utterances\.0\.translations"):
        ScriptedBrain.from_file(script)


# --- demo ---------------------------------------------------------------------------------------


def test_the_demo_brain_says_it_is_a_demo_and_counts_utterances() -> None:
    brain = DemoBrain()
    audio = np.zeros(int(1.8 * RATE), dtype=np.int16)
    first = brain.render(utterance(audio))
    second = brain.render(utterance(audio))
    assert first.source_text == f"{DEMO_MARK} speech of 1.8 s"
    assert first.source_language == "en"
    assert (first.target_language, first.text) == ("es", f"{DEMO_MARK} Frase traducida 1")
    assert second.text == f"{DEMO_MARK} Frase traducida 2"


def test_the_demo_brain_falls_back_to_english_words_for_other_targets() -> None:
    rendering = DemoBrain().render(
        Utterance(
            audio=np.zeros(RATE, dtype=np.int16),
            instructions="Translate from German (de) into Japanese (ja).",
            input_language="de",
        )
    )
    assert (rendering.target_language, rendering.text) == (
        "en",
        f"{DEMO_MARK} Translated utterance 1",
    )
    assert rendering.source_language == "de"
