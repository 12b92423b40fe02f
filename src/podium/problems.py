"""Reporting stage: problems found in the agenda, each with file, line, column and key path."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class SourceFile:
    """A text file as read, with the name used in messages."""

    path: Path
    name: str
    text: str

    @classmethod
    def read(cls, path: Path) -> SourceFile:
        raw = path.read_bytes()
        # utf-8-sig drops a byte-order mark that some editors add.
        return cls(path=path, name=display_name(path), text=raw.decode("utf-8-sig"))


def display_name(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong (or worth a warning) in an input file."""

    file: str
    line: int
    col: int | None
    path: str
    message: str
    severity: str = "error"

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" + (f":{self.col}" if self.col is not None else "")
        what = f"{self.path}: " if self.path else ""
        tag = "warning: " if self.severity == "warning" else ""
        return f"{where}: {what}{tag}{self.message}"

    @property
    def is_error(self) -> bool:
        return self.severity == "error"


class AgendaError(Exception):
    """The agenda (or a file it names) has errors; `problems` lists every one of them."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = sorted(set(problems), key=_order)
        super().__init__("\n".join(str(p) for p in self.problems))


def _order(p: Problem) -> tuple[str, int, int, str, str]:
    return (p.file, p.line, p.col or 0, p.path, p.message)


def sort_problems(problems: Iterable[Problem]) -> list[Problem]:
    """Problems in file order, each reported once."""
    return sorted(set(problems), key=_order)


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """`"; did you mean 'x'?"` when a choice is close to `word`, else an empty string."""
    options = list(choices)
    close = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    if not close:
        lowered = {c.lower(): c for c in options}
        close = difflib.get_close_matches(word.lower(), list(lowered), n=1, cutoff=0.6)
        close = [lowered[c] for c in close]
    return f"; did you mean '{close[0]}'?" if close else ""
