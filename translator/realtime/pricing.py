"""Money from usage: the catalog's price table (``resources/models.toml``) applied to ``Usage``.

Cached input tokens are billed at the cached rate (prompt caching shows in the bill); the
translate engine is billed per minute of input audio.
"""

from __future__ import annotations

from translator.catalog import ModelInfo
from translator.realtime.events import Usage


def cost_usd(usage: Usage, model: ModelInfo) -> float:
    """What ``usage`` costs on ``model``, in US dollars."""
    if model.per_audio_minute is not None:
        return usage.audio_seconds / 60.0 * model.per_audio_minute
    if model.prices is None:
        raise ValueError(f"no prices for {model.name} in resources/models.toml")
    p = model.prices
    fresh_text = max(0, usage.input_text - usage.cached_text)
    fresh_audio = max(0, usage.input_audio - usage.cached_audio)
    return (
        fresh_text * p.text_in
        + usage.cached_text * p.text_cached
        + fresh_audio * p.audio_in
        + usage.cached_audio * p.audio_cached
        + usage.output_text * p.text_out
        + usage.output_audio * p.audio_out
    ) / 1_000_000
