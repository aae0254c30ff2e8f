"""Session behaviour under every server fault: a clear typed error, or transparent recovery with
each utterance translated exactly once, whole, and no transcript text lost."""

from __future__ import annotations

import asyncio

import pytest

from tests.integration.conftest import ENGLISH, FAST, SPANISH, Run, expected, interpret
from tests.support.speech import APP_VOICE, speech_track, stream
from translator.realtime.config import TranslationConfig
from translator.realtime.endpoints import openai_realtime
from translator.realtime.errors import AuthenticationFailed, ModelUnavailable
from translator.realtime.session import (
    RealtimeSession,
    SessionEvent,
    TranslationAudio,
    TranslationDone,
    TranslationRestarted,
)
from translator.server.app import LocalRealtimeServer
from translator.server.brain import ScriptedBrain
from translator.server.options import ServerOptions
from translator.server.tts import synthesize

pytestmark = pytest.mark.speech

THREE = ENGLISH[:3]


def spoken(sentence: str) -> bytes:
    """The translation's audio exactly as the local server speaks it."""
    return synthesize(SPANISH[sentence], "es", voice=APP_VOICE).tobytes()


@pytest.mark.parametrize(
    "fault", ["drop_mid_utterance", "drop_mid_response", "session_expired=1.0"]
)
async def test_connection_loss_is_recovered_without_loss_or_repeats(
    english_brain: ScriptedBrain, fault: str
) -> None:
    run = await interpret(english_brain, THREE, faults=[fault])
    assert run.drained
    assert len(run.records) >= 2, "the fault should have forced a new connection"
    assert run.done() == expected(THREE)  # each exactly once, in order
    assert run.sources() == {1: THREE[0], 2: THREE[1], 3: THREE[2]}
    for n, sentence in enumerate(THREE, start=1):
        # what counts for playback is whole: a restarted translation is played from its start
        assert run.audio_after_restart(n) == spoken(sentence)
    restarts = run.of(TranslationRestarted)
    assert len({r.utterance_id for r in restarts}) == len(restarts)  # at most once each


async def test_drop_mid_response_restarts_only_the_cut_translation(
    english_brain: ScriptedBrain,
) -> None:
    run = await interpret(english_brain, THREE, faults=["drop_mid_response"])
    restarted = [r.utterance_id for r in run.of(TranslationRestarted)]
    assert len(restarted) == 1
    done_before = [d.utterance_id for d in run.of(TranslationDone)]
    assert done_before.count(restarted[0]) == 1


@pytest.mark.parametrize("fault", ["rate_limited_response", "rate_limited_error"])
async def test_rate_limit_backs_off_and_asks_again_on_the_same_socket(
    english_brain: ScriptedBrain, fault: str
) -> None:
    run = await interpret(english_brain, THREE, faults=[f"{fault}=2"])
    assert run.drained
    assert len(run.records) == 1  # no reconnect for a rate limit
    assert run.done() == expected(THREE)
    creates = [e for e in run.records[0].received if e.get("type") == "response.create"]
    assert len(creates) == len(THREE) + 2  # two refused, asked again


async def test_content_filter_marks_that_translation_incomplete_and_goes_on(
    english_brain: ScriptedBrain,
) -> None:
    run = await interpret(english_brain, THREE, faults=["content_filter"])
    assert run.drained
    statuses = [status for _, _, status in run.done()]
    assert statuses == ["incomplete", "completed", "completed"]
    first_text = run.done()[0][1]
    assert SPANISH[THREE[0]].startswith(first_text) and first_text != SPANISH[THREE[0]]


@pytest.mark.parametrize(
    "fault",
    [
        "slow_first_event=1.5",
        "odd_audio_delta=3",
        "huge_audio_delta",
        "unknown_events",
        "extra_fields",
    ],
)
async def test_odd_but_valid_service_behaviour_changes_nothing(
    english_brain: ScriptedBrain, fault: str
) -> None:
    run = await interpret(english_brain, THREE, faults=[fault])
    assert run.drained
    assert run.done() == expected(THREE)
    for n, sentence in enumerate(THREE, start=1):
        audio, speech = run.audio_after_restart(n), spoken(sentence)
        # the > 1 MiB delta carries the speech padded with silence: all of it arrives
        assert audio[: len(speech)] == speech and not audio[len(speech) :].strip(b"\0")


