"""The local Realtime-compatible server: routing by path, authentication, connection records.

``LocalRealtimeServer`` is one aiohttp server on the caller's asyncio loop (in-process in tests,
or under ``translator serve``). The connection layer here is dialect-neutral: it completes the
WebSocket upgrade for every known path (OpenAI performs no pre-101 rejection; an endpoint may
still refuse a request before the upgrade the way Azure's front door does), checks the
credential the way the real service does, then hands the connection to the dialect endpoint that
owns the path:

- ``/v1/realtime`` — GA (:mod:`translator.server.ga`);
- ``/v1/realtime/translations`` — the translate dialect (:mod:`translator.server.translate`);
- ``/openai/v1/realtime`` — Azure GA, the GA dialect by deployment (:mod:`translator.server.azure`);
- ``/openai/realtime`` — Azure preview, the beta dialect (:mod:`translator.server.beta`).

WebRTC calls (``POST …/client_secrets``, ``…/calls``, ``…/calls/{id}/hangup`` under the GA,
translate and Azure GA paths) are :mod:`translator.server.webrtc`'s.

Plain HTTP ``GET /v1/models[/{model}]`` is answered by :mod:`translator.server.models`.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from http import HTTPStatus
from types import TracebackType
from typing import TYPE_CHECKING, Protocol

from aiohttp import WSCloseCode, web

from translator.server import models, webrtc
from translator.server.brain import Brain
from translator.server.clock import Clock, ScaledClock
from translator.server.faults import Fault, FaultPlan
from translator.server.ga_schema import WireError
from translator.server.link import ConnectionRecord, Link, WebSocketLink
from translator.server.options import ServerOptions
from translator.server.webrtc import Calls

if TYPE_CHECKING:
    from translator.server.wire import WireSession

log = logging.getLogger(__name__)

AUTH_CLOSE = 3000
SHAPE_CLOSE = 4000
Headers = Mapping[str, str]
"""Request headers (aiohttp's are case-insensitive)."""


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

    def session(self, link: Link, requested: str) -> WireSession:
        """A new session on ``link`` for a ``model`` that :meth:`refusal` accepts."""
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
        self.calls = Calls(
            self.context,
            {
                "/v1/realtime": self.endpoints[0],
                "/v1/realtime/translations": self.endpoints[1],
                "/openai/v1/realtime": self.endpoints[2],
            },
            self._credential_error,
            self.connections,
        )
        self._runner: web.AppRunner | None = None
        self._links: set[WebSocketLink] = set()

    @property
    def port(self) -> int:
        if self._runner is None:
            raise RuntimeError("the server is not started")
        port: int = self._runner.addresses[0][1]
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
        app = web.Application(client_max_size=16 * 1024 * 1024)
        app.router.add_route("*", "/{path:.*}", self._handle)
        self._runner = web.AppRunner(app, access_log=None, handle_signals=False)
        await self._runner.setup()
        await web.TCPSite(self._runner, self.host, self._requested_port).start()

    async def close(self) -> None:
        """Stop listening, close every WebSocket with 1001 (going away), and wait for them."""
        if self._runner is None:
            return
        runner, self._runner = self._runner, None
        for link in list(self._links):
            with contextlib.suppress(Exception):
                await asyncio.wait_for(link.close(WSCloseCode.GOING_AWAY), 2)
        await self.calls.close()
        await runner.cleanup()

    async def serve_forever(self) -> None:
        if self._runner is None:
            await self.start()
        await asyncio.Event().wait()

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

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        directory = models.answer(request, self.options, self.api_keys)
        if directory is not None:
            return directory
        if webrtc.matches(request.path):
            return await self.calls.answer(request)
        endpoint = self._endpoint(request.path)
        if endpoint is None:
            return web.Response(
                status=HTTPStatus.NOT_FOUND, text="No Realtime endpoint at this path.\n"
            )
        query = dict(request.query)
        refused = endpoint.before_upgrade(query)
        if refused is not None:
            body = {"error": {"code": refused.code, "message": refused.message}}
            return models.json_response(refused.status, body)
        ws = web.WebSocketResponse(max_msg_size=0, compress=False)
        if not ws.can_prepare(request).ok:
            return web.Response(
                status=HTTPStatus.UPGRADE_REQUIRED,
                text="This path only speaks WebSocket: send an upgrade request.\n",
            )
        await ws.prepare(request)
        record = ConnectionRecord(
            path=request.path_qs, headers=dict(request.headers), dialect=endpoint.dialect
        )
        self.connections.append(record)
        link = WebSocketLink(ws, request.transport, record, self.options.record_events)
        self._links.add(link)
        try:
            error = self._credential_error(endpoint, request.headers, query)
            refusal = None if error is None else Refusal(error, AUTH_CLOSE)
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
            self._links.discard(link)
            record.close_code = 1006 if record.dropped else ws.close_code
        return ws

    def _credential_error(
        self, endpoint: Endpoint, headers: Headers, query: Mapping[str, str]
    ) -> WireError | None:
        """Why the credential presented is refused (``None``: accepted): a standard key, or an
        ephemeral key (``ek_…``) this server minted that has not expired."""
        key = endpoint.credential(headers, query)
        if key is None:
            return WireError(None, "Missing bearer or basic authentication in header")
        if key.startswith("ek_"):
            if self.calls.secret(key) is None:
                return WireError(
                    "invalid_api_key",
                    "The ephemeral key is invalid or has expired; create a new client secret.",
                )
            return None
        if self.api_keys is not None and key not in self.api_keys:
            return WireError(
                "invalid_api_key",
                f"Incorrect API key provided: {_masked(key)}. You can find your API key at "
                "https://platform.openai.com/account/api-keys.",
            )
        return None
