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
    visible_windows,
    wait_for_main_window,
    wait_until,
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


def test_the_settings_open_in_a_window_of_their_own_and_escape_closes_it(
    display: str, tmp_path: Path
) -> None:
    log = tmp_path / "settings.log"
    with _launch(display, log, "gui", "--demo") as app:
        window = wait_for_main_window(display, app, log)
        before = _window_width(display, window)
        press_keys(display, window, "ctrl+comma")  # View → Settings

        def settings_window() -> str | None:
            titles = dict((name, wid) for wid, name in visible_windows(display))
            return titles.get("Settings — Translator")

        wait_until(lambda: settings_window() is not None, START_TIMEOUT_S, "the settings")
        assert _window_width(display, window) == before  # the page is not squeezed
        settings = settings_window()
        assert settings is not None, visible_windows(display)
        # the keyboard (XTEST) into the focused settings, as a user types: the press closes
        # the window, so a key sent to the window itself would find it gone for the release
        subprocess.run(
            ["xdotool", "windowfocus", "--sync", settings, "key", "Escape"],
            env={**os.environ, "DISPLAY": display},
            check=True,
        )
        wait_until(lambda: settings_window() is None, START_TIMEOUT_S, "Escape to close it")
        app.send_signal(signal.SIGTERM)
        assert_ends_cleanly(app, log)
