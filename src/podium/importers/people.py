"""Import stage: people from the source's person elements, deduplicated, with odd names reported."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from podium.importers.report import Report
from podium.importers.source import SourcePerson
from podium.importers.text import clean_line
from podium.values import slug

_NOT_A_NAME = re.compile(r"[\s\-–—_.?*/]*\Z")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+\Z")
# "A, B and C": at least one comma, and a final conjunction after the last comma.
_LIST = re.compile(r"[^,]+(,[^,]+)+\s(&|and|und|et|y)\s.+\Z")
_LIST_SPLIT = re.compile(r"\s*,\s*|\s+(?:&|and|und|et|y)\s+")


_UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\Z")


def safe_id(key: str, prefix: str = "p") -> str:
    """A podium id from a source key: `1234` -> `p1234`, codes kept as they are."""
    text = re.sub(r"[^A-Za-z0-9_.-]+", "-", key).strip("-_.")
    if not text:
        return ""
    return f"{prefix}{text}" if re.fullmatch(r"\d+(-\d+)?", text) else text


def candidate_ids(key: str, prefix: str = "p") -> list[str]:
    """Ids to try in order: a guid's first 8 hex digits (short in URLs and QR codes), then
    the whole key; the caller adds -2, -3 if even that is taken."""
    full = safe_id(key, prefix)
    return [key[:8].lower(), full] if _UUID.match(key.strip()) else [full]


def unique_id(candidates: list[str], taken: set[str]) -> str:
    """The first free candidate, else the last one with a number; marked as taken."""
    options = [c for c in candidates if c]
    for ident in options:
        if ident not in taken:
            taken.add(ident)
            return ident
    base, n = options[-1], 2
    while f"{base}-{n}" in taken:
        n += 1
    taken.add(f"{base}-{n}")
    return f"{base}-{n}"


def _same_name(a: str, b: str) -> bool:
    """Spellings of one name that differ only in case and spacing."""
    return " ".join(a.casefold().split()) == " ".join(b.casefold().split())


@dataclass
class People:
    """Everyone named in the events, once each, in order of first appearance."""

    report: Report
    by_key: dict[str, dict[str, str]] = field(default_factory=dict)
    taken: set[str] = field(default_factory=set)
    keys_by_name: dict[str, set[str]] = field(default_factory=dict)
    shared_keys: set[str] = field(default_factory=set)

    def learn(self, persons: list[SourcePerson]) -> None:
        """Remember every keyed name, so that one part of "A, B and C" that the source also
        lists on its own becomes that same person."""
        for person in persons:
            if person.key:
                self.keys_by_name.setdefault(clean_line(person.name), set()).add(person.key)

    def _key_of_part(self, part: str, key: str | None, n: int) -> str | None:
        known = self.keys_by_name.get(part, set())
        if len(known) == 1:
            return next(iter(known))
        return f"{key}-{n}" if key else None

    def _new_id(self, key: str | None, name: str) -> str:
        return unique_id([*(candidate_ids(key) if key else []), slug(name) or "person"]
                         if not key else candidate_ids(key), self.taken)

    def _one(self, key: str | None, name: str, where: str) -> str:
        lookup = f"key:{key}" if key else f"name:{name}"
        known = self.by_key.get(lookup)
        if known is not None and _same_name(known["name"], name):
            return known["id"]
        if known is not None:
            # One key for different names: a source's "unknown person" id (36C3 gives id 0 to
            # fifteen people). Keeping the first name would print the wrong name on a badge.
            lookup = f"key:{key}:name:{' '.join(name.casefold().split())}"
            again = self.by_key.get(lookup)
            if again is not None:
                return again["id"]
            if key not in self.shared_keys:
                self.shared_keys.add(str(key))
                self.report.warn(f"{where}: person key {key} is given to '{known['name']}' and to "
                                 f"'{name}' (and maybe more); each name is kept as its own person")
        entry = {"id": self._new_id(key, name), "name": name}
        self.by_key[lookup] = entry
        if _EMAIL.match(name):
            self.report.warn(f"person {entry['id']}: the name '{name}' is an e-mail address; "
                             "kept as given (fix it in the source or in the agenda)")
        return entry["id"]

    def refs(self, persons: list[SourcePerson], where: str) -> list[str]:
        """The person ids of one event's persons, in order, each once."""
        out: list[str] = []
        for person in persons:
            name = clean_line(person.name)
            if _NOT_A_NAME.match(name):
                self.report.warn(f"{where}: person '{person.name.strip()}' (key {person.key}) is not a "
                                 "name; left out of the speakers")
                continue
            if _LIST.match(name):
                parts = [p for p in _LIST_SPLIT.split(name) if p.strip()]
                self.report.warn(f"{where}: person '{name}' names {len(parts)} people; imported "
                                 f"as {', '.join(repr(p) for p in parts)}")
                ids = [self._one(self._key_of_part(p, person.key, n), p, where)
                       for n, p in enumerate(parts, start=1)]
            else:
                ids = [self._one(person.key, name, where)]
            for ident in ids:
                if ident in out:
                    self.report.info(f"{where}: person {ident} is listed twice; kept once")
                else:
                    out.append(ident)
        return out

    def entries(self) -> list[dict[str, str]]:
        return list(self.by_key.values())
