"""Presentation stage of the online agenda: the plain values the page template shows.

The template gets text only (never markup): Jinja escapes every value, so an agenda title
holding `<script>` shows as text."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from podium import present
from podium.i18n import Locale
from podium.model import Agenda, Day, Item, Person

PERSON_PREFIX = "person-"
"""Anchor prefix of a person's entry; agenda.url_for_person uses the same one."""


@dataclass(frozen=True)
class PersonRef:
    """A person as named under an item, linking to their entry in the speaker list."""

    anchor: str
    name: str
    affiliation: str
    remote: bool


@dataclass(frozen=True)
class ItemView:
    """One item of a day: a session card, or a slim row for a break or a meal."""

    anchor: str
    kind: str
    is_break: bool
    label: str
    """'Session 3', or '' for an unnumbered item."""
    title: str
    subtitle: str
    times: str
    start_iso: str
    end_iso: str
    room: str
    url: str
    chairs: tuple[PersonRef, ...]
    speakers: tuple[PersonRef, ...]
    background: tuple[str, ...]
    questions_label: str
    questions: tuple[str, ...]

    @property
    def is_minor(self) -> bool:
        """Breaks and meals, which read as a line rather than a card."""
        return self.is_break and not (self.chairs or self.speakers)


@dataclass(frozen=True)
class DayView:
    anchor: str
    heading: str
    short: str
    items: tuple[ItemView, ...]


@dataclass(frozen=True)
class ItemLink:
    """Where a listed person appears, linking back to the item."""

    anchor: str
    title: str
    when: str
    role: str


@dataclass(frozen=True)
class PersonView:
    anchor: str
    name: str
    affiliation: str
    appearances: tuple[ItemLink, ...]


@dataclass(frozen=True)
class EventView:
    title: str
    subtitle: str
    dates: str
    place: str
    url: str
    time_zone: str


@dataclass(frozen=True)
class PageView:
    """Everything index.html shows."""

    language: str
    event: EventView
    days: tuple[DayView, ...]
    people: tuple[PersonView, ...]
    labels: dict[str, str]


def person_anchor(person: Person) -> str:
    return f"{PERSON_PREFIX}{person.id}"


def day_anchor(day: Day) -> str:
    # Page-structure ids start with '_', which no item id can (see values.parse_id), so an
    # item called 'speakers' or 'day-2024-12-10' never clashes with them.
    return f"_day-{day.date.isoformat()}"


def _ref(a: present.Appearance) -> PersonRef:
    return PersonRef(person_anchor(a.person), a.name, a.affiliation, a.remote)


def _iso(moment: dt.datetime | None) -> str:
    return "" if moment is None else moment.isoformat(timespec="minutes")


def place_of(agenda: Agenda) -> str:
    """'Venue, City, Country' with whatever parts the agenda gives."""
    e = agenda.event
    return ", ".join(p for p in (e.venue, e.city, e.country) if p)


def _item(agenda: Agenda, locale: Locale, day: Day, item: Item) -> ItemView:
    room = agenda.room(item.room)
    return ItemView(
        anchor=item.anchor, kind=item.kind, is_break=item.is_break,
        label=f"{locale.label('session')} {item.number}" if item.number is not None else "",
        title=item.title, subtitle=item.subtitle or "", times=present.item_when(item, locale),
        start_iso=_iso(item.start_at),
        end_iso=_iso(item.end_at),
        room=room.name if room else "", url=agenda.url_for_item(item),
        chairs=tuple(_ref(a) for a in present.chairs(agenda, item)),
        speakers=tuple(_ref(a) for a in present.speakers(agenda, item)),
        background=tuple(item.background),
        questions_label=item.questions_label or locale.label("questions"),
        questions=tuple(item.questions))


def _person(agenda: Agenda, locale: Locale, person: Person) -> PersonView | None:
    seen: list[ItemLink] = []
    for _day, item, how, _entry in agenda.appearances(person.id):
        role = locale.label("chair") if how == "chair" else locale.label("speaker_role")
        when = f"{locale.weekday(item.date)}, {present.item_times(item)}"
        seen.append(ItemLink(item.anchor, present.item_heading(item, locale), when, role))
    if not seen:
        # Only people on the programme are listed: the page is public.
        return None
    return PersonView(person_anchor(person), present.full_name(person),
                      present.affiliation(person), tuple(seen))


def _utc_offset(agenda: Agenda) -> str:
    first = agenda.days[0].date if agenda.days else dt.date(2000, 1, 1)
    offset = dt.datetime.combine(first, dt.time(12), tzinfo=agenda.tz).strftime("%z")
    return f"UTC{offset[:3]}:{offset[3:]}"


def page_view(agenda: Agenda, locale: Locale) -> PageView:
    """The whole page as plain values, in programme order."""
    days = tuple(
        DayView(day_anchor(day), locale.long_date(day.date),
                f"{locale.weekday(day.date)} {day.date.day}",
                tuple(_item(agenda, locale, day, it) for it in day.items))
        for day in agenda.days)
    people = tuple(v for p in sorted(agenda.people, key=lambda p: p.sort_key)
                   if (v := _person(agenda, locale, p)) is not None)
    dates = (locale.date_range(agenda.days[0].date, agenda.days[-1].date) if agenda.days else "")
    zone = agenda.event.timezone.split("/")[-1].replace("_", " ")
    event = EventView(
        title=agenda.event.title, subtitle=agenda.event.subtitle or "", dates=dates,
        place=place_of(agenda), url=agenda.event.url,
        time_zone=f"{locale.label('local_time')}: {zone} ({_utc_offset(agenda)})")
    return PageView(agenda.event.language, event, days, people, locale.labels)
