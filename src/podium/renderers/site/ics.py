"""Calendar stage of the online agenda: agenda.ics, and one calendar per room and per track.

One VEVENT per item in the event's zone; CATEGORIES hold the item's track and its format
(Talk, Workshop), or its kind when it has neither.

Times carry a TZID with a VTIMEZONE made from the zoneinfo database (never floating times),
UIDs are stable across builds, and DTSTAMP is the build date, not the clock. After
`podium printed`, an item changed since gets SEQUENCE (how many recorded changes it had) and
LAST-MODIFIED (the record's date): both from the record, so a calendar that imported it
takes the new version, and an item as first recorded carries neither (the same bytes as
without a record)."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlsplit

from icalendar import Calendar, Event

from podium import __version__, present
from podium.changes.compare import Comparison
from podium.i18n import Locale
from podium.model import Agenda, Item
from podium.renderers.site.view import place_of


def uid_of(agenda: Agenda, item: Item) -> str:
    """'session-3@agenda.example.org': the same for an item in every build."""
    return f"{item.anchor}@{urlsplit(agenda.event.url).hostname}"


def _end(item: Item) -> dt.datetime:
    if item.end_at is None:
        # An open-ended last item still needs an end for calendars; an hour is a fair guess.
        return item.start_at + dt.timedelta(hours=1)
    return item.end_at


def _description(agenda: Agenda, item: Item, locale: Locale) -> str:
    lines: list[str] = []
    chairs = present.chairs(agenda, item)
    if chairs:
        lines.append(f"{locale.label('chair')}: " + "; ".join(_who(a, locale) for a in chairs))
    speakers = present.speakers(agenda, item)
    if speakers:
        lines.append(f"{locale.label('speakers')}:")
        lines += [f"- {_who(a, locale)}" for a in speakers]
    lines.append(agenda.url_for_item(item))
    return "\n".join(lines)


def _who(a: present.Appearance, locale: Locale) -> str:
    text = f"{a.name}, {a.affiliation}" if a.affiliation else a.name
    return f"{text} ({locale.label('remote')})" if a.remote else text


def categories(agenda: Agenda, item: Item) -> list[str]:
    """The item's track name and format; its kind when it has neither."""
    track = agenda.track_of(item)
    found = [t for t in (track.name if track else None, item.format) if t]
    return found or [item.kind]


def room_items(agenda: Agenda) -> dict[str, list[Item]]:
    """Each room's items by room id; in an agenda of one room, items that name none are its."""
    only = agenda.rooms[0].id if len(agenda.rooms) == 1 else None
    out: dict[str, list[Item]] = {r.id: [] for r in agenda.rooms}
    for _day, item in agenda.items():
        room = item.room or only
        if room in out:
            out[room].append(item)
    return {rid: items for rid, items in out.items() if items}


Revisions = dict[str, tuple[int, int | None]]
"""anchor -> (SEQUENCE, LAST-MODIFIED as seconds since 1970 or None), for changed items."""


def revisions(agenda: Agenda, found: Comparison | None, epoch: int) -> Revisions:
    """Each item's revision as the printed record counts it; {} without a record."""
    if found is None:
        return {}
    out: Revisions = {}
    for _day, item in agenda.items():
        sequence, modified = found.sequence(item.anchor), found.last_modified(item.anchor, epoch)
        if sequence or modified is not None:
            out[item.anchor] = (sequence, modified)
    return out


