"""The window driven as a user would, on the offscreen platform: pick languages by typing,
swap them, start a demo session against the in-process local server fed from a WAV file, watch
the transcript fill in order, stop."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from tests.gui.conftest import QtLoop, wait_until
from tests.support.speech import EN, ES, speech_wav
from translator.audio.backends import AudioBackend, WavFileBackend
from translator.gui.controller import InterpreterController, SessionSettings
from translator.gui.main_window import MainWindow
from translator.server.tts import RATE
from translator.transcript.model import Segment


def _pick_language(qtbot: Any, combo: Any, typed: str) -> None:
    """Type part of a language's name and take the first suggestion, as a user would."""
    combo.setFocus()
    combo.lineEdit().selectAll()
    qtbot.keyClicks(combo.lineEdit(), typed)
    popup = combo.completer().popup()
    qtbot.waitUntil(popup.isVisible, timeout=10_000)
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)


def _wav_backend(opened: list[WavFileBackend]) -> Callable[[SessionSettings], AudioBackend]:
    """Devices named after WAV files: the speech the session hears, the files it plays into."""

    def open_files(settings: SessionSettings) -> AudioBackend:
        backend = WavFileBackend()
        for name in {settings.input, settings.return_input} - {None}:
            backend.add_input_file(str(name), Path(str(name)))
        for name in {settings.output, settings.return_output} - {None}:
            backend.add_output_file(str(name), Path(str(name)), RATE)
        opened.append(backend)
        return backend

    return open_files


def _rows(table: Any) -> list[list[str]]:
    return [
        [table.item(row, column).text() if table.item(row, column) else "" for column in range(4)]
        for row in range(table.rowCount())
    ]


def _finished(table: Any) -> int:
    """Rows the user can read whole: original, translation, done."""
    return sum(1 for row in _rows(table) if row[1] and row[2] and row[3].startswith("done"))


def test_languages_are_searchable_by_native_name_and_swap(qtbot: Any) -> None:
    window = MainWindow(InterpreterController(demo=True))
    qtbot.addWidget(window)
    window.show()
    _pick_language(qtbot, window.language_a, "german")  # matches inside "Deutsch (German)"
    _pick_language(qtbot, window.language_b, "fran")
    assert (window.language_a.currentData(), window.language_b.currentData()) == ("de", "fr")
    assert window.language_b.currentText() == "français (French)"
    qtbot.mouseClick(window.swap, Qt.MouseButton.LeftButton)
    assert (window.language_a.currentData(), window.language_b.currentData()) == ("fr", "de")
    assert window.banner.isVisible()  # demo mode says so


def test_every_control_has_an_accessible_name_and_takes_keyboard_focus(qtbot: Any) -> None:
    window = MainWindow(InterpreterController(demo=True))
    qtbot.addWidget(window)
    window.show()
    controls = [
        window.language_a,
        window.swap,
        window.language_b,
        window.mode,
        window.engine,
        window.voice_ab,
        window.voice_ba,
        window.input_device,
        window.output_device,
        window.start_stop,
        window.transcript,
    ]
    for call_only in (window.return_input_device, window.return_output_device):
        assert call_only.accessibleName() and not call_only.isVisible()  # shown in call mode
    for control in controls:
        assert control.accessibleName(), control
        assert control.focusPolicy() & Qt.FocusPolicy.TabFocus, control.accessibleName()
    # Tab (focusNextChild, what the Tab key does) walks from the first picker to every control
    window.language_a.setFocus()
    reached: set[QWidget] = set()
    for _ in range(40):
        window.focusNextChild()
        focused = window.focusWidget()
        while focused is not None and focused not in controls:
            focused = focused.parentWidget()  # an editable combo's line edit → the combo
        if focused is not None:
            reached.add(focused)
    assert reached == set(controls)


@pytest.mark.speech
@pytest.mark.slow
def test_demo_session_from_a_wav_fills_the_transcript_in_order_then_stops(
    qtbot: Any, qt_loop: QtLoop, tmp_path: Path
) -> None:
    said = EN[:3]
    speech = str(speech_wav(tmp_path / "speech.wav", said))
    heard = str(tmp_path / "heard.wav")
    opened: list[WavFileBackend] = []

    controller = InterpreterController(demo=True, backend_factory=_wav_backend(opened))
    window = MainWindow(controller)
    qtbot.addWidget(window)
    window.set_devices([speech], [heard])

    async def scenario() -> None:
        window.show()
        _pick_language(qtbot, window.language_b, "espa")
        qtbot.mouseClick(window.start_stop, Qt.MouseButton.LeftButton)
        assert window.start_stop.text() == "Stop"
        table = window.transcript

        meter: list[int] = []

        def finished() -> bool:
            meter.append(window.input_level.value())
            return _finished(table) == len(said)

        await wait_until(finished, 90, "three rows with original and translation")
        assert max(meter) > 20, meter  # above -40 dBFS: the input meter moved with the speech
        assert "A→B: live" in window.status.text()
        qtbot.mouseClick(window.start_stop, Qt.MouseButton.LeftButton)
        await wait_until(lambda: not controller.running, 30, "the session to stop")
        assert window.start_stop.text() == "Start"
        assert "A→B: stopped" in window.status.text()
        rows = _rows(table)
        assert [row[0] for row in rows] == ["A"] * len(said)
        # the demo brain numbers its translations as they are made: the rows are in spoken order
        assert [row[2].split("] ", 1)[-1] for row in rows] == [
            f"Frase traducida {n}" for n in range(1, len(said) + 1)
        ]
        assert all(row[1].startswith("[demo] speech of") for row in rows), rows

    qt_loop.run(scenario)
    assert len(opened) == 1  # the injected backend carried the session


