"""The user's settings in the window: choices, devices and layout survive a restart; the
first-run page takes a new user to a working demo session in one click; a key entered in the
settings dock drives a real session (a server that accepts only that key) yet never reaches the
settings file, the session history or the logs; the subtitles overlay follows the run."""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTableWidget,
    QWidget,
)

from tests.gui.conftest import QtLoop, wav_backend
from tests.support.keyrings import MemoryKeyring
from tests.support.speech import EN, speech_wav
from tests.support.waiting import wait_until
from translator.gui.controller import InterpreterController
from translator.gui.main_window import MainWindow
from translator.secrets import KeyStore
from translator.server.app import LocalRealtimeServer
from translator.server.brain import DemoBrain
from translator.settings import SettingsStore, config_dir
from translator.transcript.model import Segment

KEY = "sk-proj-Hn4bV6cX8zL0kJ2gF5dS7aP9oI1uY3tR"


def _window(qtbot: Any, controller: InterpreterController, store: SettingsStore) -> MainWindow:
    window = MainWindow(controller, settings=store.load(), store=store, keys=controller.keys)
    qtbot.addWidget(window)
    return window


def _translated_rows(window: MainWindow) -> int:
    table = window.transcript
    return sum(
        1
        for row in range(table.rowCount())
        if table.item(row, 2) is not None and table.item(row, 2).text().strip()
    )


def test_choices_devices_and_layout_survive_a_restart(qtbot: Any) -> None:
    keys = KeyStore(environ={})
    store = SettingsStore(keys=keys)
    window = _window(qtbot, InterpreterController(demo=True, keys=keys), store)
    window.set_devices(["mic 1", "mic 2"], ["speaker 1", "speaker 2"], "mic 1", "speaker 1")
    window.show()
    shown = [window.input_device.itemText(i) for i in range(window.input_device.count())]
    assert shown == ["mic 1 (system default)", "mic 2"]  # which one the system uses, said
    window.language_a.select_data("de")
    window.language_b.select_data("fr")
    window.mode.setCurrentIndex(window.mode.findData("call"))
    window.return_input_device.setCurrentIndex(window.return_input_device.findData("mic 2"))
    window.voice_ba.setCurrentIndex(window.voice_ba.findData("cedar"))
    window.resize(760, 580)
    window.close()

    again = _window(qtbot, InterpreterController(demo=True, keys=keys), store)
    again.set_devices(["mic 1", "mic 2"], ["speaker 1", "speaker 2"], "mic 1", "speaker 1")
    again.show()
    chosen = again.settings()
    assert (chosen.language_a, chosen.language_b, chosen.mode) == ("de", "fr", "call")
    assert chosen.voice_ba == "cedar"
    assert chosen.devices.return_input == "mic 2"  # remembered, not the default
    assert (again.width(), again.height()) == (760, 580)


@pytest.mark.speech
@pytest.mark.slow
def test_first_run_try_the_demo_reaches_a_working_session(
    qtbot: Any, qt_loop: QtLoop, tmp_path: Path, no_keyring: None
) -> None:
    speech = str(speech_wav(tmp_path / "speech.wav", EN[:1]))
    keys = KeyStore(environ={})
    store = SettingsStore(keys=keys)
    controller = InterpreterController(demo=False, keys=keys, backend_factory=wav_backend([]))
    window = _window(qtbot, controller, store)
    window.set_devices([speech], [str(tmp_path / "heard.wav")])

    async def scenario() -> None:
        window.show()
        assert window.first_run is not None
        assert window.pages.currentWidget() is window.first_run  # nothing modal: a page
        qtbot.mouseClick(window.first_run.try_demo, Qt.MouseButton.LeftButton)
        assert window.pages.currentWidget() is window.main_page
        assert window.banner.isVisible()
        saved = store.load()
        assert saved.first_run_done and saved.provider == "local"
        qtbot.mouseClick(window.start_stop, Qt.MouseButton.LeftButton)
        await wait_until(lambda: _translated_rows(window) == 1, 90, "the demo's translation")
        qtbot.mouseClick(window.start_stop, Qt.MouseButton.LeftButton)
        await wait_until(lambda: not controller.running, 30, "the run to stop")

    qt_loop.run(scenario)


