"""One accepted WebSocket of the local server, whatever its dialect: send, record, close, drop.

Runs on the server's event loop. Every dialect sends through a :class:`Link`, so recording (what
tests validate with the SDK afterwards), refusals after the upgrade and abrupt drops work the
same way for all of them.
"""

from __future__ import annotations

import json
import secrets
from dataclasses import dataclass, field
from typing import Any

from websockets.asyncio.server import ServerConnection

from translator.server.ga_schema import WireError


def new_id(prefix: str) -> str:
    """A server id in the real service's style (``event_…``, ``item_…``, ``resp_…``)."""
    return prefix + secrets.token_hex(10)


@dataclass
class ConnectionRecord:
    """What one connection received and sent (events as parsed JSON; raw text if unparsable)."""

    path: str
    headers: dict[str, str]
    dialect: str | None = None
    received: list[Any] = field(default_factory=list)
    sent: list[dict[str, Any]] = field(default_factory=list)
    close_code: int | None = None
    dropped: bool = False

    def sent_types(self) -> list[str]:
        return [str(event.get("type")) for event in self.sent]


def error_event(error: WireError, client_event_id: str | None = None) -> dict[str, Any]:
    return {
        "type": "error",
        "event_id": new_id("event_"),
        "error": {
            "type": error.type,
            "code": error.code,
            "message": error.message,
            "param": error.param,
            "event_id": client_event_id,
        },
    }


class Link:
    def __init__(self, ws: ServerConnection, record: ConnectionRecord, keep: bool) -> None:
        self.ws = ws
        self.record = record
        self._keep = keep

    def received(self, message: Any) -> None:
        if self._keep:
            self.record.received.append(message)

    async def send(self, event: dict[str, Any]) -> None:
        """Send one event (raises ``websockets.ConnectionClosed`` once the socket is gone)."""
        if self._keep:
            self.record.sent.append(event)
        await self.ws.send(json.dumps(event, separators=(",", ":")))

    async def refuse(self, error: WireError, close_code: int) -> None:
        """The real service's refusal after the 101: an error event, then a close in the same ms."""
        await self.send(error_event(error))
        reason = error.type + (f".{error.code}" if error.code else "")
        await self.ws.close(close_code, reason)

    def drop(self) -> None:
        """Cut the TCP connection without a close frame: the client sees 1006."""
        self.record.dropped = True
        transport = self.ws.transport
        if transport is not None:
            transport.abort()