def calendars(agenda: Agenda, locale: Locale, epoch: int,
              changed: Revisions | None = None) -> dict[str, bytes]:
    """{relative path: bytes}: agenda.ics, calendars/room-{id}.ics and calendars/track-{id}.ics.
    Each event and the time zone are written once and shared by every calendar they are in,
    so FOSDEM's 99 calendars cost about what agenda.ics alone does (bench/exports.py)."""
    title = agenda.event.title
    events = {id(item): data for item, data in _events(agenda, locale, epoch, changed or {})}
    zone = _zone(agenda, locale, epoch)

    def join(items: list[Item], name: str) -> bytes:
        return _calendar(name, agenda.event.timezone, zone, [events[id(it)] for it in items])

    out = {"agenda.ics": join([it for _, it in agenda.items()], title)}
    for rid, items in room_items(agenda).items():
        room = agenda.room(rid)
        out[f"calendars/room-{rid}.ics"] = join(items, f"{title} – {room.name}" if room else title)
    by_track: dict[str, list[Item]] = {}
    for _, item in agenda.items():
        track = agenda.track_of(item)
        if track is not None:
            by_track.setdefault(track.id, []).append(item)
    for track in agenda.tracks_used():
        out[f"calendars/track-{track.id}.ics"] = join(by_track[track.id], f"{title} – {track.name}")
    return out


def calendar_bytes(agenda: Agenda, locale: Locale, epoch: int) -> bytes:
    """The whole agenda as an iCalendar file (CRLF lines folded at 75 octets)."""
    return _calendar(agenda.event.title, agenda.event.timezone, _zone(agenda, locale, epoch),
                     [data for _, data in _events(agenda, locale, epoch)])


_END = b"END:VCALENDAR\r\n"


def _calendar(name: str, timezone: str, zone: bytes, events: list[bytes]) -> bytes:
    """A VCALENDAR of already written components: its own properties, the VTIMEZONE, events."""
    cal = Calendar()
    cal.add("prodid", f"-//podium//podium {__version__}//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    # A calendar's name is one line (a title written over two lines would break the file).
    cal.add("x-wr-calname", " ".join(name.split()))
    cal.add("x-wr-timezone", timezone)
    head: bytes = cal.to_ical()
    return head[:-len(_END)] + zone + b"".join(events) + _END


def _events(agenda: Agenda, locale: Locale, epoch: int,
            changed: Revisions | None = None) -> list[tuple[Item, bytes]]:
    stamp = dt.datetime.fromtimestamp(epoch, tz=dt.UTC)
    place = place_of(agenda)
    changed = changed or {}
    return [(item, _event(agenda, locale, stamp, place, item, changed.get(item.anchor)).to_ical())
            for _, item in agenda.items()]


def _event(agenda: Agenda, locale: Locale, stamp: dt.datetime, place: str, item: Item,
           revision: tuple[int, int | None] | None = None) -> Event:
    ev = Event()
    ev.add("uid", uid_of(agenda, item))
    ev.add("dtstamp", stamp)
    if revision is not None:
        sequence, modified = revision
        if sequence:
            ev.add("sequence", sequence)
        if modified is not None:
            ev.add("last-modified", dt.datetime.fromtimestamp(modified, tz=dt.UTC))
    ev.add("dtstart", item.start_at)
    ev.add("dtend", _end(item))
    ev.add("summary", present.item_heading(item, locale))
    room = agenda.room(item.room)
    location = ", ".join(p for p in (room.name if room else "", place) if p)
    if location:
        ev.add("location", location)
    ev.add("description", _description(agenda, item, locale))
    ev.add("url", agenda.url_for_item(item))
    ev.add("categories", categories(agenda, item))
    return ev


def _zone(agenda: Agenda, locale: Locale, epoch: int) -> bytes:
    """The VTIMEZONE of the event's zone, for the event's span (a year either side keeps it
    small yet safe), as icalendar works it out from an event that uses it."""
    if not agenda.days or not agenda.days[0].items:
        first_item = next((it for _, it in agenda.items()), None)
    else:
        first_item = agenda.days[0].items[0]
    if first_item is None:
        return b""
    cal = Calendar()
    cal.add_component(_event(agenda, locale, dt.datetime.fromtimestamp(epoch, tz=dt.UTC), "", first_item))
    first, last = agenda.days[0].date, agenda.days[-1].date
    cal.add_missing_timezones(first_date=first - dt.timedelta(days=366),
                              last_date=last + dt.timedelta(days=366))
    return b"".join(z.to_ical() for z in cal.walk("VTIMEZONE"))
