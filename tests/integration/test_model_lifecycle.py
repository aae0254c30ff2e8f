"""The model lifecycle check against the local server's ``/v1/models`` (real HTTP on loopback):
dates as the service publishes them, warnings 30 days ahead, refusal after, the successor named,
silence when the provider has nothing to say, and the service's own refusal mapped alike."""

from __future__ import annotations

import asyncio
import datetime
import json
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from translator.lifecycle import CACHE_FILE, check_model, models_url
from translator.realtime.config import TranslationConfig
from translator.realtime.endpoints import Credential, azure, openai
from translator.realtime.errors import ModelRetired
from translator.realtime.session import RealtimeSession
from translator.server.app import LocalRealtimeServer
from translator.server.options import ServerOptions

KEY = "sk-lifecycle"
TODAY = datetime.date.today()
RETIRING = "gpt-realtime-mini"


def _dates(**days_from_today: int) -> ServerOptions:
    dates = {
        model.replace("_", "-"): (TODAY + datetime.timedelta(days=days)).isoformat()
        for model, days in days_from_today.items()
    }
    return ServerOptions(shutdown_dates=dates)


def _get(url: str, key: str | None = KEY) -> tuple[int, dict]:  # type: ignore[type-arg]
    request = urllib.request.Request(url, headers={"Authorization": f"Bearer {key}"} if key else {})
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read())


async def test_the_models_directory_answers_like_openais(tmp_path: Path) -> None:
    from openai.types import Model

    options = _dates(gpt_realtime_mini=10)
    async with LocalRealtimeServer(api_keys=[KEY], options=options) as server:
        base = server.url.replace("ws://", "http://")
        status, listing = await asyncio.to_thread(_get, f"{base}/models")
        one_status, one = await asyncio.to_thread(_get, f"{base}/models/{RETIRING}")
        missing_status, missing = await asyncio.to_thread(_get, f"{base}/models/gpt-nonexistent")
        anonymous_status, _ = await asyncio.to_thread(_get, f"{base}/models", None)
    assert status == 200 and listing["object"] == "list"
    models = {m["id"]: Model.model_validate(m) for m in listing["data"]}  # the SDK's own model
    assert {"gpt-realtime-2.1-mini", "gpt-realtime-translate", RETIRING} <= set(models)
    assert models["gpt-realtime-2.1-mini"].shutdown_date is None
    assert one_status == 200 and one["shutdown_date"] == options.shutdown_dates[RETIRING]
    assert (missing_status, missing["error"]["code"]) == (404, "model_not_found")
    assert anonymous_status == 401
    assert all(set(m) == set(Model.model_fields) for m in listing["data"])  # no unknown fields


@pytest.mark.parametrize("engine", ["realtime", "translate"])
async def test_a_model_retiring_in_ten_days_warns_with_date_and_successor(engine: str) -> None:
    model = RETIRING if engine == "realtime" else "gpt-realtime-translate"
    options = ServerOptions(shutdown_dates={model: str(TODAY + datetime.timedelta(days=10))})
    async with LocalRealtimeServer(api_keys=[KEY], options=options) as server:
        lifecycle = await check_model(openai(KEY, model, engine, server.url))  # type: ignore[arg-type]
    assert lifecycle.state == "retiring" and lifecycle.source == "service"
    assert lifecycle.refusal() is None
    warning = lifecycle.warning or ""
    assert f"{model} shuts down on OpenAI on {TODAY + datetime.timedelta(days=10)}" in warning
    assert "in 10 days" in warning
    if engine == "realtime":
        assert "switch to gpt-realtime-2.1-mini" in warning


async def test_a_retired_model_is_refused_naming_the_successor() -> None:
    async with LocalRealtimeServer(api_keys=[KEY], options=_dates(gpt_realtime_mini=-1)) as server:
        lifecycle = await check_model(openai(KEY, RETIRING, base_url=server.url))
        records = list(server.connections)
    refusal = lifecycle.refusal()
    assert isinstance(refusal, ModelRetired)
    assert (
        refusal.message == f"{RETIRING} was shut down by OpenAI on {TODAY - datetime.timedelta(1)}"
    )
    assert "gpt-realtime-2.1-mini" in refusal.action
    assert records == []  # the check is plain HTTP: no websocket was opened


@pytest.mark.parametrize(
    "options",
    [ServerOptions(), _dates(gpt_realtime_mini=45), ServerOptions(models_endpoint=False)],
    ids=["no-date", "far-off", "no-models-endpoint"],
)
async def test_nothing_to_say_means_no_warning(options: ServerOptions) -> None:
    async with LocalRealtimeServer(api_keys=[KEY], options=options) as server:
        lifecycle = await check_model(openai(KEY, RETIRING, base_url=server.url))
    assert lifecycle.state == "active" and lifecycle.warning is None and lifecycle.refusal() is None


async def test_offline_is_no_error_and_azure_is_not_asked() -> None:
    async with LocalRealtimeServer() as server:
        url = server.url
    offline = await check_model(openai(KEY, RETIRING, base_url=url))  # the server is gone
    assert offline.state == "active" and offline.source is None
    endpoint = azure("https://example.openai.azure.com", "mini", Credential("k"))
    assert models_url(endpoint) is None
    assert (await check_model(endpoint)).state == "active"


async def test_the_answer_is_kept_for_the_day(tmp_path: Path) -> None:
    async with LocalRealtimeServer(api_keys=[KEY], options=_dates(gpt_realtime_mini=5)) as server:
        endpoint = openai(KEY, RETIRING, base_url=server.url)
        first = await check_model(endpoint, cache=tmp_path)
    again = await check_model(endpoint, cache=tmp_path)  # the server is gone: from the cache
    tomorrow = await check_model(endpoint, cache=tmp_path, today=TODAY + datetime.timedelta(1))
    assert first.shutdown == again.shutdown == TODAY + datetime.timedelta(days=5)
    assert again.source == "service" and tomorrow.shutdown is None
    assert KEY not in (tmp_path / CACHE_FILE).read_text()


async def test_the_services_refusal_of_a_retired_model_gets_the_same_message() -> None:
    """A session opened without the check (or a date the service moved) still fails with the
    lifecycle message, not the service's URL."""
    async with LocalRealtimeServer(api_keys=[KEY], options=_dates(gpt_realtime_mini=0)) as server:
        config = TranslationConfig(source_language="en", target_language="es", model=RETIRING)
        session = RealtimeSession(openai(KEY, RETIRING, base_url=server.url), config, print)
        with pytest.raises(ModelRetired) as refused:
            await session.start()
        await session.close()
        records = list(server.connections)
    assert [r.close_code for r in records] == [4000]
    assert str(refused.value) == (
        f"{RETIRING} has been shut down by OpenAI; switch to gpt-realtime-2.1-mini "
        "(the window's Switch button, or --model gpt-realtime-2.1-mini)"
    )
