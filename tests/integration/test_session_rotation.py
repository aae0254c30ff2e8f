"""Rotation before expiry, on the real clock with a short session lifetime: the next connection
opens early, takes over when idle, and no utterance is lost, repeated or cut by expiry."""

from __future__ import annotations

from typing import Any

import pytest

from tests.integration.conftest import ENGLISH, SPANISH, expected, interpret
from tests.support.speech import APP_VOICE
from translator.realtime import events as ev
from translator.realtime.session import RealtimeSession, Status, TranslationRestarted
from translator.server.brain import ScriptedBrain
from translator.server.options import ServerOptions
from translator.server.tts import synthesize

pytestmark = [pytest.mark.speech, pytest.mark.slow]


async def test_sessions_rotate_before_expiry_without_losing_speech(
    english_brain: ScriptedBrain,
) -> None:
    # 8 s sessions: the next one opens 2 s (lifetime/4) before expiry, the switch is forced
    # 0.4 s (lifetime/20) before it; 4 sentences in real time take ~13 s: two rotations.
    options = ServerOptions(session_lifetime_s=8, transcription_delay_s=0.3)
    run = await interpret(english_brain, ENGLISH, options=options, pace=1.0, drain_s=30)
    assert run.drained
    assert len(run.records) >= 2
    assert run.done() == expected(ENGLISH)
    assert run.sources() == dict(enumerate(ENGLISH, start=1))
    for record in run.records:  # every switch happened before the service expired a session
        codes = [e.get("error", {}).get("code") for e in record.sent if e.get("type") == "error"]
        assert "session_expired" not in codes
    assert any(s.state == "rotating" for s in run.of(Status))


async def test_a_forced_switch_ignores_what_the_old_connection_still_sends(
    english_brain: ScriptedBrain, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Sessions of 5 s and translations streamed in real time: the first translation (from about
    # 3.1 s to 5.1 s into the session) is still streaming when the switch is forced, 0.25 s
    # before expiry (which comes in whole wall-clock seconds: up to 1 s early). The service keeps
    # delivering what it sent before it saw the close: here, right after the switch, the old
    # connection "delivers" one more delta and the response.done of every response it had in
    # flight, as a busy client would read them from its socket.
    replayed: list[str] = []
    begin = RealtimeSession._begin_recovery

    def begin_then_replay(self: RealtimeSession, link: Any) -> int:
        in_flight = dict(link.responses)
        resend_from = begin(self, link)
        for response_id, utt in in_flight.items():
            replayed.append(response_id)
            item = utt.out_item or "item_late"
            self._on_event(link, ev.AudioDelta(response_id, item, b"\x10\x00" * 2400))
            self._on_event(
                link, ev.ResponseDone(response_id, "completed", None, None, None, (item,))
            )
        return resend_from

    monkeypatch.setattr(RealtimeSession, "_begin_recovery", begin_then_replay)
    options = ServerOptions(
        session_lifetime_s=5,
        transcription_delay_s=0.2,
        response_created_delay_s=0.02,
        first_delta_delay_s=0.02,
        audio_speedup=1.0,
    )
    sentences = ENGLISH[:2]
    run = await interpret(english_brain, sentences, options=options, pace=1.0, drain_s=30)
    assert replayed, "the switch was not forced mid-response: the test proves nothing"
    assert run.drained
    assert run.done() == expected(sentences)  # each finished once, none added
    restarted = {r.utterance_id for r in run.of(TranslationRestarted)}
    assert restarted
    for n in restarted:  # what plays after the restart is the new translation, whole
        assert (
            run.audio_after_restart(n)
            == synthesize(SPANISH[sentences[n - 1]], "es", voice=APP_VOICE).tobytes()
        )
