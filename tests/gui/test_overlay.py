"""The subtitles overlay: the newest translation shows, the original only when asked, and its
place, size, font size and opacity survive closing and reopening it (through the settings file)."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QPoint, QRect, Qt

from translator.gui.overlay import SubtitleOverlay
from translator.settings import OverlaySettings, Settings, SettingsStore
from translator.transcript.model import Segment


def _segment(key: str, start: float, source: str, target: str, **more: Any) -> Segment:
    return Segment(
        id=key,
        direction=key.split("-", maxsplit=1)[0],
        speaker="You",
        source_language="en",
        source_text=source,
        target_language="es",
        target_text=target,
        start_s=start,
        end_s=start + 1,
        **more,
    )


def _overlay(qtbot: Any, settings: OverlaySettings) -> SubtitleOverlay:
    overlay = SubtitleOverlay(settings)
    qtbot.addWidget(overlay)
    overlay.show()
    qtbot.waitExposed(overlay)
    return overlay


def test_it_is_a_frameless_window_on_top_of_the_others(qtbot: Any) -> None:
    flags = _overlay(qtbot, OverlaySettings()).windowFlags()
    for flag in (
        Qt.WindowType.WindowStaysOnTopHint,
        Qt.WindowType.FramelessWindowHint,
        Qt.WindowType.Tool,
    ):
        assert flags & flag


@pytest.mark.parametrize("remembered", ["", "bm90IGEgZ2VvbWV0cnk="], ids=["first time", "damaged"])
def test_without_a_usable_place_it_sits_low_and_centred_on_the_screen(
    qtbot: Any, remembered: str
) -> None:
    overlay = _overlay(qtbot, OverlaySettings(geometry=remembered))
    screen = overlay.screen().availableGeometry()
    placed = overlay.frameGeometry()
    assert abs(placed.center().x() - screen.center().x()) <= 1
    assert screen.contains(placed)
    assert placed.top() > screen.top() + screen.height() * 2 // 3  # in the lower third


def test_the_newest_translation_replaces_the_previous_one(qtbot: Any) -> None:
    overlay = _overlay(qtbot, OverlaySettings())
    overlay.show_segment(_segment("ab-1", 1.0, "Good morning", "Buenos"))
    overlay.show_segment(_segment("ab-1", 1.0, "Good morning", "Buenos días"))  # streaming
    assert overlay.translation.text() == "Buenos días"
    overlay.show_segment(_segment("ba-1", 3.0, "¿Qué tal?", "How are you?"))
    assert overlay.translation.text() == "How are you?"
    # the older utterance finishing late does not take the screen back
    overlay.show_segment(_segment("ab-1", 1.0, "Good morning", "Buenos días a todos"))
    assert overlay.translation.text() == "How are you?"
    # nor does a newer utterance that has no translation (yet, or at all)
    overlay.show_segment(_segment("ab-2", 5.0, "Hmm", ""))
    overlay.show_segment(_segment("ab-3", 6.0, "Hola", "Hola", status="untranslated"))
    assert overlay.translation.text() == "How are you?"
    overlay.show_segment(_segment("ab-2", 5.0, "Thanks", "Gracias"))
    assert overlay.translation.text() == "Gracias"


def test_the_original_shows_only_when_enabled(qtbot: Any) -> None:
    overlay = _overlay(qtbot, OverlaySettings(show_original=False))
    overlay.show_segment(_segment("ab-1", 1.0, "Good morning", "Buenos días"))
    assert not overlay.original.isVisible()
    assert "Good morning" not in overlay.original.text()
    overlay.apply(overlay.overlay_settings().model_copy(update={"show_original": True}))
    assert overlay.original.isVisible() and overlay.original.text() == "Good morning"
    assert overlay.translation.text() == "Buenos días"


def test_font_size_and_opacity_apply(qtbot: Any) -> None:
    overlay = _overlay(qtbot, OverlaySettings(font_size=30, opacity=0.6))
    assert overlay.translation.font().pointSize() == 30
    assert abs(overlay.windowOpacity() - 0.6) < 0.01
    overlay.set_font_size(+4, relative=True)
    assert overlay.translation.font().pointSize() == 34
    assert overlay.overlay_settings().font_size == 34


def test_dragging_moves_it(qtbot: Any) -> None:
    overlay = _overlay(qtbot, OverlaySettings())
    overlay.move(100, 100)
    start = overlay.pos()
    qtbot.mousePress(overlay.translation, Qt.MouseButton.LeftButton, pos=QPoint(10, 10))
    qtbot.mouseMove(overlay.translation, QPoint(60, 40))
    qtbot.mouseRelease(overlay.translation, Qt.MouseButton.LeftButton, pos=QPoint(60, 40))
    assert overlay.pos() - start == QPoint(50, 30)


def test_geometry_is_remembered_across_a_recreate(qtbot: Any) -> None:
    store = SettingsStore()
    overlay = _overlay(qtbot, store.load().overlay)
    overlay.setGeometry(QRect(140, 260, 520, 110))
    overlay.set_font_size(36)
    saved: list[OverlaySettings] = []
    overlay.settings_changed.connect(saved.append)
    overlay.close()  # as when the app quits
    assert saved, "closing reports the overlay's settings"
    store.save(Settings().model_copy(update={"overlay": saved[-1]}))

    again = _overlay(qtbot, SettingsStore().load().overlay)
    assert again.geometry() == QRect(140, 260, 520, 110)
    assert again.translation.font().pointSize() == 36
