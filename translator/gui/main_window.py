"""The main window (GUI thread): pickers, Start/Stop, push-to-talk, meters, the live
transcript, session status and the bill, export and the session history.

The user's ``Settings`` are the window's model: the pickers show and edit them, the settings
dock (``SettingsPanel``) edits the rest, a first-run page (``FirstRunPanel``) fills them on the
first start, and they are saved (with the window's and the subtitles overlay's geometry) on
Start and on close. It talks only to an ``InterpreterController``: settings go out on Start, talk
buttons as ``hold`` calls; segment changes, session states and the bill come back as Qt signals,
and route levels are polled on a timer while running. Every visible string goes through
``tr()`` and every control has an accessible name and a place in the tab order. Push-to-talk
keys: hold F1 (side A, or you) and F2 (side B); key auto-repeat is ignored.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import (
    QByteArray,
    QDateTime,
    QElapsedTimer,
    QEvent,
    QLocale,
    QObject,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QFont,
    QKeyEvent,
    QKeySequence,
    QPalette,
    QShortcut,
    QStandardItemModel,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QCompleter,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from translator.app import sample
from translator.app.devices import device_names
from translator.app.errors import Problem
from translator.app.readings import Bill, ModelNotice, SessionState
from translator.catalog import load_catalog, load_languages
from translator.gui.controller import InterpreterController
from translator.gui.dialogs.export import ask_export_path, export_formats, write_export
from translator.gui.dialogs.history import HistoryWindow
from translator.gui.dialogs.settings import SettingsWindow
from translator.gui.overlay import SubtitleOverlay
from translator.gui.settings_panel import FirstRunPanel
from translator.gui.theme import AppTheme
from translator.gui.widgets.empty_hint import EmptyHint
from translator.gui.widgets.form import pad_labels
from translator.gui.widgets.level_meter import LevelMeter
from translator.gui.widgets.mode_chooser import ModeChooser
from translator.gui.widgets.problem_bar import ProblemBar
from translator.secrets import KeyStore
from translator.settings import DeviceSettings, Settings, SettingsError, SettingsStore
from translator.transcript.export import ExportOptions, Format, clock
from translator.transcript.history import History
from translator.transcript.model import Run, Segment

log = logging.getLogger(__name__)

COLUMNS = 5  # speaker, original, translation, status, when it was said
TALK_KEYS = {Qt.Key.Key_F1: "ab", Qt.Key.Key_F2: "ba"}  # hold to talk: side A (you), side B


_HW_SUFFIX = re.compile(r"\s*\(hw:\d+,\d+\)$")


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
        line = self.lineEdit()
        assert line is not None  # editable
        line.editingFinished.connect(self._show_choice)

    def select_data(self, data: object) -> None:
        index = self.findData(data)
        if index >= 0:
            self.setCurrentIndex(index)

    def _show_choice(self) -> None:
        """Leaving with a search typed but nothing picked: show what is chosen again, never
        the half-typed text (a search is not a choice)."""
        if self.currentIndex() >= 0:
            self.setEditText(self.itemText(self.currentIndex()))


class MainWindow(QMainWindow):
    """Language pair, mode, engine, voices, devices, Start/Stop, transcript and status."""

    closed = Signal()

    def __init__(
        self,
        controller: InterpreterController,
        history: History | None = None,
        *,
        settings: Settings | None = None,
        store: SettingsStore | None = None,
        keys: KeyStore | None = None,
        theme: AppTheme | None = None,
    ) -> None:
        """``store``: where settings are saved (None: nowhere, e.g. in tests); ``theme``: the
        app's theme, re-applied when the settings change it."""
        super().__init__()
        self.controller = controller
        self.history = history or History(controller.history or History.default().directory)
        self.app_settings = settings or Settings()
        self.store = store
        self.keys = keys or KeyStore()
        self.theme = theme
        self.setWindowTitle(self.tr("Translator"))
        self.setAccessibleName(self.tr("Translator main window"))
        self._rows: dict[str, int] = {}
        self._states: dict[str, SessionState] = {}
        self._latency: dict[str, float] = {}
        self._bill = Bill()
        self._stopped_by: str | None = None  # why the run stopped on its own
        self._failed_by: str | None = None  # why the last start failed
        self._shown_run: Run | None = None  # what the transcript shows: live, last or opened
        self.history_window: HistoryWindow | None = None
        self.last_export: Path | None = None
        self._build_menus()

        central = QWidget()
        layout = QVBoxLayout(central)
        self.banner = QLabel(
            self.tr(
                "Demo mode: translations come from the built-in local server, not from "
                "OpenAI. To translate for real, open Settings (Ctrl+,), choose a provider and "
                "save your API key (or set OPENAI_API_KEY), then press Start."
            )
        )
        self.banner.setWordWrap(True)
        self.banner.setAccessibleName(self.tr("Demo mode notice"))
        self.banner.setStyleSheet("background:#fff3c4;color:#4a3b00;padding:6px;")
        self.problem_bar = ProblemBar()
        self.problem_bar.dismissed.connect(self._render_status)  # then said in full below

        languages = QHBoxLayout()
        self.language_a = SearchableCombo(self.tr("Language A"))
        self.language_b = SearchableCombo(self.tr("Language B"))
        ui_language = QLocale().name().split("_")[0]  # the UI's (set before any widget)
        for code, lang in sorted(load_languages().items(), key=lambda kv: kv[1].native.lower()):
            label = lang.label(ui_language)
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
        # what each language is, in the mode's words ("I speak", "They speak")
        self.language_a_caption, self.language_b_caption = QLabel(), QLabel()
        for caption, language in (
            (self.language_a_caption, self.language_a),
            (self.language_b_caption, self.language_b),
        ):
            caption.setBuddy(language)
            caption.setContentsMargins(3, 0, 1, 0)  # room for a J or Y reaching left
            font = caption.font()
            font.setPointSizeF(font.pointSizeF() * 1.25)  # the pair comes first, and large
            language.setFont(font)
            language.setMinimumContentsLength(10)  # shrinks with the window, never widens it
            language.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            font.setBold(True)
            caption.setFont(font)
        languages.addWidget(self.language_a_caption)
        languages.addWidget(self.language_a, 1)
        languages.addWidget(self.swap)
        languages.addWidget(self.language_b_caption)
        languages.addWidget(self.language_b, 1)
        layout.addLayout(languages)

        form = QFormLayout()
        # the service and model, chosen in Settings: said here, changed there
        self.service = QLabel()
        self.service.setAccessibleName(self.tr("Service and model"))
        self.change_service = QPushButton(self.tr("&Change…"))
        self.change_service.setAccessibleName(self.tr("Change the service or model in Settings"))
        self.change_service.clicked.connect(self.show_settings_window)
        service_row = QHBoxLayout()
        service_row.addWidget(self.service, 1)
        service_row.addWidget(self.change_service)
        service_label = QLabel(self.tr("Service"))
        form.addRow(service_label, service_row)
        self.mode = ModeChooser(self.tr("Mode"))
        self.mode.add_mode(
            "listen",
            self.tr("Listen"),
            self.tr("Hear a talk, a video or a meeting in your language, one way."),
        )
        self.mode.add_mode(
            "call",
            self.tr("Call"),
            self.tr(
                "A Zoom, Teams or Meet call, both ways: the call hears your translation through "
                "a virtual cable, you hear theirs."
            ),
        )
        self.mode.add_mode(
            "face",
            self.tr("Face to face"),
            self.tr("Two people at this computer, each speaking their own language."),
        )
        form.addRow(self.tr("Mode"), self.mode)
        self.voice_ab = QComboBox()
        self.voice_ab.setAccessibleName(self.tr("Voice for A to B"))
        self.voice_ba = QComboBox()
        self.voice_ba.setAccessibleName(self.tr("Voice for B to A"))
        # named for who hears them: the mode decides (_show_rows_for_mode)
        self.voice_ab_label, self.voice_ba_label = QLabel(), QLabel()
        self.voice_ab_label.setBuddy(self.voice_ab)
        self.voice_ba_label.setBuddy(self.voice_ba)
        form.addRow(self.voice_ab_label, self.voice_ab)
        form.addRow(self.voice_ba_label, self.voice_ba)
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
        self.input_level = LevelMeter(self.tr("Input level"))
        self.output_level = LevelMeter(self.tr("Output level"))
        self.return_input_level = LevelMeter(self.tr("Their audio level"))
        self.return_output_level = LevelMeter(self.tr("Headphones level"))
        self.meters = {
            "input": self.input_level,
            "output": self.output_level,
            "return_input": self.return_input_level,
            "return_output": self.return_output_level,
        }
        self._call_rows: list[QHBoxLayout] = []
        self.test_buttons: dict[str, QPushButton] = {}
        self.device_labels: dict[str, QLabel] = {}  # named for what each route is in the mode
        for role, combo in self._device_pickers().items():
            meter = self.meters[role]
            test = self.test_buttons[role] = QPushButton(self.tr("Test"))
            test.setCheckable(True)
            if role.endswith("input"):
                test.setToolTip(self.tr("Meter this device now, before Start: speak and watch"))
            else:
                test.setToolTip(self.tr("Play a short test sound on this device"))
            test.setAccessibleName(self.tr("Test {device}").format(device=combo.accessibleName()))
            test.toggled.connect(lambda on, r=role: self._test_device(r, on))
            combo.currentIndexChanged.connect(lambda _, r=role: self._retest(r))
            row = QHBoxLayout()
            row.addWidget(combo, 1)
            row.addWidget(meter)
            row.addWidget(test)
            buddy = self.device_labels[role] = QLabel()
            buddy.setBuddy(combo)
            form.addRow(buddy, row)
            if combo in (self.return_input_device, self.return_output_device):
                self._call_rows.append(row)
        self._build_talk_row(form)
        pad_labels(form)
        self._form = form
        self._fix_label_column()
        self.mode.currentIndexChanged.connect(self._show_rows_for_mode)
        self.mode.currentIndexChanged.connect(self._show_talk_buttons)
        self._show_rows_for_mode()
        self._show_talk_buttons()
        self._form_box = QWidget()
        self._form_box.setLayout(form)
        form.setContentsMargins(0, 0, 0, 0)  # aligned with the languages above
        layout.addWidget(self._form_box)

        self.start_stop = QPushButton(self.tr("Start"))
        self.start_stop.setAccessibleName(self.tr("Start or stop interpreting"))
        font = QFont(self.start_stop.font())
        font.setPointSize(font.pointSize() + 6)
        self.start_stop.setFont(font)
        self.start_stop.setMinimumHeight(48)
        self.start_stop.clicked.connect(self.toggle)
        QShortcut(QKeySequence("Ctrl+Return"), self, self.toggle)
        self.sample_button = QPushButton(self.tr("Play a sample conversation"))
        self.sample_button.setAccessibleName(self.tr("Play a sample conversation"))
        self.sample_button.setMinimumHeight(48)
        self.sample_button.clicked.connect(self.play_sample)
        for combo in (self.language_a, self.language_b):  # (never changed while running)
            combo.currentIndexChanged.connect(lambda _: self._show_sample_availability(False))
        self._show_sample_availability(False)
        self.run_clock = QLabel()  # connecting…, then live and for how long
        self.run_clock.setAccessibleName(self.tr("Run time"))
        self.run_clock.hide()
        self._run_timer = QElapsedTimer()
        self._paint_start_button(running=False)
        start_row = QHBoxLayout()
        start_row.addWidget(self.start_stop, 1)
        start_row.addWidget(self.run_clock)
        start_row.addWidget(self.sample_button)
        layout.addLayout(start_row)

        self.transcript = QTableWidget(0, COLUMNS)
        self.transcript.setAccessibleName(self.tr("Live transcript"))
        self.transcript.setHorizontalHeaderLabels(
            [self.tr("Speaker"), self.tr("Original"), self.tr("Translation"), self.tr("Status"),
             self.tr("Time")]
        )  # fmt: skip
        header = self.transcript.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)  # never wraps
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.ResizeToContents)
        rows = self.transcript.verticalHeader()
        rows.hide()  # a conversation, not a spreadsheet
        rows.setMinimumSectionSize(round(self.fontMetrics().height() * 1.9))  # room to breathe
        self.empty_hint = EmptyHint(
            self.transcript,
            self.tr(
                "What is said and its translation appear here. Press Start and speak, or play "
                "a sample conversation to see how it works."
            ),
        )
        self.transcript.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.transcript.setWordWrap(True)
        layout.addWidget(self.transcript, 1)
        # Notices under the transcript: one coming or going never moves Start or the rows.
        layout.addWidget(self.problem_bar)
        layout.addWidget(self._build_model_notice())
        layout.addWidget(self.banner)

        self.status = QLabel(self.tr("Ready"))
        self.status.setAccessibleName(self.tr("Session status"))
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        self.pages = QStackedWidget()
        self.main_page = central
        self.first_run: FirstRunPanel | None = None
        if not self.app_settings.first_run_done and not controller.forced_demo:
            self.first_run = FirstRunPanel(self.app_settings, self.keys)
            self.first_run.finished.connect(self._first_run_finished)
            self.pages.addWidget(self.first_run)
        self.pages.addWidget(central)
        self.setCentralWidget(self.pages)
        self._build_settings_window()
        # A window of its own (no Qt parent, so it stays up when this one is minimised), freed
        # with this one on the GUI thread.
        self.overlay = SubtitleOverlay(self.app_settings.overlay)
        self.destroyed.connect(self.overlay.deleteLater)
        self.overlay.settings_changed.connect(self._overlay_changed)
        controller.segment_changed.connect(self.overlay.show_segment)
        self.resize(900, 640)
        self.show_settings(self.app_settings)
        self._reserve_form_height()
        self._restore_geometry()

        controller.segment_changed.connect(self.show_segment)
        controller.segment_dropped.connect(self.drop_segment)
        controller.session_changed.connect(self.show_session)
        controller.running_changed.connect(self._show_running)
        controller.bill_changed.connect(self._show_bill)
        controller.failed.connect(self._show_failure)
        controller.stopped.connect(self._show_stop)
        controller.run_started.connect(self._run_started)
        controller.run_finished.connect(self._run_finished)
        controller.model_notice.connect(self.show_model_notice)
        self._meter = QTimer(self)
        self._meter.setInterval(100)
        self._meter.timeout.connect(self._update_meters)
        app = QApplication.instance()
        if app is not None:  # talk keys work wherever the focus is in this window
            app.installEventFilter(self)

    # ---- menus ----

    def _build_menus(self) -> None:
        menu = self.menuBar().addMenu(self.tr("&File"))
        self.export_menu = menu.addMenu(self.tr("&Export transcript"))
        self.export_actions: dict[Format, QAction] = {}
        for fmt, label in export_formats():
            action = self.export_menu.addAction(
                self.tr("{label} (.{suffix})…").format(label=label, suffix=fmt)
            )
            action.triggered.connect(lambda _=False, f=fmt: self.export(f))
            self.export_actions[fmt] = action
        self.export_menu.setEnabled(False)  # until there is a transcript
        self.history_action = menu.addAction(self.tr("Session &history"))
        self.history_action.setShortcut(QKeySequence("Ctrl+H"))
        self.history_action.triggered.connect(self.show_history)
        menu.addSeparator()
        quit_action = menu.addAction(self.tr("&Quit"))
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        self.view_menu = view = self.menuBar().addMenu(self.tr("&View"))
        self.subtitles_action = view.addAction(self.tr("S&ubtitles overlay"))
        self.subtitles_action.setShortcut(QKeySequence("Ctrl+U"))
        self.subtitles_action.setCheckable(True)
        self.subtitles_action.toggled.connect(self._show_overlay)
        self.rescan_action = view.addAction(self.tr("&Rescan audio devices"))
        self.rescan_action.setShortcut(QKeySequence("F5"))
        self.rescan_action.triggered.connect(self.rescan_devices)

    # ---- settings ----

    def _build_settings_window(self) -> None:
        self.settings_window = SettingsWindow(self.app_settings, self.keys, self)
        self.settings_panel = self.settings_window.panel
        self.settings_panel.applied.connect(self._settings_applied)
        self.settings_panel.key_saved.connect(self.controller.check_key)
        self.controller.key_checked.connect(self._key_checked)
        self.settings_action = QAction(self.tr("&Settings…"), self)
        self.settings_action.setShortcut(QKeySequence("Ctrl+,"))
        self.settings_action.triggered.connect(self.show_settings_window)
        self.view_menu.insertAction(self.subtitles_action, self.settings_action)

    def show_settings_window(self) -> None:
        """Open the settings (as View → Settings does) beside this window, or raise them."""
        self.settings_window.present()

    def show_settings(self, settings: Settings) -> None:
        """Show ``settings`` in the pickers, the settings dock and the demo banner."""
        self.app_settings = settings
        self.language_a.select_data(settings.language_a)
        self.language_b.select_data(settings.language_b)
        self.mode.setCurrentIndex(max(0, self.mode.findData(settings.mode)))
        self._show_service(settings)
        self._fill_voices()
        self._limit_targets()
        for combo, voice in (
            (self.voice_ab, settings.voice_ab),
            (self.voice_ba, settings.voice_ba),
        ):
            if voice is not None and combo.findData(voice) >= 0:
                combo.setCurrentIndex(combo.findData(voice))
        for role, combo in self._device_pickers().items():
            name = getattr(settings.devices, role)
            if name is not None and combo.findData(name) >= 0:
                combo.setCurrentIndex(combo.findData(name))
        self.settings_panel.set_settings(settings)
        self._show_demo_banner()
        self._show_turn_mode(settings)
        self.controller.check_model(self.settings())

    def _show_turn_mode(self, settings: Settings) -> None:
        """Manual turns end only when a talk button is released: push-to-talk, always."""
        manual = settings.turn_detection.kind == "manual"
        if manual:
            self.talk_mode.setCurrentIndex(self.talk_mode.findData(True))
        self.talk_mode.setEnabled(not manual)
        self.talk_mode.setToolTip(
            self.tr(
                "Manual turn detection (Settings): hold the talk button while you speak; "
                "releasing it ends the utterance."
            )
            if manual
            else ""
        )

    def _device_pickers(self) -> dict[str, QComboBox]:
        return {
            "input": self.input_device,
            "output": self.output_device,
            "return_input": self.return_input_device,
            "return_output": self.return_output_device,
        }

    def _show_demo_banner(self, running: bool = False) -> None:
        """Whether the run shown (or the next one, when none runs) is a demo."""
        demo = self.controller.demo if running else self.controller.demo_for(self.settings())
        self.banner.setVisible(demo)

    def _show_service(self, settings: Settings) -> None:
        names = {
            "openai": self.tr("OpenAI"),
            "azure": self.tr("Azure OpenAI"),
            "custom": self.tr("Custom endpoint"),
            "local": self.tr("Local demo server"),
        }
        provider = names.get(settings.provider, settings.provider)
        model = settings.azure.deployment if settings.provider == "azure" else settings.model
        if self.controller.forced_demo:
            text = names["local"]
        elif settings.provider != "local" and self.controller.demo_for(settings):
            # what Start will use, not only what is chosen: without a key, the demo
            text = self.tr("Local demo server: {provider} needs a key").format(provider=provider)
        else:
            text = f"{provider} · {model or settings.model}"
        self.service.setText(text)

    # ---- the model's lifecycle ----

    def _build_model_notice(self) -> QFrame:
        """A model going away: what and when, and one click to its successor."""
        self.model_notice = QFrame()
        self.model_notice.setAccessibleName(self.tr("Model retirement notice"))
        row = QHBoxLayout(self.model_notice)
        row.setContentsMargins(8, 4, 4, 4)
        self.model_notice_text = QLabel()
        self.model_notice_text.setWordWrap(True)
        self.switch_model = QPushButton()
        self.switch_model.setAccessibleName(self.tr("Switch to the successor model"))
        self.switch_model.clicked.connect(self._switch_to_successor)
        row.addWidget(self.model_notice_text, 1)
        row.addWidget(self.switch_model)
        self.model_notice.hide()
        self._successor: str | None = None
        return self.model_notice

    def show_model_notice(self, notice: ModelNotice | None) -> None:
        if notice is None or notice.model != self.settings().model:
            self.model_notice.hide()
            return
        colours = "#f8d7da;color:#5c1a1f" if notice.retired else "#fff3c4;color:#4a3b00"
        self.model_notice.setStyleSheet(f"QFrame{{background:{colours};}}")
        date = str(notice.shutdown or "")
        if notice.retired:
            headline = self.tr("{model} was shut down by OpenAI on {date}.")
            detail = self.tr("Sessions with it are refused.")
        else:
            headline = self.tr("{model} shuts down on OpenAI on {date}.")
            detail = self.tr("{days} days left.") if notice.days_left != 1 else self.tr("Last day.")
        if notice.successor:
            detail += " " + self.tr("Its successor is {successor}.")
        self.model_notice_text.setText(
            "<b>"
            + headline.format(model=notice.model, date=date)
            + "</b> "
            + detail.format(days=notice.days_left, successor=notice.successor)
        )
        self.model_notice_text.setToolTip(notice.text)
        self._successor = notice.successor
        self.switch_model.setVisible(notice.successor is not None)
        if notice.successor:
            self.switch_model.setText(self.tr("Switch to {model}").format(model=notice.successor))
        self.model_notice.show()

    def _switch_to_successor(self) -> None:
        successor = self._successor
        if successor is None or self.controller.running:
            return
        info = load_catalog().model(successor)
        engine = info.dialect if info else self.app_settings.engine
        self.show_settings(  # checks the new model again
            self.settings().model_copy(update={"model": successor, "engine": engine})
        )
        self.save_settings()
        self.status.setText(self.tr("Switched to {model}.").format(model=successor))

    def _settings_applied(self, applied: Settings) -> None:
        """The settings window's settings, with what the pickers own taken from the pickers."""
        picked = self.settings()
        ui_language_changed = applied.ui_language != self.app_settings.ui_language
        merged = applied.model_copy(
            update={
                field: getattr(picked, field)
                for field in ("language_a", "language_b", "mode", "voice_ab", "voice_ba", "devices")
            }
        )
        if self.theme is not None and merged.theme != self.theme.theme:
            self.theme.apply(merged.theme)
        self.show_settings(merged)
        self.save_settings()
        if ui_language_changed:
            self.status.setText(self.tr("The new interface language applies at the next start."))

    def _first_run_finished(self, settings: Settings) -> None:
        self.show_settings(settings)
        self.save_settings()
        if self.first_run is not None:
            self.status.setText(self.first_run.status.text())  # where the key went: kept shown
            self.pages.removeWidget(self.first_run)
            self.first_run.deleteLater()
            self.first_run = None
        self.pages.setCurrentWidget(self.main_page)
        self.start_stop.setFocus()
        if settings.provider != "local":  # a key was given: does the service take it?
            self.controller.check_key(settings)

    def _key_checked(self, problem: Problem | None) -> None:
        """The service's answer to the key just saved: in the settings, and loudly if no."""
        self.settings_panel.show_key_check(problem)
        self._show_service(self.app_settings)  # a key now: the service itself, not the demo
        self._show_demo_banner()
        if problem is None:
            accepted = self.tr("The service accepted the key.")
            said = self.status.text()
            if said == self.tr("Ready"):
                self.status.setText(accepted)
            elif accepted not in said:  # after where the key went, if that is shown
                self.status.setText(f"{said} {accepted}")
            return
        text = self.tr("The key was not accepted: {message}").format(message=problem.line)
        self._show_problem(text, problem)

    def save_settings(self) -> None:
        """Keep the settings as the window shows them; a refusal (a newer version's file) is
        shown, never lost silently."""
        self.app_settings = self.settings()
        if self.store is None:
            return
        try:
            self.store.save(self.app_settings)
        except (SettingsError, OSError) as exc:
            log.warning("settings not saved: %s", exc)
            self.status.setText(self.tr("Settings not saved: {error}").format(error=exc))

    def _restore_geometry(self) -> None:
        saved = self.app_settings.window
        if saved.geometry:
            self.restoreGeometry(QByteArray.fromBase64(saved.geometry.encode("ascii")))
        if saved.state:
            self.restoreState(QByteArray.fromBase64(saved.state.encode("ascii")))
        if self.app_settings.overlay.visible:
            self.subtitles_action.setChecked(True)

    def _show_overlay(self, visible: bool) -> None:
        self.overlay.setVisible(visible)
        self._overlay_changed(self.overlay.overlay_settings())

    def _overlay_changed(self, overlay: object) -> None:
        self.app_settings = self.app_settings.model_copy(update={"overlay": overlay})

    # ---- push-to-talk ----

    def _build_talk_row(self, form: QFormLayout) -> None:
        self.talk_mode = QComboBox()
        self.talk_mode.setAccessibleName(self.tr("Talk mode"))
        self.talk_mode.addItem(self.tr("Auto (always listening)"), False)
        self.talk_mode.addItem(self.tr("Push-to-talk"), True)
        self.talk_mode.currentIndexChanged.connect(self._talk_mode_changed)
        self.talk_a = QPushButton()
        self.talk_b = QPushButton()
        self.talk_buttons = {"ab": self.talk_a, "ba": self.talk_b}
        for key, button in self.talk_buttons.items():
            # mouse or Space on the focused button: down while held
            button.pressed.connect(lambda k=key: self.controller.hold(k, True))
            button.released.connect(lambda k=key: self.controller.hold(k, False))
        row = QHBoxLayout()
        row.addWidget(self.talk_mode)
        row.addWidget(self.talk_a, 1)
        row.addWidget(self.talk_b, 1)
        label = QLabel(self.tr("&Talk"))
        label.setBuddy(self.talk_mode)
        form.addRow(label, row)

    def _talk_mode_changed(self) -> None:
        self.controller.set_push_to_talk(bool(self.talk_mode.currentData()))
        self._show_talk_buttons()

    def _show_talk_buttons(self) -> None:
        mode = self.mode.currentData()
        names = (self.tr("you"), self.tr("them"))
        for button, name, shortcut in zip(
            self.talk_buttons.values(), names, ("F1", "F2"), strict=True
        ):
            button.setText(self.tr("Hold to talk: {side} ({key})").format(side=name, key=shortcut))
            button.setAccessibleName(self.tr("Hold to talk, side {side}").format(side=name))
            button.setEnabled(bool(self.talk_mode.currentData()))
        # only face to face do both sides share this machine's microphone
        self.talk_b.setVisible(mode == "face")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()  # every event of the app passes here: the cheap test first
        if kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease) and (
            isinstance(watched, QWidget) and watched.window() is self
        ):
            assert isinstance(event, QKeyEvent)
            key = TALK_KEYS.get(Qt.Key(event.key()))
            if key is not None:
                if not event.isAutoRepeat():
                    self.hold(key, kind == QEvent.Type.KeyPress)
                return True
        return super().eventFilter(watched, event)

    def hold(self, key: str, held: bool) -> None:
        """A talk key went down or up (the buttons call the controller themselves)."""
        button = self.talk_buttons[key]
        if held and not (button.isVisible() and button.isEnabled()):
            return  # (a release always passes: the mode may have changed while held)
        button.setDown(held)
        self.controller.hold(key, held)

    # ---- pickers ----

    def swap_languages(self) -> None:
        a, b = self.language_a.currentData(), self.language_b.currentData()
        self.language_a.select_data(b)
        self.language_b.select_data(a)
        self._limit_targets()

    def _limit_targets(self) -> None:
        """Offer as targets only the languages the engine speaks (B, and A when two-way)."""
        model = load_catalog().model(self.app_settings.model)
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
        model = load_catalog().model(self.app_settings.model)
        for combo in (self.voice_ab, self.voice_ba):
            combo.clear()
            for voice in model.voices if model else ():
                combo.addItem(voice, voice)
            combo.setEnabled(combo.count() > 0)

    def _device_labels_for(self, mode: str) -> dict[str, tuple[str, str]]:
        """Each route's row label and hint in ``mode``: what it is for, in the user's words."""
        if mode == "call":
            return {
                "input": (self.tr("Your &microphone"), self.tr("What you say, to be translated")),
                "output": (
                    self.tr("To the ca&ll"),
                    self.tr("A virtual cable the call app takes as its microphone"),
                ),
                "return_input": (
                    self.tr("Fr&om the call"),
                    self.tr("A virtual cable the call app plays the other side into"),
                ),
                "return_output": (
                    self.tr("Your &headphones"),
                    self.tr("Where you hear the other side's translation"),
                ),
            }
        if mode == "face":
            return {
                "input": (self.tr("&Microphone"), self.tr("Hears both of you")),
                "output": (self.tr("&Speakers"), self.tr("Both of you hear the translations")),
            }
        return {
            "input": (
                self.tr("&Listen to"),
                self.tr("The talk: a microphone, or the computer's own sound"),
            ),
            "output": (self.tr("&Hear on"), self.tr("Your headphones or speakers")),
        }

    def _fix_label_column(self) -> None:
        """The labels' column as wide as its widest label in any mode: nothing moves sideways
        when the mode changes."""
        labels = [
            label
            for row in range(self._form.rowCount())
            if (item := self._form.itemAt(row, QFormLayout.ItemRole.LabelRole)) is not None
            and isinstance(label := item.widget(), QLabel)
        ]
        texts = [label.text() for label in labels]
        for mode in ("listen", "call", "face"):
            texts += [text for text, _ in self._device_labels_for(mode).values()]
            texts += self._voice_labels_for(mode)
        metrics = self.fontMetrics()
        widest = max(metrics.boundingRect(text.replace("&", "")).width() for text in texts) + 4
        for label in labels:
            label.setMinimumWidth(widest)

    def _voice_labels_for(self, mode: str) -> tuple[str, str]:
        """The voices named for who hears them."""
        you_hear = self.tr("Voice yo&u hear")
        return (you_hear, "") if mode == "listen" else (self.tr("Voice th&ey hear"), you_hear)

    def _direction_name(self, key: str) -> str:
        """A direction as the user thinks of it: what they hear, or what the other side hears."""
        if self.mode.currentData() == "listen":
            return self.tr("Translation")
        return self.tr("To them") if key == "ab" else self.tr("To you")

    def speaker_name(self, speaker: str) -> str:
        """The transcript's side names (You, Them, Speaker) in the UI's language; a name the
        user gave stays as given."""
        names = {"You": self.tr("You"), "Them": self.tr("Them"), "Speaker": self.tr("Speaker")}
        return names.get(speaker, speaker)

    def _language_captions_for(self, mode: str) -> tuple[str, str]:
        if mode == "listen":
            return self.tr("The talk is in"), self.tr("Translate into")
        return self.tr("I speak"), self.tr("They speak")

    def _show_rows_for_mode(self) -> None:
        mode = self.mode.currentData()
        for label, text in zip(
            (self.voice_ab_label, self.voice_ba_label), self._voice_labels_for(mode), strict=True
        ):
            label.setText(text)
        for caption, text in zip(
            (self.language_a_caption, self.language_b_caption),
            self._language_captions_for(mode),
            strict=True,
        ):
            caption.setText(text)
            caption.setMinimumWidth(  # the widest in any mode: the combos never move
                max(
                    caption.fontMetrics().boundingRect(self._language_captions_for(m)[i]).width()
                    for m in ("listen", "call", "face")
                    for i in (0, 1)
                )
                + 4
            )
        for role, (text, hint) in self._device_labels_for(mode).items():
            self.device_labels[role].setText(text)
            self._device_pickers()[role].setToolTip(hint)
        for row in self._call_rows:
            self._form.setRowVisible(row, mode == "call")
        if mode != "call":  # a hidden row is not being tested
            for role in ("return_input", "return_output"):
                self.test_buttons[role].setChecked(False)
        self._form.setRowVisible(self.voice_ba, mode != "listen")  # listening is one way

    def _reserve_form_height(self) -> None:
        """The form keeps the height of its tallest mode (call), blank below its rows in the
        others, so that changing the mode never moves Start or the transcript."""
        chosen = self.mode.currentIndex()
        tallest = 0
        self.mode.blockSignals(True)  # only the rows change while measuring, nothing chosen
        for index in range(self.mode.count()):
            self.mode.setCurrentIndex(index)
            self._show_rows_for_mode()
            self._form.activate()
            tallest = max(tallest, self._form_box.sizeHint().height())
        self.mode.setCurrentIndex(chosen)
        self.mode.blockSignals(False)
        self._show_rows_for_mode()
        self._form_box.setMinimumHeight(tallest)

    def _device_combos(self) -> list[QComboBox]:
        call = self.mode.currentData() == "call"
        return [self.input_device, self.output_device] + (
            [self.return_input_device, self.return_output_device] if call else []
        )

    def _fill_devices(self) -> None:
        try:
            found = device_names()
        except Problem as exc:
            log.warning("no audio devices: %s", exc.line)
            self.set_devices([], [])
            return
        self.set_devices(found.inputs, found.outputs, found.default_input, found.default_output)

    def rescan_devices(self) -> None:
        """Look for devices again (one was plugged in), keeping the ones picked if still there."""
        if self.controller.running:
            return
        self._stop_device_tests()
        self.app_settings = self.settings()  # the picks are what to keep
        try:
            found = device_names(rescan=True)
        except Problem as problem:
            text = self.tr("Could not look for audio devices: {message}")
            self._show_problem(text.format(message=problem.line), problem)
            return
        self.set_devices(found.inputs, found.outputs, found.default_input, found.default_output)
        self.status.setText(
            self.tr("Audio devices: {inputs} to listen with, {outputs} to play on.").format(
                inputs=len(found.inputs), outputs=len(found.outputs)
            )
        )

    def _device_label(self, name: str) -> str:
        """A device as a person knows it: ALSA's routes to the sound server named for what
        they are, a card without its "(hw:1,0)" numbers."""
        known = {
            "default": self.tr("System default"),
            "pulse": self.tr("Sound server (PulseAudio or PipeWire)"),
            "pipewire": self.tr("Sound server (PipeWire)"),
        }
        return known.get(name, _HW_SUFFIX.sub("", name))

    def set_devices(
        self,
        inputs: list[str],
        outputs: list[str],
        default_input: str | None = None,
        default_output: str | None = None,
    ) -> None:
        """Offer these devices (by name), preselecting the ones the settings remember, or
        else the defaults."""
        remembered = self.app_settings.devices
        for role, combo, names, default in (
            ("input", self.input_device, inputs, default_input),
            ("output", self.output_device, outputs, default_output),
            ("return_input", self.return_input_device, inputs, default_input),
            ("return_output", self.return_output_device, outputs, default_output),
        ):
            combo.clear()
            for name in names:
                plain = self._device_label(name)
                label = self.tr("{name} (system default)").format(name=plain)
                marked = name == default and name != "default"  # ("System default" says it)
                combo.addItem(label if marked else plain, name)
                combo.setItemData(combo.count() - 1, name, Qt.ItemDataRole.ToolTipRole)
            saved = getattr(remembered, role)
            chosen = saved if saved in names else default
            if chosen is not None:
                combo.setCurrentIndex(max(0, combo.findData(chosen)))
            if not names:
                combo.addItem(self.tr("No audio device found"), None)

    def settings(self) -> Settings:
        """The user's settings with the pickers' current choices (the service and model are
        the settings window's)."""
        call = self.mode.currentData() == "call"
        devices = DeviceSettings(
            input=self.input_device.currentData(),
            output=self.output_device.currentData(),
            return_input=self.return_input_device.currentData() if call else None,
            return_output=self.return_output_device.currentData() if call else None,
        )
        return self.app_settings.model_copy(
            update={
                "mode": self.mode.currentData(),
                "language_a": str(self.language_a.currentData()),
                "language_b": str(self.language_b.currentData()),
                "voice_ab": self.voice_ab.currentData(),
                "voice_ba": self.voice_ba.currentData(),
                "devices": devices,
            }
        )

    # ---- start and stop ----

    def toggle(self) -> None:
        if self.controller.running:
            self.start_stop.setEnabled(False)  # until the sessions have closed
            self.controller.stop()
            return
        if self._ready_for_a_run():
            self.controller.start(self.app_settings)

    def play_sample(self) -> None:
        """Two synthetic speakers talk through the chosen mode, languages, voices and devices,
        answered by the local demo server; Stop ends it early."""
        if not self.controller.running and self._ready_for_a_run():
            self.controller.play_sample(self.app_settings)

    def _ready_for_a_run(self) -> bool:
        """Devices to run on, and a clean page for the new run (its settings saved)."""
        if any(combo.currentData() is None for combo in self._device_combos()):
            self.status.setText(
                self.tr(
                    "No audio device found: plug in a microphone and speakers, then View → "
                    "Rescan audio devices (F5)."
                )
            )
            return False
        self._stop_device_tests()  # the run opens the devices itself
        self._clear_transcript()
        self._states.clear()
        self._latency.clear()
        self._bill = Bill()
        self._stopped_by = self._failed_by = None
        self.problem_bar.dismiss()  # a new run: the last one's problem is history
        self.save_settings()
        return True

    def _show_sample_availability(self, running: bool) -> None:
        pair = (str(self.language_a.currentData()), str(self.language_b.currentData()))
        available = sample.pair_for(pair) is not None
        self.sample_button.setEnabled(available and not running)
        if available:
            tip = self.tr(
                "Two synthetic speakers talk through the interpreter in this mode, with these "
                "languages, voices and devices. The local demo server answers: no key needed, "
                "nothing leaves this computer."
            )
        else:
            names = load_languages()
            spoken = ", ".join(names[code].native for code in sample.languages() if code in names)
            tip = self.tr("The sample conversation speaks {languages}: choose two of them.")
            tip = tip.format(languages=spoken)
        self.sample_button.setToolTip(tip)

    def _clear_transcript(self) -> None:
        self.transcript.setRowCount(0)
        self._rows.clear()
        self.overlay.clear()
        self._shown_run = None
        self.export_menu.setEnabled(False)

    def _paint_start_button(self, *, running: bool) -> None:
        """Start green, Stop red, white text on both (over 5:1), a ring when focused."""
        colour, pressed = ("#c62828", "#8e1c1c") if running else ("#1e7e34", "#145a24")
        self.start_stop.setStyleSheet(
            f"QPushButton {{ background: {colour}; color: #ffffff; border: 1px solid {pressed};"
            " border-radius: 4px; padding: 6px 12px; }"
            f"QPushButton:pressed {{ background: {pressed}; }}"
            "QPushButton:focus { border: 2px solid palette(highlight); }"
            "QPushButton:disabled { background: palette(button); color: palette(mid); }"
        )

    def _show_run_clock(self) -> None:
        """Beside Stop: connecting, reconnecting, or live and for how long."""
        states = {state.state for state in self._states.values()}
        if not self._run_timer.isValid():
            return
        if "reconnecting" in states:
            text = self.tr("Reconnecting…")
        elif "live" not in states or "connecting" in states:
            text = self.tr("Connecting…")
        else:
            seconds = self._run_timer.elapsed() // 1000
            clock = f"{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"
            text = self.tr("Live {time}").format(time=clock)
        if self.run_clock.text() != text:
            self.run_clock.setText(text)

    def _show_running(self, running: bool) -> None:
        self.start_stop.setText(self.tr("Stop") if running else self.tr("Start"))
        self.start_stop.setEnabled(True)
        self._paint_start_button(running=running)
        if running:
            self._run_timer.start()
            self._show_run_clock()
        else:
            self._run_timer.invalidate()
        self.run_clock.setVisible(running)
        for control in (
            self.language_a,
            self.language_b,
            self.swap,
            self.mode,
            self.change_service,
            self.settings_panel,
        ):
            control.setEnabled(not running)
        self.rescan_action.setEnabled(not running)  # PortAudio looks again only when idle
        for button in self.test_buttons.values():
            button.setEnabled(not running)
        self._show_sample_availability(running)
        self._show_demo_banner(running)  # a run without a key is a demo; a sample always
        if running:
            self._meter.start()
            self._shown_run = None  # until the run exists (run_started)
            self.export_menu.setEnabled(False)
        else:
            self._idle_meters()

    # ---- device tests ----

    def _test_device(self, role: str, on: bool) -> None:
        """A Test button went down (try the device) or up (stop trying it)."""
        if not on:
            if self.controller.device_test is not None and self.controller.device_test.role == role:
                self.controller.stop_device_test()
                self._idle_meters()
            return
        for other, button in self.test_buttons.items():  # one device at a time
            if other != role and button.isChecked():
                button.setChecked(False)
        problem = self.controller.test_device(self.settings(), role)
        if problem is not None:
            self.test_buttons[role].setChecked(False)
            self._show_problem(
                self.tr("Could not test the device: {message}").format(message=problem.line),
                problem,
            )
            return
        self._meter.start()

    def _retest(self, role: str) -> None:
        """Another device picked while its row is being tested: test that one instead."""
        if self.test_buttons[role].isChecked():
            self._test_device(role, True)

    def _stop_device_tests(self) -> None:
        for button in self.test_buttons.values():
            button.setChecked(False)

    def _idle_meters(self) -> None:
        if not self.controller.running:
            self._meter.stop()
        for meter in self.meters.values():
            meter.idle()

    def _update_meters(self) -> None:
        self._show_run_clock()
        test = self.controller.device_test
        if test is not None and (test.finished or test.failure is not None):
            if test.failure is not None:
                self.status.setText(
                    self.tr("The device stopped: {reason}").format(reason=test.failure)
                )
            self.test_buttons[test.role].setChecked(False)  # (stops the test)
            return
        levels = self.controller.levels()
        for role, meter in self.meters.items():
            reading = levels.get(role)
            if reading is None:
                meter.idle()
            else:
                meter.show_reading(reading)

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
        speaker = self.speaker_name(segment.speaker)
        cells = (
            speaker,
            segment.source_text,
            translation,
            self._status_text(segment),
            self._said_at(segment),
        )
        new = self.transcript.item(row, 0) is None
        for column, text in enumerate(cells):
            item = self.transcript.item(row, column)
            if item is None:
                item = QTableWidgetItem(text)
                self._style_cell(item, column, segment.direction)
                self.transcript.setItem(row, column, item)
            elif item.text() != text:
                item.setText(text)
        if new or segment.status not in ("listening", "translating"):
            self.transcript.resizeRowToContents(row)  # the whole sentence, wrapped
        if follow:
            self.transcript.scrollToBottom()
        self._render_status()

    def _said_at(self, segment: Segment) -> str:
        """When it was said, by this computer's clock (the run's start plus the utterance's)."""
        run = self._shown_run
        if run is None:
            return clock(segment.start_s).split(".")[0]
        started = QDateTime.fromString(run.started_at, Qt.DateFormat.ISODate).toLocalTime()
        said = started.addMSecs(round(segment.start_s * 1000)).time()
        return self.locale().toString(said, QLocale.FormatType.ShortFormat)

    def _style_cell(self, item: QTableWidgetItem, column: int, direction: str) -> None:
        """Read as a conversation: the translation large, the original and the status quieter,
        the other side's rows on a tinted background."""
        font = QFont(self.transcript.font())
        if column == 2:  # the translation: what the listener reads
            font.setPointSizeF(font.pointSizeF() * 1.15)
        elif column >= 3:  # status and time: small print
            font.setPointSizeF(font.pointSizeF() * 0.9)
        item.setFont(font)
        if column in (1, 4):
            item.setForeground(self.palette().brush(QPalette.ColorRole.PlaceholderText))
        if direction == "ba":
            item.setBackground(self.palette().brush(QPalette.ColorRole.AlternateBase))
        item.setTextAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)

    def drop_segment(self, segment_id: str) -> None:
        """Face to face: the other direction translates this utterance; its row goes."""
        row = self._rows.pop(segment_id, None)
        if row is None:
            return
        self.transcript.removeRow(row)
        self._rows = {sid: r - 1 if r > row else r for sid, r in self._rows.items()}

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
        self._show_run_clock()

    def _show_bill(self, bill: Bill) -> None:
        self._bill = bill
        self._render_status()

    def _run_started(self, run: Run) -> None:
        """The live run exists: its transcript is the one shown (and exported)."""
        self._shown_run = run
        self.export_menu.setEnabled(True)

    def _run_finished(self, run: Run) -> None:
        self._shown_run = run
        self.export_menu.setEnabled(True)
        if self.history_window is not None:
            self.history_window.refresh()

    def _show_failure(self, problem: Problem) -> None:
        self._failed_by = problem.line
        self._show_problem(
            self.tr("Could not start: {message}").format(message=problem.line), problem
        )
        self._render_status()

    def _show_stop(self, problem: Problem) -> None:
        """The run stopped on its own (a device gone): said until the next start."""
        self._stopped_by = problem.line
        text = self.tr("Stopped: {message}").format(message=problem.line)
        self._show_problem(text, problem)
        self._render_status()

    def _show_problem(self, text: str, problem: Problem) -> None:
        """The problem bar, with the one action that deals with its cause."""
        actions: dict[str, tuple[str, Callable[[], None]]] = {
            "device": (self.tr("Choose another device"), self.input_device.setFocus),
            "network": (self.tr("Try again"), self.toggle),
            "service": (self.tr("Try again"), self.toggle),
        }
        settings = (self.tr("Open settings"), self.show_settings_window)
        action = actions.get(problem.cause, settings if problem.cause != "disk" else None)
        if action is None:
            self.problem_bar.show_problem(text)
        else:
            self.problem_bar.show_problem(text, *action)

    def _render_status(self) -> None:
        """The status line; what stopped or failed a run is said once: in the red bar while it
        shows, here in full once it is closed."""
        said = self.problem_bar.isVisibleTo(self)
        if self._stopped_by is not None:
            full = self.tr("Stopped: {message}").format(message=self._stopped_by)
            self.status.setText(self.tr("Stopped.") if said else full)
            return
        if self._failed_by is not None:
            full = self.tr("Could not start: {message}").format(message=self._failed_by)
            self.status.setText(self.tr("Could not start.") if said else full)
            return
        names = {
            "connecting": self.tr("connecting…"),
            "live": self.tr("live"),
            "reconnecting": self.tr("reconnecting…"),
            "stopped": self.tr("stopped"),
            "error": self.tr("error"),
        }
        parts = []
        tooltips: list[str] = []
        for key, state in self._states.items():
            label = self._direction_name(key)
            text = f"{label}: {names.get(state.state, state.state)}"
            if state.state == "error" and state.detail:
                text += f" — {state.detail}"
            if state.state == "live" and (state.transport == "webrtc" or state.detail):
                # a call, or the WebSocket a call fell back to (why: in the tooltip)
                transport = "WebRTC" if state.transport == "webrtc" else "WebSocket"
                text += self.tr(" over {transport}").format(transport=transport)
                if state.detail:
                    tooltips.append(f"{label}: {state.detail}")
            if key in self._latency:
                text += self.tr(", last latency {ms} ms").format(ms=round(self._latency[key]))
            for room in self._bill.headroom:
                if room.key == key:
                    text += self.tr(", {name} {percent}% left").format(
                        name=room.name, percent=round(100 * room.fraction_left)
                    )
            parts.append(text)
        if parts:
            bill = self._bill
            usd = f"{bill.cost_usd:.4f}"
            if self.controller.demo:  # the local server bills nothing: what it would cost
                parts.append(self.tr("simulated cost ${usd}").format(usd=usd))
            else:
                parts.append(self.tr("cost ${usd}").format(usd=usd))
            if bill.tokens:
                parts.append(self.tr("{tokens} tokens").format(tokens=f"{bill.tokens:,}"))
            if bill.audio_seconds:
                parts.append(
                    self.tr("{minutes} audio min").format(minutes=f"{bill.audio_seconds / 60:.1f}")
                )
            dropouts = sum(glitches.total for glitches in self.controller.glitches().values())
            if dropouts:  # clicks or gaps someone heard: worth a look at the devices
                parts.append(self.tr("audio dropouts: {count}").format(count=dropouts))
            self.status.setText(" · ".join(parts))
        self.status.setToolTip("\n".join(tooltips))

    # ---- export and history ----

    def export(self, fmt: Format) -> None:
        """Ask where to export the transcript shown (live, last or opened) as ``fmt``."""
        run = self._shown_run
        if run is None:
            return
        snapshot = run.model_copy(deep=True)  # a live run keeps changing while the dialog is open
        self.export_dialog = ask_export_path(
            self,
            fmt,
            run,
            self.last_export,
            lambda path, options: self._write_export(snapshot, fmt, path, options),
        )

    def _write_export(self, run: Run, fmt: Format, path: Path, options: ExportOptions) -> None:
        try:
            self.last_export = write_export(run, fmt, path, options)
        except (OSError, ValueError) as exc:
            self.status.setText(
                self.tr("Could not export: {error}; pick another folder").format(error=exc)
            )
            return
        self.status.setText(self.tr("Exported to {path}").format(path=self.last_export))

    def show_history(self) -> None:
        if self.history_window is None:
            self.history_window = HistoryWindow(self.history, self)
            self.history_window.open_requested.connect(self.show_past_run)
        else:
            self.history_window.refresh()
        self.history_window.show()
        self.history_window.raise_()
        self.history_window.activateWindow()

    def show_past_run(self, run: Run) -> None:
        """Show a past session's transcript, read only (Start clears it for a new run)."""
        if self.controller.running:
            self.status.setText(self.tr("Stop interpreting first, then open a past session."))
            return
        self._stop_device_tests()  # the run opens the devices itself
        self._clear_transcript()
        self._states.clear()
        self._shown_run = run  # (its start gives the rows' times)
        for segment in sorted(run.segments, key=lambda s: (s.start_s, s.id)):
            shown = segment.model_copy(update={"speaker": run.speaker_name(segment)})
            self.show_segment(shown)
        self._shown_run = run
        self.export_menu.setEnabled(True)
        self.status.setText(
            self.tr("Showing session {id} of {started} (read only)").format(
                id=run.title or run.id, started=run.started_at
            )
        )

    def closeEvent(self, event: QCloseEvent) -> None:
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        if self.history_window is not None:
            self.history_window.close()
        overlay = self.overlay.overlay_settings()
        self.overlay.close()
        self.app_settings = self.app_settings.model_copy(
            update={
                "overlay": overlay,
                "window": self.app_settings.window.model_copy(
                    update={
                        "geometry": bytes(self.saveGeometry().toBase64().data()).decode(),
                        "state": bytes(self.saveState().toBase64().data()).decode(),
                    }
                ),
            }
        )
        self.save_settings()
        self.closed.emit()
        super().closeEvent(event)
