"""Past sessions: the journals in the history directory, listed, found, renamed and deleted.

A session is one journal (``journal.py``). Unfinished sessions (no ``end`` line: the app was
killed) are listed and exported like the others. Renaming appends a ``meta`` line; deleting
removes the journal file; nothing else ever changes a journal.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from translator.transcript.journal import (
    JOURNAL_SUFFIX,
    JournalError,
    JournalRead,
    append_line,
    history_dir,
    read_journal,
)
from translator.transcript.model import Run


class SessionNotFound(Exception):
    """No session (or more than one) matches what the user typed; the message says what to do."""


@dataclass
class History:
    directory: Path

    @classmethod
    def default(cls) -> History:
        return cls(history_dir())

    def read_all(self) -> tuple[list[JournalRead], list[str]]:
        """Every readable session, newest first, and warnings about what could not be read."""
        sessions: list[JournalRead] = []
        warnings: list[str] = []
        if not self.directory.is_dir():
            return sessions, warnings
        for path in self.directory.glob(f"*{JOURNAL_SUFFIX}"):
            try:
                found = read_journal(path)
            except JournalError as exc:
                warnings.append(f"{exc}; it is left as it is")
                continue
            sessions.append(found)
            warnings += found.warnings
        sessions.sort(key=lambda s: (s.run.started_at, s.path.stat().st_mtime), reverse=True)
        return sessions, warnings

    def search(self, text: str | None) -> tuple[list[JournalRead], list[str]]:
        sessions, warnings = self.read_all()
        if text:
            needle = text.casefold()
            sessions = [s for s in sessions if needle in _searchable(s).casefold()]
        return sessions, warnings

    def find(self, key: str) -> JournalRead:
        """The session with this id, unique id prefix, or ``latest``."""
        sessions, _ = self.read_all()
        if not sessions:
            raise SessionNotFound(
                f"no sessions in {self.directory}; run `translator run` first "
                "(history is kept unless --no-history)"
            )
        if key == "latest":
            return sessions[0]
        matches = [s for s in sessions if s.run.id.startswith(key)] if key else []
        if len(matches) == 1:
            return matches[0]
        if not matches:
            raise SessionNotFound(f"no session {key!r}; list them with `translator sessions`")
        ids = ", ".join(s.run.id for s in matches[:5])
        raise SessionNotFound(f"{key!r} matches {len(matches)} sessions ({ids}); type more of it")

    def recover(self) -> list[JournalRead]:
        """Unfinished sessions not offered for export before; each is marked as offered."""
        sessions, _ = self.read_all()
        found = [s for s in sessions if not s.finished and s.run.recovered_at is None]
        for session in found:
            append_line(session.path, {"kind": "meta", "recovered_at": Run.now_iso()})
        return found

    def rename(self, key: str, title: str) -> JournalRead:
        session = self.find(key)
        append_line(session.path, {"kind": "meta", "title": title})
        session.run.title = title
        return session

    def delete(self, key: str) -> JournalRead:
        session = self.find(key)
        session.path.unlink()
        return session


def _searchable(session: JournalRead) -> str:
    run = session.run
    texts = [run.id, run.title, run.engine, run.model, *run.languages, *run.speakers.values()]
    for segment in run.segments:
        texts += [segment.speaker, segment.source_text, segment.target_text]
    return "\n".join(texts)
