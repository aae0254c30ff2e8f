"""The translate dialect of the local server: ``gpt-realtime-translate`` (reference §1.5, §8.4).

``/v1/realtime/translations?model=gpt-realtime-translate`` with a Bearer key. No turns, no
responses: the client streams audio (``session.input_audio_buffer.append``) and the server
segments the continuous stream with its energy VAD (:mod:`translator.server.vad`, on audio time)
into source segments. Each segment, once it has ended, goes through the brain with a one-line
instruction naming the target language (``Translate the speech into Spanish (es).``), then,
``ServerOptions.translate_delay_s`` later:

- if input transcription is configured, ``session.input_transcript.delta`` fragments of a few
  words, their ``elapsed_ms`` stepping through the segment's input span in 200 ms steps;
- unless the speech already is in the target language (the real service then stays silent),
  ``session.output_transcript.delta`` fragments (running ahead of the audio) and
  ``session.output_audio.delta`` chunks of varying length, faster than real time
  (``audio_chunk_ms``, ``audio_speedup``). Output chunk *i* of *n* carries ``elapsed_ms`` =
  start + i/n·(end − start) of its source segment, rounded down to 200 ms: output is aligned
  to the source frames it translates, which is how a client pairs it with its source.

While nothing is being translated (no speech pending, none streaming), the server sends an
all-zero ``session.output_audio.delta`` "heartbeat" of ``translate_heartbeat_samples`` after every
``translate_heartbeat_every_ms`` of input, on the input timeline, as the real service does (its
length has changed: 4,800, then 9,600 samples; clients must recognise it by content).

Segments are emitted one at a time, in order, by one worker task. ``session.close`` ends any
speech in progress, waits until everything owed has been sent, then sends ``session.closed`` and
closes with 1000. The session expires like a GA one. The session's output language starts as
``en`` until the client sets one (the real default is not documented).
"""

from __future__ import annotations

import asyncio
import logging
import math
from dataclasses import dataclass
from typing import Annotated, Any, Literal

import numpy as np
from pydantic import Field

from translator.catalog import language
from translator.server.app import ServerContext
from translator.server.brain import Utterance
from translator.server.faults import FaultName
from translator.server.ga import DROP_AFTER_AUDIO_DELTAS, DROP_AFTER_SPEECH_MS, GaEndpoint
from translator.server.ga_schema import (
    StrictModel,
    TranscriptionModel,
    WireError,
    field_names,
    merge_json,
    validate,
)
from translator.server.link import Link, new_id
from translator.server.tts import synthesize
from translator.server.vad import (
    FRAME,
    SAMPLES_PER_MS,
    EnergyVad,
    InputAudioBuffer,
    SpeechStarted,
    VadSettings,
)
from translator.server.wire import ClientEvents, WireSession, b64, decode_pcm16, word_deltas

log = logging.getLogger(__name__)

DIALECT = "translate"
ELAPSED_STEP_MS = 200
# Fragments of one segment stay this close on the timeline, well inside the pause (> 600 ms)
# by which a client tells segments apart.
MAX_FRAGMENT_SPACING_MS = 400
WORDS_PER_FRAGMENT = 3
# Relative lengths of successive output chunks: the real service's chunks vary in size.
CHUNK_PATTERN = (0.6, 1.4, 1.0, 0.8, 1.2)
DEFAULT_OUTPUT_LANGUAGE = "en"
UNKNOWN_OUTPUT_EVENT = "session.output_audio.marker"
CALL_CLOSE_GRACE_S = 0.5  # a call ends this long after session.closed: its audio lands first

CLIENT_EVENTS: ClientEvents = {
    "session.update": (frozenset({"session"}), frozenset()),
    "session.input_audio_buffer.append": (frozenset({"audio"}), frozenset()),
    "session.close": (frozenset(), frozenset()),
}


class Transcription(StrictModel):
    model: TranscriptionModel


