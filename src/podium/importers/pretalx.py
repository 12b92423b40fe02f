"""Import stage: read a schedule JSON (pretalx's own export or c3voc's) into a `SourceSchedule`."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from podium.importers.source import (
    ImportFailed,
    SourceDay,
    SourceEvent,
    SourcePerson,
    SourceSchedule,
    parse_day_date,
    parse_instant,
)


def _str(value: Any) -> str:
    """JSON fields may be null, numbers or strings; all become text."""
    if value is None or isinstance(value, dict | list):
        return ""
    return str(value)


def _person(data: Any) -> SourcePerson:
    if not isinstance(data, dict):
        return SourcePerson(key=None, name=_str(data))
    key = _str(data.get("guid")) or _str(data.get("code")) or _str(data.get("id"))
    name = _str(data.get("public_name")) or _str(data.get("name"))
    return SourcePerson(key=key.strip() or None, name=name)


def _event(data: dict[str, Any], day_index: int, block_room: str) -> SourceEvent:
    persons = data.get("persons")
    return SourceEvent(
        day_index=day_index,
        room=_str(data.get("room")).strip() or block_room,
        block_room=block_room,
        start=parse_instant(_str(data.get("date"))),
        fallback_start=_str(data.get("start")).strip(),
        duration=_str(data.get("duration")).strip(),
        title=_str(data.get("title")),
        guid=_str(data.get("guid")).strip(),
        ident=_str(data.get("id")).strip(),
        code=_str(data.get("code")).strip(),
        slug=_str(data.get("slug")).strip(),
        url=_str(data.get("url")).strip(),
        subtitle=_str(data.get("subtitle")),
        track=_str(data.get("track")).strip(),
        type=_str(data.get("type")).strip(),
        language=_str(data.get("language")).strip(),
        abstract=_str(data.get("abstract")),
        description=_str(data.get("description")),
        persons=[_person(p) for p in persons] if isinstance(persons, list) else [],
    )


def read_schedule_json(path: Path) -> SourceSchedule:
    """Read `{"schedule": {"conference": {"days": [{"rooms": {name: [event...]}}]}}}`."""
    try:
        data = json.loads(path.read_bytes())
    except OSError as exc:
        raise ImportFailed(f"cannot read the file: {exc.strerror or exc}") from exc
    except (ValueError, UnicodeDecodeError) as exc:
        raise ImportFailed(f"not valid JSON: {exc}") from exc
    schedule = data.get("schedule") if isinstance(data, dict) else None
    conf = schedule.get("conference") if isinstance(schedule, dict) else None
    if not isinstance(schedule, dict) or not isinstance(conf, dict) or \
            not isinstance(conf.get("days"), list):
        raise ImportFailed("not a schedule JSON: expected schedule.conference.days")
    days: list[SourceDay] = []
    events: list[SourceEvent] = []
    empty: list[tuple[dt.date, str]] = []
    for position, day in enumerate(conf["days"], start=1):
        if not isinstance(day, dict):
            raise ImportFailed(f"day {position} is not an object")
        index = int(day.get("index") or position)
        date = parse_day_date(_str(day.get("date")))
        days.append(SourceDay(index=index, date=date))
        rooms = day.get("rooms") or {}
        if not isinstance(rooms, dict):
            raise ImportFailed(f"day {position}: rooms is not an object")
        for name, found in rooms.items():
            if not found:
                empty.append((date, str(name)))
                continue
            events.extend(_event(e, index, str(name)) for e in found if isinstance(e, dict))
            skipped = [e for e in found if not isinstance(e, dict)]
            if skipped:
                raise ImportFailed(f"day {position}, room {name}: an event is not an object")
    if not days:
        raise ImportFailed("the schedule has no days")
    generator = schedule.get("generator")
    kind = "c3voc schedule JSON" if isinstance(generator, dict) or conf.get("rooms") else \
        "pretalx schedule JSON"
    return SourceSchedule(
        format=kind,
        duration_style="dhm",
        title=_str(conf.get("title")) or _str(conf.get("acronym")),
        subtitle=_str(conf.get("subtitle")),
        venue=_str(conf.get("venue")),
        city=_str(conf.get("city")),
        timezone=_str(conf.get("time_zone_name")).strip(),
        base_url=_str(schedule.get("base_url")).strip() or _str(conf.get("url")).strip(),
        days=days,
        events=events,
        empty_room_blocks=empty,
    )
