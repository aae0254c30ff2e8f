"""The Qt binding keeps Python's reference counts: PySide6 6.12.0 on Python 3.11 dropped a
reference to ``None`` on every void call and to ``True``/``False`` on every bool signal to a
method, and the app aborted at exit after a session (pyproject.toml keeps it below 6.12)."""

from __future__ import annotations

import sys
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QPushButton

CALLS = 2000


class _Sender(QObject):
    changed = Signal(bool)


class _Receiver(QObject):
    def take(self, value: bool) -> None:
        del value


def test_void_calls_and_bool_signals_keep_none_and_bools_alive(qapp: Any) -> None:
    button = QPushButton()
    sender, receiver = _Sender(), _Receiver()
    sender.changed.connect(receiver.take)
    before = sys.getrefcount(None), sys.getrefcount(True)
    for _ in range(CALLS):
        button.setEnabled(True)  # returns None
        sender.changed.emit(True)
    after = sys.getrefcount(None), sys.getrefcount(True)
    # other code moves these counts a little; the bug moved them by one per call
    assert after[0] - before[0] > -CALLS // 2, "the binding loses references to None"
    assert after[1] - before[1] > -CALLS // 2, "the binding loses references to True"
