"""A small fixed transcript for export tests and the samples in docs/export-samples/: two
directions, a renamed speaker, CJK, right-to-left and emoji text, and one utterance whose
translation played late (so the translation's cue times differ from the speech's)."""

from __future__ import annotations

from translator.transcript.model import Run, Segment


def sample_run() -> Run:
    run = Run(
        id="5e55104a1b2c",
        started_at="2026-03-14T09:30:00+00:00",
        ended_at="2026-03-14T09:30:21+00:00",
        mode="call",
        engine="realtime",
        model="gpt-realtime-2.1-mini",
        languages=("en", "ja"),
        title="Call with Kenji",
        voices={"ab": "marin", "ba": "cedar"},
        devices={"input": "default", "output": "CABLE Input"},
        speakers={"Them": "Kenji"},
        cost_usd=0.0123,
    )

    def segment(sid: str, direction: str, texts: tuple[str, str, str, str], **times: float) -> None:
        speaker, src, tgt = ("You", "en", "ja") if direction == "ab" else ("Them", "ja", "en")
        if texts[0]:
            src = texts[0]
        run.segments.append(
            Segment(
                id=sid,
                direction=direction,
                speaker=speaker,
                source_language=src,
                source_text=texts[1],
                source_final=True,
                target_language=texts[2] or tgt,
                target_text=texts[3],
                status="completed",
                **times,
            )
        )

    segment(
        "ab-1",
        "ab",
        ("", "Good morning, can you hear me? 👋", "", "おはようございます、聞こえますか？👋"),
        start_s=0.4,
        end_s=2.6,
        playback_start_s=3.5,
        playback_end_s=6.25,
        latency_ms=900.0,
    )
    segment(
        "ba-1",
        "ba",
        ("", "はい、よく聞こえます。", "", "Yes, I can hear you well."),
        start_s=7.0,
        end_s=8.8,
        playback_start_s=9.75,
        playback_end_s=11.5,
        latency_ms=950.0,
    )
    segment(
        "ab-2",
        "ab",
        ("ar", "مرحبا بكم في الاجتماع", "ja", "会議へようこそ"),
        start_s=12.0,
        end_s=13.5,
        playback_start_s=14.25,
        playback_end_s=15.75,
        latency_ms=750.0,
    )
    return run
