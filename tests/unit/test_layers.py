"""The layers as the design draws them, read from the source's imports: the window talks to the
application layer only (never the server, the realtime client or the audio core), and Qt stays
in ``translator/gui/``."""

from __future__ import annotations

import ast
from collections.abc import Iterable, Iterator
from pathlib import Path

import translator

PACKAGE = Path(translator.__file__).parent
CORE = ("translator.server", "translator.realtime", "translator.audio")
QT = ("PySide6", "shiboken6", "qasync")


def _imports(source: str, package: str) -> Iterator[tuple[int, str]]:
    """Every module a source imports, absolute (relative imports resolved against ``package``),
    with its line; imports under ``if TYPE_CHECKING`` and inside functions count too."""
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            yield from ((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.rsplit(".", node.level - 1)[0]
                base = f"{parent}.{base}" if base else parent
            yield node.lineno, base
            yield from ((node.lineno, f"{base}.{alias.name}") for alias in node.names)


def _violations(files: Iterable[Path], forbidden: tuple[str, ...]) -> list[str]:
    prefixes = tuple(f"{name}." for name in forbidden)
    found = []
    for path in files:
        module = path.relative_to(PACKAGE.parent).with_suffix("")
        package = ".".join(module.parts[:-1])
        for line, name in _imports(path.read_text(encoding="utf-8"), package):
            if f"{name}.".startswith(prefixes):
                found.append(f"{module}:{line} imports {name}")
    return found


def test_the_window_talks_to_the_application_layer_only() -> None:
    assert _violations(sorted((PACKAGE / "gui").rglob("*.py")), CORE) == []


def test_qt_stays_in_the_gui_package() -> None:
    outside = [
        p for p in sorted(PACKAGE.rglob("*.py")) if "gui" not in p.relative_to(PACKAGE).parts
    ]
    assert len(outside) > 40  # the whole core is read
    assert _violations(outside, QT) == []


def test_the_import_reader_sees_every_kind_of_import() -> None:
    source = (
        "from typing import TYPE_CHECKING\n"
        "import translator.audio.dsp\n"
        "from ...realtime import session\n"
        "if TYPE_CHECKING:\n    from translator.server.app import LocalRealtimeServer\n"
        "def later():\n    from translator import audio\n"
        "from translator.app import readings\n"
    )
    prefixes = tuple(f"{name}." for name in CORE)
    found = {
        line
        for line, name in _imports(source, "translator.gui.widgets")
        if f"{name}.".startswith(prefixes)
    }
    assert found == {2, 3, 5, 7}
