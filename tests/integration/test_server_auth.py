"""The local server refuses connections exactly as the real service does: after the 101 upgrade,
with an ``error`` event and a close code (reference §1.3, §5.4, §5.5)."""

from __future__ import annotations

import pytest
from websockets.exceptions import ConnectionClosed, InvalidStatus

from tests.integration.server_peer import judge, open_peer
from translator.server.app import LocalRealtimeServer
from translator.server.options import ServerOptions

FAST = ServerOptions(time_scale=20)


async def _refused(
    peer_kwargs: dict[str, object], **server_kwargs: object
) -> tuple[dict, int, str]:
    async with LocalRealtimeServer(options=FAST, **server_kwargs) as server:  # type: ignore[arg-type]
        async with open_peer(server, created=False, **peer_kwargs) as peer:  # type: ignore[arg-type]
            error = await peer.recv()
            with pytest.raises(ConnectionClosed):
                await peer.recv()
            assert peer.ws.close_code is not None and peer.ws.close_reason is not None
            code, reason = peer.ws.close_code, peer.ws.close_reason
        judge(server.connections)
    assert error["type"] == "error"
    return error["error"], code, reason


async def test_missing_key_is_refused_with_3000() -> None:
    error, code, reason = await _refused({"key": None})
    assert (code, reason) == (3000, "invalid_request_error")
    assert error["code"] is None
    assert error["message"] == "Missing bearer or basic authentication in header"


async def test_wrong_key_is_refused_with_3000_when_keys_are_configured() -> None:
    error, code, reason = await _refused({"key": "sk-wrong-key-1234"}, api_keys=["sk-right"])
    assert (code, reason) == (3000, "invalid_request_error.invalid_api_key")
    assert error["code"] == "invalid_api_key"
    assert "sk-wrong-key-1234" not in error["message"] and error["message"].endswith(
        "https://platform.openai.com/account/api-keys."
    )


async def test_configured_key_is_accepted() -> None:
    async with (
        LocalRealtimeServer(options=FAST, api_keys=["sk-right"]) as server,
        open_peer(server, key="sk-right") as peer,
    ):
        assert peer.events[0]["session"]["model"] == "gpt-realtime-2.1-mini"


async def test_missing_model_is_refused_with_4000() -> None:
    error, code, reason = await _refused({"model": None})
    assert (code, reason, error["code"]) == (
        4000,
        "invalid_request_error.missing_model",
        "missing_model",
    )


@pytest.mark.parametrize(
    "model",
    ["gpt-nonexistent", "gpt-realtime-translate", "gpt-4o-mini-realtime-preview-2024-12-17"],
)
async def test_model_outside_the_ga_catalog_is_refused_with_4000(model: str) -> None:
    error, code, reason = await _refused({"model": model})
    assert (code, reason, error["code"]) == (
        4000,
        "invalid_request_error.invalid_model",
        "invalid_model",
    )
    assert model in error["message"]


async def test_beta_header_on_ga_path_is_refused_with_4000() -> None:
    error, code, reason = await _refused({"headers": {"OpenAI-Beta": "realtime=v1"}})
    assert (code, reason) == (4000, "invalid_request_error.beta_api_shape_disabled")
    assert error["code"] == "beta_api_shape_disabled"


async def test_authentication_is_checked_before_the_request_shape() -> None:
    error, code, _ = await _refused({"key": None, "headers": {"OpenAI-Beta": "realtime=v1"}})
    assert code == 3000 and error["code"] is None


async def test_unknown_path_gets_no_websocket() -> None:
    from websockets.asyncio.client import connect

    async with LocalRealtimeServer(options=FAST) as server:
        with pytest.raises(InvalidStatus) as refused:
            async with connect(f"{server.url}/elsewhere?model=gpt-realtime-2.1-mini"):
                pass
        assert refused.value.response.status_code == 404
        assert server.url.startswith("ws://127.0.0.1:") and server.url.endswith("/v1")
