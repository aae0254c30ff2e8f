"""Both palettes are readable (WCAG AA) and keyboard focus is visible in each."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from translator.gui.theme import AppTheme, palette, system_scheme

Role = QPalette.ColorRole

# Text role on the background it is drawn on.
TEXT_PAIRS = [
    (Role.WindowText, Role.Window),
    (Role.Text, Role.Base),
    (Role.Text, Role.AlternateBase),
    (Role.ButtonText, Role.Button),
    (Role.HighlightedText, Role.Highlight),
    (Role.ToolTipText, Role.ToolTipBase),
    (Role.PlaceholderText, Role.Base),
    (Role.PlaceholderText, Role.AlternateBase),  # an original on the other side's tinted row
    (Role.PlaceholderText, Role.Window),  # the mode's description, the empty transcript's hint
    (Role.BrightText, Role.Dark),
    (Role.Link, Role.Base),
    (Role.LinkVisited, Role.Base),
]


def relative_luminance(color: QColor) -> float:
    """WCAG 2.x relative luminance of an sRGB colour."""

    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * linear(color.red())
        + 0.7152 * linear(color.green())
        + 0.0722 * linear(color.blue())
    )


def contrast(a: QColor, b: QColor) -> float:
    high, low = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.fixture
def app_theme(qapp: Any) -> Iterator[AppTheme]:
    """The app's theme for one test; the application's style and palette come back after."""
    style, colors = qapp.style().name(), QPalette(qapp.palette())
    theme = AppTheme(qapp)
    yield theme
    shiboken6.delete(theme)  # now, on this thread: disconnects it from the focus and colour signals
    qapp.setStyle(style)
    qapp.setPalette(colors)


def test_contrast_formula_matches_known_values() -> None:
    assert contrast(QColor("#000000"), QColor("#ffffff")) == pytest.approx(21.0)
    assert contrast(QColor("#777777"), QColor("#ffffff")) == pytest.approx(4.48, abs=0.01)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("group", [QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive])
def test_every_text_role_meets_wcag_aa_on_its_background(
    qapp: Any, scheme: str, group: QPalette.ColorGroup
) -> None:
    colors = palette(scheme)  # type: ignore[arg-type]
    failures = [
        f"{text.name} on {background.name}: {ratio:.2f}"
        for text, background in TEXT_PAIRS
        if (ratio := contrast(colors.color(group, text), colors.color(group, background))) < 4.5
    ]
    assert not failures, f"{scheme}: below 4.5:1: {failures}"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_focus_highlight_stands_out_from_window_and_fields(qapp: Any, scheme: str) -> None:
    colors = palette(scheme)  # type: ignore[arg-type]
    highlight = colors.color(Role.Highlight)
    assert contrast(highlight, colors.color(Role.Window)) >= 3.0  # WCAG 1.4.11, non-text
    assert contrast(highlight, colors.color(Role.Base)) >= 3.0


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_focused_control_looks_different_in_the_focus_colour(
    qapp: Any, qtbot: Any, app_theme: AppTheme, scheme: str
) -> None:
    """Render each kind of control before and after Tab moves focus onto it: focus must
    draw visible pixels that contrast 3:1 with what was there before."""
    app_theme.apply(scheme)  # type: ignore[arg-type]
    host = QWidget()
    layout = QVBoxLayout(host)
    combo = QComboBox()
    combo.addItems(["one", "two"])
    controls = [QLineEdit(), QPushButton("Start"), combo, QSpinBox(), QPlainTextEdit()]
    other = QPushButton("Other")
    for widget in (*controls, other):
        layout.addWidget(widget)
    qtbot.addWidget(host)
    host.show()
    qtbot.waitExposed(host)
    host.activateWindow()
    other.setFocus()
    qtbot.waitUntil(other.hasFocus)
    for control in controls:  # Tab wraps from the last (other) to the first
        around = control.geometry().adjusted(-4, -4, 4, 4)  # the ring may sit outside
        before = host.grab(around).toImage()
        qtbot.keyClick(qapp.focusWidget(), Qt.Key.Key_Tab)  # focus by keyboard, as a user
        qtbot.waitUntil(control.hasFocus)
        qapp.processEvents()
        after = host.grab(around).toImage()
        changed = [
            (before.pixelColor(x, y), after.pixelColor(x, y))
            for x in range(after.width())
            for y in range(after.height())
            if before.pixel(x, y) != after.pixel(x, y)
        ]
        visible = [pair for pair in changed if contrast(*pair) >= 3.0]
        assert len(visible) >= 2 * (after.width() + after.height()) // 3, (
            f"{scheme}: focus on {type(control).__name__} barely shows "
            f"({len(visible)} strongly changed pixels)"
        )


def test_system_theme_follows_the_platform_scheme(qapp: Any, app_theme: AppTheme) -> None:
    theme = app_theme
    theme.apply("system")
    assert theme.scheme == system_scheme()
    expected = palette(theme.scheme).color(Role.Window)
    assert qapp.palette().color(Role.Window) == expected
    hints = QGuiApplication.styleHints()
    if hints.colorScheme() == Qt.ColorScheme.Unknown:
        assert theme.scheme == "light"  # a platform that does not say gets the light palette
