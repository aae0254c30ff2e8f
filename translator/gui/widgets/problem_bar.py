"""A run that could not start or stopped on its own, said loudly (GUI thread): a red bar above
the page with what happened and what to do, one button that does it, and a close button.

It stays until the user closes it or the next run starts, so the next status message cannot
overwrite it. The window decides what the action does; the bar only offers it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QToolButton, QWidget

ERROR_COLOURS = (
    "background:#f8d7da;color:#5c1a1f"  # the model notice's red, readable in both themes
)


class ProblemBar(QFrame):
    """Hidden until ``show_problem``; ``dismiss`` (or its close button) hides it again."""

    dismissed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Problem"))
        self.setStyleSheet(f"ProblemBar{{{ERROR_COLOURS};}} QLabel{{color:#5c1a1f;}}")
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 4, 4, 4)
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.action = QPushButton()
        self.action.clicked.connect(self._act)
        self.close_button = QToolButton()
        self.close_button.setText("×")
        self.close_button.setAccessibleName(self.tr("Dismiss the problem"))
        self.close_button.setToolTip(self.tr("Dismiss"))
        self.close_button.clicked.connect(self.dismiss)
        row.addWidget(self.text, 1)
        row.addWidget(self.action)
        row.addWidget(self.close_button)
        self._on_action: Callable[[], None] | None = None
        self.hide()

    def show_problem(
        self, text: str, action: str | None = None, on_action: Callable[[], None] | None = None
    ) -> None:
        """Say ``text``; ``action`` labels a button that calls ``on_action`` (then the bar
        closes: the user is dealing with it)."""
        self.text.setText(text)
        self._on_action = on_action
        self.action.setVisible(action is not None and on_action is not None)
        if action is not None:
            self.action.setText(action)
            self.action.setAccessibleName(action.replace("&", ""))
        self.show()

    def dismiss(self) -> None:
        self._on_action = None
        if not self.isHidden():
            self.hide()
            self.dismissed.emit()

    def _act(self) -> None:
        on_action = self._on_action
        self.dismiss()
        if on_action is not None:
            on_action()
