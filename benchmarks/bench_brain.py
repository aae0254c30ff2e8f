"""Scripted brain: cost of recognising one committed utterance against a 20-sentence script.

The local server calls ``ScriptedBrain.render`` once per committed utterance, before it can
start the response, so this time adds to every simulated translation's latency. Measured:
``identify`` (fingerprint the committed audio, then compare with every scripted sentence) for
committed audio with 300 ms prefix padding and 500 ms trailing silence, at −6 dB; and, once, the
load time of the script (rendering 20 sentences with espeak-ng, warm cache excluded).
"""

from __future__ import annotations

import time

import numpy as np

from benchmarks.stats import summarize
from translator.server import tts
from translator.server.brain import ScriptedBrain, ScriptEntry

SENTENCES = [
    ("en", "Good morning and welcome to the meeting."),
    ("en", "Where is the nearest train station?"),
    ("en", "Where is the nearest bus station?"),
    ("en", "I would like a cup of coffee please."),
    ("en", "The weather is lovely this afternoon."),
    ("en", "Could you repeat that more slowly?"),
    ("en", "We will send the contract tomorrow."),
    ("en", "The meeting starts at nine tomorrow."),
    ("es", "Buenas tardes a todos."),
    ("es", "¿Cuánto cuesta el billete de autobús?"),
    ("es", "Mi hermana vive en Barcelona desde hace años."),
    ("es", "Necesitamos terminar el informe hoy."),
    ("fr", "Je voudrais réserver une table pour deux."),
    ("fr", "Le train part dans dix minutes."),
    ("fr", "Nous avons besoin de plus de temps."),
    ("fr", "Où se trouve la pharmacie la plus proche ?"),
    ("de", "Ich habe heute keine Zeit."),
    ("de", "Das Wetter ist heute sehr schön."),
    ("de", "Können Sie das bitte wiederholen?"),
    ("de", "Wir sehen uns morgen im Büro."),
]


def _committed(speech: np.ndarray) -> np.ndarray:
    padded = np.concatenate([np.zeros(tts.RATE * 3 // 10), speech * 0.5, np.zeros(tts.RATE // 2)])
    return padded.astype(np.int16)


def run(quick: bool) -> dict[str, object]:
    entries = [
        ScriptEntry(language=lang, text=text, translations={"en": text}) for lang, text in SENTENCES
    ]
    tts._espeak.cache_clear()  # time the cold load the server pays at start-up
    started = time.perf_counter()
    brain = ScriptedBrain(entries)
    load_s = time.perf_counter() - started
    spoken = [_committed(tts.synthesize(e.text, e.language)) for e in entries]
    rounds = 2 if quick else 20
    wall_ms: list[float] = []
    cpu_ms: list[float] = []
    correct = 0
    for _ in range(rounds):
        for entry, audio in zip(entries, spoken, strict=True):
            wall, cpu = time.perf_counter(), time.process_time()
            match = brain.identify(audio)
            cpu_ms.append((time.process_time() - cpu) * 1000)
            wall_ms.append((time.perf_counter() - wall) * 1000)
            correct += int(match is not None and match.entry == entry)
    return {
        "title": "Scripted brain: recognising an utterance",
        "description": __doc__,
        "metrics": [
            summarize("identify, 20-entry script (wall)", "ms", wall_ms, target="a few ms"),
            summarize("identify, 20-entry script (process CPU)", "ms", cpu_ms),
            summarize("script load, 20 espeak-ng renders (wall)", "s", [load_s]),
        ],
        "notes": f"{correct} of {len(wall_ms)} utterances recognised as the right entry.",
    }
