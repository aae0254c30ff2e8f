"""`translator run` and the model lifecycle (the local server's `/v1/models` with the dates a
test sets): a model shutting down soon warns on one line and interprets; a model shut down is
refused before any websocket opens, exit 2, naming its successor; without a date, or without a
models endpoint at all, nothing is said."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from tests.e2e.conftest import local_en_es, one_sentence, translator_run
from tests.support.speech import EN
from translator.server.app import LocalRealtimeServer
from translator.server.brain import ScriptedBrain
from translator.server.options import ServerOptions

pytestmark = [pytest.mark.speech, pytest.mark.slow]
RETIRING = "gpt-realtime-mini"
SUCCESSOR = "gpt-realtime-2.1-mini"
QUICK = {"transcription_delay_s": 0.3, "response_created_delay_s": 0.05}


def _day(offset: int) -> str:
    return (datetime.date.today() + datetime.timedelta(days=offset)).isoformat()


async def _run(tmp_path: Path, brain: ScriptedBrain, options: ServerOptions) -> tuple:  # type: ignore[type-arg]
    async with LocalRealtimeServer(brain=brain, options=options) as server:
        cli = await translator_run(
            *local_en_es(server.url),
            "--model",
            RETIRING,
            *one_sentence(tmp_path),
            transcript=tmp_path / "t.json",
        )
        return cli, list(server.connections)


async def test_a_model_shutting_down_in_ten_days_warns_and_interprets(
    tmp_path: Path, bilingual_brain: ScriptedBrain
) -> None:
    options = ServerOptions(shutdown_dates={RETIRING: _day(10)}, **QUICK)  # type: ignore[arg-type]
    cli, _ = await _run(tmp_path, bilingual_brain, options)
    assert cli.code == 0, cli.stderr
    warnings = [line for line in cli.stderr.splitlines() if line.startswith("translator: warning")]
    assert warnings == [
        f"translator: warning: {RETIRING} shuts down on OpenAI on {_day(10)} (in 10 days); "
        f"switch to {SUCCESSOR} (the window's Switch button, or --model {SUCCESSOR})"
    ]
    assert cli.transcript is not None
    assert [s["target_text"] for s in cli.transcript["segments"]] == [EN[0].translations["es"]]


async def test_a_shut_down_model_is_refused_before_connecting_exit_2(
    tmp_path: Path, bilingual_brain: ScriptedBrain
) -> None:
    options = ServerOptions(shutdown_dates={RETIRING: _day(-1)})
    cli, connections = await _run(tmp_path, bilingual_brain, options)
    assert cli.code == 2
    assert cli.stderr.strip().splitlines()[-1] == (
        f"translator: error: {RETIRING} was shut down by OpenAI on {_day(-1)}; "
        f"switch to {SUCCESSOR} (the window's Switch button, or --model {SUCCESSOR})"
    )
    assert connections == []  # refused before any websocket opened
    assert "Traceback" not in cli.stderr and "https://" not in cli.stderr


@pytest.mark.parametrize(
    "options",
    [ServerOptions(**QUICK), ServerOptions(models_endpoint=False, **QUICK)],  # type: ignore[arg-type]
    ids=["no-shutdown-date", "no-models-endpoint"],
)
async def test_nothing_announced_runs_without_a_warning(
    tmp_path: Path, bilingual_brain: ScriptedBrain, options: ServerOptions
) -> None:
    cli, _ = await _run(tmp_path, bilingual_brain, options)
    assert cli.code == 0, cli.stderr
    assert "warning" not in cli.stderr
    assert cli.transcript is not None and len(cli.transcript["segments"]) == 1
