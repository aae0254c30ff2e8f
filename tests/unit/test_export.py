"""Exports read back with the libraries that define their formats (srt, webvtt-py, csv, the
transcript schema, python-docx): right cue times and texts — CJK, right-to-left and emoji
included; the shipped samples in docs/export-samples/ are what the code writes today."""

from __future__ import annotations

import csv
import io
import json
from datetime import timedelta
from pathlib import Path

import docx
import jsonschema
import pytest
import srt
import webvtt

from tests.support.transcripts import sample_run
from translator.transcript.export import (
    FORMATS,
    ExportError,
    ExportOptions,
    format_for,
    render,
)
from translator.transcript.model import Run

ROOT = Path(__file__).parents[2]
SCHEMA = json.loads((ROOT / "resources" / "transcript.schema.json").read_text())

# (start, end, text) of every cue of the sample, in time order: speech times for the originals,
# playback times for the translations
ORIGINALS = [
    (0.4, 2.6, "You: Good morning, can you hear me? 👋"),
    (7.0, 8.8, "Kenji: はい、よく聞こえます。"),
    (12.0, 13.5, "You: مرحبا بكم في الاجتماع"),
]
TRANSLATIONS = [
    (3.5, 6.25, "You: おはようございます、聞こえますか？👋"),
    (9.75, 11.5, "Kenji: Yes, I can hear you well."),
    (14.25, 15.75, "You: 会議へようこそ"),
]


def _srt_cues(data: bytes) -> list[tuple[float, float, str]]:
    return [
        (c.start.total_seconds(), c.end.total_seconds(), c.content)
        for c in srt.parse(data.decode())
    ]


def _vtt_cues(data: bytes) -> list[tuple[float, float, str]]:
    document = webvtt.from_string(data.decode())
    return [
        (
            c.start_in_seconds + int(c.start.rsplit(".", 1)[1]) / 1000,
            c.end_in_seconds + int(c.end.rsplit(".", 1)[1]) / 1000,
            f"{c.voice}: {c.text}" if c.voice else c.text,
        )
        for c in document.captions
    ]


@pytest.mark.parametrize("reader", [_srt_cues, _vtt_cues], ids=["srt", "vtt"])
@pytest.mark.parametrize(
    ("track", "expected"),
    [
        ("original", ORIGINALS),
        ("translation", TRANSLATIONS),
        ("bilingual", sorted(ORIGINALS + TRANSLATIONS)),
    ],
)
def test_subtitle_cues_follow_the_speech_and_the_playback(
    reader: object, track: str, expected: list[tuple[float, float, str]]
) -> None:
    fmt = "srt" if reader is _srt_cues else "vtt"
    data = render(sample_run(), fmt, ExportOptions(track=track))  # type: ignore[arg-type]
    cues = reader(data)  # type: ignore[operator]
    assert [(round(s, 3), round(e, 3), t) for s, e, t in cues] == expected


def test_subtitles_of_one_direction_without_labels() -> None:
    data = render(sample_run(), "srt", ExportOptions(direction="ba", labels=False))
    assert _srt_cues(data) == [
        (7.0, 8.8, "はい、よく聞こえます。"),
        (9.75, 11.5, "Yes, I can hear you well."),
    ]
    vtt = _vtt_cues(render(sample_run(), "vtt", ExportOptions(direction="ba", labels=False)))
    assert [text for _, _, text in vtt] == ["はい、よく聞こえます。", "Yes, I can hear you well."]


def test_a_translation_never_played_is_cued_at_its_speech_and_every_cue_lasts() -> None:
    run = sample_run()
    run.segments[0].playback_start_s = run.segments[0].playback_end_s = None
    run.segments[1].end_s = run.segments[1].start_s  # a click of an utterance
    cues = _srt_cues(render(run, "srt", ExportOptions(track="translation")))
    assert cues[0][:2] == (0.4, 2.6)
    assert all(end > start for start, end, _ in _srt_cues(render(run, "srt", ExportOptions())))


