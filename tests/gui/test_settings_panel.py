"""The settings panel and the first-run welcome, driven as a user would: type, pick, Apply.
Keys go to the keyring (an in-memory backend here, or none at all) and never into the file."""

from __future__ import annotations

import json
import logging
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDialog,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from tests.support.keyrings import MemoryKeyring
from translator.gui.settings_panel import FirstRunPanel, SettingsPanel
from translator.secrets import KeyStore
from translator.settings import Settings, SettingsStore, config_dir

KEY = "sk-proj-Qw3rTy7Ui9Op1As2Df4Gh6Jk8Lz0Xc"


def _panel(qtbot: Any, settings: Settings | None = None) -> tuple[SettingsPanel, list[Settings]]:
    panel = SettingsPanel(settings or Settings(), KeyStore(environ={}))
    qtbot.addWidget(panel)
    panel.show()
    qtbot.waitExposed(panel)
    applied: list[Settings] = []
    panel.applied.connect(applied.append)
    return panel, applied


def _choose(qtbot: Any, combo: QComboBox, data: object) -> None:
    """Pick an entry with the keyboard, as a user tabbing through the form would."""
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Home)
    while combo.currentData() != data:
        before = combo.currentIndex()
        qtbot.keyClick(combo, Qt.Key.Key_Down)
        assert combo.currentIndex() != before, f"{data!r} not offered"


def _type(qtbot: Any, widget: QWidget, text: str) -> None:
    widget.setFocus()
    select_all = getattr(widget, "selectAll", None)
    if select_all is not None:
        select_all()
    for number, line in enumerate(text.split("\n")):
        if number:
            qtbot.keyClick(widget, Qt.Key.Key_Return)
        qtbot.keyClicks(widget, line)


def test_edits_are_applied_as_new_settings_and_saved(qtbot: Any) -> None:
    store = SettingsStore()
    panel, applied = _panel(qtbot, store.load())
    panel.applied.connect(store.save)
    _choose(qtbot, panel.turn_detection, "semantic_vad")
    _choose(qtbot, panel.noise_reduction, "far_field")
    _choose(qtbot, panel.echo_guard, "off")
    _choose(qtbot, panel.transport, "auto")
    _choose(qtbot, panel.theme, "dark")
    _choose(qtbot, panel.ui_language, "es")
    panel.silence_ms.setValue(750)
    panel.ducking.setValue(-24)
    panel.retained_turns.setValue(2)
    _type(qtbot, panel.glossary, "Acme = Acme\nchart = diagrama")
    _type(qtbot, panel.instructions, "Formal register.")
    qtbot.mouseClick(panel.apply, Qt.MouseButton.LeftButton)

    [settings] = applied
    assert settings.turn_detection.kind == "semantic_vad"
    assert settings.turn_detection.silence_ms == 750
    assert (settings.noise_reduction, settings.echo_guard) == ("far_field", "off")
    assert (settings.ducking_db, settings.retained_turns) == (-24.0, 2)
    assert settings.glossary == {"Acme": "Acme", "chart": "diagrama"}
    assert settings.instructions == "Formal register."
    assert (settings.theme, settings.ui_language) == ("dark", "es")
    assert settings.transport == "auto"
    assert SettingsStore().load() == settings  # what the next launch reads


def test_endpoint_fields_show_only_for_the_provider_that_needs_them(qtbot: Any) -> None:
    panel, applied = _panel(qtbot)
    azure_fields = (panel.azure_endpoint, panel.deployment, panel.api_version)
    assert not panel.base_url.isVisible() and not any(f.isVisible() for f in azure_fields)
    _choose(qtbot, panel.provider, "azure")
    assert all(f.isVisible() for f in azure_fields) and not panel.base_url.isVisible()
    _type(qtbot, panel.azure_endpoint, "https://acme.openai.azure.com")
    _type(qtbot, panel.deployment, "rt-mini")
    _choose(qtbot, panel.provider, "custom")
    assert panel.base_url.isVisible() and not any(f.isVisible() for f in azure_fields)
    _choose(qtbot, panel.provider, "local")
    assert not panel.api_key.isEnabled()
    assert panel.key_status.text() == "The local demo needs no key."
    _choose(qtbot, panel.provider, "azure")
    qtbot.mouseClick(panel.apply, Qt.MouseButton.LeftButton)
    assert applied[-1].provider == "azure"
    assert applied[-1].azure.endpoint == "https://acme.openai.azure.com"
    assert applied[-1].azure.deployment == "rt-mini"


