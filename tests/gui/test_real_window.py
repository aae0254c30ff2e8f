"""The app as users start it, under Xvfb: ``python -m translator gui --demo`` shows its main
window (and nothing modal), draws it, and quits with status 0 on ``--quit-after``, on the
window's close (as a window manager asks for it) and on SIGTERM, all through the normal
shutdown."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import AbstractContextManager
from pathlib import Path
from subprocess import Popen

import pytest

from tests.support.xvfb import (
    START_TIMEOUT_S,
    assert_ends_cleanly,
    close_as_a_window_manager_does,
    launched,
    press_keys,
    wait_for_main_window,
    xvfb_display,
)

pytestmark = pytest.mark.slow


@pytest.fixture
def display() -> Iterator[str]:
    with xvfb_display() as number:
        yield number


def _launch(display: str, log: Path, *command: str) -> AbstractContextManager[Popen[bytes]]:
    env = {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb"}
    env.pop("OPENAI_API_KEY", None)
    return launched([sys.executable, "-m", "translator", *command], env, log)


def _gray_spread(display: str, target: str, image: Path) -> float:
    env = {**os.environ, "DISPLAY": display}
    subprocess.run(["import", "-window", target, str(image)], env=env, check=True)
    out = subprocess.run(
        ["identify", "-colorspace", "gray", "-format", "%[fx:standard_deviation]", str(image)],
        capture_output=True,
        text=True,
        check=True,
    )
    return float(out.stdout)


def test_the_app_shows_its_window_draws_it_and_quits_cleanly(display: str, tmp_path: Path) -> None:
    log = tmp_path / "quit-after.log"
    # --quit-after leaves time to look on a busy machine
    with _launch(display, log, "gui", "--demo", "--quit-after", "8") as app:
        window = wait_for_main_window(display, app, log)
        _gray_spread(display, "root", tmp_path / "screen.png")  # kept for a human to look at
        # the window itself, not the window against a black root: drawn widgets, not a flat
        # fill (the first frame may still be on its way when the window maps)
        spreads = []
        for _ in range(10):
            spreads.append(_gray_spread(display, window, tmp_path / "window.png"))
            if spreads[-1] > 0.05:
                break
            time.sleep(0.2)
        assert spreads[-1] > 0.05, f"the window looks blank: gray spreads {spreads}"
        assert_ends_cleanly(app, log)

    log = tmp_path / "window-close.log"
    with _launch(display, log, "gui", "--demo") as app:
        close_as_a_window_manager_does(display, wait_for_main_window(display, app, log))
        assert_ends_cleanly(app, log)

    log = tmp_path / "sigterm.log"
    with _launch(display, log, "--demo") as app:  # the short form the frozen app's test uses
        wait_for_main_window(display, app, log)
        app.send_signal(signal.SIGTERM)
        assert_ends_cleanly(app, log)


def _window_width(display: str, window: str) -> int:
    shown = subprocess.run(
        ["xdotool", "getwindowgeometry", "--shell", window],
        env={**os.environ, "DISPLAY": display},
        capture_output=True,
        text=True,
        check=True,
    )
    return int(dict(line.split("=", 1) for line in shown.stdout.split())["WIDTH"])


def test_opening_the_settings_widens_the_window_for_them(display: str, tmp_path: Path) -> None:
    log = tmp_path / "settings.log"
    with _launch(display, log, "gui", "--demo") as app:
        window = wait_for_main_window(display, app, log)
        before = _window_width(display, window)
        press_keys(display, window, "ctrl+comma")  # View → Settings
        deadline = time.monotonic() + START_TIMEOUT_S
        while _window_width(display, window) <= before:  # room for the dock's fields
            assert time.monotonic() < deadline, f"the window stayed {before} px wide"
            time.sleep(0.2)
        app.send_signal(signal.SIGTERM)
        assert_ends_cleanly(app, log)
