"""``translator run --transport webrtc`` end to end: the command in a network namespace of its
own (both peers inside it: ``--provider local`` serves the call in-process), speech WAVs in,
real time, translations found in the output WAVs and the transcript complete.

The namespace has a veth pair and nothing else: aiortc gathers the pair's addresses only, and
nothing it sends can leave (tests/support/webrtc.py).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.e2e.conftest import Cli, translator_run
from tests.support.speech import (
    EN,
    ES,
    mixed_speech_wav,
    read_wav,
    speech_wav,
    translations_in_order,
)
from tests.support.webrtc import PRIVATE_NETWORK

pytestmark = [pytest.mark.speech, pytest.mark.slow]


def _script(tmp_path: Path) -> str:
    path = tmp_path / "script.json"
    entries = [
        {"language": e.language, "text": e.text, "translations": e.translations} for e in [*EN, *ES]
    ]
    path.write_text(json.dumps({"utterances": entries}), encoding="utf-8")
    return str(path)


async def _run(tmp_path: Path, *args: str, transport: str = "webrtc") -> Cli:
    cli = await translator_run(
        "--from",
        "en",
        "--to",
        "es",
        "--provider",
        "local",
        "--script",
        _script(tmp_path),
        "--transport",
        transport,
        *args,
        transcript=tmp_path / "t.json",
        prefix=PRIVATE_NETWORK,
    )
    assert cli.code == 0, cli.stderr
    assert cli.transcript is not None
    return cli


def _segments(cli: Cli, direction: str) -> list[tuple[str, str, str]]:
    assert cli.transcript is not None
    return [
        (s["source_text"], s["target_text"], s["status"])
        for s in cli.transcript["segments"]
        if s["direction"] == direction
    ]


async def test_listening_over_webrtc_plays_every_translation_once_in_order(
    tmp_path: Path,
) -> None:
    said = EN[:2]
    cli = await _run(
        tmp_path,
        "--input",
        str(speech_wav(tmp_path / "in.wav", said)),
        "--output",
        str(tmp_path / "out.wav"),
    )
    assert _segments(cli, "ab") == [(e.text, e.translations["es"], "completed") for e in said]
    positions = translations_in_order(
        read_wav(tmp_path / "out.wav"), [(e.translations["es"], "es") for e in said]
    )
    assert positions == sorted(positions)
    assert cli.transcript is not None and cli.transcript["transports"] == {"ab": "webrtc"}
    assert all(s["latency_ms"] is not None for s in cli.transcript["segments"])


async def test_a_call_runs_two_webrtc_calls_at_once(tmp_path: Path) -> None:
    mine, theirs = EN[:2], ES[:2]
    cli = await _run(
        tmp_path,
        "--mode",
        "call",
        "--input",
        str(speech_wav(tmp_path / "me.wav", mine)),
        "--output",
        str(tmp_path / "to_them.wav"),
        "--return-input",
        str(speech_wav(tmp_path / "them.wav", theirs, gap_s=1.6)),
        "--return-output",
        str(tmp_path / "to_me.wav"),
    )
    assert _segments(cli, "ab") == [(e.text, e.translations["es"], "completed") for e in mine]
    assert _segments(cli, "ba") == [(e.text, e.translations["en"], "completed") for e in theirs]
    translations_in_order(
        read_wav(tmp_path / "to_them.wav"), [(e.translations["es"], "es") for e in mine]
    )
    translations_in_order(
        read_wav(tmp_path / "to_me.wav"), [(e.translations["en"], "en") for e in theirs]
    )
    assert cli.transcript is not None
    assert cli.transcript["transports"] == {"ab": "webrtc", "ba": "webrtc"}


async def test_face_to_face_with_auto_takes_webrtc_and_translates_each_utterance_its_way(
    tmp_path: Path,
) -> None:
    said = [EN[0], ES[0], EN[1]]
    cli = await _run(
        tmp_path,
        "--mode",
        "face",
        "--input",
        str(mixed_speech_wav(tmp_path / "room.wav", said)),
        "--output",
        str(tmp_path / "speaker.wav"),
        transport="auto",
    )
    assert cli.transcript is not None
    assert cli.transcript["transports"] == {"ab": "webrtc", "ba": "webrtc"}  # a call connected
    spoken = sorted(cli.transcript["segments"], key=lambda s: s["start_s"])
    expected = [(e.text, e.translations["es" if e.language == "en" else "en"]) for e in said]
    assert [(s["source_text"], s["target_text"]) for s in spoken] == expected
    positions = translations_in_order(
        read_wav(tmp_path / "speaker.wav"),
        [
            (t, "es" if e.language == "en" else "en")
            for e, (_, t) in zip(said, expected, strict=True)
        ],
    )
    assert positions == sorted(positions)


async def test_the_translate_engine_over_webrtc_voices_each_segment(tmp_path: Path) -> None:
    said = EN[:2]
    cli = await _run(
        tmp_path,
        "--engine",
        "translate",
        "--input",
        str(speech_wav(tmp_path / "in.wav", said)),
        "--output",
        str(tmp_path / "out.wav"),
    )
    assert _segments(cli, "ab") == [(e.text, e.translations["es"], "completed") for e in said]
    positions = translations_in_order(
        read_wav(tmp_path / "out.wav"),
        [(e.translations["es"], "es") for e in said],
        voice=None,  # the translate engine has no choice of voice
    )
    assert positions == sorted(positions)
    assert cli.transcript is not None and cli.transcript["transports"] == {"ab": "webrtc"}
