"""The window on real devices, as a user runs it: ``translator gui --demo`` under Xvfb with a
private PulseAudio. Start is pressed from the keyboard, speech played into the virtual
microphone comes back as a translated row, and closing the window in the middle of the live
session still ends the app through the normal shutdown: status 0, the run journalled as
finished with its translation. Timing on a shared 2-core machine is not promised: assert
what arrives, never how fast."""

from __future__ import annotations

import os
import re
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
from translator.settings import DeviceSettings, Settings, SettingsStore
from translator.transcript.journal import JOURNAL_SUFFIX, read_journal

pytestmark = [pytest.mark.device, pytest.mark.speech, pytest.mark.slow, pytest.mark.timeout(300)]


def _journals(data_dir: Path) -> list[Path]:
    return sorted((data_dir / "history").glob(f"*{JOURNAL_SUFFIX}"))


def _translated(data_dir: Path) -> list[str]:
    found = _journals(data_dir)
    if not found:
        return []
    return [s.target_text for s in read_journal(found[-1]).run.segments if s.status == "completed"]


def _app_env(pulse: PrivatePulse, display: str, data_dir: Path) -> dict[str, str]:
    """The app's environment: the private PulseAudio, the display, this test's folders."""
    env = {
        **pulse.env,
        "DISPLAY": display,
        "QT_QPA_PLATFORM": "xcb",
        "TRANSLATOR_DATA_DIR": str(data_dir),
        "TRANSLATOR_CONFIG_DIR": os.environ["TRANSLATOR_CONFIG_DIR"],
    }
    env.pop("OPENAI_API_KEY", None)
    return env


def test_closing_the_window_mid_session_ends_cleanly_and_keeps_the_translation(
    private_pulse: PrivatePulse, tmp_path: Path
) -> None:
    paplay = shutil.which("paplay")
    assert paplay is not None, "paplay (pulseaudio-utils) is needed"
    wav = speech_wav(tmp_path / "say.wav", EN[:1], gap_s=1.5)
    data_dir = Path(os.environ["TRANSLATOR_DATA_DIR"])  # this test's own (tests/conftest.py)
    log = tmp_path / "app.log"
    with xvfb_display() as display:
        env = _app_env(private_pulse, display, data_dir)
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


def test_a_device_removed_mid_session_is_reported_and_the_run_keeps_its_translation(
    tmp_path: Path,
) -> None:
    """The speakers' sink is removed while the window interprets onto it (PulseAudio would move
    the sound elsewhere unheard of): the run stops saying why, its translation kept, and the
    window stays up until the user closes it."""
    paplay = shutil.which("paplay")
    assert paplay is not None, "paplay (pulseaudio-utils) is needed"
    wav = speech_wav(tmp_path / "say.wav", EN[:1], gap_s=1.5)
    data_dir = Path(os.environ["TRANSLATOR_DATA_DIR"])
    log = tmp_path / "app.log"
    # PulseAudio's removal, or (now and then) PortAudio's own stream stopping with it
    stopped = re.compile(
        r"the run stopped: speakers \[ALSA\] stopped during the run \((the system removed "
        r"Speakers|the device went away or its driver stopped)\); plug it back in or pick another "
        r"device, then start again"
    )
    with PrivatePulse() as pulse, xvfb_display() as display:  # its own: a device is removed
        env = _app_env(pulse, display, data_dir)
        settings = Settings(devices=DeviceSettings(input="mic", output="speakers"))
        SettingsStore().save(settings.model_copy(update={"first_run_done": True}))
        command = [sys.executable, "-m", "translator", "gui", "--demo"]
        with launched(command, env, log) as app:
            window = wait_for_main_window(display, app, log)
            press_keys(display, window, "ctrl+Return")
            wait_until(lambda: bool(_journals(data_dir)), START_TIMEOUT_S, "the run to begin")
            subprocess.run(
                [paplay, "--device=virtual_mic", str(wav)], env=env, check=True, timeout=120
            )
            wait_until(lambda: bool(_translated(data_dir)), 120, "a translated row")
            pulse.add_fallback()
            pulse.unload("speakers")
            wait_until(lambda: bool(stopped.search(log.read_text())), 30, "the stop reported")
            wait_until(lambda: read_journal(_journals(data_dir)[-1]).finished, 60, "the run to end")
            assert app.poll() is None, log.read_text()  # the window stays, saying why
            close_as_a_window_manager_does(display, window)
            assert_ends_cleanly(app, log)
    assert "[demo] Frase traducida 1" in _translated(data_dir)  # what was said before, kept
