"""The app's real client against the local server in every dialect, with espeak-ng speech.

- Azure GA (``/openai/v1/realtime?model=DEPLOYMENT``, ``api-key``) and Azure preview
  (``/openai/realtime?api-version=…&deployment=…``, the beta dialect) with ``RealtimeSession``;
- ``gpt-realtime-translate`` (``/v1/realtime/translations``) with ``TranslateSession``: continuous
  speech in, every translation back in order, a sentence already in the target language left
  untranslated (nothing spoken for it), and a dropped connection recovered;
- the beta shape on OpenAI's own path, refused with the retirement message.

Every event the client sent validates against the official SDK's models for its dialect (unknown
fields are errors), and every event the server sent parses with them.
"""

from __future__ import annotations

import asyncio
import base64
import json
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import replace

import numpy as np
import pytest
from websockets.asyncio.server import ServerConnection, serve

from tests.integration.conftest import QUICK_RECONNECT, SCRIPTS, Run, expected, interpret
from tests.support.sdk_judge import parse_server_event, validate_client_event
from tests.support.speech import RATE, speech_track, stream
from translator.catalog import Dialect
from translator.realtime.config import TranslationConfig
from translator.realtime.endpoints import Credential, azure, openai
from translator.realtime.errors import ConfigurationRejected, RetiredApiShape
from translator.realtime.session import (
    RealtimeSession,
    TranslationAudio,
    TranslationRestarted,
)
from translator.realtime.translate import TranslateSession
from translator.server.app import LocalRealtimeServer
from translator.server.brain import ScriptedBrain
from translator.server.link import ConnectionRecord
from translator.server.options import ServerOptions

pytestmark = pytest.mark.speech

SEED_MODEL = "gpt-4o-mini-realtime-preview-2024-12-17"
KEY = "sk-local"

TRAIN = "Where is the nearest train station?"
COFFEE = "I would like a cup of coffee please."
MEETING = "The meeting starts at nine tomorrow."
ALREADY_SPANISH = "Buenas tardes a todos."
TRANSLATED = {
    TRAIN: "¿Dónde está la estación de tren más cercana?",
    COFFEE: "Quisiera una taza de café por favor.",
    MEETING: "La reunión empieza mañana a las nueve.",
}
TRANSLATE_OPTIONS = ServerOptions(translate_delay_s=0.05, audio_speedup=8.0)


def _judge(records: Sequence[ConnectionRecord], dialect: Dialect) -> None:
    assert records and all(record.dialect == dialect for record in records)
    for record in records:
        for event in record.received:
            validate_client_event(event, dialect)
        for event in record.sent:
            parse_server_event(event, dialect)


@pytest.fixture(scope="module")
def multilingual_brain() -> ScriptedBrain:
    return ScriptedBrain.from_file(SCRIPTS / "multilingual.json")


# --- Azure: GA and preview with the turn-based session ------------------------------------------


async def test_azure_ga_deployment_interprets_every_utterance_in_order(
    english_brain: ScriptedBrain,
) -> None:
    sentences = [
        "Good morning and welcome to the meeting.",
        "Where is the nearest train station?",
    ]
    run = await interpret(
        english_brain,
        sentences,
        endpoint=lambda server: azure(
            server.resource_url, "interpreter-prod", Credential(KEY), engine="realtime"
        ),
    )
    assert run.drained
    assert run.done() == expected(sentences)
    assert [r.path for r in run.records] == ["/openai/v1/realtime?model=interpreter-prod"]
    assert run.records[0].headers.get("api-key") == KEY
    assert "Authorization" not in run.records[0].headers
    _judge(run.records, "realtime")


async def test_azure_preview_deployment_speaks_the_beta_dialect_end_to_end(
    english_brain: ScriptedBrain,
) -> None:
    sentences = [
        "I would like a cup of coffee please.",
        "The weather is lovely this afternoon.",
    ]
    run = await interpret(
        english_brain,
        sentences,
        config=TranslationConfig(source_language="en", target_language="es", model=SEED_MODEL),
        endpoint=lambda server: azure(
            server.resource_url,
            "seed-deployment",
            Credential(KEY, "entra_token"),
            engine="legacy",
        ),
    )
    assert run.drained
    assert run.done() == expected(sentences)
    assert run.sources() == dict(enumerate(sentences, start=1))
    (record,) = run.records
    assert record.path.startswith("/openai/realtime?api-version=2025-04-01-preview&")
    assert (
        record.headers.get("Authorization") == f"Bearer {KEY}" and "api-key" not in record.headers
    )
    # the session really was configured in the beta shape, and answered in it
    update = next(e for e in record.received if e["type"] == "session.update")
    assert update["session"]["voice"] == "alloy" and update["session"]["temperature"] == 0.6
    sent = record.sent_types()
    assert "response.audio.delta" in sent and "response.output_audio.delta" not in sent
    assert "conversation.item.created" in sent and "conversation.item.done" not in sent
    created = next(e for e in record.sent if e["type"] == "session.created")
    assert created["session"]["model"] == SEED_MODEL
    _judge(run.records, "legacy")


