"""Where a run connects: a provider's settings and its key, turned into one ``Endpoint``.

Shared by ``translator run`` (flags) and the window (settings). Providers: ``openai`` (its
own URL), ``custom`` (any OpenAI-compatible base URL), ``azure`` (resource + deployment), and
``local`` (the project's own server, at a URL the caller started). Keys come from the
``KeyStore`` in its precedence (flag > environment > keyring); a missing key is an
``EndpointError`` whose message says how to add one.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Literal

from translator.realtime.endpoints import (
    AZURE_PREVIEW_API_VERSION,
    OPENAI_BASE_URL,
    Credential,
    Endpoint,
    EndpointError,
    Engine,
    Transport,
    azure,
    openai,
)
from translator.secrets import KeyStore, missing_key_message

Provider = Literal["openai", "azure", "custom", "local"]


def endpoint_for(
    provider: Provider,
    model: str,
    engine: Engine,
    keys: KeyStore,
    *,
    api_key: str | None = None,
    base_url: str | None = None,
    azure_endpoint: str | None = None,
    deployment: str | None = None,
    api_version: str | None = None,
    allow_insecure: bool = False,
    transport: Transport = "websocket",
) -> Endpoint:
    """The endpoint of ``engine`` on ``provider``; for ``local`` and ``custom`` ``base_url`` is
    the server's ``ws(s)://…/v1``. Raises ``EndpointError`` with what to change."""
    if transport == "webrtc" and engine == "legacy":
        raise EndpointError(
            "WebRTC needs the realtime or translate engine (the Azure preview engine speaks "
            "WebSocket only); use --transport websocket or auto"
        )
    endpoint = _endpoint(
        provider,
        model,
        engine,
        keys,
        api_key=api_key,
        base_url=base_url,
        azure_endpoint=azure_endpoint,
        deployment=deployment,
        api_version=api_version,
        allow_insecure=allow_insecure,
    )
    return replace(endpoint, transport=transport)


def _endpoint(
    provider: Provider,
    model: str,
    engine: Engine,
    keys: KeyStore,
    *,
    api_key: str | None,
    base_url: str | None,
    azure_endpoint: str | None,
    deployment: str | None,
    api_version: str | None,
    allow_insecure: bool,
) -> Endpoint:
    if provider == "local":
        if not base_url:
            raise EndpointError("the local server has no URL yet; start it first")
        return openai(Credential("local"), model, engine, base_url)
    if provider == "azure":
        if not (azure_endpoint and deployment):
            raise EndpointError(
                "Azure needs the resource URL and the deployment name; enter both in Settings "
                "(or pass --azure-endpoint and --deployment)"
            )
        found = keys.find("azure", api_key)
        if found is None:
            raise EndpointError(missing_key_message("azure"))
        return azure(
            azure_endpoint,
            deployment,
            found.credential,
            engine,
            api_version or AZURE_PREVIEW_API_VERSION,
            allow_insecure=allow_insecure,
        )
    if provider == "custom" and not base_url:
        raise EndpointError(
            "a custom provider needs its base URL (wss://HOST/v1); enter it in Settings "
            "(or pass --base-url)"
        )
    found = keys.find(provider, api_key)
    if found is None:  # a custom server takes an OpenAI-style key, from the same places
        raise EndpointError(missing_key_message("openai"))
    return openai(
        found.credential,
        model,
        engine,
        base_url or OPENAI_BASE_URL,
        allow_insecure=allow_insecure,
    )
