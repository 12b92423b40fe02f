"""Export stage of the online agenda: every item as schedule.xml and schedule.json see it.

Both formats (frab schedule XML, c3voc schedule JSON) hold one event per item with a numeric
id, a UUID and a slug; podium's items have none of these, so they are made here, the same in
every build and for every edit that leaves the item's anchor alone (a schedule app keeps a
visitor's favourites by them). What neither format has a place for (questions, session
numbers, a person's role or organisation, `remote`) is left out; chairs are the persons
listed first, and schedule.json marks them with `"role": "chair"`."""

from __future__ import annotations

import datetime as dt
import html
import re
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import urlsplit

from podium import values
from podium.importers.convert import kind_of
from podium.importers.text import to_paragraphs
from podium.model import Agenda, Day, Item

TIMESLOT = "00:05"
_KIND_TYPES = {"break": "Break", "meal": "Meal", "ceremony": "Ceremony", "session": "Talk"}


@dataclass(frozen=True)
class Person:
    """One person of an exported event."""

    number: int
    guid: str
    name: str
    role: str
    """'chair' or 'speaker'."""


@dataclass(frozen=True)
class Exported:
    """One item as both formats write it."""

    item: Item
    number: int
    guid: str
    slug: str
    room: str
    track: str
    type: str
    url: str
    persons: list[Person]
    abstract: str
    """The background (see `abstract`)."""

    @property
    def duration(self) -> str:
        """HH:MM; 00:00 for an open-ended last item (podium's importer leaves its end open)."""
        end = self.item.end_minutes
        minutes = 0 if end is None else end - self.item.start_minutes
        return f"{minutes // 60:02d}:{minutes % 60:02d}"


_MARKUP = frozenset("[<`*_~\\&")
_LINE_MARKUP = re.compile(r"\s*(?:[#>=+*-]|\d+[.)]\s)")


def abstract(background: list[str]) -> str:
    """The background as plain paragraphs between blank lines, or as HTML paragraphs when
    a reader of Markdown would take some of it for markup (a leading `1.`, `*`, `#`)."""
    plain = "\n\n".join(background)
    # Most paragraphs hold nothing Markdown reads; only the others need the slow exact test.
    if not any(_MARKUP.intersection(p) or _LINE_MARKUP.match(p) for p in background) or \
            to_paragraphs(plain) == background:
        return plain
    return "".join(f"<p>{html.escape(p, quote=False)}</p>" for p in background)


def _uuid(agenda: Agenda, fragment: str) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"{agenda.event.url}#{fragment}"))


def _is_uuid(text: str) -> bool:
    try:
        return str(uuid.UUID(text)) == text.lower() and len(text) == 36
    except ValueError:
        return False


def _number(guid: str, taken: set[int]) -> int:
    """A positive id from the UUID (stable across edits), the next free one on a clash."""
    n = int(guid.replace("-", "")[:7], 16) + 1
    while n in taken:
        n += 1
    taken.add(n)
    return n


def acronym(agenda: Agenda) -> str:
    """A short lower-case name: the URL's last folder (montevideo-2024), else the title's slug,
    with `_` for `-` (c3voc's acronym pattern takes no hyphen after the first character)."""
    path = [p for p in urlsplit(agenda.event.url).path.split("/") if p]
    base = values.slug(path[-1]) if path else values.slug(agenda.event.title)
    text = base.replace("-", "_")[:40].strip("_") or "event"
    return text + "_" * max(0, 4 - len(text))


def room_name(agenda: Agenda, item: Item) -> str:
    """The item's room; an agenda without rooms (or an item left in the only one) gets its
    one room's name, else the venue, else 'Room' (the importer's own name for it)."""
    room = agenda.room(item.room)
    if room is None and len(agenda.rooms) == 1:
        room = agenda.rooms[0]
    return room.name if room is not None else (agenda.event.venue or "Room")


def event_type(item: Item) -> str:
    """The source's format when podium's importer reads the same kind back from it."""
    if item.format and (kind_of(item.format) or "session") == item.kind:
        return item.format
    return _KIND_TYPES[item.kind]


def site_url(agenda: Agenda, item: Item) -> str:
    """The item's own page: its source's page when imported, else its page on the site."""
    return item.url or f"{agenda.event.url.rstrip('/')}/sessions/{item.anchor}.html"


def exported(agenda: Agenda) -> list[tuple[Day, Exported]]:
    """Every item with what both formats need, in programme order."""
    return list(_exported(agenda))


def _exported(agenda: Agenda) -> Iterator[tuple[Day, Exported]]:
    numbers: set[int] = set()
    guids: set[str] = set()
    slugs: set[str] = set()
    people: dict[str, Person] = {}
    person_numbers: set[int] = set()
    for day, item in agenda.items():
        guid = item.guid if item.guid and _is_uuid(item.guid) and item.guid not in guids else \
            _uuid(agenda, item.anchor)
        guids.add(guid)
        # c3voc's JSON schema wants two characters at least.
        base = values.slug(item.anchor) if len(values.slug(item.anchor)) > 1 else \
            f"item-{values.slug(item.anchor)}"
        slug, n = base, 2
        while slug in slugs:
            slug, n = f"{base}-{n}", n + 1
        slugs.add(slug)
        persons: list[Person] = []
        roles = [*(("chair", c) for c in item.chair), *(("speaker", s.person) for s in item.speakers)]
        for role, pid in roles:
            known = people.get(pid)
            if known is None:
                pguid = _uuid(agenda, f"person-{pid}")
                known = people[pid] = Person(_number(pguid, person_numbers), pguid,
                                             agenda.person(pid).name, "")
            persons.append(Person(known.number, known.guid, known.name, role))
        track = agenda.track_of(item)
        yield day, Exported(item=item, number=_number(guid, numbers), guid=guid, slug=slug,
                            room=room_name(agenda, item), track=track.name if track else "",
                            type=event_type(item), url=site_url(agenda, item), persons=persons,
                            abstract=abstract(item.background))


def day_bounds(agenda: Agenda, day: Day) -> tuple[dt.datetime, dt.datetime]:
    """From the day's midnight to the next (or to its last end past midnight): the importer
    puts an item of these bounds on this day, and their middle falls on the day's date."""
    tz = agenda.tz
    start = dt.datetime.combine(day.date, dt.time(0), tzinfo=tz)
    end = dt.datetime.combine(day.date + dt.timedelta(days=1), dt.time(0), tzinfo=tz)
    for item in day.items:
        end = max(end, item.end_at or item.start_at, item.start_at + dt.timedelta(minutes=1))
    return start, end


def version(epoch: int, revision: int = 0) -> str:
    """The schedule's version: the build's date (SOURCE_DATE_EPOCH), never the clock, and
    after `podium printed` the programme's revision when it has changed since the first
    record ('2024-12-10 03:06, revision 2'), so that apps see an edit even in a build of the
    same date."""
    date = dt.datetime.fromtimestamp(epoch, tz=dt.UTC).strftime("%Y-%m-%d %H:%M")
    return f"{date}, revision {revision}" if revision else date
