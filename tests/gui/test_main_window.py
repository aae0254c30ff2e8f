"""The window driven as a user would, on the offscreen platform: pick languages by typing,
swap them, start a demo session against the in-process local server fed from a WAV file, watch
the transcript fill in order and the meters, cost and headroom move, stop, export through the
File menu, find the session in the history and reopen it; push-to-talk buttons and keys."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path
from typing import Any

import docx
import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QLineEdit,
    QMessageBox,
    QWidget,
)

from tests.gui.conftest import QtLoop, wav_backend
from tests.support.speech import EN, ES, mixed_speech_wav, speech_wav
from tests.support.transcripts import sample_run
from tests.support.waiting import wait_until
from translator.audio.backends import WavFileBackend
from translator.gui.controller import InterpreterController
from translator.gui.dialogs import export as export_dialog
from translator.gui.dialogs.history import COLUMNS
from translator.gui.main_window import MainWindow
from translator.secrets import KeyStore
from translator.server.app import LocalRealtimeServer
from translator.server.brain import DemoBrain, ScriptedBrain, ScriptEntry
from translator.settings import Settings
from translator.transcript.history import History
from translator.transcript.journal import Journal
from translator.transcript.model import Run, Segment


def _pick_language(qtbot: Any, combo: Any, typed: str) -> None:
    """Type part of a language's name and take the first suggestion, as a user would."""
    combo.setFocus()
    combo.lineEdit().selectAll()
    qtbot.keyClicks(combo.lineEdit(), typed)
    popup = combo.completer().popup()
    qtbot.waitUntil(popup.isVisible, timeout=10_000)
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)


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
    assert window.language_b.currentText() == "Français (French)"
    qtbot.mouseClick(window.swap, Qt.MouseButton.LeftButton)
    assert (window.language_a.currentData(), window.language_b.currentData()) == ("fr", "de")
    assert window.banner.isVisible()  # demo mode says so


def test_a_search_typed_but_not_picked_shows_the_language_in_use_again(qtbot: Any) -> None:
    window = MainWindow(InterpreterController(demo=True))
    qtbot.addWidget(window)
    with qtbot.waitActive(window):  # focus moves only in the active window
        window.show()
        window.activateWindow()
    spanish = window.language_b.currentText()
    window.language_b.setFocus()
    window.language_b.lineEdit().selectAll()
    qtbot.keyClicks(window.language_b.lineEdit(), "jap")  # a search, nothing picked yet
    qtbot.keyClick(window.language_b.completer().popup(), Qt.Key.Key_Escape)
    window.mode.setFocus()  # the user moves on
    qtbot.waitUntil(lambda: window.language_b.currentText() == spanish)  # not "jap"
    assert window.language_b.currentData() == "es"


def test_every_control_has_an_accessible_name_and_takes_keyboard_focus(qtbot: Any) -> None:
    window = MainWindow(InterpreterController(demo=True))
    qtbot.addWidget(window)
    window.show()
    assert window.mode.currentData() == "listen" and not window.voice_ba.isVisible()  # one way
    window.mode.setCurrentIndex(window.mode.findData("face"))  # both talk buttons shown
    window.talk_mode.setCurrentIndex(window.talk_mode.findData(True))
    controls = [
        window.language_a,
        window.swap,
        window.language_b,
        window.change_service,
        window.mode,
        window.voice_ab,
        window.voice_ba,
        window.input_device,
        window.output_device,
        window.talk_mode,
        window.talk_a,
        window.talk_b,
        window.start_stop,
        window.sample_button,
        *(test for test in window.test_buttons.values() if test.isVisible()),  # (the mode's)
        window.transcript,
    ]
    for meter in window.meters.values():  # indicators: named, not in the tab order
        assert meter.accessibleName() and meter.value() == 0
    menu = window.menuBar().actions()[0]
    assert menu.text() == "&File"  # Alt+F opens it
    entries = [a.text() for a in menu.menu().actions() if not a.isSeparator()]
    assert entries == ["&Export transcript", "Session &history", "&Quit"]
    assert window.history_action.shortcut().toString() == "Ctrl+H"
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


