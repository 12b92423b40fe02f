"""Presentation stage of the list of participants: who is listed under which heading, in
what order, with what printed beside each name."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from podium.attendance import Participant, participants
from podium.load import Programme
from podium.present import locale_of


@dataclass(frozen=True)
class Entry:
    name: str
    """Rank, name and suffix: 'Brigadier General Md Mostafizur Rahman, PhD'."""
    details: str
    """Role and organisation (by country), or role and country (by organisation)."""
    remote: bool


@dataclass(frozen=True)
class Group:
    heading: str
    entries: list[Entry]


@dataclass(frozen=True)
class ListView:
    title: str
    subtitle: str | None
    dates: str
    place: str
    language: str
    label_language: str
    labels: dict[str, str]
    groups: list[Group]
    count: int
    remote_count: int


def _entry(p: Participant, by: str) -> Entry:
    where = (p.country or p.delegation) if by == "organisation" else p.organisation
    details = ", ".join(v for v in dict.fromkeys((p.role, where)) if v)
    return Entry(p.full_name, details, p.remote)


def heading_key(heading: str) -> tuple[str, str]:
    """Headings sort with case and accents ignored (Équateur with Eritrea)."""
    decomposed = unicodedata.normalize("NFKD", heading.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c)), heading


def groups(people: list[Participant], by: str, other: str) -> list[Group]:
    """People under their headings: headings in alphabetical order (case and accents
    ignored; by country, countries before organisations), those with none last under
    `other` (no heading at all when nobody has one); people by family name within each."""
    found: dict[tuple[int, str], list[Participant]] = {}
    rest: list[Participant] = []
    for p in people:
        heading = p.group(by)
        (found.setdefault(heading, []) if heading else rest).append(p)
    ordered = sorted(found, key=lambda g: (g[0], heading_key(g[1])))
    out = [Group(h[1], [_entry(p, by) for p in sorted(found[h], key=lambda p: p.sort_key)])
           for h in ordered]
    if rest:
        # When nobody has a heading (a schedule without countries), one list with no heading:
        # a lone "Other" over everyone says nothing.
        out.append(Group(other if out else "",
                         [_entry(p, by) for p in sorted(rest, key=lambda p: p.sort_key)]))
    return out


def list_view(programme: Programme) -> ListView:
    agenda = programme.agenda
    locale = locale_of(agenda)
    people = participants(programme)
    ev = agenda.event
    return ListView(
        title=ev.title, subtitle=ev.subtitle,
        dates=locale.date_range(agenda.days[0].date, agenda.days[-1].date),
        place=", ".join(v for v in (ev.venue, ev.city, ev.country) if v),
        language=ev.text_language, label_language=ev.language, labels=locale.labels,
        groups=groups(people, agenda.print_.participants_group, locale.label("other_names")),
        count=len(people), remote_count=sum(p.remote for p in people))
