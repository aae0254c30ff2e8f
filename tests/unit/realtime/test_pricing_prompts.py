"""The bill and the prompt: prices come from the catalog; cached input is cheaper; the prompt
forbids answering and carries the language pair and the glossary."""

from __future__ import annotations

import datetime

import pytest

from translator.catalog import load_catalog
from translator.realtime.config import TranslationConfig
from translator.realtime.events import Usage
from translator.realtime.pricing import cost_usd
from translator.realtime.prompts import build_instructions


def test_every_shipped_model_has_a_price() -> None:
    for model in load_catalog().models.values():
        assert cost_usd(Usage(input_audio=1000, output_audio=1000, audio_seconds=60), model) > 0


def test_one_minute_of_mini_audio_costs_what_the_price_table_says() -> None:
    mini = load_catalog().model("gpt-realtime-mini")
    assert mini is not None
    # 60 s of speech in (10 tokens/s) and 60 s of translation out (20 tokens/s), no cache
    usage = Usage(input_audio=600, output_audio=1200)
    assert cost_usd(usage, mini) == pytest.approx(600 * 10e-6 + 1200 * 20e-6)


def test_cached_input_is_billed_at_the_cached_rate() -> None:
    mini = load_catalog().model("gpt-realtime-mini")
    assert mini is not None
    fresh = cost_usd(Usage(input_audio=1000, input_text=1000), mini)
    cached = cost_usd(
        Usage(input_audio=1000, input_text=1000, cached_audio=1000, cached_text=1000), mini
    )
    assert cached == pytest.approx(1000 * 0.30e-6 + 1000 * 0.06e-6)
    assert cached < fresh / 10


def test_translate_engine_is_billed_per_audio_minute() -> None:
    translate = load_catalog().model("gpt-realtime-translate")
    assert translate is not None
    assert cost_usd(Usage(audio_seconds=120), translate) == pytest.approx(0.068)


def test_seed_model_is_known_with_its_own_prices_and_retirement() -> None:
    seed = load_catalog().model("gpt-4o-mini-realtime-preview-2024-12-17")
    assert seed is not None and seed.retired_on(datetime.date(2026, 7, 23))
    assert seed.successor == "gpt-realtime-2.1-mini"
    assert seed.prices is not None and seed.prices.text_cached == 0.30


def test_prompt_is_translate_only_with_pair_glossary_and_question_examples() -> None:
    text = build_instructions("en", "de", {"quarterly report": "Quartalsbericht"})
    first = text.splitlines()[0]
    assert "from English (en) into German (de)" in first
    assert "Never answer questions" in text
    assert "A question is translated as a question" in text
    assert '"What is your name?" → "Wie heißt du?"' in text
    assert "quarterly report → Quartalsbericht" in text


def test_unknown_language_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="unknown language code 'xx'; use one of: ar, bg"):
        TranslationConfig(source_language="xx", target_language="es")


def test_every_announced_shutdown_names_a_successor_that_lives_on() -> None:
    catalog = load_catalog()
    assert catalog.default_model().name == "gpt-realtime-2.1-mini"
    assert catalog.default_model().shutdown is None
    for model in catalog.models.values():
        if model.shutdown is not None:
            successor = catalog.model(model.successor or "")
            assert successor is not None, model.name
            assert successor.shutdown is None and successor.dialect == "realtime", model.name