def _demo_on_files(
    qtbot: Any, tmp_path: Path, said: list[ScriptEntry]
) -> tuple[MainWindow, InterpreterController, list[WavFileBackend]]:
    """A demo window whose devices are WAV files: ``said`` in speech.wav, heard.wav out."""
    speech = str(speech_wav(tmp_path / "speech.wav", said))
    opened: list[WavFileBackend] = []
    controller = InterpreterController(demo=True, backend_factory=wav_backend(opened))
    window = MainWindow(controller)
    qtbot.addWidget(window)
    window.set_devices([speech], [str(tmp_path / "heard.wav")])
    return window, controller, opened


@pytest.mark.speech
@pytest.mark.slow
def test_demo_session_from_a_wav_fills_the_transcript_in_order_then_stops(
    qtbot: Any, qt_loop: QtLoop, tmp_path: Path
) -> None:
    said = EN[:3]
    window, controller, opened = _demo_on_files(qtbot, tmp_path, said)

    async def scenario() -> None:
        window.show()
        _pick_language(qtbot, window.language_b, "espa")
        voices = [window.voice_ab.itemData(i) for i in range(window.voice_ab.count())]
        assert "shimmer" in voices  # the model's voices, from the catalog
        window.voice_ab.setFocus()
        while window.voice_ab.currentData() != "shimmer":  # arrow keys, as a user picks it
            qtbot.keyClick(window.voice_ab, Qt.Key.Key_Down)
        qtbot.mouseClick(window.start_stop, Qt.MouseButton.LeftButton)
        assert window.start_stop.text() == "Stop"
        table = window.transcript

        meter: list[int] = []

        def finished() -> bool:
            meter.append(window.input_level.value())
            return _finished(table) == len(said)

        await wait_until(finished, 90, "three rows with original and translation")
        assert max(meter) > 200, meter  # above -40 dBFS: the input meter moved with the speech
        status = window.status.text()
        assert "Translation: live" in status
        # the bill as the service reports it: cost, tokens, rate-limit headroom
        cost = re.search(r"simulated cost \$(\d+\.\d{4})", status)  # the demo bills nothing
        assert cost is not None and float(cost.group(1)) > 0, status
        assert re.search(r"Translation: live.*tokens \d{1,3}% left", status), status
        assert re.search(r"[\d,]+ tokens", status), status
        assert "dropouts" not in status  # files never glitch
        (device,) = [d for d in opened[0].devices.values() if d.signal is not None]
        device.xruns = 2  # the input device reports two overflows: the user hears of them
        await wait_until(
            lambda: "audio dropouts: 2" in window.status.text(), 10, "the dropouts shown"
        )
        qtbot.mouseClick(window.start_stop, Qt.MouseButton.LeftButton)
        await wait_until(lambda: not controller.running, 30, "the session to stop")
        assert window.start_stop.text() == "Start"
        assert "Translation: stopped" in window.status.text()
        assert all(meter.value() == 0 for meter in window.meters.values())  # idle when stopped
        rows = _rows(table)
        assert [row[0] for row in rows] == ["Speaker"] * len(said)
        # the demo brain numbers its translations as they are made: the rows are in spoken order
        assert [row[2].split("] ", 1)[-1] for row in rows] == [
            f"Frase traducida {n}" for n in range(1, len(said) + 1)
        ]
        assert all(row[1].startswith("[demo] speech of") for row in rows), rows

        # File → Export transcript → each format, through the (non-blocking) save dialog
        written = {fmt: _export_through_menu(window, fmt, tmp_path / f"talk.{fmt}") for fmt in
                   ("txt", "md", "json", "csv", "srt", "vtt", "docx")}  # fmt: skip
        for fmt in ("txt", "md", "csv", "srt", "vtt"):
            text = written[fmt].read_text(encoding="utf-8")
            assert all(row[2].split("] ", 1)[-1] in text for row in rows), (fmt, text)
        exported = Run.from_json(written["json"].read_text(encoding="utf-8"))
        assert [s.target_text for s in exported.segments] == [row[2] for row in rows]
        assert exported.cost_usd > 0 and exported.ended_at is not None  # the run as it ended
        assert "unfinished" not in written["txt"].read_text(encoding="utf-8")
        assert exported.voices["ab"] == "shimmer"  # the voice picked is the one the run spoke
        assert "Frase traducida 3" in "\n".join(
            p.text for p in docx.Document(str(written["docx"])).paragraphs
        )

        # File → Session history: the run just made, newest first; open it read only
        window.history_action.trigger()
        history = window.history_window
        assert history is not None and history.isVisible()
        sessions = history.sessions()
        assert sessions[0].run.id == exported.id and sessions[0].finished
        cells = {name: history.table.item(0, i).text() for i, name in enumerate(COLUMNS)}
        assert cells["state"] == "finished" and cells["mode"] == "Listen", cells
        assert re.fullmatch(r"00:00:\d\d", cells["duration"]), cells  # whole seconds
        assert "T" not in cells["started"] and "+00:00" not in cells["started"], cells
        window.mode.setCurrentIndex(window.mode.findData("face"))  # the window moves on…
        window.transcript.setRowCount(0)
        qtbot.mouseClick(history.open_button, Qt.MouseButton.LeftButton)
        assert _rows(window.transcript) == rows  # …and the old session comes back whole
        assert "read only" in window.status.text()
        history.search.setText("Frase traducida 2")  # search the transcripts
        assert [s.run.id for s in history.sessions()] == [exported.id]
        history.search.setText("no such words anywhere")
        assert history.sessions() == [] and not history.open_button.isEnabled()

    qt_loop.run(scenario)
    assert len(opened) == 1  # the injected backend carried the session


