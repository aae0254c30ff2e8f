"""Where a session connects: the URL and the headers of one engine on one provider.

Providers and engines beyond OpenAI GA (Azure, custom base URLs, the translate endpoint, the beta
shape) are added here as further constructors. Headers carry secrets: never log or print them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlencode, urlsplit

OPENAI_BASE_URL = "wss://api.openai.com/v1"


class InsecureEndpoint(ValueError):
    pass


@dataclass(frozen=True)
class Endpoint:
    url: str
    headers: tuple[tuple[str, str], ...] = field(repr=False)
    model: str

    def __str__(self) -> str:
        return self.url


def _check_scheme(url: str, allow_insecure: bool) -> None:
    parts = urlsplit(url)
    if parts.scheme == "wss":
        return
    if parts.scheme != "ws":
        raise InsecureEndpoint(f"{url!r} is not a ws:// or wss:// URL; use wss://HOST/v1")
    host = parts.hostname or ""
    if host in {"localhost", "::1"} or host.startswith("127.") or allow_insecure:
        return
    raise InsecureEndpoint(
        f"{url!r} would send the API key unencrypted; use wss:// or pass --allow-insecure"
    )


def openai_realtime(
    api_key: str, model: str, base_url: str = OPENAI_BASE_URL, *, allow_insecure: bool = False
) -> Endpoint:
    """GA Realtime on OpenAI or any compatible base URL (reference §1.3)."""
    url = f"{base_url.rstrip('/')}/realtime?{urlencode({'model': model})}"
    _check_scheme(url, allow_insecure)
    return Endpoint(url=url, headers=(("Authorization", f"Bearer {api_key}"),), model=model)
