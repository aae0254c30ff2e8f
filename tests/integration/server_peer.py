"""A raw JSON peer for the local server's tests: the websocket, nothing of the app's client.

The server tests speak the wire directly (``websockets.asyncio.client``) so they judge the server
alone; every event the server sent is then checked with the official SDK's models.
"""

from __future__ import annotations

import asyncio
import base64
import json
from collections.abc import AsyncIterator, Callable, Iterable
from contextlib import asynccontextmanager
from typing import Any

import numpy as np
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed

from tests.support.sdk_judge import parse_server_event
from translator.server.app import LocalRealtimeServer
from translator.server.brain import Rendering, Utterance
from translator.server.link import ConnectionRecord
from translator.server.tts import RATE, synthesize

MODEL = "gpt-realtime-2.1-mini"
INSTRUCTIONS = "Translate everything from English (en) into Spanish (es). Never answer."
INTERPRETER_TURNS = {
    "type": "server_vad",
    "threshold": 0.5,
    "prefix_padding_ms": 300,
    "silence_duration_ms": 500,
    "create_response": False,
    "interrupt_response": False,
}


class NumberingBrain:
    """A brain for these tests: utterance N is translated as "Traducción número N"."""

    def __init__(self) -> None:
        self.heard: list[Utterance] = []

    def render(self, utterance: Utterance) -> Rendering:
        self.heard.append(utterance)
        n = len(self.heard)
        return Rendering("en", f"Sentence number {n}", "es", f"Traducción número {n}")


def silence(ms: int) -> np.ndarray:
    return np.zeros(ms * RATE // 1000, dtype=np.int16)


def speech(text: str, language: str = "en") -> np.ndarray:
    return synthesize(text, language)


def b64(samples: np.ndarray) -> str:
    return base64.b64encode(samples.astype("<i2").tobytes()).decode("ascii")


Where = Callable[[dict[str, Any]], bool]


class Peer:
    """One raw connection: send events as dicts, read events with a timeout."""

    def __init__(self, ws: ClientConnection) -> None:
        self.ws = ws
        self.events: list[dict[str, Any]] = []

    async def send(self, event_type: str, **fields: Any) -> None:
        await self.ws.send(json.dumps({"type": event_type, **fields}))

    async def recv(self, within: float = 10.0) -> dict[str, Any]:
        """The next event, whatever it is: only where the protocol fixes what comes next (the
        first event of a connection, the last one before the server closes it). Otherwise wait
        for the event meant, with ``until``/``expect``: the service interleaves others."""
        event: dict[str, Any] = json.loads(await asyncio.wait_for(self.ws.recv(), within))
        self.events.append(event)
        return event

    async def until(
        self, event_type: str, where: Where | None = None, within: float = 10.0
    ) -> list[dict[str, Any]]:
        """Events received up to and including the first ``event_type`` for which ``where``
        holds (any one without ``where``); ``within`` bounds each wait."""
        seen: list[dict[str, Any]] = []
        while True:
            event = await self.recv(within)
            seen.append(event)
            if event["type"] == event_type and (where is None or where(event)):
                return seen

    async def expect(
        self, event_type: str, where: Where | None = None, within: float = 10.0
    ) -> dict[str, Any]:
        """The first ``event_type`` for which ``where`` holds."""
        return (await self.until(event_type, where, within))[-1]

    async def error_for(self, event_id: str, within: float = 10.0) -> dict[str, Any]:
        """The ``error`` body answering the client event ``event_id``."""
        event = await self.expect("error", lambda e: e["error"].get("event_id") == event_id, within)
        return dict(event["error"])

    async def quiet(self, seconds: float) -> list[dict[str, Any]]:
        """Everything that arrives in the next ``seconds`` (real time)."""
        seen: list[dict[str, Any]] = []
        try:
            while True:
                seen.append(await self.recv(seconds))
        except TimeoutError:
            return seen

    async def stream(self, samples: np.ndarray, chunk_ms: int = 100) -> None:
        step = chunk_ms * RATE // 1000
        for start in range(0, samples.size, step):
            await self.send("input_audio_buffer.append", audio=b64(samples[start : start + step]))

    async def configure(self, **session: Any) -> dict[str, Any]:
        body = {"type": "realtime", "instructions": INSTRUCTIONS, **session}
        await self.send("session.update", session=body)
        return await self.expect("session.updated")


@asynccontextmanager
async def open_peer(
    server: LocalRealtimeServer,
    *,
    model: str | None = MODEL,
    key: str | None = "sk-test-key",
    headers: dict[str, str] | None = None,
    created: bool = True,
) -> AsyncIterator[Peer]:
    url = f"{server.url}/realtime" + (f"?model={model}" if model else "")
    sent_headers = dict(headers or {})
    if key is not None:
        sent_headers["Authorization"] = f"Bearer {key}"
    async with connect(url, additional_headers=sent_headers, max_size=None) as ws:
        peer = Peer(ws)
        if created:
            assert (await peer.recv())["type"] == "session.created"
        yield peer


def judge(records: Iterable[ConnectionRecord], allow_extra: frozenset[str] | None = None) -> int:
    """Every event the server sent parses with the SDK's GA models; returns how many."""
    count = 0
    for record in records:
        for event in record.sent:
            if allow_extra is None:
                parse_server_event(event, "realtime")
            else:
                parse_server_event(event, "realtime", allow_extra)
            count += 1
    return count


def response_events(events: Iterable[dict[str, Any]], response_id: str) -> list[str]:
    """The types of one response's events, with consecutive deltas of a kind collapsed."""
    types: list[str] = []
    for event in events:
        rid = event.get("response_id") or event.get("response", {}).get("id")
        belongs = rid == response_id or (
            event["type"] in ("conversation.item.added", "conversation.item.done")
            and event["item"]["role"] == "assistant"
        )
        if belongs and not (
            types and types[-1] == event["type"] and event["type"].endswith("delta")
        ):
            types.append(event["type"])
    return types


@asynccontextmanager
async def open_path(
    server: LocalRealtimeServer,
    path: str,
    headers: dict[str, str] | None = None,
    *,
    created: bool = True,
) -> AsyncIterator[Peer]:
    """A raw connection to ``path`` (with its query) on the server's host, any dialect."""
    async with connect(
        f"{server.resource_url}{path}", additional_headers=headers or {}, max_size=None
    ) as ws:
        peer = Peer(ws)
        if created:
            assert (await peer.recv())["type"] == "session.created"
        yield peer


async def refused(peer: Peer) -> tuple[dict[str, Any], int, str]:
    """The error of a connection refused after the upgrade, with its close code and reason."""
    error = await peer.recv()
    assert error["type"] == "error", error
    try:
        await peer.recv()
    except ConnectionClosed:
        pass
    else:
        raise AssertionError("the server sent more than one event before closing")
    assert peer.ws.close_code is not None
    return error["error"], peer.ws.close_code, peer.ws.close_reason or ""