def _export_through_menu(window: MainWindow, fmt: str, path: Path) -> Path:
    """Pick File → Export transcript → ``fmt``, type ``path`` in the save dialog, accept."""
    assert window.export_menu.isEnabled()
    window.export_actions[fmt].trigger()  # type: ignore[index]
    dialog = window.export_dialog
    assert dialog.isVisible() and dialog.windowModality() != Qt.WindowModality.ApplicationModal
    dialog.selectFile(str(path))
    dialog.accept()
    assert window.last_export == path and path.is_file(), window.status.text()
    return path


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


def test_a_network_error_at_start_is_named_as_one(
    qtbot: Any, qt_loop: QtLoop, tmp_path: Path
) -> None:
    """Nothing listens at the endpoint: the status says the service could not be reached (it
    once said the session history could not be written)."""
    speech = str(speech_wav(tmp_path / "speech.wav", EN[:1]))
    keys = KeyStore(environ={"OPENAI_API_KEY": "sk-unreachable"})
    controller = InterpreterController(demo=False, keys=keys, backend_factory=wav_backend([]))
    settings = Settings(provider="custom", base_url="ws://127.0.0.1:9/v1", first_run_done=True)
    window = MainWindow(controller, settings=settings, keys=keys)
    qtbot.addWidget(window)
    window.set_devices([speech], [str(tmp_path / "heard.wav")])

    async def scenario() -> None:
        window.show()
        qtbot.mouseClick(window.start_stop, Qt.MouseButton.LeftButton)
        await wait_until(lambda: not controller.running, 30, "the start to fail")

    qt_loop.run(scenario)
    bar = window.problem_bar  # said loudly, with what to do about it
    said = bar.text.text()
    assert said.startswith("Could not start: the service could not be reached"), said
    assert said.endswith("check the network connection and the endpoint URL, then start again")
    assert bar.isVisible() and bar.action.text() == "Try again"
    assert window.status.text() == "Could not start."  # said once, not twice
    assert History.default().read_all() == ([], [])  # a start that failed is no session
    window.status.setText("something else")  # the next message does not take it away
    assert bar.isVisible()
    qtbot.mouseClick(bar.close_button, Qt.MouseButton.LeftButton)
    assert not bar.isVisible()
    assert window.status.text() == said  # closed: the status line keeps it, whole
    window.close()


def test_the_translate_engine_offers_only_the_targets_it_speaks(qtbot: Any) -> None:
    keys = KeyStore(environ={"OPENAI_API_KEY": "sk-proj-Qw3rTy7Ui9Op1As2Df4Gh6Jk8Lz0Xc"})
    window = MainWindow(InterpreterController(demo=False, keys=keys), keys=keys)
    qtbot.addWidget(window)
    window.show()
    window.language_b.select_data("ar")  # Arabic: a realtime target, not a translate one
    assert window.service.text() == "OpenAI · gpt-realtime-2.1-mini"  # the page says which
    qtbot.mouseClick(window.change_service, Qt.MouseButton.LeftButton)  # changed in Settings
    panel = window.settings_panel
    assert window.settings_window.isVisible() and panel.isVisible()
    panel.model.setCurrentIndex(panel.model.findData("gpt-realtime-translate"))
    qtbot.mouseClick(panel.apply, Qt.MouseButton.LeftButton)
    assert window.service.text() == "OpenAI · gpt-realtime-translate"
    assert window.settings().engine == "translate"
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
    controller = InterpreterController(demo=True, backend_factory=wav_backend(opened))
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
        loudest = dict.fromkeys(window.meters, -60.0)

        def both_translated() -> bool:
            for role, meter in window.meters.items():
                loudest[role] = max(loudest[role], meter.level_db)
            return _finished(table) == 4

        await wait_until(both_translated, 90, "both sides translated")
        assert "To them: live" in window.status.text() and "To you: live" in window.status.text()
        # every route's meter moved: my voice, their voice, and the speech played to each side
        assert all(level > -40 for level in loudest.values()), loudest
        qtbot.mouseClick(window.start_stop, Qt.MouseButton.LeftButton)
        await wait_until(lambda: not controller.running, 30, "the call to stop")
        assert all(meter.value() == 0 for meter in window.meters.values())
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


