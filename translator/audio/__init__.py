"""The audio routing core: devices, capture, playback, resampling, mixing and the echo guard.

Modules (Qt-free; nothing here knows about the network):

- ``devices`` — PortAudio devices through sounddevice, imported lazily so a machine without the
  PortAudio library still runs everything else (``PortAudioMissing`` names the package).
- ``backends`` — one ``AudioBackend`` interface: PortAudio, WAV files, in-memory devices on an
  injectable clock (tests and benchmarks).
- ``ring`` — the bounded, lock-free hand-off from callback threads to the event loop.
- ``dsp`` — pure numpy: meters, gain ramps (ducking), down-mix, PCM16, streaming resampling
  (soxr's variable-rate engine, which does not release output in 40 ms bursts), drift correction.
- ``playback`` — ``PlaybackBuffer``, one per translated stream; satisfies the session layer's
  ``PlaybackTracker`` protocol structurally.
- ``router`` — ``AudioRouter`` with ``InputRoute``s (device → 24 kHz PCM16 chunks for a session,
  plus passthroughs) and ``OutputBus``es (translated speech mixed with a ducked passthrough),
  and the ``EchoGuard``.

Threads: device callbacks only copy into preallocated rings or mix from prepared buffers, count
what went wrong, and fill their whole output block; they never block, log or allocate much.
Captured audio reaches the event loop by a wake-up (``loop.call_soon_threadsafe``, at most one
pending at a time) rather than by polling: it adds no delay to a chunk and costs nothing while
the devices are idle. Everything else — resampling, chunking, pushing translated speech —
runs on the event loop.

Call mode, wired by the composition root::

    router = AudioRouter(PortAudioBackend())
    mic = router.add_input("mine", "USB Headset Mic", on_chunk=to_session_a_to_b)
    call = router.add_input("theirs", "Monitor of Call", on_chunk=to_session_b_to_a)
    cable = router.add_output("their output", "virtual_mic_sink")
    phones = router.add_output("my headphones", "USB Headset")
    cable.set_passthrough(mic)          # my voice, ducked under my translation
    phones.set_passthrough(call)        # their voice, ducked under theirs
    a_to_b = cable.add_playback().playback
    b_to_a = phones.add_playback().playback
    await router.run()                  # until cancelled

Face to face, one ``EchoGuard`` is given to the speaker's ``add_output`` and the microphone's
``add_input``, so the microphone sends silence while translated speech plays (and 300 ms after).
"""
