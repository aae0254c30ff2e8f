"""``translator serve`` from the command line: URL first, serves, stops on SIGTERM."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import sys
from pathlib import Path

import pytest
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed

from tests.support.children import tied_to_this_process

ROOT = Path(__file__).resolve().parents[2]


async def _start(*args: str) -> tuple[asyncio.subprocess.Process, str]:
    process = await asyncio.create_subprocess_exec(
        *tied_to_this_process([sys.executable, "-m", "translator", "serve", "--port", "0", *args]),
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
        cwd=ROOT,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    assert process.stdout is not None
    first = (await asyncio.wait_for(process.stdout.readline(), 30)).decode().strip()
    return process, first


async def test_serve_prints_its_url_first_serves_and_stops_on_sigterm() -> None:
    process, url = await _start("--api-key", "sk-cli", "--fault", "rate_limited_error")
    try:
        assert url.startswith("ws://127.0.0.1:") and url.endswith("/v1")
        async with connect(
            f"{url}/realtime?model=gpt-realtime-2.1-mini",
            additional_headers={"Authorization": "Bearer sk-cli"},
        ) as ws:
            assert json.loads(await ws.recv())["type"] == "session.created"
            await ws.send(json.dumps({"type": "response.create"}))
            assert json.loads(await ws.recv())["error"]["code"] == "rate_limit_exceeded"
        async with connect(
            f"{url}/realtime?model=gpt-realtime-2.1-mini",
            additional_headers={"Authorization": "Bearer sk-other"},
        ) as ws:
            assert json.loads(await ws.recv())["error"]["code"] == "invalid_api_key"
            with pytest.raises(ConnectionClosed):
                await ws.recv()
            assert ws.close_code == 3000
    finally:
        process.send_signal(signal.SIGTERM)
        code = await asyncio.wait_for(process.wait(), 30)
    assert code == 0


async def _rejected(*args: str) -> bytes:
    """``translator serve ARGS`` exits with 2 before listening; returns its stderr."""
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "translator", "serve", *args,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE, cwd=ROOT,
    )  # fmt: skip
    out, err = await asyncio.wait_for(process.communicate(), 30)
    assert process.returncode == 2 and out == b""
    return err


async def test_serve_rejects_a_bad_fault_before_listening() -> None:
    assert b"unknown fault 'meltdown'" in await _rejected("--fault", "meltdown")


async def test_serve_speaks_every_dialect_on_its_path() -> None:
    process, url = await _start("--api-key", "sk-cli", "--deployment", "big=gpt-realtime")
    base = url.removesuffix("/v1")
    bearer = {"Authorization": "Bearer sk-cli"}
    paths = {
        f"{url}/realtime/translations?model=gpt-realtime-translate": (bearer, "translation"),
        f"{base}/openai/v1/realtime?model=big": ({"api-key": "sk-cli"}, "gpt-realtime"),
        f"{base}/openai/realtime?api-version=2025-04-01-preview&deployment=seed": (
            {"api-key": "sk-cli"},
            "gpt-4o-mini-realtime-preview-2024-12-17",
        ),
    }
    try:
        for path, (headers, expected) in paths.items():
            async with connect(path, additional_headers=headers) as ws:
                session = json.loads(await ws.recv())["session"]
                assert expected in (session.get("type"), session["model"]), path
    finally:
        process.send_signal(signal.SIGTERM)
        code = await asyncio.wait_for(process.wait(), 30)
    assert code == 0


async def test_serve_rejects_a_deployment_of_an_unknown_model() -> None:
    assert b"unknown realtime model 'gpt-9'" in await _rejected("--deployment", "x=gpt-9")
