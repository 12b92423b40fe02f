"""Record stage: one printed piece (a door sign, a badge side, a tent, a booklet page) and the
digest of what it shows: the unit the record holds and comparisons count (no programme
needed, so that loading a record imports nothing that loads agendas)."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Piece:
    """One printed piece: a door sign, one side of a badge, a tent, a booklet page."""

    output: str
    """The file it is printed from (door-signs.pdf, badges.pdf, programme.pdf...)."""
    key: str
    """What it is, stable across edits: 'sign:session-3', 'badge:lacroix:front', 'page:5'."""
    label: str
    """How people name it: 'door sign: Session 3', 'badge of Jean-Pierre Lacroix (front)'."""
    subjects: tuple[str, ...]
    digest: str

    def as_json(self) -> dict[str, Any]:
        return {"output": self.output, "key": self.key, "label": self.label,
                "subjects": list(self.subjects), "digest": self.digest}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Piece:
        """A piece of a record whose shape was checked (record_shape.py)."""
        return cls(data["output"], data["key"], data["label"],
                   tuple(data.get("subjects", [])), data["digest"])


def digest(*parts: Any) -> str:
    text = json.dumps(parts, ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:24]