@pytest.mark.speech
@pytest.mark.slow
def test_a_key_entered_in_settings_drives_a_session_and_never_reaches_a_file_or_log(
    qtbot: Any,
    qt_loop: QtLoop,
    tmp_path: Path,
    memory_keyring: MemoryKeyring,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)  # websockets logs every handshake header at debug
    speech = str(speech_wav(tmp_path / "speech.wav", EN[:1]))
    keys = KeyStore(environ={})
    store = SettingsStore(keys=keys)
    store.save(store.load().model_copy(update={"first_run_done": True}))
    controller = InterpreterController(demo=False, keys=keys, backend_factory=wav_backend([]))
    window = _window(qtbot, controller, store)
    window.set_devices([speech], [str(tmp_path / "heard.wav")])

    async def scenario() -> None:
        # a custom endpoint that accepts this key only, as the real service would
        async with LocalRealtimeServer(brain=DemoBrain(), api_keys=[KEY]) as server:
            window.show()
            assert window.banner.isVisible()  # no key yet: demo, and the page says so
            assert window.service.text() == "Local demo server: OpenAI needs a key"
            window.settings_action.trigger()
            panel = window.settings_panel
            panel.provider.setCurrentIndex(panel.provider.findData("custom"))
            panel.base_url.setText(server.url)
            qtbot.keyClicks(panel.api_key, KEY)
            qtbot.mouseClick(panel.apply, Qt.MouseButton.LeftButton)
            assert window.settings().provider == "custom"
            assert window.service.text().startswith("Custom endpoint · ")
            assert not window.banner.isVisible()  # a key: for real
            assert panel.key_check.text() == "Checking the key with the service…"
            await wait_until(  # the key is tried at once, not at the first Start
                lambda: panel.key_check.text() == "✓ The service accepted the key.",
                30,
                "the service to accept the key",
            )
            assert len(server.connections) == 1 and not window.problem_bar.isVisible()
            qtbot.mouseClick(window.start_stop, Qt.MouseButton.LeftButton)
            await wait_until(lambda: _translated_rows(window) == 1, 90, "the translation")
            qtbot.mouseClick(window.start_stop, Qt.MouseButton.LeftButton)
            await wait_until(lambda: not controller.running, 30, "the run to stop")
            assert server.connections  # the session reached the custom endpoint, with the key

    qt_loop.run(scenario)
    window.close()  # saves the settings once more
    assert memory_keyring.data[("translator", "custom")] == KEY
    written = [
        path
        for folder in (config_dir(), Path(os.environ["TRANSLATOR_DATA_DIR"]))
        for path in folder.rglob("*")
        if path.is_file()
    ]
    assert any(path.name == "settings.json" for path in written)
    assert any(path.suffix == ".jsonl" for path in written)  # the run is in the history
    for path in written:
        assert KEY.encode() not in path.read_bytes(), path
    assert "Authorization" in caplog.text  # the handshake was logged, its value redacted
    assert KEY not in caplog.text
    assert store.load().provider == "custom"


def test_the_subtitles_overlay_follows_the_run_and_keeps_its_place(qtbot: Any) -> None:
    keys = KeyStore(environ={})
    store = SettingsStore(keys=keys)
    window = _window(qtbot, InterpreterController(demo=True, keys=keys), store)
    window.show()
    window.subtitles_action.trigger()  # View → Subtitles overlay
    assert window.overlay.isVisible()
    window.overlay.move(40, 77)
    window.controller.segment_changed.emit(
        Segment(
            id="u1",
            direction="ab",
            speaker="A",
            source_language="en",
            target_language="es",
            start_s=0.0,
            end_s=1.5,
            source_text="Where is the station?",
            target_text="¿Dónde está la estación?",
            status="completed",
        )
    )
    assert window.overlay.translation.text() == "¿Dónde está la estación?"
    window.close()

    again = _window(qtbot, InterpreterController(demo=True, keys=keys), store)
    again.show()
    assert again.overlay.isVisible()  # it was open when the window closed
    assert (again.overlay.x(), again.overlay.y()) == (40, 77)