@pytest.mark.speech
@pytest.mark.slow
def test_push_to_talk_buttons_and_held_keys_give_a_side_the_floor(
    qtbot: Any, qt_loop: QtLoop, tmp_path: Path
) -> None:
    speech = str(speech_wav(tmp_path / "speech.wav", EN[:1]))

    async def scenario() -> None:
        # a server already running, as `translator serve` is for `translator gui --server URL`
        async with LocalRealtimeServer(brain=DemoBrain()) as server:
            controller = InterpreterController(
                demo=False, backend_factory=wav_backend([]), server_url=server.url
            )
            window = MainWindow(controller)
            qtbot.addWidget(window)
            window.set_devices([speech], [str(tmp_path / "heard.wav")])
            await talk(window, controller)
        assert len(server.connections) == 2  # both sessions went there

    async def talk(window: MainWindow, controller: InterpreterController) -> None:
        window.show()
        assert window.banner.isVisible()  # a local server is demo mode
        window.mode.setCurrentIndex(window.mode.findData("face"))
        assert window.talk_a.isVisible() and window.talk_b.isVisible()
        assert not window.talk_a.isEnabled()  # Auto: both sides always listen
        qtbot.mouseClick(window.start_stop, Qt.MouseButton.LeftButton)
        await wait_until(lambda: "To you: live" in window.status.text(), 30, "both sessions live")
        assert controller.session is not None
        interpreter = controller.session.interpreter
        assert interpreter is not None and interpreter.push_to_talk == frozenset()

        def gated() -> dict[str, bool]:
            return {d.plan.key: d.gated for d in interpreter.directions}

        window.talk_mode.setCurrentIndex(window.talk_mode.findData(True))
        assert interpreter.push_to_talk == {"ab", "ba"} and window.talk_b.isEnabled()
        assert gated() == {"ab": True, "ba": True}  # nobody holds the floor: silence
        qtbot.keyPress(window.transcript, Qt.Key.Key_F2)  # held, wherever the focus is
        assert interpreter.floor == {"ba"} and window.talk_b.isDown()
        assert gated() == {"ab": True, "ba": False}
        for kind in (QEvent.Type.KeyRelease, QEvent.Type.KeyPress):  # the key auto-repeats
            repeat = QKeyEvent(kind, Qt.Key.Key_F2, Qt.KeyboardModifier.NoModifier, "", True)
            QApplication.sendEvent(window.transcript, repeat)
            assert interpreter.floor == {"ba"}
        qtbot.keyRelease(window.transcript, Qt.Key.Key_F2)
        assert interpreter.floor == frozenset() and not window.talk_b.isDown()
        qtbot.mousePress(window.talk_a, Qt.MouseButton.LeftButton)  # held with the mouse
        assert interpreter.floor == {"ab"} and gated() == {"ab": False, "ba": True}
        qtbot.mouseRelease(window.talk_a, Qt.MouseButton.LeftButton)
        assert interpreter.floor == frozenset()
        window.talk_mode.setCurrentIndex(window.talk_mode.findData(False))  # back to Auto
        assert gated() == {"ab": False, "ba": False} and not window.talk_a.isEnabled()
        qtbot.mouseClick(window.start_stop, Qt.MouseButton.LeftButton)
        await wait_until(lambda: not controller.running, 30, "the session to stop")

    qt_loop.run(scenario)


