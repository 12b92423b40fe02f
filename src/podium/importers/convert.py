"""Import stage: a `SourceSchedule` turned into agenda.yaml data (plain dicts, in print order)."""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo
from collections import Counter
from dataclasses import dataclass
from typing import Any

from podium import values
from podium.fonts import FontRegistry
from podium.importers.days import DayPlan, minutes_after
from podium.importers.glyphs import Glyphs
from podium.importers.people import People, candidate_ids, safe_id, unique_id
from podium.importers.report import Report
from podium.importers.source import SourceEvent, SourceSchedule, parse_duration, parse_instant
from podium.importers.text import clean_line, to_paragraphs
from podium.importers.tracks import Tracks

PLACEHOLDER_URL = values.PLACEHOLDER_URL
LAST_MINUTE = 48 * 60 - 1  # 47:59, the latest time an agenda can hold
_LABEL_LANGUAGES = ("en", "es", "fr")
CHAIR_ROLES = ("chair", "moderator", "host")


@dataclass
class _Placed:
    """An event with its programme day and minutes, ready to be written as an item."""

    position: int
    event: SourceEvent
    date: dt.date
    start: int
    end: int | None
    room: str


def _hhmm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def kind_of(event_type: str) -> str | None:
    """podium's kind for a source's event type: ceremony, break or meal (None: a session)."""
    lowered = event_type.lower()
    if "ceremony" in lowered:
        return "ceremony"
    if lowered in ("break", "pause", "coffee break"):
        return "break"
    if any(w in lowered for w in ("lunch", "dinner", "breakfast", "meal")):
        return "meal"
    return None


# Zones tried first when only UTC offsets are known: one per offset, the most populous.
_LIKELY_ZONES = (
    "Europe/London", "Europe/Berlin", "Europe/Athens", "Europe/Moscow", "Asia/Dubai",
    "Asia/Karachi", "Asia/Kolkata", "Asia/Kathmandu", "Asia/Dhaka", "Asia/Bangkok",
    "Asia/Shanghai", "Asia/Tokyo", "Australia/Adelaide", "Australia/Sydney", "Pacific/Auckland",
    "America/Sao_Paulo", "America/Montevideo", "America/New_York", "America/Chicago",
    "America/Denver", "America/Los_Angeles", "Africa/Lagos", "Africa/Nairobi", "Asia/Tehran")


def _offset_zone(events: list[SourceEvent]) -> str | None:
    """A zone that has every event's UTC offset at its date: Etc/GMT for one whole-hour
    offset (exact, never shifts), else a real zone (+05:30 is Asia/Kolkata; +01:00 and
    +02:00 across a DST change are Europe/Berlin)."""
    starts = [e.start for e in events if e.start is not None and e.start.utcoffset() is not None]
    offsets = {s.utcoffset() for s in starts}
    if not offsets:
        return None
    if len(offsets) == 1:
        offset = next(iter(offsets))
        hours, rest = divmod(int(offset.total_seconds()) if offset else 0, 3600)
        if not rest:
            # POSIX-style names invert the sign: UTC+01:00 is Etc/GMT-1.
            return "UTC" if hours == 0 else f"Etc/GMT{-hours:+d}"
    samples = {(s.astimezone(dt.UTC).replace(tzinfo=None), s.utcoffset()) for s in starts}
    others = sorted(z for z in zoneinfo.available_timezones() if "/" in z and not z.startswith("Etc/"))
    for name in (*_LIKELY_ZONES, *others):
        zone = zoneinfo.ZoneInfo(name)
        if all(zone.utcoffset(utc + (off or dt.timedelta())) == off for utc, off in samples):
            return name
    return None