def test_every_interactive_widget_of_every_window_part_has_an_accessible_name(qtbot: Any) -> None:
    """Found by walking the widget tree, not from a list: main page, settings, overlay."""
    keys = KeyStore(environ={})
    store = SettingsStore(keys=keys)
    window = _window(qtbot, InterpreterController(demo=True, keys=keys), store)
    window.show()
    window.mode.setCurrentIndex(window.mode.findData("call"))  # every route shown
    window.settings_action.trigger()
    window.subtitles_action.trigger()
    interactive = (QAbstractButton, QComboBox, QLineEdit, QAbstractSpinBox, QPlainTextEdit)
    unnamed = []
    checked = 0
    for top in (window, window.settings_window, window.overlay):
        for widget in top.findChildren(QWidget):
            if not isinstance(widget, (*interactive, QTableWidget)) or not widget.isVisible():
                continue
            if isinstance(widget, QLineEdit) and isinstance(widget.parentWidget(), QComboBox):
                continue  # an editable combo's own line edit: the combo carries the name
            if isinstance(widget.parentWidget(), (QAbstractSpinBox, QTableWidget)):
                continue  # parts of a named composite
            checked += 1
            if not widget.accessibleName():
                unnamed.append(f"{type(widget).__name__} {widget.objectName()!r}")
    assert checked > 30  # the settings' controls were found too
    assert not unnamed, unnamed


def test_first_run_with_a_key_but_no_keyring_keeps_saying_where_the_key_went(
    qtbot: Any, no_keyring: None
) -> None:
    """The first-run page goes once the key is taken: its notice must not go with it."""
    keys = KeyStore(environ={})
    store = SettingsStore(keys=keys)
    window = _window(qtbot, InterpreterController(demo=False, keys=keys), store)
    window.show()
    assert window.first_run is not None
    page = window.first_run
    page.api_key.setText("hello this is not a key")
    qtbot.mouseClick(page.use_key, Qt.MouseButton.LeftButton)
    assert window.first_run is page and keys.find("openai") is None  # refused, page stays
    assert page.status.text().startswith("That is not a key")
    page.api_key.setText("sk-proj-Qw3rTy7Ui9Op1As2Df4Gh6Jk8Lz0Xc")
    qtbot.mouseClick(page.use_key, Qt.MouseButton.LeftButton)
    assert window.pages.currentWidget() is window.main_page
    assert window.status.text().startswith("Key kept for this session only"), window.status.text()


def test_the_settings_open_in_their_own_window_and_squeeze_nothing(qtbot: Any) -> None:
    """The settings were a dock that squeezed the page (and cut its own fields off): now a
    window of their own, every field whole, the main window untouched; Escape closes it."""
    window = MainWindow(InterpreterController(demo=True))
    qtbot.addWidget(window)
    window.resize(700, 600)
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    geometry = window.geometry()
    window.settings_action.trigger()
    settings = window.settings_window
    assert settings.isVisible() and settings.isWindow() and settings.parent() is window
    assert window.geometry() == geometry
    panel = window.settings_panel
    for field in (panel.provider, panel.model, panel.turn_detection, panel.glossary, panel.theme):
        assert field.width() >= 150, field.accessibleName()  # not squeezed
        shown = field.visibleRegion().boundingRect()
        assert shown.isEmpty() or shown.width() == field.width(), field.accessibleName()
    with qtbot.waitActive(settings):
        settings.activateWindow()
    qtbot.keyClick(settings, Qt.Key.Key_Escape)
    assert not settings.isVisible() and window.isVisible()


def test_a_wrong_key_is_said_when_it_is_saved_not_at_the_first_start(
    qtbot: Any, qt_loop: QtLoop, memory_keyring: MemoryKeyring
) -> None:
    keys = KeyStore(environ={})
    store = SettingsStore(keys=keys)
    store.save(store.load().model_copy(update={"first_run_done": True}))
    controller = InterpreterController(demo=False, keys=keys)
    window = _window(qtbot, controller, store)

    async def scenario() -> None:
        async with LocalRealtimeServer(brain=DemoBrain(), api_keys=[KEY]) as server:
            window.show()
            window.settings_action.trigger()
            panel = window.settings_panel
            panel.provider.setCurrentIndex(panel.provider.findData("custom"))
            panel.base_url.setText(server.url)
            qtbot.keyClicks(panel.api_key, "sk-proj-a-revoked-key-000000")
            qtbot.mouseClick(panel.save_key, Qt.MouseButton.LeftButton)
            await wait_until(lambda: panel.key_check.text().startswith("✗"), 30, "a refusal")
        assert "the service rejected the API key" in panel.key_check.text()
        bar = window.problem_bar  # said loudly in the window too, with where to fix it
        assert bar.isVisible() and bar.text.text().startswith("The key was not accepted: ")
        assert bar.action.text() == "Open settings"

    qt_loop.run(scenario)
