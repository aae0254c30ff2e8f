"""The main window (GUI thread): pickers, Start/Stop, the live transcript and session status.

It talks only to an ``InterpreterController``: settings go out as ``SessionSettings``, segment
changes and session states come back as Qt signals. Every visible string goes through ``tr()``
and every control has an accessible name and a place in the tab order.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QFont, QKeySequence, QShortcut, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QCompleter,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMainWindow,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from translator.audio.devices import DeviceCatalog
from translator.audio.errors import AudioError
from translator.catalog import load_catalog, load_languages
from translator.gui.controller import InterpreterController, SessionSettings, SessionState
from translator.transcript.model import Segment

log = logging.getLogger(__name__)

WINDOW_TITLE = "Translator"
COLUMNS = 4  # speaker, original, translation, status


class SearchableCombo(QComboBox):
    """A combo box the user can type into to filter its entries (matching anywhere)."""

    def __init__(self, accessible_name: str) -> None:
        super().__init__()
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setAccessibleName(accessible_name)
        completer = QCompleter(self.model(), self)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.setCompleter(completer)

    def select_data(self, data: object) -> None:
        index = self.findData(data)
        if index >= 0:
            self.setCurrentIndex(index)


class MainWindow(QMainWindow):
    """Language pair, mode, engine, voices, devices, Start/Stop, transcript and status."""

    closed = Signal()

    def __init__(self, controller: InterpreterController) -> None:
        super().__init__()
        self.controller = controller
        self.setWindowTitle(self.tr(WINDOW_TITLE))
        self.setAccessibleName(self.tr("Translator main window"))
        self._rows: dict[str, int] = {}
        self._states: dict[str, SessionState] = {}
        self._latency: dict[str, float] = {}
        self._cost = 0.0

        central = QWidget()
        layout = QVBoxLayout(central)
        self.banner = QLabel(
            self.tr(
                "Demo mode: translations come from the built-in local server, not from "
                "OpenAI. To translate for real, set OPENAI_API_KEY or save a key in the OS "
                "keyring (service 'translator', user 'openai') and start without --demo."
            )
        )
        self.banner.setWordWrap(True)
        self.banner.setAccessibleName(self.tr("Demo mode notice"))
        self.banner.setStyleSheet("background:#fff3c4;color:#4a3b00;padding:6px;")
        self.banner.setVisible(controller.demo)
        layout.addWidget(self.banner)

        languages = QHBoxLayout()
        self.language_a = SearchableCombo(self.tr("Language A"))
        self.language_b = SearchableCombo(self.tr("Language B"))
        for code, lang in sorted(load_languages().items(), key=lambda kv: kv[1].native.lower()):
            label = f"{lang.native} ({lang.name})"
            self.language_a.addItem(label, code)
            self.language_b.addItem(label, code)
        self.language_a.select_data("en")
        self.language_b.select_data("es")
        self.swap = QToolButton()
        self.swap.setText("⇄")
        self.swap.setToolTip(self.tr("Swap languages"))
        self.swap.setAccessibleName(self.tr("Swap languages"))
        self.swap.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.swap.clicked.connect(self.swap_languages)
        languages.addWidget(self.language_a, 1)
        languages.addWidget(self.swap)
        languages.addWidget(self.language_b, 1)
        layout.addLayout(languages)

        form = QFormLayout()
        self.mode = QComboBox()
        self.mode.setAccessibleName(self.tr("Mode"))
        self.mode.addItem(self.tr("Listen"), "listen")
        self.mode.addItem(self.tr("Call"), "call")
        self.mode.addItem(self.tr("Face-to-face"), "face")
        form.addRow(self.tr("&Mode"), self.mode)
        self.engine = QComboBox()
        self.engine.setAccessibleName(self.tr("Engine and model"))
        catalog = load_catalog()
        for model in catalog.models.values():
            if model.dialect in ("realtime", "translate") and not model.retired_on_openai:
                self.engine.addItem(f"{model.name} ({model.dialect})", model.name)
        self.engine.setCurrentIndex(max(0, self.engine.findData(catalog.default_model().name)))
        form.addRow(self.tr("&Engine"), self.engine)
        self.voice_ab = QComboBox()
        self.voice_ab.setAccessibleName(self.tr("Voice for A to B"))
        self.voice_ba = QComboBox()
        self.voice_ba.setAccessibleName(self.tr("Voice for B to A"))
        form.addRow(self.tr("Voice A→B"), self.voice_ab)
        form.addRow(self.tr("Voice B→A"), self.voice_ba)
        self.engine.currentIndexChanged.connect(self._fill_voices)
        self.engine.currentIndexChanged.connect(self._limit_targets)
        self.mode.currentIndexChanged.connect(self._limit_targets)
        self._fill_voices()
        self.input_device = QComboBox()
        self.input_device.setAccessibleName(self.tr("Input device"))
        self.output_device = QComboBox()
        self.output_device.setAccessibleName(self.tr("Output device"))
        self.return_input_device = QComboBox()
        self.return_input_device.setAccessibleName(self.tr("Their audio (call)"))
        self.return_output_device = QComboBox()
        self.return_output_device.setAccessibleName(self.tr("Your headphones (call)"))
        self._fill_devices()
        self.input_level = QProgressBar()
        self.input_level.setAccessibleName(self.tr("Input level"))
        self.input_level.setRange(0, 60)
        self.input_level.setTextVisible(False)
        inputs = QHBoxLayout()
        inputs.addWidget(self.input_device, 1)
        inputs.addWidget(self.input_level)
        input_label = QLabel(self.tr("&Input"))
        input_label.setBuddy(self.input_device)
        form.addRow(input_label, inputs)
        form.addRow(self.tr("&Output"), self.output_device)
        # call mode: the other side's audio comes back on its own route
        form.addRow(self.tr("&Their audio"), self.return_input_device)
        form.addRow(self.tr("Your &headphones"), self.return_output_device)
        self._form = form
        self.mode.currentIndexChanged.connect(self._show_call_routes)
        self._show_call_routes()
        layout.addLayout(form)

        self.start_stop = QPushButton(self.tr("Start"))
        self.start_stop.setAccessibleName(self.tr("Start or stop interpreting"))
        font = QFont(self.start_stop.font())
        font.setPointSize(font.pointSize() + 6)
        self.start_stop.setFont(font)
        self.start_stop.setMinimumHeight(48)
        self.start_stop.clicked.connect(self.toggle)
        QShortcut(QKeySequence("Ctrl+Return"), self, self.toggle)
        layout.addWidget(self.start_stop)

        self.transcript = QTableWidget(0, COLUMNS)
        self.transcript.setAccessibleName(self.tr("Live transcript"))
        self.transcript.setHorizontalHeaderLabels(
            [self.tr("Speaker"), self.tr("Original"), self.tr("Translation"), self.tr("Status")]
        )
        header = self.transcript.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.transcript.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.transcript.setWordWrap(True)
        layout.addWidget(self.transcript, 1)

        self.status = QLabel(self.tr("Ready"))
        self.status.setAccessibleName(self.tr("Session status"))
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        self.setCentralWidget(central)
        self.resize(900, 640)

        controller.segment_changed.connect(self.show_segment)
        controller.session_changed.connect(self.show_session)
        controller.running_changed.connect(self._show_running)
        controller.cost_changed.connect(self._show_cost)
        controller.failed.connect(self._show_failure)
        self._meter = QTimer(self)
        self._meter.setInterval(100)
        self._meter.timeout.connect(self._update_meter)

    # ---- pickers ----

    def swap_languages(self) -> None:
        a, b = self.language_a.currentData(), self.language_b.currentData()
        self.language_a.select_data(b)
        self.language_b.select_data(a)
        self._limit_targets()

    def _limit_targets(self) -> None:
        """Offer as targets only the languages the engine speaks (B, and A when two-way)."""
        model = load_catalog().model(str(self.engine.currentData()))
        spoken = set(model.output_languages) if model and model.output_languages else None
        two_way = self.mode.currentData() != "listen"
        for combo, is_target in ((self.language_a, two_way), (self.language_b, True)):
            items = combo.model()
            assert isinstance(items, QStandardItemModel)
            for row in range(combo.count()):
                allowed = not is_target or spoken is None or combo.itemData(row) in spoken
                items.item(row).setEnabled(allowed)
            if not items.item(combo.currentIndex()).isEnabled():
                first = next(r for r in range(combo.count()) if items.item(r).isEnabled())
                combo.setCurrentIndex(first)

    def _fill_voices(self) -> None:
        model = load_catalog().model(str(self.engine.currentData()))
        for combo in (self.voice_ab, self.voice_ba):
            combo.clear()
            for voice in model.voices if model else ():
                combo.addItem(voice, voice)
            combo.setEnabled(combo.count() > 0)

    def _show_call_routes(self) -> None:
        call = self.mode.currentData() == "call"
        for combo in (self.return_input_device, self.return_output_device):
            self._form.setRowVisible(combo, call)

    def _device_combos(self) -> list[QComboBox]:
        call = self.mode.currentData() == "call"
        return [self.input_device, self.output_device] + (
            [self.return_input_device, self.return_output_device] if call else []
        )

    def _fill_devices(self) -> None:
        try:
            catalog = DeviceCatalog()
            self.set_devices(
                [d.name for d in catalog.devices("input")],
                [d.name for d in catalog.devices("output")],
                catalog.default("input").name,
                catalog.default("output").name,
            )
        except AudioError as exc:
            log.warning("no audio devices: %s", exc)
            self.set_devices([], [])

    def set_devices(
        self,
        inputs: list[str],
        outputs: list[str],
        default_input: str | None = None,
        default_output: str | None = None,
    ) -> None:
        """Offer these devices (by name), preselecting the defaults."""
        for combo, names, default in (
            (self.input_device, inputs, default_input),
            (self.output_device, outputs, default_output),
            (self.return_input_device, inputs, default_input),
            (self.return_output_device, outputs, default_output),
        ):
            combo.clear()
            for name in names:
                combo.addItem(name, name)
            if default is not None:
                combo.setCurrentIndex(max(0, combo.findData(default)))
            if not names:
                combo.addItem(self.tr("No audio device found"), None)

    def settings(self) -> SessionSettings:
        model = str(self.engine.currentData())
        info = load_catalog().model(model)
        call = self.mode.currentData() == "call"
        return SessionSettings(
            mode=self.mode.currentData(),
            language_a=str(self.language_a.currentData()),
            language_b=str(self.language_b.currentData()),
            engine=info.dialect if info else "realtime",
            model=model,
            voice_ab=self.voice_ab.currentData(),
            voice_ba=self.voice_ba.currentData(),
            input=str(self.input_device.currentData()),
            output=str(self.output_device.currentData()),
            return_input=self.return_input_device.currentData() if call else None,
            return_output=self.return_output_device.currentData() if call else None,
        )

    # ---- start and stop ----

    def toggle(self) -> None:
        if self.controller.running:
            self.start_stop.setEnabled(False)  # until the sessions have closed
            self.controller.stop()
            return
        if any(combo.currentData() is None for combo in self._device_combos()):
            self.status.setText(
                self.tr("No audio device found: plug in a microphone and speakers, then restart.")
            )
            return
        self.transcript.setRowCount(0)
        self._rows.clear()
        self._states.clear()
        self._latency.clear()
        self._cost = 0.0
        self.controller.start(self.settings())

    def _show_running(self, running: bool) -> None:
        self.start_stop.setText(self.tr("Stop") if running else self.tr("Start"))
        self.start_stop.setEnabled(True)
        for control in (self.language_a, self.language_b, self.swap, self.mode, self.engine):
            control.setEnabled(not running)
        if running:
            self._meter.start()
        else:
            self._meter.stop()
            self.input_level.setValue(0)

    def _update_meter(self) -> None:
        interpreter = self.controller.interpreter
        if interpreter is None or not interpreter.router.inputs:
            return
        reading = interpreter.router.inputs[0].level()
        self.input_level.setValue(max(0, min(60, round(60 + reading.rms_dbfs))))

    # ---- transcript ----

    def show_segment(self, segment: Segment) -> None:
        follow = self._following()
        row = self._rows.get(segment.id)
        if row is None:
            row = self.transcript.rowCount()
            self.transcript.insertRow(row)
            self._rows[segment.id] = row
        translation = segment.target_text
        if segment.latency_ms is not None:
            self._latency[segment.direction] = segment.latency_ms
        cells = (segment.speaker, segment.source_text, translation, self._status_text(segment))
        for column, text in enumerate(cells):
            item = self.transcript.item(row, column)
            if item is None:
                self.transcript.setItem(row, column, QTableWidgetItem(text))
            elif item.text() != text:
                item.setText(text)
        if follow:
            self.transcript.scrollToBottom()
        self._render_status()

    def _following(self) -> bool:
        """Auto-scroll only while the user has not scrolled up to read."""
        bar = self.transcript.verticalScrollBar()
        return bar.value() >= bar.maximum() - 2

    def _status_text(self, segment: Segment) -> str:
        names = {
            "listening": self.tr("listening"),
            "translating": self.tr("translating"),
            "completed": self.tr("done"),
            "incomplete": self.tr("cut short"),
            "cancelled": self.tr("stopped"),
            "failed": self.tr("failed"),
            "untranslated": self.tr("nothing to translate"),
        }
        text = names[segment.status]
        if segment.latency_ms is not None:
            text += self.tr(" · {ms} ms").format(ms=round(segment.latency_ms))
        return text

    # ---- status ----

    def show_session(self, state: SessionState) -> None:
        self._states[state.key] = state
        self._render_status()

    def _show_cost(self, usd: float) -> None:
        self._cost = usd
        self._render_status()

    def _show_failure(self, message: str) -> None:
        self.status.setText(self.tr("Could not start: {message}").format(message=message))

    def _render_status(self) -> None:
        names = {
            "connecting": self.tr("connecting…"),
            "live": self.tr("live"),
            "reconnecting": self.tr("reconnecting…"),
            "stopped": self.tr("stopped"),
            "error": self.tr("error"),
        }
        parts = []
        for key, state in self._states.items():
            label = "A→B" if key == "ab" else "B→A"
            text = f"{label}: {names.get(state.state, state.state)}"
            if state.state == "error" and state.detail:
                text += f" — {state.detail}"
            if key in self._latency:
                text += self.tr(", last latency {ms} ms").format(ms=round(self._latency[key]))
            parts.append(text)
        if parts:
            parts.append(self.tr("cost ${usd}").format(usd=f"{self._cost:.4f}"))
            self.status.setText(" · ".join(parts))

    def closeEvent(self, event: QCloseEvent) -> None:
        self.closed.emit()
        super().closeEvent(event)
