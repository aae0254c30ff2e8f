"""Exact URL, query and headers of every provider × engine (reference §1.1–§1.5)."""

from __future__ import annotations

import pytest

from translator.realtime.endpoints import Credential, EndpointError, azure, openai

KEY = Credential("sk-test-1234567890")
AZURE_KEY = Credential("azkey-abcdef")
ENTRA = Credential("eyJ0eXAi.token", "entra_token")


def test_openai_ga() -> None:
    e = openai(KEY, "gpt-realtime-mini")
    assert e.url == "wss://api.openai.com/v1/realtime?model=gpt-realtime-mini"
    assert e.headers == (("Authorization", "Bearer sk-test-1234567890"),)
    assert e.dialect == "realtime"
    assert not any(name == "OpenAI-Beta" for name, _ in e.headers)  # fatal on GA


def test_openai_translate() -> None:
    e = openai(KEY, "gpt-realtime-translate", "translate")
    assert e.url == "wss://api.openai.com/v1/realtime/translations?model=gpt-realtime-translate"
    assert e.headers == (("Authorization", "Bearer sk-test-1234567890"),)
    assert e.dialect == "translate"


def test_openai_beta_shape_carries_the_beta_header() -> None:
    e = openai(KEY, "gpt-4o-mini-realtime-preview-2024-12-17", "legacy")
    assert e.url == (
        "wss://api.openai.com/v1/realtime?model=gpt-4o-mini-realtime-preview-2024-12-17"
    )
    assert ("OpenAI-Beta", "realtime=v1") in e.headers
    assert e.dialect == "legacy"


def test_azure_ga_with_api_key() -> None:
    e = azure("https://contoso.openai.azure.com/", "my-mini", AZURE_KEY)
    assert e.url == "wss://contoso.openai.azure.com/openai/v1/realtime?model=my-mini"
    assert e.headers == (("api-key", "azkey-abcdef"),)
    assert e.dialect == "realtime"


def test_azure_ga_with_entra_token() -> None:
    e = azure("contoso.openai.azure.com", "my-mini", ENTRA)
    assert e.headers == (("Authorization", "Bearer eyJ0eXAi.token"),)


def test_azure_preview_deployment_speaks_the_beta_dialect() -> None:
    e = azure("https://contoso.openai.azure.com", "seed-mini", AZURE_KEY, "legacy")
    assert e.url == (
        "wss://contoso.openai.azure.com/openai/realtime"
        "?api-version=2025-04-01-preview&deployment=seed-mini"
    )
    assert e.headers == (("api-key", "azkey-abcdef"),)
    assert e.dialect == "legacy"
    older = azure(
        "https://contoso.openai.azure.com", "d", AZURE_KEY, "legacy", "2024-10-01-preview"
    )
    assert "api-version=2024-10-01-preview" in older.url


def test_translate_is_not_offered_on_azure() -> None:
    with pytest.raises(EndpointError, match="not offered through Azure"):
        azure("https://contoso.openai.azure.com", "d", AZURE_KEY, "translate")


def test_custom_base_url_like_the_sdk_websocket_base_url() -> None:
    e = openai(KEY, "gpt-realtime-mini", base_url="ws://127.0.0.1:8765/v1")
    assert e.url == "ws://127.0.0.1:8765/v1/realtime?model=gpt-realtime-mini"
    e = openai(KEY, "m", base_url="https://gateway.example.com/openai/v1/")
    assert e.url == "wss://gateway.example.com/openai/v1/realtime?model=m"


def test_plain_ws_is_refused_off_loopback_unless_allowed() -> None:
    with pytest.raises(EndpointError, match=r"unencrypted.*--allow-insecure"):
        openai(KEY, "m", base_url="ws://10.1.2.3:8765/v1")
    assert openai(KEY, "m", base_url="ws://10.1.2.3:8765/v1", allow_insecure=True).url.startswith(
        "ws://10.1.2.3"
    )
    assert openai(KEY, "m", base_url="ws://localhost:1/v1").url.startswith("ws://localhost")


def test_azure_resource_url_with_a_path_is_explained() -> None:
    with pytest.raises(EndpointError, match="resource URL only"):
        azure("https://contoso.openai.azure.com/openai/v1", "d", AZURE_KEY)


def test_endpoints_never_print_their_secrets() -> None:
    for e in (openai(KEY, "m"), azure("https://c.openai.azure.com", "d", AZURE_KEY)):
        assert "sk-test" not in repr(e) and "azkey" not in repr(e)
        assert "sk-test" not in str(e) and "azkey" not in str(e)
