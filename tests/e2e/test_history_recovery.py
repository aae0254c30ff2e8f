"""A real `translator run` killed with SIGKILL mid-session: every utterance it had finished is
in the journal, listed as unfinished and exported by `translator export latest`."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import sys
from pathlib import Path

import pytest
import srt
import webvtt

from tests.e2e.conftest import local_en_es
from tests.support.speech import EN, speech_wav
from translator.server.app import LocalRealtimeServer
from translator.server.brain import ScriptedBrain
from translator.server.options import ServerOptions

pytestmark = [pytest.mark.speech, pytest.mark.slow]
QUICK = ServerOptions(transcription_delay_s=0.3, response_created_delay_s=0.05)


async def _translator(*args: str, env: dict[str, str]) -> tuple[int, str, str]:
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "translator",
        *args,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
        env=env,
    )
    out, err = await asyncio.wait_for(proc.communicate(), 60)
    assert proc.returncode is not None
    return proc.returncode, out.decode(), err.decode()


async def test_sigkill_mid_session_loses_no_finished_utterance(
    tmp_path: Path, bilingual_brain: ScriptedBrain
) -> None:
    said = EN[:5]
    env = {
        **os.environ,
        "TRANSLATOR_DATA_DIR": str(tmp_path / "data"),
        "OPENAI_API_KEY": "",
        "PYTHON_KEYRING_BACKEND": "keyring.backends.null.Keyring",
    }
    async with LocalRealtimeServer(brain=bilingual_brain, options=QUICK) as server:
        proc = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "translator",
            "run",
            *local_en_es(server.url),
            "--input",
            str(speech_wav(tmp_path / "in.wav", said)),
            "--output",
            str(tmp_path / "out.wav"),
            "--pace",
            "realtime",
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.DEVNULL,
            env=env,
        )
        assert proc.stdout is not None
        shown: list[str] = []  # `translator run` prints a segment after journalling it
        while len(shown) < 2:
            line = await asyncio.wait_for(proc.stdout.readline(), 60)
            assert line, "translator run ended before two utterances were finished"
            if line.startswith(b"[ab"):
                shown.append(line.decode())
        proc.send_signal(signal.SIGKILL)
        await proc.wait()
    assert proc.returncode == -signal.SIGKILL

    code, out, err = await _translator("sessions", "--json", env=env)
    assert code == 0, err
    (listed,) = [json.loads(line) for line in out.splitlines()]
    assert listed["unfinished"] is True and listed["languages"] == ["en", "es"]

    code, out, err = await _translator("export", "latest", "-o", "-", "--format", "json", env=env)
    assert code == 0, err
    recovered = [s for s in json.loads(out)["segments"] if s["status"] == "completed"]
    assert len(recovered) >= 2
    expected = [(e.text, e.translations["es"]) for e in said[: len(recovered)]]
    assert [(s["source_text"], s["target_text"]) for s in recovered] == expected
    assert all(s["source_final"] for s in recovered)

    code, _, err = await _translator(
        "export", listed["id"][:4], "-o", str(tmp_path / "talk.srt"), env=env
    )
    assert code == 0, err
    cues = [c.content for c in srt.parse((tmp_path / "talk.srt").read_text())]
    for text, translation in expected:
        assert f"Speaker: {text}" in cues and f"Speaker: {translation}" in cues


async def test_a_finished_run_is_journalled_whole_with_playback_times(
    tmp_path: Path, bilingual_brain: ScriptedBrain
) -> None:
    said = EN[:2]
    env = {
        **os.environ,
        "TRANSLATOR_DATA_DIR": str(tmp_path / "data"),
        "OPENAI_API_KEY": "",
        "PYTHON_KEYRING_BACKEND": "keyring.backends.null.Keyring",
    }
    async with LocalRealtimeServer(brain=bilingual_brain, options=QUICK) as server:
        code, _, err = await _translator(
            "run",
            *local_en_es(server.url),
            "--voice",
            "cedar",
            "--input",
            str(speech_wav(tmp_path / "in.wav", said)),
            "--output",
            str(tmp_path / "out.wav"),
            "--pace",
            "fast",
            env=env,
        )
    assert code == 0, err
    code, out, err = await _translator("sessions", "--json", env=env)
    (listed,) = [json.loads(line) for line in out.splitlines()]
    assert listed["unfinished"] is False and listed["segments"] == 2

    code, out, err = await _translator("export", "latest", "-o", "-", "--format", "json", env=env)
    run = json.loads(out)
    assert run["ended_at"] is not None and run["voices"] == {"ab": "cedar"}
    assert run["devices"]["input"].endswith("in.wav")
    assert run["usage"]["output_audio"] > 0
    for segment in run["segments"]:
        # the translation plays after the speech that caused it, for as long as it lasts
        assert segment["playback_start_s"] > segment["end_s"]
        assert segment["playback_end_s"] > segment["playback_start_s"] + 0.5

    code, out, err = await _translator(
        "export", "latest", "-o", "-", "--format", "vtt", "--track", "translation", env=env
    )
    assert code == 0, err
    cues = webvtt.from_string(out).captions
    assert [c.text for c in cues] == [e.translations["es"] for e in said]
    starts = [
        round(sum(float(part) * 60**i for i, part in enumerate(reversed(c.start.split(":")))), 3)
        for c in cues
    ]
    assert starts == [round(s["playback_start_s"], 3) for s in run["segments"]]
