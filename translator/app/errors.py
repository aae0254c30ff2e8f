"""One error mapping for every front end: what happened, and what to do about it.

``explain`` turns whatever a run raised into a ``Problem``: one cause (bad input, the endpoint,
the key, the network, the account's quota, the model, a device, the disk, the service), one
sentence saying what happened and one saying what to do. The command line prints it as
``translator: error: <what>; <action>``, the window shows it in its status line and the settings
panel next to the field. A pydantic error gives its own message, located, never its help URL; an
unexpected exception gives its type and text.
"""

from __future__ import annotations

import socket
import ssl
from typing import Literal

from pydantic import ValidationError
from websockets.exceptions import InvalidStatus

from translator.audio.errors import AudioError
from translator.realtime.endpoints import EndpointError
from translator.realtime.errors import (
    AccountProblem,
    AuthenticationFailed,
    ConnectionLost,
    ModelUnavailable,
    RealtimeError,
    RetiredApiShape,
)

Cause = Literal[
    "input", "endpoint", "key", "network", "quota", "model", "device", "disk", "service"
]


class Problem(Exception):
    """What went wrong, said for the user: ``what``; ``action``."""

    def __init__(self, cause: Cause, what: str, action: str) -> None:
        super().__init__(f"{what}; {action}")
        self.cause = cause
        self.what = what
        self.action = action

    @property
    def line(self) -> str:
        return f"{self.what}; {self.action}"


class Unexpected(Problem):
    """An exception nobody foresaw (a bug): its type and text; whoever shows it logs the
    traceback."""


def validation_message(exc: ValidationError) -> str:
    """The first error of ``exc`` as one sentence: where, and pydantic's own message without its
    "Value error, " prefix or help URL."""
    error = exc.errors(include_url=False)[0]
    message = str(error["msg"]).removeprefix("Value error, ")
    where = ".".join(str(part) for part in error["loc"])
    return f"{where}: {message}" if where else message


def _split(message: str, fallback_action: str) -> tuple[str, str]:
    what, separator, action = message.strip().rstrip(".").partition("; ")
    return (what, action) if separator else (what, fallback_action)


_NETWORK_ERRORS = (ConnectionError, TimeoutError, socket.gaierror, ssl.SSLError)
_SESSION_CAUSES: tuple[tuple[type[RealtimeError], Cause], ...] = (
    (AuthenticationFailed, "key"),
    (ModelUnavailable, "model"),
    (AccountProblem, "quota"),
    (RetiredApiShape, "endpoint"),
    (ConnectionLost, "network"),
)


def _refused_at_handshake(status: int) -> Problem:
    if status in (401, 403):
        return Problem(
            "key",
            f"the service refused the key (HTTP {status})",
            "check the key in Settings, the --api-key flag or the key's environment variable",
        )
    if status == 404:
        return Problem(
            "endpoint",
            "the service has nothing at that address (HTTP 404)",
            "check the endpoint URL, the Azure resource and deployment, and the API version",
        )
    if status == 429:
        return Problem(
            "quota", "the service is refusing requests for now (HTTP 429)", "wait, then try again"
        )
    return Problem(
        "service", f"the service refused the connection (HTTP {status})", "try again later"
    )


def explain(exc: BaseException) -> Problem:
    """The ``Problem`` to show for ``exc``."""
    if isinstance(exc, Problem):
        return exc
    if isinstance(exc, RealtimeError):
        cause: Cause = next((c for kind, c in _SESSION_CAUSES if isinstance(exc, kind)), "service")
        return Problem(cause, exc.message, exc.action)
    if isinstance(exc, ValidationError):
        return Problem("input", *_split(validation_message(exc), "change it and try again"))
    if isinstance(exc, EndpointError):
        return Problem("endpoint", *_split(str(exc), "check the provider settings"))
    if isinstance(exc, AudioError):  # full sentences: "What happened. What to do."
        what, _, action = str(exc).strip().removesuffix(".").partition(". ")
        action = action[:1].lower() + action[1:]  # after "; " a clause, not a sentence
        return Problem("device", what, action or "pick another device")
    if isinstance(exc, InvalidStatus):  # refused before the websocket opened (Azure, proxies)
        return _refused_at_handshake(exc.response.status_code)
    if isinstance(exc, _NETWORK_ERRORS):
        return Problem(
            "network",
            f"the service could not be reached ({exc.strerror or exc})",
            "check the network connection and the endpoint URL, then start again",
        )
    if isinstance(exc, OSError):
        where = f" {exc.filename}" if exc.filename else ""
        return Problem(
            "disk",
            f"cannot write{where} ({exc.strerror or exc})",
            "check the disk and the folder's permissions",
        )
    if isinstance(exc, ValueError):
        return Problem("input", *_split(str(exc).splitlines()[-1], "change it and try again"))
    return Unexpected("service", f"{type(exc).__name__}: {exc}", "see the log")
