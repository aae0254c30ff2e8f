"""``pip install .`` (not editable) gives a working app: the wheel carries every resource file
(``translator/resources`` is a symlink to the top-level ``resources/``), both entry points, and
the installed copy reads its catalog and demo script and opens its window."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.children import tied_to_this_process

ROOT = Path(__file__).resolve().parents[2]
IGNORE = shutil.ignore_patterns("__pycache__", "*.pyc")


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # A copy of what a clone holds, so the build's scratch folders stay out of the work tree.
    source = tmp_path_factory.mktemp("source")
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, source / name)
    for name in ("translator", "resources"):
        shutil.copytree(ROOT / name, source / name, symlinks=True, ignore=IGNORE)
    out = tmp_path_factory.mktemp("wheel")
    built = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "-q",
            "--no-deps",
            "--no-index",
            "--no-build-isolation",
            "--no-cache-dir",
            "-w",
            str(out),
            str(source),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert built.returncode == 0, built.stdout + built.stderr
    (found,) = out.glob("translator-*.whl")
    return found


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    target = tmp_path_factory.mktemp("site")
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "-q",
            "--no-deps",
            "--no-index",
            "--target",
            str(target),
            str(wheel),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    yield target


def _env(target: Path) -> dict[str, str]:
    """The installed copy first on the path, ahead of the work tree's editable install."""
    env = {**os.environ, "PYTHONPATH": str(target), "QT_QPA_PLATFORM": "offscreen"}
    env.pop("OPENAI_API_KEY", None)
    return env


def test_the_wheel_carries_every_resource_file_and_both_commands(wheel: Path) -> None:
    resources = ROOT / "resources"
    expected = {
        f"translator/resources/{path.relative_to(resources).as_posix()}"
        for path in resources.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    }
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        (entry_points,) = [n for n in names if n.endswith(".dist-info/entry_points.txt")]
        entries = archive.read(entry_points).decode()
    assert expected - names == set()
    assert "translator/resources/models.toml" in names  # the catalog the app cannot start without
    assert "translator/gui/app.py" in names
    assert "[console_scripts]\ntranslator = translator.cli:main" in entries
    assert "[gui_scripts]\ntranslator-gui = translator.cli:gui_main" in entries


def test_the_installed_copy_reads_its_resources(installed: Path, tmp_path: Path) -> None:
    probe = (
        "import translator, translator.catalog as c, translator.demo as d;"
        "print(translator.__file__);"
        "print(c.load_catalog().default_model().name);"
        "print(len(c.load_languages()));"
        "print(d._script()[1][0])"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe],
        env=_env(installed),
        cwd=tmp_path,  # not the work tree, which "python -c" would put first on the path
        capture_output=True,
        text=True,
        check=False,
    )
    assert out.returncode == 0, out.stderr
    where, model, languages, sentence = out.stdout.splitlines()
    assert Path(where).is_relative_to(installed), f"imported the work tree: {where}"
    assert model == "gpt-realtime-2.1-mini"
    assert int(languages) > 10
    assert sentence


def test_the_installed_commands_run(installed: Path, tmp_path: Path) -> None:
    version = subprocess.run(
        [str(installed / "bin" / "translator"), "--version"],
        env=_env(installed),
        capture_output=True,
        text=True,
        check=False,
    )
    assert version.returncode == 0, version.stderr
    assert version.stdout.strip() == "translator 0.1.0"
    # the GUI entry point opens the window (offscreen) and closes it through the normal shutdown
    window = subprocess.run(
        [str(installed / "bin" / "translator-gui"), "--demo", "--quit-after", "2"],
        env=_env(installed),
        capture_output=True,
        text=True,
        check=False,
        timeout=90,
    )
    assert window.returncode == 0, window.stderr
    assert "window ready (demo mode)" in window.stderr
    assert "closed cleanly" in window.stderr


def test_translator_without_arguments_opens_the_window(installed: Path, tmp_path: Path) -> None:
    """What a desktop launcher runs (``Exec=translator``): no command means the window."""
    log = tmp_path / "translator.log"
    with log.open("wb") as err:
        app = subprocess.Popen(
            tied_to_this_process([str(installed / "bin" / "translator")]),
            env=_env(installed),
            cwd=tmp_path,
            stdout=subprocess.DEVNULL,
            stderr=err,
        )
    try:
        deadline = time.monotonic() + 90
        while "window ready" not in log.read_text():
            assert app.poll() is None, f"ended without a window:\n{log.read_text()}"
            assert time.monotonic() < deadline, f"no window in 90 s:\n{log.read_text()}"
            time.sleep(0.2)
        app.send_signal(signal.SIGTERM)
        assert app.wait(timeout=60) == 0, log.read_text()
    finally:
        if app.poll() is None:
            app.kill()
            app.wait()
    assert "closed cleanly" in log.read_text()
