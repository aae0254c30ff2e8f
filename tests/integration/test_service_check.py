"""The key checked when it is saved: one session opened against the local server and closed
as soon as the service accepts or refuses it, each refusal named for its cause."""

from __future__ import annotations

import pytest

from translator.app.interpreting import ProviderChoice, RunRequest, check_service
from translator.secrets import KeyStore
from translator.server.app import LocalRealtimeServer
from translator.server.options import ServerOptions

KEY = "sk-proj-right-key-0123456789"


def _request(base_url: str, key: str | None, model: str = "gpt-realtime-2.1-mini") -> RunRequest:
    return RunRequest(
        mode="listen",
        languages=("en", "es"),
        engine="realtime",
        model=model,
        provider=ProviderChoice("custom", api_key=key, base_url=base_url),
        devices={},
    )


async def test_the_right_key_is_accepted_and_the_session_closed_at_once() -> None:
    async with LocalRealtimeServer(options=ServerOptions(), api_keys=[KEY]) as server:
        assert await check_service(_request(server.url, KEY), KeyStore(environ={})) is None
        records = list(server.connections)
    assert len(records) == 1
    sent = [event["type"] for event in records[0].received]
    assert sent == []  # nothing asked of the service: no audio, no response, no cost


@pytest.mark.parametrize(
    ("key", "model", "path", "cause", "said"),
    [
        ("sk-proj-wrong-key-987654321", "gpt-realtime-2.1-mini", "", "key", "rejected the API key"),
        (KEY, "gpt-nonexistent-model", "", "model", "the model is not available"),
        (KEY, "gpt-realtime-2.1-mini", "/nowhere", "endpoint", "nothing at that address"),
    ],
)
async def test_a_refusal_says_its_cause(
    key: str, model: str, path: str, cause: str, said: str
) -> None:
    async with LocalRealtimeServer(options=ServerOptions(), api_keys=[KEY]) as server:
        problem = await check_service(_request(server.url + path, key, model), KeyStore(environ={}))
    assert problem is not None and problem.cause == cause, problem
    assert said in problem.what, problem.line


async def test_an_unreachable_service_is_a_network_problem() -> None:
    problem = await check_service(_request("ws://127.0.0.1:9/v1", KEY), KeyStore(environ={}))
    assert problem is not None and problem.cause == "network", problem
