"""Renders ``resources/icons/translator.svg`` to the PNG sizes desktops and installers use
(``resources/icons/translator-SIZE.png``) and the Windows ``.ico``; run it after editing the SVG and
commit the results: ``.venv/bin/python scripts/gen_icons.py``."""

from __future__ import annotations

import os
import sys
from pathlib import Path

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(ICONS / "translator.svg"))
    if not renderer.isValid():
        print("gen_icons: translator.svg does not parse", file=sys.stderr)
        return 1
    for size in SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        image.save(str(ICONS / f"translator-{size}.png"))
    _write_ico(ICONS / "translator.ico", [ICONS / f"translator-{size}.png" for size in ICO_SIZES])
    del app
    return 0


def _write_ico(target: Path, pngs: list[Path]) -> None:
    """An ICO file of PNG entries (Windows Vista and later read them); Qt writes no ICO."""
    header = (0).to_bytes(2, "little") + (1).to_bytes(2, "little") + len(pngs).to_bytes(2, "little")
    blobs = [png.read_bytes() for png in pngs]
    offset = 6 + 16 * len(pngs)
    entries = b""
    for png, blob in zip(pngs, blobs, strict=True):
        size = int(png.stem.rsplit("-", 1)[1])
        side = bytes([size % 256, size % 256])  # 0 means 256
        entries += side + b"\0\0" + (1).to_bytes(2, "little") + (32).to_bytes(2, "little")
        entries += len(blob).to_bytes(4, "little") + offset.to_bytes(4, "little")
        offset += len(blob)
    target.write_bytes(header + entries + b"".join(blobs))


if __name__ == "__main__":
    sys.exit(main())
