"""Validation stage: cross-checks the schema cannot express (ids, references, times, overlaps).

They read the raw data, not the model, so that they still run, and report, when some
other part of the file has a schema error."""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Iterator
from typing import Any

from podium import values
from podium.problems import Problem, did_you_mean
from podium.schema_errors import SYNONYMS
from podium.yamlsource import Located, Path_


def _entries(data: Any, key: str) -> Iterator[tuple[int, dict[str, Any]]]:
    seq = data.get(key) if isinstance(data, dict) else None
    if isinstance(seq, list):
        for i, entry in enumerate(seq):
            if isinstance(entry, dict):
                yield i, entry


def _minutes(value: Any) -> int | None:
    try:
        return values.parse_minutes(value) if value is not None else None
    except ValueError:
        return None


def _hhmm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


class _Checker:
    def __init__(self, located: Located, known_attendees: set[str]) -> None:
        self.loc = located
        self.data = located.data
        self.known_attendees = known_attendees
        self.problems: list[Problem] = []

    def error(self, path: Path_, message: str) -> None:
        self.problems.append(self.loc.problem(path, message))

    def warn(self, path: Path_, message: str) -> None:
        self.problems.append(self.loc.problem(path, message, severity="warning"))

    def unique_ids(self, key: str, what: str) -> dict[str, Path_]:
        seen: dict[str, Path_] = {}
        for i, entry in _entries(self.data, key):
            ident = entry.get("id")
            if not isinstance(ident, str | int):
                continue
            ident = str(ident)
            if ident in seen:
                first = self.loc.position((*seen[ident], "id"))[0]
                self.error((key, i, "id"), f"duplicate {what} id '{ident}' (first used on line {first})")
            else:
                seen[ident] = (key, i)
        return seen

    def reference(self, path: Path_, ident: Any, known: dict[str, Path_], what: str) -> None:
        if isinstance(ident, str | int) and str(ident) not in known:
            self.error(path, f"unknown {what} '{ident}'{did_you_mean(str(ident), known)}")

    def run(self) -> list[Problem]:
        people = self.unique_ids("people", "person")
        rooms = self.unique_ids("rooms", "room")
        used: set[str] = set()
        item_ids: dict[str, Path_] = {}
        dates: dict[dt.date, int] = {}
        last_date: dt.date | None = None
        for d, day in _entries(self.data, "days"):
            date = self._date(day.get("date"))
            if date is not None:
                if date in dates:
                    self.error(("days", d, "date"), f"{date} is already day {dates[date] + 1}")
                elif last_date is not None and date < last_date:
                    self.error(("days", d, "date"), f"{date} comes after {last_date}; days must be in order")
                dates.setdefault(date, d)
                last_date = max(date, last_date or date)
            self._items(("days", d), day, people, rooms, used, item_ids)
        for i, person in _entries(self.data, "people"):
            ident = person.get("id")
            if isinstance(ident, str | int) and str(ident) not in used and not person.get("category") \
                    and str(person.get("name", "")).strip() not in self.known_attendees:
                self.warn(("people", i, "id"), f"'{ident}' appears in no item; give them a category "
                          "(e.g. Delegate) if they only need a badge")
        return self.problems

    @staticmethod
    def _date(value: Any) -> dt.date | None:
        try:
            return values.parse_date(value) if value is not None else None
        except ValueError:
            return None

    def _items(self, day_path: Path_, day: dict[str, Any], people: dict[str, Path_],
               rooms: dict[str, Path_], used: set[str], item_ids: dict[str, Path_]) -> None:
        previous: tuple[int, str] | None = None
        room_busy: dict[str, tuple[int, int, str]] = {}
        for i, item in _entries(day, "items"):
            path = (*day_path, "items", i)
            ident = item.get("id")
            if isinstance(ident, str | int):
                if str(ident) in item_ids:
                    first = self.loc.position((*item_ids[str(ident)], "id"))[0]
                    self.error((*path, "id"), f"duplicate item id '{ident}' (first used on line {first})")
                else:
                    item_ids[str(ident)] = path
            self._people_refs(path, item, people, used)
            room = item.get("room")
            self.reference((*path, "room"), room, rooms, "room")
            label = str(item.get("title", f"item {i + 1}"))
            start, end = _minutes(item.get("start")), _minutes(item.get("end"))
            if start is None:
                continue
            if end is not None and end <= start:
                self.error((*path, "end"), f"ends at {_hhmm(end)}, not after its start at {_hhmm(start)}")
                end = None
            out_of_order = previous is not None and start < previous[0]
            if previous is not None and out_of_order:
                self.error((*path, "start"), f"starts at {_hhmm(start)}, before the item above it "
                           f"('{previous[1]}' at {_hhmm(previous[0])}); list items in time order")
            previous = (start, label)
            key = str(room) if room is not None else ""
            busy = room_busy.get(key)
            if busy is not None and start < busy[1] and not out_of_order:
                where = f" in room '{room}'" if room is not None else ""
                self.error((*path, "start"), f"starts at {_hhmm(start)}, while '{busy[2]}'{where} runs "
                           f"until {_hhmm(busy[1])}")
            if end is not None:
                room_busy[key] = (start, end, label)
            else:  # it runs until the next item starts, so cannot overlap it
                room_busy.pop(key, None)

    def _people_refs(self, path: Path_, item: dict[str, Any], people: dict[str, Path_],
                     used: set[str]) -> None:
        chair = item.get("chair")
        chairs = [(chair, (*path, "chair"))] if not isinstance(chair, list) else \
            [(c, (*path, "chair", j)) for j, c in enumerate(chair)]
        refs = [(c, p) for c, p in chairs if c is not None]
        speakers = item.get("speakers")
        if isinstance(speakers, list):
            for j, s in enumerate(speakers):
                if isinstance(s, dict):
                    refs.append((s.get("person"), (*path, "speakers", j, "person")))
                else:
                    refs.append((s, (*path, "speakers", j)))
        # People listed under a misspelt key (`panelists:`) are reported there already; they
        # are not also "in no item".
        for key, value in item.items():
            if SYNONYMS.get(key.lower()) in ("speakers", "chair") and isinstance(value, list):
                used.update(str(v.get("person") if isinstance(v, dict) else v) for v in value)
        seen: dict[str, Path_] = {}
        for ident, ref_path in refs:
            if not isinstance(ident, str | int):
                continue
            self.reference(ref_path, ident, people, "person")
            used.add(str(ident))
            if str(ident) not in people:
                # A typo ('carye') names the person it was meant for: no warning about them too.
                used.update(difflib.get_close_matches(str(ident), list(people), n=1, cutoff=0.6))
            if str(ident) in seen and ref_path[len(path)] == seen[str(ident)][len(path)]:
                self.error(ref_path, f"'{ident}' is listed twice in this item")
            seen[str(ident)] = ref_path


def cross_check(located: Located, known_attendees: set[str] | None = None) -> list[Problem]:
    """Every reference, id and timing problem in the agenda, plus warnings."""
    return _Checker(located, known_attendees or set()).run()
