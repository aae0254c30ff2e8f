"""End-to-end helpers: speech WAVs in, the real `translator run` command, WAVs and transcripts out.

The command runs as a subprocess (as users and scripts run it) against the local server started
in-process by the test, with a scripted brain that knows both scripts (English and Spanish).
"""

from __future__ import annotations

import asyncio
import json
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.support.speech import EN, ES, speech_wav
from translator.server.brain import ScriptedBrain


@pytest.fixture(scope="session")
def bilingual_brain() -> ScriptedBrain:
    return ScriptedBrain([*EN, *ES])


def one_sentence(tmp_path: Path, *, fast: bool = True) -> list[str]:
    """``--input``/``--output``: one English sentence in a WAV file, its translation beside it."""
    files = ["--input", str(speech_wav(tmp_path / "in.wav", EN[:1])), "--output"]
    return [*files, str(tmp_path / "out.wav"), *(["--pace", "fast"] if fast else [])]


def local_en_es(url: str) -> list[str]:
    """English → Spanish against the in-process local server at ``url``."""
    return ["--from", "en", "--to", "es", "--base-url", url, "--api-key", "sk-local"]


@dataclass
class Cli:
    code: int
    stdout: str
    stderr: str
    transcript: dict[str, Any] | None


async def translator_run(
    *args: str,
    transcript: Path | None = None,
    timeout: float = 120,
    prefix: Sequence[str] = (),
) -> Cli:
    """``translator run ARGS``; ``prefix`` goes before the interpreter (a namespace, say)."""
    # no key from the environment or this machine's keyring may leak into a test
    env = {
        **os.environ,
        "OPENAI_API_KEY": "",
        "PYTHON_KEYRING_BACKEND": "keyring.backends.null.Keyring",
    }
    extra = ["--transcript", str(transcript)] if transcript else []
    proc = await asyncio.create_subprocess_exec(
        *prefix,
        sys.executable,
        "-m",
        "translator",
        "run",
        *args,
        *extra,
        "--no-history",
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
        env=env,
    )
    out, err = await asyncio.wait_for(proc.communicate(), timeout)
    data = json.loads(transcript.read_text()) if transcript and transcript.exists() else None
    assert proc.returncode is not None
    return Cli(proc.returncode, out.decode(), err.decode(), data)
