"""The ``PlaybackTracker`` contract between the audio core and the session layer.

The audio core's output callback counts the samples of each response item it actually handed to
the device; the session reads those counts on the event loop to truncate an interrupted item at
what the listener really heard (reference §5.6) and to time the first sample played.
"""

from __future__ import annotations

from typing import Protocol


class PlaybackTracker(Protocol):
    """Samples actually played per response item, counted at 24 kHz."""

    def played_samples(self, item_id: str) -> int:
        """24 kHz samples of ``item_id`` handed to the device so far (0 if none)."""
        ...

    def first_played_at(self, item_id: str) -> float | None:
        """Monotonic time of the item's first sample handed to the device, if any."""
        ...
