"""Calendar stage of the online agenda: agenda.ics, one VEVENT per item in the event's zone.

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


def _calendar(agenda: Agenda) -> Calendar:
    cal = Calendar()
    cal.add("prodid", f"-//podium//podium {__version__}//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    # A calendar's name is one line (a title written over two lines would break the file).
    cal.add("x-wr-calname", " ".join(agenda.event.title.split()))
    cal.add("x-wr-timezone", agenda.event.timezone)
    return cal


def _event(agenda: Agenda, item: Item, locale: Locale, stamp: dt.datetime, place: str) -> Event:
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
    ev.add("categories", [item.kind])
    return ev


def _add_zones(agenda: Agenda, cal: Calendar) -> None:
    if agenda.days:
        # VTIMEZONE rules for the event's span (a year either side keeps it small yet safe).
        first, last = agenda.days[0].date, agenda.days[-1].date
        cal.add_missing_timezones(first_date=first - dt.timedelta(days=366),
                                  last_date=last + dt.timedelta(days=366))


def calendar_bytes(agenda: Agenda, locale: Locale, epoch: int) -> bytes:
    """The whole agenda as an iCalendar file (CRLF lines folded at 75 octets)."""
    cal = _calendar(agenda)
    stamp = dt.datetime.fromtimestamp(epoch, tz=dt.UTC)
    place = place_of(agenda)
    for _day, item in agenda.items():
        cal.add_component(_event(agenda, item, locale, stamp, place))
    _add_zones(agenda, cal)
    data: bytes = cal.to_ical()
    return data


def item_calendars(agenda: Agenda, locale: Locale, epoch: int) -> dict[str, bytes]:
    """One small calendar per item (sessions/ANCHOR.ics, a session page's "add to calendar"),
    by anchor. The time zone's rules are worked out once and shared by every file."""
    stamp = dt.datetime.fromtimestamp(epoch, tz=dt.UTC)
    place = place_of(agenda)
    every = [item for _day, item in agenda.items()]
    if not every:
        return {}
    shell = _calendar(agenda)
    shell.add_component(_event(agenda, every[0], locale, stamp, place))
    _add_zones(agenda, shell)
    # The shell's text split around its one VEVENT: head (with VTIMEZONE) and tail.
    text = shell.to_ical()
    begin, end = text.find(b"BEGIN:VEVENT"), text.find(b"END:VEVENT\r\n")
    head = text[:begin]
    tail = text[end + len(b"END:VEVENT\r\n"):]
    return {item.anchor: head + _event(agenda, item, locale, stamp, place).to_ical() + tail
            for item in every}
