"""One accepted event channel of the local server, whatever its dialect: send, record, close, drop.

Runs on the server's event loop. Every dialect sends through a :class:`Link`, so recording (what
tests validate with the SDK afterwards), refusals after the upgrade and abrupt drops work the
same way for all of them. :class:`WebSocketLink` is an aiohttp WebSocket; a WebRTC call's data
channel is another kind of link (:mod:`translator.server.webrtc`).
"""

from __future__ import annotations

import asyncio
import json
import secrets
from abc import ABC, abstractmethod
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

from aiohttp import WSMsgType, web

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


class LinkClosed(Exception):
    """The peer is gone: nothing more can be sent on this link."""


class Link(ABC):
    """A connection's ordered, reliable channel of JSON events, as a dialect session sees it."""

    def __init__(self, record: ConnectionRecord, keep: bool) -> None:
        self.record = record
        self._keep = keep

    def received(self, message: Any) -> None:
        if self._keep:
            self.record.received.append(message)

    async def send(self, event: dict[str, Any]) -> None:
        """Send one event (raises :class:`LinkClosed` once the peer is gone)."""
        if self._keep:
            self.record.sent.append(event)
        await self._send_text(json.dumps(event, separators=(",", ":")))

    async def refuse(self, error: WireError, close_code: int) -> None:
        """The real service's refusal after the 101: an error event, then a close in the same ms."""
        await self.send(error_event(error))
        await self.close(close_code, error.type + (f".{error.code}" if error.code else ""))

    @abstractmethod
    async def _send_text(self, text: str) -> None: ...

    @abstractmethod
    def messages(self) -> AsyncIterator[str | bytes]:
        """The client's messages in arrival order, until it closes or is dropped."""

    @abstractmethod
    async def close(self, code: int = 1000, reason: str = "") -> None:
        """Close politely with ``code``."""

    @abstractmethod
    def drop(self) -> None:
        """End the connection abruptly, with no goodbye (on a WebSocket, the client sees 1006)."""


class WebSocketLink(Link):
    """An upgraded aiohttp WebSocket."""

    def __init__(
        self,
        ws: web.WebSocketResponse,
        transport: asyncio.Transport | None,
        record: ConnectionRecord,
        keep: bool,
    ) -> None:
        super().__init__(record, keep)
        self.ws = ws
        self._transport = transport

    async def _send_text(self, text: str) -> None:
        try:
            await self.ws.send_str(text)
        except ConnectionError as exc:
            raise LinkClosed from exc

    async def messages(self) -> AsyncIterator[str | bytes]:
        async for message in self.ws:
            if message.type in (WSMsgType.TEXT, WSMsgType.BINARY):
                yield message.data

    async def close(self, code: int = 1000, reason: str = "") -> None:
        await self.ws.close(code=code, message=reason.encode())

    def drop(self) -> None:
        self.record.dropped = True
        if self._transport is not None:
            self._transport.abort()
