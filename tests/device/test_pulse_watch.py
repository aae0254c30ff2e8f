"""The PulseAudio watch on its own: it finds the server's stream behind each PortAudio stream,
tells only the stream whose device was removed, leaves nothing behind (its thread ends with
the last stream), and stays out of the way where there is no server."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.pulse import PrivatePulse

pytestmark = [pytest.mark.device]

PROBE = r"""
import json, threading, time
from translator.audio.backends import PortAudioBackend

backend = PortAudioBackend()
silence = lambda data, now: data.fill(0)
speakers = backend.open_stream("output", "speakers", silence, block_ms=20)
other = backend.open_stream("output", "virtual_mic_sink", silence, block_ms=20)
mic = backend.open_stream("input", "mic", lambda data, now: None, block_ms=20)
for stream in (speakers, other, mic):
    stream.start()
print(json.dumps({"ready": True}), flush=True)
input()  # the test removes the speakers' sink, then answers
deadline = time.monotonic() + 30
while not (speakers.failure or "").startswith("the system") and time.monotonic() < deadline:
    time.sleep(0.02)
report = {"failures": [s.failure for s in (speakers, other, mic)]}
for stream in (speakers, other, mic):
    stream.close()
time.sleep(0.5)
report["threads"] = sorted(t.name for t in threading.enumerate())
print(json.dumps(report), flush=True)
"""


def test_only_the_stream_on_the_removed_device_is_told_and_the_watch_then_ends(
    tmp_path: Path,
) -> None:
    with PrivatePulse() as pulse:
        child = subprocess.Popen(
            [sys.executable, "-c", PROBE],
            env=pulse.env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        try:
            assert child.stdin is not None and child.stdout is not None
            assert json.loads(child.stdout.readline()) == {"ready": True}
            pulse.add_fallback()
            pulse.unload("speakers")
            child.stdin.write("\n")
            child.stdin.flush()
            report = json.loads(child.stdout.readline())
        finally:
            child.kill()
            child.wait()
    assert report["failures"] == ["the system removed Speakers", None, None]
    assert "pulse-watch" not in report["threads"]


def test_no_server_means_nothing_to_watch(tmp_path: Path) -> None:
    env = {**os.environ, "PULSE_SERVER": f"unix:{tmp_path}/no-such-socket"}
    code = "from translator.audio.pulse import process_watch; print(process_watch())"
    done = subprocess.run(
        [sys.executable, "-c", code],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.stdout.strip() == "None", done.stderr
