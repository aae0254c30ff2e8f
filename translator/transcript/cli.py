"""``translator sessions`` (list, search, rename, delete) and ``translator export``.

Exit codes: 0 done, 1 the file system failed (disk full, permissions), 2 bad usage or input
(unknown session, existing file without --force, a path that cannot exist). On failure the last
line on stderr is ``translator: error: <what>; <what to do>``. Warnings about damaged journal
lines go to stderr and never stop a command.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from translator.files import write_atomically
from translator.transcript.export import (
    FORMATS,
    ExportError,
    ExportOptions,
    format_for,
    render,
)
from translator.transcript.history import History, SessionNotFound
from translator.transcript.journal import DATA_DIR_ENV, JournalRead

SESSIONS_EPILOG = f"""\
examples:
  translator sessions --search invoice
  translator sessions rename 3fa2 "Call with the landlord"
  translator sessions delete 3fa2 --yes

sessions live in the user data folder (history/); ${DATA_DIR_ENV} moves it.
"""
EXPORT_EPILOG = """\
examples:
  translator export latest -o call.srt --track translation
  translator export 3fa2 -o notes.md --direction ab
  translator export latest -o - --format txt --no-times

cue times follow the speech for the original, the playback for the translation.
"""


class _Failure(Exception):
    def __init__(self, code: int, what: str, action: str) -> None:
        super().__init__(what)
        self.code, self.what, self.action = code, what, action


def add_sessions_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--search", metavar="TEXT", help="only sessions whose texts or title hold TEXT")
    p.add_argument("--json", action="store_true", help="one JSON object per session")
    actions = p.add_subparsers(dest="action", metavar="ACTION", parser_class=type(p))
    rename = actions.add_parser("rename", help="give a session a title")
    rename.add_argument("id", metavar="ID", help="session id, a unique prefix, or latest")
    rename.add_argument("title", metavar="TITLE")
    delete = actions.add_parser("delete", help="delete a session's journal")
    delete.add_argument("id", metavar="ID", help="session id, a unique prefix, or latest")
    delete.add_argument("--yes", action="store_true", help="really delete it")


def add_export_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("id", metavar="ID|latest", help="session id, a unique prefix, or latest")
    p.add_argument("-o", "--output", required=True, metavar="PATH|-", help="file, or - (stdout)")
    p.add_argument("--format", choices=FORMATS, help="default: from the suffix of PATH")
    p.add_argument("--track", choices=["original", "translation", "bilingual"], default="bilingual")
    p.add_argument("--direction", choices=["ab", "ba", "both"], default="both")
    p.add_argument("--no-labels", action="store_true", help="leave out speaker names")
    p.add_argument("--no-times", action="store_true", help="leave out times (not subtitles)")
    p.add_argument("--force", action="store_true", help="replace an existing PATH")


def _warn(warnings: list[str]) -> None:
    for warning in warnings:
        print(f"translator: warning: {warning}", file=sys.stderr)


def _row(session: JournalRead) -> dict[str, object]:
    run = session.run
    return {
        "id": run.id,
        "started_at": run.started_at,
        "languages": list(run.languages),
        "engine": run.engine,
        "model": run.model,
        "duration_s": round(run.duration_s(), 1),
        "segments": len(run.segments),
        "title": run.title,
        "unfinished": not session.finished,
    }


def _sessions(args: argparse.Namespace, history: History) -> int:
    if args.action == "rename":
        title = args.title.strip()
        if not title:
            raise _Failure(2, "the title is empty", "give a title")
        session = history.rename(args.id, title)
        print(f"{session.run.id}: {title}")
        return 0
    if args.action == "delete":
        if not args.yes:
            raise _Failure(2, "deleting a session cannot be undone", "add --yes to delete it")
        session = history.delete(args.id)
        print(f"deleted {session.run.id}")
        return 0
    sessions, warnings = history.search(args.search)
    _warn(warnings)
    if args.json:
        for session in sessions:
            print(json.dumps(_row(session), ensure_ascii=False))
        return 0
    print(f"{'id':<12}  {'started (UTC)':<19}  {'langs':<11}  {'engine':<9}  {'length':>8}  title")
    for session in sessions:
        row = _row(session)
        langs = "↔".join(session.run.languages)
        started = session.run.started_at[:19].replace("T", " ")
        flag = " (unfinished)" if row["unfinished"] else ""
        length = f"{session.run.duration_s():.0f} s"
        print(
            f"{session.run.id:<12}  {started:<19}  {langs:<11}  {session.run.engine:<9}  "
            f"{length:>8}  {session.run.title or '-'}{flag}"
        )
    return 0


def _export(args: argparse.Namespace, history: History) -> int:
    session = history.find(args.id)
    _warn(session.warnings)
    to_stdout = args.output == "-"
    if to_stdout and args.format is None:
        raise _Failure(2, "writing to stdout needs a format", "add --format")
    fmt = format_for(args.output, args.format)
    options = ExportOptions(
        track=args.track,
        direction=args.direction,
        labels=not args.no_labels,
        times=not args.no_times,
    )
    data = render(session.run, fmt, options)
    if to_stdout:
        try:
            sys.stdout.flush()
            sys.stdout.buffer.write(data)
            sys.stdout.buffer.flush()
        except OSError:
            # What could not be written stays buffered, and Python's exit would try again and
            # die with "Exception ignored" (status 120): point stdout at /dev/null first.
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            os.close(devnull)
            raise
        return 0
    path = Path(args.output)
    if path.is_dir():
        raise _Failure(2, f"{path} is a folder", "give a file name")
    if path.exists() and not path.is_file():
        raise _Failure(2, f"{path} is not a regular file", "write to a file, or to - (stdout)")
    if path.exists() and not args.force:
        raise _Failure(2, f"{path} exists", "add --force to replace it, or pick another name")
    if not path.parent.is_dir():
        parent = path.parent
        what = "is a file, not a folder" if parent.exists() else "does not exist"
        raise _Failure(2, f"the folder {parent} {what}", "pick a path in an existing folder")
    try:
        write_atomically(path, data)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise _Failure(
            1, f"cannot write {path}: {reason}", "free some space or pick another place"
        ) from exc
    unfinished = "" if session.finished else " (unfinished session)"
    print(f"wrote {path} ({fmt}, {len(data)} bytes){unfinished}", file=sys.stderr)
    return 0


def _guarded(args: argparse.Namespace, command: str) -> int:
    history = History.default()
    try:
        return _sessions(args, history) if command == "sessions" else _export(args, history)
    except _Failure as exc:
        print(f"translator: error: {exc.what}; {exc.action}", file=sys.stderr)
        return exc.code
    except SessionNotFound as exc:
        print(f"translator: error: {exc}", file=sys.stderr)
        return 2
    except ExportError as exc:
        print(f"translator: error: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        reason = exc.strerror or str(exc)
        target = f" {exc.filename}" if exc.filename else ""
        print(
            f"translator: error: {reason}{target}; check the disk and the permissions",
            file=sys.stderr,
        )
        return 1


def sessions(args: argparse.Namespace) -> int:
    return _guarded(args, "sessions")


def export(args: argparse.Namespace) -> int:
    return _guarded(args, "export")
