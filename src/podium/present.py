"""Presentation stage: how people and items read in print, shared by every renderer."""

from __future__ import annotations

from dataclasses import dataclass

from podium.i18n import Locale, time_range
from podium.model import Agenda, Item, Person, Speaker


def full_name(person: Person) -> str:
    """'Brigadier General Md Mostafizur Rahman, PhD'."""
    text = f"{person.title} {person.name}" if person.title else person.name
    return f"{text}, {person.suffix}" if person.suffix else text


def affiliation(person: Person, role: str | None = None) -> str:
    """'Under-Secretary-General, UN Department of Peace Operations'. An appearance's own
    wording (`role`), when given, replaces the whole line, as the programme prints it."""
    if role:
        return role
    parts = [person.role, person.organisation, person.country]
    return ", ".join(p for p in parts if p)


@dataclass(frozen=True)
class Appearance:
    """A person as listed under one item."""

    person: Person
    as_chair: bool
    remote: bool
    role: str | None
    item_anchor: str = ""

    @property
    def anchor(self) -> str:
        """Where this name is printed ('session-3--chair-lacroix'): what index entries point at,
        so that a page number is the page of the name, not of the item's start."""
        return appearance_anchor(self.item_anchor, self.person.id, self.as_chair)

    @property
    def name(self) -> str:
        return full_name(self.person)

    @property
    def affiliation(self) -> str:
        return affiliation(self.person, self.role)


def appearance_anchor(item_anchor: str, person_id: str, as_chair: bool) -> str:
    """The id of a person's line under an item ('--' cannot occur in an item id's start)."""
    return f"{item_anchor}--{'chair-' if as_chair else ''}{person_id}"


def chairs(agenda: Agenda, item: Item) -> list[Appearance]:
    return [Appearance(agenda.person(pid), True, False, None, item.anchor) for pid in item.chair]


def speakers(agenda: Agenda, item: Item) -> list[Appearance]:
    return [Appearance(agenda.person(s.person), False, s.remote, s.role, item.anchor)
            for s in item.speakers]


def item_heading(item: Item, locale: Locale) -> str:
    """'Session 3: Lessons from ...' or just the title."""
    if item.number is not None:
        return f"{locale.label('session')} {item.number}: {item.title}"
    return item.title


def item_times(item: Item) -> str:
    """'09:30–11:30' (or the start alone for an open-ended last item)."""
    return time_range(item.start, item.end_time)


def item_when(item: Item, locale: Locale) -> str:
    """`item_times` under a programme day's heading: an item after midnight also names its
    calendar day, '01:00–02:00 (Sun 28)', so that nobody comes a day late."""
    times, note = item_times(item), day_note(item, locale)
    return f"{times} ({note})" if note else times


def day_note(item: Item, locale: Locale) -> str:
    """'Sun 28': the calendar day of an item past midnight, '' for any other item."""
    return locale.weekday_day(item.date) if item.after_midnight else ""


def speaker_of(item: Item, person_id: str) -> Speaker | None:
    return next((s for s in item.speakers if s.person == person_id), None)


def locale_of(agenda: Agenda) -> Locale:
    return Locale(agenda.event.language)
