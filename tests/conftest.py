"""Shared test set-up: under CI=true a test that would skip fails instead; an ERROR logged by
the app (``translator.*``) or by asyncio (an exception nobody handled in a task or callback)
fails the test that logged it, unless the allow-list below names it; and the app's model
lifecycle check never leaves this machine (a test that would ask OpenAI fails)."""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Iterator

import pytest

from tests.support.keyrings import memory_keyring, no_keyring  # noqa: F401  (shared fixtures)

IN_CI = os.environ.get("CI") == "true"


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]):  # type: ignore[no-untyped-def]
    outcome = yield
    report = outcome.get_result()
    if IN_CI and report.skipped and not hasattr(report, "wasxfail"):
        report.outcome = "failed"
        report.longrepr = f"skipped under CI=true, which is a failure here: {report.longrepr}"


@pytest.fixture(autouse=True)
def _private_data_dir(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No test touches the user's real history, settings or cache; subprocesses inherit the
    variables."""
    monkeypatch.setenv("TRANSLATOR_DATA_DIR", str(tmp_path_factory.mktemp("data")))
    monkeypatch.setenv("TRANSLATOR_CONFIG_DIR", str(tmp_path_factory.mktemp("config")))
    monkeypatch.setenv("TRANSLATOR_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))


@pytest.fixture(autouse=True)
def _lifecycle_checks_stay_on_loopback(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests talk to servers they start on loopback, never to a real provider."""
    from urllib.parse import urlsplit

    from translator import lifecycle

    real_fetch = lifecycle._fetch

    def fetch_on_loopback(url: str, endpoint: object) -> object:
        host = urlsplit(url).hostname or ""
        if host not in {"127.0.0.1", "::1", "localhost"}:
            pytest.fail(f"the model lifecycle check asked {host} (tests stay on loopback)")
        return real_fetch(url, endpoint)  # type: ignore[arg-type]

    monkeypatch.setattr(lifecycle, "_fetch", fetch_on_loopback)


# (logger, message pattern, why the error is expected): errors a test provokes on purpose.
# Everything else logged at ERROR by these loggers fails the test.
ALLOWED_ERRORS: list[tuple[str, str, str]] = []
WATCHED_LOGGERS = ("translator", "asyncio")


class _ErrorRecords(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def _allowed(record: logging.LogRecord) -> bool:
    message = record.getMessage()
    return any(
        (record.name == name or record.name.startswith(name + ".")) and re.search(pattern, message)
        for name, pattern, _why in ALLOWED_ERRORS
    )


@pytest.fixture(autouse=True)
def _no_unexpected_errors_logged() -> Iterator[None]:
    handler = _ErrorRecords()
    for name in WATCHED_LOGGERS:
        logging.getLogger(name).addHandler(handler)
    try:
        yield
    finally:
        for name in WATCHED_LOGGERS:
            logging.getLogger(name).removeHandler(handler)
    unexpected = [r for r in handler.records if not _allowed(r)]
    assert not unexpected, "errors logged during the test:\n" + "\n".join(
        f"  {r.name}: {r.getMessage()}"
        + (f" ({r.exc_info[0].__name__}: {r.exc_info[1]})" if r.exc_info and r.exc_info[0] else "")
        for r in unexpected
    )
