"""Export a ``Run`` to the formats users ask for: TXT, Markdown, JSON, CSV, SRT, WebVTT, DOCX.

Subtitles and data go through well-kept libraries (``srt``, ``webvtt-py``, ``csv``, ``pydantic``
for the versioned JSON, ``python-docx`` from the optional ``docx`` extra). Cue times follow the
speech for the original and the playback for the translation (the speech's times when it was
never played). Pure functions: ``render`` returns the file's bytes.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

import srt
import webvtt

from translator.transcript.model import Run, Segment

Format = Literal["txt", "md", "json", "csv", "srt", "vtt", "docx"]
Track = Literal["original", "translation", "bilingual"]
DirectionChoice = Literal["ab", "ba", "both"]
FORMATS: tuple[Format, ...] = ("txt", "md", "json", "csv", "srt", "vtt", "docx")
SUFFIXES: dict[str, Format] = {
    ".txt": "txt",
    ".md": "md",
    ".markdown": "md",
    ".json": "json",
    ".csv": "csv",
    ".srt": "srt",
    ".vtt": "vtt",
    ".docx": "docx",
}
MIN_CUE_S = 0.5  # a cue must last; an utterance with no duration still gets read


class ExportError(Exception):
    """The export cannot be made as asked; the message says what to do."""


@dataclass(frozen=True)
class ExportOptions:
    track: Track = "bilingual"
    direction: DirectionChoice = "both"
    labels: bool = True
    times: bool = True


@dataclass(frozen=True)
class Line:
    """One text of the export: what was said, or its translation."""

    segment: Segment
    kind: Literal["original", "translation"]
    start_s: float
    end_s: float
    speaker: str
    language: str
    text: str


def lines(run: Run, options: ExportOptions) -> list[Line]:
    """The texts to export in the order they were spoken (each original before its
    translation)."""
    out: list[Line] = []
    chosen = [
        s for s in run.segments if options.direction in ("both", s.direction) and _has_text(s)
    ]
    for segment in sorted(chosen, key=lambda s: (s.start_s, s.id)):
        name = run.speaker_name(segment)
        if options.track in ("original", "bilingual") and segment.source_text.strip():
            out.append(
                Line(
                    segment,
                    "original",
                    segment.start_s,
                    max(segment.end_s, segment.start_s + MIN_CUE_S),
                    name,
                    segment.source_language,
                    segment.source_text.strip(),
                )
            )
        if options.track in ("translation", "bilingual") and segment.target_text.strip():
            start = segment.playback_start_s
            end = segment.playback_end_s
            if start is None:
                start, end = segment.start_s, segment.end_s
            end = max(end if end is not None else start, start + MIN_CUE_S)
            out.append(
                Line(
                    segment,
                    "translation",
                    start,
                    end,
                    name,
                    segment.target_language,
                    segment.target_text.strip(),
                )
            )
    return out


def _has_text(segment: Segment) -> bool:
    return bool(segment.source_text.strip() or segment.target_text.strip())


def clock(seconds: float) -> str:
    """``HH:MM:SS.s`` for texts (subtitles use their own libraries' forms)."""
    tenths = int(seconds * 10 + 0.5)  # half up: 14.25 s reads 00:00:14.3
    hours, rest = divmod(tenths, 36000)
    minutes, rest = divmod(rest, 600)
    return f"{hours:02d}:{minutes:02d}:{rest // 10:02d}.{rest % 10}"


def format_for(name: str, given: str | None) -> Format:
    """The format asked for, or the one the file name's suffix names."""
    if given is not None:
        if given not in FORMATS:
            raise ExportError(f"unknown format {given!r}; use one of {', '.join(FORMATS)}")
        return given
    suffix = "." + name.rpartition(".")[2].lower() if "." in name else ""
    found = SUFFIXES.get(suffix)
    if found is None:
        raise ExportError(
            f"cannot tell the format from {name!r}; add --format ({', '.join(FORMATS)})"
        )
    return found


def render(run: Run, fmt: Format, options: ExportOptions) -> bytes:
    if fmt in ("srt", "vtt") and not options.times:
        raise ExportError("subtitles are made of times; drop --no-times or pick txt or md")
    match fmt:
        case "txt":
            return _txt(run, options).encode()
        case "md":
            return _markdown(run, options).encode()
        case "json":
            return _json(run, options).encode()
        case "csv":
            return _csv(run, options).encode()
        case "srt":
            return _srt(run, options).encode()
        case "vtt":
            return _vtt(run, options).encode()
        case "docx":
            return _docx(run, options)


def _heading(run: Run) -> str:
    return run.title or f"Session {run.id}"


def _summary(run: Run) -> str:
    a, b = run.languages
    return (
        f"{run.started_at} · {a} ↔ {b} · {run.mode} · {run.engine} ({run.model}) · "
        f"{clock(run.duration_s())}" + ("" if run.ended_at else " · unfinished")
    )


def _prefix(line: Line, options: ExportOptions) -> str:
    parts = []
    if options.times:
        parts.append(f"[{clock(line.start_s)}]")
    if options.labels:
        parts.append(line.speaker)
    parts.append(f"({line.language})")
    return " ".join(parts)


def _txt(run: Run, options: ExportOptions) -> str:
    out = [_heading(run), _summary(run), ""]
    for line in lines(run, options):
        arrow = "→ " if line.kind == "translation" and options.track == "bilingual" else ""
        out.append(f"{_prefix(line, options)}: {arrow}{line.text}")
    return "\n".join(out) + "\n"


def _markdown(run: Run, options: ExportOptions) -> str:
    out = [f"# {_heading(run)}", "", f"*{_summary(run)}*", ""]
    for line in lines(run, options):
        if line.kind == "translation" and options.track == "bilingual":
            out.append(f"  > → ({line.language}) {line.text}")
            out.append("")
            continue
        parts = []
        if options.times:
            parts.append(f"`{clock(line.start_s)}`")
        if options.labels:
            parts.append(f"**{line.speaker}**")
        parts.append(f"({line.language})")
        out.append(f"- {' '.join(parts)}: {line.text}")
        if options.track != "bilingual":
            out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


def _json(run: Run, options: ExportOptions) -> str:
    """The versioned transcript (both texts of each segment), for the chosen direction."""
    chosen = [s for s in run.segments if options.direction in ("both", s.direction)]
    return run.model_copy(update={"segments": chosen}).to_json()


def _csv(run: Run, options: ExportOptions) -> str:
    buffer = io.StringIO()
    columns = ["segment", "direction", "kind"]
    columns += ["start_s", "end_s"] if options.times else []
    columns += ["speaker"] if options.labels else []
    columns += ["language", "text"]
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    for line in lines(run, options):
        row: list[str] = [line.segment.id, line.segment.direction, line.kind]
        row += [f"{line.start_s:.3f}", f"{line.end_s:.3f}"] if options.times else []
        row += [line.speaker] if options.labels else []
        row += [line.language, line.text]
        writer.writerow(row)
    return buffer.getvalue()


def _cue_text(line: Line, options: ExportOptions) -> str:
    return f"{line.speaker}: {line.text}" if options.labels else line.text


def _timed(run: Run, options: ExportOptions) -> list[Line]:
    return sorted(lines(run, options), key=lambda line: line.start_s)


def _srt(run: Run, options: ExportOptions) -> str:
    cues = [
        srt.Subtitle(
            index=i,
            start=timedelta(seconds=line.start_s),
            end=timedelta(seconds=line.end_s),
            content=_cue_text(line, options),
        )
        for i, line in enumerate(_timed(run, options), start=1)
    ]
    text: str = srt.compose(cues, reindex=False)
    return text


def _vtt_time(seconds: float) -> str:
    millis = round(seconds * 1000)
    hours, rest = divmod(millis, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    return f"{hours:02d}:{minutes:02d}:{rest // 1000:02d}.{rest % 1000:03d}"


def _vtt(run: Run, options: ExportOptions) -> str:
    document = webvtt.WebVTT()
    for line in _timed(run, options):
        # a voice span names the speaker the WebVTT way; players may show or style it
        text = f"<v {line.speaker}>{line.text}" if options.labels else line.text
        document.captions.append(
            webvtt.Caption(_vtt_time(line.start_s), _vtt_time(line.end_s), text)
        )
    content: str = document.content
    return content


def _docx(run: Run, options: ExportOptions) -> bytes:
    try:
        import docx
    except ImportError as exc:
        raise ExportError(
            "DOCX export needs the optional extra; install it with "
            "pip install 'translator[docx]', or pick another format"
        ) from exc
    document = docx.Document()
    properties = document.core_properties  # the template's say "python-docx", 2013
    properties.title = _heading(run)
    properties.author = properties.last_modified_by = "Translator"
    properties.created = properties.modified = datetime.fromisoformat(run.started_at)
    properties.revision = 1
    properties.comments = _summary(run)
    document.add_heading(_heading(run), level=1)
    document.add_paragraph().add_run(_summary(run)).italic = True
    for line in lines(run, options):
        paragraph = document.add_paragraph()
        prefix = _prefix(line, options) + ": "
        if line.kind == "translation" and options.track == "bilingual":
            prefix = f"→ ({line.language}) "
        paragraph.add_run(prefix).bold = line.kind == "original"
        paragraph.add_run(line.text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
