"""What cannot run on this Linux machine, checked statically: the macOS Info.plist, the Windows
installer script (compiled by Debian's ``makensis`` against a stand-in bundle), the Linux desktop
file and AppStream metainfo (their official validators), and the icons they point to."""

from __future__ import annotations

import configparser
import os
import plistlib
import shutil
import struct
import subprocess
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import translator

ROOT = Path(__file__).resolve().parents[2]
APP_ID = "io.github.translator.Translator"
DESKTOP = ROOT / "resources" / "linux" / f"{APP_ID}.desktop"
METAINFO = ROOT / "resources" / "linux" / f"{APP_ID}.metainfo.xml"
ICONS = ROOT / "resources" / "icons"


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.skip(f"needs {name} (scripts/bootstrap.sh installs it)")
    return path


def _project_version() -> str:
    with (ROOT / "pyproject.toml").open("rb") as f:
        version: str = tomllib.load(f)["project"]["version"]
    return version


def test_the_package_and_pyproject_agree_on_the_version() -> None:
    assert translator.__version__ == _project_version()


def test_the_macos_info_plist_asks_for_the_microphone_with_a_reason() -> None:
    info = plistlib.loads((ROOT / "packaging" / "macos" / "Info.plist").read_bytes())
    reason = info["NSMicrophoneUsageDescription"]
    assert isinstance(reason, str)
    assert "microphone" in reason.lower()
    assert info["CFBundleIdentifier"] == APP_ID
    assert info["CFBundleShortVersionString"] == _project_version()
    assert info["CFBundleVersion"] == _project_version()
    assert info["CFBundlePackageType"] == "APPL"


def test_the_windows_installer_script_compiles_into_an_installer(tmp_path: Path) -> None:
    makensis = _tool("makensis")
    bundle = tmp_path / "bundle"  # what PyInstaller's one-folder build puts in dist/translator
    (bundle / "_internal" / "translator" / "resources").mkdir(parents=True)
    (bundle / "translator.exe").write_bytes(b"MZ stand-in")
    (bundle / "_internal" / "translator" / "resources" / "models.toml").write_text("# stand-in\n")
    installer = tmp_path / "TranslatorSetup.exe"
    compiled = subprocess.run(
        [
            makensis,
            "-V2",
            "-WX",  # a warning (a missing file, a bad define) fails the build
            f"-DVERSION={_project_version()}",
            f"-DBUNDLE={bundle}",
            f"-DOUTFILE={installer}",
            str(ROOT / "packaging" / "windows" / "translator.nsi"),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert compiled.returncode == 0, compiled.stdout + compiled.stderr
    data = installer.read_bytes()
    assert data[:2] == b"MZ", "not a Windows executable"
    assert len(data) > 50_000


def test_the_desktop_file_validates_and_starts_the_window() -> None:
    validated = subprocess.run(
        [_tool("desktop-file-validate"), str(DESKTOP)], capture_output=True, text=True, check=False
    )
    assert validated.returncode == 0, validated.stdout + validated.stderr
    assert "error" not in validated.stdout.lower()
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # type: ignore[assignment,method-assign]
    entry.read(DESKTOP, encoding="utf-8")
    section = entry["Desktop Entry"]
    assert section["Exec"] == "translator"  # no command: the window (translator.cli)
    assert section["Icon"] == APP_ID
    assert section["Terminal"] == "false"


def test_the_appstream_metainfo_validates_and_names_the_desktop_file() -> None:
    env = {**os.environ, "LC_ALL": "C.UTF-8"}
    validated = subprocess.run(
        [_tool("appstreamcli"), "validate", "--no-net", "--no-color", str(METAINFO)],
        capture_output=True,
        text=True,
        check=False,
        env=env,
    )
    assert validated.returncode == 0, validated.stdout + validated.stderr
    component = ET.parse(METAINFO).getroot()
    assert component.findtext("id") == APP_ID
    assert component.findtext("launchable") == DESKTOP.name
    releases = component.findall("releases/release")
    assert releases[0].get("version") == _project_version()


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path.name} is not a PNG"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_every_icon_size_is_a_square_png_of_its_size() -> None:
    pngs = sorted(ICONS.glob("translator-*.png"))
    sizes = {int(p.stem.rsplit("-", 1)[1]) for p in pngs}
    assert {16, 32, 48, 64, 128, 256, 512} <= sizes
    for png in pngs:
        size = int(png.stem.rsplit("-", 1)[1])
        assert _png_size(png) == (size, size), png.name
    svg = ET.parse(ICONS / "translator.svg").getroot()
    assert svg.tag == "{http://www.w3.org/2000/svg}svg"
    ico = (ICONS / "translator.ico").read_bytes()
    assert ico[:4] == b"\0\0\1\0" and struct.unpack("<H", ico[4:6])[0] >= 5
