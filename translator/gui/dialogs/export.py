"""Exporting a transcript from the window (GUI thread): pick a file without blocking, write it.

``ask_export_path`` opens a ``QFileDialog`` with ``open()`` (never ``exec()``: the qasync loop
keeps running the sessions) and calls back with the chosen path; an existing file is replaced
only after a non-modal confirmation. Formats are those of ``translator.transcript.export``;
Word only when python-docx (the ``docx`` extra) is installed.
"""

from __future__ import annotations

import importlib.util
import re
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QStandardPaths
from PySide6.QtWidgets import QComboBox, QFileDialog, QGridLayout, QLabel, QMessageBox, QWidget

from translator.files import write_atomically
from translator.transcript.export import FORMATS, ExportOptions, Format, Track, render
from translator.transcript.model import Run


def _label(fmt: Format) -> str:
    # spelled out call by call: lupdate finds only literal translate() calls
    labels = {
        "txt": QCoreApplication.translate("Export", "Plain text"),
        "md": QCoreApplication.translate("Export", "Markdown"),
        "json": QCoreApplication.translate("Export", "JSON (transcript data)"),
        "csv": QCoreApplication.translate("Export", "CSV spreadsheet"),
        "srt": QCoreApplication.translate("Export", "SubRip subtitles"),
        "vtt": QCoreApplication.translate("Export", "WebVTT subtitles"),
        "docx": QCoreApplication.translate("Export", "Word document"),
    }
    return labels[fmt]


def export_formats() -> list[tuple[Format, str]]:
    """(format, label) of every format this installation can write."""
    has_docx = importlib.util.find_spec("docx") is not None
    return [(fmt, _label(fmt)) for fmt in FORMATS if fmt != "docx" or has_docx]


def write_export(run: Run, fmt: Format, path: Path, options: ExportOptions | None = None) -> Path:
    """Write ``run`` as ``fmt`` to ``path`` (its suffix added when missing), atomically."""
    if not path.suffix:
        path = path.with_suffix(f".{fmt}")
    write_atomically(path, render(run, fmt, options or ExportOptions()))
    return path


def _tracks() -> list[tuple[Track, str]]:
    return [
        ("bilingual", QCoreApplication.translate("Export", "Original and translation")),
        ("translation", QCoreApplication.translate("Export", "Translation only")),
        ("original", QCoreApplication.translate("Export", "Original only")),
    ]


def _add_track_choice(dialog: QFileDialog, fmt: Format) -> QComboBox:
    """A row under the file name: which texts to write. Subtitles default to the translation
    alone (two tracks would be cues overlapping on screen); documents to both."""
    tracks = QComboBox(dialog)
    tracks.setObjectName("tracks")
    tracks.setAccessibleName(QCoreApplication.translate("Export", "Texts to export"))
    for track, text in _tracks():
        tracks.addItem(text, track)
    tracks.setCurrentIndex(tracks.findData("translation" if fmt in ("srt", "vtt") else "bilingual"))
    grid = dialog.layout()
    if isinstance(grid, QGridLayout) and fmt != "json":  # the data file holds everything
        label = QLabel(QCoreApplication.translate("Export", "&Texts:"), dialog)
        label.setBuddy(tracks)
        row = grid.rowCount()
        grid.addWidget(label, row, 0)
        grid.addWidget(tracks, row, 1)
    else:
        tracks.hide()
    return tracks


_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')  # not allowed in a file name somewhere


def suggested_name(run: Run) -> str:
    """A file name that says what and when, in local time: "Call with Kenji 2026-03-14 10.30",
    or "Translator en-ja 2026-03-14 10.30" for a session without a title."""
    started = datetime.fromisoformat(run.started_at).astimezone()
    what = run.title or f"Translator {run.languages[0]}-{run.languages[1]}"
    return _UNSAFE.sub("-", f"{what} {started:%Y-%m-%d %H.%M}").strip(" .")


def documents_folder() -> Path:
    """Where a first export is offered: the user's documents (their home without one)."""
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(found) if found and Path(found).is_dir() else Path.home()


def ask_export_path(
    parent: QWidget,
    fmt: Format,
    run: Run,
    last_export: Path | None,
    on_chosen: Callable[[Path, ExportOptions], None],
) -> QFileDialog:
    """Ask where to save ``run`` and which texts, offering its ``suggested_name`` in the last
    export's folder (the documents folder at first); ``on_chosen`` runs once a path is chosen
    (and confirmed), with the options to write it with."""
    dialog = QFileDialog(parent, QCoreApplication.translate("Export", "Export transcript"))
    dialog.setAccessibleName(QCoreApplication.translate("Export", "Choose the export file"))
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setFileMode(QFileDialog.FileMode.AnyFile)
    # Qt's own overwrite question runs a nested loop (exec): ask without blocking instead.
    dialog.setOption(QFileDialog.Option.DontConfirmOverwrite, True)
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    dialog.setNameFilter(f"{_label(fmt)} (*.{fmt})")
    dialog.setDefaultSuffix(fmt)
    dialog.setDirectory(str(last_export.parent if last_export else documents_folder()))
    dialog.selectFile(f"{suggested_name(run)}.{fmt}")
    tracks = _add_track_choice(dialog, fmt)

    def chosen(name: str) -> None:
        path = Path(name)
        options = ExportOptions(track=tracks.currentData())
        if not path.exists():
            on_chosen(path, options)
            return
        confirm = QMessageBox(
            QMessageBox.Icon.Question,
            QCoreApplication.translate("Export", "Replace file?"),
            QCoreApplication.translate("Export", "{name} exists. Replace it?").format(
                name=path.name
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            parent,
        )
        confirm.setAccessibleName(QCoreApplication.translate("Export", "Replace file?"))
        confirm.finished.connect(
            lambda result: (
                on_chosen(path, options) if result == QMessageBox.StandardButton.Yes else None
            )
        )
        confirm.finished.connect(confirm.deleteLater)
        confirm.open()

    dialog.fileSelected.connect(chosen)
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()
    return dialog
