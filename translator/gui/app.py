"""``translator gui``: start the window on one qasync loop and shut it down cleanly.

Start-up: the user's settings are loaded first (a damaged or newer file is reported in the
status line, never overwritten), then one ``QApplication`` with the UI language's translators
and the theme, a qasync ``QEventLoop`` as the asyncio loop, and the window shown with nothing
modal (a first start shows the welcome page inside the window).

Shutdown has one path, whatever asks for it (closing the window, SIGTERM, SIGINT,
``--quit-after``): the window closes (saving the settings), its close sets an ``asyncio.Event``
that ``main`` awaits, then the controller stops every session and the local server and awaits
its tasks, and only then does the loop stop. Exceptions in tasks are logged. ``--server URL``
points demo mode at an already running ``translator serve`` instead of a server inside the app.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import signal
import sys
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from translator.secrets import KeyStore

if TYPE_CHECKING:
    from translator.gui.theme import AppTheme
    from translator.settings import Settings, SettingsStore

log = logging.getLogger(__name__)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--demo",
        action="store_true",
        help="use the built-in local server even when an API key is configured",
    )
    parser.add_argument(
        "--server",
        metavar="URL",
        help="use an already running local server (`translator serve`, its ws://…/v1 URL) "
        "instead of starting one inside the app; implies --demo",
    )
    parser.add_argument(
        "--quit-after",
        type=float,
        metavar="S",
        help="close the window after S seconds through the normal shutdown (smoke tests)",
    )


def run(args: argparse.Namespace) -> int:
    logging.basicConfig(level=logging.INFO, format="%(name)s: %(message)s")
    from PySide6.QtWidgets import QApplication

    from translator.gui.i18n import UiTranslation
    from translator.gui.qtloop import QtEventLoop
    from translator.gui.theme import AppTheme
    from translator.settings import SettingsStore

    keys = KeyStore()
    store = SettingsStore(keys=keys)
    settings = store.load()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("Translator")
    app.setDesktopFileName("translator")
    # The window's close starts the shutdown (``_main``), which still has sessions to close:
    # Qt must not stop the loop under it when the last window goes.
    app.setQuitOnLastWindowClosed(False)
    languages = UiTranslation(app)
    languages.install(settings.ui_language)
    theme = AppTheme(app)
    theme.apply(settings.theme)
    startup = StartUp(
        demo=bool(args.demo),
        quit_after=args.quit_after,
        server_url=getattr(args, "server", None),
        keys=keys,
        store=store,
        settings=settings,
        theme=theme,
    )
    with asyncio.Runner(loop_factory=lambda: QtEventLoop(app)) as runner:
        return runner.run(_main(startup))


def _log_exception(loop: asyncio.AbstractEventLoop, context: dict[str, Any]) -> None:
    log.error("unhandled error: %s", context.get("message"), exc_info=context.get("exception"))


@dataclass(frozen=True)
class StartUp:
    """What ``run`` prepared before the loop started."""

    demo: bool
    quit_after: float | None
    server_url: str | None
    keys: KeyStore
    store: SettingsStore
    settings: Settings
    theme: AppTheme


async def _main(startup: StartUp) -> int:
    import shiboken6
    from PySide6.QtCore import QTimer

    from translator.gui.controller import InterpreterController
    from translator.gui.main_window import MainWindow

    loop = asyncio.get_running_loop()
    loop.set_exception_handler(_log_exception)
    closed = asyncio.Event()
    controller = InterpreterController(
        demo=startup.demo, keys=startup.keys, server_url=startup.server_url
    )
    window = MainWindow(
        controller,
        settings=startup.settings,
        store=startup.store,
        keys=startup.keys,
        theme=startup.theme,
    )
    if startup.store.problem:
        window.status.setText(startup.store.problem)
    quit_after, server_url = startup.quit_after, startup.server_url
    demo = controller.demo_for(window.settings())
    window.closed.connect(closed.set)

    # Python runs signal handlers between bytecodes; Qt's loop runs in C++, so a timer gives
    # the interpreter a regular chance to notice SIGTERM/SIGINT.
    def on_signal(signum: int, frame: object) -> None:
        log.info("signal %d: closing the window", signum)
        loop.call_soon(window.close)

    previous = {sig: signal.signal(sig, on_signal) for sig in (signal.SIGTERM, signal.SIGINT)}
    wake = QTimer(window)
    wake.timeout.connect(lambda: None)
    wake.start(200)
    if quit_after is not None:
        loop.call_later(quit_after, window.close)
    try:
        window.show()
        log.info("window ready (%s)", "demo mode" if demo else "live mode")
        if server_url:
            log.info("using the local server at %s", server_url)
        await closed.wait()
        log.info("window closed: stopping the sessions")
        await controller.aclose()
    finally:
        wake.stop()
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        # None of these has a Qt parent: deleted here, on the GUI thread, never by a garbage
        # collection that may run on another thread. (The window's end would take the overlay
        # with it only through a deferred delete, and no loop runs after this.)
        for obj in (window.overlay, window, controller):
            shiboken6.delete(obj)
    log.info("closed cleanly")
    return 0
