"""`translator run` end to end: espeak-ng speech in WAV files, the local server on loopback, the
translations found by their sound in the output files, in order, and the transcript complete."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.e2e.conftest import local_en_es, one_sentence, translator_run
from tests.support.speech import (
    EN,
    ES,
    mixed_speech_wav,
    read_wav,
    speech_wav,
    translations_in_order,
)
from translator.server.app import LocalRealtimeServer
from translator.server.brain import ScriptedBrain
from translator.server.options import ServerOptions

pytestmark = [pytest.mark.speech, pytest.mark.slow]
QUICK = ServerOptions(transcription_delay_s=0.3, response_created_delay_s=0.05)


def segments(transcript: dict, direction: str) -> list[tuple[str, str, str]]:  # type: ignore[type-arg]
    return [
        (s["source_text"], s["target_text"], s["status"])
        for s in transcript["segments"]
        if s["direction"] == direction
    ]


async def test_listen_one_way(tmp_path: Path, bilingual_brain: ScriptedBrain) -> None:
    said = EN[:3]
    async with LocalRealtimeServer(brain=bilingual_brain, options=QUICK) as server:
        cli = await translator_run(
            *local_en_es(server.url),
            "--input",
            str(speech_wav(tmp_path / "in.wav", said)),
            "--output",
            str(tmp_path / "out.wav"),
            "--pace",
            "fast",
            transcript=tmp_path / "t.json",
        )
    assert cli.code == 0, cli.stderr
    assert cli.transcript is not None
    assert segments(cli.transcript, "ab") == [
        (e.text, e.translations["es"], "completed") for e in said
    ]
    positions = translations_in_order(
        read_wav(tmp_path / "out.wav"), [(e.translations["es"], "es") for e in said]
    )
    assert positions == sorted(positions)
    assert all(s["latency_ms"] is not None for s in cli.transcript["segments"])
    assert cli.transcript["ended_at"] >= cli.transcript["started_at"]  # an ended run


async def test_call_two_way_with_passthrough(
    tmp_path: Path, bilingual_brain: ScriptedBrain
) -> None:
    mine, theirs = EN[:2], ES[:2]
    async with LocalRealtimeServer(brain=bilingual_brain, options=QUICK) as server:
        cli = await translator_run(
            "--from",
            "en",
            "--to",
            "es",
            "--mode",
            "call",
            "--base-url",
            server.url,
            "--api-key",
            "sk-local",
            "--input",
            str(speech_wav(tmp_path / "me.wav", mine)),
            "--output",
            str(tmp_path / "to_them.wav"),
            "--return-input",
            str(speech_wav(tmp_path / "them.wav", theirs, gap_s=1.6)),
            "--return-output",
            str(tmp_path / "to_me.wav"),
            "--pace",
            "fast",
            transcript=tmp_path / "t.json",
        )
    assert cli.code == 0, cli.stderr
    assert cli.transcript is not None
    assert segments(cli.transcript, "ab") == [
        (e.text, e.translations["es"], "completed") for e in mine
    ]
    assert segments(cli.transcript, "ba") == [
        (e.text, e.translations["en"], "completed") for e in theirs
    ]
    to_them, to_me = read_wav(tmp_path / "to_them.wav"), read_wav(tmp_path / "to_me.wav")
    # each side hears the other's translation, in order, plus the original voice under it
    translations_in_order(to_them, [(e.translations["es"], "es") for e in mine])
    translations_in_order(to_me, [(e.translations["en"], "en") for e in theirs])
    # my voice is passed through (the first sentence: before any translation ducks it)
    translations_in_order(to_them, [(mine[0].text, "en")], voice=None)  # as the speaker spoke
    # and not the wrong translations
    with pytest.raises(AssertionError):
        translations_in_order(to_them, [(theirs[0].translations["en"], "en")])


async def test_face_to_face_auto_translates_each_utterance_once_the_right_way(
    tmp_path: Path, bilingual_brain: ScriptedBrain
) -> None:
    said = [EN[0], ES[0], EN[1], ES[1]]
    async with LocalRealtimeServer(brain=bilingual_brain, options=QUICK) as server:
        cli = await translator_run(
            "--from",
            "en",
            "--to",
            "es",
            "--mode",
            "face",
            "--base-url",
            server.url,
            "--api-key",
            "sk-local",
            "--input",
            str(mixed_speech_wav(tmp_path / "room.wav", said)),
            "--output",
            str(tmp_path / "speaker.wav"),
            "--pace",
            "fast",
            transcript=tmp_path / "t.json",
        )
    assert cli.code == 0, cli.stderr
    assert cli.transcript is not None
    spoken = sorted(cli.transcript["segments"], key=lambda s: s["start_s"])
    expected = [
        (
            e.text,
            e.translations["es" if e.language == "en" else "en"],
            "ab" if e.language == "en" else "ba",
        )
        for e in said
    ]
    assert [(s["source_text"], s["target_text"], s["direction"]) for s in spoken] == expected
    out = read_wav(tmp_path / "speaker.wav")
    positions = translations_in_order(
        out, [(text, "es" if d == "ab" else "en") for _, text, d in expected]
    )
    assert positions == sorted(positions)


@pytest.mark.parametrize("fault", ["drop_mid_utterance", "drop_mid_response"])
async def test_drops_lose_nothing_and_double_nothing(
    tmp_path: Path, bilingual_brain: ScriptedBrain, fault: str
) -> None:
    said = EN[:3]
    async with LocalRealtimeServer(brain=bilingual_brain, options=QUICK, faults=[fault]) as server:
        cli = await translator_run(
            *local_en_es(server.url),
            "--input",
            str(speech_wav(tmp_path / "in.wav", said)),
            "--output",
            str(tmp_path / "out.wav"),
            "--pace",
            "fast",
            transcript=tmp_path / "t.json",
        )
        connections = len(server.connections)
    assert cli.code == 0, cli.stderr
    assert connections >= 2
    assert cli.transcript is not None
    assert segments(cli.transcript, "ab") == [
        (e.text, e.translations["es"], "completed") for e in said
    ]
    out = read_wav(tmp_path / "out.wav")
    positions = translations_in_order(out, [(e.translations["es"], "es") for e in said])
    assert positions == sorted(positions)


async def test_usage_errors_exit_2_with_one_clear_line(tmp_path: Path) -> None:
    wav = str(speech_wav(tmp_path / "x.wav", EN[:1]))
    them = str(speech_wav(tmp_path / "them.wav", ES[:1]))
    call = ["--mode", "call", "--input", wav, "--output", str(tmp_path / "out.wav")]
    call += ["--api-key", "k"]
    cases = [
        (["--mode", "call", "--input", wav, "--output", wav], "call mode needs --return-input"),
        (
            [*call, "--return-input", wav, "--return-output", str(tmp_path / "back.wav")],
            "is both your microphone and the other side's audio",
        ),
        (
            [*call, "--return-input", them, "--return-output", str(tmp_path / "out.wav")],
            "is both what the call hears and your headphones",
        ),
        (
            ["--mode", "face", "--input", wav, "--output", wav, "--return-input", wav],
            "belong to call mode",
        ),
        (
            [
                "--provider",
                "azure",
                "--base-url",
                "ws://127.0.0.1:1/v1",
                "--input",
                wav,
                "--output",
                wav,
            ],
            "conflicts",
        ),
        (
            [
                "--engine",
                "translate",
                "--azure-endpoint",
                "https://x.openai.azure.com",
                "--deployment",
                "d",
                "--input",
                wav,
                "--output",
                wav,
            ],
            "not offered through Azure",
        ),
        (["--input", wav, "--output", wav], "no API key for openai"),
        (
            ["--input", str(tmp_path / "nope.wav"), "--output", wav, "--api-key", "k"],
            "does not exist",
        ),
        (
            [
                "--engine",
                "translate",
                "--to",
                "nl",
                "--input",
                wav,
                "--output",
                wav,
                "--api-key",
                "k",
            ],
            "cannot speak 'nl'",
        ),
        (
            ["--glossary", "no equals sign", "--input", wav, "--output", wav, "--api-key", "k"],
            "--glossary takes TERM=TRANSLATION, not 'no equals sign'",
        ),
        (  # the bad value and the valid ones, never pydantic's help URL
            ["--to", "xx", "--input", wav, "--output", wav, "--api-key", "k"],
            "unknown language code 'xx'; use one of: ar, bg, ",
        ),
        (
            ["--voice", "nope", "--input", wav, "--output", wav, "--api-key", "k"],
            "voice 'nope' is not available for gpt-realtime-2.1-mini; choose one of: alloy, ",
        ),
    ]
    for extra, message in cases:
        target = [] if "--to" in extra else ["--to", "es"]
        cli = await translator_run("--from", "en", *target, *extra)
        last = cli.stderr.strip().splitlines()[-1]
        assert cli.code == 2, (extra, cli.stderr)
        assert last.startswith("translator: error: ") and message in last, last
        assert "; " in last  # what happened; what to do
        assert "pydantic" not in cli.stderr and "Traceback" not in cli.stderr


async def test_the_window_s_interpreting_knobs_are_on_the_command_line(
    tmp_path: Path, bilingual_brain: ScriptedBrain
) -> None:
    async with LocalRealtimeServer(brain=bilingual_brain, options=QUICK) as server:
        cli = await translator_run(
            *local_en_es(server.url),
            *one_sentence(tmp_path),
            "--glossary",
            "train station=estación de tren",
            "--instructions",
            "Use the formal register (usted).",
            "--turn-detection",
            "semantic_vad",
            "--noise",
            "far_field",
            "--context-turns",
            "2",
        )
        records = list(server.connections)
    assert cli.code == 0, cli.stderr
    update = next(e for e in records[0].received if e.get("type") == "session.update")
    session = update["session"]
    assert "- train station → estación de tren" in session["instructions"].splitlines()
    assert "Use the formal register (usted)." in session["instructions"]
    assert session["audio"]["input"]["turn_detection"]["type"] == "semantic_vad"
    assert session["audio"]["input"]["noise_reduction"] == {"type": "far_field"}


async def test_nothing_listening_at_the_endpoint_is_a_network_error_exit_1(tmp_path: Path) -> None:
    cli = await translator_run(
        *local_en_es("ws://127.0.0.1:9/v1"),  # the discard port: nothing listens there
        *one_sentence(tmp_path, fast=False),
    )
    assert cli.code == 1
    assert "Traceback" not in cli.stderr
    last = cli.stderr.strip().splitlines()[-1]
    assert last.startswith("translator: error: the service could not be reached (")
    assert last.endswith("; check the network connection and the endpoint URL, then start again")


async def test_a_rejected_key_is_a_runtime_error_exit_1(
    tmp_path: Path, bilingual_brain: ScriptedBrain
) -> None:
    async with LocalRealtimeServer(brain=bilingual_brain, api_keys=["sk-right"]) as server:
        cli = await translator_run(
            "--from",
            "en",
            "--to",
            "es",
            "--base-url",
            server.url,
            "--api-key",
            "sk-wrong",
            *one_sentence(tmp_path, fast=False),
        )
    assert cli.code == 1
    last = cli.stderr.strip().splitlines()[-1]
    assert last.startswith("translator: error: the service rejected the API key")
    assert "sk-wrong" not in cli.stderr


async def test_provider_local_needs_no_key_and_marks_its_demo_phrases(tmp_path: Path) -> None:
    cli = await translator_run(
        "--from",
        "en",
        "--to",
        "es",
        "--provider",
        "local",
        *one_sentence(tmp_path),
        transcript=tmp_path / "t.json",
    )
    assert cli.code == 0, cli.stderr
    assert cli.transcript is not None
    [segment] = cli.transcript["segments"]
    assert segment["status"] == "completed" and segment["target_text"].startswith("[demo]")
