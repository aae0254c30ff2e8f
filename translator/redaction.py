"""Keeps credentials out of logs: the websockets library logs every handshake header at debug
level, ``Authorization`` and ``api-key`` included. A filter on its loggers blanks those values."""

from __future__ import annotations

import logging

SECRET_HEADERS = frozenset({"authorization", "api-key", "openai-organization", "cookie"})
_LOGGERS = ("websockets.client", "websockets.server")


class RedactSecretHeaders(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args
        if (
            isinstance(args, tuple)
            and len(args) == 2
            and isinstance(args[0], str)
            and args[0].lower() in SECRET_HEADERS
        ):
            record.args = (args[0], "[redacted]")
        return True


def install() -> None:
    """Idempotent: one filter per websockets logger."""
    for name in _LOGGERS:
        logger = logging.getLogger(name)
        if not any(isinstance(f, RedactSecretHeaders) for f in logger.filters):
            logger.addFilter(RedactSecretHeaders())
