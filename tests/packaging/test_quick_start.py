"""The README's run command as a user runs it: ``bash scripts/run.sh`` on a display (Xvfb through
``xvfb-run -a``) sets up what is missing, opens the window, and ends with status 0 on SIGTERM.
It runs twice: the set-up is safe to repeat and, the second time, has nothing left to install."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest

from tests.support.children import tied_to_this_process

ROOT = Path(__file__).resolve().parents[2]
START_TIMEOUT_S = 300.0  # the first run may still have to install packages and the venv

pytestmark = [pytest.mark.slow, pytest.mark.timeout(900)]


def _visible_translator_windows(display: str, xauthority: str) -> list[str]:
    found = subprocess.run(
        ["xdotool", "search", "--onlyvisible", "--name", "^Translator$"],
        env={**os.environ, "DISPLAY": display, "XAUTHORITY": xauthority},
        capture_output=True,
        text=True,
        check=False,
    )
    return found.stdout.split()


def _run_the_readme_command(tmp_path: Path, name: str) -> str:
    """Start run.sh under xvfb-run, wait for the window, SIGTERM it; returns what it printed."""
    display_file, pid_file, log = (tmp_path / f"{name}.{s}" for s in ("display", "pid", "log"))
    env = {**os.environ}
    for variable in ("OPENAI_API_KEY", "QT_QPA_PLATFORM", "WAYLAND_DISPLAY", "DISPLAY"):
        env.pop(variable, None)
    # xvfb-run's display takes its cookie (XAUTHORITY) to connect; run.sh ends in
    # `exec translator gui`, so this shell's pid becomes the app's
    shell = 'echo "$DISPLAY $XAUTHORITY" > "$0"; echo "$$" > "$1"; exec bash "$2"'
    with log.open("wb") as out:
        wrapper = subprocess.Popen(
            tied_to_this_process(
                [
                    "xvfb-run",
                    "-a",
                    "-s",
                    "-screen 0 1280x800x24 -nolisten tcp",
                    "sh",
                    "-c",
                    shell,
                    str(display_file),
                    str(pid_file),
                    str(ROOT / "scripts" / "run.sh"),
                ]
            ),
            cwd=tmp_path,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + START_TIMEOUT_S
        while True:
            assert wrapper.poll() is None, f"run.sh ended early:\n{log.read_text()}"
            assert time.monotonic() < deadline, (
                f"no window in {START_TIMEOUT_S:g} s:\n{log.read_text()}"
            )
            display = display_file.read_text().split() if display_file.exists() else []
            if (
                len(display) == 2
                and "window ready" in log.read_text()
                and _visible_translator_windows(*display)
            ):
                break
            time.sleep(0.3)
        os.kill(int(pid_file.read_text()), signal.SIGTERM)
        assert wrapper.wait(timeout=120) == 0, log.read_text()
    finally:
        if wrapper.poll() is None:
            wrapper.kill()
            wrapper.wait()
    return log.read_text()


def test_the_readme_run_command_opens_the_window_and_ends_cleanly_on_sigterm(
    tmp_path: Path,
) -> None:
    missing = [tool for tool in ("xvfb-run", "Xvfb", "xauth", "xdotool") if not shutil.which(tool)]
    if missing:
        pytest.skip(f"needs {', '.join(missing)} (scripts/bootstrap.sh installs them)")
    first = _run_the_readme_command(tmp_path, "first")
    assert "closed cleanly" in first
    installed = _venv_stamps()
    assert installed, "run.sh left no .venv install stamp"
    second = _run_the_readme_command(tmp_path, "second")
    assert "closed cleanly" in second
    assert "bootstrap:" not in second, second  # nothing to install or to report
    assert _venv_stamps() == installed, "the second run reinstalled the venv"


def _venv_stamps() -> dict[str, int]:
    """bootstrap.sh's marks of a finished pip install, with their times."""
    return {p.name: p.stat().st_mtime_ns for p in (ROOT / ".venv").glob(".installed-*")}
