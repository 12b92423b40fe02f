"""Presentation stage of the online agenda: the plain values that the page templates show.

Templates get text only (never markup): Jinja escapes every value, so an agenda title
holding `<script>` shows as text. Paths are relative to the site's root (podium.sitemap);
a page writes them after its own `root`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from podium import present, sitemap
from podium.i18n import Locale, time_text
from podium.model import Agenda, Day, Item, Person, Track
from podium.renderers.site.marks import Mark


@dataclass(frozen=True)
class PersonRef:
    """A person as named under an item, linking to their own page."""

    id: str
    path: str
    name: str
    affiliation: str
    remote: bool


@dataclass(frozen=True)
class TrackRef:
    id: str
    name: str
    colour: str
    """'#RRGGBB', or '' when the track has none (the name is always shown)."""
    path: str
    calendar: str


@dataclass(frozen=True)
class RoomRef:
    id: str
    name: str
    path: str
    screen: str
    calendar: str


@dataclass(frozen=True)
class ItemView:
    """One item, with all it shows on its own page; listings show a few of the fields."""

    anchor: str
    path: str
    calendar: str
    kind: str
    is_break: bool
    label: str
    """'Session 3', or '' for an unnumbered item."""
    title: str
    subtitle: str
    times: str
    """'09:30–11:30', with the calendar day for an item past midnight."""
    start_text: str
    """'09:30', or '01:00 (Sun 28)' past midnight: a time slot's heading."""
    start_at: dt.datetime
    start_iso: str
    end_iso: str
    day: dt.date
    day_label: str
    """'Tuesday 10': the programme day, short."""
    room: RoomRef | None
    track: TrackRef | None
    format: str
    chairs: tuple[PersonRef, ...]
    speakers: tuple[PersonRef, ...]
    background: tuple[str, ...]
    questions_label: str
    questions: tuple[str, ...]
    mark: Mark | None = None
    """Changed or new since the print run (marks.py), None when as printed."""

    @property
    def is_minor(self) -> bool:
        """Breaks and meals, which read as a line rather than a card."""
        return self.is_break and not (self.chairs or self.speakers)

    @property
    def people(self) -> tuple[PersonRef, ...]:
        return self.chairs + self.speakers


@dataclass(frozen=True)
class DayRef:
    date: dt.date
    path: str
    heading: str
    """'Tuesday, 10 December 2024'."""
    short: str
    """'Tuesday 10'."""


@dataclass(frozen=True)
class EventView:
    title: str
    subtitle: str
    dates: str
    place: str
    url: str
    time_zone: str
    zone: str
    """The IANA name, for the screens' clock."""


@dataclass(frozen=True)
class Role:
    """One of a person's appearances."""

    item: ItemView
    role: str


@dataclass(frozen=True)
class PersonView:
    id: str
    path: str
    name: str
    title: str
    role: str
    organisation: str
    country: str
    roles: tuple[Role, ...]


def place_of(agenda: Agenda) -> str:
    """'Venue, City, Country' with whatever parts the agenda gives."""
    e = agenda.event
    return ", ".join(p for p in (e.venue, e.city, e.country) if p)


def _iso(moment: dt.datetime | None) -> str:
    return "" if moment is None else moment.isoformat(timespec="minutes")


def _start_text(item: Item, locale: Locale) -> str:
    note = present.day_note(item, locale)
    return f"{time_text(item.start)} ({note})" if note else time_text(item.start)


def _utc_offset(agenda: Agenda) -> str:
    first = agenda.days[0].date if agenda.days else dt.date(2000, 1, 1)
    offset = dt.datetime.combine(first, dt.time(12), tzinfo=agenda.tz).strftime("%z")
    return f"UTC{offset[:3]}:{offset[3:]}"


def track_ref(track: Track) -> TrackRef:
    return TrackRef(track.id, track.name, track.colour or "", sitemap.track_path(track.id),
                    sitemap.track_calendar_path(track.id))