async def test_preview_session_of_the_seed_model_lives_thirty_minutes(
    english_brain: ScriptedBrain,
) -> None:
    """The seed model's session lives 30 minutes on the preview path (catalog), not GA's 60."""
    async with LocalRealtimeServer(api_keys=[KEY], brain=english_brain) as server:
        endpoint = azure(server.resource_url, "seed", Credential(KEY), engine="legacy")
        config = TranslationConfig(source_language="en", target_language="es", model=SEED_MODEL)
        session = RealtimeSession(endpoint, config, lambda event: None)
        await session.start()
        await session.close()
        created = next(e for e in server.connections[0].sent if e["type"] == "session.created")
    lifetime = created["session"]["expires_at"] - server.context.clock.time()
    assert 29 * 60 < lifetime <= 30 * 60


async def test_preview_deployment_refusing_the_settings_fails_start_instead_of_hanging(
    english_brain: ScriptedBrain,
) -> None:
    """A deployment name is not in the catalog, so the config allows any voice; the beta
    session does not know marin and says so, and ``start()`` reports it."""
    async with LocalRealtimeServer(api_keys=[KEY], brain=english_brain) as server:
        endpoint = azure(server.resource_url, "my-deployment", Credential(KEY), engine="legacy")
        config = TranslationConfig(
            source_language="en", target_language="es", model="my-deployment", voice="marin"
        )
        session = RealtimeSession(endpoint, config, lambda event: None)
        with pytest.raises(ConfigurationRejected, match="marin"):
            await asyncio.wait_for(session.start(), 10)
        await session.close()
        assert server.connections[0].close_code == 1000


# --- OpenAI: the beta shape is gone -------------------------------------------------------------


async def test_beta_shape_on_openai_fails_at_start_with_the_retirement_message(
    english_brain: ScriptedBrain,
) -> None:
    async with LocalRealtimeServer(api_keys=[KEY], brain=english_brain) as server:
        endpoint = openai(KEY, SEED_MODEL, "legacy", base_url=server.url)
        config = TranslationConfig(source_language="en", target_language="es", model=SEED_MODEL)
        session = RealtimeSession(endpoint, config, lambda event: None)
        with pytest.raises(RetiredApiShape) as refused:
            await session.start()
        await session.close()
        records = list(server.connections)
    message = str(refused.value)
    assert "retired" in message and "gpt-realtime-2.1-mini" in message
    assert refused.value.code == "beta_api_shape_disabled"
    assert [r.close_code for r in records] == [4000]
    assert records[0].headers.get("OpenAI-Beta") == "realtime=v1"
    for event in records[0].received:
        validate_client_event(event, "legacy")
    for event in records[0].sent:
        parse_server_event(event, "realtime")


# --- gpt-realtime-translate: continuous ---------------------------------------------------------


def _mixed_track(sentences: Sequence[tuple[str, str]]) -> np.ndarray:
    """(text, language) sentences, each followed by 1.5 s of silence."""
    return np.concatenate([speech_track([text], lang, gap_s=1.5) for text, lang in sentences])


Feed = Callable[[TranslateSession], Awaitable[None]]


async def _translate(
    brain: ScriptedBrain,
    sentences: Sequence[tuple[str, str]],
    *,
    faults: Sequence[str] = (),
    options: ServerOptions = TRANSLATE_OPTIONS,
    feed: Feed | None = None,
) -> Run:
    """Stream the sentences (or what ``feed`` sends) through a TranslateSession into Spanish,
    in 200 ms chunks, then drain it."""
    run = Run()
    async with LocalRealtimeServer(
        api_keys=[KEY], brain=brain, faults=faults, options=options
    ) as server:
        endpoint = openai(KEY, "gpt-realtime-translate", "translate", base_url=server.url)
        config = TranslationConfig(
            source_language="en", target_language="es", model="gpt-realtime-translate"
        )
        session = TranslateSession(endpoint, config, run.events.append, policy=QUICK_RECONNECT)
        await session.start()
        try:
            if feed is None:
                await stream(_mixed_track(sentences), session.append, chunk_ms=200)
            else:
                await feed(session)
            run.drained = await session.drain(timeout=40)
        finally:
            await session.close()
        run.records = list(server.connections)
    return run


def _spoken(run: Run, utterance_id: int) -> int:
    return sum(len(e.pcm) for e in run.of(TranslationAudio) if e.utterance_id == utterance_id)


async def test_translate_streams_every_translation_in_order_and_skips_the_target_language(
    multilingual_brain: ScriptedBrain,
) -> None:
    run = await _translate(
        multilingual_brain, [(TRAIN, "en"), (ALREADY_SPANISH, "es"), (COFFEE, "en")]
    )
    assert run.drained
    assert [(text, status) for _, text, status in run.done()] == [
        (TRANSLATED[TRAIN], "completed"),
        ("", "untranslated"),
        (TRANSLATED[COFFEE], "completed"),
    ]
    ids = [utterance for utterance, _, _ in run.done()]
    assert run.sources() == dict(zip(ids, [TRAIN, ALREADY_SPANISH, COFFEE], strict=True))
    # translated speech for the English sentences (over a second each), none for the Spanish one
    assert [_spoken(run, u) > 48_000 for u in ids] == [True, False, True]
    (record,) = run.records
    assert record.path == "/v1/realtime/translations?model=gpt-realtime-translate"
    assert record.sent_types()[-1] == "session.closed" and record.close_code == 1000
    _judge(run.records, "translate")