def test_csv_holds_every_text_with_its_times_and_speaker() -> None:
    rows = list(csv.DictReader(io.StringIO(render(sample_run(), "csv", ExportOptions()).decode())))
    got = [(float(r["start_s"]), float(r["end_s"]), f"{r['speaker']}: {r['text']}") for r in rows]
    assert got == [c for pair in zip(ORIGINALS, TRANSLATIONS, strict=True) for c in pair]
    assert [r["language"] for r in rows] == ["en", "ja", "ja", "en", "ar", "ja"]
    bare = render(sample_run(), "csv", ExportOptions(labels=False, times=False)).decode()
    assert bare.splitlines()[0] == "segment,direction,kind,language,text"


def test_json_is_the_versioned_transcript_and_validates() -> None:
    data = json.loads(render(sample_run(), "json", ExportOptions(direction="ab")))
    jsonschema.validate(data, SCHEMA)
    run = Run.model_validate(data)
    assert data["version"] == 1
    assert [s.id for s in run.segments] == ["ab-1", "ab-2"]
    assert run.segments[1].source_text == "مرحبا بكم في الاجتماع"
    assert run.speakers == {"Them": "Kenji"} and run.title == "Call with Kenji"


def test_txt_and_markdown_hold_every_text_in_order_with_labels_and_times() -> None:
    for fmt in ("txt", "md"):
        text = render(sample_run(), fmt, ExportOptions()).decode()  # type: ignore[arg-type]
        expected = [
            "00:00:00.4",
            "You",
            "Good morning, can you hear me? 👋",
            "おはようございます、聞こえますか？👋",
            "00:00:07.0",
            "Kenji",
            "はい、よく聞こえます。",
            "Yes, I can hear you well.",
            "00:00:12.0",
            "مرحبا بكم في الاجتماع",
            "会議へようこそ",
        ]
        at = 0
        for piece in expected:
            found = text.find(piece, at)
            assert found >= 0, f"{fmt}: {piece!r} missing or out of order"
            at = found + len(piece)
        assert "Call with Kenji" in text


def test_txt_without_labels_and_times_holds_only_the_texts() -> None:
    text = render(sample_run(), "txt", ExportOptions(labels=False, times=False, track="original"))
    body = text.decode().splitlines()[3:]
    assert body == [
        "(en): Good morning, can you hear me? 👋",
        "(ja): はい、よく聞こえます。",
        "(ar): مرحبا بكم في الاجتماع",
    ]


def test_docx_holds_every_text_in_order() -> None:
    document = docx.Document(io.BytesIO(render(sample_run(), "docx", ExportOptions())))
    paragraphs = [p.text for p in document.paragraphs]
    assert paragraphs[0] == "Call with Kenji"
    properties = document.core_properties  # what a file browser or Word shows of it
    assert (properties.title, properties.author) == ("Call with Kenji", "Translator")
    assert properties.created is not None
    assert properties.created.isoformat().startswith("2026-03-14T09:30:00")
    assert paragraphs[2:] == [
        "[00:00:00.4] You (en): Good morning, can you hear me? 👋",
        "→ (ja) おはようございます、聞こえますか？👋",
        "[00:00:07.0] Kenji (ja): はい、よく聞こえます。",
        "→ (en) Yes, I can hear you well.",
        "[00:00:12.0] You (ar): مرحبا بكم في الاجتماع",
        "→ (ja) 会議へようこそ",
    ]


def test_subtitles_without_times_and_unknown_suffixes_are_refused() -> None:
    with pytest.raises(ExportError, match="--no-times"):
        render(sample_run(), "srt", ExportOptions(times=False))
    with pytest.raises(ExportError, match="add --format"):
        format_for("notes.pdf", None)
    assert format_for("Notes.MD", None) == "md" and format_for("x.pdf", "vtt") == "vtt"


@pytest.mark.parametrize("fmt", [f for f in FORMATS if f != "docx"])
def test_the_shipped_samples_are_what_the_code_writes(fmt: str) -> None:
    shipped = (ROOT / "docs" / "export-samples" / f"sample.{fmt}").read_bytes()
    assert shipped == render(sample_run(), fmt, ExportOptions()), (  # type: ignore[arg-type]
        "run scripts/gen_export_samples.py"
    )


def test_srt_times_are_exact_to_the_millisecond() -> None:
    cue = srt.parse(render(sample_run(), "srt", ExportOptions(track="translation")).decode())
    assert next(cue).end == timedelta(seconds=6.25)
