"""Which wire a session's connections take: a WebSocket, a WebRTC call, or a call that falls
back to a WebSocket.

Runs on the session's loop. :func:`open_connection` opens one connection for an endpoint whose
``transport`` is ``websocket`` or ``webrtc``. With ``auto`` it tries a call first and, when the
call cannot be set up for a reason of the network (no data channel within 5 s, the request
never reached the service, a refusal that is not about the key or the settings), opens a
WebSocket instead and says why; the session then stays on WebSocket.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

import aiohttp

from translator.realtime import events as ev
from translator.realtime.connection import Connection
from translator.realtime.dialects import Dialect
from translator.realtime.endpoints import Endpoint
from translator.realtime.webrtc import CHANNEL_OPEN_S, CallConnection, CallFailed

log = logging.getLogger(__name__)

AnyConnection = Connection | CallConnection
OnEvent = Callable[[Any, ev.ServerEvent], None]


@dataclass(frozen=True)
class Opened:
    connection: AnyConnection
    fallback: str | None = None
    """Why a call gave way to a WebSocket (``auto`` only)."""

    @property
    def transport(self) -> Literal["websocket", "webrtc"]:
        """What the connection is (``auto`` resolved)."""
        return "webrtc" if isinstance(self.connection, CallConnection) else "websocket"


async def open_connection(
    endpoint: Endpoint, dialect: Dialect, on_event: OnEvent, *, turn_pause_s: float = 0.5
) -> Opened:
    """One open connection of ``endpoint``'s transport (raises what its ``open`` raises).
    ``turn_pause_s``: the pause that ends a turn, which a call's catch-up must keep."""
    if endpoint.transport == "websocket" or (
        endpoint.transport == "auto" and dialect.name == "legacy"
    ):
        return Opened(await _websocket(endpoint, dialect, on_event))
    call = CallConnection(endpoint, dialect, on_event, keep_pause_s=turn_pause_s + 0.5)
    if endpoint.transport == "webrtc":
        await call.open()
        return Opened(call)
    try:
        await asyncio.wait_for(call.open(), CHANNEL_OPEN_S)
    except (CallFailed, OSError, TimeoutError, aiohttp.ClientError) as exc:
        reason = str(exc) or f"no call within {CHANNEL_OPEN_S:g} s"
        log.warning("WebRTC call failed (%s); using WebSocket", reason)
        return Opened(
            await _websocket(endpoint, dialect, on_event),
            f"over WebSocket: the WebRTC call failed ({reason})",
        )
    return Opened(call)


async def _websocket(endpoint: Endpoint, dialect: Dialect, on_event: OnEvent) -> Connection:
    connection = Connection(endpoint, dialect, on_event)
    await connection.open()
    return connection
