"""Reading stage: parse YAML safely into plain data plus the position of every key and value."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from podium.problems import Problem, SourceFile, display_name

Path_ = tuple[str | int, ...]

# YAML 1.1 would turn `09:30` into 570 and `no` into False; agenda values are read
# as text except for these unambiguous forms, and the schema decides the rest.
_INT = re.compile(r"[-+]?[0-9]+\Z")
_FLOAT = re.compile(r"[-+]?[0-9]+\.[0-9]+\Z")
_NULL = {"", "~", "null", "Null", "NULL"}
_TRUE = {"true", "True", "TRUE"}
_FALSE = {"false", "False", "FALSE"}


@dataclass
class Located:
    """Plain data read from a YAML file, with where each piece of it came from."""

    data: Any
    source: SourceFile
    values: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Path_, tuple[int, int]] = field(default_factory=dict)

    def position(self, path: Path_, *, key: bool = False) -> tuple[int, int]:
        """The line and column of `path`, or of its nearest ancestor that has one."""
        table = self.keys if key else self.values
        p = tuple(path)
        while p:
            if p in table:
                return table[p]
            if p in self.values:
                return self.values[p]
            p = p[:-1]
        return self.values.get((), (1, 1))

    def problem(self, path: Path_, message: str, *, key: bool = False,
                severity: str = "error") -> Problem:
        line, col = self.position(path, key=key)
        return Problem(self.source.name, line, col, format_path(path), message, severity)


def format_path(path: Path_) -> str:
    """`('days', 0, 'items', 2)` -> `days[0].items[2]`."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + part
    return out


def _scalar(node: yaml.ScalarNode) -> Any:
    if node.style:  # quoted or block scalars are always text
        return node.value
    return plain_value(node.value)


def plain_value(v: str) -> Any:
    """What an unquoted scalar `v` means in agenda.yaml (the writer quotes anything else)."""
    if v in _NULL:
        return None
    if v in _TRUE:
        return True
    if v in _FALSE:
        return False
    if _INT.match(v):
        return int(v)
    if _FLOAT.match(v):
        return float(v)
    return v


def _mark(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


class _Builder:
    def __init__(self, located: Located, problems: list[Problem]) -> None:
        self.loc = located
        self.problems = problems

    def build(self, node: yaml.Node, path: Path_) -> Any:
        self.loc.values[path] = _mark(node)
        if isinstance(node, yaml.ScalarNode):
            return _scalar(node)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(child, (*path, i)) for i, child in enumerate(node.value)]
        if isinstance(node, yaml.MappingNode):
            out: dict[str, Any] = {}
            for knode, vnode in node.value:
                if not isinstance(knode, yaml.ScalarNode):
                    line, col = _mark(knode)
                    self.problems.append(Problem(self.loc.source.name, line, col,
                                                 format_path(path), "a key must be plain text"))
                    continue
                key = str(knode.value)
                child = (*path, key)
                if key in out:
                    line, col = _mark(knode)
                    first = self.loc.keys[child][0]
                    self.problems.append(Problem(
                        self.loc.source.name, line, col, format_path(child),
                        f"duplicate key '{key}' (first given on line {first})"))
                    continue
                self.loc.keys[child] = _mark(knode)
                out[key] = self.build(vnode, child)
            return out
        raise TypeError(f"unexpected YAML node {node!r}")  # pragma: no cover


def _compose(text: str) -> yaml.Node | None:
    """compose() builds nodes only: no tags are constructed, so nothing runs. libyaml is some
    20 times faster on a large agenda; on an error the pure-Python parser runs again so that
    the message (and its position) is the one podium's tests and users know."""
    fast = getattr(yaml, "CSafeLoader", None)
    if fast is not None:
        try:
            return yaml.compose(text, Loader=fast)
        except yaml.YAMLError:
            pass
    return yaml.compose(text, Loader=yaml.SafeLoader)


def read_yaml(path: Path) -> tuple[Located | None, list[Problem]]:
    """Parse `path`; on a syntax error return no data and one positioned problem."""
    try:
        source = SourceFile.read(path)
    except UnicodeDecodeError as exc:
        raw = path.read_bytes()[: exc.start]
        line = raw.count(b"\n") + 1
        col = exc.start - (raw.rfind(b"\n") + 1) + 1
        return None, [Problem(display_name(path), line, col, "",
                              f"not UTF-8 text (byte 0x{exc.object[exc.start]:02X}); save the file as UTF-8")]
    problems: list[Problem] = []
    try:
        root = _compose(source.text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = exc.problem or "invalid YAML"
        if exc.context:
            what = f"{exc.context}, {what}"
        cmark = exc.context_mark
        if cmark is not None and mark is not None and cmark.line != mark.line and exc.context:
            noun = exc.context.split()[-1]
            what += f" (the {noun} started on line {cmark.line + 1})"
        if "'\\t'" in what:
            what += " (indent with spaces, not tabs)"
        return None, [Problem(source.name, line, col, "", f"YAML syntax: {what}")]
    except yaml.YAMLError as exc:
        return None, [Problem(source.name, 1, 1, "", f"YAML syntax: {exc}")]
    located = Located(data=None, source=source)
    if root is None:
        return located, [Problem(source.name, 1, 1, "", "the file is empty")]
    located.data = _Builder(located, problems).build(root, ())
    return located, problems
