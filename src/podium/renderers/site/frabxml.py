"""Export stage of the online agenda: schedule.xml, frab's schedule XML as c3voc's XSD has it.

Valid against voc/schedule's validator/xsd/schedule.xml.xsd (a copy is in tests/): every
event has its room, title, subtitle, type, date, start, duration, abstract, slug and track,
a numeric id and a UUID; persons carry a numeric id only (no role: the chairs come first,
and a chair who also speaks is listed once). Track colours have no place here
(schedule.json has them)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import defaultdict

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


def _add(parent: ET.Element, tag: str, text: str = "", **attrs: str) -> ET.Element:
    child = ET.SubElement(parent, tag, attrs)
    child.text = text
    return child


def _event(parent: ET.Element, e: Exported) -> None:
    item = e.item
    el = ET.SubElement(parent, "event", {"guid": e.guid, "id": str(e.number)})
    _add(el, "date", item.start_at.isoformat())
    _add(el, "start", item.start_at.strftime("%H:%M"))
    _add(el, "duration", e.duration)
    _add(el, "room", e.room)
    _add(el, "slug", e.slug)
    _add(el, "url", e.url)
    _add(el, "title", item.title)
    _add(el, "subtitle", item.subtitle or "")
    _add(el, "track", e.track)
    _add(el, "type", e.type)
    if item.language:
        _add(el, "language", item.language)
    _add(el, "abstract", e.abstract)
    _add(el, "description", e.abstract)
    persons = ET.SubElement(el, "persons")
    # Without roles, a chair who also speaks is one person of the event.
    for p in {p.number: p for p in e.persons}.values():
        _add(persons, "person", p.name, id=str(p.number))
    ET.SubElement(el, "links")


def schedule_xml(agenda: Agenda, epoch: int,
                 events: list[tuple[Day, Exported]] | None = None, revision: int = 0) -> bytes:
    """The whole agenda as a frab schedule XML document (UTF-8, indented, reproducible)."""
    root = ET.Element("schedule")
    ET.SubElement(root, "generator", {"name": "podium", "version": __version__})
    _add(root, "version", version(epoch, revision))
    conf = ET.SubElement(root, "conference")
    event = agenda.event
    _add(conf, "acronym", acronym(agenda))
    _add(conf, "title", event.title)
    _add(conf, "start", agenda.days[0].date.isoformat())
    _add(conf, "end", agenda.days[-1].date.isoformat())
    _add(conf, "days", str(len(agenda.days)))
    _add(conf, "timeslot_duration", TIMESLOT)
    _add(conf, "time_zone_name", event.timezone)
    _add(conf, "base_url", event.url)
    by_day: dict[int, dict[str, list[Exported]]] = defaultdict(dict)
    index = {id(d): n for n, d in enumerate(agenda.days)}
    for day, e in exported(agenda) if events is None else events:
        by_day[index[id(day)]].setdefault(e.room, []).append(e)
    for n, day in enumerate(agenda.days):
        start, end = day_bounds(agenda, day)
        day_el = ET.SubElement(root, "day", {"index": str(n + 1), "date": day.date.isoformat(),
                                             "start": start.isoformat(), "end": end.isoformat()})
        for room, listed in by_day[n].items():
            room_el = ET.SubElement(day_el, "room", {"name": room})
            for e in listed:
                _event(room_el, e)
    ET.indent(root)
    data: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return data + b"\n"
