"""Selection stage: who takes part and how — panels in seating order, participants of the
event, and who is expected in the room on a day or at a session (tents, list, sign-in)."""

from __future__ import annotations

from dataclasses import dataclass

from podium.load import Programme
from podium.model import Day, Item, Person
from podium.present import Appearance, chairs, speakers
from podium.problems import Problem, display_name


@dataclass(frozen=True)
class Participant:
    """One person of the event, from the programme or from the attendees CSV."""

    key: str
    """Person id, or `row-N` for row N of the attendees CSV."""
    name: str
    title: str | None
    suffix: str | None
    role: str | None
    organisation: str | None
    country: str | None
    delegation: str | None
    sort_key: tuple[str, str]
    remote: bool
    """Takes part by video link only (every appearance remote, or `remote: yes` in the CSV)."""
    where: Problem
    """Where the person is written (agenda entry or CSV row), for error messages."""
    person: Person | None = None

    @property
    def full_name(self) -> str:
        """Rank, name and suffix as one line: 'Brigadier General Md Mostafizur Rahman, PhD'."""
        text = f"{self.title} {self.name}" if self.title else self.name
        return f"{text}, {self.suffix}" if self.suffix else text

    def group(self, by: str) -> tuple[int, str] | None:
        """(rank, heading) the list of participants files this person under, or None
        (Other). By country, countries (rank 0) come before organisations (rank 1), as a
        UN list gives member states, then organisations."""
        if by == "organisation":
            return (0, self.organisation) if self.organisation else None
        if self.delegation or self.country:
            return 0, self.delegation or self.country or ""
        return (1, self.organisation) if self.organisation else None

    def problem(self, message: str) -> Problem:
        return Problem(self.where.file, self.where.line, self.where.col, self.where.path, message)


def panel_items(programme: Programme) -> list[tuple[int, int, Day, Item]]:
    """(day index, item index, day, item) of every item with a chair or speakers."""
    return [(d, i, day, item) for d, day in enumerate(programme.agenda.days)
            for i, item in enumerate(day.items) if item.chair or item.speakers]


def seated(programme: Programme, item: Item, order: str) -> list[Appearance]:
    """The people at the table of `item`, left to right as the hall sees them: remote
    speakers are on screen, not at the table. `centre` puts the chairs in the middle."""
    agenda = programme.agenda
    panel = [a for a in speakers(agenda, item) if not a.remote]
    chair = chairs(agenda, item)
    if order == "programme":
        return chair + panel
    # Panelists alternate left and right of the chair in programme order, so the first
    # listed sit nearest the chair; the left takes the extra one of an odd count.
    left: list[Appearance] = []
    right: list[Appearance] = []
    for k, person in enumerate(panel):
        (left if k % 2 == 0 else right).append(person)
    return left[::-1] + chair + right


def on_screen(programme: Programme, item: Item) -> list[Appearance]:
    """Speakers of `item` who join by video link."""
    return [a for a in speakers(programme.agenda, item) if a.remote]


def _only_remote(programme: Programme, person: Person) -> bool:
    appearances = programme.agenda.appearances(person.id)
    return bool(appearances) and all(kind == "speaker" and entry is not None and entry.remote
                                     for _, _, kind, entry in appearances)


def participants(programme: Programme) -> list[Participant]:
    """Everyone in the programme's people and in the attendees CSV, once (an attendee
    whose name a programme person has is that person), by family name."""
    agenda = programme.agenda
    out: list[Participant] = []
    names: set[str] = set()
    for index, person in enumerate(agenda.people):
        out.append(Participant(
            key=person.id, name=person.name, title=person.title, suffix=person.suffix,
            role=person.role, organisation=person.organisation, country=person.country,
            delegation=None, sort_key=person.sort_key, remote=_only_remote(programme, person),
            where=programme.problem(("people", index, "name"), ""), person=person))
        names.add(person.name.casefold())
    csv_name = (display_name(programme.base_dir / agenda.attendees) if agenda.attendees
                else "attendees")
    for a in programme.attendees:
        if a.name.casefold() in names:
            continue
        out.append(Participant(
            key=f"row-{a.row}", name=a.name, title=a.title, suffix=None, role=a.role,
            organisation=a.organisation, country=a.country, delegation=a.delegation,
            sort_key=a.sort_key, remote=a.remote,
            where=Problem(csv_name, a.row, None, "name", "")))
    out.sort(key=lambda p: p.sort_key)
    return out


def expected(programme: Programme, items: list[Item],
             everyone: list[Participant] | None = None) -> list[Participant]:
    """Who is expected to sign in for `items` (a day's, or one session): the programme
    people at those items in person, and every attendee not taking part by video link.
    `everyone` is `participants(programme)`, if the caller has it."""
    in_person: set[str] = set()
    for item in items:
        in_person.update(a.person.id for a in chairs(programme.agenda, item))
        in_person.update(a.person.id for a in speakers(programme.agenda, item) if not a.remote)
    return [p for p in (participants(programme) if everyone is None else everyone)
            if (p.person is not None and p.person.id in in_person)
            or (p.person is None and not p.remote)]
