"""The window on real devices, as a user runs it: ``translator gui --demo`` under Xvfb with a
private PulseAudio. Start is pressed from the keyboard, speech played into the virtual
microphone comes back as a translated row, and closing the window in the middle of the live
session still ends the app through the normal shutdown: status 0, the run journalled as
finished with its translation. Timing on a shared 2-core machine is not promised: assert
what arrives, never how fast."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.pulse import PrivatePulse
from tests.support.speech import EN, speech_wav
from tests.support.xvfb import (
    START_TIMEOUT_S,
    assert_ends_cleanly,
    close_as_a_window_manager_does,
    launched,
    press_keys,
    wait_for_main_window,
    wait_until,
    xvfb_display,
)
from translator.transcript.journal import JOURNAL_SUFFIX, read_journal

pytestmark = [pytest.mark.device, pytest.mark.speech, pytest.mark.slow, pytest.mark.timeout(300)]


def _journals(data_dir: Path) -> list[Path]:
    return sorted((data_dir / "history").glob(f"*{JOURNAL_SUFFIX}"))


def _translated(data_dir: Path) -> list[str]:
    found = _journals(data_dir)
    if not found:
        return []
    return [s.target_text for s in read_journal(found[-1]).run.segments if s.status == "completed"]


def test_closing_the_window_mid_session_ends_cleanly_and_keeps_the_translation(
    private_pulse: PrivatePulse, tmp_path: Path
) -> None:
    paplay = shutil.which("paplay")
    assert paplay is not None, "paplay (pulseaudio-utils) is needed"
    wav = speech_wav(tmp_path / "say.wav", EN[:1], gap_s=1.5)
    data_dir = Path(os.environ["TRANSLATOR_DATA_DIR"])  # this test's own (tests/conftest.py)
    log = tmp_path / "app.log"
    with xvfb_display() as display:
        env = {
            **private_pulse.env,
            "DISPLAY": display,
            "QT_QPA_PLATFORM": "xcb",
            "TRANSLATOR_DATA_DIR": str(data_dir),
            "TRANSLATOR_CONFIG_DIR": os.environ["TRANSLATOR_CONFIG_DIR"],
        }
        env.pop("OPENAI_API_KEY", None)
        command = [sys.executable, "-m", "translator", "gui", "--demo"]
        with launched(command, env, log) as app:
            window = wait_for_main_window(display, app, log)
            press_keys(display, window, "ctrl+Return")  # Start, on the system's default devices
            wait_until(lambda: bool(_journals(data_dir)), START_TIMEOUT_S, "the run to begin")
            subprocess.run(
                [paplay, "--device=virtual_mic", str(wav)], env=env, check=True, timeout=120
            )
            wait_until(lambda: bool(_translated(data_dir)), 120, "a translated row")
            assert app.poll() is None, log.read_text()
            close_as_a_window_manager_does(display, window)  # the session is still live
            assert_ends_cleanly(app, log)
    (journal,) = _journals(data_dir)
    read = read_journal(journal)
    assert read.finished, "the run was not ended: the shutdown did not close the session"
    assert [s.target_text for s in read.run.segments if s.status == "completed"] == [
        "[demo] Frase traducida 1"
    ]
