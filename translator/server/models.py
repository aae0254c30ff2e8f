"""The local server's model directory: ``GET /v1/models`` and ``GET /v1/models/{model}``.

Answers like OpenAI's (``{"object": "list", "data": [...]}`` and one model object with its
``shutdown_date``, ``YYYY-MM-DD`` or null; 401 without a valid Bearer key; 404
``model_not_found`` for a model it does not serve). The models are the catalog's OpenAI ones
(realtime and translate); shutdown dates come from ``ServerOptions.shutdown_dates`` only. A model
past its date stays listed with that date, and the OpenAI realtime paths refuse it
(:func:`retired_refusal`). Plain HTTP, answered by the server's one aiohttp handler on its loop.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Iterable
from http import HTTPStatus
from typing import Any

from aiohttp import web

from translator.catalog import load_catalog
from translator.server.ga_schema import WireError
from translator.server.options import ServerOptions

PREFIX = "/v1/models"
CREATED = 1_756_339_200  # 2025-08-28, the GA launch: a fixed, plausible creation time


def json_response(status: HTTPStatus, body: Any) -> web.Response:
    """JSON as OpenAI sends it: ``Content-Type: application/json`` with no charset."""
    return web.Response(
        status=status,
        body=(json.dumps(body) + "\n").encode(),
        headers={"Content-Type": "application/json"},
    )


def _error(message: str, code: str | None, param: str | None = None) -> dict[str, Any]:
    return {
        "error": {
            "message": message,
            "type": "invalid_request_error",
            "param": param,
            "code": code,
        }
    }


def shutdown_date(options: ServerOptions, model: str) -> datetime.date | None:
    value = options.shutdown_dates.get(model)
    return datetime.date.fromisoformat(value) if value else None


def retired_refusal(options: ServerOptions, model: str) -> WireError | None:
    """What the OpenAI paths answer a model that is shut down (on or after its date)."""
    shutdown = shutdown_date(options, model)
    if shutdown is None or shutdown > datetime.date.today():
        return None
    return WireError(
        "model_not_found",
        f"The model `{model}` has been deprecated, learn more here: "
        "https://platform.openai.com/docs/deprecations",
        "model",
    )


def _served() -> list[str]:
    models = load_catalog().models.values()
    return [m.name for m in models if m.dialect in ("realtime", "translate")]


def _model_object(options: ServerOptions, model: str) -> dict[str, Any]:
    shutdown = shutdown_date(options, model)
    return {
        "id": model,
        "object": "model",
        "created": CREATED,
        "owned_by": "system",
        "shutdown_date": shutdown.isoformat() if shutdown else None,
    }


def answer(
    request: web.Request, options: ServerOptions, api_keys: Iterable[str] | None
) -> web.Response | None:
    """The response for a ``/v1/models`` request; ``None`` for any other path."""
    path = request.path.rstrip("/")
    if path != PREFIX and not path.startswith(PREFIX + "/"):
        return None
    if not options.models_endpoint:
        return web.Response(status=HTTPStatus.NOT_FOUND, text="Not Found\n")
    auth = request.headers.get("Authorization", "")
    key = auth[7:].strip() if auth.startswith("Bearer ") else ""
    if not key:
        return json_response(
            HTTPStatus.UNAUTHORIZED,
            _error(
                "You didn't provide an API key. You need to provide your API key in an "
                "Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).",
                None,
            ),
        )
    if api_keys is not None and key not in set(api_keys):
        return json_response(
            HTTPStatus.UNAUTHORIZED,
            _error("Incorrect API key provided.", "invalid_api_key"),
        )
    served = _served()
    if path == PREFIX:
        data = [_model_object(options, model) for model in served]
        return json_response(HTTPStatus.OK, {"object": "list", "data": data})
    model = path[len(PREFIX) + 1 :]
    if model not in served:
        return json_response(
            HTTPStatus.NOT_FOUND,
            _error(f"The model '{model}' does not exist", "model_not_found", "model"),
        )
    return json_response(HTTPStatus.OK, _model_object(options, model))
