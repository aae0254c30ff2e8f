"""Errors the session layer raises: each says what happened and what the user should do."""

from __future__ import annotations


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


class RetiredApiShape(FatalSessionError):
    pass


class AccountProblem(FatalSessionError):
    pass


class ConfigurationRejected(FatalSessionError):
    """``session.update`` was refused (unknown field, bad value, locked voice)."""


class ConnectionLost(RealtimeError):
    """Reconnecting did not succeed within the failure model's time limit."""


# Close codes (reference §5.5) and error codes (§5.4) that retrying cannot fix.
_ACCOUNT_CODES = {"insufficient_quota", "account_deactivated", "billing_hard_limit_reached"}


def fatal_error(code: str | None, message: str, close_code: int | None) -> FatalSessionError | None:
    """The typed fatal error for an ``error`` event and/or close code; ``None`` if transient."""
    if code == "session_expired":  # planned: a new session takes over, never fatal
        return None
    if code == "beta_api_shape_disabled":
        return RetiredApiShape(
            "the service no longer accepts the beta Realtime protocol (the seed model "
            "gpt-4o-mini-realtime-preview was retired on OpenAI in 2026)",
            "choose the GA engine with model gpt-realtime-mini, or an Azure preview deployment",
            code=code,
        )
    if code == "invalid_api_key" or (close_code == 3000 and code is None):
        return AuthenticationFailed(
            f"the service rejected the API key ({message or 'authentication failed'})",
            "check the key in Settings, the --api-key flag or OPENAI_API_KEY",
            code=code,
        )
    if code in {"invalid_model", "missing_model", "model_not_found"}:
        return ModelUnavailable(
            f"the model is not available ({message})",
            "pick another model (default: gpt-realtime-mini) or check your account's access",
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
