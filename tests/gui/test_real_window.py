"""The app as users start it, under Xvfb: ``python -m translator gui --demo`` shows its main
window (and nothing modal), draws it, and quits with status 0 on ``--quit-after``, on the
window's close (as a window manager asks for it) and on SIGTERM, all through the normal
shutdown."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

TOOLS = ("Xvfb", "xdotool", "import", "identify")
START_TIMEOUT_S = 60.0  # a loaded 2-core machine can be slow to import Qt


@pytest.fixture
def display() -> Iterator[str]:
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    if missing:
        pytest.skip(f"needs {', '.join(missing)} (scripts/bootstrap.sh installs them)")
    read, write = os.pipe()
    # -displayfd: Xvfb picks a free display number and writes it when it is ready to serve
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write), "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
        pass_fds=(write,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    with os.fdopen(read) as ready:
        number = ready.readline().strip()
    try:
        assert number, "Xvfb did not start"
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(timeout=30)


def _launch(display: str, log: Path, *command: str) -> subprocess.Popen[bytes]:
    env = {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb"}
    env.pop("OPENAI_API_KEY", None)
    return subprocess.Popen(
        [sys.executable, "-m", "translator", *command],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=log.open("wb"),
    )


def _visible_windows(display: str) -> list[tuple[str, str]]:
    """(window id, title) of every visible window with a title."""
    env = {**os.environ, "DISPLAY": display}
    found = subprocess.run(
        ["xdotool", "search", "--onlyvisible", "--name", "."],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    windows = []
    for wid in found.stdout.split():
        name = subprocess.run(
            ["xdotool", "getwindowname", wid], env=env, capture_output=True, text=True, check=False
        )
        windows.append((wid, name.stdout.strip()))
    return windows


def _wait_for_window(display: str, app: subprocess.Popen[bytes], log: Path) -> str:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        assert app.poll() is None, f"the app exited early:\n{log.read_text()}"
        titled = [(wid, name) for wid, name in _visible_windows(display) if name]
        if any(name == "Translator" for _, name in titled) and b"window ready" in log.read_bytes():
            assert [name for _, name in titled] == ["Translator"], f"other windows: {titled}"
            return next(wid for wid, name in titled if name == "Translator")
        time.sleep(0.2)
    raise AssertionError(f"no 'Translator' window within {START_TIMEOUT_S:g} s:\n{log.read_text()}")


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


def _close_as_a_window_manager_does(display: str, window_id: str) -> None:
    """The title bar's close button: a WM_DELETE_WINDOW message to the window (ICCCM 4.2.8)."""
    from Xlib import X, protocol
    from Xlib.display import Display

    connection = Display(display)
    try:
        window = connection.create_resource_object("window", int(window_id))
        delete = connection.intern_atom("WM_DELETE_WINDOW")
        assert delete in (window.get_wm_protocols() or []), "the window does not take a close"
        message = protocol.event.ClientMessage(
            window=window,
            client_type=connection.intern_atom("WM_PROTOCOLS"),
            data=(32, [delete, X.CurrentTime, 0, 0, 0]),
        )
        window.send_event(message, event_mask=X.NoEventMask)
        connection.flush()
    finally:
        connection.close()


def test_the_app_shows_its_window_draws_it_and_quits_cleanly(display: str, tmp_path: Path) -> None:
    log = tmp_path / "quit-after.log"
    app = _launch(
        display, log, "gui", "--demo", "--quit-after", "8"
    )  # leaves time to look on a busy machine
    try:
        window = _wait_for_window(display, app, log)
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
        assert app.wait(timeout=START_TIMEOUT_S) == 0, log.read_text()
    finally:
        if app.poll() is None:
            app.kill()
            app.wait()
    assert "closed cleanly" in log.read_text()

    log = tmp_path / "window-close.log"
    app = _launch(display, log, "gui", "--demo")
    try:
        _close_as_a_window_manager_does(display, _wait_for_window(display, app, log))
        assert app.wait(timeout=START_TIMEOUT_S) == 0, log.read_text()
    finally:
        if app.poll() is None:
            app.kill()
            app.wait()
    assert "closed cleanly" in log.read_text()

    log = tmp_path / "sigterm.log"
    app = _launch(display, log, "--demo")  # the short form the frozen app's smoke test uses
    try:
        _wait_for_window(display, app, log)
        app.send_signal(signal.SIGTERM)
        assert app.wait(timeout=START_TIMEOUT_S) == 0, log.read_text()
    finally:
        if app.poll() is None:
            app.kill()
            app.wait()
    assert "closed cleanly" in log.read_text()