def test_history_lists_unfinished_sessions_and_deletes_after_a_non_modal_question(
    qtbot: Any, tmp_path: Path
) -> None:
    history = History(tmp_path / "history")
    older = Run(id="older0000001", started_at="2026-01-01T10:00:00+00:00", mode="listen",
                engine="realtime", model="gpt-realtime-2.1-mini",
                languages=("en", "es"))  # fmt: skip
    crashed = older.model_copy(
        update={"id": "crashed00001", "started_at": "2026-02-01T10:00:00+00:00"}
    )
    for run in (older, crashed):
        journal = Journal(run, history.directory)
        journal.record(Segment(id="ab-1", direction="ab", speaker="A", source_language="en",
                               target_language="es", source_text=f"said in {run.id}",
                               start_s=0.0, end_s=1.0, status="completed"))  # fmt: skip
        if run is older:
            journal.end(run)
        journal.close()  # the crashed one never ended
    window = MainWindow(InterpreterController(demo=True), history)
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitActive(window):
        window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    listing = window.history_window
    assert listing is not None and listing.isVisible() and not listing.isModal()
    assert [s.run.id for s in listing.sessions()] == [
        "crashed00001",
        "older0000001",
    ]  # newest first
    state = COLUMNS.index("state")
    assert [listing.table.item(r, state).text() for r in range(2)] == ["unfinished", "finished"]
    controls = [listing.search, listing.table, listing.open_button, listing.export_button,
                listing.rename_button, listing.delete_button, listing.close_button]  # fmt: skip
    for control in controls:
        assert control.accessibleName(), control
        assert control.focusPolicy() & Qt.FocusPolicy.TabFocus, control.accessibleName()
    export_menu = listing.export_button.menu()
    assert [a.data() for a in export_menu.actions()] == [*window.export_actions]  # every format
    qtbot.mouseClick(listing.open_button, Qt.MouseButton.LeftButton)  # the crashed one opens too
    assert _rows(window.transcript)[0][1] == "said in crashed00001"
    listing.export_selected("md")  # export straight from the history
    listing.export_dialog.selectFile(str(tmp_path / "crashed.md"))
    listing.export_dialog.accept()
    assert "said in crashed00001" in (tmp_path / "crashed.md").read_text(encoding="utf-8")
    with qtbot.waitActive(listing):
        listing.activateWindow()
    qtbot.mouseClick(listing.rename_button, Qt.MouseButton.LeftButton)  # renamed in place
    editor = listing.table.findChild(QLineEdit)
    assert editor is not None and editor.isVisible()
    editor.selectAll()
    qtbot.keyClicks(editor, "Call with the Madrid office")
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # (the view commits it on its next turn)
    editing = QAbstractItemView.State.EditingState
    qtbot.waitUntil(lambda: listing.table.state() != editing)
    session = COLUMNS.index("session")
    assert listing.table.item(0, session).text() == "Call with the Madrid office"
    assert history.find("crashed00001").run.title == "Call with the Madrid office"  # kept
    listing.search.setText("madrid")  # and found by it
    assert [s.run.id for s in listing.sessions()] == ["crashed00001"]
    listing.search.clear()
    question = listing.delete_selected()
    assert question is not None and question.isVisible()
    # open(), not exec(): no nested loop; it holds only the history window, not the app
    assert question.windowModality() == Qt.WindowModality.WindowModal
    assert window.start_stop.isEnabled()
    assert len(listing.sessions()) == 2  # nothing happens before the answer
    qtbot.mouseClick(question.button(QMessageBox.StandardButton.Yes), Qt.MouseButton.LeftButton)
    assert [s.run.id for s in listing.sessions()] == ["older0000001"]
    assert not (history.directory / "crashed00001.jsonl").exists()
    second = listing.delete_selected()
    assert second is not None
    qtbot.mouseClick(second.button(QMessageBox.StandardButton.No), Qt.MouseButton.LeftButton)
    assert [s.run.id for s in listing.sessions()] == ["older0000001"]  # "No" keeps it
    qtbot.keyClick(listing.table, Qt.Key.Key_Escape)  # Escape closes it, as Close does
    assert not listing.isVisible()


