"""The Spanish, French and German UI: each catalog is current with the sources and compiled,
every string the window shows from it is translated, and Qt's own strings are translated too.

The catalogs are rebuilt from the sources as they are now (``scripts/update_translations.sh``
on a scratch copy), so a new ``tr()`` string fails these tests until it is translated: run
``scripts/update_translations.sh``, translate the ``type="unfinished"`` entries of each
``resources/i18n/translator_LANG.ts``, run the script again, and commit the files.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QDialogButtonBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QPlainTextEdit,
    QTabWidget,
    QWidget,
)

from translator.catalog import load_languages
from translator.gui.controller import InterpreterController
from translator.gui.i18n import UiTranslation, ui_locale
from translator.gui.main_window import MainWindow
from translator.gui.overlay import SubtitleOverlay
from translator.gui.settings_panel import FirstRunPanel, SettingsPanel
from translator.secrets import KeyStore
from translator.settings import OverlaySettings, Settings
from translator.transcript.model import Segment

ROOT = Path(__file__).resolve().parents[2]
COMMITTED = ROOT / "resources" / "i18n"
HOW_TO_FIX = (
    'run scripts/update_translations.sh, translate the type="unfinished" entries in '
    "resources/i18n/translator_LANG.ts, run the script again and commit the files"
)
LANGUAGES = ("es", "fr", "de")
QLOCALE_LANGUAGES = {
    "es": QLocale.Language.Spanish,
    "fr": QLocale.Language.French,
    "de": QLocale.Language.German,
}
# what a user of each language sees: a string we wrote, and Qt's own (Cancel; Undo, Paste)
SAMPLE_BUTTON = {
    "es": "Reproducir una conversación de ejemplo",
    "fr": "Écouter une conversation d'exemple",
    "de": "Beispielgespräch abspielen",
}
QT_OWN = {
    "es": ("Cancelar", "Deshacer", "Pegar"),
    "fr": ("Annuler", "Annuler", "Coller"),
    "de": ("Abbrechen", "Rückgängig", "Einfügen"),
}

Message = tuple[str, str]  # (context, English source)


def _messages(ts: Path) -> dict[Message, tuple[str, bool]]:
    """(context, source) → (translation, finished) for every message of a .ts file."""
    found: dict[Message, tuple[str, bool]] = {}
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None
            finished = translation.get("type") not in ("unfinished", "vanished", "obsolete")
            found[(name, message.findtext("source", ""))] = (translation.text or "", finished)
    return found


@pytest.fixture(scope="module")
def rebuilt(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The committed catalog updated from the sources as they are now, in a scratch folder."""
    scratch = tmp_path_factory.mktemp("i18n")
    shutil.copytree(COMMITTED, scratch, dirs_exist_ok=True)
    env = {**os.environ, "VENV": str(Path(sys.executable).parent.parent)}
    subprocess.run(
        ["bash", str(ROOT / "scripts" / "update_translations.sh"), str(scratch)],
        check=True,
        capture_output=True,
        env=env,
    )
    return scratch


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_catalog_holds_every_string_of_the_sources_now(rebuilt: Path, language: str) -> None:
    ts = f"translator_{language}.ts"
    committed = set(_messages(COMMITTED / ts))
    current = set(_messages(rebuilt / ts))
    new, gone = sorted(current - committed), sorted(committed - current)
    assert not new and not gone, f"{ts} out of date: new {new}, gone {gone}; {HOW_TO_FIX}"
    assert (rebuilt / ts).read_bytes() == (COMMITTED / ts).read_bytes(), (
        f"{ts} is not as lupdate writes it; {HOW_TO_FIX}"
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_compiled_catalog_is_what_lrelease_makes_from_the_ts(
    rebuilt: Path, language: str
) -> None:
    qm = f"translator_{language}.qm"
    assert (rebuilt / qm).read_bytes() == (COMMITTED / qm).read_bytes(), (
        f"{qm} is stale; {HOW_TO_FIX}"
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_string_has_a_translation(rebuilt: Path, language: str) -> None:
    untranslated = [
        source
        for (_, source), (text, finished) in _messages(
            rebuilt / f"translator_{language}.ts"
        ).items()
        if not finished or not text.strip()
    ]
    assert not untranslated, f"{language} untranslated: {untranslated}; {HOW_TO_FIX}"


@pytest.fixture(params=LANGUAGES)
def translated(qapp: Any, request: pytest.FixtureRequest) -> Iterator[str]:
    """The UI in each of its languages, English again afterwards."""
    previous = QLocale()
    translation = UiTranslation(qapp)
    assert translation.install(request.param).language() == QLOCALE_LANGUAGES[request.param]
    yield request.param
    translation.install("en")
    QLocale.setDefault(previous)


def _shown_strings(root: QWidget) -> dict[str, str]:
    """Every string a user can see or hear from ``root``: text → where it is."""
    shown: dict[str, str] = {}

    def add(text: str | None, where: str) -> None:
        if text and text.strip():
            shown.setdefault(text, where)

    def add_actions(actions: list[Any], where: str) -> None:
        for action in actions:
            add(action.text(), f"{where} action")
            add(action.toolTip(), f"{where} action tooltip")
            add(action.statusTip(), f"{where} action status tip")
            if action.menu() is not None:
                add(action.menu().title(), f"{where} menu")
                add_actions(action.menu().actions(), f"{where} menu")

    for widget in [root, *root.findChildren(QWidget)]:
        kind = type(widget).__name__
        add(widget.windowTitle(), f"{kind} title")
        add(widget.accessibleName(), f"{kind} accessible name")
        add(widget.accessibleDescription(), f"{kind} accessible description")
        add(widget.toolTip(), f"{kind} tooltip")
        add(widget.statusTip(), f"{kind} status tip")
        add(widget.whatsThis(), f"{kind} what's this")
        if isinstance(widget, QLabel | QAbstractButton):
            add(widget.text(), f"{kind} text")
        if isinstance(widget, QLineEdit | QPlainTextEdit):
            add(widget.placeholderText(), f"{kind} placeholder")
        if isinstance(widget, QComboBox):
            for row in range(widget.count()):
                add(widget.itemText(row), f"{kind} entry")
        if isinstance(widget, QGroupBox):
            add(widget.title(), f"{kind} title")
        if isinstance(widget, QTabWidget):
            for tab in range(widget.count()):
                add(widget.tabText(tab), f"{kind} tab")
        if isinstance(widget, QMenu):
            add(widget.title(), f"{kind} title")
        if isinstance(widget, QAbstractItemView) and widget.model() is not None:
            model = widget.model()
            for orientation, count in (
                (Qt.Orientation.Horizontal, model.columnCount()),
                (Qt.Orientation.Vertical, 0),
            ):
                for section in range(count):
                    add(str(model.headerData(section, orientation) or ""), f"{kind} header")
        add_actions(widget.actions(), kind)
    if isinstance(root, QMainWindow):
        add_actions(root.menuBar().actions(), "menu bar")
    return shown


def test_the_window_shows_no_untranslated_catalog_string(
    qtbot: Any, translated: str, rebuilt: Path
) -> None:
    catalog = _messages(rebuilt / f"translator_{translated}.ts")
    # A source translated as the same word (Original, OpenAI, " ms") is not a miss.
    english = {source for (_, source), (text, _) in catalog.items() if text != source}
    keys = KeyStore(environ={})
    overlay = SubtitleOverlay(OverlaySettings(show_original=True))
    overlay.show_segment(
        Segment(
            id="ab-1",
            direction="ab",
            speaker="You",
            source_language="en",
            source_text="Hello",
            target_language="es",
            target_text="Hola",
            start_s=0,
            end_s=1,
        )
    )
    window = MainWindow(InterpreterController(demo=True))
    roots: list[QWidget] = [
        window,
        SettingsPanel(Settings(provider="azure"), keys),
        FirstRunPanel(Settings(), keys),
        overlay,
    ]
    untranslated: list[str] = []
    for root in roots:
        qtbot.addWidget(root)
        root.show()
        for text, where in _shown_strings(root).items():
            if text in english:
                untranslated.append(f"{type(root).__name__}: {where}: {text!r}")
    assert not untranslated, "\n".join(["shown in English:", *untranslated, HOW_TO_FIX])
    assert window.windowTitle() != ""
    assert window.sample_button.text() == SAMPLE_BUTTON[translated]


def test_qt_own_strings_are_translated_too(qtbot: Any, translated: str) -> None:
    cancel_text, undo, paste = QT_OWN[translated]
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Cancel | QDialogButtonBox.StandardButton.Close
    )
    qtbot.addWidget(buttons)
    cancel = buttons.button(QDialogButtonBox.StandardButton.Cancel)
    assert cancel.text().replace("&", "") == cancel_text
    field = QLineEdit()
    qtbot.addWidget(field)
    menu = field.createStandardContextMenu()
    texts = [action.text().split("\t")[0].replace("&", "") for action in menu.actions()]
    assert undo in texts and paste in texts, texts


def test_english_needs_no_catalog_and_system_follows_the_system_language(qapp: Any) -> None:
    translation = UiTranslation(qapp)
    assert translation.install("en").language() == QLocale.Language.English
    assert ui_locale("es", system=QLocale("de_DE")).language() == QLocale.Language.Spanish
    mexico = ui_locale("system", system=QLocale("es_MX"))
    assert (mexico.language(), mexico.territory()) == (
        QLocale.Language.Spanish,
        QLocale.Country.Mexico,
    )
    assert ui_locale("system", system=QLocale("fr_CA")).language() == QLocale.Language.French
    assert ui_locale("system", system=QLocale("it_IT")).language() == QLocale.Language.English


SCRIPTS = {
    "ar": "Arabic", "fa": "Arabic", "ur": "Arabic", "bn": "Bengali", "el": "Greek",
    "he": "Hebrew", "hi": "Devanagari", "ja": "Japanese", "ko": "Korean", "ru": "Cyrillic",
    "bg": "Cyrillic", "sr": "Cyrillic", "uk": "Cyrillic", "ta": "Tamil", "th": "Thai",
    "zh": "SimplifiedChinese", "vi": "Vietnamese",
}  # fmt: skip


def test_every_language_name_has_a_font_for_its_script(qapp: Any) -> None:
    """The language pickers show each language in its own script (日本語, हिन्दी, ไทย): a
    font for every one of them is installed (scripts/bootstrap.sh), or the user sees boxes."""
    from PySide6.QtGui import QFontDatabase

    languages = load_languages()
    assert set(SCRIPTS) <= set(languages)
    missing = [
        f"{code} ({languages[code].native}): no {script} font"
        for code, script in SCRIPTS.items()
        if not QFontDatabase.families(getattr(QFontDatabase.WritingSystem, script))
    ]
    assert not missing, missing


def test_the_pickers_name_each_language_in_its_own_words_and_the_uis(
    qtbot: Any, translated: str
) -> None:
    """A language's own name as a list shows it (capitalised), with its name in the UI's
    language beside it unless they are the same word."""
    window = MainWindow(InterpreterController(demo=True))
    qtbot.addWidget(window)
    combo = window.language_b
    shown = {combo.itemData(row): combo.itemText(row) for row in range(combo.count())}
    expected = {
        "es": {"es": "Español", "de": "Deutsch (alemán)", "ja": "日本語 (japonés)"},
        "fr": {"es": "Español (espagnol)", "fr": "Français", "de": "Deutsch (allemand)"},
        "de": {"es": "Español (Spanisch)", "de": "Deutsch", "fr": "Français (Französisch)"},
    }[translated]
    assert {code: shown[code] for code in expected} == expected


def test_in_english_the_pickers_say_each_language_in_english_too(qtbot: Any) -> None:
    window = MainWindow(InterpreterController(demo=True))
    qtbot.addWidget(window)
    combo = window.language_a
    shown = {combo.itemData(row): combo.itemText(row) for row in range(combo.count())}
    assert (shown["en"], shown["es"], shown["el"]) == ("English", "Español (Spanish)",
                                                      "Ελληνικά (Greek)")  # fmt: skip
