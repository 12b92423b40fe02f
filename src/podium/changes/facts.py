"""Record stage: the agenda as plain facts (what a reader of the printed pieces sees), so
that two agendas, or an agenda and an old record, can be compared without the model.

Facts are JSON values only. A record written by an older podium may lack a key or hold one
that is no longer made: every reader of facts uses `.get` and never trusts their shape."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from podium.attendees import Attendee
from podium.model import Agenda, Item, Person
from podium.present import full_name

Facts = dict[str, Any]

PERSON_FIELDS = ("name", "title", "suffix", "role", "organisation", "country", "category")


def person_facts(person: Person) -> Facts:
    return {f: getattr(person, f) for f in PERSON_FIELDS if getattr(person, f) is not None}


def _minutes(value: int | None) -> str | None:
    """'14:30', or '25:00' for 01:00 past the programme day's midnight."""
    return None if value is None else f"{value // 60:02d}:{value % 60:02d}"


def item_facts(agenda: Agenda, day_index: int, item: Item) -> Facts:
    room = agenda.room(item.room)
    track = agenda.track_of(item)
    out: Facts = {
        "day": item.day_date.isoformat(),
        "day_index": day_index,
        "start": _minutes(item.start_minutes),
        "end": _minutes(item.end_minutes),
        "start_at": item.start_at.isoformat(),
        "kind": item.kind,
        "number": item.number,
        "title": item.title,
        "subtitle": item.subtitle,
        "room": item.room,
        "room_name": room.name if room else None,
        "track": track.name if track else None,
        "chair": [{"person": pid, "name": full_name(agenda.person(pid))} for pid in item.chair],
        "speakers": [{"person": s.person, "name": full_name(agenda.person(s.person)),
                      "remote": s.remote, "role": s.role} for s in item.speakers],
        "background": list(item.background),
        "questions_label": item.questions_label,
        "questions": list(item.questions),
        "format": item.format,
        "language": item.language,
        "guid": item.guid,
    }
    return {k: v for k, v in out.items() if v is not None}


def agenda_facts(agenda: Agenda, attendees: Sequence[Attendee] = ()) -> Facts:
    """Event, rooms, people and items (keyed by anchor, in programme order), and the
    attendees of the CSV (keyed by name: rows move when the list is sorted)."""
    return {
        "event": agenda.event.model_dump(mode="json", exclude_none=True),
        "rooms": {r.id: r.name for r in agenda.rooms},
        "people": {p.id: person_facts(p) for p in agenda.people},
        "items": {it.anchor: item_facts(agenda, d, it)
                  for d, day in enumerate(agenda.days) for it in day.items},
        "print": agenda.print_.model_dump(mode="json", exclude_none=True),
        "attendees": {a.name: {f: getattr(a, f) for f in PERSON_FIELDS[1:]
                               if getattr(a, f, None) is not None} for a in attendees},
    }
