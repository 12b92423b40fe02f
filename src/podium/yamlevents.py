"""Reading stage: plain data and the position of every key and value, from YAML parse events.

PyYAML's compose() would build a node tree first, recursively (deep nesting overflows the
stack) and with aliases as shared nodes (a "billion laughs" file expands without end).
Reading the events instead, this builder counts as it goes: nesting depth, the length of
every text, and what aliases repeat, and stops at the limits in `podium.limits`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml

from podium import controls
from podium.limits import (
    ALIAS_FLOOR,
    BYTES_PER_VALUE,
    MAX_DEPTH,
    MAX_TEXT_CHARS,
    VALUES_FLOOR,
    max_values,
)
from podium.problems import Problem

Path_ = tuple[str | int, ...]
Mark = tuple[int, int]
Packed = int
"""A mark as one number, line << 24 | column (a line of a 10 MB file has fewer than 2**24
columns): a dense file holds a position for every 2 bytes, and a tuple costs 100 bytes."""


def pack(mark: Mark) -> Packed:
    return mark[0] << 24 | mark[1]


def unpack(packed: Packed) -> Mark:
    return packed >> 24, packed & 0xFFFFFF

POSITION_DEPTH = 10
"""Values are given positions of their own down to this depth (the schema's deepest is
days[0].items[0].speakers[0].person, 7); deeper ones are reported at their ancestor's, so
that a deep value costs no more memory than a shallow one."""


def format_path(path: Path_) -> str:
    """`('days', 0, 'items', 2)` -> `days[0].items[2]`."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + part
    return out


class Stop(Exception):
    """A limit that ends reading was passed: nesting deeper than MAX_DEPTH (the parser's work
    per event grows with the depth, PyYAML's quadratically) or more values than the file's
    size allows. The parser is not asked for more."""


@dataclass
class _Anchor:
    path: Path_
    line: int
    value: Any = None
    key_text: str | None = None  # a scalar's text, for an alias used as a key
    values: tuple[int, int] = (0, 0)  # its range in Builder.values
    keys: tuple[int, int] = (0, 0)
    count: int = 0  # values, counting what aliases inside it repeat
    height: int = -1  # how many lists and mappings deep it goes (-1: a text)
    chars: int = 0  # characters of its texts, the same way
    done: bool = False


