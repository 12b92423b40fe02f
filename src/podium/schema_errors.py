"""Validation stage: turn pydantic's schema errors into positioned, plain-language problems."""

from __future__ import annotations

from typing import Any, get_args

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from podium.model import Agenda, ItemKind
from podium.problems import Problem, did_you_mean
from podium.yamlsource import Located, Path_

_TYPE_WORDS = {
    "string_type": "text",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "list_type": "a list",
    "dict_type": "a mapping of keys to values",
    "model_type": "a mapping of keys to values",
    "model_attributes_type": "a mapping of keys to values",
    "float_type": "a number",
    "float_parsing": "a number",
    "tuple_type": "a list",
}


# Words organisers reach for that the schema spells differently; difflib cannot guess these.
SYNONYMS = {
    "panelists": "speakers", "panellists": "speakers", "panel": "speakers",
    "presenters": "speakers", "speaker": "speakers", "moderator": "chair",
    "moderators": "chair", "chairs": "chair", "organization": "organisation",
    "org": "organisation", "affiliation": "organisation", "rank": "title",
    "honorific": "title", "position": "role", "abstract": "background",
    "description": "background", "location": "room", "type": "kind",
    "tz": "timezone", "time_zone": "timezone", "website": "url", "lang": "language",
    "begin": "start", "from": "start", "to": "end", "finish": "end", "name": "title",
    "sessions": "items", "schedule": "days", "speakers_list": "speakers",
}


def _describe(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return f"'{value}'"


def _model_at(path: Path_) -> type[BaseModel] | None:
    """The pydantic model that describes the mapping at `path` (indices skipped)."""
    model: Any = Agenda
    for part in path:
        if isinstance(part, int):
            continue
        field = next((f for name, f in model.model_fields.items()
                      if (f.alias or name) == part), None)
        if field is None:
            return None
        model = _inner_model(field.annotation)
        if model is None:
            return None
    return model if isinstance(model, type) and issubclass(model, BaseModel) else None


def _inner_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in get_args(annotation):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def _keys_of(model: type[BaseModel]) -> list[str]:
    return [f.alias or name for name, f in model.model_fields.items()]


def _clean_loc(loc: tuple[str | int, ...]) -> Path_:
    # Function validators add their own names to `loc`; keep only real keys and indices.
    return tuple(p for p in loc if isinstance(p, int) or not p.startswith("function-"))


def translate(error: ErrorDetails, located: Located) -> Problem:
    path = _clean_loc(error["loc"])
    kind = error["type"]
    value = error.get("input")
    if kind == "missing":
        parent, key = path[:-1], path[-1]
        return located.problem(parent, f"missing required key '{key}'")
    if kind == "extra_forbidden":
        key = str(path[-1])
        model = _model_at(path[:-1])
        keys = _keys_of(model) if model else []
        hint = did_you_mean(key, keys)
        if not hint and SYNONYMS.get(key.lower()) in keys:
            hint = f"; did you mean '{SYNONYMS[key.lower()]}'?"
        return located.problem(path, f"unknown key '{key}'{hint}", key=True)
    if kind == "literal_error":
        expected = error.get("ctx", {}).get("expected", "")
        if path and path[-1] == "kind":
            choices = list(get_args(ItemKind))
            return located.problem(path, f"unknown kind {_describe(value)}{did_you_mean(str(value), choices)}"
                                         f" (expected one of {', '.join(choices)})")
        return located.problem(path, f"{_describe(value)} is not allowed; expected {expected}")
    if kind == "value_error":
        message = str(error.get("ctx", {}).get("error", error["msg"]))
        return located.problem(path, message)
    if kind in _TYPE_WORDS:
        return located.problem(path, f"expected {_TYPE_WORDS[kind]}, got {_describe(value)}")
    return located.problem(path, error["msg"])


def schema_problems(located: Located) -> tuple[Agenda | None, list[Problem]]:
    """Validate the data against the schema; the model when it passes, else every problem."""
    if not isinstance(located.data, dict):
        return None, [located.problem((), "the agenda must be a mapping with event, people and days")]
    try:
        return Agenda.model_validate(located.data), []
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
        return None, [translate(e, located) for e in errors if not _misspelt(e, errors)]


def _misspelt(error: ErrorDetails, errors: list[ErrorDetails]) -> bool:
    """A missing required key beside an unknown key that is its misspelling (`timezon:`): one
    mistake, told once, by the unknown key's did-you-mean."""
    if error["type"] != "missing":
        return False
    path = _clean_loc(error["loc"])
    key = str(path[-1])
    for other in errors:
        there = _clean_loc(other["loc"])
        if other["type"] == "extra_forbidden" and there[:-1] == path[:-1]:
            typed = str(there[-1])
            if did_you_mean(typed, [key]) or SYNONYMS.get(typed.lower()) == key:
                return True
    return False