def test_the_key_goes_to_the_keyring_and_never_into_the_file_or_logs(
    qtbot: Any, memory_keyring: MemoryKeyring, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    store = SettingsStore()
    panel, applied = _panel(qtbot, store.load())
    panel.applied.connect(store.save)
    assert panel.api_key.echoMode() == panel.api_key.EchoMode.Password
    assert panel.key_status.text() == "No key saved."
    _type(qtbot, panel.api_key, KEY)
    qtbot.mouseClick(panel.apply, Qt.MouseButton.LeftButton)  # Apply saves a typed key too
    assert memory_keyring.data[("translator", "openai")] == KEY
    assert panel.key_status.text() == "Key stored in the OS keyring."
    assert panel.api_key.text() == ""  # not left lying in the widget
    assert applied and store.path.exists()
    for path in config_dir().rglob("*"):
        assert KEY.encode() not in path.read_bytes(), path
    assert KEY not in caplog.text
    assert KEY not in json.dumps(applied[-1].model_dump())
    qtbot.mouseClick(panel.remove_key, Qt.MouseButton.LeftButton)
    assert ("translator", "openai") not in memory_keyring.data
    assert panel.key_status.text() == "No key saved."


def test_without_a_keyring_the_panel_says_the_key_is_for_this_session(
    qtbot: Any, no_keyring: None
) -> None:
    panel, _ = _panel(qtbot)
    _type(qtbot, panel.api_key, KEY)
    qtbot.mouseClick(panel.save_key, Qt.MouseButton.LeftButton)
    assert panel.key_status.text() == ("Key kept for this session only: no keyring on this system.")


@pytest.mark.parametrize(
    ("provider", "typed", "said"),
    [
        ("openai", "hello this is not a key", "That is not a key: a key is one word"),
        ("openai", "Qw3rTy7Ui9Op1As2Df4Gh6Jk8Lz0Xc", "OpenAI keys start with sk-."),
        ("azure", "3f9a", "That is too short for a key."),
    ],
)
def test_what_cannot_be_a_key_is_refused_and_says_why(
    qtbot: Any, memory_keyring: MemoryKeyring, provider: str, typed: str, said: str
) -> None:
    panel, _ = _panel(qtbot, Settings(provider=provider))  # type: ignore[arg-type]
    _type(qtbot, panel.api_key, typed)
    qtbot.mouseClick(panel.save_key, Qt.MouseButton.LeftButton)
    assert panel.key_status.text().startswith(said), panel.key_status.text()
    assert memory_keyring.data == {}  # nothing saved
    assert panel.api_key.text() == typed  # kept, to be mended


def test_a_key_pasted_into_a_text_field_is_refused(qtbot: Any) -> None:
    panel, applied = _panel(qtbot)
    _type(qtbot, panel.instructions, f"Connect with {KEY}")
    qtbot.mouseClick(panel.apply, Qt.MouseButton.LeftButton)
    assert not applied
    assert "keyring" in panel.message.text() and KEY not in panel.message.text()


def test_a_malformed_glossary_line_says_which_and_how(qtbot: Any) -> None:
    panel, applied = _panel(qtbot)
    _type(qtbot, panel.glossary, "Acme = Acme\njust a word")
    qtbot.mouseClick(panel.apply, Qt.MouseButton.LeftButton)
    assert not applied
    assert "glossary line 2" in panel.message.text()
    qtbot.mouseClick(panel.revert, Qt.MouseButton.LeftButton)
    assert panel.glossary.toPlainText() == ""


CONTROLS = (QAbstractButton, QComboBox, QLineEdit, QAbstractSpinBox, QPlainTextEdit)


def _interactive(root: QWidget) -> list[QWidget]:
    """Every control a user operates, whatever its focus policy says."""
    return [
        w
        for w in root.findChildren(QWidget)
        if isinstance(w, CONTROLS)
        and w.isVisibleTo(root)
        # the line edit inside a combo or a spin box is reached (and named) through its owner
        and not isinstance(w.parentWidget(), QComboBox | QAbstractSpinBox)
    ]


@pytest.mark.parametrize("which", ["settings", "first run"])
def test_every_control_is_named_and_reachable_with_tab(qtbot: Any, which: str) -> None:
    keys = KeyStore(environ={})
    root: QWidget = (
        SettingsPanel(Settings(), keys) if which == "settings" else FirstRunPanel(Settings(), keys)
    )
    qtbot.addWidget(root)
    root.show()
    qtbot.waitExposed(root)
    root.activateWindow()
    controls = _interactive(root)
    assert len(controls) >= (17 if which == "settings" else 3)
    unnamed = [type(w).__name__ for w in controls if not w.accessibleName()]
    assert not unnamed, f"controls without an accessible name: {unnamed}"
    controls[0].setFocus()
    qtbot.waitUntil(controls[0].hasFocus)
    reached = set()
    for _ in range(3 * len(controls)):
        focused = QApplication.focusWidget()
        while focused is not None and focused not in controls:
            focused = focused.parentWidget()  # the line edit inside a combo or spin box
        if focused is not None:
            reached.add(focused)
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    missed = [w.accessibleName() for w in controls if w not in reached]
    assert not missed, f"Tab never reaches: {missed}"


def test_first_run_demo_path_needs_no_key(qtbot: Any, memory_keyring: MemoryKeyring) -> None:
    welcome = FirstRunPanel(Settings(), KeyStore(environ={}))
    qtbot.addWidget(welcome)
    welcome.show()
    assert not isinstance(welcome, QDialog) and not welcome.isModal()
    with qtbot.waitSignal(welcome.finished) as finished:
        qtbot.mouseClick(welcome.try_demo, Qt.MouseButton.LeftButton)
    settings = finished.args[0]
    assert (settings.provider, settings.first_run_done) == ("local", True)
    assert not memory_keyring.data


def test_first_run_key_path_stores_the_key_and_is_ready(
    qtbot: Any, memory_keyring: MemoryKeyring
) -> None:
    welcome = FirstRunPanel(Settings(), KeyStore(environ={}))
    qtbot.addWidget(welcome)
    welcome.show()
    finished: list[Settings] = []
    welcome.finished.connect(finished.append)
    qtbot.mouseClick(welcome.use_key, Qt.MouseButton.LeftButton)  # nothing pasted yet
    assert not finished and "Paste your key first" in welcome.status.text()
    _type(qtbot, welcome.api_key, KEY)
    qtbot.keyClick(welcome.api_key, Qt.Key.Key_Return)
    [settings] = finished
    assert (settings.provider, settings.first_run_done) == ("openai", True)
    assert memory_keyring.data[("translator", "openai")] == KEY
    assert welcome.status.text() == "Key stored in the OS keyring. Ready."
    assert KeyStore(environ={}).find("openai") is not None  # the next start finds it
    SettingsStore().save(settings)
    assert KEY.encode() not in SettingsStore().path.read_bytes()


def test_buttons_have_visible_text(qtbot: Any) -> None:
    panel, _ = _panel(qtbot)
    for button in panel.findChildren(QAbstractButton):
        assert button.text().replace("&", "").strip(), button.accessibleName()
