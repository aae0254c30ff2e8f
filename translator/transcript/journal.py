"""Run history on disk: every run is journalled as it happens, so a crash loses nothing finished.

The journal is an append-only JSON-lines file per run, ``<data dir>/history/<run id>.jsonl``
(``platformdirs``, or ``$TRANSLATOR_DATA_DIR`` when set). Every line is self-contained and
flushed and fsynced as it is written:

- ``run``: the header (the ``Run`` without its segments), first;
- ``segment``: the whole state of one segment — written when it finishes and, while its text
  arrives, at most every ``IN_FLIGHT_INTERVAL_S`` — a reader keeps the last state of each id;
- ``drop``: a segment left the run (face to face: the other direction holds its utterance);
- ``meta``: later changes to the header (title, speaker names, cost, usage);
- ``end``: the run ended normally (end time, the ids of its final segments).

A journal without an ``end`` line is an unfinished run (the app was killed): it is read back as
far as it goes. A damaged line (cut short by a crash, or edited by hand) is skipped with a
warning; nothing here ever rewrites or truncates a journal.

Used on the event loop of ``translator run`` (writes) and by the history commands (reads).
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from translator.files import user_dir
from translator.transcript.model import Run, Segment

DATA_DIR_ENV = "TRANSLATOR_DATA_DIR"
IN_FLIGHT_INTERVAL_S = 0.5
JOURNAL_SUFFIX = ".jsonl"


def data_dir() -> Path:
    """The user data directory; ``$TRANSLATOR_DATA_DIR`` overrides it."""
    return user_dir("data", DATA_DIR_ENV)


def history_dir() -> Path:
    return data_dir() / "history"


class JournalError(Exception):
    """A journal cannot be read at all (its header is missing or damaged)."""


def append_line(path: Path, entry: dict[str, Any]) -> None:
    """Append one line to an existing journal, on disk before returning.

    A journal cut short mid-line by a crash gets a line break first, so the new line stays
    whole and the damaged one stays the only damaged one.
    """
    with path.open("rb+") as file:
        file.seek(0, os.SEEK_END)
        torn = False
        if file.tell() > 0:
            file.seek(-1, os.SEEK_END)
            torn = file.read(1) != b"\n"
        data = json.dumps(entry, ensure_ascii=False) + "\n"
        file.write((("\n" if torn else "") + data).encode())
        file.flush()
        os.fsync(file.fileno())


class Journal:
    """Appends a run's segments to ``<dir>/<run id>.jsonl`` as they change."""

    def __init__(
        self,
        run: Run,
        directory: Path | None = None,
        *,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.path = (directory or history_dir()) / f"{run.id}{JOURNAL_SUFFIX}"
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._clock = clock
        self._last: dict[str, tuple[float, str, str]] = {}  # id → (at, status, line)
        self._file = self.path.open("a", encoding="utf-8")
        header = run.model_dump(mode="json", exclude={"segments"})
        self._write({"kind": "run", **header})

    def record(self, segment: Segment, *, force: bool = False) -> None:
        """Journal the segment's state: at once when its status changes (it finishes) or when
        ``force``d, else at most every ``IN_FLIGHT_INTERVAL_S`` (text arriving, playback times
        growing)."""
        line = json.dumps(
            {"kind": "segment", **segment.model_dump(mode="json")}, ensure_ascii=False
        )
        now = self._clock()
        last = self._last.get(segment.id)
        if last is not None:
            written_at, state, written = last
            if written == line:
                return
            if not force and state == _state(segment) and now - written_at < IN_FLIGHT_INTERVAL_S:
                return
        self._last[segment.id] = (now, _state(segment), line)
        self._write_line(line)

    def note(self, **fields: Any) -> None:
        """Header fields that changed (title, speakers, cost_usd, usage)."""
        self._write({"kind": "meta", **fields})

    def end(self, run: Run) -> None:
        """The run ended normally: its segments are all journalled in their final state."""
        for segment in run.segments:
            self.record(segment, force=True)  # the last text may be younger than the interval
        self._write(
            {
                "kind": "end",
                "ended_at": run.ended_at or Run.now_iso(),
                "cost_usd": run.cost_usd,
                "usage": run.usage.model_dump(mode="json"),
                "segments": [s.id for s in run.segments],
            }
        )

    def drop(self, segment: Segment) -> None:
        """The segment left the run (face to face: the other direction holds its utterance)."""
        self._last.pop(segment.id, None)
        self._write({"kind": "drop", "id": segment.id})

    def close(self) -> None:
        self._file.close()

    def discard(self) -> None:
        """The run never started (nothing was said): no session to find in the history."""
        self.close()
        self.path.unlink(missing_ok=True)

    def _write(self, entry: dict[str, Any]) -> None:
        self._write_line(json.dumps(entry, ensure_ascii=False))

    def _write_line(self, line: str) -> None:
        self._file.write(line + "\n")
        self._file.flush()
        os.fsync(self._file.fileno())


def _state(segment: Segment) -> str:
    """What must reach the disk at once when it changes."""
    return f"{segment.status}/{segment.source_final}"


@dataclass
class JournalRead:
    """A journal read back: the run as far as it was written."""

    path: Path
    run: Run
    finished: bool
    warnings: list[str] = field(default_factory=list)


_HEADER_FIELDS = frozenset(Run.model_fields) - {"segments"}


def read_journal(path: Path) -> JournalRead:
    """Read a journal back, skipping (and reporting) damaged lines."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise JournalError(f"cannot read {path} ({exc.strerror or exc})") from exc
    warnings: list[str] = []
    header: dict[str, Any] | None = None
    segments: dict[str, Segment] = {}
    final_ids: list[str] | None = None
    for number, line in enumerate(raw.split(b"\n"), start=1):
        if not line.strip():
            continue
        try:
            entry = json.loads(line.decode("utf-8"))
            if not isinstance(entry, dict):
                raise ValueError("not an object")
            kind = entry.pop("kind", None)
            if kind == "run" and header is None:
                Run.model_validate(entry)  # a damaged header is no header
                header = entry
            elif kind == "segment":
                segment = Segment.model_validate(entry)
                segments[segment.id] = segment
            elif kind == "drop":
                segments.pop(str(entry.get("id")), None)
            elif kind == "meta" and header is not None:
                update = {k: v for k, v in entry.items() if k in _HEADER_FIELDS}
                Run.model_validate({**header, **update})
                header.update(update)
            elif kind == "end" and header is not None:
                final_ids = [str(i) for i in entry.pop("segments", [])]
                update = {k: v for k, v in entry.items() if k in _HEADER_FIELDS}
                Run.model_validate({**header, **update})
                header.update(update)
            else:
                raise ValueError(f"unexpected {kind!r} line")
        except (ValueError, ValidationError) as exc:
            reason = str(exc).splitlines()[0]
            warnings.append(f"{path.name} line {number} is damaged and was skipped ({reason})")
    if header is None:
        raise JournalError(f"{path.name} has no readable run header")
    run = Run.model_validate(header)
    if final_ids is not None:
        run.segments = [segments[i] for i in final_ids if i in segments]
    else:
        run.segments = list(segments.values())
    return JournalRead(path, run, finished=final_ids is not None, warnings=warnings)
