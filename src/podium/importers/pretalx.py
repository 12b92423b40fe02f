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
    SourceTrack,
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
    return SourcePerson(key=key.strip() or None, name=name, role=_str(data.get("role")).strip().lower())


def _named(value: Any, names: dict[str, str] | None = None) -> str:
    """A room or track: a plain name, or (c3voc's schema 2) an object with a name or a slug."""
    if isinstance(value, dict):
        slug = _str(value.get("slug")).strip()
        return (_str(value.get("name")) or (names or {}).get(slug, slug)).strip()
    return _str(value).strip()


def _event(data: dict[str, Any], day_index: int, block_room: str,
           tracks: dict[str, str] | None = None) -> SourceEvent:
    persons = data.get("persons") or data.get("participants")
    # Schema 2 gives `start` as a date-time and `end` instead of a duration; the older JSON
    # gives `date` as the date-time and `start` as HH:MM.
    instant = parse_instant(_str(data.get("date"))) or parse_instant(_str(data.get("start")))
    return SourceEvent(
        day_index=day_index,
        room=_named(data.get("room")) or block_room,
        block_room=block_room,
        start=instant,
        fallback_start="" if instant is not None and not data.get("date") else
        _str(data.get("start")).strip(),
        duration=_str(data.get("duration")).strip(),
        end=_str(data.get("end")).strip(),
        title=_str(data.get("title")),
        guid=_str(data.get("guid")).strip(),
        ident=_str(data.get("id")).strip(),
        code=_str(data.get("code")).strip(),
        slug=_str(data.get("slug")).strip(),
        url=_str(data.get("url")).strip(),
        subtitle=_str(data.get("subtitle")),
        track=_named(data.get("track"), tracks),
        type=_str(data.get("type")).strip(),
        language=_str(data.get("language")).strip(),
        abstract=_str(data.get("abstract")),
        description=_str(data.get("description")),
        persons=[_person(p) for p in persons] if isinstance(persons, list) else [],
    )


def _colour(data: dict[str, Any]) -> str:
    """c3voc's `color`, or schema 2's `colors: {light, dark}` (the light one: print is light)."""
    colours = data.get("colors")
    if isinstance(colours, dict):
        return _str(colours.get("light") or colours.get("dark")).strip()
    return _str(data.get("color") or data.get("colour")).strip()


def _tracks(conf: dict[str, Any]) -> list[SourceTrack]:
    listed = conf.get("tracks")
    if not isinstance(listed, list):
        return []
    return [SourceTrack(name=_named(t), colour=_colour(t)) if isinstance(t, dict)
            else SourceTrack(name=_str(t).strip()) for t in listed]


def _day_index(data: dict[str, Any], days: list[SourceDay]) -> int:
    """A flat list's event lies in the day whose bounds hold its start, else that of its date."""
    start = parse_instant(_str(data.get("start"))) or parse_instant(_str(data.get("date")))
    if start is None:
        return 0
    for d in days:
        if d.start is not None and d.end is not None and d.start <= start < d.end:
            return d.index
    return next((d.index for d in days if d.date == start.date()), 0)


def _flavour(schedule: dict[str, Any], raw_events: list[dict[str, Any]]) -> str:
    """Which program wrote it. The three share one shape: c3voc's names itself in
    `generator`; pretalx's persons carry a `code`; frab's own has numeric person ids only."""
    generator = schedule.get("generator")
    name = _str(generator.get("name")) if isinstance(generator, dict) else ""
    if "voc" in name.lower() or (not name and isinstance(schedule.get("conference"), dict)
                                 and schedule["conference"].get("rooms")):
        return "c3voc schedule JSON"
    persons = [p for e in raw_events for p in (e.get("persons") or []) if isinstance(p, dict)]
    if "pretalx" in name.lower() or any("code" in p for p in persons) or \
            any("answers" in e for e in raw_events):
        return "pretalx schedule JSON"
    if name:
        return f"schedule JSON ({name})"
    return "frab schedule JSON" if persons and all("id" in p for p in persons) else "schedule JSON"


def read_schedule_json(path: Path) -> SourceSchedule:
    """Read `{"schedule": {"conference": {"days": [{"rooms": {name: [event...]}}]}}}`, or
    c3voc's schema 2, where `schedule.events` is one flat list beside the days."""
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
    raw_events: list[dict[str, Any]] = []
    empty: list[tuple[dt.date, str]] = []
    for position, day in enumerate(conf["days"], start=1):
        if not isinstance(day, dict):
            raise ImportFailed(f"day {position} is not an object")
        index = int(day.get("index") or position)
        date = parse_day_date(_str(day.get("date")))
        days.append(SourceDay(
            index=index, date=date,
            start=parse_instant(_str(day.get("day_start") or day.get("start"))),
            end=parse_instant(_str(day.get("day_end") or day.get("end")))))
        rooms = day.get("rooms") or {}
        if not isinstance(rooms, dict):
            raise ImportFailed(f"day {position}: rooms is not an object")
        for name, found in rooms.items():
            if not found:
                empty.append((date, str(name)))
                continue
            raw_events.extend(e for e in found if isinstance(e, dict))
            events.extend(_event(e, index, str(name)) for e in found if isinstance(e, dict))
            skipped = [e for e in found if not isinstance(e, dict)]
            if skipped:
                raise ImportFailed(f"day {position}, room {name}: an event is not an object")
    if not days:
        raise ImportFailed("the schedule has no days")
    flat = schedule.get("events")
    if isinstance(flat, list):
        tracks = {_str(t.get("slug")): _str(t.get("name")) for t in conf.get("tracks") or []
                  if isinstance(t, dict)}
        raw_events.extend(e for e in flat if isinstance(e, dict))
        events.extend(_event(e, _day_index(e, days), "", tracks) for e in flat if isinstance(e, dict))
    return SourceSchedule(
        format=_flavour(schedule, raw_events),
        duration_style="dhm",
        title=_str(conf.get("title")) or _str(conf.get("acronym")),
        subtitle=_str(conf.get("subtitle")),
        venue=_str(conf.get("venue")),
        city=_str(conf.get("city")),
        timezone=_str(conf.get("time_zone_name")).strip(),
        base_url=_str(schedule.get("base_url")).strip() or _str(conf.get("url")).strip(),
        days=days,
        events=events,
        tracks=_tracks(conf),
        empty_room_blocks=empty,
    )
