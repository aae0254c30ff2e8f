"""The mode chooser (GUI thread): one button per mode, side by side, and a line under them
saying what the chosen mode is for. Offers the few calls a combo box would (``currentData``,
``findData``, ``setCurrentIndex``, ``currentIndexChanged``) so the window treats it as one."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget


class ModeChooser(QWidget):
    """Exclusive mode buttons and the chosen mode's description."""

    currentIndexChanged = Signal(int)

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(name)
        self._keys: list[str] = []
        self._descriptions: list[str] = []
        self._group = QButtonGroup(self)
        self._group.setExclusive(True)
        self._group.idToggled.connect(self._toggled)
        self._row = QHBoxLayout()
        self._row.setSpacing(4)
        self.description = QLabel()
        self.description.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(self._row)
        layout.addWidget(self.description)
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # (to the chosen mode's button)
        self._restyle()

    def _restyle(self) -> None:
        """The chosen mode stands out as a selection does, in the active colours even while
        the chooser is disabled during a run (still readable: it says what runs)."""
        palette = self.palette()
        active = QPalette.ColorGroup.Active
        back = palette.color(active, QPalette.ColorRole.Highlight).name()
        text = palette.color(active, QPalette.ColorRole.HighlightedText).name()
        chosen = (
            f"{{ background: {back}; color: {text}; border: 1px solid {back}; "
            "border-radius: 3px; padding: 4px; }"
        )
        style = f"QPushButton:checked {chosen} QPushButton:checked:disabled {chosen}"
        if self.styleSheet() != style:
            self.setStyleSheet(style)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange:  # the theme changed
            self._restyle()
        super().changeEvent(event)

    def add_mode(self, key: str, title: str, description: str) -> None:
        button = QPushButton(title)
        button.setCheckable(True)
        button.setAccessibleName(title)
        button.setAccessibleDescription(description)
        button.setToolTip(description)
        self._group.addButton(button, len(self._keys))
        self._row.addWidget(button, 1)
        self._keys.append(key)
        self._descriptions.append(description)
        if len(self._keys) == 1:
            self.setFocusProxy(button)
            button.setChecked(True)

    def count(self) -> int:
        return len(self._keys)

    def currentIndex(self) -> int:
        return max(0, self._group.checkedId())

    def currentData(self) -> str:
        return self._keys[self.currentIndex()]

    def findData(self, key: str) -> int:
        return self._keys.index(key) if key in self._keys else -1

    def setCurrentIndex(self, index: int) -> None:
        if 0 <= index < len(self._keys):
            self._group.button(index).setChecked(True)

    def _toggled(self, index: int, checked: bool) -> None:
        if checked:
            self.description.setText(self._descriptions[index])
            self.setFocusProxy(self._group.button(index))
            self.currentIndexChanged.emit(index)
