"""Integration helpers: run a real session against the local server and collect what it said."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from tests.support.speech import speech_track, stream
from translator.realtime.config import TranslationConfig
from translator.realtime.endpoints import Endpoint, openai_realtime
from translator.realtime.session import (
    RealtimeSession,
    SessionEvent,
    SessionPolicy,
    SourceText,
    TranslationAudio,
    TranslationDone,
    TranslationRestarted,
)
from translator.server.app import LocalRealtimeServer
from translator.server.brain import ScriptedBrain
from translator.server.link import ConnectionRecord
from translator.server.options import ServerOptions

SCRIPTS = Path(__file__).parent.parent / "fixtures" / "scripts"
ENGLISH = [
    "Good morning and welcome to the meeting.",
    "Where is the nearest train station?",
    "I would like a cup of coffee please.",
    "The weather is lovely this afternoon.",
]
SPANISH = {
    "Good morning and welcome to the meeting.": "Buenos días y bienvenidos a la reunión.",
    "Where is the nearest train station?": "¿Dónde está la estación de tren más cercana?",
    "I would like a cup of coffee please.": "Quisiera una taza de café por favor.",
    "The weather is lovely this afternoon.": "Hace un tiempo precioso esta tarde.",
}
FAST = ServerOptions(
    transcription_delay_s=0.2, response_created_delay_s=0.02, first_delta_delay_s=0.02
)
QUICK_RECONNECT = SessionPolicy(backoff_base_s=0.05, backoff_cap_s=0.2, rate_limit_backoff_s=0.05)


@dataclass
class Run:
    events: list[SessionEvent] = field(default_factory=list)
    records: list[ConnectionRecord] = field(default_factory=list)
    drained: bool = False
    session: RealtimeSession | None = None

    def of(self, kind: type[Any]) -> list[Any]:
        return [e for e in self.events if isinstance(e, kind)]

    def done(self) -> list[tuple[int, str, str]]:
        return [(d.utterance_id, d.text, d.status) for d in self.of(TranslationDone)]

    def sources(self) -> dict[int, str]:
        return {s.utterance_id: s.text for s in self.of(SourceText) if s.final}

    def audio_after_restart(self, utterance_id: int) -> bytes:
        """The audio of an utterance that counts: what came after its last restart."""
        chunks: list[bytes] = []
        for e in self.events:
            if isinstance(e, TranslationRestarted) and e.utterance_id == utterance_id:
                chunks.clear()
            elif isinstance(e, TranslationAudio) and e.utterance_id == utterance_id:
                chunks.append(e.pcm)
        return b"".join(chunks)


@pytest.fixture(scope="session")
def english_brain() -> ScriptedBrain:
    return ScriptedBrain.from_file(SCRIPTS / "en_es.toml")


async def interpret(
    brain: ScriptedBrain,
    sentences: Sequence[str] = ENGLISH[:3],
    *,
    faults: Sequence[str] = (),
    options: ServerOptions = FAST,
    config: TranslationConfig | None = None,
    policy: SessionPolicy = QUICK_RECONNECT,
    pace: float = 0.0,
    api_key: str = "sk-local",
    drain_s: float = 40.0,
    endpoint: Callable[[LocalRealtimeServer], Endpoint] | None = None,
) -> Run:
    """Speak ``sentences`` through a session against a fresh local server.

    ``endpoint`` picks where the session connects (default: GA on ``/v1/realtime``).
    """
    run = Run()
    async with LocalRealtimeServer(
        api_keys=["sk-local"], brain=brain, faults=faults, options=options
    ) as server:
        target = (
            endpoint(server)
            if endpoint is not None
            else openai_realtime(api_key, "gpt-realtime-2.1-mini", server.url)
        )
        session = RealtimeSession(
            target,
            config or TranslationConfig(source_language="en", target_language="es"),
            run.events.append,
            policy=policy,
        )
        run.session = session
        await session.start()
        try:
            await stream(speech_track(sentences, "en"), session.append, pace=pace)
            run.drained = await session.drain(timeout=drain_s)
        finally:
            await session.close()
        run.records = list(server.connections)
    return run


def expected(sentences: Sequence[str]) -> list[tuple[int, str, str]]:
    return [(n, SPANISH[s], "completed") for n, s in enumerate(sentences, start=1)]
