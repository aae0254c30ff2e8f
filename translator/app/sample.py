"""The sample conversation: two synthetic speakers talk through a live run, so that a new user
sees and hears what each mode does before setting anything up (the window's "Play a sample
conversation").

Owns the conversation (``resources/demo/conversation.toml``, the same lines in each language it
has), the local server's script for a language pair (each line in A answered with its B
version, and the other way round: the server tells them apart by their sound) and ``play``, which
silences the run's devices and speaks each line into its side's input once the previous line's
translation has played, as two people taking turns through an interpreter would. Who speaks
where: listening, every line is in A (a talk); in a call, side 1 speaks A into your microphone
and side 2 B into the call's audio; face to face both speak into the one microphone.

Runs on the caller's asyncio loop; speech is synthesised (espeak-ng) in a worker thread.
"""

from __future__ import annotations

import asyncio
import functools
import importlib.resources
import logging
import tomllib
from collections.abc import Callable
from dataclasses import dataclass

from translator.interpreter import Interpreter, Mode
from translator.server.brain import ScriptEntry
from translator.server.tts import synthesize
from translator.transcript.model import Run

log = logging.getLogger(__name__)

GAP_S = 0.8  # between a translation's end and the next line, as people pause
LINE_TIMEOUT_S = 45.0  # a line whose translation never comes: go on with the next one
_FINAL = frozenset({"completed", "cancelled", "failed", "untranslated"})


@dataclass(frozen=True)
class Line:
    """One line of the conversation: who says it (1: you, 2: the other person), in each
    language the conversation has."""

    side: int
    texts: dict[str, str]


@dataclass(frozen=True)
class Turn:
    """One line as a run plays it: the direction that hears it, spoken in ``language``."""

    key: str  # "ab" or "ba"
    language: str
    text: str


@functools.cache
def conversation() -> tuple[Line, ...]:
    ref = importlib.resources.files("translator.resources").joinpath("demo/conversation.toml")
    raw = tomllib.loads(ref.read_text(encoding="utf-8"))["lines"]
    return tuple(
        Line(int(line["side"]), {k: v for k, v in line.items() if k != "side"}) for line in raw
    )


def languages() -> tuple[str, ...]:
    """The languages the conversation can be played in (primary codes)."""
    return tuple(conversation()[0].texts)


def _primary(code: str) -> str:
    return code.replace("_", "-").split("-", 1)[0].lower()


def pair_for(chosen: tuple[str, str]) -> tuple[str, str] | None:
    """The conversation's languages for the user's pair (``pt-BR`` plays ``pt``), or None when
    it does not have both."""
    a, b = (_primary(code) for code in chosen)
    return (a, b) if a != b and a in languages() and b in languages() else None


def script(pair: tuple[str, str]) -> tuple[ScriptEntry, ...]:
    """The local server's script: every line in A answered in B, and in B answered in A."""
    a, b = pair
    return tuple(
        ScriptEntry(
            language=source, text=line.texts[source], translations={target: line.texts[target]}
        )
        for line in conversation()
        for source, target in ((a, b), (b, a))
    )


def turns(mode: Mode, pair: tuple[str, str]) -> list[Turn]:
    """The lines in the order they are said, each where the mode hears its side."""
    a, b = pair
    played = []
    for line in conversation():
        key, language = ("ab", a) if line.side == 1 or mode == "listen" else ("ba", b)
        played.append(Turn(key, language, line.texts[language]))
    return played


def _translated(run: Run) -> int:
    return sum(1 for segment in run.segments if segment.status in _FINAL)


def _busy(interpreter: Interpreter) -> bool:
    """An utterance is still heard or translated, or a translation still plays."""
    return any(d.playing() for d in interpreter.directions) or any(
        segment.status not in _FINAL for segment in interpreter.run.segments
    )


async def _until(condition: Callable[[], bool], timeout: float) -> bool:
    """Wait (polling the run's state) until ``condition`` holds; False after ``timeout``."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not condition():
        if loop.time() > deadline:
            return False
        await asyncio.sleep(0.05)
    return True


async def play(interpreter: Interpreter, played: list[Turn]) -> None:
    """Speak each turn into its direction's input, one after the other, each once the last
    one's translation has played; the devices are not heard from the start to the run's end."""
    interpreter.hear_stand_ins()
    speech = await asyncio.to_thread(
        lambda: [synthesize(turn.text, turn.language) for turn in played]
    )
    for number, (turn, pcm) in enumerate(zip(played, speech, strict=True), 1):
        before = _translated(interpreter.run)
        interpreter.speak(turn.key, pcm)

        def answered(before: int = before) -> bool:
            return _translated(interpreter.run) > before and not _busy(interpreter)

        done = await _until(answered, LINE_TIMEOUT_S)
        if not done:
            log.warning("sample conversation: line %d was not translated in time", number)
        await asyncio.sleep(GAP_S)
