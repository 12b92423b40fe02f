"""Record stage: the file that says what went to the printer (`agenda.printed.json` beside
`agenda.yaml`): plain JSON, one entry per `podium printed`, the newest last.

Each entry holds when it was made, the agenda text as it was, its facts (facts.py) and every
printed piece with a digest of what it shows (pieces.py, booklet_pages.py). The file is read
before any build: a corrupt one is an error naming it (and nothing is overwritten)."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from podium.changes.facts import Facts
from podium.changes.piece import Piece
from podium.changes.record_shape import KeyPath, ShapeError, check_entries, dotted, line_col, offset_of
from podium.output import atomic_write_bytes, os_error_message
from podium.problems import AgendaError, Problem, display_name

FORMAT = "podium printed record"
VERSION = 1


def record_path(agenda: Path) -> Path:
    """`agenda.printed.json` for `agenda.yaml` (named after the agenda, so that two agendas
    in one folder keep two records)."""
    return agenda.with_name(f"{agenda.stem}.printed.json")


@dataclass
class Entry:
    """What one print run was."""

    recorded_at: dt.datetime
    agenda_sha256: str
    agenda_text: str
    facts: Facts
    pieces: list[Piece] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {"recorded_at": self.recorded_at.strftime("%Y-%m-%dT%H:%M:%SZ"),
                "agenda_sha256": self.agenda_sha256,
                "pieces": [p.as_json() for p in self.pieces],
                "facts": self.facts,
                "agenda_text": self.agenda_text}

    @property
    def epoch(self) -> int:
        return int(self.recorded_at.timestamp())


def new_entry(agenda_text: str, facts: Facts, pieces: list[Piece], epoch: int) -> Entry:
    return Entry(dt.datetime.fromtimestamp(epoch, dt.UTC),
                 hashlib.sha256(agenda_text.encode()).hexdigest(), agenda_text, facts, pieces)


def _entry(data: dict[str, Any], path: KeyPath) -> Entry:
    try:
        at = dt.datetime.fromisoformat(str(data["recorded_at"]).replace("Z", "+00:00"))
    except ValueError:
        raise ShapeError((*path, "recorded_at"), "not a date and time "
                         f"({data['recorded_at']!r})") from None
    if at.tzinfo is None:
        at = at.replace(tzinfo=dt.UTC)
    pieces = [Piece.from_json(p) for p in data.get("pieces", [])]
    return Entry(at, str(data.get("agenda_sha256", "")), str(data.get("agenda_text", "")),
                 data["facts"], pieces)


def _entries(data: Any) -> list[Entry]:
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ShapeError(("format",) if isinstance(data, dict) else (),
                         f"not a podium printed record (no \"format\": \"{FORMAT}\")")
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or not 1 <= version <= VERSION:
        raise ShapeError(("version",), f"version {version!r} is not one this podium reads "
                         f"(it reads 1 to {VERSION}): a newer podium wrote it?")
    if "records" not in data:
        raise ShapeError((), "'records' is missing")
    check_entries(data["records"])
    return [_entry(e, ("records", k)) for k, e in enumerate(data["records"])]


def _problem(name: str, line: int, col: int, message: str, path: str = "") -> AgendaError:
    return AgendaError([Problem(name, line, col, path, message)])


ADVICE = "restore it from a backup, or move it away and run `podium printed` again"


def read(path: Path) -> list[Entry]:
    """Every entry of the record at `path`, oldest first ([] when there is none); a file
    that is not a record raises AgendaError naming it, at the line and column of the fault."""
    name = display_name(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return []
    except IsADirectoryError:
        raise _problem(name, 1, 1, "the printed record is a folder, not a file; move it "
                       "away") from None
    except OSError as exc:
        raise _problem(name, 1, 1, f"cannot read the printed record: {os_error_message(exc)}") \
            from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise _problem(name, line, col, f"the printed record is not UTF-8 text; {ADVICE}") \
            from None
    if not text.strip():
        raise _problem(name, 1, 1, f"the printed record is empty; {ADVICE}")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        # A string left open runs to the end of the file, as a file cut short does.
        at_end = exc.pos >= len(text.rstrip()) or exc.msg.startswith("Unterminated string")
        cut = " (the file ends too early: cut short?)" if at_end else ""
        raise _problem(name, exc.lineno, exc.colno, f"the printed record is not valid JSON: "
                       f"{exc.msg}{cut}; {ADVICE}") from None
    try:
        return _entries(data)
    except ShapeError as exc:
        line, col = line_col(text, offset_of(text, exc.path))
        raise _problem(name, line, col, f"{exc.message}; {ADVICE}", dotted(exc.path)) from None


def write(path: Path, entries: list[Entry], agenda_name: str) -> None:
    """The whole record, written atomically (a crash leaves the old one whole)."""
    data = {"format": FORMAT, "version": VERSION, "agenda": agenda_name,
            "about": "What went to the printer, newest last: written by `podium printed`, "
                     "read by `podium changes` and `podium build` (reprint/). Keep it with "
                     "the agenda; do not edit it.",
            "records": [e.as_json() for e in entries]}
    text = json.dumps(data, ensure_ascii=False, indent=1) + "\n"
    atomic_write_bytes(path, text.encode("utf-8"))
