"""A real X display for tests (Xvfb), and what a user or a window manager does with a window on it:
find it by its title, look at it, close it."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.support.children import tied_to_this_process

TOOLS = ("Xvfb", "xdotool", "import", "identify")
START_TIMEOUT_S = 60.0  # a loaded 2-core machine can be slow to import Qt


@contextmanager
def xvfb_display() -> Iterator[str]:
    """A fresh Xvfb display (":N"); skips (a failure under CI=true) when the tools are missing."""
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    if missing:
        pytest.skip(f"needs {', '.join(missing)} (scripts/bootstrap.sh installs them)")
    read, write = os.pipe()
    # -displayfd: Xvfb picks a free display number and writes it when it is ready to serve
    server = subprocess.Popen(
        tied_to_this_process(
            ["Xvfb", "-displayfd", str(write), "-screen", "0", "1280x800x24", "-nolisten", "tcp"]
        ),
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


@contextmanager
def launched(
    command: list[str], env: dict[str, str], log: Path
) -> Iterator[subprocess.Popen[bytes]]:
    """Start ``command`` with its stderr in ``log``; killed if still running at the end."""
    with log.open("wb") as err:
        app = subprocess.Popen(
            tied_to_this_process(command), env=env, stdout=subprocess.DEVNULL, stderr=err
        )
    try:
        yield app
    finally:
        if app.poll() is None:
            app.kill()
        app.wait()


def assert_ends_cleanly(app: subprocess.Popen[bytes], log: Path) -> None:
    """Status 0 through the app's normal shutdown."""
    assert app.wait(timeout=START_TIMEOUT_S) == 0, log.read_text()
    assert "closed cleanly" in log.read_text()


def visible_windows(display: str) -> list[tuple[str, str]]:
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


def wait_for_main_window(
    display: str, app: subprocess.Popen[bytes], log: Path, title: str = "Translator"
) -> str:
    """The id of the app's main window once it is shown and the app logged it ready; nothing
    else (a message box, a dialog) may be open."""
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        assert app.poll() is None, f"the app exited early:\n{log.read_text()}"
        titled = [(wid, name) for wid, name in visible_windows(display) if name]
        if any(name == title for _, name in titled) and b"window ready" in log.read_bytes():
            assert [name for _, name in titled] == [title], f"other windows: {titled}"
            return next(wid for wid, name in titled if name == title)
        time.sleep(0.2)
    raise AssertionError(f"no {title!r} window within {START_TIMEOUT_S:g} s:\n{log.read_text()}")


def close_as_a_window_manager_does(display: str, window_id: str) -> None:
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
        # A round trip, not a flush: the message is in the server before the connection closes
        # (with a flush alone a loaded machine lost it, and the window never heard the close).
        connection.sync()
    finally:
        connection.close()


def press_keys(display: str, window_id: str, keys: str) -> None:
    """Type a key combination (xdotool's names, e.g. ``ctrl+Return``) into the window."""
    env = {**os.environ, "DISPLAY": display}
    subprocess.run(["xdotool", "windowfocus", "--sync", window_id], env=env, check=True)
    subprocess.run(["xdotool", "key", "--window", window_id, keys], env=env, check=True)


def wait_until(condition: Callable[[], bool], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"waited {timeout:g} s for {what}"
        time.sleep(0.3)
