"""A level meter for one audio route (GUI thread): RMS as the bar, peak in the tooltip.

The window polls the routes' ``level()`` readings on a timer while running and calls ``show``;
stopped, the meter rests at the floor. The scale is dBFS from ``FLOOR_DB`` to 0, linear in dB,
which is how loudness is heard.
"""

from __future__ import annotations

from PySide6.QtWidgets import QProgressBar

from translator.app.readings import Level

FLOOR_DB = -60.0
STEPS_PER_DB = 10


class LevelMeter(QProgressBar):
    def __init__(self, accessible_name: str) -> None:
        super().__init__()
        self.setAccessibleName(accessible_name)
        self.setRange(0, round(-FLOOR_DB * STEPS_PER_DB))
        self.setTextVisible(False)
        self.setMaximumWidth(140)
        self.setFixedHeight(10)  # a thin bar: reads as a meter, never as a text field
        self.idle()

    @property
    def level_db(self) -> float:
        """The RMS level shown, in dBFS (``FLOOR_DB`` at rest)."""
        return self.value() / STEPS_PER_DB + FLOOR_DB

    def show_reading(self, reading: Level) -> None:
        rms = max(FLOOR_DB, min(0.0, reading.rms_dbfs))
        self.setValue(round((rms - FLOOR_DB) * STEPS_PER_DB))
        peak = max(FLOOR_DB, min(0.0, reading.peak_dbfs))
        self.setToolTip(self.tr("{rms:.0f} dBFS, peak {peak:.0f} dBFS").format(rms=rms, peak=peak))

    def idle(self) -> None:
        self.setValue(0)
        self.setToolTip(self.tr("silent"))
