"""The beta dialect of the local server: Azure preview deployments (reference §1.2, §1.6, §4.1).

``/openai/realtime?api-version=…&deployment=…`` with an ``api-key`` header or an Entra token.
:class:`BetaSession` is the GA session (:mod:`translator.server.ga`) behind a beta edge: beta
``session.update``/``response.create`` are validated in beta terms and mapped onto GA ones, and
every event on its way out is renamed and reshaped (``response.audio.delta``, one
``conversation.item.created`` per item instead of GA's added + done, flat session fields,
``temperature``), so the §3.2 order comes out in its beta form
(``tests/fixtures/beta_response_order.json``). A deployment serves the seed model
``gpt-4o-mini-realtime-preview-2024-12-17`` unless ``ServerOptions.deployments`` says otherwise;
its voices (alloy … verse) and 30-minute session come from the catalog.

Requests Azure refuses before the upgrade (our best guess at its front door, which answers
with an HTTP error and a JSON body rather than a WebSocket error event):

- no ``api-version`` → 404 ``{"error": {"code": "404", "message": "Resource not found"}}``;
- an ``api-version`` that is not a realtime preview version → 400 ``BadRequest``,
  "API version not supported";
- no ``deployment`` → 404 ``DeploymentNotFound``.
"""

from __future__ import annotations

from collections.abc import Mapping
from http import HTTPStatus
from typing import Any, ClassVar

from translator.catalog import Dialect, load_catalog
from translator.server.app import SHAPE_CLOSE, HttpRefusal, Refusal, ServerContext
from translator.server.azure import azure_credential, deployment_model
from translator.server.beta_schema import (
    BETA_FIELD_NAMES,
    DEFAULT_MODALITIES,
    DEFAULT_TEMPERATURE,
    BetaResponseParams,
    BetaSessionUpdate,
    beta_item,
    beta_response,
    beta_session,
    ga_response_params,
    ga_session_update,
)
from translator.server.ga import CLIENT_EVENTS, GaSession
from translator.server.ga_schema import ResponseCreateParams, WireError, validate
from translator.server.link import Link

DIALECT: Dialect = "legacy"
API_VERSIONS = frozenset({"2024-10-01-preview", "2024-12-17", "2025-04-01-preview"})

# GA event names → beta ones (reference §1.6); GA's ``conversation.item.done`` has none.
BETA_EVENT_NAMES: Mapping[str, str | None] = {
    "response.output_audio.delta": "response.audio.delta",
    "response.output_audio.done": "response.audio.done",
    "response.output_audio_transcript.delta": "response.audio_transcript.delta",
    "response.output_audio_transcript.done": "response.audio_transcript.done",
    "response.output_text.delta": "response.text.delta",
    "response.output_text.done": "response.text.done",
    "conversation.item.added": "conversation.item.created",
    "conversation.item.done": None,
}

# Beta had no ``session.close`` (it first appears in GA's accepted list, reference §1.6).
BETA_CLIENT_EVENTS = {kind: spec for kind, spec in CLIENT_EVENTS.items() if kind != "session.close"}


class BetaEndpoint:
    """``/openai/realtime?api-version=…&deployment=…``: the beta dialect, Azure credentials."""

    dialect: str = DIALECT

    def __init__(self, context: ServerContext) -> None:
        self.context = context

    def matches(self, path: str) -> bool:
        return path.rstrip("/") == "/openai/realtime"

    def credential(self, headers: Mapping[str, str], query: Mapping[str, str]) -> str | None:
        return azure_credential(headers, query)

    def before_upgrade(self, query: Mapping[str, str]) -> HttpRefusal | None:
        version = query.get("api-version")
        if not version:
            return HttpRefusal(HTTPStatus.NOT_FOUND, "404", "Resource not found")
        if version not in API_VERSIONS:
            return HttpRefusal(HTTPStatus.BAD_REQUEST, "BadRequest", "API version not supported")
        if not query.get("deployment"):
            return HttpRefusal(
                HTTPStatus.NOT_FOUND,
                "DeploymentNotFound",
                "The API deployment for this resource does not exist. If you created the "
                "deployment within the last 5 minutes, please wait a moment and try again.",
            )
        return None

    def refusal(self, headers: Mapping[str, str], query: Mapping[str, str]) -> Refusal | None:
        model = deployment_model(self.context, query["deployment"], DIALECT)
        info = load_catalog().model(model)
        if info is None or info.dialect == "translate":
            return Refusal(
                WireError(
                    "invalid_model",
                    f'Deployment "{query["deployment"]}" serves model "{model}", which is not '
                    "supported in realtime mode.",
                    "deployment",
                ),
                SHAPE_CLOSE,
            )
        return None

    def session(self, link: Link, requested: str) -> BetaSession:
        """A session for the deployment ``requested``."""
        return BetaSession(self.context, link, deployment_model(self.context, requested, DIALECT))

    async def serve(self, link: Link, query: Mapping[str, str]) -> None:
        await self.session(link, query["deployment"]).run()


class BetaSession(GaSession):
    """A GA session that speaks the beta dialect on the wire."""

    CLIENT_EVENTS = BETA_CLIENT_EVENTS
    PADDED_DELTAS = frozenset()  # ``obfuscation`` padding came with GA
    PARAMS: ClassVar[Mapping[str, str]] = {"session.audio.output.voice": "session.voice"}
    ITEM_CONTENT: ClassVar[Mapping[str, Mapping[str, str]]] = {
        **GaSession.ITEM_CONTENT,
        "assistant": {"text": "output_text"},
    }

    def __init__(self, context: ServerContext, link: Link, model: str) -> None:
        super().__init__(context, link, model)
        self.modalities = list(DEFAULT_MODALITIES)
        self.temperature = DEFAULT_TEMPERATURE

    async def _on_session_update(self, event: dict[str, Any], _: str | None) -> None:
        update = validate(BetaSessionUpdate, event["session"], "session", BETA_FIELD_NAMES)
        assert isinstance(update, BetaSessionUpdate)
        ga_update = ga_session_update(update)
        self._check_update(ga_update)
        self._apply_update(ga_update)
        if update.modalities is not None:
            self.modalities = list(update.modalities)
        if update.temperature is not None:
            self.temperature = update.temperature
        await self.emit("session.updated", session=self.session)

    def _response_params(self, raw: object) -> ResponseCreateParams:
        params = validate(BetaResponseParams, raw, "response", BETA_FIELD_NAMES)
        assert isinstance(params, BetaResponseParams)
        return ga_response_params(params)

    def shape(self, event_type: str, fields: dict[str, Any]) -> tuple[str, dict[str, Any]] | None:
        if event_type in BETA_EVENT_NAMES:
            renamed = BETA_EVENT_NAMES[event_type]
            if renamed is None:
                return None
            event_type = renamed
        shaped = dict(fields)
        if "session" in shaped:
            shaped["session"] = beta_session(shaped["session"], self.modalities, self.temperature)
        if "item" in shaped:
            shaped["item"] = beta_item(shaped["item"])
        if "response" in shaped:
            shaped["response"] = beta_response(shaped["response"], self.temperature)
        return event_type, shaped
