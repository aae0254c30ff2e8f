"""The user's folders, and whole-file writes that a crash cannot tear: a temporary file beside
the target, fsync, then a rename over it (exports, ``--transcript``, the settings file)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Literal

import platformdirs

APP = "translator"


def user_dir(kind: Literal["config", "data", "cache"], override_env: str) -> Path:
    """The user's folder of ``kind`` for this app (``platformdirs``), or ``$override_env`` when
    set (tests, portable use)."""
    override = os.environ.get(override_env)
    if override:
        return Path(override)
    where = {
        "config": platformdirs.user_config_dir,
        "data": platformdirs.user_data_dir,
        "cache": platformdirs.user_cache_dir,
    }[kind]
    return Path(where(APP, appauthor=False))


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def write_atomically(path: Path, text: str | bytes) -> None:
    """Write ``text`` to ``path`` through a temporary file and a rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    data = text.encode() if isinstance(text, str) else text
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        os.fchmod(fd, 0o666 & ~_umask())  # mkstemp's 0600 would hide the file from other users
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
