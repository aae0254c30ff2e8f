"""Form helpers (GUI thread)."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLabel


def pad_labels(form: QFormLayout) -> None:
    """A pixel of room either side of each row's label: a form gives a label exactly its
    text's advance, and glyphs such as T, Y and k draw a pixel past it (it was cut off)."""
    for row in range(form.rowCount()):
        item = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
        label = item.widget() if item is not None else None
        if isinstance(label, QLabel):
            label.setContentsMargins(1, 0, 1, 0)
