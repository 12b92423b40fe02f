"""Reading stage: parse YAML safely into plain data plus the position of every key and value."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from podium import controls
from podium.limits import MAX_DEPTH, MAX_FILE_BYTES, MAX_REPORTED_CHARACTERS
from podium.problems import Problem, SourceFile, display_name
from podium.yamlevents import Builder, Packed, Path_, Stop, format_path, unpack
from podium.yamlhints import explain

__all__ = ["Located", "Path_", "format_path", "plain_value", "read_yaml"]

# YAML 1.1 would turn `09:30` into 570 and `no` into False; agenda values are read
# as text except for these unambiguous forms, and the schema decides the rest.
_INT = re.compile(r"[-+]?[0-9]+\Z")
_FLOAT = re.compile(r"[-+]?[0-9]+\.[0-9]+\Z")
_NULL = {"", "~", "null", "Null", "NULL"}
_TRUE = {"true", "True", "TRUE"}
_FALSE = {"false", "False", "FALSE"}
# Python refuses to read longer numbers (sys.get_int_max_str_digits); no agenda needs them.
_MAX_DIGITS = 4000


@dataclass
class Located:
    """Plain data read from a YAML file, with where each piece of it came from."""

    data: Any
    source: SourceFile
    values: dict[Path_, Packed] = field(default_factory=dict)
    keys: dict[Path_, Packed] = field(default_factory=dict)
    """Where each value and key starts, as `yamlevents.pack` writes a line and column."""

    def position(self, path: Path_, *, key: bool = False) -> tuple[int, int]:
        """The line and column of `path`, or of its nearest ancestor that has one."""
        table = self.keys if key else self.values
        p = tuple(path)
        while p:
            if p in table:
                return unpack(table[p])
            if p in self.values:
                return unpack(self.values[p])
            p = p[:-1]
        return unpack(self.values[()]) if () in self.values else (1, 1)

    def problem(self, path: Path_, message: str, *, key: bool = False,
                severity: str = "error") -> Problem:
        line, col = self.position(path, key=key)
        return Problem(self.source.name, line, col, format_path(path), message, severity)


def plain_value(v: str) -> Any:
    """What an unquoted scalar `v` means in agenda.yaml (the writer quotes anything else)."""
    if v in _NULL:
        return None
    if v in _TRUE:
        return True
    if v in _FALSE:
        return False
    if _INT.match(v) and len(v) <= _MAX_DIGITS:
        return int(v)
    if _FLOAT.match(v):
        return float(v)
    return v


def _syntax(exc: yaml.YAMLError, file: str, text: str = "") -> Problem:
    if not isinstance(exc, yaml.MarkedYAMLError):
        return Problem(file, 1, 1, "", f"YAML syntax: {exc}")
    mark = exc.problem_mark or exc.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    plain = explain(exc, text) if text else None
    if plain:
        return Problem(file, line, col, "", f"YAML syntax: {plain}")
    what = exc.problem or "invalid YAML"
    if exc.context:
        what = f"{exc.context}, {what}"
    cmark = exc.context_mark
    if cmark is not None and mark is not None and cmark.line != mark.line and exc.context:
        noun = exc.context.split()[-1]
        what += f" (the {noun} started on line {cmark.line + 1})"
    if "'\\t'" in what or "tab character" in what:
        what += " (indent with spaces, not tabs)"
    if "maximum nesting depth" in what:  # libyaml's limit, 1000, is past podium's
        return Problem(file, line, col, "", f"nested more than {MAX_DEPTH} levels deep; the rest "
                       "of the file is not read")
    if "invalid Unicode character escape" in what:  # libyaml refuses \ud800 to \udfff
        what += " (\\ud800 to \\udfff are halves of UTF-16 pairs: write the character itself)"
    return Problem(file, line, col, "", f"YAML syntax: {what}")


Built = tuple[Builder, Any, bool, yaml.YAMLError | None]

_PURE_BYTES = 256_000
"""Up to this size a file that libyaml refuses is read again in full by PyYAML (0.4 s at
most); beyond it PyYAML, ten times slower than libyaml, reads only the part that failed."""
_WINDOW_CHARS = 100_000


def _run(loader_class: Any, text: str, file: str, size: int, spans: bool) -> Built:
    """(the builder, the root value, whether there was a document, the syntax error)."""
    loader = loader_class(text)
    builder = Builder(loader, file, size=size, spans=spans, plain=plain_value)
    try:
        root, present = builder.document()
        return builder, root, present, None
    except Stop:
        return builder, None, True, None
    except yaml.YAMLError as exc:
        return builder, None, True, exc
    finally:
        loader.dispose()


def _build(text: str, file: str, *, size: int, spans: bool) -> Built:
    """libyaml is some 20 times faster on a large agenda; on an error the pure-Python parser
    runs again so that the message (and its position) is the one podium's tests and users
    know. Only parse events are read: no tags are constructed, so nothing runs."""
    fast = getattr(yaml, "CSafeLoader", None)
    if fast is not None:
        builder, root, present, error = _run(fast, text, file, size, spans)
        # libyaml stops at 1000 levels, past podium's limit: PyYAML would only be slow to agree.
        if error is None or "maximum nesting depth" in str(error):
            return builder, root, present, error
        if size > _PURE_BYTES:
            return builder, root, present, _pure_error(text, error) or error
    return _run(yaml.SafeLoader, text, file, size, spans)


def _pure_error(text: str, fast: yaml.YAMLError) -> yaml.MarkedYAMLError | None:
    """PyYAML's error for the one libyaml found, reading only the end of the file: from
    libyaml's context mark, else from the line of the error or a line above it that is
    indented less (lines and columns are kept). None unless PyYAML finds the same construct
    failing at the same place."""
    if not isinstance(fast, yaml.MarkedYAMLError) or fast.problem_mark is None:
        return None
    mark = fast.problem_mark
    for index, line, col in _window_starts(text, fast):
        if mark.index - index > _WINDOW_CHARS:
            break
        # Ending a little past the error: PyYAML looks ahead at most 1024 characters for a
        # key; a text running past the end makes another error, which is not accepted.
        loader: Any = yaml.SafeLoader(text[index:mark.index + 4096])
        loader.line, loader.column = line, col  # marks as in the whole file
        depth = 0
        try:
            while loader.check_event():
                event = loader.get_event()
                depth += isinstance(event, yaml.CollectionStartEvent)
                depth -= isinstance(event, yaml.CollectionEndEvent)
                # Past libyaml's error, or deeper than a read goes: not the same error.
                if index + event.start_mark.index > mark.index or depth > MAX_DEPTH:
                    break
        except yaml.MarkedYAMLError as exc:
            got, at, was = exc.problem_mark, exc.context_mark, fast.context_mark
            if got is not None and (got.line, got.column) == (mark.line, mark.column) and (
                    exc.context == fast.context) and (
                    (at is None and was is None) or (at is not None and was is not None
                                                     and at.line == was.line)):
                return exc
        finally:
            loader.dispose()
    return None


def _window_starts(text: str, fast: yaml.MarkedYAMLError) -> list[tuple[int, int, int]]:
    """(index, line, column) where a partial read may start, nearest first."""
    mark = fast.problem_mark
    assert mark is not None
    out: list[tuple[int, int, int]] = []
    if fast.context_mark is not None and fast.context_mark.index <= mark.index:
        c = fast.context_mark
        out.append((c.index, c.line, c.column))
    # The line of the error, then lines above it, each indented less than the last.
    start, line, indent = mark.index - mark.column, mark.line, None
    while len(out) < 5 and mark.index - start <= _WINDOW_CHARS:
        end = text.find("\n", start)
        body = text[start:end if end >= 0 else len(text)]
        depth = len(body) - len(body.lstrip(" "))
        if body.strip() and not body.lstrip().startswith("#") and (indent is None or depth < indent):
            out.append((start, line, 0))
            indent = depth
        if start == 0 or indent == 0:
            break
        start, line = text.rfind("\n", 0, start - 1) + 1, line - 1
    return out


def _place(found: list[tuple[int, int, str]], builder: Builder, file: str) -> list[Problem]:
    """A problem for each forbidden character of the file, with the key path of the text it
    stands in, when it stands in one (not in a comment)."""
    spans = builder.spans or []
    starts = [s[0] for s in spans]
    out = []
    for line, col, message in found[:MAX_REPORTED_CHARACTERS]:
        i = bisect.bisect_right(starts, (line, col)) - 1
        path = format_path(spans[i][2]) if i >= 0 and (line, col) < spans[i][1] else ""
        out.append(Problem(file, line, col, path, message))
    if len(found) > MAX_REPORTED_CHARACTERS:
        line, col, _ = found[MAX_REPORTED_CHARACTERS]
        out.append(Problem(file, line, col, "", f"{len(found) - MAX_REPORTED_CHARACTERS:,} more "
                           "places (from here on) hold characters no output can carry"))
    return out


def read_yaml(path: Path) -> tuple[Located | None, list[Problem]]:
    """Parse `path`; no data (None) when it cannot be read in full: a syntax error, a limit
    passed (see `podium.limits`), or no document. Every problem found comes back."""
    name = display_name(path)
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        return None, [Problem(name, 1, 1, "", f"the file is {size:,} bytes; the largest agenda "
                              f"podium reads is {MAX_FILE_BYTES:,} bytes")]
    try:
        source = SourceFile.read(path)
    except UnicodeDecodeError as exc:
        raw = path.read_bytes()[: exc.start]
        line = raw.count(b"\n") + 1
        col = exc.start - (raw.rfind(b"\n") + 1) + 1
        return None, [Problem(name, line, col, "",
                              f"not UTF-8 text (byte 0x{exc.object[exc.start]:02X}); save the file as UTF-8")]
    text, found = controls.in_file(source.text)
    builder, root, present, error = _build(text, source.name, size=size, spans=bool(found))
    problems = _place(found, builder, source.name) + builder.problems
    if error is not None:
        return None, [*problems, _syntax(error, source.name, source.text)]
    if not present:
        return None, [*problems, Problem(source.name, 1, 1, "", "the file is empty")]
    if builder.over_limit:
        return None, problems
    located = Located(data=root, source=source, values=dict(builder.values), keys=dict(builder.keys))
    return located, problems
