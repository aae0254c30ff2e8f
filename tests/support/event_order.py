"""Checks a server's event order for one user turn against a fixture written from reference §3.2.

The fixtures (``tests/fixtures/ga_response_order.json``, ``beta_response_order.json``) list the
turn as data: ``sequence`` steps in arrival order, each a single event type or an
``interleaved`` run of several types (audio and transcript deltas), with ``min``/``max`` counts
(default exactly once); and ``asynchronous`` groups (input transcription) that may arrive
anywhere after a named step, deltas first and at most one terminal event.

:func:`check_response_order` takes the event types of **one** turn (filter other turns out by
``item_id``/``response_id`` first) and raises an ``AssertionError`` naming the first deviation:
which event, what the fixture expected there, and the turn so far.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

FIXTURES = Path(__file__).parents[1] / "fixtures"


@dataclass(frozen=True)
class Step:
    """One position of the sequence: event type → (min, max) count (max None = unbounded)."""

    index: int
    counts: Mapping[str, tuple[int, int | None]]
    id: str | None = None
    note: str | None = None

    def satisfied_by(self, seen: Mapping[str, int]) -> bool:
        return all(seen.get(t, 0) >= low for t, (low, _) in self.counts.items())

    def accepts(self, event_type: str, seen: Mapping[str, int]) -> bool:
        if event_type not in self.counts:
            return False
        high = self.counts[event_type][1]
        return high is None or seen.get(event_type, 0) < high

    def describe(self) -> str:
        names = " / ".join(f"'{t}'" for t in self.counts)
        kind = "interleaved " if len(self.counts) > 1 else ""
        note = f": {self.note}" if self.note else ""
        return f"{kind}{names} (step {self.index + 1}{note})"


@dataclass(frozen=True)
class AsynchronousGroup:
    """Events of a separate pass that may arrive anywhere after step ``after``."""

    after: int
    repeating: frozenset[str]
    terminal: frozenset[str]

    @property
    def types(self) -> frozenset[str]:
        return self.repeating | self.terminal


@dataclass(frozen=True)
class OrderFixture:
    name: str
    steps: tuple[Step, ...]
    asynchronous: tuple[AsynchronousGroup, ...]

    @classmethod
    def from_mapping(cls, raw: Mapping[str, Any], name: str = "fixture") -> OrderFixture:
        steps: list[Step] = []
        for index, spec in enumerate(raw["sequence"]):
            members = spec.get("interleaved", [spec])
            counts = {m["type"]: (int(m.get("min", 1)), m.get("max", 1)) for m in members}
            steps.append(Step(index, counts, spec.get("id"), spec.get("note")))
        ids = {step.id: step.index for step in steps if step.id}
        groups = tuple(
            AsynchronousGroup(
                after=ids[group["after"]],
                repeating=frozenset(group.get("repeating", ())),
                terminal=frozenset(group.get("terminal", ())),
            )
            for group in raw.get("asynchronous", ())
        )
        return cls(name, tuple(steps), groups)

    @classmethod
    def load(cls, path: str | Path) -> OrderFixture:
        """A fixture by path, or by file name under ``tests/fixtures``."""
        path = Path(path)
        if not path.exists() and not path.is_absolute():
            path = FIXTURES / path
        return cls.from_mapping(json.loads(path.read_text(encoding="utf-8")), path.name)


def _fail(fixture: OrderFixture, events: Sequence[str], position: int, problem: str) -> None:
    shown: list[str] = []
    first = 1
    for event_type, run in itertools.groupby(events[: position + 1]):
        count = len(list(run))
        last = first + count - 1
        shown.append(
            f"{first}. {event_type}" if count == 1 else f"{first}-{last}. {event_type} ×{count}"
        )
        first = last + 1
    raise AssertionError(
        f"event order deviates from {fixture.name} at event {position + 1} "
        f"'{events[position]}': {problem}\n  turn up to there:\n    " + "\n    ".join(shown)
    )


def check_response_order(event_types: Sequence[str], fixture: OrderFixture | str | Path) -> None:
    """Raise ``AssertionError`` at the first event of the turn that breaks the fixture's order."""
    if not isinstance(fixture, OrderFixture):
        fixture = OrderFixture.load(fixture)
    steps = fixture.steps
    step = 0
    seen: dict[str, int] = {}
    terminated: dict[int, str] = {}  # asynchronous group → its terminal event

    def reached(index: int) -> bool:
        return step > index or (step == index and steps[index].satisfied_by(seen))

    for position, event_type in enumerate(event_types):
        group = next((g for g in fixture.asynchronous if event_type in g.types), None)
        if group is not None:
            number = fixture.asynchronous.index(group)
            if not reached(group.after):
                _fail(
                    fixture,
                    event_types,
                    position,
                    f"it may only arrive after {steps[group.after].describe()} has occurred",
                )
            if number in terminated:
                _fail(
                    fixture,
                    event_types,
                    position,
                    f"it arrived after '{terminated[number]}', which ends its group",
                )
            if event_type in group.terminal:
                terminated[number] = event_type
            continue

        while not steps[step].accepts(event_type, seen):
            if steps[step].satisfied_by(seen) and step + 1 < len(steps):
                step += 1
                seen = {}
                continue
            if steps[step].satisfied_by(seen):
                problem = f"the turn already ended with {steps[step].describe()}"
            else:
                problem = f"expected {steps[step].describe()}"
            if not any(event_type in s.counts for s in steps):
                problem += "; this turn never contains that type"
            _fail(fixture, event_types, position, problem)
        seen[event_type] = seen.get(event_type, 0) + 1

    if not event_types:
        raise AssertionError(f"no events: {fixture.name} expects {steps[0].describe()} first")
    missing = [s for s in steps[step:] if not s.satisfied_by(seen if s.index == step else {})]
    if missing:
        raise AssertionError(
            f"the turn ended after {len(event_types)} events ('{event_types[-1]}') but "
            f"{fixture.name} still expects {missing[0].describe()}"
            + (f" and {len(missing) - 1} more step(s)" if len(missing) > 1 else "")
        )
