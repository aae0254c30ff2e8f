"""The suite's own guards (``tests/conftest.py``) fail what they are meant to fail: an ERROR the
app logs, an exception no task handled. Each case runs in a pytest session of its own."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

GUARD = "from tests.conftest import _no_unexpected_errors_logged  # noqa: F401\n"


@pytest.fixture
def run_alone(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> Callable[[str], pytest.RunResult]:
    """Runs a test module's text in a pytest session of its own, with the project's guard."""
    monkeypatch.setenv("PYTHONPATH", str(ROOT))  # for ``tests.conftest``
    pytester.makeconftest(GUARD)
    pytester.makeini("[pytest]\nasyncio_default_fixture_loop_scope = function\n")

    def run(body: str) -> pytest.RunResult:
        pytester.makepyfile(body)
        return pytester.runpytest_subprocess("-q", "-p", "no:cacheprovider")

    return run


def test_an_error_logged_by_the_app_fails_the_test(
    run_alone: Callable[[str], pytest.RunResult],
) -> None:
    result = run_alone(
        """
import logging

def test_quietly_failing():
    logging.getLogger("translator.realtime.session").error("could not reconnect")

def test_warning_only():
    logging.getLogger("translator.realtime.session").warning("reconnecting")
""",
    )
    result.assert_outcomes(passed=2, errors=1)
    result.stdout.fnmatch_lines(["*translator.realtime.session: could not reconnect*"])


def test_an_exception_no_task_handled_fails_the_test(
    run_alone: Callable[[str], pytest.RunResult],
) -> None:
    result = run_alone(
        """
import asyncio
import pytest

async def boom():
    raise RuntimeError("lost in a task")

@pytest.mark.asyncio
async def test_forgotten_task():
    asyncio.get_running_loop().create_task(boom())
    await asyncio.sleep(0)
""",
    )
    result.assert_outcomes(passed=1, errors=1)
    result.stdout.fnmatch_lines(
        ["*asyncio: Task exception was never retrieved*", "*RuntimeError('lost in a task')*"]
    )
