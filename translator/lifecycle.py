"""Model lifecycle: is the chosen model about to be, or already, shut down on OpenAI?

OpenAI publishes each model's ``shutdown_date`` (``YYYY-MM-DD`` or null) on ``GET /v1/models``
and ``GET /v1/models/{model}``. ``check_model`` reads it for an OpenAI-style endpoint (OpenAI
itself, a custom base URL, the local server) before a session opens, remembers the answer for
the day in ``$TRANSLATOR_CACHE_DIR`` (default: the user cache folder), and otherwise falls back
to the catalog's date, only for OpenAI's own host. Azure serves no such endpoint: nothing is
checked there. Offline or any HTTP failure: no date, never an error. The successor always comes
from the catalog (the service does not name one).

From ``WARN_DAYS`` before the shutdown date the result carries a warning; from the date on, a
``ModelRetired`` error to refuse the session with, before any websocket opens.

Runs on the caller's asyncio loop; the HTTP request runs in a worker thread (``urllib``).
"""

from __future__ import annotations

import asyncio
import datetime
import json
import logging
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal
from urllib.parse import quote, urlsplit

from translator.catalog import load_catalog
from translator.files import user_dir, write_atomically
from translator.realtime.endpoints import OPENAI_BASE_URL, Endpoint
from translator.realtime.errors import ModelRetired, model_retired, switch_advice

log = logging.getLogger(__name__)

WARN_DAYS = 30
TIMEOUT_S = 4.0
CACHE_DIR_ENV = "TRANSLATOR_CACHE_DIR"
CACHE_FILE = "model-lifecycle.json"

State = Literal["active", "retiring", "retired"]


def cache_dir() -> Path:
    return user_dir("cache", CACHE_DIR_ENV)


@dataclass(frozen=True)
class Lifecycle:
    """What is known of ``model``'s shutdown on ``today``; ``source`` says where the date came
    from (``service``, ``catalog``) or ``None`` when nothing is announced or known."""

    model: str
    today: datetime.date
    shutdown: datetime.date | None = None
    source: Literal["service", "catalog"] | None = None

    @property
    def successor(self) -> str | None:
        info = load_catalog().model(self.model)
        return info.successor if info is not None else None

    @property
    def days_left(self) -> int | None:
        return (self.shutdown - self.today).days if self.shutdown is not None else None

    @property
    def state(self) -> State:
        days = self.days_left
        if days is None or days > WARN_DAYS:
            return "active"
        return "retired" if days <= 0 else "retiring"

    @property
    def warning(self) -> str | None:
        """One line for a model shutting down within ``WARN_DAYS``; ``None`` otherwise."""
        if self.state != "retiring":
            return None
        days = self.days_left
        when = "tomorrow" if days == 1 else f"in {days} days"
        advice = switch_advice(self.successor)
        return f"{self.model} shuts down on OpenAI on {self.shutdown} ({when}); {advice}"

    def refusal(self) -> ModelRetired | None:
        """The error to refuse a session with, once the model is shut down."""
        if self.state != "retired" or self.shutdown is None:
            return None
        return model_retired(self.model, self.shutdown)


def models_url(endpoint: Endpoint) -> str | None:
    """``GET …/v1/models/{model}`` for an OpenAI-style endpoint; ``None`` for Azure."""
    parts = urlsplit(endpoint.url)
    path = parts.path.rstrip("/")
    for tail in ("/realtime/translations", "/realtime"):
        if path.endswith(tail) and not path.startswith("/openai/"):
            scheme = {"wss": "https", "ws": "http"}.get(parts.scheme, parts.scheme)
            base = path[: -len(tail)]
            return f"{scheme}://{parts.netloc}{base}/models/{quote(endpoint.model, safe='')}"
    return None


def _is_openai(endpoint: Endpoint) -> bool:
    return urlsplit(endpoint.url).hostname == urlsplit(OPENAI_BASE_URL).hostname


def _fetch(url: str, endpoint: Endpoint) -> dict[str, Any] | None:
    """The model object, ``{}`` when the service says the model does not exist, ``None`` when
    the service could not be asked (offline, no such endpoint, any other failure). Takes the
    endpoint, whose repr hides its headers: executors log their arguments."""
    request = urllib.request.Request(url, headers=dict(endpoint.headers))
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_S) as response:
            body = json.loads(response.read())
    except urllib.error.HTTPError as exc:
        if exc.code == 404 and b"model_not_found" in exc.read():
            return {}
        log.info("model lifecycle: %s answered HTTP %s", url, exc.code)
        return None
    except (OSError, ValueError) as exc:
        log.info("model lifecycle: %s could not be read (%s)", url, exc)
        return None
    return body if isinstance(body, dict) else None


def _parse_date(value: object) -> datetime.date | None:
    if not isinstance(value, str):
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        return None


class _DayCache:
    """The service's answers of one day, by URL (no secrets: the key is not part of it)."""

    def __init__(self, today: datetime.date, directory: Path | None = None) -> None:
        self.path = (directory or cache_dir()) / CACHE_FILE
        self.today = today.isoformat()

    def _entries(self) -> dict[str, Any]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) and data.get("day") == self.today else {}

    def get(self, url: str) -> dict[str, Any] | None:
        entry = self._entries().get("models", {}).get(url)
        return entry if isinstance(entry, dict) else None

    def put(self, url: str, answer: dict[str, Any]) -> None:
        models = dict(self._entries().get("models", {}))
        models[url] = {"found": bool(answer), "shutdown_date": answer.get("shutdown_date")}
        try:
            write_atomically(self.path, json.dumps({"day": self.today, "models": models}))
        except OSError as exc:  # a read-only cache costs one request per start, nothing more
            log.info("model lifecycle: cannot write %s (%s)", self.path, exc)


async def check_model(
    endpoint: Endpoint,
    *,
    today: datetime.date | None = None,
    cache: Path | None = None,
) -> Lifecycle:
    """The lifecycle of ``endpoint.model`` as the provider and the catalog tell it today."""
    day = today or datetime.date.today()
    url = models_url(endpoint)
    if url is None or endpoint.dialect == "legacy":
        return Lifecycle(endpoint.model, day)  # Azure and the beta shape: nothing to ask
    store = _DayCache(day, cache)
    known = store.get(url)
    if known is None:
        answer = await asyncio.to_thread(_fetch, url, endpoint)
        if answer is not None:
            store.put(url, answer)
            known = {"found": bool(answer), "shutdown_date": answer.get("shutdown_date")}
    shutdown = _parse_date(known.get("shutdown_date")) if known else None
    if shutdown is not None:
        return Lifecycle(endpoint.model, day, shutdown, "service")
    info = load_catalog().model(endpoint.model)
    service_silent = known is None or not known.get("found")
    if info is not None and info.shutdown is not None and service_silent and _is_openai(endpoint):
        return Lifecycle(endpoint.model, day, info.shutdown, "catalog")
    return Lifecycle(endpoint.model, day)
