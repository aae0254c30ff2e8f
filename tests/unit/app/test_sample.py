"""The sample conversation's lines, who says them where in each mode, and the local server's
script for a language pair."""

from __future__ import annotations

import pytest

from translator.app import sample
from translator.catalog import load_languages


def test_every_line_is_in_every_language_and_the_sides_take_turns() -> None:
    lines = sample.conversation()
    assert [line.side for line in lines] == [1, 2] * (len(lines) // 2)
    assert all(set(line.texts) == set(sample.languages()) for line in lines)
    assert set(sample.languages()) <= set(load_languages())  # each one the window can name
    for language in sample.languages():  # no two lines alike: the server tells them by sound
        texts = [line.texts[language] for line in lines]
        assert len(set(texts)) == len(texts)


@pytest.mark.parametrize(
    ("chosen", "pair"),
    [(("en", "es"), ("en", "es")), (("pt-BR", "de"), ("pt", "de")), (("en", "ja"), None),
     (("en", "en-GB"), None)],
)  # fmt: skip
def test_a_pair_plays_in_the_conversations_languages_or_not_at_all(
    chosen: tuple[str, str], pair: tuple[str, str] | None
) -> None:
    assert sample.pair_for(chosen) == pair


def test_listening_hears_every_line_in_a_the_other_modes_each_side_in_its_language() -> None:
    lines = sample.conversation()
    listen = sample.turns("listen", ("fr", "it"))
    assert [(t.key, t.language, t.text) for t in listen] == [
        ("ab", "fr", line.texts["fr"]) for line in lines
    ]
    for mode in ("call", "face"):
        turns = sample.turns(mode, ("fr", "it"))  # type: ignore[arg-type]
        assert [(t.key, t.language, t.text) for t in turns] == [
            ("ab", "fr", line.texts["fr"]) if line.side == 1 else ("ba", "it", line.texts["it"])
            for line in lines
        ]


def test_the_script_answers_each_line_in_either_language_with_the_other() -> None:
    script = sample.script(("de", "en"))
    lines = sample.conversation()
    assert len(script) == 2 * len(lines)
    for line in lines:
        assert any(
            e.language == "de"
            and e.text == line.texts["de"]
            and e.translations == {"en": line.texts["en"]}
            for e in script
        )
        assert any(
            e.language == "en"
            and e.text == line.texts["en"]
            and e.translations == {"de": line.texts["de"]}
            for e in script
        )


@pytest.mark.speech
def test_the_local_server_recognises_every_line_in_every_language() -> None:
    """Each language's lines against a script holding every language's (the hardest case a
    pair can pose): each is taken for itself, so any pair plays without an unrecognised line."""
    from translator.server.brain import ScriptedBrain, ScriptEntry
    from translator.server.tts import synthesize

    entries = [
        ScriptEntry(language=language, text=line.texts[language], translations={"xx": "-"})
        for line in sample.conversation()
        for language in sample.languages()
    ]
    brain = ScriptedBrain(entries)
    for entry in entries:
        match = brain.identify(synthesize(entry.text, entry.language))
        assert match is not None and match.entry == entry, (entry.text, match)