class Views:
    """Every item, room, track, day and person of the agenda as plain values, made once
    (a session shows on its day, room, track, person and screen pages)."""

    def __init__(self, agenda: Agenda, locale: Locale,
                 marks: dict[str, Mark] | None = None) -> None:
        self.agenda, self.locale = agenda, locale
        self.marks = marks or {}
        self.rooms = {r.id: RoomRef(r.id, r.name, sitemap.room_path(r.id),
                                    sitemap.screen_path(r.id), sitemap.room_calendar_path(r.id))
                      for r in agenda.rooms}
        self.tracks = {t.id: track_ref(t) for t in agenda.tracks_used()}
        self.days = [DayRef(d.date, sitemap.day_path(d.date), locale.long_date(d.date),
                            f"{locale.weekday(d.date)} {d.date.day}") for d in agenda.days]
        self._people: dict[str, PersonRef] = {}
        self.items: list[ItemView] = [self._item(day, it) for day, it in agenda.items()]
        self.by_anchor = {v.anchor: v for v in self.items}
        self.event = self._event()

    def _person_ref(self, a: present.Appearance) -> PersonRef:
        return PersonRef(a.person.id, sitemap.person_path(a.person.id), a.name, a.affiliation,
                         a.remote)

    def _item(self, day: Day, item: Item) -> ItemView:
        agenda, locale = self.agenda, self.locale
        track = agenda.track_of(item)
        return ItemView(
            anchor=item.anchor, path=sitemap.item_path(item.anchor),
            calendar=sitemap.item_calendar_path(item.anchor), kind=item.kind,
            is_break=item.is_break,
            label=f"{locale.label('session')} {item.number}" if item.number is not None else "",
            title=item.title, subtitle=item.subtitle or "",
            times=present.item_when(item, locale),
            start_text=_start_text(item, locale),
            start_at=item.start_at,
            start_iso=_iso(item.start_at), end_iso=_iso(item.end_at), day=day.date,
            day_label=f"{locale.weekday(day.date)} {day.date.day}",
            room=self.rooms.get(item.room) if item.room else None,
            track=self.tracks.get(track.id) if track else None,
            format=item.format or "",
            chairs=tuple(self._person_ref(a) for a in present.chairs(agenda, item)),
            speakers=tuple(self._person_ref(a) for a in present.speakers(agenda, item)),
            background=tuple(item.background),
            questions_label=item.questions_label or locale.label("questions"),
            questions=tuple(item.questions), mark=self.marks.get(item.anchor))

    def _event(self) -> EventView:
        agenda, locale = self.agenda, self.locale
        dates = (locale.date_range(agenda.days[0].date, agenda.days[-1].date)
                 if agenda.days else "")
        zone = agenda.event.timezone.split("/")[-1].replace("_", " ")
        return EventView(
            title=agenda.event.title, subtitle=agenda.event.subtitle or "", dates=dates,
            place=place_of(agenda), url=agenda.event.url,
            time_zone=f"{locale.label('local_time')}: {zone} ({_utc_offset(agenda)})",
            zone=agenda.event.timezone)

    def person(self, person: Person) -> PersonView | None:
        """A person's page, for people on the programme only (the site is public)."""
        roles: list[Role] = []
        for _day, item, how, _entry in self.agenda.appearances(person.id):
            role = self.locale.label("chair") if how == "chair" else self.locale.label("speaker_role")
            roles.append(Role(self.by_anchor[item.anchor], role))
        if not roles:
            return None
        return PersonView(person.id, sitemap.person_path(person.id), present.full_name(person),
                          person.title or "", person.role or "", person.organisation or "",
                          person.country or "", tuple(roles))

    def people(self) -> list[PersonView]:
        """Everyone on the programme, in index order (family name)."""
        return [v for p in sorted(self.agenda.people, key=lambda p: p.sort_key)
                if (v := self.person(p)) is not None]
