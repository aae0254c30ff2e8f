"""`translator devices` and `translator run` on real PortAudio devices (a private PulseAudio):
speech played into the virtual microphone is interpreted; Ctrl-C drains and exits 0; a second
Ctrl-C exits 130. Timing on a shared 2-core machine is not promised: assert what arrives, never
how fast."""

from __future__ import annotations

import asyncio
import json
import re
import shutil
import signal
import sys
from pathlib import Path

import pytest

from tests.e2e.conftest import local_en_es
from tests.support.children import tied_to_this_process
from tests.support.pulse import PrivatePulse
from tests.support.speech import EN, speech_wav
from tests.support.waiting import wait_until
from translator.server.app import LocalRealtimeServer
from translator.server.brain import ScriptedBrain
from translator.server.options import ServerOptions

pytestmark = [pytest.mark.device, pytest.mark.speech, pytest.mark.slow]


async def _spawn(pulse: PrivatePulse, *args: str) -> asyncio.subprocess.Process:
    env = {**pulse.env, "OPENAI_API_KEY": ""}
    return await asyncio.create_subprocess_exec(
        *tied_to_this_process([sys.executable, "-m", "translator", *args]),
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
        env=env,
    )


async def _said(proc: asyncio.subprocess.Process, what: bytes) -> None:
    """Wait until ``translator run`` writes a line with ``what`` on stderr."""
    assert proc.stderr is not None
    while what not in (line := await proc.stderr.readline()):
        assert line, f"translator run ended before saying {what!r}: {await proc.communicate()}"


async def _interpreting(pulse: PrivatePulse, url: str, *extra: str) -> asyncio.subprocess.Process:
    """``translator run`` from the virtual microphone to the speakers, once it listens."""
    proc = await _spawn(
        pulse,
        "run",
        *local_en_es(url),
        "--input",
        "mic",
        "--output",
        "speakers",
        "--no-history",
        *extra,
    )
    await _said(proc, b"translator: listening")  # devices open, Ctrl-C handled
    return proc


async def _say(pulse: PrivatePulse, wav: Path) -> None:
    """Speak into the virtual microphone, to the end."""
    paplay = shutil.which("paplay")
    assert paplay is not None, "paplay (pulseaudio-utils) is needed"
    player = await asyncio.create_subprocess_exec(
        paplay, "--device=virtual_mic", str(wav), env=pulse.env
    )
    await asyncio.wait_for(player.wait(), 120)


async def test_devices_lists_the_virtual_devices(private_pulse: PrivatePulse) -> None:
    proc = await _spawn(private_pulse, "devices")
    out, err = await asyncio.wait_for(proc.communicate(), 60)
    assert proc.returncode == 0, err.decode()
    rows = out.decode().splitlines()
    for name in ("mic", "speakers", "virtual_mic_sink"):  # the names --input/--output take
        assert any(row.endswith(f"  {name}") for row in rows), (name, rows)


async def test_speech_into_the_microphone_is_interpreted_and_ctrl_c_drains(
    private_pulse: PrivatePulse, tmp_path: Path
) -> None:
    said = EN[:1]
    wav = speech_wav(tmp_path / "say.wav", said, gap_s=1.5)
    transcript = tmp_path / "t.json"
    options = ServerOptions(transcription_delay_s=0.2)
    async with LocalRealtimeServer(brain=ScriptedBrain(EN), options=options) as server:
        proc = await _interpreting(
            private_pulse, server.url, "--transcript", str(transcript), "--drain-timeout", "60"
        )
        await _say(private_pulse, wav)
        await wait_until(
            lambda: any("response.done" in c.sent_types() for c in server.connections),
            120,
            "the translation of what was said",
        )
        proc.send_signal(signal.SIGINT)  # Ctrl-C: stop listening, finish what was said
        out, err = await asyncio.wait_for(proc.communicate(), 120)
    assert proc.returncode == 0, err.decode()
    data = json.loads(transcript.read_text())
    got = [(s["source_text"], s["target_text"], s["status"]) for s in data["segments"]]
    assert (said[0].text, said[0].translations["es"], "completed") in got
    assert said[0].translations["es"] in out.decode()


async def test_a_second_ctrl_c_exits_130(private_pulse: PrivatePulse, tmp_path: Path) -> None:
    """The first Ctrl-C waits for the translation still owed; the second one quits at once."""
    wav = speech_wav(tmp_path / "say.wav", EN[:1], gap_s=1.5)
    options = ServerOptions(response_created_delay_s=300)  # the translation stays owed
    async with LocalRealtimeServer(brain=ScriptedBrain(EN), options=options) as server:
        proc = await _interpreting(private_pulse, server.url)
        await _say(private_pulse, wav)
        await wait_until(
            lambda: any(
                "input_audio_buffer.committed" in c.sent_types() for c in server.connections
            ),
            120,
            "the utterance to reach the service",
        )
        proc.send_signal(signal.SIGINT)
        # Two signals sent at once may arrive as one (the kernel keeps one pending SIGINT): the
        # second Ctrl-C comes after the app has taken the first.
        await _said(proc, b"translator: stopping")
        proc.send_signal(signal.SIGINT)
        _, err = await asyncio.wait_for(proc.communicate(), 60)
    assert proc.returncode == 130, err.decode()
    assert err.decode().strip().splitlines()[-1].startswith("translator: error: interrupted twice")


@pytest.mark.parametrize("removed", ["speakers", "mic"])
async def test_a_device_removed_mid_run_ends_it_named_with_its_transcript(
    tmp_path: Path, removed: str
) -> None:
    """PulseAudio moves a stream whose device is removed to another device and PortAudio never
    hears of it; the run must: it ends, names the device, and keeps what was translated."""
    said = EN[:1]
    wav = speech_wav(tmp_path / "say.wav", said, gap_s=1.5)
    transcript = tmp_path / "t.json"
    with PrivatePulse() as pulse:  # its own: this test removes a device
        async with LocalRealtimeServer(brain=ScriptedBrain(EN)) as server:
            proc = await _interpreting(pulse, server.url, "--transcript", str(transcript))
            await _say(pulse, wav)
            await wait_until(
                lambda: any("response.done" in c.sent_types() for c in server.connections),
                120,
                "the translation of what was said",
            )
            pulse.add_fallback()
            pulse.unload(removed)
            await _said(proc, b"translator: stopping: ")  # at once, while the text comes in
            _, err = await asyncio.wait_for(proc.communicate(), 60)
    assert proc.returncode == 1, err.decode()
    description = {"speakers": "Speakers", "mic": "Mic"}[removed]
    # PulseAudio's removal, or (now and then) PortAudio's own stream stopping with it
    reasons = f"the system removed {description}|the device went away or its driver stopped"
    assert re.fullmatch(
        f"translator: error: {removed} \\[ALSA\\] stopped during the run \\(({reasons})\\); "
        "plug it back in or pick another device, then start again",
        err.decode().strip().splitlines()[-1],
    ), err.decode()
    data = json.loads(transcript.read_text())
    got = [(s["source_text"], s["target_text"], s["status"]) for s in data["segments"]]
    assert (said[0].text, said[0].translations["es"], "completed") in got