@pytest.mark.speech
@pytest.mark.slow
def test_a_device_gone_mid_run_is_reported_and_the_run_ends_with_its_transcript(
    qtbot: Any, qt_loop: QtLoop, tmp_path: Path
) -> None:
    window, controller, opened = _demo_on_files(qtbot, tmp_path, EN[:2])
    speech = str(tmp_path / "speech.wav")

    async def scenario() -> None:
        window.show()
        qtbot.mouseClick(window.start_stop, Qt.MouseButton.LeftButton)
        await wait_until(lambda: _finished(window.transcript) >= 1, 90, "the first translation")
        opened[0].unplug(speech)
        await wait_until(lambda: not controller.running, 30, "the run to end")

    qt_loop.run(scenario)
    said = (
        f"Stopped: {speech} stopped during the run (unplugged); plug it back in or pick another "
        "device, then start again"
    )
    bar = window.problem_bar
    assert bar.text.text() == said and window.status.text() == "Stopped."
    assert window.start_stop.text() == "Start" and window.start_stop.isEnabled()
    assert controller.run is not None and controller.run.segments[0].target_text
    assert bar.isVisible() and bar.action.text() == "Choose another device"
    qtbot.mouseClick(bar.action, Qt.MouseButton.LeftButton)  # the user goes to fix it
    assert not bar.isVisible() and window.status.text() == said
    window.close()


@pytest.mark.speech
def test_a_new_run_starts_the_subtitles_over(qtbot: Any, qt_loop: QtLoop, tmp_path: Path) -> None:
    """Utterance times restart at 0 with every run: the overlay must not keep the last run's
    line because its time was later."""
    window, controller, _ = _demo_on_files(qtbot, tmp_path, EN[:1])

    def line(start_s: float, text: str) -> Segment:
        return Segment(
            id=f"ab-{start_s:g}",
            direction="ab",
            speaker="A",
            source_language="en",
            source_text="…",
            target_language="es",
            target_text=text,
            status="completed",
            start_s=start_s,
            end_s=start_s + 1,
        )

    async def scenario() -> None:
        window.show()
        controller.segment_changed.emit(line(30.0, "the last run's last line"))
        assert window.overlay.translation.text() == "the last run's last line"
        qtbot.mouseClick(window.start_stop, Qt.MouseButton.LeftButton)  # a new run
        assert window.overlay.translation.text() == ""
        controller.segment_changed.emit(line(1.0, "the new run's first line"))
        assert window.overlay.translation.text() == "the new run's first line"
        qtbot.mouseClick(window.start_stop, Qt.MouseButton.LeftButton)
        await wait_until(lambda: not controller.running, 30, "the run to stop")

    qt_loop.run(scenario)


@pytest.mark.speech
@pytest.mark.slow
def test_face_to_face_shows_each_utterance_once_the_way_it_was_translated(
    qtbot: Any, qt_loop: QtLoop, tmp_path: Path
) -> None:
    """Both directions hear the one microphone; the direction that does not translate an
    utterance drops its segment, and its row goes too (it once stayed on "listening")."""
    said = [EN[0], ES[0]]
    room = str(mixed_speech_wav(tmp_path / "room.wav", said))

    async def scenario() -> None:
        async with LocalRealtimeServer(brain=ScriptedBrain([*EN, *ES])) as server:
            controller = InterpreterController(
                demo=False, backend_factory=wav_backend([]), server_url=server.url
            )
            window = MainWindow(controller)
            qtbot.addWidget(window)
            window.set_devices([room], [str(tmp_path / "speaker.wav")])
            window.show()
            window.mode.setCurrentIndex(window.mode.findData("face"))
            qtbot.mouseClick(window.start_stop, Qt.MouseButton.LeftButton)
            await wait_until(lambda: _finished(window.transcript) == 2, 90, "both translations")
            qtbot.mouseClick(window.start_stop, Qt.MouseButton.LeftButton)
            await wait_until(lambda: not controller.running, 30, "the run to stop")
            rows = _rows(window.transcript)
            assert [(row[1], row[2]) for row in rows] == [
                (EN[0].text, EN[0].translations["es"]),
                (ES[0].text, ES[0].translations["en"]),
            ], rows
            (session,) = History.default().read_all()[0]
            assert len(session.run.segments) == 2  # the journal dropped them too

    qt_loop.run(scenario)


