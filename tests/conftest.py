"""Shared test set-up: under CI=true a test that would skip fails instead."""

from __future__ import annotations

import os

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
    """No test touches the user's real history or settings; subprocesses inherit the variables."""
    monkeypatch.setenv("TRANSLATOR_DATA_DIR", str(tmp_path_factory.mktemp("data")))
    monkeypatch.setenv("TRANSLATOR_CONFIG_DIR", str(tmp_path_factory.mktemp("config")))
