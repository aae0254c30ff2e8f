"""``translator gui``: start the window on one qasync loop and shut it down cleanly.

Start-up: one ``QApplication``, a qasync ``QEventLoop`` as the asyncio loop, the window shown
with nothing modal. Shutdown has one path, whatever asks for it (closing the window, SIGTERM,
SIGINT, ``--quit-after``): the window closes, its close sets an ``asyncio.Event`` that ``main``
awaits, then the controller stops every session and the local server and awaits its tasks, and
only then does the loop stop. Exceptions in tasks are logged.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import signal
import sys
from typing import Any

from translator.secrets import KeyStore

log = logging.getLogger(__name__)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--demo",
        action="store_true",
        help="use the built-in local server even when an API key is configured",
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
    from qasync import QEventLoop

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Translator")
    demo = bool(args.demo) or KeyStore().find("openai") is None
    with asyncio.Runner(loop_factory=lambda: QEventLoop(app)) as runner:
        return runner.run(_main(demo=demo, quit_after=args.quit_after))


def _log_exception(loop: asyncio.AbstractEventLoop, context: dict[str, Any]) -> None:
    log.error("unhandled error: %s", context.get("message"), exc_info=context.get("exception"))


async def _main(*, demo: bool, quit_after: float | None) -> int:
    from PySide6.QtCore import QTimer

    from translator.gui.controller import InterpreterController
    from translator.gui.main_window import MainWindow

    loop = asyncio.get_running_loop()
    loop.set_exception_handler(_log_exception)
    closed = asyncio.Event()
    controller = InterpreterController(demo=demo)
    window = MainWindow(controller)
    window.closed.connect(closed.set)

    # Python runs signal handlers between bytecodes; Qt's loop runs in C++, so a timer gives
    # the interpreter a regular chance to notice SIGTERM/SIGINT.
    def on_signal(signum: int, frame: object) -> None:
        log.info("signal %d: closing the window", signum)
        loop.call_soon(window.close)

    previous = {sig: signal.signal(sig, on_signal) for sig in (signal.SIGTERM, signal.SIGINT)}
    wake = QTimer()
    wake.timeout.connect(lambda: None)
    wake.start(200)
    if quit_after is not None:
        loop.call_later(quit_after, window.close)
    try:
        window.show()
        log.info("window ready (%s)", "demo mode" if demo else "live mode")
        await closed.wait()
        await controller.aclose()
    finally:
        wake.stop()
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    log.info("closed cleanly")
    return 0
