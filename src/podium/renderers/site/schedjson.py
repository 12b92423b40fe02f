"""Export stage of the online agenda: schedule.json, c3voc's schedule JSON (days of rooms).

Valid against voc/schedule's validator/json/schema.json (a copy is in tests/): the
conference with its rooms and tracks (name, colour, and podium's id as the slug), days with
their bounds, each holding its rooms' events; persons as {name, guid, role}, the chairs
with role "chair"."""

from __future__ import annotations

import json
import re
import uuid
from typing import Any

from podium import __version__
from podium.model import Agenda, Day
from podium.renderers.site.schedview import (
    TIMESLOT,
    Exported,
    acronym,
    day_bounds,
    exported,
    version,
)

_FIXED = re.compile(r"Etc/GMT[+-]\d+")
"""Fixed-offset zones, which c3voc's pattern for time_zone_name refuses. They are left out:
every date carries the same offset, and podium's importer names the zone from it again."""


def _event(e: Exported) -> dict[str, Any]:
    item = e.item
    return {
        "id": e.number, "guid": e.guid, "date": item.start_at.isoformat(),
        "start": item.start_at.isoformat(), "duration": e.duration, "room": e.room,
        "slug": e.slug, "url": e.url, "title": item.title, "subtitle": item.subtitle or "",
        "track": e.track, "type": e.type, "language": item.language or "",
        "abstract": e.abstract, "description": e.abstract,
        "persons": [{"name": p.name, "guid": p.guid, "role": p.role} for p in e.persons],
        "links": [],
    }


def schedule_json(agenda: Agenda, epoch: int,
                  events: list[tuple[Day, Exported]] | None = None, revision: int = 0) -> bytes:
    """The whole agenda as a c3voc schedule JSON document (UTF-8, indented, reproducible)."""
    event = agenda.event
    days: list[dict[str, Any]] = []
    rooms: list[str] = []
    index = {id(d): n for n, d in enumerate(agenda.days)}
    for n, day in enumerate(agenda.days):
        start, end = day_bounds(agenda, day)
        days.append({"index": n + 1, "date": day.date.isoformat(), "day_start": start.isoformat(),
                     "day_end": end.isoformat(), "rooms": {}})
    for day, e in exported(agenda) if events is None else events:
        days[index[id(day)]]["rooms"].setdefault(e.room, []).append(_event(e))
        if e.room not in rooms:
            rooms.append(e.room)
    tracks = [{"name": t.name, "slug": t.id, **({"color": t.colour} if t.colour else {})}
              for t in agenda.tracks_used()]
    conference: dict[str, Any] = {
        "acronym": acronym(agenda), "title": event.title,
        "start": agenda.days[0].date.isoformat(), "end": agenda.days[-1].date.isoformat(),
        "daysCount": len(agenda.days), "timeslot_duration": TIMESLOT,
        **({} if _FIXED.fullmatch(event.timezone) else {"time_zone_name": event.timezone}),
        "url": event.url,
        "rooms": [{"name": name, "guid": _room_guid(agenda, name)} for name in rooms],
        "tracks": tracks, "days": days,
    }
    document = {
        "$schema": "https://c3voc.de/schedule/schema.json",
        "generator": {"name": "podium", "version": __version__},
        "schedule": {"version": version(epoch, revision), "base_url": event.url, "conference": conference},
    }
    return json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8") + b"\n"


def _room_guid(agenda: Agenda, name: str) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"{agenda.event.url}#room-{name}"))
