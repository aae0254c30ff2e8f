"""A window of the app's beside the main one (GUI thread): history, settings."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QWidget


class ToolWindow(QWidget):
    """A top-level window owned by ``parent`` (Qt frees it with it); Escape closes it, as a
    dialog's would, though it blocks nothing."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.close()
        else:
            super().keyPressEvent(event)
