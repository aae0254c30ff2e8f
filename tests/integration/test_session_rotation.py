"""Rotation before expiry, on the real clock with a short session lifetime: the next connection
opens early, takes over when idle, and no utterance is lost, repeated or cut by expiry."""

from __future__ import annotations

import pytest

from tests.integration.conftest import ENGLISH, expected, interpret
from translator.realtime.session import Status
from translator.server.brain import ScriptedBrain
from translator.server.options import ServerOptions

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
