"""The UI language (GUI thread): Qt translators for the app's strings and Qt's own.

The app's catalog is ``resources/i18n/translator_LANG.qm``, made from ``translator_LANG.ts`` by
``scripts/update_translations.sh``; Qt's strings (standard buttons, context menus) come from the
``qtbase_LANG.qm`` that ships with PySide6. ``system`` follows the system's UI languages
(``QLocale.system()``); English is the source language and needs no catalog. Translators are
installed before any widget is built: widgets read their strings once, so a change of language
applies from the next start.
"""

from __future__ import annotations

import importlib.resources
import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from translator.settings import UiLanguage

log = logging.getLogger(__name__)

CATALOG = "translator"
LANGUAGES: tuple[str, ...] = ("en", "es", "fr", "de")  # the UI's languages; English first


def catalog_dir() -> Path:
    return Path(str(importlib.resources.files("translator.resources").joinpath("i18n")))


def ui_locale(language: UiLanguage, system: QLocale | None = None) -> QLocale:
    """The locale the UI speaks for the ``language`` setting; ``system``: the system's locale,
    whose UI languages are tried in the user's order of preference."""
    if language != "system":
        return QLocale(language)
    for name in (system or QLocale.system()).uiLanguages():
        code = name.replace("-", "_").split("_")[0].lower()
        if code in LANGUAGES:
            return QLocale(name.replace("-", "_"))
    return QLocale("en")


class UiTranslation:
    """Keeps the installed translators alive (Qt does not own them) and swaps them."""

    def __init__(self, app: QCoreApplication) -> None:
        self._app = app
        self._installed: list[QTranslator] = []
        self.locale = QLocale("en")

    def install(self, language: UiLanguage) -> QLocale:
        """Install the catalogs for ``language``; returns the locale in use."""
        for translator in self._installed:
            self._app.removeTranslator(translator)
        self._installed = []
        self.locale = ui_locale(language)
        QLocale.setDefault(self.locale)
        if self.locale.language() == QLocale.Language.English:
            return self.locale
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        for name, directory in ((CATALOG, str(catalog_dir())), ("qtbase", qt_dir)):
            translator = QTranslator(self._app)
            if translator.load(self.locale, name, "_", directory):
                self._app.installTranslator(translator)
                self._installed.append(translator)
            else:
                log.warning("no %s translation for %s in %s", name, self.locale.name(), directory)
        return self.locale
