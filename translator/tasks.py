"""Ending asyncio tasks: cancel them and wait until they have ended (on the caller's loop)."""

from __future__ import annotations

import asyncio
import contextlib
from typing import Any


async def cancel_and_wait(*tasks: asyncio.Future[Any] | None) -> None:
    """Cancel every task given (None: skipped) and wait until each has ended. Their
    cancellation stops here; an error a task had already ended with is raised."""
    running = [task for task in tasks if task is not None]
    for task in running:
        task.cancel()
    for task in running:
        with contextlib.suppress(asyncio.CancelledError):
            await task
