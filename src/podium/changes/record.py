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
from podium.changes.pieces import Piece
from podium.output import atomic_write_bytes
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


class RecordError(ValueError):
    pass


def _entry(data: Any, where: str) -> Entry:
    if not isinstance(data, dict):
        raise RecordError(f"{where}: an entry must be an object")
    try:
        at = dt.datetime.fromisoformat(str(data.get("recorded_at")).replace("Z", "+00:00"))
    except ValueError:
        raise RecordError(f"{where}.recorded_at: not a date and time "
                          f"({data.get('recorded_at')!r})") from None
    if at.tzinfo is None:
        at = at.replace(tzinfo=dt.UTC)
    facts = data.get("facts")
    if not isinstance(facts, dict):
        raise RecordError(f"{where}.facts: missing, or not an object")
    raw = data.get("pieces", [])
    if not isinstance(raw, list):
        raise RecordError(f"{where}.pieces: not a list")
    pieces = []
    for k, p in enumerate(raw):
        try:
            pieces.append(Piece.from_json(p))
        except ValueError as exc:
            raise RecordError(f"{where}.pieces[{k}]: {exc}") from None
    return Entry(at, str(data.get("agenda_sha256", "")), str(data.get("agenda_text", "")),
                 facts, pieces)


def read(path: Path) -> list[Entry]:
    """Every entry of the record at `path`, oldest first ([] when there is none); a file
    that is not a record raises AgendaError naming it, at the line where JSON broke."""
    name = display_name(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return []
    except (OSError, UnicodeDecodeError) as exc:
        raise AgendaError([Problem(name, 1, None, "", f"cannot read the printed record: {exc}")]) \
            from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise AgendaError([Problem(name, exc.lineno, exc.colno, "",
                                   f"the printed record is not valid JSON ({exc.msg}); restore "
                                   "it from a backup, or delete it and run `podium printed` "
                                   "again")]) from None
    try:
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise RecordError(f"not a podium printed record (no \"format\": \"{FORMAT}\")")
        if not isinstance(data.get("version"), int) or data["version"] > VERSION:
            raise RecordError(f"version {data.get('version')!r} is not one this podium reads "
                              f"(it reads up to {VERSION})")
        entries = data.get("records")
        if not isinstance(entries, list) or not entries:
            raise RecordError("records: missing, or an empty list")
        return [_entry(e, f"records[{k}]") for k, e in enumerate(entries)]
    except RecordError as exc:
        raise AgendaError([Problem(name, 1, None, "", str(exc))]) from None


def write(path: Path, entries: list[Entry], agenda_name: str) -> None:
    """The whole record, written atomically (a crash leaves the old one whole)."""
    data = {"format": FORMAT, "version": VERSION, "agenda": agenda_name,
            "about": "What went to the printer, newest last: written by `podium printed`, "
                     "read by `podium changes` and `podium build` (reprint/). Keep it with "
                     "the agenda; do not edit it.",
            "records": [e.as_json() for e in entries]}
    text = json.dumps(data, ensure_ascii=False, indent=1) + "\n"
    atomic_write_bytes(path, text.encode("utf-8"))
