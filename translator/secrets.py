"""API keys: looked up from the command line, then the environment, then the OS keyring.

Precedence (architecture): ``--api-key`` > environment (``OPENAI_API_KEY``; for Azure
``AZURE_OPENAI_API_KEY``, then ``AZURE_OPENAI_AD_TOKEN`` as an Entra token) > OS keyring
(service ``translator``, one entry per provider). ``save`` puts a key in the keyring; a machine
without one (a headless Linux box) keeps it for this session only and says so (``KeyLocation``).
Keys are never logged, printed, or written to the settings file.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

from translator.realtime.endpoints import Credential

log = logging.getLogger(__name__)

SERVICE = "translator"
Provider = Literal["openai", "azure", "custom"]
_ENV: dict[str, tuple[tuple[str, Literal["api_key", "entra_token"]], ...]] = {
    "openai": (("OPENAI_API_KEY", "api_key"),),
    "custom": (("OPENAI_API_KEY", "api_key"),),
    "azure": (("AZURE_OPENAI_API_KEY", "api_key"), ("AZURE_OPENAI_AD_TOKEN", "entra_token")),
}


KeyLocation = Literal["keyring", "session"]
LOCATION_WORDS: dict[KeyLocation, str] = {
    "keyring": "saved in the OS keyring",
    "session": "kept for this session only: this system has no usable keyring",
}


@dataclass(frozen=True)
class FoundKey:
    credential: Credential
    origin: str  # "command line", "environment variable X", "OS keyring", "this session"


@dataclass
class KeyStore:
    """Finds and keeps keys. ``session_keys`` hold keys the keyring could not take."""

    environ: Mapping[str, str] = field(default_factory=lambda: os.environ, repr=False)
    session_keys: dict[str, str] = field(default_factory=dict, repr=False)

    def find(self, provider: Provider, flag: str | None = None) -> FoundKey | None:
        if flag:
            return FoundKey(Credential(flag), "command line")
        for name, kind in _ENV[provider]:
            if value := self.environ.get(name, "").strip():
                return FoundKey(Credential(value, kind), f"environment variable {name}")
        if provider in self.session_keys:
            return FoundKey(Credential(self.session_keys[provider]), "this session")
        stored = self._keyring_get(provider)
        return FoundKey(Credential(stored), "OS keyring") if stored else None

    def save(self, provider: Provider, key: str) -> KeyLocation:
        """Keep ``key`` in the OS keyring, or for this session only when there is none."""
        key = key.strip()
        if not key:
            raise ValueError("the API key is empty; paste the whole key")
        try:
            import keyring

            keyring.set_password(SERVICE, provider, key)
            self.session_keys.pop(provider, None)
            return "keyring"
        except Exception as exc:  # NoKeyringError, locked keyrings, D-Bus trouble
            log.info("no usable OS keyring (%s); key kept for this session", type(exc).__name__)
            self.session_keys[provider] = key
            return "session"

    def store(self, provider: Provider, key: str) -> str:
        """Keep ``key``; returns where, in words a user understands."""
        return LOCATION_WORDS[self.save(provider, key)]

    def delete(self, provider: Provider) -> None:
        """Forget the stored key (keyring and session); environment variables stay as they are."""
        self.session_keys.pop(provider, None)
        try:
            import keyring

            keyring.delete_password(SERVICE, provider)
        except Exception:  # nothing stored, or no keyring
            pass

    @staticmethod
    def _keyring_get(provider: str) -> str | None:
        try:
            import keyring

            return keyring.get_password(SERVICE, provider)
        except Exception as exc:  # NoKeyringError and friends
            log.debug("keyring unavailable: %s", type(exc).__name__)
            return None


def missing_key_message(provider: Provider) -> str:
    """What to tell a user who has no key for ``provider``."""
    env = " or ".join(name for name, _ in _ENV[provider])
    return (
        f"no API key for {provider}; pass --api-key, set {env}, or save one in Settings "
        "(try the keyless demo: translator demo)"
    )


KeyShapeProblem = Literal["spaces", "prefix", "short"]
_SHORTEST_KEY = 20  # OpenAI's and Azure's keys are far longer; a fragment is a paste gone wrong


def key_shape_problem(provider: Provider, key: str) -> KeyShapeProblem | None:
    """Why ``key`` cannot be a key for ``provider`` (None: it may be one; only the service can
    tell). ``spaces``: words, not a key; ``prefix``: OpenAI's keys start with ``sk-``;
    ``short``: a fragment. Custom endpoints take any token without spaces."""
    if not key or any(char.isspace() for char in key):
        return "spaces"
    if provider == "custom":
        return None
    if provider == "openai" and not key.startswith("sk-"):
        return "prefix"
    if len(key) < _SHORTEST_KEY:
        return "short"
    return None
