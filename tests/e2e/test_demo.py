"""The keyless headless demo (what `scripts/run.sh` runs without a display) works, on the same
run path as every run, and leaves the user's history alone."""

from __future__ import annotations

import asyncio
import os
import sys
import wave
from pathlib import Path

import pytest

pytestmark = pytest.mark.speech


async def test_demo_interprets_three_sentences_without_a_key(tmp_path: Path) -> None:
    out = tmp_path / "demo.wav"
    env = {**os.environ, "OPENAI_API_KEY": ""}
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "translator",
        "demo",
        "--fast",
        "--to",
        "fr",
        "--output",
        str(out),
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
        env=env,
    )
    stdout, stderr = await asyncio.wait_for(proc.communicate(), 120)
    assert proc.returncode == 0, stderr.decode()
    lines = stdout.decode().splitlines()
    assert "[demo] #1 FR  Bonjour et merci de participer à l'appel.  (completed)" in lines
    assert "[demo] #3 FR  Commençons par le rapport trimestriel.  (completed)" in lines
    with wave.open(str(out)) as wav:
        assert wav.getframerate() == 24_000 and wav.getnframes() / 24_000 > 3.0
    assert "(3 of 3 sentences)" in stdout.decode()
    # journalled like every run, but in a scratch folder: the user's history stays as it was
    history = Path(os.environ["TRANSLATOR_DATA_DIR"]) / "history"
    assert not history.exists() or not any(history.iterdir())
