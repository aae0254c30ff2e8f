"""The local Realtime-compatible server: routing by path, authentication, connection records.

``LocalRealtimeServer`` runs on the caller's asyncio loop (in-process in tests, or under
``translator serve``). The connection layer here is dialect-neutral: it completes the WebSocket
upgrade for every known path (OpenAI performs no pre-101 rejection; an endpoint may still refuse
a request before the upgrade the way Azure's front door does), checks the credential the way the
real service does, then hands the connection to the dialect endpoint that owns the path:

- ``/v1/realtime`` — GA (:mod:`translator.server.ga`);
- ``/v1/realtime/translations`` — the translate dialect (:mod:`translator.server.translate`);
- ``/openai/v1/realtime`` — Azure GA, the GA dialect by deployment (:mod:`translator.server.azure`);
- ``/openai/realtime`` — Azure preview, the beta dialect (:mod:`translator.server.beta`).

Plain HTTP ``GET /v1/models[/{model}]`` is answered before any upgrade
(:mod:`translator.server.models`).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from http import HTTPStatus
from types import TracebackType
from typing import Protocol
from urllib.parse import parse_qsl, urlsplit

from websockets.asyncio.server import Server, ServerConnection, serve
from websockets.datastructures import Headers
from websockets.http11 import Request, Response

from translator.server import models
from translator.server.brain import Brain
from translator.server.clock import Clock, ScaledClock
from translator.server.faults import Fault, FaultPlan
from translator.server.ga_schema import WireError
from translator.server.link import ConnectionRecord, Link
from translator.server.options import ServerOptions

log = logging.getLogger(__name__)

AUTH_CLOSE = 3000
SHAPE_CLOSE = 4000


@dataclass(frozen=True)
class Refusal:
    """Why a connection is refused after the upgrade, and the close code to use."""

    error: WireError
    close_code: int


@dataclass(frozen=True)
class HttpRefusal:
    """A request refused before the upgrade: an HTTP status and a JSON error body."""

    status: HTTPStatus
    code: str
    message: str


@dataclass(frozen=True)
class ServerContext:
    """What every endpoint of one server shares."""

    brain: Brain
    faults: FaultPlan
    options: ServerOptions
    clock: Clock


class Endpoint(Protocol):
    """One wire dialect on its path."""

    dialect: str

    def matches(self, path: str) -> bool: ...

    def credential(self, headers: Headers, query: Mapping[str, str]) -> str | None:
        """The API key or token the client presented, ``None`` when there is none."""
        ...

    def before_upgrade(self, query: Mapping[str, str]) -> HttpRefusal | None:
        """A request the front door answers with an HTTP error instead of upgrading it."""
        ...

    def refusal(self, headers: Headers, query: Mapping[str, str]) -> Refusal | None:
        """A request-shape problem (model, headers) found after authentication."""
        ...

    async def serve(self, link: Link, query: Mapping[str, str]) -> None: ...


def bearer_token(headers: Headers) -> str | None:
    value = headers.get("Authorization", "")
    scheme, _, token = value.strip().partition(" ")
    token = token.strip()
    return token if scheme.lower() == "bearer" and token else None


def _masked(key: str) -> str:
    return f"{key[:3]}{'*' * max(4, len(key) - 7)}{key[-4:]}" if len(key) > 8 else "***"


class LocalRealtimeServer:
    """A local stand-in for the OpenAI Realtime service, usable as ``async with``.

    ``url`` is the base URL a client is configured with (``ws://127.0.0.1:PORT/v1``); GA clients
    connect to ``{url}/realtime?model=…``. ``api_keys=None`` accepts any non-empty key.
    ``connections`` records each connection's events for tests.
    """

    def __init__(
        self,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        api_keys: Iterable[str] | None = None,
        brain: Brain | None = None,
        faults: Iterable[Fault | str] = (),
        options: ServerOptions | None = None,
        clock: Clock | None = None,
    ) -> None:
        from translator.server.azure import AzureGaEndpoint
        from translator.server.beta import BetaEndpoint
        from translator.server.ga import GaEndpoint
        from translator.server.translate import TranslateEndpoint

        self.host = host
        self._requested_port = port
        self.api_keys = frozenset(api_keys) if api_keys is not None else None
        self.options = options or ServerOptions()
        self.faults = FaultPlan(tuple(faults))
        if brain is None:
            from translator.server.brain import DemoBrain

            brain = DemoBrain()
        self.context = ServerContext(
            brain=brain,
            faults=self.faults,
            options=self.options,
            clock=clock or ScaledClock(self.options.time_scale),
        )
        self.endpoints: list[Endpoint] = [
            GaEndpoint(self.context),
            TranslateEndpoint(self.context),
            AzureGaEndpoint(self.context),
            BetaEndpoint(self.context),
        ]
        self.connections: list[ConnectionRecord] = []
        self._server: Server | None = None
        self._handlers: set[asyncio.Task[None]] = set()

    @property
    def port(self) -> int:
        if self._server is None:
            raise RuntimeError("the server is not started")
        port: int = next(iter(self._server.sockets)).getsockname()[1]
        return port

    @property
    def url(self) -> str:
        """The OpenAI-style base URL (GA and translate paths hang off it)."""
        return f"ws://{self.host}:{self.port}/v1"

    @property
    def resource_url(self) -> str:
        """The Azure-style resource URL (``/openai/v1/realtime``, ``/openai/realtime``)."""
        return f"ws://{self.host}:{self.port}"

    async def start(self) -> None:
        self._server = await serve(
            self._handle,
            self.host,
            self._requested_port,
            process_request=self._process_request,
            max_size=None,
            compression=None,
        )

    async def close(self) -> None:
        if self._server is not None:
            self._server.close()
            await self._server.wait_closed()
            self._server = None

    async def serve_forever(self) -> None:
        if self._server is None:
            await self.start()
        assert self._server is not None
        await self._server.serve_forever()

    async def __aenter__(self) -> LocalRealtimeServer:
        await self.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.close()

    def _endpoint(self, path: str) -> Endpoint | None:
        return next((e for e in self.endpoints if e.matches(path)), None)

    def _process_request(self, connection: ServerConnection, request: Request) -> Response | None:
        directory = models.answer(connection, request, self.options, self.api_keys)
        if directory is not None:
            return directory
        split = urlsplit(request.path)
        endpoint = self._endpoint(split.path)
        if endpoint is None:
            return connection.respond(HTTPStatus.NOT_FOUND, "No Realtime endpoint at this path.\n")
        refused = endpoint.before_upgrade(dict(parse_qsl(split.query)))
        if refused is None:
            return None
        body = {"error": {"code": refused.code, "message": refused.message}}
        return models.json_response(connection, refused.status, body)

    async def _handle(self, ws: ServerConnection) -> None:
        request = ws.request
        assert request is not None
        split = urlsplit(request.path)
        query = dict(parse_qsl(split.query))
        endpoint = self._endpoint(split.path)
        assert endpoint is not None  # unknown paths were answered 404 before the upgrade
        record = ConnectionRecord(
            path=request.path, headers=dict(request.headers.raw_items()), dialect=endpoint.dialect
        )
        self.connections.append(record)
        link = Link(ws, record, self.options.record_events)
        try:
            refusal = self._authenticate(endpoint, request.headers, query)
            if refusal is None:
                refusal = endpoint.refusal(request.headers, query)
            if refusal is not None:
                await link.refuse(refusal.error, refusal.close_code)
            else:
                await endpoint.serve(link, query)
        except Exception:
            log.exception("local server connection failed")
            raise
        finally:
            record.close_code = 1006 if record.dropped else ws.close_code

    def _authenticate(
        self, endpoint: Endpoint, headers: Headers, query: Mapping[str, str]
    ) -> Refusal | None:
        key = endpoint.credential(headers, query)
        if key is None:
            error = WireError(None, "Missing bearer or basic authentication in header")
            return Refusal(error, AUTH_CLOSE)
        if self.api_keys is not None and key not in self.api_keys:
            error = WireError(
                "invalid_api_key",
                f"Incorrect API key provided: {_masked(key)}. You can find your API key at "
                "https://platform.openai.com/account/api-keys.",
            )
            return Refusal(error, AUTH_CLOSE)
        return None
