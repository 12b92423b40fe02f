"""Validation stage: cross-checks the schema cannot express (ids, references, times, overlaps).

They read the raw data, not the model, so that they still run, and report, when some
other part of the file has a schema error."""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

from podium import values
from podium.limits import FIRST_YEAR, LAST_YEAR
from podium.problems import Problem, did_you_mean
from podium.schema_errors import SYNONYMS
from podium.yamlsource import Located, Path_

LATE_START = 30 * 60
"""An item listed at 30:00 (06:00 the next morning) or later is probably on the wrong day."""


def _is_id(value: Any) -> bool:
    """An id as the model reads it: text, or a whole number (`id: 7` is "7"); not true or
    false (an int to Python), not 1.5 (model.py refuses it)."""
    return isinstance(value, str | int) and not isinstance(value, bool)


def _plus_days(date: dt.date | None, days: int) -> dt.date | None:
    """`date` moved by `days`, or None when there is no date or no such date."""
    try:
        return None if date is None else date + dt.timedelta(days=days)
    except OverflowError:
        return None


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
        # (person, start, end, item path, item title) of every in-person appearance
        self.present: list[tuple[str, dt.datetime, dt.datetime, Path_, str]] = []

    def error(self, path: Path_, message: str) -> None:
        self.problems.append(self.loc.problem(path, message))

    def warn(self, path: Path_, message: str) -> None:
        self.problems.append(self.loc.problem(path, message, severity="warning"))

    def unique_ids(self, key: str, what: str) -> dict[str, Path_]:
        seen: dict[str, Path_] = {}
        for i, entry in _entries(self.data, key):
            ident = entry.get("id")
            if not _is_id(ident):
                continue
            ident = str(ident)
            if ident in seen:
                first = self.loc.position((*seen[ident], "id"))[0]
                self.error((key, i, "id"), f"duplicate {what} id '{ident}' (first used on line {first})")
            else:
                seen[ident] = (key, i)
        return seen

    def reference(self, path: Path_, ident: Any, known: dict[str, Path_], what: str) -> None:
        if _is_id(ident) and str(ident) not in known:
            self.error(path, f"unknown {what} '{ident}'{did_you_mean(str(ident), known)}")

    def run(self) -> list[Problem]:
        people = self.unique_ids("people", "person")
        rooms = self.unique_ids("rooms", "room")
        self.tracks = self.unique_ids("tracks", "track")
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
            if date is not None:
                self._presence(("days", d), day, date)
        self._two_places()
        self._event_url()
        for i, person in _entries(self.data, "people"):
            ident = person.get("id")
            if _is_id(ident) and str(ident) not in used and not person.get("category") \
                    and str(person.get("name", "")).strip() not in self.known_attendees:
                self.warn(("people", i, "id"), f"'{ident}' appears in no item; give them a category "
                          "(e.g. Delegate) if they only need a badge")
        return self.problems

    @staticmethod
    def _date(value: Any) -> dt.date | None:
        try:
            date = values.parse_date(value) if value is not None else None
        except ValueError:
            return None
        # Years model.py refuses are left out here: the days around them may not exist.
        return date if date is not None and FIRST_YEAR <= date.year <= LAST_YEAR else None

    def _items(self, day_path: Path_, day: dict[str, Any], people: dict[str, Path_],
               rooms: dict[str, Path_], used: set[str], item_ids: dict[str, Path_]) -> None:
        date_of_day = self._date(day.get("date"))
        previous: tuple[int, str] | None = None
        room_busy: dict[str, tuple[int, int, str]] = {}
        for i, item in _entries(day, "items"):
            path = (*day_path, "items", i)
            ident = item.get("id")
            if _is_id(ident):
                if str(ident) in item_ids:
                    first = self.loc.position((*item_ids[str(ident)], "id"))[0]
                    self.error((*path, "id"), f"duplicate item id '{ident}' (first used on line {first})")
                else:
                    item_ids[str(ident)] = path
            self._people_refs(path, item, people, used)
            room = item.get("room")
            self.reference((*path, "room"), room, rooms, "room")
            if self.tracks:
                # With no `tracks` listed, an item's track is a free name (as imported).
                self.reference((*path, "track"), item.get("track"), self.tracks, "track")
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
                # Real schedules do this (a lightning talk inside its session block, two talks
                # booked into one slot): both are kept and printed, so it is worth a look, not
                # a refusal to build.
                where = f" in room '{room}'" if room is not None else ""
                self.warn((*path, "start"), f"starts at {_hhmm(start)}, while '{busy[2]}'{where} runs "
                          f"until {_hhmm(busy[1])}; both are printed, one after the other")
            if start >= LATE_START:
                when = _plus_days(date_of_day, start // 1440)
                on = f" on {when:%A %Y-%m-%d} at {_hhmm(start % 1440)}" if when else ""
                self.warn((*path, "start"), f"starts at {_hhmm(start)}, that is{on}, the morning after "
                          "its day: it probably belongs to the next day (times from 24:00 are for "
                          "the small hours of a long evening)")
            if end is not None:
                room_busy[key] = (start, end, label)
            else:  # it runs until the next item starts, so cannot overlap it
                room_busy.pop(key, None)

    def _presence(self, day_path: Path_, day: dict[str, Any], date: dt.date) -> None:
        """Note when each person is in the room in person, for `_two_places`."""
        items = list(_entries(day, "items"))
        starts = sorted({m for _, it in items if (m := _minutes(it.get("start"))) is not None})
        for i, item in items:
            start, end = _minutes(item.get("start")), _minutes(item.get("end"))
            if start is None:
                continue
            if end is None or end <= start:
                end = next((m for m in starts if m > start), None)
            if end is None:
                continue
            midnight = dt.datetime.combine(date, dt.time())
            try:
                begins, ends = midnight + dt.timedelta(minutes=start), midnight + dt.timedelta(minutes=end)
            except OverflowError:
                self.error((*day_path, "items", i), f"runs past {dt.date.max}, the last date a "
                           "calendar can hold")
                continue
            label = str(item.get("title", f"item {i + 1}"))
            for ident in _present_people(item):
                self.present.append((ident, begins, ends, (*day_path, "items", i), label))

    def _two_places(self) -> None:
        by_person: dict[str, list[tuple[dt.datetime, dt.datetime, Path_, str]]] = {}
        for ident, begins, ends, path, label in self.present:
            by_person.setdefault(ident, []).append((begins, ends, path, label))
        for ident, slots in by_person.items():
            slots.sort(key=lambda s: s[0])
            # Against the slot that runs latest so far: a long item may cover several short ones.
            latest = slots[0]
            for slot in slots[1:]:
                b1, e1, p1, l1 = latest
                b2, e2, p2, l2 = slot
                if b2 < e1 and p1 != p2:
                    line = self.loc.position(p1)[0]
                    self.warn(p2, f"'{ident}' is in '{l2}' at {b2:%H:%M} in person, but also in '{l1}' "
                              f"(line {line}, {b1:%H:%M}–{e1:%H:%M}) at the same time; mark one "
                              "appearance `remote: true`, or move one item")
                if e2 > e1:
                    latest = slot

    def _event_url(self) -> None:
        event = self.data.get("event") if isinstance(self.data, dict) else None
        url = event.get("url") if isinstance(event, dict) else None
        if not isinstance(url, str):
            return
        if values.is_placeholder_url(url):
            self.warn(("event", "url"), f"'{url}' is a placeholder: every QR code will point "
                      "nowhere; set it to where you will publish build/site/")
            return
        host = urlsplit(url).hostname
        sources = {urlsplit(it["url"]).hostname for _, day in _entries(self.data, "days")
                   for _, it in _entries(day, "items") if isinstance(it.get("url"), str)}
        if host and host in sources:
            self.warn(("event", "url"), f"'{url}' is on {host}, the site the items were imported "
                      "from, which does not hold podium's pages: QR codes need the address where "
                      "you will publish build/site/")

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
            if not _is_id(ident):
                continue
            self.reference(ref_path, ident, people, "person")
            used.add(str(ident))
            if str(ident) not in people:
                # A typo ('carye') names the person it was meant for: no warning about them too.
                used.update(difflib.get_close_matches(str(ident), list(people), n=1, cutoff=0.6))
            if str(ident) in seen and ref_path[len(path)] == seen[str(ident)][len(path)]:
                self.error(ref_path, f"'{ident}' is listed twice in this item")
            seen[str(ident)] = ref_path


def _present_people(item: dict[str, Any]) -> list[str]:
    """Ids of the item's chairs and of its speakers who are there in person."""
    chair = item.get("chair")
    out = [str(c) for c in (chair if isinstance(chair, list) else [chair])
           if _is_id(c)]
    speakers = item.get("speakers")
    for s in speakers if isinstance(speakers, list) else []:
        ident = s.get("person") if isinstance(s, dict) else s
        remote = isinstance(s, dict) and s.get("remote") is True
        if _is_id(ident) and not remote:
            out.append(str(ident))
    return list(dict.fromkeys(out))


def cross_check(located: Located, known_attendees: set[str] | None = None) -> list[Problem]:
    """Every reference, id and timing problem in the agenda, plus warnings."""
    return _Checker(located, known_attendees or set()).run()
