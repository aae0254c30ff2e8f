"""The subtitles overlay (GUI thread): the latest translation in a frameless window on top.

It floats over the call window (always on top, frameless, no taskbar entry), shows the newest
utterance's translation and, when asked, its original; the user drags it anywhere, resizes it
from the corner grip, and changes the font size with Ctrl++ / Ctrl+- . Its size, place, font
size and opacity come from and go back to ``OverlaySettings``; ``settings_changed`` fires after
the user moved or resized it (debounced), so the window can save them.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import (
    QCloseEvent,
    QKeySequence,
    QMouseEvent,
    QMoveEvent,
    QResizeEvent,
    QShortcut,
)
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizeGrip, QVBoxLayout, QWidget

from translator.settings import OverlaySettings
from translator.transcript.model import Segment

# Segments that are not the utterance's translation any more, or never had one.
_NOT_SHOWN = frozenset(("superseded", "untranslated", "cancelled", "failed"))
_MIN_FONT, _MAX_FONT = 8, 96


class SubtitleOverlay(QWidget):
    """Frameless, always-on-top subtitles: ``show_segment`` with every segment change."""

    settings_changed = Signal(object)  # OverlaySettings

    def __init__(self, settings: OverlaySettings, parent: QWidget | None = None) -> None:
        super().__init__(
            parent,
            Qt.WindowType.Window
            | Qt.WindowType.WindowStaysOnTopHint
            | Qt.WindowType.FramelessWindowHint
            | Qt.WindowType.Tool,
        )
        self.setWindowTitle(self.tr("Subtitles"))
        self.setAccessibleName(self.tr("Subtitles"))
        self.setObjectName("subtitles")
        # White on near-black whatever the theme: subtitles sit over arbitrary video.
        self.setStyleSheet(
            "#subtitles { background: #101010; } "
            "QLabel { color: #ffffff; background: transparent; }"
        )
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self._settings = settings
        self._shown: Segment | None = None
        self._drag_from: QPoint | None = None

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 10, 4, 4)
        self.original = QLabel()
        self.original.setAccessibleName(self.tr("Original speech"))
        self.translation = QLabel()
        self.translation.setAccessibleName(self.tr("Latest translation"))
        for label in (self.original, self.translation):
            label.setWordWrap(True)
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
            layout.addWidget(label)
        grip_row = QHBoxLayout()
        grip_row.addStretch(1)
        self.grip = QSizeGrip(self)
        self.grip.setAccessibleName(self.tr("Resize subtitles"))
        grip_row.addWidget(self.grip)
        layout.addLayout(grip_row)

        # Bound methods, not lambdas: a lambda that holds ``self`` inside a Qt connection is a
        # reference cycle Python cannot see, and the overlay would never be freed.
        QShortcut(QKeySequence.StandardKey.ZoomIn, self, self._zoom_in)
        QShortcut(QKeySequence.StandardKey.ZoomOut, self, self._zoom_out)
        self._changed = QTimer(self)
        self._changed.setSingleShot(True)
        self._changed.setInterval(400)
        self._changed.timeout.connect(self._announce_settings)

        remembered = settings.geometry and self.restoreGeometry(
            QByteArray.fromBase64(settings.geometry.encode("ascii"))
        )
        if not remembered:  # the first time, or a geometry Qt could not read
            self._place_like_subtitles()
        self.apply(settings)

    def _place_like_subtitles(self) -> None:
        """The first time: low on the screen and centred, where subtitles are looked for."""
        screen = self.screen().availableGeometry()
        width, height = min(720, screen.width() * 4 // 5), 140
        self.setGeometry(
            screen.x() + (screen.width() - width) // 2,
            screen.y() + screen.height() - height - screen.height() // 12,
            width,
            height,
        )

    def apply(self, settings: OverlaySettings) -> None:
        """Font size, opacity and whether the original shows (the geometry stays as it is)."""
        self._settings = settings
        self.setWindowOpacity(settings.opacity)
        font = self.translation.font()
        font.setPointSize(settings.font_size)
        self.translation.setFont(font)
        small = self.original.font()
        small.setPointSize(max(_MIN_FONT, round(settings.font_size * 0.7)))
        self.original.setFont(small)
        self._render()

    def _zoom_in(self) -> None:
        self.set_font_size(+2, True)

    def _zoom_out(self) -> None:
        self.set_font_size(-2, True)

    def _announce_settings(self) -> None:
        self.settings_changed.emit(self.overlay_settings())

    def set_font_size(self, size: int, relative: bool = False) -> None:
        size = self._settings.font_size + size if relative else size
        size = min(_MAX_FONT, max(_MIN_FONT, size))
        self.apply(self._settings.model_copy(update={"font_size": size}))
        self._changed.start()

    def overlay_settings(self) -> OverlaySettings:
        """The settings as they are now, with the current place and size."""
        geometry = bytes(self.saveGeometry().toBase64().data()).decode("ascii")
        return self._settings.model_copy(update={"geometry": geometry, "visible": self.isVisible()})

    def show_segment(self, segment: Segment) -> None:
        """Show ``segment`` if it is the newest utterance with a translation to show."""
        if segment.status in _NOT_SHOWN or not segment.target_text.strip():
            return
        current = self._shown
        if current is not None and current.id != segment.id and segment.start_s < current.start_s:
            return  # a late update of an older utterance
        self._shown = segment.model_copy()
        self._render()

    def clear(self) -> None:
        """A new run starts: its utterances count from 0 again, so nothing older stays."""
        self._shown = None
        self._render()

    def _render(self) -> None:
        segment = self._shown
        self.translation.setText(segment.target_text if segment else "")
        show_original = self._settings.show_original and segment is not None
        self.original.setText(segment.source_text if segment and show_original else "")
        self.original.setVisible(show_original)

    # ---- moving: drag anywhere ----

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            handle = self.windowHandle()
            # Wayland lets only the compositor move windows; elsewhere we move it ourselves.
            if handle is None or not handle.startSystemMove():
                self._drag_from = event.globalPosition().toPoint() - self.pos()
            event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._drag_from is not None:
            self.move(event.globalPosition().toPoint() - self._drag_from)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self._drag_from = None

    def moveEvent(self, event: QMoveEvent) -> None:
        super().moveEvent(event)
        self._changed.start()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._changed.start()

    def closeEvent(self, event: QCloseEvent) -> None:
        self._changed.stop()
        self.settings_changed.emit(self.overlay_settings())
        super().closeEvent(event)
