"""Record stage: the shape of a printed record (`agenda.printed.json`) checked before anything
reads it, each fault found at its line and column of the file.

A record written by an older podium may lack keys or hold ones no longer made: those are
fine. A value of the wrong type (a hand edit, a merge gone wrong) is a fault, reported with
its key path, so that no reader of the record ever meets a shape it does not expect."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

KeyPath = tuple[str | int, ...]


class ShapeError(ValueError):
    """A fault at `path` of the record."""

    def __init__(self, path: KeyPath, message: str) -> None:
        super().__init__(message)
        self.path = path
        self.message = message


def dotted(path: KeyPath) -> str:
    """('records', 0, 'facts') -> 'records[0].facts'."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


Check = Callable[[Any, KeyPath], None]


def _kind(value: Any) -> str:
    return {dict: "an object", list: "a list", str: "a text", bool: "true or false",
            int: "a number", float: "a number", type(None): "null"}.get(type(value), "a value")


def _is(kinds: tuple[type, ...], what: str) -> Check:
    def check(value: Any, path: KeyPath) -> None:
        # true and false are not numbers here, whatever Python says.
        if not isinstance(value, kinds) or (isinstance(value, bool) and bool not in kinds):
            raise ShapeError(path, f"must be {what}, not {_kind(value)}")
    return check


TEXT = _is((str,), "a text")
TEXT_OR_NULL = _is((str, type(None)), "a text or null")
NUMBER = _is((int,), "a whole number")
FLAG = _is((bool,), "true or false")
OBJECT = _is((dict,), "an object")
LIST = _is((list,), "a list")
SCALAR = _is((str, int, float, bool, type(None)), "a text, number, true, false or null")


def listing(each: Check) -> Check:
    def check(value: Any, path: KeyPath) -> None:
        LIST(value, path)
        for k, v in enumerate(value):
            each(v, (*path, k))
    return check


def mapping(each: Check) -> Check:
    def check(value: Any, path: KeyPath) -> None:
        OBJECT(value, path)
        for k, v in value.items():
            each(v, (*path, k))
    return check


def fields(known: dict[str, Check], *, need: tuple[str, ...] = ()) -> Check:
    """An object whose known keys, when present, hold what they should."""
    def check(value: Any, path: KeyPath) -> None:
        OBJECT(value, path)
        for key in need:
            if key not in value:
                raise ShapeError(path, f"'{key}' is missing")
        for key, each in known.items():
            if key in value:
                each(value[key], (*path, key))
    return check


APPEARANCE = fields({"person": TEXT, "name": TEXT, "remote": FLAG, "role": TEXT_OR_NULL})
ITEM = fields({
    "day": TEXT, "day_index": NUMBER, "start": TEXT, "end": TEXT, "start_at": TEXT,
    "kind": TEXT, "number": _is((int, str), "a number or a text"), "title": TEXT,
    "subtitle": TEXT, "room": TEXT, "room_name": TEXT, "track": TEXT,
    "chair": listing(APPEARANCE), "speakers": listing(APPEARANCE),
    "background": listing(TEXT), "questions_label": TEXT, "questions": listing(TEXT),
    "format": TEXT, "language": TEXT, "guid": TEXT})
PERSON = mapping(TEXT_OR_NULL)
FACTS = fields({"event": OBJECT, "rooms": mapping(TEXT), "people": mapping(PERSON),
                "items": mapping(ITEM), "print": OBJECT, "attendees": mapping(PERSON)})
PIECE = fields({"output": TEXT, "key": TEXT, "label": TEXT, "digest": TEXT,
                "subjects": listing(TEXT)}, need=("output", "key", "label", "digest"))
ENTRY = fields({"recorded_at": TEXT, "agenda_sha256": TEXT, "agenda_text": TEXT,
                "facts": FACTS, "pieces": listing(PIECE)}, need=("recorded_at", "facts"))


def check_entries(entries: Any) -> None:
    """Raise ShapeError at the first fault of the record's `records` list."""
    listing(ENTRY)(entries, ("records",))
    if not entries:
        raise ShapeError(("records",), "holds no record")


_SPACE = re.compile(r"[ \t\n\r]*")
_DECODER = json.JSONDecoder()


def _skip(text: str, i: int) -> int:
    match = _SPACE.match(text, i)
    return match.end() if match else i


def offset_of(text: str, path: KeyPath) -> int:
    """Where the value at `path` starts in the JSON `text` (or, when a key on the way is
    missing, the object that lacks it). `text` must be valid JSON."""
    i = _skip(text, 0)
    for part in path:
        opener = text[i:i + 1]
        if opener not in "{[" or not opener:
            return i
        j, k, found = _skip(text, i + 1), 0, None
        while j < len(text) and text[j] not in "}]":
            if opener == "{":
                key, j = _DECODER.raw_decode(text, j)
                j = _skip(text, _skip(text, j) + 1)         # past the ':'
            else:
                key = k
            if key == part:
                found = j               # the last one, as json.loads keeps the last
            _, j = _DECODER.raw_decode(text, j)
            j = _skip(text, j)
            if text[j:j + 1] == ",":
                j = _skip(text, j + 1)
            k += 1
        if found is None:
            return i
        i = found
    return i


def line_col(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1
