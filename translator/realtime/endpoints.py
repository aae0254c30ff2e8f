"""Where a session connects: the URL, headers and wire dialect of one engine on one provider.

Reference §1.1–§1.5. Providers: OpenAI (``wss://api.openai.com/v1``, Bearer key), Azure GA
(``/openai/v1/realtime?model=DEPLOYMENT``), Azure preview (``/openai/realtime?api-version=…&
deployment=…``, beta dialect), a custom base URL, and the local server (a custom base URL on
loopback). Engines: ``realtime`` (GA), ``translate`` (``/realtime/translations``), ``legacy``
(beta). Headers carry secrets: an ``Endpoint`` never prints them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal
from urllib.parse import urlencode, urlsplit

OPENAI_BASE_URL = "wss://api.openai.com/v1"
AZURE_PREVIEW_API_VERSION = "2025-04-01-preview"

Engine = Literal["realtime", "translate", "legacy"]
Transport = Literal["websocket", "webrtc", "auto"]


class EndpointError(ValueError):
    """A URL or provider setting that cannot work; the message says what to change."""


@dataclass(frozen=True)
class Credential:
    """An API key (sent as ``Authorization: Bearer`` to OpenAI, ``api-key`` to Azure) or an
    Entra token (always Bearer)."""

    value: str = field(repr=False)
    kind: Literal["api_key", "entra_token"] = "api_key"

    def __str__(self) -> str:
        return f"<{self.kind} …{self.value[-4:]}>" if len(self.value) > 8 else f"<{self.kind}>"


@dataclass(frozen=True)
class Endpoint:
    url: str
    headers: tuple[tuple[str, str], ...] = field(repr=False)
    model: str
    dialect: Engine = "realtime"
    transport: Transport = "websocket"
    """How sessions connect: a WebSocket, a WebRTC call (GA and translate), or a call that
    falls back to a WebSocket (:mod:`translator.realtime.transport`)."""

    def __str__(self) -> str:
        return self.url


def _websocket_base(url: str, allow_insecure: bool) -> str:
    """``https://x`` → ``wss://x``; plain ``ws://`` only on loopback unless allowed."""
    url = url.strip().rstrip("/")
    if "://" not in url:
        url = f"wss://{url}"
    parts = urlsplit(url)
    scheme = {"https": "wss", "http": "ws"}.get(parts.scheme, parts.scheme)
    if scheme not in {"ws", "wss"}:
        raise EndpointError(f"{url!r} is not a ws(s):// or http(s):// URL; use wss://HOST/…")
    host = parts.hostname or ""
    if scheme == "ws" and not (
        host in {"localhost", "::1"} or host.startswith("127.") or allow_insecure
    ):
        raise EndpointError(
            f"{url!r} would send the API key unencrypted; use wss:// (or pass --allow-insecure)"
        )
    return parts._replace(scheme=scheme).geturl()


def openai(
    credential: Credential | str,
    model: str,
    engine: Engine = "realtime",
    base_url: str = OPENAI_BASE_URL,
    *,
    allow_insecure: bool = False,
) -> Endpoint:
    """OpenAI or any OpenAI-compatible base URL (``…/v1``): GA, translate or the beta shape."""
    token = credential.value if isinstance(credential, Credential) else credential
    base = _websocket_base(base_url, allow_insecure)
    path = "/realtime/translations" if engine == "translate" else "/realtime"
    headers: list[tuple[str, str]] = [("Authorization", f"Bearer {token}")]
    if engine == "legacy":
        headers.append(("OpenAI-Beta", "realtime=v1"))
    return Endpoint(f"{base}{path}?{urlencode({'model': model})}", tuple(headers), model, engine)


def openai_realtime(
    api_key: str, model: str, base_url: str = OPENAI_BASE_URL, *, allow_insecure: bool = False
) -> Endpoint:
    """GA Realtime on OpenAI or a compatible base URL (reference §1.3)."""
    return openai(api_key, model, "realtime", base_url, allow_insecure=allow_insecure)


def azure(
    resource_url: str,
    deployment: str,
    credential: Credential,
    engine: Engine = "realtime",
    api_version: str = AZURE_PREVIEW_API_VERSION,
    *,
    allow_insecure: bool = False,
) -> Endpoint:
    """Azure OpenAI: GA (``/openai/v1/realtime?model=DEPLOYMENT``) or, for the ``legacy``
    engine, a preview deployment (``/openai/realtime?api-version=…&deployment=…``)."""
    if engine == "translate":
        raise EndpointError(
            "gpt-realtime-translate is not offered through Azure; use the realtime engine, "
            "or the OpenAI provider for translate"
        )
    base = _websocket_base(resource_url, allow_insecure)
    if urlsplit(base).path not in {"", "/"}:
        raise EndpointError(
            f"{resource_url!r}: give the resource URL only, e.g. https://NAME.openai.azure.com"
        )
    if credential.kind == "entra_token":
        headers = (("Authorization", f"Bearer {credential.value}"),)
    else:
        headers = (("api-key", credential.value),)
    if engine == "legacy":
        query = urlencode({"api-version": api_version, "deployment": deployment})
        return Endpoint(f"{base}/openai/realtime?{query}", headers, deployment, "legacy")
    return Endpoint(
        f"{base}/openai/v1/realtime?{urlencode({'model': deployment})}", headers, deployment
    )
