"""Errors the session layer raises: each says what happened and what the user should do."""

from __future__ import annotations

import datetime

DEPRECATIONS_PAGE = "developers.openai.com/api/docs/deprecations"


class RealtimeError(Exception):
    """Base: ``message`` says what happened, ``action`` what to do about it."""

    def __init__(self, message: str, action: str, *, code: str | None = None) -> None:
        super().__init__(f"{message}; {action}")
        self.message = message
        self.action = action
        self.code = code


class FatalSessionError(RealtimeError):
    """The service refused the session for a reason retrying cannot fix."""


class AuthenticationFailed(FatalSessionError):
    pass


class ModelUnavailable(FatalSessionError):
    pass


class ModelRetired(ModelUnavailable):
    """The model is shut down on OpenAI: the message names the date, the action the successor."""


def switch_advice(successor: str | None) -> str:
    """What to do about a model that is going away: its successor, on both front ends."""
    if successor:
        return f"switch to {successor} (the window's Switch button, or --model {successor})"
    return f"pick another model (OpenAI names replacements on {DEPRECATIONS_PAGE})"


def model_retired(model: str, shutdown: datetime.date) -> ModelRetired:
    from translator.catalog import load_catalog

    info = load_catalog().model(model)
    return ModelRetired(
        f"{model} was shut down by OpenAI on {shutdown}",
        switch_advice(info.successor if info is not None else None),
        code="model_retired",
    )


def _retired(model: str | None, message: str) -> ModelRetired | None:
    """The service refused ``model``: shut down, if the catalog's date has passed or the
    service's message says deprecated (OpenAI: "The model `m` has been deprecated, …")."""
    from translator.catalog import load_catalog

    info = load_catalog().model(model) if model else None
    if info is not None and info.shutdown is not None and info.retired_on(datetime.date.today()):
        return model_retired(info.name, info.shutdown)
    if model and "deprecated" in message.lower():
        return ModelRetired(
            f"{model} has been shut down by OpenAI",
            switch_advice(info.successor if info is not None else None),
            code="model_retired",
        )
    return None


class RetiredApiShape(FatalSessionError):
    pass


class AccountProblem(FatalSessionError):
    pass


class ConfigurationRejected(FatalSessionError):
    """``session.update`` was refused (unknown field, bad value, locked voice)."""


class ConnectionLost(RealtimeError):
    """Reconnecting did not succeed within the failure model's time limit."""


def _default_model() -> str:
    from translator.catalog import load_catalog

    return load_catalog().default_model().name


# Close codes (reference §5.5) and error codes (§5.4) that retrying cannot fix.
_ACCOUNT_CODES = {"insufficient_quota", "account_deactivated", "billing_hard_limit_reached"}


def fatal_error(
    code: str | None, message: str, close_code: int | None, *, model: str | None = None
) -> FatalSessionError | None:
    """The typed fatal error for an ``error`` event and/or close code; ``None`` if transient.
    A model the service refuses that the catalog knows as shut down gets the lifecycle message
    (:mod:`translator.lifecycle`)."""
    if code == "session_expired":  # planned: a new session takes over, never fatal
        return None
    if code == "beta_api_shape_disabled":
        return RetiredApiShape(
            "the service no longer accepts the beta Realtime protocol (the seed model "
            "gpt-4o-mini-realtime-preview was retired on OpenAI in 2026)",
            f"choose the GA engine with model {_default_model()}, or an Azure preview deployment",
            code=code,
        )
    if code == "invalid_api_key" or (close_code == 3000 and code is None):
        return AuthenticationFailed(
            f"the service rejected the API key ({message or 'authentication failed'})",
            "check the key in Settings, the --api-key flag or OPENAI_API_KEY",
            code=code,
        )
    if code in {"invalid_model", "missing_model", "model_not_found"}:
        retired = _retired(model, message)
        if retired is not None:
            return retired
        return ModelUnavailable(
            f"the model is not available ({message})",
            f"pick another model (default: {_default_model()}) or check your account's access",
            code=code,
        )
    if code in _ACCOUNT_CODES:
        return AccountProblem(
            f"the account cannot be billed ({message or code})",
            "check the plan and billing of the API account, then start again",
            code=code,
        )
    if close_code in (3000, 4000):
        return FatalSessionError(
            f"the service closed the session ({message or close_code})",
            "check the API key, model and endpoint settings",
            code=code,
        )
    return None
