"""Reading stage: the YAML parser's indentation and structure errors in plain words, with the
line the block started and what was probably meant."""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml

from podium.controls import clean

_KEY = re.compile(r"(?:- +)*([^\s#'\"{\[][^:#]*?):(?:\s|$)")


@dataclass(frozen=True)
class _Line:
    number: int      # from 1
    indent: int
    text: str        # stripped

    @property
    def dash(self) -> bool:
        return self.text == "-" or self.text.startswith("- ")

    @property
    def key(self) -> str | None:
        m = _KEY.match(self.text)
        return m.group(1).strip() if m else None

    def named(self) -> str:
        shown = self.text if len(self.text) <= 40 else self.text[:39] + "…"
        return f"'{shown}' on line {self.number}"


def _lines(text: str) -> list[_Line]:
    out = []
    for i, raw in enumerate(text.splitlines(), 1):
        stripped = raw.strip()
        out.append(_Line(i, len(raw) - len(raw.lstrip(" ")), stripped))
    return out


def _spaces(n: int) -> str:
    return f"{n} space{'s' * (n != 1)}"


def _before(lines: list[_Line], number: int, start: int = 1) -> list[_Line]:
    """The lines with content above line `number`, nearest first, back to line `start`."""
    return [ln for ln in reversed(lines[start - 1:number - 1])
            if ln.text and not ln.text.startswith("#")]


def explain(exc: yaml.MarkedYAMLError, text: str) -> str | None:
    """Plain words for the mistakes people make by hand, or None to keep the parser's."""
    mark, context = exc.problem_mark, exc.context_mark
    if mark is None:
        return None
    lines = _lines(clean(text))  # the lines are quoted: no control character in a message
    if mark.line > len(lines):
        return None
    here = lines[mark.line] if mark.line < len(lines) else _Line(mark.line + 1, 0, "")
    problem, ctx = exc.problem or "", exc.context or ""
    if problem == "mapping values are not allowed here":
        return _colon_in_value(lines, here, mark.column)
    if "could not find expected ':'" in problem and context is not None \
            and context.line < len(lines):
        start = lines[context.line]
        return (f"{start.named()} is neither 'key: value' nor a list item ('- …'); a text that "
                "continues on the next lines must be indented more than its key, or be in quotes")
    if "while scanning a quoted scalar" in ctx and context is not None:
        quote = text[context.index] if context.index < len(text) else "quote"
        return (f"the {quote} opened on line {context.line + 1} is never closed; put another "
                f"{quote} at the end of its text")
    if "expected <block end>" in problem or "did not find expected" in problem:
        opened = context.line + 1 if context is not None else 1
        return _misaligned(lines, here, opened)
    return None


def _colon_in_value(lines: list[_Line], here: _Line, column: int) -> str:
    key = here.key
    first_colon = here.indent + here.text.find(":") if ":" in here.text else -1
    if key is not None and column > first_colon >= 0:
        value = here.text[here.text.find(":") + 1:].strip()
        return (f"the text after '{key}:' holds ': ', which YAML reads as another key; put the "
                f"text in quotes: {key}: \"{value}\"")
    above = next(iter(_before(lines, here.number)), None)
    name = here.key or here.text
    if above is not None and above.key and here.indent > above.indent:
        return (f"'{name}:' on line {here.number} is indented more than '{above.key}:' on line "
                f"{above.number}, so it reads as part of {above.key}'s value; indent it "
                f"{_spaces(above.indent)} like '{above.key}:' (or put {above.key}'s value in "
                "quotes if the colon belongs to it)")
    return (f"'{name}' on line {here.number} has a colon followed by a space where no key can "
            "start; put the text in quotes if the colon belongs to it")


def _misaligned(lines: list[_Line], here: _Line, start: int) -> str | None:
    """A line whose indentation matches no block open above it (the block from `start`)."""
    above = _before(lines, here.number, start)
    if not above:
        return None
    what = "the list item" if here.dash else f"'{here.key}:'" if here.key else f"'{here.text}'"
    if here.dash:
        sibling = next((ln for ln in above if ln.dash and ln.indent <= here.indent + 4), None)
        if sibling is not None and sibling.indent != here.indent:
            return (f"{what} on line {here.number} is indented {_spaces(here.indent)}, but the "
                    f"list it continues ({sibling.named()}) is indented "
                    f"{_spaces(sibling.indent)}; line the dashes up")
    keys = [ln for ln in above if ln.key and not ln.dash]
    near = next((ln for ln in keys if ln.indent == here.indent), None)
    item = next((ln for ln in above if ln.dash), None)
    if not here.dash and item is not None and item.indent == here.indent:
        return (f"{what} on line {here.number} is a key where the list that started on line "
                f"{start} expects another item; start it with '- ' to begin a new item, or "
                f"indent it like the keys of {item.named()}")
    if not here.dash and near is None:
        # The key levels open here: each nearer line with less indentation than the last.
        levels: list[_Line] = []
        for ln in above:
            level = ln.indent + (len(ln.text) - len(ln.text.lstrip("- ")) if ln.dash else 0)
            if not levels or level < levels[-1].indent:
                levels.append(_Line(ln.number, level, ln.text))
        choices = " or ".join(f"{_spaces(lv.indent)} (like line {lv.number})" for lv in levels[:2])
        return (f"{what} on line {here.number} is indented {_spaces(here.indent)}, which lines "
                f"up with no block above it (the block started on line {start}); indent it "
                f"{choices}")
    if here.dash and keys and keys[0].indent == here.indent:
        return (f"{what} on line {here.number} starts where the mapping of {keys[0].named()} "
                "expects another 'key: value'; put the list under a key (indented below it) "
                "or line its dash up with the list above")
    return None
