"""A real session against the local server on loopback: espeak-ng speech in, translations out.

Every event the client sent is judged by the official SDK's GA models; every event the server
sent parses with them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.sdk_judge import parse_server_event, validate_client_event
from tests.support.speech import speech_track, stream
from translator.realtime.config import TranslationConfig
from translator.realtime.endpoints import openai_realtime
from translator.realtime.session import (
    RealtimeSession,
    SessionEvent,
    SourceText,
    TranslationAudio,
    TranslationDone,
    TranslationText,
)
from translator.server.app import LocalRealtimeServer
from translator.server.brain import ScriptedBrain
from translator.server.options import ServerOptions

SCRIPT = Path(__file__).parent.parent / "fixtures" / "scripts" / "en_es.toml"
SENTENCES = ["Good morning and welcome to the meeting.", "Where is the nearest train station?"]
SPANISH = [
    "Buenos días y bienvenidos a la reunión.",
    "¿Dónde está la estación de tren más cercana?",
]

pytestmark = pytest.mark.speech


@pytest.fixture(scope="module")
def brain() -> ScriptedBrain:
    return ScriptedBrain.from_file(SCRIPT)


async def test_two_spoken_utterances_come_back_translated_in_order(brain: ScriptedBrain) -> None:
    seen: list[SessionEvent] = []
    options = ServerOptions(transcription_delay_s=0.3, response_created_delay_s=0.05)
    async with LocalRealtimeServer(api_keys=["sk-local"], brain=brain, options=options) as server:
        endpoint = openai_realtime("sk-local", "gpt-realtime-2.1-mini", server.url)
        config = TranslationConfig(source_language="en", target_language="es")
        session = RealtimeSession(endpoint, config, seen.append)
        await session.start()
        try:
            await stream(speech_track(SENTENCES, "en"), session.append)
            assert await session.drain(timeout=30), "translations did not finish"
        finally:
            await session.close()
        records = list(server.connections)

    done = [e for e in seen if isinstance(e, TranslationDone)]
    assert [(d.utterance_id, d.text, d.status) for d in done] == [
        (1, SPANISH[0], "completed"),
        (2, SPANISH[1], "completed"),
    ]
    text = {
        u: "".join(e.delta for e in seen if isinstance(e, TranslationText) and e.utterance_id == u)
        for u in (1, 2)
    }
    assert text == {1: SPANISH[0], 2: SPANISH[1]}
    sources = {e.utterance_id: e.text for e in seen if isinstance(e, SourceText) and e.final}
    assert sources == {1: SENTENCES[0], 2: SENTENCES[1]}
    # audio: each translation's audio arrives whole, utterance 1 entirely before utterance 2
    order = [e.utterance_id for e in seen if isinstance(e, TranslationAudio)]
    assert order == sorted(order) and set(order) == {1, 2}
    for u in (1, 2):
        seconds = (
            sum(len(e.pcm) for e in seen if isinstance(e, TranslationAudio) and e.utterance_id == u)
            / 48000
        )
        assert seconds > 1.0, f"translation {u} has only {seconds:.2f} s of audio"

    assert len(records) == 1
    for event in records[0].received:
        validate_client_event(event, "realtime")
    for event in records[0].sent:
        parse_server_event(event, "realtime")