def test_without_devices_start_says_what_to_do_and_starts_nothing(qtbot: Any) -> None:
    controller = InterpreterController(demo=True)
    window = MainWindow(controller)
    qtbot.addWidget(window)
    window.set_devices([], [])
    window.show()
    qtbot.mouseClick(window.start_stop, Qt.MouseButton.LeftButton)
    assert not controller.running
    assert window.start_stop.text() == "Start"
    assert "No audio device found" in window.status.text()
    assert window.input_device.currentText() == "No audio device found"


def test_the_translate_engine_offers_only_the_targets_it_speaks(qtbot: Any) -> None:
    window = MainWindow(InterpreterController(demo=True))
    qtbot.addWidget(window)
    window.show()
    window.language_b.select_data("ar")  # Arabic: a realtime target, not a translate one
    window.engine.setCurrentIndex(window.engine.findData("gpt-realtime-translate"))
    assert window.language_b.currentData() != "ar"
    enabled = {
        window.language_b.itemData(row)
        for row in range(window.language_b.count())
        if window.language_b.model().item(row).isEnabled()
    }
    assert "ja" in enabled and "ar" not in enabled
    # listening one way, language A is only a source: anything goes
    assert all(
        window.language_a.model().item(row).isEnabled() for row in range(window.language_a.count())
    )
    window.mode.setCurrentIndex(window.mode.findData("call"))  # two-way: A is a target too
    assert window.language_a.currentData() == "en"
    assert not window.language_a.model().item(window.language_a.findData("ar")).isEnabled()


@pytest.mark.speech
@pytest.mark.slow
def test_a_demo_call_shows_both_sides_with_their_translations(
    qtbot: Any, qt_loop: QtLoop, tmp_path: Path
) -> None:
    mine, theirs = EN[:2], ES[:2]
    me = str(speech_wav(tmp_path / "me.wav", mine))
    them = str(speech_wav(tmp_path / "them.wav", theirs))
    opened: list[WavFileBackend] = []
    controller = InterpreterController(demo=True, backend_factory=_wav_backend(opened))
    window = MainWindow(controller)
    qtbot.addWidget(window)
    window.set_devices([me, them], [str(tmp_path / "to-them.wav"), str(tmp_path / "to-me.wav")])

    async def scenario() -> None:
        window.show()
        window.mode.setCurrentIndex(window.mode.findData("call"))
        assert window.return_input_device.isVisible()
        window.return_input_device.setCurrentIndex(1)  # their audio
        window.return_output_device.setCurrentIndex(1)  # my headphones
        qtbot.mouseClick(window.start_stop, Qt.MouseButton.LeftButton)
        table = window.transcript
        await wait_until(lambda: _finished(table) == 4, 90, "both sides translated")
        assert "A→B: live" in window.status.text() and "B→A: live" in window.status.text()
        qtbot.mouseClick(window.start_stop, Qt.MouseButton.LeftButton)
        await wait_until(lambda: not controller.running, 30, "the call to stop")
        rows = _rows(table)
        mine_rows = [row[2] for row in rows if row[0] == "You"]
        their_rows = [row[2] for row in rows if row[0] == "Them"]
        assert len(mine_rows) == len(mine) and len(their_rows) == len(theirs), rows
        assert all("Frase traducida" in text for text in mine_rows), rows  # English → Spanish
        assert all("Translated utterance" in text for text in their_rows), rows  # and back

    qt_loop.run(scenario)
    assert len(opened) == 1


def test_the_transcript_follows_new_rows_until_the_user_scrolls_up(qtbot: Any) -> None:
    controller = InterpreterController(demo=True)
    window = MainWindow(controller)
    qtbot.addWidget(window)
    window.show()
    bar = window.transcript.verticalScrollBar()

    def say(n: int) -> None:
        segment = Segment(
            id=f"ab-{n}",
            direction="ab",
            speaker="A",
            source_language="en",
            target_language="es",
            source_text=f"sentence {n}",
            start_s=float(n),
            end_s=float(n) + 1,
        )
        controller.segment_changed.emit(segment)

    for n in range(60):
        say(n)
    assert bar.maximum() > 0 and bar.value() == bar.maximum()  # following the newest row
    bar.setValue(0)  # the user scrolls up to read
    for n in range(60, 70):
        say(n)
    assert window.transcript.rowCount() == 70
    assert bar.value() == 0  # left where the user is reading
    bar.setValue(bar.maximum())  # back at the bottom: following again
    say(70)
    assert bar.value() == bar.maximum()
