"""The settings window: the settings panel in a window of its own beside the main one, which it
never squeezes (GUI thread). A child of the main window, so Qt frees it with that window."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from translator.gui.settings_panel import SettingsPanel
from translator.gui.widgets.tool_window import ToolWindow
from translator.secrets import KeyStore
from translator.settings import Settings


class SettingsWindow(ToolWindow):
    """Service and key, speech and sound, translation, appearance; Escape closes it."""

    def __init__(self, settings: Settings, keys: KeyStore, parent: QWidget) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Settings — Translator"))
        self.setAccessibleName(self.tr("Settings"))
        self.panel = SettingsPanel(settings, keys)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.panel)
        self._main = parent
        self._placed = False

    def present(self) -> None:
        """Show it (the first time beside its main window, sized for its fields) and focus it."""
        if not self._placed:
            self._placed = True
            hint = self.panel.sizeHint()
            screen = self._main.screen().availableGeometry()
            width = min(max(hint.width() + 40, 560), screen.width())
            self.resize(width, min(max(hint.height(), 620), screen.height()))
            main = self._main.frameGeometry()
            x = min(main.right() + 8, screen.right() - width)
            self.move(max(screen.left(), x), max(screen.top(), main.top()))
        self.show()
        self.raise_()
        self.activateWindow()
        self.panel.setFocus()
