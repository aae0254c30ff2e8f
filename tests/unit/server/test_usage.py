"""Token accounting (reference §6.2): rates, cached prefixes, truncation of old items."""

from __future__ import annotations

from translator.server.usage import (
    Segment,
    fit_context,
    input_audio_tokens,
    output_audio_tokens,
    response_usage,
    text_tokens,
)


def test_rates() -> None:
    assert input_audio_tokens(1000) == 10 and input_audio_tokens(1050) == 11
    assert output_audio_tokens(1000) == 20 and output_audio_tokens(60_000) == 1200
    assert text_tokens("abcd") == 1 and text_tokens("abcde") == 2 and text_tokens("") == 0


def test_cached_is_the_unchanged_prefix() -> None:
    instructions = Segment("instructions", text=50)
    user = Segment("u1", audio=20)
    answer = Segment("a1:1500", text=5, audio=30)
    cut_answer = Segment("a1:500", text=2, audio=10)
    usage = response_usage(
        [instructions, user, answer, Segment("u2", audio=20)],
        [instructions, user, answer],
        Segment("o", 4, 40),
    )
    details = usage["input_token_details"]
    assert details["cached_tokens"] == 105
    assert details["cached_tokens_details"] == {
        "text_tokens": 55,
        "audio_tokens": 50,
        "image_tokens": 0,
    }
    assert (usage["input_tokens"], usage["output_tokens"], usage["total_tokens"]) == (125, 44, 169)
    truncated = response_usage(
        [instructions, user, cut_answer], [instructions, user, answer], Segment("o")
    )
    assert truncated["input_token_details"]["cached_tokens"] == 70


def test_fit_context_drops_oldest_items_but_never_the_instructions() -> None:
    segments = [
        Segment("i", text=100),
        Segment("a", audio=50),
        Segment("b", audio=50),
        Segment("c", audio=50),
    ]
    assert [s.key for s in fit_context(segments, 210)] == ["i", "b", "c"]
    assert [s.key for s in fit_context(segments, 10)] == ["i"]
