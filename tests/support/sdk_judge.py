"""The official ``openai`` SDK (3.54.0) as an independent judge of wire events.

Our client and our local server are written by us from the same reference; checking them only
against each other would let a shared misunderstanding pass. The SDK's generated models are
OpenAI's own description of the wire, so:

- :func:`validate_client_event` — every event the client sends must be one of the SDK's
  client-event types for its dialect, valid in strict mode, with **no** field the SDK does not
  know. The SDK models allow extra fields, so the judge walks ``model_extra`` through every nested
  model and list and reports the paths (the real service answers those with
  ``unknown_parameter`` and drops the whole update).
- :func:`parse_server_event` — every event the server emits must parse with the SDK's
  server-event models for its dialect; extra fields are allowed only from a short, named
  allow-list of fields the real service is known to send that the SDK models lack (reference
  §1.6 and §4.2). Anything else extra is an error naming its path.

Dialects: ``realtime`` = GA (``openai.types.realtime``), ``legacy`` = beta
(``openai.types.beta.realtime``), ``translate`` = ``gpt-realtime-translate``
(``openai.types.realtime.RealtimeTranslation*``). GA ``session.close`` is not a GA client event
in the SDK: the judge rejects it, so the app must not send it on GA.

Paths are dotted wire names with list indices as numbers (``response.output.0.status``); the
allow-list holds ``"<event type>:<path>"`` patterns (``fnmatch``-style ``*``).
"""

from __future__ import annotations

import fnmatch
import functools
import json
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, get_args

import openai.types.beta.realtime as beta
import openai.types.realtime as ga
from pydantic import BaseModel, ValidationError

from translator.catalog import Dialect


class SdkJudgeRejection(AssertionError):
    """The SDK's models reject an event; the message says which event, field and dialect."""


# Fields the real service sends that the SDK 3.54.0 models do not declare.
DEFAULT_ALLOWED_EXTRA: frozenset[str] = frozenset(
    {
        # Padding on streamed deltas, observed on the GA wire (reference §1.6 [PROBE][CPP]).
        "response.output_audio.delta:obfuscation",
        "response.output_audio_transcript.delta:obfuscation",
        "response.output_text.delta:obfuscation",
        "response.function_call_arguments.delta:obfuscation",
        "conversation.item.input_audio_transcription.delta:obfuscation",
        # Session objects carry id/object/expires_at (reference §4.1, §4.2); the SDK's GA session
        # model is the *request* shape, without them, and its beta one has only ``id``.
        "session.created:session.id",
        "session.created:session.object",
        "session.created:session.expires_at",
        "session.updated:session.id",
        "session.updated:session.object",
        "session.updated:session.expires_at",
        # The same deltas under their beta names (Azure preview deployments).
        "response.audio.delta:obfuscation",
        "response.audio_transcript.delta:obfuscation",
        "response.text.delta:obfuscation",
    }
)

_CLIENT_UNIONS: Mapping[Dialect, Any] = {
    "realtime": ga.RealtimeClientEvent,
    "legacy": beta.RealtimeClientEvent,
    "translate": ga.RealtimeTranslationClientEvent,
}
_SERVER_UNIONS: Mapping[Dialect, Any] = {
    "realtime": ga.RealtimeServerEvent,
    "legacy": beta.RealtimeServerEvent,
    "translate": ga.RealtimeTranslationServerEvent,
}
_DIALECT_NAMES: Mapping[Dialect, str] = {
    "realtime": "GA realtime",
    "legacy": "beta (legacy)",
    "translate": "translate",
}


@functools.cache
def _members(union: Any) -> dict[str, type[BaseModel]]:
    """Event type string → SDK model, for an ``Annotated[Union[...], discriminator]`` alias."""
    (inner, *_metadata) = get_args(union)
    members: dict[str, type[BaseModel]] = {}
    for model in get_args(inner):
        for literal in get_args(model.model_fields["type"].annotation):
            members[literal] = model
    return members


def _event_model(
    event: Mapping[str, Any], union: Any, dialect: Dialect, side: str
) -> type[BaseModel]:
    event_type = event.get("type")
    members = _members(union)
    if not isinstance(event_type, str) or event_type not in members:
        raise SdkJudgeRejection(
            f"{_DIALECT_NAMES[dialect]} {side} event type {event_type!r} is not in the SDK's "
            f"{side}-event union; known types: {', '.join(sorted(members))}"
        )
    return members[event_type]


