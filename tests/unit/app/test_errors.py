"""One error mapping for every front end: each cause named, what to do said, no library noise."""

from __future__ import annotations

import datetime
import errno
import socket

import pytest
from pydantic import ValidationError

from translator.app.errors import Problem, explain
from translator.audio.errors import DeviceNotFound
from translator.realtime.config import TranslationConfig
from translator.realtime.endpoints import EndpointError
from translator.realtime.errors import AuthenticationFailed, ConnectionLost, model_retired


def _invalid(**fields: str) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        TranslationConfig.model_validate(
            {"source_language": "en", "target_language": "es", **fields}
        )
    return caught.value


@pytest.mark.parametrize(
    ("exc", "cause", "what"),
    [
        (_invalid(target_language="xx"), "input", "target_language: unknown language code 'xx'"),
        (
            _invalid(voice="nope"),
            "input",
            "voice 'nope' is not available for gpt-realtime-2.1-mini",
        ),
        (
            ConnectionRefusedError(errno.ECONNREFUSED, "Connection refused"),
            "network",
            "the service could not be reached (Connection refused)",
        ),
        (
            socket.gaierror(-2, "Name or service not known"),
            "network",
            "the service could not be reached",
        ),
        (
            PermissionError(errno.EACCES, "Permission denied", "/h/x.jsonl"),
            "disk",
            "cannot write /h/x.jsonl (Permission denied)",
        ),
        (
            DeviceNotFound("USB mic", "input", ["Built-in [ALSA]"]),
            "device",
            "No input device matches 'USB mic'",
        ),
        (
            AuthenticationFailed("the service rejected the API key (bad)", "check the key"),
            "key",
            "the service rejected the API key",
        ),
        (
            model_retired("gpt-realtime-mini", datetime.date(2027, 1, 20)),
            "model",
            "gpt-realtime-mini was shut down",
        ),
        (ConnectionLost("gone", "retry"), "network", "gone"),
        (
            EndpointError("no API key for openai; set OPENAI_API_KEY"),
            "endpoint",
            "no API key for openai",
        ),
        (RuntimeError("boom"), "service", "RuntimeError: boom"),
    ],
    ids=lambda v: type(v).__name__ if isinstance(v, BaseException) else None,
)
def test_every_cause_is_named_with_what_happened_and_what_to_do(
    exc: BaseException, cause: str, what: str
) -> None:
    problem = explain(exc)
    assert isinstance(problem, Problem)
    assert (problem.cause, problem.what[: len(what)]) == (cause, what)
    assert problem.action and "\n" not in problem.line
    assert "pydantic" not in problem.line and "http" not in problem.line


def test_the_valid_choices_are_named() -> None:
    line = explain(_invalid(voice="nope")).line
    assert line.endswith(
        "choose one of: alloy, ash, ballad, coral, echo, sage, shimmer, verse, marin, cedar"
    )
