"""Start and what is around it, as a user sees them: a green Start and a red Stop whose white
text stands out (WCAG 4.5:1, measured on the rendered pixels, light and dark), the connecting
state then a live clock beside Stop, and the transcript's hint while it is empty."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication

from tests.gui.conftest import QtLoop, wav_backend
from tests.gui.test_theme import contrast
from tests.support.speech import EN, speech_wav
from tests.support.waiting import wait_until
from translator.gui.controller import InterpreterController
from translator.gui.main_window import MainWindow
from translator.gui.theme import AppTheme


def _background(widget: Any) -> QColor:
    """The colour most of the widget is painted in."""
    image = widget.grab().toImage()
    pixels = Counter(
        image.pixel(x, y)
        for x in range(2, image.width() - 2, 3)
        for y in range(2, image.height() - 2, 3)
    )
    return QColor.fromRgb(pixels.most_common(1)[0][0])


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_start_is_green_stop_red_and_the_clock_says_connecting_then_live(
    qtbot: Any, qt_loop: QtLoop, tmp_path: Path, scheme: str
) -> None:
    theme = AppTheme(QApplication.instance())  # type: ignore[arg-type]
    theme.apply(scheme)
    controller = InterpreterController(demo=True, backend_factory=wav_backend([]))
    window = MainWindow(controller, theme=theme)
    qtbot.addWidget(window)
    window.set_devices([str(speech_wav(tmp_path / "mic.wav", EN[:1]))], [str(tmp_path / "o.wav")])
    white = QColor("#ffffff")
    seen: list[str] = []

    async def scenario() -> None:
        window.show()
        start = _background(window.start_stop)
        assert start.green() > start.red() and contrast(white, start) >= 4.5, start.name()
        assert window.empty_hint.isVisible() and not window.run_clock.isVisible()
        qtbot.mouseClick(window.start_stop, Qt.MouseButton.LeftButton)
        assert window.run_clock.isVisible()
        seen.append(window.run_clock.text())

        def live() -> bool:
            seen.append(window.run_clock.text())
            return seen[-1].startswith("Live")

        await wait_until(live, 30, "the clock to say live")
        stop = _background(window.start_stop)
        assert stop.red() > stop.green() and contrast(white, stop) >= 4.5, stop.name()
        await wait_until(lambda: window.transcript.rowCount() > 0, 60, "a row")
        assert not window.empty_hint.isVisible()  # rows: the hint steps aside
        said_at = window.transcript.item(0, 4).text()  # when, by this computer's clock
        assert re.search(r"\d{1,2}[:.]\d\d", said_at), said_at
        # the live run is the one exported, not the last one
        window.export_actions["json"].trigger()  # type: ignore[index]
        window.export_dialog.selectFile(str(tmp_path / "live.json"))
        window.export_dialog.accept()
        exported = (tmp_path / "live.json").read_text(encoding="utf-8")
        assert controller.run is not None and controller.run.id in exported
        assert re.fullmatch(r"Live 0:00:\d\d", window.run_clock.text()), window.run_clock.text()
        qtbot.mouseClick(window.start_stop, Qt.MouseButton.LeftButton)
        await wait_until(lambda: not controller.running, 30, "the run to stop")
        assert not window.run_clock.isVisible()
        assert _background(window.start_stop).name() == start.name()

    qt_loop.run(scenario)
    assert seen[0] == "Connecting…"  # before the sessions are up
    theme.apply("light")
