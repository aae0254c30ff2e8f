"""Key lookup order, the keyring, and the session-only fallback when there is no keyring."""

from __future__ import annotations

import logging

import pytest

from tests.support.keyrings import MemoryKeyring
from translator.secrets import KeyStore, missing_key_message


def test_flag_beats_environment_beats_keyring(memory_keyring: MemoryKeyring) -> None:
    store = KeyStore(environ={"OPENAI_API_KEY": "sk-env"})
    store.store("openai", "sk-ring")
    assert memory_keyring.data[("translator", "openai")] == "sk-ring"
    found = store.find("openai", flag="sk-flag")
    assert found is not None and found.credential.value == "sk-flag"
    assert found.origin == "command line"
    found = store.find("openai")
    assert found is not None and found.credential.value == "sk-env"
    assert found.origin == "environment variable OPENAI_API_KEY"
    found = KeyStore(environ={}).find("openai")
    assert found is not None and (found.credential.value, found.origin) == ("sk-ring", "OS keyring")


def test_azure_prefers_api_key_then_entra_token(memory_keyring: MemoryKeyring) -> None:
    both = KeyStore(environ={"AZURE_OPENAI_API_KEY": "k1", "AZURE_OPENAI_AD_TOKEN": "t1"})
    found = both.find("azure")
    assert found is not None and found.credential.kind == "api_key"
    token_only = KeyStore(environ={"AZURE_OPENAI_AD_TOKEN": "t1"}).find("azure")
    assert token_only is not None and token_only.credential.kind == "entra_token"


def test_without_a_keyring_the_key_is_kept_for_the_session_and_says_so(no_keyring: None) -> None:
    store = KeyStore(environ={})
    assert store.find("openai") is None
    where = store.store("openai", "sk-session")
    assert "this session only" in where
    found = store.find("openai")
    assert found is not None and found.origin == "this session"


def test_keys_never_show_in_reprs(memory_keyring: MemoryKeyring) -> None:
    store = KeyStore(environ={"OPENAI_API_KEY": "sk-very-secret-123456"})
    found = store.find("openai")
    assert found is not None
    assert "sk-very-secret" not in repr(found) and "sk-very-secret" not in str(found.credential)
    assert "sk-very-secret" not in repr(store)


def test_missing_key_message_says_how_to_set_one() -> None:
    message = missing_key_message("azure")
    assert "--api-key" in message and "AZURE_OPENAI_API_KEY or AZURE_OPENAI_AD_TOKEN" in message


async def test_api_keys_never_reach_debug_logs(caplog: pytest.LogCaptureFixture) -> None:
    """websockets logs every handshake header at debug level; the key must not be among them."""
    from translator.realtime.config import TranslationConfig
    from translator.realtime.endpoints import openai_realtime
    from translator.realtime.session import RealtimeSession
    from translator.server.app import LocalRealtimeServer

    caplog.set_level(logging.DEBUG)
    async with LocalRealtimeServer() as server:
        session = RealtimeSession(
            openai_realtime("sk-very-secret-value-42", "gpt-realtime-2.1-mini", server.url),
            TranslationConfig(source_language="en", target_language="es"),
            lambda event: None,
        )
        await session.start()
        await session.close()
    assert "Authorization" in caplog.text  # the handshake was logged...
    assert "sk-very-secret-value-42" not in caplog.text  # ...without the key
