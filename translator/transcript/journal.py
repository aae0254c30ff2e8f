"""Run history on disk: every run is journalled as it happens, so a crash loses nothing finished.

The journal is a JSON-lines file per run in the user data directory (``platformdirs``): a
``run`` header line, then one ``segment`` line each time a segment finishes (flushed and
fsynced). ``write_atomically`` writes whole transcript files (``--transcript``) so a reader never
sees half a file.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import platformdirs

from translator.transcript.model import Run, Segment


def history_dir() -> Path:
    return Path(platformdirs.user_data_dir("translator", appauthor=False)) / "history"


class Journal:
    """Appends a run's finished segments to ``<dir>/<run id>.jsonl``."""

    def __init__(self, run: Run, directory: Path | None = None) -> None:
        self.path = (directory or history_dir()) / f"{run.id}.jsonl"
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._file = self.path.open("a", encoding="utf-8")
        header = run.model_dump(mode="json", exclude={"segments"})
        self._write({"kind": "run", **header})

    def record(self, segment: Segment) -> None:
        self._write({"kind": "segment", **segment.model_dump(mode="json")})

    def close(self) -> None:
        self._file.close()

    def _write(self, entry: dict[str, object]) -> None:
        self._file.write(json.dumps(entry, ensure_ascii=False) + "\n")
        self._file.flush()
        os.fsync(self._file.fileno())


def write_atomically(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file and a rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
