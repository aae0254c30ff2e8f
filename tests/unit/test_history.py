"""The journal as a crash leaves it, read back; ``translator sessions`` and ``translator export``
on it: listing, search, rename, delete, ids, and every bad input giving a clear error without
ever changing the journal."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
import srt

from tests.support.transcripts import sample_run
from translator.cli import main
from translator.transcript.history import History
from translator.transcript.journal import (
    IN_FLIGHT_INTERVAL_S,
    Journal,
    history_dir,
    read_journal,
)
from translator.transcript.model import Run


class FakeClock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def _journal_crashed_mid_utterance(directory: Path, run: Run | None = None) -> Path:
    """A run journalled as ``translator run`` does, killed while its last utterance streams."""
    run = run or sample_run()
    finished, in_flight = run.segments[:2], run.segments[2]
    clock = FakeClock()
    journal = Journal(
        run.model_copy(update={"segments": [], "ended_at": None}), directory, clock=clock
    )
    for segment in finished:
        journal.record(segment)
    partial = in_flight.model_copy(update={"status": "translating", "target_text": "会議"})
    journal.record(partial)
    journal.close()  # no end line: the process died here
    return journal.path


def _cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_history_lives_under_the_overridden_data_dir(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TRANSLATOR_DATA_DIR", str(tmp_path))
    assert history_dir() == tmp_path / "history"


def test_an_unfinished_journal_reads_back_with_the_text_in_flight(tmp_path: Path) -> None:
    read = read_journal(_journal_crashed_mid_utterance(tmp_path))
    assert not read.finished and read.warnings == []
    assert [s.id for s in read.run.segments] == ["ab-1", "ba-1", "ab-2"]
    assert read.run.segments[0] == sample_run().segments[0]
    assert (read.run.segments[2].status, read.run.segments[2].target_text) == (
        "translating",
        "会議",
    )
    assert read.run.speakers == {"Them": "Kenji"}


def test_a_dropped_segment_stays_out_of_a_crashed_run(tmp_path: Path) -> None:
    """Face to face, the direction that did not translate an utterance drops its segment; a
    journal cut short (no end line, which lists the final segments) must not bring it back."""
    run = sample_run()
    journal = Journal(run.model_copy(update={"segments": [], "ended_at": None}), tmp_path)
    for segment in run.segments[:2]:
        journal.record(segment)
    journal.drop(run.segments[1])
    journal.close()
    read = read_journal(journal.path)
    assert not read.finished and read.warnings == []
    assert [s.id for s in read.run.segments] == [run.segments[0].id]


def test_text_in_flight_is_journalled_throttled_and_a_finish_at_once(tmp_path: Path) -> None:
    run = sample_run()
    segment = run.segments[0].model_copy(update={"status": "translating", "target_text": ""})
    clock = FakeClock()
    journal = Journal(run, tmp_path, clock=clock)
    for i, char in enumerate("おはようございます"):
        segment.target_text += char
        clock.now = i * IN_FLIGHT_INTERVAL_S / 4
        journal.record(segment)
    segment.status = "completed"
    journal.record(segment)
    journal.record(segment)  # nothing new: no line
    lines = [json.loads(line) for line in journal.path.read_text().splitlines()]
    journal.close()
    texts = [line["target_text"] for line in lines if line["kind"] == "segment"]
    # every 0.5 s while it streams, then at once when it is done
    assert texts == ["お", "おはようご", "おはようございます", "おはようございます"]
    assert [line["status"] for line in lines[1:]] == ["translating"] * 3 + ["completed"]


def test_a_finished_run_keeps_only_its_final_segments(tmp_path: Path) -> None:
    run = sample_run()
    journal = Journal(run, tmp_path)
    for segment in run.segments:
        journal.record(segment)
    dropped = run.segments.pop()  # face to face: the other direction took it
    run.cost_usd = 0.5
    journal.end(run)
    journal.close()
    read = read_journal(journal.path)
    assert read.finished and dropped.id not in [s.id for s in read.run.segments]
    assert read.run.cost_usd == 0.5 and read.run.ended_at is not None


def test_a_damaged_line_is_skipped_with_a_warning_and_never_rewritten(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TRANSLATOR_DATA_DIR", str(tmp_path))
    path = _journal_crashed_mid_utterance(tmp_path / "history")
    lines = path.read_bytes().splitlines(keepends=True)
    # a hand-edited line in the middle and a line torn by SIGKILL at the end
    damaged = lines[0] + b'{"kind": "segment", "id": 12}\n' + b"".join(lines[1:]) + b'{"kind": "seg'
    path.write_bytes(damaged)
    code, out, err = _cli(capsys, "sessions")
    assert code == 0 and "(unfinished)" in out and "Call with Kenji" in out
    assert err.count("translator: warning:") == 2 and "line 2 is damaged" in err
    code, out, err = _cli(capsys, "export", "latest", "-o", "-", "--format", "txt")
    assert code == 0 and "はい、よく聞こえます。" in out and "会議" in out
    assert path.read_bytes() == damaged
    code, _, _ = _cli(capsys, "sessions", "rename", "5e55", "Kenji, again")
    assert code == 0
    grown = path.read_bytes()
    assert grown.startswith(damaged) and grown.endswith(b"\n")  # appended, after a line break
    read = read_journal(path)
    assert read.run.title == "Kenji, again" and len(read.warnings) == 2


def test_sessions_lists_newest_first_searches_and_prints_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TRANSLATOR_DATA_DIR", str(tmp_path))
    older = sample_run().model_copy(
        update={
            "id": "0ld0000000aa",
            "title": "",
            "speakers": {},
            "started_at": "2026-01-01T08:00:00+00:00",
        }
    )
    journal = Journal(older, tmp_path / "history")
    journal.end(older)
    journal.close()
    _journal_crashed_mid_utterance(tmp_path / "history")
    code, out, _ = _cli(capsys, "sessions", "--json")
    rows = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and [r["id"] for r in rows] == ["5e55104a1b2c", "0ld0000000aa"]
    assert [r["unfinished"] for r in rows] == [True, False]
    assert rows[0]["languages"] == ["en", "ja"] and rows[0]["duration_s"] == 15.8
    code, out, _ = _cli(capsys, "sessions", "--search", "よく聞こえ", "--json")
    assert len(out.splitlines()) == 2  # both hold that text
    code, out, _ = _cli(capsys, "sessions", "--search", "kenji")
    assert "5e55104a1b2c" in out and "0ld0000000aa" not in out


def test_ids_prefixes_latest_and_delete(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TRANSLATOR_DATA_DIR", str(tmp_path))
    for run_id, started in (
        ("abc111111111", "2026-01-01T08:00:00+00:00"),
        ("abd222222222", "2026-01-02T08:00:00+00:00"),
    ):
        run = sample_run().model_copy(update={"id": run_id, "started_at": started})
        Journal(run, tmp_path / "history").close()
    code, _, err = _cli(capsys, "export", "ab", "-o", "-", "--format", "txt")
    assert code == 2 and err.splitlines()[-1].startswith(
        "translator: error: 'ab' matches 2 sessions"
    )
    code, _, err = _cli(capsys, "export", "zz", "-o", "-", "--format", "txt")
    assert code == 2 and err.splitlines()[-1] == (
        "translator: error: no session 'zz'; list them with `translator sessions`"
    )
    code, out, _ = _cli(capsys, "sessions", "rename", "latest", "Second")
    assert code == 0 and out.startswith("abd222222222")
    code, _, err = _cli(capsys, "sessions", "delete", "abc")
    assert code == 2 and "add --yes" in err.splitlines()[-1]
    assert (tmp_path / "history" / "abc111111111.jsonl").exists()
    code, _, _ = _cli(capsys, "sessions", "delete", "abc", "--yes")
    assert code == 0 and not (tmp_path / "history" / "abc111111111.jsonl").exists()
    code, out, _ = _cli(capsys, "sessions", "--json")
    assert [json.loads(r)["title"] for r in out.splitlines()] == ["Second"]


def test_export_writes_by_suffix_and_needs_force_to_replace(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TRANSLATOR_DATA_DIR", str(tmp_path))
    journal = _journal_crashed_mid_utterance(tmp_path / "history")
    target = tmp_path / "call.srt"
    code, _, err = _cli(capsys, "export", "latest", "-o", str(target), "--track", "translation")
    assert code == 0 and "unfinished" in err
    cues = list(srt.parse(target.read_text()))
    assert [c.content for c in cues] == [
        "You: おはようございます、聞こえますか？👋",
        "Kenji: Yes, I can hear you well.",
        "You: 会議",  # the utterance in flight, as far as it got
    ]
    code, _, err = _cli(capsys, "export", "latest", "-o", str(target), "--track", "original")
    assert code == 2 and err.splitlines()[-1] == (
        f"translator: error: {target} exists; add --force to replace it, or pick another name"
    )
    code, _, _ = _cli(
        capsys, "export", "latest", "-o", str(target), "--track", "original", "--force"
    )
    assert code == 0 and "Good morning" in target.read_text()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["call.srt", "history"]  # no temp files
    assert read_journal(journal).warnings == []


def test_unwritable_places_and_a_full_disk_give_clear_errors_and_keep_the_journal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TRANSLATOR_DATA_DIR", str(tmp_path))
    journal = _journal_crashed_mid_utterance(tmp_path / "history")
    before = journal.read_bytes()
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    code, _, err = _cli(capsys, "export", "latest", "-o", str(blocker / "out.txt"))
    assert code == 2 and err.splitlines()[-1] == (
        f"translator: error: the folder {blocker} is a file, not a folder; "
        "pick a path in an existing folder"
    )
    code, _, err = _cli(capsys, "export", "latest", "-o", "notes.pdf")
    assert code == 2 and "add --format" in err.splitlines()[-1]
    code, _, err = _cli(capsys, "export", "latest", "-o", "/dev/full", "--force", "--format", "txt")
    assert code == 2 and "not a regular file" in err.splitlines()[-1]
    target = tmp_path / "notes.md"
    target.write_text("old notes")

    def disk_full(fd: int) -> None:
        raise OSError(28, os.strerror(28))

    monkeypatch.setattr("translator.transcript.journal.os.fsync", disk_full)
    code, _, err = _cli(capsys, "export", "latest", "-o", str(target), "--force")
    assert code == 1 and err.splitlines()[-1] == (
        f"translator: error: cannot write {target}: No space left on device; "
        "free some space or pick another place"
    )
    assert target.read_text() == "old notes"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-file", "history", "notes.md"]
    assert journal.read_bytes() == before


def test_a_full_stdout_is_a_clear_error(tmp_path: Path) -> None:
    """``-o -`` into /dev/full, in a real process (the pipe is the full disk)."""
    import subprocess
    import sys

    history = tmp_path / "history"
    _journal_crashed_mid_utterance(history)
    with open("/dev/full", "wb") as full:
        done = subprocess.run(
            [sys.executable, "-m", "translator", "export", "latest", "-o", "-", "--format", "md"],
            stdout=full,
            stderr=subprocess.PIPE,
            # buffered, as on a stock machine (unbuffered output hides the exit-time flush)
            env={
                **{k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"},
                "TRANSLATOR_DATA_DIR": str(tmp_path),
            },
            timeout=60,
            check=False,
        )
    last = done.stderr.decode().strip().splitlines()[-1]
    assert done.returncode == 1, done.stderr
    assert last == "translator: error: No space left on device; check the disk and the permissions"


def test_no_sessions_yet_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TRANSLATOR_DATA_DIR", str(tmp_path))
    code, _, err = _cli(capsys, "export", "latest", "-o", "-", "--format", "txt")
    assert code == 2 and err.splitlines()[-1].startswith("translator: error: no sessions in ")
    assert History.default().read_all() == ([], [])


def test_an_unfinished_session_is_offered_once_and_stays_exportable(tmp_path: Path) -> None:
    path = _journal_crashed_mid_utterance(tmp_path)
    history = History(tmp_path)
    assert [s.run.id for s in history.recover()] == ["5e55104a1b2c"]
    assert history.recover() == []  # `translator run` points at it only once
    read = read_journal(path)
    assert not read.finished and read.run.recovered_at is not None and read.warnings == []
    assert len(read.run.segments) == 3
