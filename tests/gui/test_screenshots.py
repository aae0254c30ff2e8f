"""scripts/screenshots.py under Xvfb, as the docs' screenshots are made: every main state of
the window (welcome, demo, ready, live, settings, call, error, history, overlay) in each UI
language (English, Spanish, French, German), light and dark, rendered by the real xcb
platform; none blank and no text cut off (the script checks each label's ink, each button's
room, and every field its container might cut). The README shows
docs/screenshots/live-en-light.png: it must exist and be what the script makes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from tests.support.xvfb import xvfb_display

pytestmark = [pytest.mark.slow, pytest.mark.timeout(600)]

ROOT = Path(__file__).resolve().parents[2]
LANGUAGES = ("en", "es", "fr", "de")
ARGUMENTS = ("--languages", *LANGUAGES)
STATES = ("welcome", "demo", "ready", "live", "settings", "call", "error", "history", "overlay")


@pytest.mark.parametrize("size", ["1000x700", "760x600"], ids=["wide", "narrow"])
def test_every_main_state_renders_whole_in_every_language_and_scheme(
    tmp_path: Path, size: str
) -> None:
    out = tmp_path / "shots"
    with xvfb_display() as display:
        env = {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb"}
        done = subprocess.run(
            [
                sys.executable,
                str(ROOT / "scripts" / "screenshots.py"),
                str(out),
                *ARGUMENTS,
                "--size",
                size,
            ],
            env=env,
            capture_output=True,
            text=True,
            timeout=540,
            check=False,
        )
    problems = [line for line in done.stderr.splitlines() if ".png:" in line]
    assert done.returncode == 0 and not problems, done.stderr[-4000:]
    made = sorted(path.name for path in out.glob("*.png"))
    assert made == sorted(
        f"{state}-{language}-{scheme}.png"
        for state in STATES
        for language in LANGUAGES
        for scheme in ("light", "dark")
    )
    for name in made:
        image = QImage(str(out / name))
        assert image.width() >= 300 and image.height() >= 100, name
        if name.startswith(("ready", "live", "call")):  # the main window, at the size asked
            assert f"{image.width()}x{image.height()}" == size, name
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "docs/screenshots/live-en-light.png" in readme
    assert QImage(str(ROOT / "docs" / "screenshots" / "live-en-light.png")).width() >= 800
