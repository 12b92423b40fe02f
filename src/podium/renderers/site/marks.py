"""Presentation stage of the online agenda: what changed since the print run (podium.changes),
as the pages show it: a "changed" or "new" label on each item that differs from the record,
its old time and room struck through, the Changes page, and a page at each old address.

Only what the public site may show: changes to attendees (the badge list), to people not on
the programme, to badge categories and to print settings are left to the printed change
sheet. Without a record, or with one the agenda still matches, every value here is empty and
the site is byte for byte the site built without a record."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from podium import sitemap
from podium.changes import words
from podium.changes.compare import Comparison
from podium.changes.diff import EVERYTHING, Change
from podium.changes.facts import Facts
from podium.i18n import Locale

PRIVATE_PERSON_FIELDS = ("category",)
"""Person facts the site never shows (the badge category)."""


@dataclass(frozen=True)
class Mark:
    """How an item's listing and page mark it: 'new' or 'changed', and what it was."""

    status: str
    texts: tuple[str, ...]
    """The item's changes in words (podium.changes.words)."""
    was_times: str = ""
    """The old time ('14:15–15:45') when the time changed, else ''."""
    was_day: str = ""
    """The old programme day, short ('Tuesday 10'), when the day changed, else ''."""
    was_day_long: str = ""
    was_room: str = ""
    """The old room's name when the item moved to another room, else ''."""

    @property
    def moved(self) -> bool:
        return bool(self.was_times or self.was_day or self.was_room)


@dataclass(frozen=True)
class Line:
    """One change on the Changes page: its words, and the page it concerns ('' for none)."""

    text: str
    kind: str
    path: str


@dataclass(frozen=True)
class Group:
    """The changes of one programme day (or of the whole event, or of people)."""

    key: str
    heading: str
    lines: tuple[Line, ...]


@dataclass(frozen=True)
class OldAddress:
    """A page at the address of an item the record had and the programme no longer has
    there: printed QR codes point at it."""

    path: str
    title: str
    was: str
    """When and where it was, in the site's words ('Tuesday 10, 11:30–11:45, Hall A')."""
    now: str
    """The item's page now when only its address changed; '' when it was removed."""


@dataclass(frozen=True)
class SiteChanges:
    count: int = 0
    since: str = ""
    """The print run's date ('Saturday, 30 November 2024'), '' without changes."""
    groups: tuple[Group, ...] = ()
    marks: dict[str, Mark] = field(default_factory=dict)
    """By the item's anchor now."""
    people: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """A person's own changes (name, organisation...) by person id."""
    rooms: dict[str, str] = field(default_factory=dict)
    """A renamed room's old name, by room id."""
    old_addresses: tuple[OldAddress, ...] = ()

    @property
    def days(self) -> dict[str, Group]:
        """The groups of programme days, by ISO date (a day page lists its own)."""
        return {g.key: g for g in self.groups if g.key not in ("event", "people")}


NONE = SiteChanges()


def _items(facts: Facts) -> dict[str, Facts]:
    found = facts.get("items")
    return {str(k): v for k, v in found.items() if isinstance(v, dict)} \
        if isinstance(found, dict) else {}


def _date(f: Facts) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(f.get("day")))
    except ValueError:
        return None


def times_text(f: Facts, locale: Locale) -> str:
    """'14:15–15:45', and the calendar day past midnight ('01:00–02:00 (Sun 28)'), as the
    site writes an item's time (present.item_when), from facts."""
    text = words.span(f)
    try:
        after_midnight = int(str(f.get("start", "0:0")).split(":")[0]) >= 24
        start = dt.datetime.fromisoformat(str(f.get("start_at")))
    except ValueError:
        return text
    return f"{text} ({locale.weekday_day(start.date())})" if after_midnight else text


def day_short(date: dt.date, locale: Locale) -> str:
    """'Tuesday 10', as views.DayRef.short."""
    return f"{locale.weekday(date)} {date.day}"


def _moved_room(old: Facts, new: Facts) -> bool:
    # As words.moved: a room renamed (same id) or re-keyed (same name) moves nobody.
    return words.room_words(old) != words.room_words(new) and old.get("room") != new.get("room")


def _mark(changes: list[Change], old: Facts | None, new: Facts, locale: Locale) -> Mark:
    texts = tuple(c.text for c in changes)
    if old is None or any(c.kind == "added" for c in changes):
        return Mark("new", texts)
    was_times = was_day = was_day_long = was_room = ""
    before, after = _date(old), _date(new)
    if before is not None and before != after:
        was_day, was_day_long = day_short(before, locale), locale.long_date(before)
    if was_day or old.get("start") != new.get("start") or old.get("end") != new.get("end"):
        was_times = times_text(old, locale)
    if _moved_room(old, new):
        was_room = words.room_words(old)
    return Mark("changed", texts, was_times, was_day, was_day_long, was_room)


def _public_person_change(c: Change, cmp: Comparison, on_programme: set[str]) -> str | None:
    """The person id of a change the public site may show, else None."""
    ids = [s.split(":", 1)[1] for s in c.subjects if s.startswith("person:")]
    if len(ids) != 1 or ids[0] not in on_programme:
        return None
    pid = ids[0]
    old = cmp.record.facts.get("people", {}).get(pid)
    new = cmp.facts.get("people", {}).get(pid)
    if not isinstance(old, dict) or not isinstance(new, dict):
        return None

    def public(f: Facts) -> Facts:
        return {k: v for k, v in f.items() if k not in PRIVATE_PERSON_FIELDS}

    name = str(new.get("name", pid))
    return pid if c.text in words.person_changes(name, public(old), public(new)) else None