class NoiseReduction(StrictModel):
    type: Literal["near_field", "far_field"]
    strength: Annotated[float, Field(ge=0.0, le=1.0)] | None = None


class AudioInput(StrictModel):
    transcription: Transcription | None = None
    noise_reduction: NoiseReduction | None = None


class AudioOutput(StrictModel):
    language: str | None = None


class Audio(StrictModel):
    input: AudioInput | None = None
    output: AudioOutput | None = None


class TranslationUpdate(StrictModel):
    """``session.update``'s ``session``: only ``audio`` may change; ``type`` and ``model`` are
    accepted only with their current values."""

    type: str | None = None
    model: str | None = None
    audio: Audio | None = None


_FIELD_NAMES = field_names(
    Transcription, NoiseReduction, AudioInput, AudioOutput, Audio, TranslationUpdate
)


def _step_down(ms: float) -> int:
    return int(ms // ELAPSED_STEP_MS * ELAPSED_STEP_MS)


class TranslateEndpoint(GaEndpoint):
    """``/v1/realtime/translations?model=…``: OpenAI's checks (Bearer key, no beta header, a
    model of this dialect), then a :class:`TranslateSession`."""

    dialect = DIALECT
    unsupported_model = "is not supported for realtime translation."

    def matches(self, path: str) -> bool:
        return path.rstrip("/") == "/v1/realtime/translations"

    def session(self, link: Link, requested: str) -> WireSession:
        return TranslateSession(self.context, link, requested)


@dataclass(frozen=True)
class SourceSegment:
    """A stretch of speech the VAD found, positions in samples since the stream began."""

    audio: np.ndarray
    start: int
    end: int

    def elapsed_ms(self, fraction: float) -> int:
        """The 200 ms step at ``fraction`` (0–1) of the segment's span."""
        start_ms = self.start / SAMPLES_PER_MS
        return _step_down(start_ms + fraction * (self.end - self.start) / SAMPLES_PER_MS)

    @property
    def span_ms(self) -> float:
        return (self.end - self.start) / SAMPLES_PER_MS


class TranslateSession(WireSession):
    """One continuous translation session: input stream → segments → translations, in order."""

    CLIENT_EVENTS = CLIENT_EVENTS

    def __init__(self, context: ServerContext, link: Link, model: str) -> None:
        super().__init__(context, link, model)
        self.output_languages = self.info.output_languages
        self.session = {
            "id": new_id("sess_"),
            "type": "translation",
            "model": model,
            "expires_at": int(self.created_at + self.lifetime_s),
            "audio": {
                "input": {"transcription": None, "noise_reduction": None},
                "output": {"language": DEFAULT_OUTPUT_LANGUAGE},
            },
        }
        self.buffer = InputAudioBuffer()
        self.vad = EnergyVad(VadSettings(silence_duration_ms=self.options.translate_silence_ms))
        self._odd_byte = b""
        self._speech_start = 0
        self._segments: asyncio.Queue[SourceSegment | None] = asyncio.Queue()
        self._worker: asyncio.Task[None] | None = None
        self._closing = False
        self._busy = 0  # segments queued or being translated
        self._quiet_since = 0  # input sample of the last output (translation or heartbeat)

    def _begin(self) -> None:
        self._worker = self._spawn(self._translate_segments())

    # --- configuration --------------------------------------------------------------------------

    async def _on_session_update(self, event: dict[str, Any], _: str | None) -> None:
        self.configure(event["session"])
        await self.emit("session.updated", session=self.session)

    def configure(self, config: object) -> None:
        update = validate(TranslationUpdate, config, "session", _FIELD_NAMES)
        assert isinstance(update, TranslationUpdate)
        for name, current in (("type", "translation"), ("model", self.model)):
            wanted = getattr(update, name)
            if wanted is not None and wanted != current:
                raise WireError(
                    "invalid_value",
                    f"Invalid value: '{wanted}'. The {name} of a session cannot be changed.",
                    f"session.{name}",
                )
        output = update.audio.output if update.audio else None
        if (
            output is not None
            and "language" in output.model_fields_set
            and output.language not in self.output_languages
        ):
            supported = ", ".join(f"'{code}'" for code in self.output_languages)
            raise WireError(
                "invalid_value",
                f"Invalid value: '{output.language}'. Supported values are: {supported}.",
                "session.audio.output.language",
            )
        sent = update.model_dump(exclude_unset=True, mode="json")
        if "audio" in sent:
            self.session["audio"] = merge_json(self.session["audio"], sent["audio"])

    # --- the input stream -----------------------------------------------------------------------

    async def _on_session_input_audio_buffer_append(
        self, event: dict[str, Any], _: str | None
    ) -> None:
        self._refuse_on_call("session.input_audio_buffer.append")
        samples, self._odd_byte = decode_pcm16(event["audio"], self._odd_byte)
        await self.hear(samples)

    async def hear(self, samples: np.ndarray) -> None:
        if self._closing:
            return
        self.buffer.append(samples)
        if self._speaking_long_enough() and self.faults.take(FaultName.DROP_MID_UTTERANCE):
            self.link.drop()
            return
        silence = self.vad.settings.silence_duration_ms * SAMPLES_PER_MS
        for change in self.vad.feed(samples):
            if isinstance(change, SpeechStarted):
                self._speech_start = max(change.start_sample, self.buffer.committed_at)
            else:  # the segment's span ends where the speech did, before the closing pause
                self._end_segment(change.end_sample, change.end_sample - silence)
        if not self.vad.speaking:
            padding = self.vad.settings.prefix_padding_ms * SAMPLES_PER_MS
            self.buffer.forget_before(self.buffer.position - padding - 2 * FRAME)
        await self._heartbeat()

    async def _heartbeat(self) -> None:
        """An all-zero output frame after a stretch of input with nothing to say."""
        samples = self.options.translate_heartbeat_samples
        every = self.options.translate_heartbeat_every_ms * SAMPLES_PER_MS
        if self._busy or self.vad.speaking or not samples or self.speaker is not None:
            self._quiet_since = self.buffer.position
            return
        if self.buffer.position - self._quiet_since >= every:
            self._quiet_since = self.buffer.position
            await self.emit(
                "session.output_audio.delta",
                delta=b64(bytes(2 * samples)),
                format="pcm16",
                sample_rate=24000,
                channels=1,
                elapsed_ms=_step_down(self.buffer.position / SAMPLES_PER_MS),
            )

    def _speaking_long_enough(self) -> bool:
        if self.faults.active(FaultName.DROP_MID_UTTERANCE) is None:
            return False
        needed = DROP_AFTER_SPEECH_MS * SAMPLES_PER_MS
        return self.vad.speaking and self.buffer.position - self._speech_start >= needed

    def _end_segment(self, cut: int, speech_end: int) -> None:
        start = self._speech_start
        audio = self.buffer.take(start, cut)
        self._busy += 1
        self._segments.put_nowait(SourceSegment(audio, start, max(start, speech_end)))

    async def _on_session_close(self, _: dict[str, Any], __: str | None) -> None:
        """Flush: speech still going on ends here, everything owed is sent, then goodbye."""
        if not self._closing:
            self._closing = True
            if self.vad.speaking:
                self._end_segment(self.buffer.position, self.buffer.position)
            self._segments.put_nowait(None)
        if self._worker is not None:
            await self._worker
        if self.speaker is not None:  # on a call, flushing includes playing it out
            await self.speaker.drain()
        await self.emit("session.closed")
        if self.speaker is not None:  # the last audio is still on its way to the client
            await asyncio.sleep(CALL_CLOSE_GRACE_S)
        await self.link.close(1000)

    # --- translations ---------------------------------------------------------------------------

    async def _translate_segments(self) -> None:
        while (segment := await self._segments.get()) is not None:
            try:
                await self._translate(segment)
            finally:
                self._busy -= 1

    async def _translate(self, segment: SourceSegment) -> None:
        target = str(self.session["audio"]["output"]["language"])
        name = language(target).name
        utterance = Utterance(
            audio=segment.audio,
            instructions=f"Translate the speech into {name} ({target}).",
            input_language=None,
        )
        try:
            rendering = await asyncio.to_thread(self.context.brain.render, utterance)
            silent = rendering.source_language.partition("-")[0] == target.partition("-")[0]
            audio = (
                np.zeros(0, dtype=np.int16)
                if silent
                else await asyncio.to_thread(synthesize, rendering.text, rendering.target_language)
            )
        except Exception as exc:
            log.exception("the local server could not translate a segment")
            await self._error(WireError("server_error", str(exc), type="server_error"), None)
            return
        await self.clock.sleep(self.options.translate_delay_s)
        if self.session["audio"]["input"]["transcription"] is not None:
            await self._stream_source_text(segment, rendering.source_text)
        if not silent:
            await self._stream_translation(segment, rendering.text, audio)

    def _fragment_count(self, segment: SourceSegment, minimum: int) -> int:
        return max(1, minimum, math.ceil(segment.span_ms / MAX_FRAGMENT_SPACING_MS))

    async def _stream_source_text(self, segment: SourceSegment, text: str) -> None:
        words = word_deltas(text)
        count = min(
            len(words), self._fragment_count(segment, math.ceil(len(words) / WORDS_PER_FRAGMENT))
        )
        # Few words over long speech: the fragments stay close together from the start on.
        spacing = min(1.0 / count, MAX_FRAGMENT_SPACING_MS / max(1.0, segment.span_ms))
        for index in range(count):
            fragment = words[index * len(words) // count : (index + 1) * len(words) // count]
            await self.emit(
                "session.input_transcript.delta",
                delta="".join(fragment),
                elapsed_ms=segment.elapsed_ms(index * spacing),
            )

    def _chunks(self, pcm: bytes, count: int) -> list[bytes]:
        """``pcm`` in ``count`` pieces of varying length, split on whole samples."""
        weights = [CHUNK_PATTERN[i % len(CHUNK_PATTERN)] for i in range(count)]
        total = sum(weights)
        samples = len(pcm) // 2
        bounds = [0.0]
        for weight in weights:
            bounds.append(bounds[-1] + weight)
        cuts = [round(samples * b / total) * 2 for b in bounds]
        return [pcm[cuts[i] : cuts[i + 1]] for i in range(count)]

    async def _stream_translation(
        self, segment: SourceSegment, text: str, audio: np.ndarray
    ) -> None:
        pcm = audio.astype("<i2").tobytes()
        chunk_samples = self.options.audio_chunk_ms * SAMPLES_PER_MS
        count = self._fragment_count(segment, math.ceil(audio.size / chunk_samples))
        words = word_deltas(text)
        said = 0
        for index, piece in enumerate(self._chunks(pcm, count)):
            elapsed = segment.elapsed_ms(index / count)
            due = math.ceil(len(words) * min(1.0, (index + 2) / count))
            for word in words[said:due]:
                await self.emit("session.output_transcript.delta", delta=word, elapsed_ms=elapsed)
            said = max(said, due)
            await self.send_audio(
                "session.output_audio.delta",
                piece,
                None,
                format="pcm16",
                sample_rate=24000,
                channels=1,
                elapsed_ms=elapsed,
            )
            if index == 0 and self._unknown_events:
                await self.emit(UNKNOWN_OUTPUT_EVENT, elapsed_ms=elapsed)
            drop_point = index + 1 == min(DROP_AFTER_AUDIO_DELTAS, count)
            if drop_point and self.faults.take(FaultName.DROP_MID_RESPONSE):
                self.link.drop()
                return
            piece_ms = len(piece) / 2 / SAMPLES_PER_MS
            await self.clock.sleep(piece_ms / 1000.0 / self.options.audio_speedup)