async def test_translate_recovers_from_a_drop_while_a_translation_streams(
    multilingual_brain: ScriptedBrain,
) -> None:
    """The drop hits the second segment's output (the first, Spanish, is silent); the client
    sends the input again from the open segment on, and nothing is lost or translated twice."""
    run = await _translate(
        multilingual_brain,
        [(ALREADY_SPANISH, "es"), (MEETING, "en"), (TRAIN, "en")],
        faults=["drop_mid_response"],
    )
    assert run.drained
    assert [(text, status) for _, text, status in run.done()] == [
        ("", "untranslated"),
        (TRANSLATED[MEETING], "completed"),
        (TRANSLATED[TRAIN], "completed"),
    ]
    assert len(run.of(TranslationRestarted)) == 1
    assert [r.dropped for r in run.records] == [True, False]
    _judge(run.records, "translate")


def _zero_frames(record: ConnectionRecord) -> list[int]:
    """The sample counts of the all-zero audio frames the server sent."""
    sizes = []
    for event in record.sent:
        if event["type"] == "session.output_audio.delta":
            pcm = base64.b64decode(event["delta"])
            if not pcm.strip(b"\0"):
                sizes.append(len(pcm) // 2)
    return sizes


@pytest.mark.parametrize("samples", [4_800, 9_600])
async def test_translate_heartbeat_frames_are_never_speech(
    multilingual_brain: ScriptedBrain, samples: int
) -> None:
    """The service's all-zero keep-alive frames, whatever their length, open no segment, reach
    no player (so no lag or latency figure sees them) and count in no translation."""
    sessions: list[TranslateSession] = []

    async def quiet_speech_quiet(session: TranslateSession) -> None:
        sessions.append(session)
        lead = np.zeros(int(4.4 * RATE), np.int16)  # two heartbeats' worth of quiet input
        await stream(np.concatenate([lead, _mixed_track([(TRAIN, "en")])]), session.append)
        chunk = bytes(2 * RATE // 5)
        for _ in range(600):  # then quiet input until the service is idle and says so again
            if session.heartbeats >= 3:
                break
            session.append(chunk)
            await asyncio.sleep(0.01)

    options = replace(TRANSLATE_OPTIONS, translate_heartbeat_samples=samples)
    run = await _translate(multilingual_brain, [], options=options, feed=quiet_speech_quiet)
    (record,) = run.records
    (session,) = sessions
    assert run.drained and session.heartbeats >= 3
    assert _zero_frames(record) == [samples] * session.heartbeats
    assert [(text, status) for _, text, status in run.done()] == [(TRANSLATED[TRAIN], "completed")]
    played = [e.pcm for e in run.of(TranslationAudio)]
    assert all(pcm.strip(b"\0") for pcm in played)  # nothing all-zero reached a player
    speech_sent = sum(
        len(base64.b64decode(e["delta"]))
        for e in record.sent
        if e["type"] == "session.output_audio.delta" and base64.b64decode(e["delta"]).strip(b"\0")
    )
    assert sum(map(len, played)) == speech_sent  # the translation's audio, all of it, only it
    _judge([record], "translate")


async def test_translate_settings_refused_by_the_service_fail_start_instead_of_hanging() -> None:
    """A service that knows fewer output languages than the catalog (a peer on loopback that
    refuses every session.update, as the real service does for a language it lacks)."""

    async def refusing_service(ws: ServerConnection) -> None:
        created = {
            "id": "sess_1",
            "type": "translation",
            "model": "gpt-realtime-translate",
            "expires_at": 2_000_000_000,
            "audio": {"output": {"language": "en"}},
        }
        await ws.send(json.dumps({"type": "session.created", "event_id": "e1", "session": created}))
        async for frame in ws:
            update = json.loads(frame)
            if update["type"] == "session.update":
                error = {
                    "type": "invalid_request_error",
                    "code": "invalid_value",
                    "message": "Invalid value: 'es'.",
                    "param": "session.audio.output.language",
                    "event_id": update["event_id"],
                }
                await ws.send(json.dumps({"type": "error", "event_id": "e2", "error": error}))

    async with serve(refusing_service, "127.0.0.1", 0) as service:
        port = next(iter(service.sockets)).getsockname()[1]
        endpoint = openai(KEY, "gpt-realtime-translate", "translate", f"ws://127.0.0.1:{port}/v1")
        config = TranslationConfig(source_language="en", target_language="es")
        session = TranslateSession(endpoint, config, lambda event: None)
        with pytest.raises(ConfigurationRejected, match="Invalid value: 'es'"):
            await asyncio.wait_for(session.start(), 10)
        await session.close()
