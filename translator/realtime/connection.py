"""One websocket to a Realtime endpoint: one sender task fed by a queue, one reader task.

Runs on the session's asyncio loop. Commands are encoded by the dialect and sent in order by the
sender, so audio appends and control events never interleave mid-frame. The reader decodes each
frame and hands the event to the owner's callback synchronously, preserving arrival order. A
malformed or unknown event is logged at debug level and never ends the connection.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import logging
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed, InvalidHandshake

from translator.realtime import events as ev
from translator.realtime.dialects import Dialect
from translator.realtime.endpoints import Endpoint

log = logging.getLogger(__name__)

_ids = itertools.count(1)


@dataclass(frozen=True)
class Closed:
    """How the socket ended: close code (1006 when it just vanished) and reason."""

    code: int
    reason: str


async def set_before(event: asyncio.Event, closed: asyncio.Future[Closed]) -> bool:
    """Wait until ``event`` is set (True) or ``closed`` is done first (False)."""
    waiter: asyncio.Future[object] = asyncio.ensure_future(event.wait())
    ended: asyncio.Future[object] = asyncio.ensure_future(asyncio.shield(closed))
    try:
        await asyncio.wait([waiter, ended], return_when=asyncio.FIRST_COMPLETED)
    finally:
        waiter.cancel()
        ended.cancel()
    return event.is_set()


class Connection:
    """A live socket. ``on_event(connection, event)`` runs in the reader task for every event."""

    def __init__(
        self,
        endpoint: Endpoint,
        dialect: Dialect,
        on_event: Callable[[Connection, ev.ServerEvent], None],
        *,
        open_timeout: float = 15.0,
    ) -> None:
        self.id = next(_ids)
        self.endpoint = endpoint
        self.dialect = dialect
        self._on_event = on_event
        self._open_timeout = open_timeout
        self._queue: asyncio.Queue[dict[str, Any] | None] = asyncio.Queue()
        self._ws: ClientConnection | None = None
        self._tasks: list[asyncio.Task[None]] = []
        self._event_ids = itertools.count(1)
        self._seen: deque[str] = deque(maxlen=512)  # recent server event ids: drop repeats
        self.closed: asyncio.Future[Closed] = asyncio.get_running_loop().create_future()

    def __repr__(self) -> str:
        return f"<Connection {self.id} {self.endpoint}>"

    async def open(self) -> None:
        """Connect; raises ``OSError``/``InvalidHandshake``/``TimeoutError`` if it cannot."""
        self._ws = await connect(
            self.endpoint.url,
            additional_headers=list(self.endpoint.headers),
            max_size=None,
            compression=None,
            open_timeout=self._open_timeout,
            close_timeout=2,
        )
        self._tasks = [
            asyncio.create_task(self._read(self._ws), name=f"realtime-read-{self.id}"),
            asyncio.create_task(self._write(self._ws), name=f"realtime-write-{self.id}"),
        ]

    def send(self, command: ev.Command) -> str:
        """Queue a command; returns the ``event_id`` it carries (errors echo it back)."""
        return self.send_raw(self.dialect.encode(command))

    def send_raw(self, event: dict[str, Any]) -> str:
        """Queue an already encoded event (``session.update``); returns its ``event_id``."""
        event_id = f"evt_c{self.id}_{next(self._event_ids)}"
        event["event_id"] = event_id
        if not self.closed.done():
            self._queue.put_nowait(event)
        return event_id

    def input_sample(self, service_sample: int) -> int:
        """The sample appended at ``service_sample`` of the service's input timeline: on a
        WebSocket every appended sample reaches it, so the two are one."""
        return service_sample

    async def wait_for(self, event: asyncio.Event) -> bool:
        """Wait until ``event`` is set (True) or this connection closes first (False)."""
        return await set_before(event, self.closed)

    async def close(self) -> None:
        """Close politely (1000) and wait for both tasks."""
        if self._ws is not None:
            self._queue.put_nowait(None)
            with contextlib.suppress(Exception):
                await asyncio.wait_for(self._ws.close(), timeout=3)
        for task in self._tasks:
            task.cancel()
        for task in self._tasks:
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task
        self._finish(1000, "closed by client")

    def _finish(self, code: int, reason: str) -> None:
        if not self.closed.done():
            self.closed.set_result(Closed(code, reason))

    async def _write(self, ws: ClientConnection) -> None:
        try:
            while (event := await self._queue.get()) is not None:
                await ws.send(json.dumps(event, separators=(",", ":")))
        except ConnectionClosed:
            pass  # the reader reports how it closed

    async def _read(self, ws: ClientConnection) -> None:
        try:
            async for frame in ws:
                try:
                    raw = json.loads(frame)
                    event_id = raw.get("event_id")
                    if event_id is not None and event_id in self._seen:
                        log.debug("ignoring repeated server event %s", event_id)
                        continue
                    if event_id is not None:
                        self._seen.append(event_id)
                    event = self.dialect.decode(raw)
                except (ValueError, KeyError, TypeError, AttributeError) as exc:
                    log.debug("ignoring malformed server event: %s", exc)
                    continue
                try:
                    self._on_event(self, event)
                except Exception:  # a handler bug must not silently kill the socket
                    log.exception("error handling %s", type(event).__name__)
        except ConnectionClosed:
            pass
        finally:
            # websockets reports 1006 when the socket vanished without a close frame
            self._finish(ws.close_code or 1006, ws.close_reason or "connection lost")
            self._queue.put_nowait(None)


__all__ = ["Closed", "Connection", "InvalidHandshake"]