def _validate(event: Mapping[str, Any], model: type[BaseModel], label: str) -> BaseModel:
    try:
        # Strict, from JSON: what the bytes on the wire are, without Python-side coercions.
        return model.model_validate_json(json.dumps(event), strict=True)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc']) or '<event>'}: {err['msg']}"
            for err in exc.errors()
        )
        raise SdkJudgeRejection(f"{label} does not validate against the SDK: {problems}") from exc


def _wire_name(model: BaseModel, field: str) -> str:
    alias = type(model).model_fields[field].alias
    return alias or field


def _join(path: str, name: str | int) -> str:
    return f"{path}.{name}" if path else str(name)


def extra_field_paths(value: object, path: str = "") -> Iterator[str]:
    """Every field the SDK models do not declare, as a dotted path, depth first."""
    if isinstance(value, BaseModel):
        for name in value.model_extra or {}:
            yield _join(path, name)
        for field in type(value).model_fields:
            yield from extra_field_paths(
                getattr(value, field), _join(path, _wire_name(value, field))
            )
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            yield from extra_field_paths(item, _join(path, index))
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from extra_field_paths(item, _join(path, str(key)))


def _split_item_references(event: dict[str, Any]) -> tuple[dict[str, Any], dict[int, Any]]:
    """GA ``response.create`` minus its ``item_reference`` inputs, and those inputs by index.

    The SDK sends references through ``ResponseCreateEventWithReferencesParam`` (a TypedDict,
    which cannot be validated with unknown keys forbidden); its ``ResponseCreateEvent`` model
    lacks them. So each reference is judged with the SDK's ``ResponseItemReference`` model and
    the rest of the event with ``ResponseCreateEvent`` (where the other inputs' indices then
    count without the references).
    """
    response = event.get("response")
    if not isinstance(response, dict) or not isinstance(response.get("input"), list):
        return event, {}
    inputs: list[Any] = response["input"]
    references = {
        i: item
        for i, item in enumerate(inputs)
        if isinstance(item, dict) and item.get("type") == "item_reference"
    }
    rest = [item for i, item in enumerate(inputs) if i not in references]
    return {**event, "response": {**response, "input": rest}}, references


def validate_client_event(event: dict[str, Any], dialect: Dialect) -> None:
    """Raise :class:`SdkJudgeRejection` unless ``event`` is a client event the SDK fully knows."""
    model = _event_model(event, _CLIENT_UNIONS[dialect], dialect, "client")
    label = f"{_DIALECT_NAMES[dialect]} client event {event['type']!r}"
    references: dict[int, Any] = {}
    if dialect == "realtime" and event["type"] == "response.create":
        event, references = _split_item_references(event)
    parsed = _validate(event, model, label)
    unknown = list(extra_field_paths(parsed))
    for index, reference in references.items():
        path = f"response.input.{index}"
        judged = _validate(reference, ga.ResponseItemReference, f"{label} ({path})")
        unknown += extra_field_paths(judged, path)
    if unknown:
        raise SdkJudgeRejection(
            f"{label} has fields the SDK does not know (the service answers unknown_parameter): "
            + ", ".join(unknown)
        )


def _allowed(event_type: str, path: str, patterns: Iterable[str]) -> bool:
    key = f"{event_type}:{path}"
    return any(fnmatch.fnmatchcase(key, pattern) for pattern in patterns)


def parse_server_event(
    event: dict[str, Any],
    dialect: Dialect,
    allow_extra: frozenset[str] = DEFAULT_ALLOWED_EXTRA,
) -> BaseModel:
    """Parse a server event with the SDK's models; extra fields only from ``allow_extra``."""
    model = _event_model(event, _SERVER_UNIONS[dialect], dialect, "server")
    label = f"{_DIALECT_NAMES[dialect]} server event {event['type']!r}"
    parsed = _validate(event, model, label)
    unexpected = [
        path for path in extra_field_paths(parsed) if not _allowed(event["type"], path, allow_extra)
    ]
    if unexpected:
        raise SdkJudgeRejection(
            f"{label} has fields neither the SDK nor the allow-list of known extras declares: "
            + ", ".join(unexpected)
        )
    return parsed
