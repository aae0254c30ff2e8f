"""Child process of the device-test test: the window's Test buttons' application layer on real
PortAudio devices (the private PulseAudio whose environment it was started with). The
microphone (``mic``) is metered while the speaker test plays its sound into the virtual
microphone's sink, which ``mic`` hears.

``python -m tests.device.device_test_probe`` prints one JSON line: the microphone's loudest
level before and while the test sound plays, and whether the sound played to its end. Run in a
child so PortAudio initialises after the PulseAudio environment exists.
"""

from __future__ import annotations

import asyncio
import json
import time

from translator.app.devices import DeviceTest

TIMEOUT_S = 60.0


async def probe() -> dict[str, object]:
    mic = DeviceTest("input", "mic")
    deadline = time.monotonic() + TIMEOUT_S
    quiet = -120.0
    listened = time.monotonic() + 1.0
    while time.monotonic() < listened:  # a second of the microphone with nothing playing
        quiet = max(quiet, mic.level().rms_dbfs)
        await asyncio.sleep(0.02)
    speaker = DeviceTest("output", "virtual_mic_sink")
    loud = -120.0
    while (loud < -30.0 or not speaker.finished) and time.monotonic() < deadline:
        loud = max(loud, mic.level().rms_dbfs)
        await asyncio.sleep(0.02)
    report = {"quiet": quiet, "loud": loud, "finished": speaker.finished, "failure": mic.failure}
    await speaker.aclose()
    await mic.aclose()
    return report


if __name__ == "__main__":
    print(json.dumps(asyncio.run(probe())))
