"""The transcript file: versioned JSON that validates against the shipped JSON Schema, written
atomically; the journal keeps finished segments on disk as they happen."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from translator.files import write_atomically
from translator.transcript.journal import Journal
from translator.transcript.model import Run, Segment, schema_json

SCHEMA = Path(__file__).parents[2] / "resources" / "transcript.schema.json"


def _run() -> Run:
    run = Run(
        id="r1",
        started_at=Run.now_iso(),
        mode="call",
        engine="realtime",
        model="gpt-realtime-2.1-mini",
        languages=("en", "es"),
    )
    run.segments.append(
        Segment(
            id="ab-1",
            direction="ab",
            speaker="You",
            source_language="en",
            source_text="Good morning",
            source_final=True,
            target_language="es",
            target_text="Buenos días",
            start_s=0.1,
            end_s=1.2,
            latency_ms=812.5,
            status="completed",
        )
    )
    return run


def test_shipped_schema_is_the_models_schema() -> None:
    assert SCHEMA.read_text() == schema_json(), "regenerate resources/transcript.schema.json"


def test_a_transcript_validates_against_the_schema_and_round_trips() -> None:
    run = _run()
    data = json.loads(run.to_json())
    jsonschema.validate(data, json.loads(SCHEMA.read_text()))
    assert data["version"] == 1
    assert Run.from_json(run.to_json()) == run


def test_the_schema_rejects_what_the_app_would_not_write() -> None:
    data = json.loads(_run().to_json())
    data["segments"][0]["status"] = "done-ish"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, json.loads(SCHEMA.read_text()))


def test_atomic_write_leaves_the_old_file_whole_when_the_disk_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "t.json"
    write_atomically(target, "old")

    def disk_full(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("translator.transcript.journal.os.fsync", disk_full)
    with pytest.raises(OSError, match="No space"):
        write_atomically(target, "new")
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["t.json"]  # no temporary file left


def test_journal_lines_are_on_disk_as_segments_finish(tmp_path: Path) -> None:
    run = _run()
    journal = Journal(run, tmp_path)
    journal.record(run.segments[0])
    lines = [json.loads(line) for line in journal.path.read_text().splitlines()]  # not closed yet
    journal.close()
    assert [line["kind"] for line in lines] == ["run", "segment"]
    assert lines[1]["target_text"] == "Buenos días"