def test_export_offers_a_dated_name_in_documents_then_the_last_folder(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    documents = tmp_path / "Documents"
    documents.mkdir()
    monkeypatch.setattr(export_dialog, "documents_folder", lambda: documents)
    window = MainWindow(InterpreterController(demo=True))
    qtbot.addWidget(window)
    run = Run.model_validate({**sample_run().model_dump(), "title": "Call with Kenji: notes/plans"})
    window.show_past_run(run)
    window.export_actions["txt"].trigger()  # type: ignore[index]
    dialog = window.export_dialog
    started = datetime.fromisoformat(run.started_at).astimezone()
    offered = Path(dialog.selectedFiles()[0])
    assert offered == documents / f"Call with Kenji- notes-plans {started:%Y-%m-%d %H.%M}.txt"
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    dialog.selectFile(str(elsewhere / "kenji.txt"))
    dialog.accept()
    assert window.last_export == elsewhere / "kenji.txt"
    window.export_actions["srt"].trigger()  # type: ignore[index]
    dialog = window.export_dialog
    assert Path(dialog.selectedFiles()[0]).parent == elsewhere  # where it went
    # subtitles: the translation alone unless asked (both would be cues overlapping)
    tracks = dialog.findChild(QComboBox, "tracks")
    assert tracks is not None and tracks.isVisible() and tracks.currentText() == "Translation only"
    dialog.selectFile(str(elsewhere / "kenji.srt"))
    dialog.accept()
    subtitles = (elsewhere / "kenji.srt").read_text(encoding="utf-8")
    said = run.segments[0]
    assert said.target_text in subtitles and said.source_text not in subtitles
    window.export_actions["srt"].trigger()  # type: ignore[index]
    dialog = window.export_dialog
    tracks = dialog.findChild(QComboBox, "tracks")
    tracks.setCurrentIndex(tracks.findData("bilingual"))
    dialog.selectFile(str(elsewhere / "both.srt"))
    dialog.accept()
    both = (elsewhere / "both.srt").read_text(encoding="utf-8")
    assert said.target_text in both and said.source_text in both


def test_start_and_the_transcript_keep_their_place_whatever_the_mode_or_the_notices(
    qtbot: Any,
) -> None:
    """Nothing the user reads or presses jumps: a mode with more rows, the demo banner, the
    problem bar or the model notice coming and going leave Start and the transcript put."""
    keys = KeyStore(environ={"OPENAI_API_KEY": "sk-proj-Qw3rTy7Ui9Op1As2Df4Gh6Jk8Lz0Xc"})
    controller = InterpreterController(demo=False, keys=keys)
    window = MainWindow(controller, settings=Settings(first_run_done=True), keys=keys)
    qtbot.addWidget(window)
    window.set_devices(["mic"], ["speakers"], "mic", "speakers")
    window.resize(1000, 700)
    window.show()

    def places() -> tuple[int, int]:
        QApplication.processEvents()
        return (
            window.start_stop.mapTo(window, window.start_stop.rect().topLeft()).y(),
            window.transcript.mapTo(window, window.transcript.rect().topLeft()).y(),
        )

    first = places()
    seen = []
    for mode in ("call", "face", "listen"):
        window.mode.setCurrentIndex(window.mode.findData(mode))
        seen.append(places())
    for notice in (window.banner, window.problem_bar, window.model_notice):
        notice.show()
        seen.append(places())
        notice.hide()
    assert all(abs(a - b) <= 2 for p in seen for a, b in zip(p, first, strict=True)), seen


def test_the_transcript_reads_as_a_conversation(qtbot: Any) -> None:
    """The translation is what the listener reads: larger than the original, which is quieter;
    the other side's rows are tinted; the sides are named in the UI's words; a long sentence
    wraps whole in its row."""
    window = MainWindow(InterpreterController(demo=True))
    qtbot.addWidget(window)
    window.resize(900, 640)
    window.show()
    long = " ".join(["a sentence long enough to wrap in its column"] * 4)
    for n, (direction, speaker) in enumerate((("ab", "You"), ("ba", "Them"))):
        window.show_segment(
            Segment(id=f"{direction}-{n}", direction=direction, speaker=speaker,
                    source_language="en", target_language="es", source_text=long,
                    target_text="Hola", start_s=n, end_s=n + 1, status="completed")
        )  # fmt: skip
    table = window.transcript
    original, translation = table.item(0, 1), table.item(0, 2)
    assert translation.font().pointSizeF() > original.font().pointSizeF()
    quiet = window.palette().color(window.palette().ColorRole.PlaceholderText)
    assert original.foreground().color() == quiet
    tint = window.palette().color(window.palette().ColorRole.AlternateBase)
    assert table.item(1, 0).background().color() == tint  # theirs
    assert table.item(0, 0).background().style() == Qt.BrushStyle.NoBrush  # yours
    assert [table.item(r, 0).text() for r in range(2)] == ["You", "Them"]
    assert table.rowHeight(0) >= 2 * table.fontMetrics().height()  # wrapped, not cut
