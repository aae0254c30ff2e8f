"""A private PulseAudio with null sinks, for device tests and the PortAudio benchmark.

Follows docs/shared testing recipe: two 48 kHz null sinks (``speakers``, ``virtual_mic``), a
``mic`` source remapped from ``virtual_mic``'s monitor, and an ``~/.asoundrc`` in a temporary
HOME that names them as ALSA PCMs, because Debian's PortAudio reaches PulseAudio only through
ALSA's ``pulse`` plugin. What plays into ``virtual_mic_sink`` comes out of ``mic``.

The null sinks are loaded with ``norewinds=1``: with rewinds (PulseAudio 16's default) a null
sink on these virtual machines consumed audio at about 0.6 of real time (``pacat`` took 5.2 s
for 3 s of audio), and PortAudio's capture through ALSA's pulse plugin then busy-polled, most of
a core per input stream. Without rewinds both run in real time at a few per cent of a core.

PortAudio enumerates devices when it initialises, so code that uses these devices must start
(or rescan) after the environment from ``PrivatePulse.env`` is in place — simplest in a
subprocess started with that environment.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from tests.support.children import tied_to_this_process

ASOUNDRC = "".join(
    f'pcm.{pcm} {{ type pulse; device "{device}"; hint {{ show on; description "{text}" }} }}\n'
    for pcm, device, text in [
        ("speakers", "speakers", "Speakers"),
        ("speakers_monitor", "speakers.monitor", "Monitor of Speakers"),
        ("virtual_mic_sink", "virtual_mic", "Virtual mic input"),
        ("mic", "mic", "Mic"),
    ]
)


class PulseUnavailable(RuntimeError):
    """PulseAudio (or pactl) is not installed or did not start."""


class PrivatePulse:
    """Start with ``start()``, use ``env`` for child processes, stop with ``stop()`` (by pid)."""

    def __init__(self) -> None:
        self._base = Path(tempfile.mkdtemp(prefix="translator-pulse-"))
        runtime = self._base / "runtime"
        self.env = {
            **os.environ,
            "XDG_RUNTIME_DIR": str(runtime),
            "HOME": str(self._base / "home"),
            "PULSE_STATE_PATH": str(self._base / "state"),
            "PULSE_RUNTIME_PATH": str(runtime / "pulse"),
            "PULSE_COOKIE": str(self._base / "cookie"),
            "PULSE_SERVER": f"unix:{runtime}/pulse/native",
        }
        self._process: subprocess.Popen[bytes] | None = None

    @property
    def log(self) -> Path:
        return self._base / "pulse.log"

    def start(self, timeout: float = 10.0) -> PrivatePulse:
        exe, pactl = shutil.which("pulseaudio"), shutil.which("pactl")
        if exe is None or pactl is None:
            raise PulseUnavailable(
                "pulseaudio/pactl not found: install pulseaudio pulseaudio-utils "
                "libasound2-plugins libportaudio2 (scripts/bootstrap.sh does)"
            )
        for folder in ("runtime", "home", "state"):
            (self._base / folder).mkdir(parents=True, exist_ok=True)
        (self._base / "runtime").chmod(0o700)
        (self._base / "home" / ".asoundrc").write_text(ASOUNDRC)
        self._process = subprocess.Popen(
            tied_to_this_process(
                [
                    exe,
                    "-n",
                    "--daemonize=no",
                    "--exit-idle-time=-1",
                    "--use-pid-file=no",
                    "--system=no",
                    "--realtime=no",
                    "--high-priority=no",
                    f"--log-target=file:{self.log}",
                    "-L",
                    "module-native-protocol-unix auth-anonymous=1",
                    "-L",
                    "module-null-sink sink_name=speakers rate=48000 norewinds=1 "
                    "sink_properties=device.description=Speakers",
                    "-L",
                    "module-null-sink sink_name=virtual_mic rate=48000 norewinds=1 "
                    "sink_properties=device.description=VirtualMic",
                    "-L",
                    "module-remap-source source_name=mic master=virtual_mic.monitor "
                    "source_properties=device.description=Mic",
                ]
            ),
            env=self.env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + timeout
        while subprocess.run(
            [pactl, "info"], env=self.env, capture_output=True, check=False
        ).returncode:
            if self._process.poll() is not None or time.monotonic() > deadline:
                detail = self.log.read_text() if self.log.exists() else "no log"
                self.stop()
                raise PulseUnavailable(f"PulseAudio did not start: {detail[-2000:]}")
            time.sleep(0.1)
        subprocess.run([pactl, "set-default-sink", "speakers"], env=self.env, check=True)
        subprocess.run([pactl, "set-default-source", "mic"], env=self.env, check=True)
        return self

    def pactl(self, *args: str) -> str:
        """Run ``pactl`` on this server; its output."""
        return subprocess.run(
            ["pactl", *args], env=self.env, capture_output=True, text=True, check=True
        ).stdout

    def add_fallback(self) -> None:
        """A spare sink, made the default sink and its monitor the default source: where the
        server moves streams whose device is removed (not into the virtual microphone)."""
        self.pactl("load-module", "module-null-sink", "sink_name=spare", "norewinds=1")
        self.pactl("set-default-sink", "spare")
        self.pactl("set-default-source", "spare.monitor")

    def unload(self, name: str) -> None:
        """Remove the sink or source ``name`` as unplugging it would: unload its module."""
        modules = self.pactl("list", "short", "modules")
        for line in modules.splitlines():
            index, _, arguments = [*line.split("\t"), "", ""][:3]
            words = arguments.split()
            if f"sink_name={name}" in words or f"source_name={name}" in words:
                self.pactl("unload-module", index)
                return
        raise AssertionError(f"no module defines {name!r}: {modules}")

    def stop(self) -> None:
        if self._process is not None and self._process.poll() is None:
            self._process.terminate()
            try:
                self._process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
        self._process = None
        shutil.rmtree(self._base, ignore_errors=True)

    def __enter__(self) -> PrivatePulse:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
