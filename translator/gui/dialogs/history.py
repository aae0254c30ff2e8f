"""The session history window (GUI thread): past sessions, newest first, unfinished ones too.

A non-modal top-level window over ``translator.transcript.history``: search as you type, open a
session into the main window's transcript (read only), export it in any format, delete it after
a non-modal confirmation. Reading the journals is quick (local files), so it runs on the GUI
thread when the window opens, on search and after a delete.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QDateTime, QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from translator.gui.dialogs.export import ask_export_path, export_formats, write_export
from translator.gui.widgets.tool_window import ToolWindow
from translator.transcript.export import ExportOptions, Format, clock
from translator.transcript.history import History, SessionNotFound
from translator.transcript.journal import JournalRead
from translator.transcript.model import Run

log = logging.getLogger(__name__)

COLUMNS = ("started", "session", "languages", "mode", "duration", "utterances", "state")


class HistoryWindow(ToolWindow):
    """Lists past sessions; emits ``open_requested`` with the ``Run`` to show."""

    open_requested = Signal(object)  # Run

    def __init__(self, history: History, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.history = history
        self.setWindowTitle(self.tr("Session history"))
        self.setAccessibleName(self.tr("Session history"))
        self._sessions: list[JournalRead] = []
        self.last_export: Path | None = None

        layout = QVBoxLayout(self)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search words, names, languages…"))
        self.search.setAccessibleName(self.tr("Search sessions"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.refresh)
        layout.addWidget(self.search)

        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setAccessibleName(self.tr("Past sessions"))
        self.table.setHorizontalHeaderLabels(
            [self.tr("Started"), self.tr("Session"), self.tr("Languages"), self.tr("Mode"),
             self.tr("Duration"), self.tr("Utterances"), self.tr("State")]
        )  # fmt: skip
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COLUMNS.index("session"), QHeaderView.ResizeMode.Stretch)
        self.table.setWordWrap(False)  # a date on one line
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        # only a session's name is edited: Rename, or F2 on a row
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.EditKeyPressed)
        self.table.itemChanged.connect(self._renamed)
        self.table.doubleClicked.connect(self.open_selected)
        self.table.itemSelectionChanged.connect(self._enable_actions)
        layout.addWidget(self.table, 1)

        self.notice = QLabel()
        self.notice.setAccessibleName(self.tr("History notice"))
        self.notice.setWordWrap(True)
        layout.addWidget(self.notice)

        buttons = QHBoxLayout()
        self.open_button = QPushButton(self.tr("&Open"))
        self.open_button.setAccessibleName(self.tr("Open the session in the transcript"))
        self.open_button.clicked.connect(self.open_selected)
        self.export_button = QPushButton(self.tr("&Export"))
        self.export_button.setAccessibleName(self.tr("Export the session"))
        menu = QMenu(self.export_button)
        for fmt, label in export_formats():
            action = menu.addAction(label)
            action.setData(fmt)
            action.triggered.connect(lambda _=False, f=fmt: self.export_selected(f))
        self.export_button.setMenu(menu)
        self.rename_button = QPushButton(self.tr("&Rename"))
        self.rename_button.setAccessibleName(self.tr("Rename the session"))
        self.rename_button.clicked.connect(self.rename_selected)
        self.delete_button = QPushButton(self.tr("&Delete…"))
        self.delete_button.setAccessibleName(self.tr("Delete the session"))
        self.delete_button.clicked.connect(self.delete_selected)
        for button in (
            self.open_button,
            self.export_button,
            self.rename_button,
            self.delete_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.close_button = QPushButton(self.tr("&Close"))
        self.close_button.setAccessibleName(self.tr("Close the session history"))
        self.close_button.clicked.connect(self.close)
        buttons.addWidget(self.close_button)
        layout.addLayout(buttons)
        self.resize(760, 420)
        self.refresh()

    # ---- listing ----

    def refresh(self) -> None:
        try:
            self._sessions, warnings = self.history.search(self.search.text().strip() or None)
        except OSError as exc:
            self._sessions, warnings = [], [f"cannot read the history ({exc})"]
        self.table.blockSignals(True)  # filling it is no rename
        self.table.setRowCount(len(self._sessions))
        for row, session in enumerate(self._sessions):
            run = session.run
            cells = (
                self._local_time(run.started_at),
                run.title or run.id,
                " ⇄ ".join(run.languages),
                self._mode_name(run.mode),
                clock(run.duration_s()).split(".")[0],  # whole seconds
                str(len(run.segments)),
                self.tr("finished") if session.finished else self.tr("unfinished"),
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if COLUMNS[column] != "session":
                    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                self.table.setItem(row, column, item)
        self.table.blockSignals(False)
        if self._sessions:
            self.table.selectRow(0)
        self.notice.setText("\n".join(warnings) if warnings else "")
        self._enable_actions()

    def _local_time(self, iso: str) -> str:
        """A UTC timestamp as this computer's clock and the interface's language show dates."""
        moment = QDateTime.fromString(iso, Qt.DateFormat.ISODate).toLocalTime()
        return self.locale().toString(moment, QLocale.FormatType.ShortFormat)

    def _mode_name(self, mode: str) -> str:
        names = {
            "listen": self.tr("Listen"),
            "call": self.tr("Call"),
            "face": self.tr("Face-to-face"),
        }
        return names.get(mode, mode)

    def sessions(self) -> list[JournalRead]:
        return list(self._sessions)

    def _selected(self) -> JournalRead | None:
        rows = self.table.selectionModel().selectedRows()
        return self._sessions[rows[0].row()] if rows else None

    def _enable_actions(self) -> None:
        chosen = self._selected() is not None
        for button in (self.open_button, self.export_button, self.rename_button,
                       self.delete_button):  # fmt: skip
            button.setEnabled(chosen)

    # ---- actions ----

    def open_selected(self) -> None:
        session = self._selected()
        if session is not None:
            self.open_requested.emit(session.run)

    def rename_selected(self) -> None:
        """Edit the selected session's name in place (Enter keeps it, Escape does not)."""
        rows = self.table.selectionModel().selectedRows()
        item = self.table.item(rows[0].row(), COLUMNS.index("session")) if rows else None
        if item is not None:
            self.table.editItem(item)

    def _renamed(self, item: QTableWidgetItem) -> None:
        """A name edited in the table: kept in the session's journal (appended, never
        rewritten); an empty name gives the session back its id."""
        if COLUMNS[item.column()] != "session" or item.row() >= len(self._sessions):
            return
        run = self._sessions[item.row()].run
        title = item.text().strip()
        if title == (run.title or run.id) or (not title and not run.title):
            return
        try:
            self.history.rename(run.id, title)
        except (OSError, SessionNotFound) as exc:
            self.notice.setText(self.tr("Could not rename: {error}").format(error=exc))
        else:
            self.notice.setText(self.tr("Renamed to {title}.").format(title=title or run.id))
        self.refresh()

    def export_selected(self, fmt: Format) -> None:
        session = self._selected()
        if session is None:
            return
        run = session.run

        def write(path: Path, options: ExportOptions) -> None:
            self.last_export = self._write(run, fmt, path, options)

        self.export_dialog = ask_export_path(self, fmt, run, self.last_export, write)

    def _write(self, run: Run, fmt: Format, path: Path, options: ExportOptions) -> Path | None:
        try:
            written = write_export(run, fmt, path, options)
        except (OSError, ValueError) as exc:
            self.notice.setText(
                self.tr("Could not export: {error}; pick another folder").format(error=exc)
            )
            return None
        self.notice.setText(self.tr("Exported to {path}").format(path=written))
        return written

    def delete_selected(self) -> QMessageBox | None:
        """Ask (non-modal) before deleting; returns the question so callers can answer it."""
        session = self._selected()
        if session is None:
            return None
        run_id = session.run.id
        question = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("Delete session?"),
            self.tr(
                "Delete session {id} ({started}) and its transcript? This cannot be undone."
            ).format(id=run_id, started=session.run.started_at),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self,
        )
        question.setAccessibleName(self.tr("Delete session?"))
        question.setDefaultButton(QMessageBox.StandardButton.No)

        def answered(result: int) -> None:
            if result != QMessageBox.StandardButton.Yes:
                return
            try:
                self.history.delete(run_id)
            except OSError as exc:
                self.notice.setText(self.tr("Could not delete: {error}").format(error=exc))
            self.refresh()

        question.finished.connect(answered)
        question.finished.connect(question.deleteLater)
        question.open()
        return question
