"""Azure OpenAI's side of the local server: its credentials, deployments and GA path.

Azure authenticates with an ``api-key`` header (or ``api-key`` query parameter, for browsers) or
an Entra token as ``Authorization: Bearer`` (reference §1.2, §1.4). A deployment name is opaque:
``ServerOptions.deployments`` maps names to catalog models, and any other name serves the path's
default model. ``/openai/v1/realtime?model=DEPLOYMENT`` is the GA dialect itself
(:class:`translator.server.ga.GaSession`); the preview path is in :mod:`translator.server.beta`.
"""

from __future__ import annotations

from collections.abc import Mapping

from translator.catalog import Dialect, load_catalog
from translator.server.app import ServerContext, bearer_token
from translator.server.ga import GaEndpoint


def azure_credential(headers: Mapping[str, str], query: Mapping[str, str]) -> str | None:
    """An ``api-key`` (header, then query) or an Entra token (Bearer)."""
    key = headers.get("api-key", "").strip() or query.get("api-key", "").strip()
    return key or bearer_token(headers)


def deployment_model(context: ServerContext, deployment: str, dialect: Dialect) -> str:
    """The model a deployment serves: as configured, else the dialect's default model."""
    configured = context.options.deployments.get(deployment)
    return configured or load_catalog().default_model(dialect).name


class AzureGaEndpoint(GaEndpoint):
    """``/openai/v1/realtime?model=DEPLOYMENT``: the GA dialect with Azure credentials."""

    serves_models = False

    def matches(self, path: str) -> bool:
        return path.rstrip("/") == "/openai/v1/realtime"

    def credential(self, headers: Mapping[str, str], query: Mapping[str, str]) -> str | None:
        return azure_credential(headers, query)

    def model_of(self, requested: str) -> str:
        return deployment_model(self.context, requested, "realtime")