class Converter:
    """One conversion: holds the report, the people and the room ids while it runs."""

    def __init__(self, source: SourceSchedule, fonts: FontRegistry, *, timezone: str | None = None,
                 url: str | None = None) -> None:
        self.source = source
        self.report = Report()
        self.glyphs = Glyphs(fonts, self.report)
        self.people = People(self.report)
        self.people.learn([p for e in source.events for p in e.persons])
        self.tz_name = self._timezone(timezone)
        self.tz = zoneinfo.ZoneInfo(self.tz_name)
        self.url = self._event_url(url)
        self.room_ids: dict[str, str] = {}
        self.tracks = Tracks(source, self.report)
        self.day_dates = {d.index: d.date for d in source.days}
        self.after_midnight = 0
        self.missing_length = 0
        self.moved: list[tuple[dt.date, dt.date]] = []

    # -- event-level settings ---------------------------------------------------

    def _timezone(self, given: str | None) -> str:
        for name, origin in ((given, "--timezone"), (self.source.timezone, "the source")):
            if not name:
                continue
            try:
                return values.parse_timezone(name)
            except ValueError as exc:
                if origin == "--timezone":
                    raise
                self.report.warn(f"the source's time zone: {exc}")
        guess = _offset_zone(self.source.events) or "UTC"
        self.report.warn(f"the source names no time zone; used {guess}, which has the events' UTC "
                         "offsets (give --timezone, e.g. Europe/Berlin, to name the real one)")
        return guess

    def _event_url(self, given: str | None) -> str:
        """Only `--url` says where podium's online agenda will live. The source's own site
        (fosdem.org, the CCC hub) has none of podium's pages, so QR codes must not go there."""
        if given:
            return values.parse_url(given)
        base = self.source.base_url.strip()
        seen = f" (the source's own site, {base}, does not hold podium's pages)" if base else ""
        self.report.warn(f"event.url is the placeholder {PLACEHOLDER_URL}{seen}: set it, or give "
                         "--url, to where you will publish build/site/ before printing QR codes")
        return PLACEHOLDER_URL

    def _language(self) -> str:
        counts = Counter(e.language.lower()[:2] for e in self.source.events if e.language)
        for lang, _ in counts.most_common():
            if lang in _LABEL_LANGUAGES:
                return lang
        return "en"

    # -- times -------------------------------------------------------------------

    def _start(self, event: SourceEvent, day_date: dt.date) -> dt.datetime | None:
        """The event's absolute start in the event's zone: its own date-time, else the day's
        date and its HH:MM (a time before the day's start bound is the next morning)."""
        if event.start is not None:
            start = event.start if event.start.tzinfo else event.start.replace(tzinfo=self.tz)
            return start.astimezone(self.tz)
        match = re.match(r"(\d{1,2}):(\d{2})", event.fallback_start)
        if not match:
            return None
        hour, minute = int(match.group(1)), int(match.group(2))
        start = dt.datetime.combine(day_date, dt.time(hour % 24, minute), tzinfo=self.tz) + \
            dt.timedelta(days=hour // 24)
        day = next((d for d in self.source.days if d.index == event.day_index), None)
        if day is not None and day.start is not None and start < day.start.astimezone(self.tz):
            start += dt.timedelta(days=1)
        return start

    def _length(self, event: SourceEvent, start: dt.datetime, where: str) -> int | None:
        """Minutes the event lasts: its duration, else its `<end>`; None when neither says."""
        if event.duration:
            try:
                return parse_duration(event.duration, self.source.duration_style)
            except ValueError as exc:
                if not event.end:
                    self.report.warn(f"{where}: {exc}; no end time given")
                    return None
        if event.end:
            end = parse_instant(event.end)
            if end is None:
                match = re.match(r"(\d{1,2}):(\d{2})\Z", event.end)
                if match:
                    clock = dt.time(int(match.group(1)) % 24, int(match.group(2)))
                    end = dt.datetime.combine(start.date(), clock, tzinfo=self.tz)
                    if end < start:
                        end += dt.timedelta(days=1)
            if end is not None:
                end = end if end.tzinfo else end.replace(tzinfo=self.tz)
                return max(0, int((end - start).total_seconds() // 60))
            self.report.warn(f"{where}: its end '{event.end}' is not a time; no end time given")
            return None
        self.missing_length += 1
        return None

    def _starts(self) -> list[tuple[SourceEvent, dt.datetime | None]]:
        out = []
        for event in self.source.events:
            day_date = self.day_dates.get(event.day_index, self.source.days[0].date)
            out.append((event, self._start(event, day_date)))
        return out

    def _place(self, position: int, event: SourceEvent, start: dt.datetime | None,
               plan: DayPlan, where: str) -> _Placed:
        listed = self.day_dates.get(event.day_index)
        if listed is None:
            self.report.warn(f"{where}: its day index {event.day_index} is not in the source; "
                             "placed by its date")
        if start is None:
            day_date = listed or self.source.days[0].date
            self.report.warn(f"{where}: no readable date or start time; placed at 00:00 on {day_date}")
            start = dt.datetime.combine(day_date, dt.time(0), tzinfo=self.tz)
        date = plan.date_of(start, event.day_index)
        minutes = minutes_after(date, start)
        if not 0 <= minutes <= LAST_MINUTE:  # bounds longer than two days: the start's own date
            date, minutes = start.date(), start.hour * 60 + start.minute
        if listed is not None and date != listed:
            self.moved.append((listed, date))
        if minutes >= 1440:
            self.after_midnight += 1
        end: int | None = None
        length = self._length(event, start, where)
        if length is not None:
            end = minutes + length
            if length == 0:
                self.report.warn(f"{where}: duration is zero; no end time given")
                end = None
            elif end > LAST_MINUTE:
                self.report.warn(f"{where}: ends after 47:59 of its day ({event.duration} long); "
                                 "no end time given")
                end = None
        return _Placed(position, event, date, minutes, end, self._room(event, where))

    def _room(self, event: SourceEvent, where: str) -> str:
        if event.block_room and event.room != event.block_room:
            self.report.info(f"{where}: listed under room '{event.block_room}' but says it is in "
                             f"'{event.room}'; used '{event.room}'")
        return self.room_ids[clean_line(event.room)]

    # -- the whole agenda ----------------------------------------------------------

    def _rooms(self) -> list[dict[str, str]]:
        names = [clean_line(e.room) for e in self.source.events]
        names += [clean_line(r) for _, r in self.source.empty_room_blocks]
        out = []
        for name in dict.fromkeys(n for n in names if n):
            base = values.slug(name)
            ident, n = base, 2
            while ident in self.room_ids.values():
                ident, n = f"{base}-{n}", n + 1
            self.room_ids[name] = ident
            out.append({"id": ident, "name": self.glyphs.fix(name, f"room '{name}'")})
        self.room_ids[""] = "room"
        if any(not clean_line(e.room) for e in self.source.events):
            self.report.warn("some events name no room; they are in a room called 'Room'")
            out.append({"id": "room", "name": "Room"})
        return out

    def _item_id(self, event: SourceEvent, taken: set[str]) -> str:
        key = next((k for k in (event.guid, event.ident, event.code, event.slug) if safe_id(k)), "")
        candidates = candidate_ids(key, "e") if key else [values.slug(event.title)]
        ident = unique_id(candidates, taken)
        if ident not in candidates:
            self.report.warn(f"event '{clean_line(event.title)}': id {candidates[-1]} is used twice; "
                             f"this one is {ident}")
        return ident

    def _item(self, placed: _Placed, ident: str) -> dict[str, Any]:
        e = placed.event
        where = f"event {ident} ('{clean_line(e.title)}')"
        fix = self.glyphs.fix
        title = fix(clean_line(e.title), where, "title")
        if not title:
            self.report.warn(f"{where}: has no title; titled 'Untitled'")
            title = "Untitled"
        item: dict[str, Any] = {"id": ident, "start": _hhmm(placed.start)}
        if placed.end is not None:
            item["end"] = _hhmm(placed.end)
        item["title"] = title
        optional = {"subtitle": clean_line(e.subtitle), "room": placed.room,
                    "track": self.tracks.id_of(e.track), "format": clean_line(e.type),
                    "language": clean_line(e.language)}
        for key, value in optional.items():
            if value:
                item[key] = value if key in ("room", "track") else fix(value, where, key)
        kind = kind_of(e.type)
        if kind:
            item["kind"] = kind
        chairs = self.people.refs([p for p in e.persons if p.role in CHAIR_ROLES], where)
        if chairs:
            item["chair"] = chairs[0] if len(chairs) == 1 else chairs
        speakers = self.people.refs([p for p in e.persons if p.role not in CHAIR_ROLES], where)
        if speakers:
            item["speakers"] = speakers
        item.update(self._links(e, ident, where))
        text = to_paragraphs(e.abstract) or to_paragraphs(e.description)
        background = [p for p in (fix(t, where, "abstract") for t in text) if p]
        if background:
            item["background"] = background
        return item

    def _links(self, e: SourceEvent, ident: str, where: str) -> dict[str, str]:
        out: dict[str, str] = {}
        if e.url:
            try:
                out["url"] = values.parse_url(e.url)
            except ValueError as exc:
                self.report.warn(f"{where}: url left out: {exc}")
        if e.guid and e.guid != ident:
            out["guid"] = e.guid
        return out

    def _overlaps(self, items: list[dict[str, Any]], date: dt.date) -> None:
        busy: dict[str, dict[str, Any]] = {}
        for item in items:
            room = item.get("room", "")
            before = busy.get(room)
            if before is not None and "end" in before and \
                    values.parse_minutes(item["start"]) < values.parse_minutes(before["end"]):
                self.report.warn(f"{date}: event {item['id']} ('{item['title']}') starts at "
                                 f"{item['start']} in room {room}, while {before['id']} "
                                 f"('{before['title']}') runs until {before['end']}: the source has "
                                 "them overlap; both are kept (signs and booklet list both, and "
                                 "`podium check` warns until one is moved)")
            if before is None or "end" not in item or "end" not in before or \
                    values.parse_minutes(item["end"]) > values.parse_minutes(before["end"]):
                busy[room] = item

    def run(self) -> dict[str, Any]:
        src = self.source
        rooms = self._rooms()
        starts = self._starts()
        plan = DayPlan(src.days, [t for _, t in starts if t is not None], self.tz)
        placed: list[_Placed] = []
        for position, (event, start) in enumerate(starts):
            where = f"event '{clean_line(event.title)}' ({event.guid or event.ident or event.slug})"
            placed.append(self._place(position, event, start, plan, where))
        rank = {r["id"]: i for i, r in enumerate(rooms)}
        placed.sort(key=lambda p: (p.date, p.start, rank.get(p.room, 0), p.position))
        # A source day keeps its place when it lists nothing at all; one whose events all
        # belong to other dates (UTC day dates) is not a programme day.
        listing = {e.day_index for e in src.events}
        days: dict[dt.date, list[dict[str, Any]]] = {
            plan.source_day_date(d): [] for d in src.days if d.index not in listing}
        taken: set[str] = set()
        for p in placed:
            days.setdefault(p.date, []).append(self._item(p, self._item_id(p.event, taken)))
        for date, items in sorted(days.items()):
            if not items:
                self.report.info(f"{date}: the source has no events on this day; kept as an empty day")
            self._overlaps(items, date)
        self._summary(len(rooms), sum(len(v) for v in days.values()), len(days))
        return self._agenda(rooms, days)

    def _summary(self, rooms: int, imported: int, days: int) -> None:
        src = self.source
        if self.moved:
            pairs = sorted(set(self.moved))
            shown = ", ".join(f"{a} -> {b}" for a, b in pairs[:6]) + (" ..." if len(pairs) > 6 else "")
            self.report.warn(f"{len(self.moved)} events are listed under a day whose date is not the "
                             f"local date they start on in {self.tz_name} ({shown}); each is placed on "
                             "the programme day of its own local start (the source's day dates are "
                             "probably UTC dates)")
        if self.after_midnight:
            self.report.info(f"{self.after_midnight} events after midnight stay on the programme day "
                             "before, with times from 24:00")
        if self.missing_length:
            self.report.info(f"{self.missing_length} events give neither a duration nor an end; each "
                             "runs until the next item of its day")
        if src.persons_outside:
            self.report.info(f"{src.persons_outside} events list their speakers as <person> elements "
                             "outside a <persons> wrapper; they were read all the same")
        if src.empty_room_blocks:
            self.report.info(f"{len(src.empty_room_blocks)} empty room blocks (a room with no events "
                             "on a day) hold nothing to import")
        self.report.counts = {"days": days, "rooms": rooms, "events": imported,
                              "people": len(self.people.entries())}
        if imported != len(src.events):  # pragma: no cover - every event is placed somewhere
            raise AssertionError(f"imported {imported} of {len(src.events)} events")

    def _agenda(self, rooms: list[dict[str, str]], days: dict[dt.date, list[dict[str, Any]]]
                ) -> dict[str, Any]:
        src = self.source
        event: dict[str, Any] = {"title": self.glyphs.fix(clean_line(src.title) or "Untitled",
                                                          "event title")}
        for key in ("subtitle", "venue", "city"):
            value = clean_line(getattr(src, key))
            if value:
                event[key] = self.glyphs.fix(value, f"event {key}")
        event.update({"timezone": self.tz_name, "url": self.url, "language": self._language()})
        people = [{"id": p["id"], "name": self.glyphs.fix(p["name"], f"person {p['id']}")}
                  for p in self.people.entries()]
        tracks = self.tracks.entries(self.glyphs.fix)
        return {"event": event, "rooms": rooms, **({"tracks": tracks} if tracks else {}), "people": people,
                "days": [{"date": date.isoformat(), "items": items} for date, items in sorted(days.items())]}
