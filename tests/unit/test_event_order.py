"""The §3.2 order checker passes real turns and names the first deviation of broken ones."""

from __future__ import annotations

import pytest

from tests.support.event_order import OrderFixture, check_response_order

GA = OrderFixture.load("ga_response_order.json")
BETA = OrderFixture.load("beta_response_order.json")

A_DELTA = "response.output_audio.delta"
T_DELTA = "response.output_audio_transcript.delta"
ASR_DELTA = "conversation.item.input_audio_transcription.delta"
ASR_DONE = "conversation.item.input_audio_transcription.completed"
ASR_FAILED = "conversation.item.input_audio_transcription.failed"

HEAD = [
    "input_audio_buffer.speech_started",
    "input_audio_buffer.speech_stopped",
    "input_audio_buffer.committed",
    "conversation.item.added",
    "conversation.item.done",
    "response.created",
    "response.output_item.added",
    "conversation.item.added",
    "response.content_part.added",
]
TAIL = [
    "response.output_audio.done",
    "response.output_audio_transcript.done",
    "response.content_part.done",
    "conversation.item.done",
    "response.output_item.done",
    "response.done",
    "rate_limits.updated",
]


def ga_turn(deltas: list[str] | None = None) -> list[str]:
    return [*HEAD, *(deltas or [T_DELTA, T_DELTA, A_DELTA, T_DELTA, A_DELTA, A_DELTA]), *TAIL]


def insert(events: list[str], after: str, *new: str, occurrence: int = 1) -> list[str]:
    """``events`` with ``new`` inserted after the n-th ``after``."""
    positions = [i for i, e in enumerate(events) if e == after]
    at = positions[occurrence - 1] + 1
    return [*events[:at], *new, *events[at:]]


@pytest.mark.parametrize(
    "deltas",
    [
        [T_DELTA, A_DELTA],
        [A_DELTA, T_DELTA],
        [T_DELTA] * 5 + [A_DELTA] * 40,
        [A_DELTA, T_DELTA, A_DELTA, T_DELTA, A_DELTA, A_DELTA, T_DELTA],
    ],
    ids=["one-each", "audio-first", "transcript-ahead", "alternating"],
)
def test_a_ga_turn_with_any_interleaving_of_deltas_passes(deltas: list[str]) -> None:
    check_response_order(ga_turn(deltas), GA)


@pytest.mark.parametrize(
    ("after", "occurrence"),
    [
        ("conversation.item.added", 1),  # right after the user item exists
        ("response.created", 1),
        (A_DELTA, 2),
        ("response.done", 1),
        ("rate_limits.updated", 1),  # after the whole response
    ],
)
def test_input_transcription_may_land_anywhere_after_the_user_item(
    after: str, occurrence: int
) -> None:
    check_response_order(
        insert(ga_turn(), after, ASR_DELTA, ASR_DELTA, ASR_DONE, occurrence=occurrence), GA
    )


def test_input_transcription_completed_after_response_done_passes() -> None:
    turn = insert(ga_turn(), "conversation.item.done", ASR_DELTA)
    check_response_order(insert(turn, "response.done", ASR_DONE), GA)


def test_a_failed_transcription_and_no_transcription_both_pass() -> None:
    check_response_order(insert(ga_turn(), "response.done", ASR_FAILED), GA)
    check_response_order(ga_turn(), GA)


def test_swapped_output_item_done_and_response_done_fails_naming_both() -> None:
    turn = ga_turn()
    i, j = turn.index("response.output_item.done"), turn.index("response.done")
    turn[i], turn[j] = turn[j], turn[i]
    with pytest.raises(AssertionError) as failure:
        check_response_order(turn, GA)
    message = str(failure.value)
    assert f"at event {i + 1} 'response.done'" in message
    assert "expected 'response.output_item.done'" in message


def test_rate_limits_before_response_done_fails() -> None:
    turn = ga_turn()
    turn.remove("rate_limits.updated")
    turn = insert(turn, "response.output_item.done", "rate_limits.updated")
    with pytest.raises(AssertionError, match=r"'rate_limits\.updated': expected 'response\.done'"):
        check_response_order(turn, GA)


def test_rate_limits_at_the_start_of_the_response_fails() -> None:
    turn = ga_turn()
    turn.remove("rate_limits.updated")
    with pytest.raises(AssertionError, match=r"rate_limits\.updated"):
        check_response_order(insert(turn, "response.created", "rate_limits.updated"), GA)


def test_transcription_before_the_user_item_exists_fails() -> None:
    turn = insert(ga_turn(), "input_audio_buffer.committed", ASR_DELTA)
    with pytest.raises(AssertionError, match=r"only arrive after 'conversation\.item\.added'"):
        check_response_order(turn, GA)


def test_a_transcription_delta_after_completed_fails() -> None:
    turn = insert(ga_turn(), "response.created", ASR_DONE)
    turn = insert(turn, "response.done", ASR_DELTA)
    with pytest.raises(AssertionError, match=r"after '.*completed', which ends its group"):
        check_response_order(turn, GA)


def test_a_response_without_audio_deltas_fails() -> None:
    with pytest.raises(AssertionError, match=r"expected .*'response\.output_audio\.delta'"):
        check_response_order(ga_turn([T_DELTA, T_DELTA]), GA)


def test_a_delta_after_audio_done_fails() -> None:
    turn = insert(ga_turn(), "response.output_audio.done", A_DELTA)
    with pytest.raises(AssertionError, match=r"expected 'response\.output_audio_transcript\.done'"):
        check_response_order(turn, GA)


def test_a_duplicated_response_created_fails() -> None:
    turn = insert(ga_turn(), "response.created", "response.created")
    with pytest.raises(AssertionError, match=r"event 7 'response\.created'"):
        check_response_order(turn, GA)


def test_an_unknown_event_in_the_turn_fails() -> None:
    turn = insert(ga_turn(), "response.created", "response.thinking")
    with pytest.raises(AssertionError, match="never contains that type"):
        check_response_order(turn, GA)


def test_a_turn_cut_short_fails_naming_what_is_missing() -> None:
    with pytest.raises(AssertionError, match=r"still expects 'rate_limits\.updated'"):
        check_response_order(ga_turn()[:-1], GA)
    with pytest.raises(AssertionError, match=r"still expects 'conversation\.item\.done'.*3 more"):
        check_response_order(ga_turn()[:-4], GA)


def test_events_after_the_turn_ended_fail() -> None:
    with pytest.raises(AssertionError, match="already ended"):
        check_response_order([*ga_turn(), "rate_limits.updated"], GA)


def test_the_beta_fixture_has_beta_names_and_no_ga_item_done() -> None:
    beta_turn = [
        "input_audio_buffer.speech_started",
        "input_audio_buffer.speech_stopped",
        "input_audio_buffer.committed",
        "conversation.item.created",
        ASR_DELTA,
        "response.created",
        "response.output_item.added",
        "conversation.item.created",
        "response.content_part.added",
        "response.audio_transcript.delta",
        "response.audio.delta",
        "response.audio.delta",
        "response.audio.done",
        "response.audio_transcript.done",
        "response.content_part.done",
        "response.output_item.done",
        "response.done",
        "rate_limits.updated",
        ASR_DONE,
    ]
    check_response_order(beta_turn, BETA)
    check_response_order(beta_turn, "beta_response_order.json")
    with pytest.raises(AssertionError):
        check_response_order(beta_turn, GA)
    with pytest.raises(AssertionError):
        check_response_order(ga_turn(), BETA)