class Builder:
    """Consumes the events of one YAML stream from `loader` and builds its one document."""

    def __init__(self, loader: Any, file: str, *, size: int, spans: bool, plain: Any) -> None:
        self.loader = loader
        self.file = file
        self.alias_budget = max(ALIAS_FLOOR, size)
        self.max_values = max_values(size)
        self.plain = plain  # what an unquoted scalar means (yamlsource.plain_value)
        self.values: list[tuple[Path_, Packed]] = []
        self.keys: list[tuple[Path_, Packed]] = []
        self.spans: list[tuple[Mark, Mark, Path_]] | None = [] if spans else None
        """(start, end, path) of every scalar, to place the characters found in the file."""
        self.problems: list[Problem] = []
        self.over_limit = False
        self.anchors: dict[str, _Anchor] = {}
        self.count = 0  # values built so far, aliases' repeats included
        self.chars = 0  # characters of their texts
        self.repeated = 0  # values and characters repeated by aliases
        self.alias_refused = False
        self.deepest = -1  # the deepest list or mapping so far, aliases' included

    # -- problems -------------------------------------------------------------------------

    def problem(self, mark: Mark, path: Path_, message: str, *, limit: bool = False) -> None:
        self.problems.append(Problem(self.file, mark[0], mark[1], format_path(path), message))
        self.over_limit = self.over_limit or limit

    def _text(self, text: str, mark: Mark, path: Path_) -> str:
        if len(text) > MAX_TEXT_CHARS:
            self.problem(mark, path, f"a text of {len(text):,} characters; the longest podium "
                         f"reads is {MAX_TEXT_CHARS:,}", limit=True)
            return ""
        if controls.FORBIDDEN_IN_TEXT.search(text) is None:
            return text
        for at, count in controls.first_of_each(text):
            times = f", {count} times in this text" if count > 1 else ""
            self.problem(mark, path, controls.describe(text, at, times))
        return controls.clean(text)

    def _counted(self, n: int, mark: Mark, path: Path_) -> None:
        self.count += n
        if self.count > self.max_values:
            self.problem(mark, path, f"more than {self.max_values:,} values (keys, texts, numbers, "
                         f"lists); a file of this size may hold {VALUES_FLOOR:,} plus one per "
                         f"{BYTES_PER_VALUE} bytes; the rest of the file is not read", limit=True)
            raise Stop

    # -- the stream -----------------------------------------------------------------------

    def document(self) -> tuple[Any, bool]:
        """(the root value, whether the stream held a document at all)."""
        loader = self.loader
        loader.get_event()  # StreamStart
        if loader.check_event(yaml.StreamEndEvent):
            return None, False
        start = loader.get_event()  # DocumentStart
        root = self.value((), 0)
        loader.get_event()  # DocumentEnd
        if not loader.check_event(yaml.StreamEndEvent):
            event = loader.get_event()
            raise yaml.composer.ComposerError(
                "expected a single document in the stream", start.start_mark,
                "but found another document", event.start_mark)
        return root, True

    def value(self, path: Path_, depth: int) -> Any:
        """Build the value whose events come next; `path` stops growing below POSITION_DEPTH,
        where values are no longer given positions of their own."""
        event: Any = self.loader.get_event()
        start = event.start_mark
        mark = (start.line + 1, start.column + 1)
        if event.__class__ is yaml.AliasEvent:
            return self.alias(event.anchor or "", mark, path, depth)
        anchor = self._anchor(event, path, mark) if event.anchor is not None else None
        v0, k0, n0, c0, deepest = len(self.values), len(self.keys), self.count, self.chars, self.deepest
        if anchor is not None:
            self.deepest = -1  # to measure the anchored value on its own
        if depth <= POSITION_DEPTH:
            self.values.append((path, pack(mark)))
        self._counted(1, mark, path)
        value: Any
        if event.__class__ is yaml.ScalarEvent:
            text = event.value
            if len(text) > 40 or not text.isalnum():  # most texts are plain words: no need to look
                text = self._text(text, mark, path)
            self.chars += len(text)
            if self.spans is not None:
                self.spans.append((mark, _mark_end(event), path))
            value = text if event.style else self.plain(text)
            if anchor is not None:
                anchor.key_text = text
        elif depth >= MAX_DEPTH:
            self.problem(mark, path, f"nested more than {MAX_DEPTH} levels deep; the rest of the "
                         "file is not read", limit=True)
            raise Stop
        elif event.__class__ is yaml.SequenceStartEvent:
            self.deepest = max(self.deepest, depth)
            value = []
            deeper = depth < POSITION_DEPTH
            while not self.loader.check_event(yaml.SequenceEndEvent):
                value.append(self.value((*path, len(value)) if deeper else path, depth + 1))
            self.loader.get_event()
        else:
            self.deepest = max(self.deepest, depth)
            value = self.mapping(path, depth)
        if anchor is not None:
            anchor.height = self.deepest - depth if self.deepest >= 0 else -1
            self.deepest = max(deepest, self.deepest)
            anchor.value, anchor.done = value, True
            anchor.values, anchor.keys = (v0, len(self.values)), (k0, len(self.keys))
            anchor.count, anchor.chars = self.count - n0, self.chars - c0
        return value

    def mapping(self, path: Path_, depth: int) -> dict[str, Any]:
        out: dict[str, Any] = {}
        lines: dict[str, int] = {}
        loader = self.loader
        deeper = depth < POSITION_DEPTH
        while not loader.check_event(yaml.MappingEndEvent):
            event: Any = loader.get_event()
            mark = _mark(event)
            key: str | None = None
            if event.__class__ is yaml.ScalarEvent:
                key = self._text(event.value, mark, path)
                self._counted(1, mark, path)
                self.chars += len(key)
                if event.anchor is not None:
                    anchor = self._anchor(event, path, mark)
                    anchor.value = key if event.style else self.plain(key)
                    anchor.key_text, anchor.done, anchor.count, anchor.chars = key, True, 1, len(key)
                    anchor.values = anchor.keys = (len(self.values), len(self.values))
                if self.spans is not None:
                    self.spans.append((mark, _mark_end(event), (*path, key) if deeper else path))
            elif event.__class__ is yaml.AliasEvent and event.anchor not in self.anchors:
                self.alias(event.anchor or "", mark, path, depth)  # reports it
                self._skip(loader.get_event())
                continue
            elif event.__class__ is yaml.AliasEvent:
                key = self.anchors[event.anchor or ""].key_text
            else:
                self._skip(event)
            if key is None:
                self.problem(mark, path, "a key must be plain text")
                self._skip(loader.get_event())
                continue
            child = (*path, key) if deeper else path
            if key in lines:
                self.problem(mark, (*path, key), f"duplicate key '{key}' (first given on line "
                             f"{lines[key]})")
                self._skip(loader.get_event())
                continue
            lines[key] = mark[0]
            if deeper:
                self.keys.append((child, pack(mark)))
            out[key] = self.value(child, depth + 1)
        loader.get_event()
        return out

    def _skip(self, event: Any) -> None:
        """Pass over the value that `event` starts (not built, but counted)."""
        depth = int(isinstance(event, yaml.CollectionStartEvent))
        while depth:
            event = self.loader.get_event()
            if not isinstance(event, yaml.CollectionEndEvent):
                self._counted(1, _mark(event), ())
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    self.problem(_mark(event), (), f"nested more than {MAX_DEPTH} levels deep; "
                                 "the rest of the file is not read", limit=True)
                    raise Stop
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1

    # -- anchors and aliases --------------------------------------------------------------

    def _anchor(self, event: Any, path: Path_, mark: Mark) -> _Anchor:
        name = event.anchor
        if name in self.anchors:
            self.problem(mark, path, f"anchor '&{name}' is defined twice (first on line "
                         f"{self.anchors[name].line}); give each anchor its own name")
        anchor = self.anchors[name] = _Anchor(path=path, line=mark[0])
        return anchor

    def alias(self, name: str, mark: Mark, path: Path_, depth: int) -> Any:
        anchor = self.anchors.get(name)
        if anchor is None:
            self.problem(mark, path, f"alias '*{name}' names no anchor: write '&{name}' before "
                         "the value it repeats, above this line", limit=True)
            return None
        if not anchor.done:
            self.problem(mark, path, f"alias '*{name}' is inside the value anchored as '&{name}' "
                         f"(line {anchor.line}), so it would repeat itself without end", limit=True)
            return None
        if self.alias_refused:
            return None
        if depth + anchor.height >= MAX_DEPTH:
            self.problem(mark, path, f"nested more than {MAX_DEPTH} levels deep through the alias "
                         f"'*{name}' (the value it repeats is {anchor.height + 1} deep)", limit=True)
            return None
        self.deepest = max(self.deepest, depth + anchor.height)
        weight = anchor.count + anchor.chars
        if self.repeated + weight > self.alias_budget:
            self.alias_refused = True
            self.problem(mark, path, f"aliases repeat more than {self.alias_budget:,} values and "
                         f"characters (as much as the file itself holds, or {ALIAS_FLOOR:,} in a "
                         "smaller file); write the values out, or repeat less", limit=True)
            return None
        self.repeated += weight
        self._counted(anchor.count, mark, path)
        self.chars += anchor.chars
        if depth > POSITION_DEPTH:
            return anchor.value
        # The repeated values get positions under this path; the alias itself is its root.
        cut, room = len(anchor.path), POSITION_DEPTH - depth
        start, end = anchor.values
        self.values.append((path, pack(mark)))
        self.values += [((*path, *p[cut:]), m) for p, m in self.values[start + 1:end]
                        if len(p) - cut <= room]
        start, end = anchor.keys
        self.keys += [((*path, *p[cut:]), m) for p, m in self.keys[start:end] if len(p) - cut <= room]
        return anchor.value


def _mark(event: Any) -> Mark:
    return event.start_mark.line + 1, event.start_mark.column + 1


def _mark_end(event: Any) -> Mark:
    return event.end_mark.line + 1, event.end_mark.column + 1
