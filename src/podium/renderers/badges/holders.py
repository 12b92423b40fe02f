"""Selection stage: who gets a badge — in-person programme people and the attendees CSV."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

from podium.attendees import Attendee
from podium.context import OptionError
from podium.load import Programme
from podium.model import Person
from podium.printopts import PrintSettings
from podium.problems import Problem, did_you_mean, display_name


@dataclass(frozen=True)
class Holder:
    """One badge holder, from the programme or from the attendees CSV."""

    key: str
    """Person id, or `row-N` for row N of the attendees CSV."""
    name: str
    title: str | None
    role: str | None
    organisation: str | None
    country: str | None
    category: str
    sort_key: tuple[str, str]
    where: Problem
    """Where the holder is written (agenda entry or CSV row), for error messages."""
    person: Person | None = None
    extra: dict[str, str] = field(default_factory=dict)

    def problem(self, message: str, key: str | None = None) -> Problem:
        """`message` about this holder, at their place in the agenda or the CSV."""
        return dataclasses.replace(self.where, message=message,
                                   path=key if key is not None else self.where.path)

    @property
    def label(self) -> str:
        """How messages name the holder."""
        return f"person '{self.key}' ({self.name})" if self.person else f"attendee '{self.name}'"


def default_category(programme: Programme, person: Person) -> str:
    """Person.category, else Chair for people who only chair, else Speaker."""
    if person.category:
        return person.category
    roles = {kind for _, _, kind, _ in programme.agenda.appearances(person.id)}
    return "Chair" if roles == {"chair"} else "Speaker"


def _in_person(programme: Programme, person: Person, include_remote: bool) -> bool:
    appearances = programme.agenda.appearances(person.id)
    if not appearances:
        return person.category is not None      # named only to get a badge (an organiser)
    if include_remote:
        return True
    return any(kind == "chair" or (entry is not None and not entry.remote)
               for _, _, kind, entry in appearances)


def holders(programme: Programme, settings: PrintSettings,
            people: tuple[str, ...] = ()) -> list[Holder]:
    """Badge holders in print order; `people` (ids or names) keeps only those, for reprints."""
    agenda_name = display_name(programme.source)
    out: list[Holder] = []
    seen_names: set[str] = set()
    for index, person in enumerate(programme.agenda.people):
        if not _in_person(programme, person, settings.badge_remote):
            continue
        out.append(Holder(
            key=person.id, name=person.name, title=person.title, role=person.role,
            organisation=person.organisation, country=person.country,
            category=default_category(programme, person),
            sort_key=person.sort_key, person=person,
            where=programme.problem(("people", index, "name"), "")))
        seen_names.add(person.name.casefold())
    csv_name = (display_name(programme.base_dir / programme.agenda.attendees)
                if programme.agenda.attendees else "attendees")
    for a in programme.attendees:
        if a.name.casefold() in seen_names:
            continue        # already badged from the programme: one badge per person
        out.append(_from_attendee(a, csv_name))
    if settings.badge_order == "family":
        out.sort(key=lambda h: h.sort_key)
    if people:
        out = _only(out, people, agenda_name)
    return out


def _from_attendee(a: Attendee, csv_name: str) -> Holder:
    return Holder(key=f"row-{a.row}", name=a.name, title=a.title, role=a.role,
                  organisation=a.organisation, country=a.country, category=a.category,
                  sort_key=a.sort_key,
                  where=Problem(csv_name, a.row, None, "name", ""), extra=dict(a.extra))


def _only(holders: list[Holder], people: tuple[str, ...], agenda_name: str) -> list[Holder]:
    wanted = list(people)
    by_key = {h.key.casefold(): h for h in holders} | {h.name.casefold(): h for h in holders}
    unknown = [w for w in wanted if w.casefold() not in by_key]
    if unknown:
        choices = [h.key for h in holders if h.person is not None] + [h.name for h in holders]
        said = [f"no badge holder '{w}' in {agenda_name}{did_you_mean(w, choices)}" for w in unknown]
        raise OptionError("--people", "\n".join(said) + "\n(give a person id, an attendee's "
                          "name or row-N)")
    keep = {by_key[w.casefold()].key for w in wanted}
    return [h for h in holders if h.key in keep]
