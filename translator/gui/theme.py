"""Light and dark palettes (GUI thread) with text readable on every background.

Every text role on its background meets WCAG AA (4.5:1) in the active and inactive groups, and
the highlight stands out 3:1 from the window and the input fields. Fusion's own focus hints are
faint on some controls (a light-blue line on a grey one), so a ``FocusRing`` — 2 px in the
highlight colour — follows the keyboard focus around every control. ``system`` follows the
platform's colour scheme (``QStyleHints.colorScheme``, Qt ≥ 6.5) and changes with it while the
app runs. Fusion is used in every theme: it honours the palette on every platform.
"""

from __future__ import annotations

from typing import Literal

import shiboken6
from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QColor, QGuiApplication, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QApplication, QFocusFrame, QWidget

from translator.settings import Theme

Scheme = Literal["light", "dark"]
Role = QPalette.ColorRole

_LIGHT: dict[Role, str] = {
    Role.Window: "#f3f3f3",
    Role.WindowText: "#1b1b1b",
    Role.Base: "#ffffff",
    Role.AlternateBase: "#f0f4f9",
    Role.Text: "#1b1b1b",
    Role.PlaceholderText: "#5c6168",
    Role.Button: "#e6e6e6",
    Role.ButtonText: "#1b1b1b",
    Role.BrightText: "#ffffff",
    Role.Light: "#ffffff",
    Role.Midlight: "#ececec",
    Role.Mid: "#a0a0a0",
    Role.Dark: "#4a4a4a",
    Role.Shadow: "#202020",
    Role.Highlight: "#0b57d0",
    Role.HighlightedText: "#ffffff",
    Role.Link: "#0b57d0",
    Role.LinkVisited: "#6b2fa0",
    Role.ToolTipBase: "#fff8d6",
    Role.ToolTipText: "#1b1b1b",
}

_DARK: dict[Role, str] = {
    Role.Window: "#1f1f1f",
    Role.WindowText: "#e8e8e8",
    Role.Base: "#141414",
    Role.AlternateBase: "#232830",
    Role.Text: "#e8e8e8",
    Role.PlaceholderText: "#a3a9b0",
    Role.Button: "#2f2f2f",
    Role.ButtonText: "#e8e8e8",
    Role.BrightText: "#ffffff",
    Role.Light: "#4a4a4a",
    Role.Midlight: "#3a3a3a",
    Role.Mid: "#5a5a5a",
    Role.Dark: "#101010",
    Role.Shadow: "#000000",
    Role.Highlight: "#8ab4f8",
    Role.HighlightedText: "#0a1a33",
    Role.Link: "#8ab4f8",
    Role.LinkVisited: "#d7aefb",
    Role.ToolTipBase: "#2f2f2f",
    Role.ToolTipText: "#e8e8e8",
}

# Disabled controls are exempt from WCAG contrast, but still have to look disabled.
_DISABLED_TEXT: dict[Scheme, str] = {"light": "#8a8a8a", "dark": "#7a7a7a"}


def palette(scheme: Scheme) -> QPalette:
    """The palette for ``scheme``; the same colours when the window is active or not."""
    colors = _LIGHT if scheme == "light" else _DARK
    result = QPalette()
    for role, color in colors.items():
        for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
            result.setColor(group, role, QColor(color))
        result.setColor(QPalette.ColorGroup.Disabled, role, QColor(color))
    result.setColor(QPalette.ColorGroup.All, Role.Accent, QColor(colors[Role.Highlight]))
    for role in (Role.WindowText, Role.Text, Role.ButtonText, Role.PlaceholderText):
        result.setColor(QPalette.ColorGroup.Disabled, role, QColor(_DISABLED_TEXT[scheme]))
    return result


def system_scheme() -> Scheme:
    """The platform's colour scheme; light when the platform does not say."""
    hints = QGuiApplication.styleHints()
    scheme = hints.colorScheme() if hasattr(hints, "colorScheme") else None
    return "dark" if scheme == Qt.ColorScheme.Dark else "light"


FOCUS_RING_WIDTH = 2


class FocusRing(QFocusFrame):
    """A 2 px highlight-coloured ring around the focused control, drawn over its edge."""

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        pen = QPen(self.palette().color(QPalette.ColorRole.Highlight), FOCUS_RING_WIDTH)
        pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
        painter.setPen(pen)
        inset = FOCUS_RING_WIDTH / 2
        painter.drawRect(self.rect().toRectF().adjusted(inset, inset, -inset, -inset))


class AppTheme(QObject):
    """Applies a ``Theme`` to the application and, for ``system``, follows the platform."""

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self._app = app
        self.theme: Theme = "system"
        self.scheme: Scheme = "light"
        app.setStyle("Fusion")
        hints = QGuiApplication.styleHints()
        if hasattr(hints, "colorSchemeChanged"):
            hints.colorSchemeChanged.connect(self._platform_changed)
        self._ring: FocusRing | None = None
        app.focusChanged.connect(self._focus_changed)

    def apply(self, theme: Theme) -> None:
        self.theme = theme
        self.scheme = system_scheme() if theme == "system" else theme
        self._app.setPalette(palette(self.scheme))

    def _focus_changed(self, old: QWidget | None, new: QWidget | None) -> None:
        del old
        # The ring lives beside the control it surrounds and dies with that control's parent.
        if self._ring is None or not shiboken6.isValid(self._ring):
            self._ring = FocusRing()
        ringed = (
            new is not None
            and bool(new.focusPolicy() & Qt.FocusPolicy.TabFocus)
            and new.parentWidget() is not None
        )
        self._ring.setWidget(new if ringed else None)  # type: ignore[arg-type]  # None: no ring

    def _platform_changed(self) -> None:
        if self.theme == "system":
            self.apply("system")