def _shown(c: Change, on_programme: set[str], cmp: Comparison) -> bool:
    if any(s.startswith("attendee:") for s in c.subjects):
        return False
    if c.kind == "person":
        return _public_person_change(c, cmp, on_programme) is not None
    # Print settings (paper, bleed, badge layout) are the printer's business, not a reader's.
    return not (c.kind == "event" and EVERYTHING in c.subjects
                and c.text.startswith("Print settings changed"))


def _where(f: Facts, locale: Locale) -> str:
    date = _date(f)
    parts = [day_short(date, locale) if date else "", times_text(f, locale),
             words.room_words(f)]
    return ", ".join(p for p in parts if p)


@dataclass(frozen=True)
class Pages:
    """Who and what has a page on the site: people on the programme, rooms with items."""

    people: set[str]
    rooms: set[str]


def site_changes(cmp: Comparison | None, locale: Locale, labels: dict[str, str],
                 pages: Pages) -> SiteChanges:
    """What the site marks, from the comparison (None: no record)."""
    if cmp is None:
        return NONE
    shown = [c for c in cmp.changes if _shown(c, pages.people, cmp)]
    if not shown:
        return NONE
    old_items, new_items = _items(cmp.record.facts), _items(cmp.facts)

    marks: dict[str, Mark] = {}
    by_item: dict[str, list[Change]] = {}
    for c in shown:
        if c.item is not None and c.item in new_items:
            by_item.setdefault(c.item, []).append(c)
    for anchor, mine in by_item.items():
        old_anchor = next((c.old_item for c in mine if c.old_item), None)
        marks[anchor] = _mark(mine, old_items.get(old_anchor) if old_anchor else None,
                              new_items[anchor], locale)

    people: dict[str, list[str]] = {}
    rooms: dict[str, str] = {}
    old_rooms = cmp.record.facts.get("rooms") or {}
    for c in shown:
        if c.kind == "person" and (pid := _public_person_change(c, cmp, pages.people)):
            people.setdefault(pid, []).append(c.text)
        for s in c.subjects:
            if c.kind == "room" and s.startswith("room:"):
                rid = s.split(":", 1)[1]
                if isinstance(old_rooms, dict) and rid in old_rooms:
                    rooms[rid] = str(old_rooms[rid])

    old_addresses: dict[str, OldAddress] = {}
    for c in shown:
        a = c.old_item
        if a is None or a in new_items or a not in old_items:
            continue
        if c.kind == "removed" or (c.kind == "details" and c.item and c.item != a):
            now = sitemap.item_path(c.item) if c.kind == "details" and c.item else ""
            old = old_items[a]
            old_addresses[a] = OldAddress(sitemap.item_path(a), str(old.get("title", a)),
                                          _where(old, locale), now)

    record_date = cmp.record.recorded_at.date()
    return SiteChanges(len(shown), locale.long_date(record_date),
                       _groups(shown, cmp, locale, labels, pages), marks,
                       {k: tuple(v) for k, v in people.items()}, rooms,
                       tuple(old_addresses[a] for a in sorted(old_addresses)))


def _group_of(c: Change, facts: Facts | None, locale: Locale,
              labels: dict[str, str]) -> tuple[str, str]:
    """(key, heading): the item's programme day; a person's change under the day they first
    appear (diff.py's time order); else the whole event's (first) or people's (last)."""
    date = _date(facts) if facts else None
    if date is None and c.order[0] not in ("", "~"):
        try:
            date = dt.datetime.fromisoformat(c.order[0]).date()
        except ValueError:
            date = None
    if date is not None:
        return date.isoformat(), locale.long_date(date)
    if c.order[0] == "":
        return "event", labels["changes_event"]
    return "people", labels["people"]


def _groups(shown: list[Change], cmp: Comparison, locale: Locale, labels: dict[str, str],
            pages: Pages) -> tuple[Group, ...]:
    """The changes in time order (diff.py sorts them so), under the heading of their day."""
    old_items, new_items = _items(cmp.record.facts), _items(cmp.facts)
    groups: list[tuple[str, str, list[Line]]] = []
    for c in shown:
        facts = new_items.get(c.item or "") or old_items.get(c.old_item or "")
        key, heading = _group_of(c, facts if c.kind != "person" else None, locale, labels)
        path = ""
        if c.item and c.item in new_items:
            path = sitemap.item_path(c.item)
        elif c.kind == "person":
            pid = _public_person_change(c, cmp, pages.people)
            path = sitemap.person_path(pid) if pid else ""
        elif c.kind == "room":
            rid = next((s.split(":", 1)[1] for s in c.subjects if s.startswith("room:")), "")
            path = sitemap.room_path(rid) if rid in pages.rooms else ""
        if not groups or groups[-1][0] != key:
            groups.append((key, heading, []))
        groups[-1][2].append(Line(c.text, c.kind, path))
    return tuple(Group(k, h, tuple(lines)) for k, h, lines in groups)
