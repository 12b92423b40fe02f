"""Calendar stage of the online agenda: agenda.ics, and one calendar per room and per track.

One VEVENT per item in the event's zone; CATEGORIES hold the item's track and its format
(Talk, Workshop), or its kind when it has neither.

Times carry a TZID with a VTIMEZONE made from the zoneinfo database (never floating times),
UIDs are stable across builds, and DTSTAMP is the build date, not the clock."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlsplit

from icalendar import Calendar, Event

from podium import __version__, present
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


def calendars(agenda: Agenda, locale: Locale, epoch: int) -> dict[str, bytes]:
    """{relative path: bytes}: agenda.ics, calendars/room-{id}.ics and calendars/track-{id}.ics."""
    title = agenda.event.title
    out = {"agenda.ics": calendar_bytes(agenda, locale, epoch)}
    for rid, items in room_items(agenda).items():
        room = agenda.room(rid)
        name = f"{title} – {room.name}" if room else title
        out[f"calendars/room-{rid}.ics"] = calendar_bytes(agenda, locale, epoch, items, name)
    for track in agenda.tracks_used():
        items = [it for _, it in agenda.items() if (t := agenda.track_of(it)) and t.id == track.id]
        out[f"calendars/track-{track.id}.ics"] = calendar_bytes(
            agenda, locale, epoch, items, f"{title} – {track.name}")
    return out


def calendar_bytes(agenda: Agenda, locale: Locale, epoch: int, items: list[Item] | None = None,
                   name: str | None = None) -> bytes:
    """The whole agenda (or the given items) as an iCalendar file (CRLF lines folded at 75
    octets), named after the event (or `name`)."""
    cal = Calendar()
    cal.add("prodid", f"-//podium//podium {__version__}//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    # A calendar's name is one line (a title written over two lines would break the file).
    cal.add("x-wr-calname", " ".join((name or agenda.event.title).split()))
    cal.add("x-wr-timezone", agenda.event.timezone)
    stamp = dt.datetime.fromtimestamp(epoch, tz=dt.UTC)
    place = place_of(agenda)
    for item in [it for _, it in agenda.items()] if items is None else items:
        ev = Event()
        ev.add("uid", uid_of(agenda, item))
        ev.add("dtstamp", stamp)
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
        cal.add_component(ev)
    if agenda.days:
        # VTIMEZONE rules for the event's span (a year either side keeps it small yet safe).
        first, last = agenda.days[0].date, agenda.days[-1].date
        cal.add_missing_timezones(first_date=first - dt.timedelta(days=366),
                                  last_date=last + dt.timedelta(days=366))
    data: bytes = cal.to_ical()
    return data
