"""Token accounting of the local server, following reference §6.2.

Input audio costs 10 tokens per second, output audio 20 per second, text about one token per
four characters (no tokenizer download). Every response re-reads its whole input (instructions
plus the retained conversation); the part that repeats the previous response's input and output
from the start is reported as cached, so deleting or truncating old items shrinks the bill and
changing something early in the conversation busts the cache.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

INPUT_AUDIO_TOKENS_PER_S = 10
OUTPUT_AUDIO_TOKENS_PER_S = 20


def text_tokens(text: str) -> int:
    return math.ceil(len(text) / 4)


def input_audio_tokens(ms: float) -> int:
    return math.ceil(ms * INPUT_AUDIO_TOKENS_PER_S / 1000)


def output_audio_tokens(ms: float) -> int:
    return math.ceil(ms * OUTPUT_AUDIO_TOKENS_PER_S / 1000)


@dataclass(frozen=True)
class Segment:
    """One piece of a model input: the instructions or one conversation item, as it stands."""

    key: str
    """Changes whenever the piece changes (a truncated item is a different piece)."""
    text: int = 0
    audio: int = 0

    @property
    def tokens(self) -> int:
        return self.text + self.audio


def cached_prefix(current: Sequence[Segment], previous: Sequence[Segment]) -> list[Segment]:
    prefix: list[Segment] = []
    for now, before in zip(current, previous, strict=False):
        if now != before:
            break
        prefix.append(now)
    return prefix


def fit_context(segments: list[Segment], limit: int, keep_first: int = 1) -> list[Segment]:
    """GA ``truncation: auto``: drop the oldest items (never the instructions) past ``limit``."""
    kept = list(segments)
    while sum(s.tokens for s in kept) > limit and len(kept) > keep_first:
        del kept[keep_first]
    return kept


def response_usage(
    input_segments: Sequence[Segment],
    previous: Sequence[Segment],
    output: Segment,
) -> dict[str, Any]:
    """``response.done``'s ``usage`` object."""
    cached = cached_prefix(input_segments, previous)
    cached_text = sum(s.text for s in cached)
    cached_audio = sum(s.audio for s in cached)
    input_text = sum(s.text for s in input_segments)
    input_audio = sum(s.audio for s in input_segments)
    input_tokens = input_text + input_audio
    return {
        "total_tokens": input_tokens + output.tokens,
        "input_tokens": input_tokens,
        "output_tokens": output.tokens,
        "input_token_details": {
            "text_tokens": input_text,
            "audio_tokens": input_audio,
            "image_tokens": 0,
            "cached_tokens": cached_text + cached_audio,
            "cached_tokens_details": {
                "text_tokens": cached_text,
                "audio_tokens": cached_audio,
                "image_tokens": 0,
            },
        },
        "output_token_details": {"text_tokens": output.text, "audio_tokens": output.audio},
    }


def transcription_usage(audio_ms: float, transcript: str) -> dict[str, Any]:
    """Input transcription ``completed.usage`` (token-billed transcription models)."""
    audio = input_audio_tokens(audio_ms)
    out = text_tokens(transcript)
    return {
        "type": "tokens",
        "input_tokens": audio,
        "output_tokens": out,
        "total_tokens": audio + out,
        "input_token_details": {"text_tokens": 0, "audio_tokens": audio},
    }