async def test_two_utterances_close_together_both_delivered_whole(
    english_brain: ScriptedBrain,
) -> None:
    """The speaker goes on while the first translation plays: it is neither cancelled nor cut."""
    # a slow model (first audio 2.5 s after the request) and audio at twice real time
    slow_model = ServerOptions(
        transcription_delay_s=0.2, first_delta_delay_s=2.5, audio_speedup=2.0
    )
    run = await _close_together(english_brain, slow_model)
    assert run.drained
    assert run.done() == expected(ENGLISH[:2])
    assert run.audio_after_restart(1) == spoken(ENGLISH[0])
    received = [e.get("type") for e in run.records[0].received]
    assert "response.cancel" not in received
    assert "conversation.item.truncate" not in received
    assert not run.of(TranslationRestarted)
    # the second utterance was committed while the first translation was still streaming
    sent = [e.get("type") for e in run.records[0].sent]
    commits = [n for n, kind in enumerate(sent) if kind == "input_audio_buffer.committed"]
    assert commits[1] < sent.index("response.done")


async def _close_together(brain: ScriptedBrain, options: ServerOptions) -> Run:
    run = Run()
    async with LocalRealtimeServer(brain=brain, options=options) as server:
        session = RealtimeSession(
            openai_realtime("sk", "gpt-realtime-2.1-mini", server.url),
            TranslationConfig(source_language="en", target_language="es"),
            run.events.append,
        )
        await session.start()
        try:
            # 0.6 s between sentences: just over the 500 ms silence window; in real time
            await stream(speech_track(ENGLISH[:2], "en", gap_s=0.6), session.append, pace=1.0)
            run.drained = await session.drain(timeout=30)
        finally:
            await session.close()
        run.records = list(server.connections)
    return run


class _HalfHeard:
    """A playback tracker whose listener heard ``heard`` samples of every item."""

    def __init__(self, heard: int) -> None:
        self.heard = heard

    def played_samples(self, item_id: str) -> int:
        return self.heard

    def first_played_at(self, item_id: str) -> float | None:
        return 0.0


@pytest.mark.parametrize("heard", [7200, 10**9], ids=["heard-300ms", "claims-more-than-received"])
async def test_stop_cancels_and_truncates_at_what_was_heard(
    english_brain: ScriptedBrain, heard: int
) -> None:
    events: list[SessionEvent] = []
    stopped = asyncio.Event()
    options = ServerOptions(transcription_delay_s=0.2, audio_speedup=1.0, audio_chunk_ms=50)
    async with LocalRealtimeServer(brain=english_brain, options=options) as server:
        session = RealtimeSession(
            openai_realtime("sk", "gpt-realtime-2.1-mini", server.url),
            TranslationConfig(source_language="en", target_language="es"),
            events.append,
            tracker=_HalfHeard(heard),
        )

        def on_event(event: SessionEvent) -> None:
            events.append(event)
            audio = [e for e in events if isinstance(e, TranslationAudio)]
            if len(audio) == 8 and not stopped.is_set():  # 400 ms received
                stopped.set()
                session.stop()

        session._sink = on_event
        await session.start()
        try:
            await stream(speech_track(ENGLISH[:1], "en"), session.append)
            assert await session.drain(timeout=20)
        finally:
            await session.close()
        received = server.connections[0].received
    received_ms = sum(len(e.pcm) for e in events if isinstance(e, TranslationAudio)) * 1000 // 48000
    cancels = [e for e in received if e.get("type") == "response.cancel"]
    truncates = [e for e in received if e.get("type") == "conversation.item.truncate"]
    assert len(cancels) == 1 and len(truncates) == 1
    assert truncates[0]["audio_end_ms"] == min(heard * 1000 // 24000, received_ms_at_stop(events))
    done = [e for e in events if isinstance(e, TranslationDone)]
    assert [d.status for d in done] == ["cancelled"]
    assert received_ms < len(spoken(ENGLISH[0])) * 1000 // 48000  # the rest was not streamed


def received_ms_at_stop(events: list[SessionEvent]) -> int:
    audio = [e for e in events if isinstance(e, TranslationAudio)][:8]
    return sum(len(e.pcm) for e in audio) * 1000 // 48000


async def test_wrong_key_is_a_typed_error_that_names_the_fix(english_brain: ScriptedBrain) -> None:
    async with LocalRealtimeServer(
        api_keys=["sk-right"], brain=english_brain, options=FAST
    ) as server:
        session = RealtimeSession(
            openai_realtime("sk-wrong", "gpt-realtime-2.1-mini", server.url),
            TranslationConfig(source_language="en", target_language="es"),
            lambda e: None,
        )
        with pytest.raises(AuthenticationFailed, match="check the key") as info:
            await session.start()
        assert "sk-wrong" not in str(info.value)  # secrets never reach messages or logs


async def test_unknown_model_is_a_typed_error(english_brain: ScriptedBrain) -> None:
    async with LocalRealtimeServer(brain=english_brain, options=FAST) as server:
        session = RealtimeSession(
            openai_realtime("sk", "gpt-nonexistent", server.url),
            TranslationConfig(source_language="en", target_language="es"),
            lambda e: None,
        )
        with pytest.raises(ModelUnavailable, match="pick another model"):
            await session.start()
