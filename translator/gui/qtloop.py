"""The asyncio loop the window runs on: qasync's ``QEventLoop``, closed without leaving Qt
objects behind (GUI thread).

qasync 0.28 gives the Qt objects behind a loop no Qt parent: the timer object that runs
``call_later`` handles (with a Qt timer still registered for every handle cancelled before it
came due), the signaller behind ``call_soon_threadsafe`` and the ``QThread`` workers of its
default executor. Closing the loop only sets a flag, and the loop sits in reference cycles, so
Python's garbage collector frees those objects later, on whatever thread it happens to run, e.g.
an executor thread (``asyncio.to_thread``). Qt cannot stop timers from another thread; one that
comes due afterwards is delivered to freed memory and the process crashes. ``close`` here deletes
them on the loop's own thread, which stops their timers.
"""

from __future__ import annotations

from collections.abc import Iterator

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject
from qasync import QEventLoop, QThreadExecutor


class QtEventLoop(QEventLoop):  # type: ignore[misc]  # qasync is untyped
    """A ``qasync.QEventLoop`` whose ``close`` also deletes the Qt objects it made."""

    def close(self) -> None:
        if self.is_closed():
            return
        owned = list(_qt_objects_of(self))
        super().close()  # stops and waits for the executor's threads first
        for obj in owned:
            if shiboken6.isValid(obj):
                shiboken6.delete(obj)


def _qt_objects_of(holder: object) -> Iterator[QObject]:
    """The Qt objects ``holder`` made and keeps in its attributes (directly or in a list), and
    those of the ``QThreadExecutor`` it keeps; not the application it runs on."""
    for value in vars(holder).values():
        for item in value if isinstance(value, list) else (value,):
            if isinstance(item, QObject) and not isinstance(item, QCoreApplication):
                yield item
            elif isinstance(item, QThreadExecutor):
                yield from _qt_objects_of(item)
