"""Screenshots of the window's main states, each checked for what a user would see wrong.

    python scripts/screenshots.py OUT_DIR [--languages en es] [--schemes light dark]

Renders welcome, demo, ready, live, settings, call set-up, error, history and overlay in every
UI language and colour scheme asked for, as ``OUT_DIR/<state>-<language>-<scheme>.png``
(``docs/screenshots/`` holds the README's). The states are reached the way a run reaches them:
the controller's signals carry the sample conversation's lines, the session states and the bill;
no service is contacted. Each image must not be blank and no visible label, button or check box
may be cut off (its text wider or taller than the room it has). Prints each problem and exits 1
if there is any. Settings and history go to a scratch folder, never the user's.

Runs Qt on whatever platform ``QT_QPA_PLATFORM`` names (the tests: xcb on Xvfb).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

SCRATCH = Path(tempfile.mkdtemp(prefix="translator-screenshots-"))
os.environ["TRANSLATOR_CONFIG_DIR"] = str(SCRATCH / "config")
os.environ["TRANSLATOR_DATA_DIR"] = str(SCRATCH / "data")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QImage  # noqa: E402
from PySide6.QtWidgets import (  # noqa: E402
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QCheckBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QWidget,
)

from translator.app import sample  # noqa: E402
from translator.app.errors import Problem  # noqa: E402
from translator.app.readings import Bill, Headroom, SessionState  # noqa: E402
from translator.gui.controller import InterpreterController  # noqa: E402
from translator.gui.dialogs.history import HistoryWindow  # noqa: E402
from translator.gui.i18n import UiTranslation  # noqa: E402
from translator.gui.main_window import MainWindow  # noqa: E402
from translator.gui.theme import AppTheme  # noqa: E402
from translator.secrets import KeyStore  # noqa: E402
from translator.settings import Settings  # noqa: E402
from translator.transcript.history import History  # noqa: E402
from translator.transcript.journal import Journal  # noqa: E402
from translator.transcript.model import Run, Segment  # noqa: E402

INPUTS = ["Built-in Microphone", "USB Headset", "CABLE Output (VB-Audio Virtual Cable)"]
OUTPUTS = ["Speakers", "USB Headset", "CABLE Input (VB-Audio Virtual Cable)"]
SIZE = (1000, 700)  # the main window; --size sets another (a narrow screen: 760x600)


def conversation() -> list[Segment]:
    """The sample conversation as a run shows it: every line done but the last, translating."""
    segments = []
    for n, line in enumerate(sample.conversation()):
        ab = line.side == 1
        source, target = ("en", "es") if ab else ("es", "en")
        last = n == len(sample.conversation()) - 1
        speaker = "You" if ab else "Them"
        segments.append(
            Segment(
                id=f"{'ab' if ab else 'ba'}-{n}",
                direction="ab" if ab else "ba",
                speaker=speaker,
                source_language=source,
                source_text=line.texts[source],
                source_final=True,
                target_language=target,
                target_text=line.texts[target][: len(line.texts[target]) // 2] if last else
                line.texts[target],
                start_s=6.0 * n,
                end_s=6.0 * n + 3.0,
                latency_ms=None if last else 900.0 + 40 * n,
                status="translating" if last else "completed",
            )
        )  # fmt: skip
    return segments


def _label_fits(label: QLabel) -> bool:
    """Its text, as drawn (ink, not advance: a glyph may overhang), inside the label."""
    if label.wordWrap() or label.textFormat() == Qt.TextFormat.RichText or "<" in label.text():
        return label.heightForWidth(label.width()) <= label.height() + 1
    room = label.contentsRect()
    plain = label.text().replace("&&", "\0").replace("&", "").replace("\0", "&")
    metrics = label.fontMetrics()
    ink = metrics.boundingRect(plain)
    advance = metrics.horizontalAdvance(plain)
    align = label.alignment()
    if align & Qt.AlignmentFlag.AlignRight:
        start = room.left() + room.width() - advance
    elif align & Qt.AlignmentFlag.AlignHCenter:
        start = room.left() + (room.width() - advance) // 2
    else:
        start = room.left()
    return start + ink.left() >= 0 and start + ink.left() + ink.width() <= label.width()


def clipped(root: QWidget) -> list[str]:
    """Every visible label, button and check box of ``root`` whose text does not fit."""
    found = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisible() or widget.width() <= 0:
            continue
        shown = widget.visibleRegion().boundingRect()  # (children hide their parent: leaves)
        leaf = isinstance(widget, (QLabel, QAbstractButton, QComboBox, QLineEdit, QAbstractSpinBox))
        if leaf and not shown.isEmpty() and shown.width() < widget.width() - 1:  # cut off
            name = widget.accessibleName() or type(widget).__name__
            found.append(f"{name!r} shows {shown.width()} of its {widget.width()} px")
            continue
        if isinstance(widget, QLabel) and widget.text() and widget.pixmap().isNull():
            text, fits = widget.text(), _label_fits(widget)
        elif isinstance(widget, (QAbstractButton, QCheckBox)) and widget.text():
            text = widget.text()
            fits = widget.minimumSizeHint().width() <= widget.width() + 1
        else:
            continue
        if not fits:
            name = widget.accessibleName() or type(widget).__name__
            found.append(f"{name!r} ({text[:40]!r}) is cut off at {widget.width()} px")
    return found


def blank(image: QImage) -> bool:
    """Fewer than three colours on a grid over the image: nothing was drawn."""
    colours = {
        image.pixel(x, y)
        for x in range(0, image.width(), max(1, image.width() // 40))
        for y in range(0, image.height(), max(1, image.height() // 40))
    }
    return len(colours) < 3


class Shooter:
    """One language and scheme: builds each state's window, shoots it, checks it."""

    def __init__(
        self,
        app: QApplication,
        out: Path,
        language: str,
        scheme: str,
        size: tuple[int, int] = SIZE,
    ) -> None:
        self.app, self.out, self.language, self.scheme = app, out, language, scheme
        self.size = size
        self.problems: list[str] = []
        self.theme = AppTheme(app)
        self.theme.apply(scheme)
        UiTranslation(app).install(language)

    def settle(self) -> None:
        for _ in range(20):
            self.app.processEvents()

    def shoot(self, state: str, widget: QWidget) -> None:
        self.settle()
        image = widget.grab().toImage()
        path = self.out / f"{state}-{self.language}-{self.scheme}.png"
        image.save(str(path))
        where = f"{path.name}:"
        if blank(image):
            self.problems.append(f"{where} blank")
        self.problems += [f"{where} {problem}" for problem in clipped(widget)]

    def window(self, *, key: bool = True, welcome: bool = False) -> tuple[MainWindow, Any]:
        environ = {"OPENAI_API_KEY": "sk-screenshots"} if key else {}
        keys = KeyStore(environ=environ)
        controller = InterpreterController(demo=False, keys=keys, keep_history=False)
        settings = Settings(
            first_run_done=not welcome, theme=self.scheme, ui_language=self.language
        )
        window = MainWindow(controller, settings=settings, keys=keys, theme=self.theme)
        window.set_devices(INPUTS, OUTPUTS, INPUTS[0], OUTPUTS[0])
        window.resize(*self.size)
        window.show()
        return window, controller

    def states(self) -> Iterator[tuple[str, Callable[[], QWidget]]]:
        yield "welcome", lambda: self.window(welcome=True)[0]
        yield "demo", lambda: self.window(key=False)[0]
        yield "ready", lambda: self.window()[0]
        yield "live", self.live
        yield "settings", self.settings
        yield "call", self.call
        yield "error", self.error
        yield "history", self.history
        yield "overlay", self.overlay

    def live(self) -> QWidget:
        window, controller = self.window()
        window.mode.setCurrentIndex(window.mode.findData("face"))
        controller.running_changed.emit(True)
        controller.run_started.emit(self.run(mode="face", segments=[]))
        for key in ("ab", "ba"):
            controller.session_changed.emit(SessionState(key, "live"))
        for segment in conversation():
            controller.segment_changed.emit(segment)
        headroom = (Headroom("ab", "tokens", 38_000, 40_000),)
        controller.bill_changed.emit(Bill(0.0412, 9_870, 0.0, headroom))
        return window

    def settings(self) -> QWidget:
        window, _ = self.window()
        window.show_settings_window()
        return window.settings_window

    def call(self) -> QWidget:
        window, _ = self.window()
        window.mode.setCurrentIndex(window.mode.findData("call"))
        window.return_input_device.setCurrentIndex(2)
        window.return_output_device.setCurrentIndex(1)
        return window

    def error(self) -> QWidget:
        window, controller = self.window()
        controller.failed.emit(
            Problem(
                "network",
                "the service could not be reached ([Errno 111] Connect call failed)",
                "check the network connection and the endpoint URL, then start again",
            )
        )
        return window

    def history(self) -> QWidget:
        folder = SCRATCH / f"history-{self.language}-{self.scheme}"
        run = self.run(mode="call", segments=conversation())
        journal = Journal(run.model_copy(update={"segments": [], "ended_at": None}), folder)
        for segment in run.segments:
            journal.record(segment)
        journal.end(run)
        journal.close()
        window = HistoryWindow(History(folder))
        window.resize(900, 420)
        window.show()
        return window

    @staticmethod
    def run(*, mode: str, segments: list[Segment]) -> Run:
        return Run.model_validate(
            {
                "id": "5f0c2a9e1b7d",
                "started_at": "2026-12-04T14:30:00+00:00",
                "ended_at": "2026-12-04T14:42:10+00:00",
                "mode": mode,
                "engine": "realtime",
                "model": "gpt-realtime-2.1-mini",
                "languages": ("en", "es"),
                "title": "Quarterly review with Madrid",
                "segments": segments,
            }
        )

    def overlay(self) -> QWidget:
        window, _ = self.window()
        overlay = window.overlay
        overlay.show()
        overlay.show_segment(conversation()[3])
        return overlay


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--languages", nargs="+", default=["en", "es"])
    parser.add_argument("--schemes", nargs="+", default=["light", "dark"])
    parser.add_argument(
        "--size", default=f"{SIZE[0]}x{SIZE[1]}", help="the main window's size, WxH"
    )
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    app = QApplication([sys.argv[0]])
    app.setAttribute(Qt.ApplicationAttribute.AA_DontUseNativeDialogs)
    problems: list[str] = []
    for language in args.languages:
        for scheme in args.schemes:
            width, height = (int(n) for n in args.size.split("x"))
            shooter = Shooter(app, args.out, language, scheme, (width, height))
            for state, build in shooter.states():
                widget = build()
                shooter.shoot(state, widget)
                for top in QApplication.topLevelWidgets():
                    top.close()
                    top.deleteLater()
                shooter.settle()
            problems += shooter.problems
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
