"""Import stage: read a frab / pentabarf / c3voc schedule XML into a `SourceSchedule`."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from pathlib import Path

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


def _text(element: ET.Element | None, tag: str) -> str:
    if element is None:
        return ""
    return (element.findtext(tag) or "").strip()


def _person(element: ET.Element) -> SourcePerson:
    key = element.get("guid") or element.get("code") or element.get("id")
    return SourcePerson(key=key.strip() if key else None, name=element.text or "")


def _persons(element: ET.Element) -> tuple[list[SourcePerson], bool]:
    """frab's `<persons><person>`; some exports put `<person>` (or `<speakers><speaker>`)
    straight under `<event>`: all are read, each element once. Also says whether any was
    found outside the `<persons>` wrapper."""
    wrapped = [p for w in element.findall("persons") for p in w.iter("person")]
    bare = [*element.findall("person"), *element.findall("speakers/speaker"), *element.findall("speaker")]
    return [_person(p) for p in [*wrapped, *bare]], bool(bare)


def _event(element: ET.Element, day_index: int, block_room: str) -> tuple[SourceEvent, bool]:
    persons, outside = _persons(element)
    return SourceEvent(
        day_index=day_index,
        room=_text(element, "room") or block_room,
        block_room=block_room,
        start=parse_instant(_text(element, "date")),
        fallback_start=_text(element, "start"),
        duration=_text(element, "duration"),
        end=_text(element, "end"),
        title=element.findtext("title") or "",
        guid=element.get("guid", ""),
        ident=element.get("id", ""),
        code=element.get("code", ""),
        slug=_text(element, "slug"),
        url=_text(element, "url"),
        subtitle=element.findtext("subtitle") or "",
        track=_text(element, "track"),
        type=_text(element, "type"),
        language=_text(element, "language"),
        abstract=element.findtext("abstract") or "",
        description=element.findtext("description") or "",
        persons=persons,
    ), outside


def _tracks(root: ET.Element) -> list[SourceTrack]:
    """c3voc's `<conference><track name color slug/>`, or pentabarf's `<tracks><track>Name`
    (FOSDEM's beside `<conference>`): names, and colours where given."""
    found = [*root.findall("conference/track"), *root.findall("conference/tracks/track"),
             *root.findall("tracks/track")]
    return [SourceTrack(name=(t.get("name") or t.text or "").strip(),
                        colour=(t.get("color") or t.get("colour") or "").strip()) for t in found]


def read_frab(path: Path) -> SourceSchedule:
    """Read a frab schedule XML; the event's own `<room>` wins over its enclosing room block."""
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as exc:
        raise ImportFailed(f"not well-formed XML: {exc}") from exc
    except OSError as exc:
        raise ImportFailed(f"cannot read the file: {exc.strerror or exc}") from exc
    if root.tag != "schedule":
        raise ImportFailed(f"the XML root is <{root.tag}>, not a frab <schedule>")
    conf = root.find("conference")
    days: list[SourceDay] = []
    events: list[SourceEvent] = []
    empty: list[tuple[dt.date, str]] = []
    outside = 0
    for position, day_el in enumerate(root.findall("day"), start=1):
        index = int(day_el.get("index") or position)
        date = parse_day_date(day_el.get("date", ""))
        days.append(SourceDay(index=index, date=date, start=parse_instant(day_el.get("start", "")),
                              end=parse_instant(day_el.get("end", ""))))
        for room_el in day_el.findall("room"):
            block = (room_el.get("name") or "").strip()
            found = room_el.findall("event")
            if not found:
                empty.append((date, block))
            for e in found:
                event, bare = _event(e, index, block)
                events.append(event)
                outside += bare
    if not days:
        raise ImportFailed("the schedule has no <day> elements")
    return SourceSchedule(
        format="frab XML",
        duration_style="hms",
        title=_text(conf, "title") or _text(conf, "acronym"),
        subtitle=_text(conf, "subtitle"),
        venue=_text(conf, "venue"),
        city=_text(conf, "city"),
        timezone=_text(conf, "time_zone_name"),
        base_url=_text(conf, "base_url") or _text(conf, "url"),
        days=days,
        events=events,
        tracks=_tracks(root),
        persons_outside=outside,
        empty_room_blocks=empty,
    )
