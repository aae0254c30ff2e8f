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

ROOT = Path(__file__).resolve().parents[2]


async def _start(*args: str) -> tuple[asyncio.subprocess.Process, str]:
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "translator",
        "serve",
        "--port",
        "0",
        *args,
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
            f"{url}/realtime?model=gpt-realtime-mini",
            additional_headers={"Authorization": "Bearer sk-cli"},
        ) as ws:
            assert json.loads(await ws.recv())["type"] == "session.created"
            await ws.send(json.dumps({"type": "response.create"}))
            assert json.loads(await ws.recv())["error"]["code"] == "rate_limit_exceeded"
        async with connect(
            f"{url}/realtime?model=gpt-realtime-mini",
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


async def test_serve_rejects_a_bad_fault_before_listening() -> None:
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "translator",
        "serve",
        "--fault",
        "meltdown",
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
        cwd=ROOT,
    )
    out, err = await asyncio.wait_for(process.communicate(), 30)
    assert process.returncode == 2 and out == b""
    assert b"unknown fault 'meltdown'" in err
