"""The frozen app: PyInstaller builds ``packaging/pyinstaller/translator.spec`` into a temporary
folder (no cache: a build takes ~20 s here), the bundle carries the app's resources, Qt's platform
plugins and translations, and it starts headless in demo mode and quits by itself with status 0."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "packaging" / "pyinstaller" / "translator.spec"
RESOURCES = ROOT / "resources"

pytestmark = [pytest.mark.slow, pytest.mark.timeout(900)]  # the build is counted in the first test


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("pyinstaller")
    built = subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--log-level",
            "WARN",
            "--distpath",
            str(work / "dist"),
            "--workpath",
            str(work / "build"),
            str(SPEC),
        ],
        cwd=work,
        capture_output=True,
        text=True,
        check=False,
    )
    assert built.returncode == 0, built.stdout + built.stderr
    return work / "dist" / "translator"


def _headless_env() -> dict[str, str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    for name in ("OPENAI_API_KEY", "PYTHONPATH", "QT_PLUGIN_PATH", "VIRTUAL_ENV"):
        env.pop(name, None)
    return env


def test_the_bundle_carries_resources_qt_plugins_and_translations(bundle: Path) -> None:
    internal = bundle / "_internal"
    assert (bundle / "translator").is_file()
    bundled = internal / "translator" / "resources"
    data = [
        path.relative_to(RESOURCES)
        for path in RESOURCES.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".py"
    ]
    assert Path("models.toml") in data and Path("demo/script.toml") in data
    assert [name for name in data if not (bundled / name).is_file()] == []
    qt = internal / "PySide6" / "Qt"
    for plugin in ("libqxcb.so", "libqoffscreen.so"):
        assert (qt / "plugins" / "platforms" / plugin).is_file(), plugin
    assert (qt / "translations" / "qtbase_es.qm").is_file()  # Qt's own dialogs in Spanish


def test_the_frozen_app_starts_headless_in_demo_mode_and_quits_by_itself(
    bundle: Path, tmp_path: Path
) -> None:
    started = subprocess.run(
        [str(bundle / "translator"), "--demo", "--quit-after", "3"],
        env=_headless_env(),
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert started.returncode == 0, started.stderr
    assert "window ready (demo mode)" in started.stderr
    assert "closed cleanly" in started.stderr


def test_the_frozen_app_answers_on_the_command_line(bundle: Path, tmp_path: Path) -> None:
    version = subprocess.run(
        [str(bundle / "translator"), "--version"],
        env=_headless_env(),
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert version.returncode == 0, version.stderr
    assert version.stdout.strip() == "translator 0.1.0"


def test_the_frozen_local_server_takes_webrtc_signalling(bundle: Path, tmp_path: Path) -> None:
    """``translator serve`` from the bundle: aiohttp answers, and the WebRTC side (aiortc, PyAV)
    imported, so a client secret is minted."""
    import json
    import urllib.request

    server = subprocess.Popen(
        [str(bundle / "translator"), "serve", "--api-key", "sk-frozen"],
        env=_headless_env(),
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert server.stdout is not None
        url = server.stdout.readline().strip()  # ws://127.0.0.1:PORT/v1
        assert url.startswith("ws://127.0.0.1:"), server.stderr.read() if server.stderr else ""
        request = urllib.request.Request(
            url.replace("ws://", "http://") + "/realtime/client_secrets",
            data=json.dumps(
                {"session": {"type": "realtime", "model": "gpt-realtime-2.1-mini"}}
            ).encode(),
            headers={"Authorization": "Bearer sk-frozen", "Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=30) as response:
            minted = json.loads(response.read())
        assert minted["value"].startswith("ek_") and minted["session"]["type"] == "realtime"
    finally:
        server.terminate()
        server.wait(timeout=30)
