"""Tests of schedule.xml and schedule.json: valid against c3voc's schemas, read back by podium's
own importer to an equal agenda, the same bytes in every build.

"Equal" here: the same days (dates); on each day the same items, each with the same start and
end minutes, title, subtitle, kind, language, background paragraphs, room name and track name;
the same people in the same order, with their roles (chair or speaker) in schedule.json, where
they have a field, and as one list of names in schedule.xml, whose persons have none (chairs
first, each person once); the same
tracks in use, with their colours in schedule.json (the XSD has no place for them); the
event's title and time zone. An item's format is compared where it has one (without, the
export writes a type that names its kind), and its url where it has one (without, it is the
item's page on the site). Neither format has a place for questions, session numbers, a
person's role, organisation or country, `remote`, or the event's subtitle, venue and city;
those are left out of the comparison."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from lxml import etree

from conftest import SEED, SHARED
from podium.importers import import_schedule
from podium.importers.write import write
from podium.load import load
from podium.model import Agenda, Item
from podium.renderers.site.exports import JSON, XML, export_files

ROOT = Path(__file__).resolve().parent.parent
SCHEMAS = ROOT / "tests" / "fixtures" / "exports"
FIXTURES = ROOT / "tests" / "fixtures" / "schedules"
CORPUS = SHARED / "corpus"
EPOCH = 1733800000
SOURCES = {
    "39c3": CORPUS / "39c3-himmel.schedule.json",
    "fosdem": CORPUS / "fosdem-2025.schedule.xml",
    "romhack": FIXTURES / "romhack-camp-2026-pretalx.xml",
    "rc3": CORPUS / "rc3-channels-2020.pretalx.schedule.json",
    "38c3-hub": FIXTURES / "38c3-hub-schedule2-example.json",
}
NAMES = ["seed", "edges", *SOURCES]
EDGES = """\
event: {title: Edge Cases, timezone: Europe/Berlin, url: "https://agenda.example.org/edges/"}
rooms: [{id: h, name: Hall}, {id: s, name: Studio}]
tracks:
  - {id: r, name: Rust Language, colour: "#B7410E"}
  - {id: g, name: Go}
people: [{id: x, name: Zoë Ünal}, {id: y, name: Jean-Pierre Lacroix}]
days:
  - date: 2025-03-29
    items:
      - id: a
        start: "09:00"
        end: "09:45"
        room: h
        track: r
        format: Workshop
        title: "Lists & <tags>"
        background: ["1. Not a list, a sentence that starts with a number.", "*Stars* and _under_ [links](x)"]
        chair: y
        speakers: [x, y]
      - {id: b, start: "09:00", room: s, track: g, title: Open until the next start}
      - {id: c, start: "10:00", end: "10:15", kind: break, title: Coffee, room: h}
      - {id: d, start: "23:30", end: "26:15", room: s, title: Past midnight into summer time}
  - date: 2025-03-30
    items: []
  - date: 2025-03-31
    items:
      - {id: e, start: "09:00", room: h, kind: meal, format: Lunch, title: Lunch, speakers: [x]}
"""


def _load(path: Path, folder: Path) -> Agenda:
    target = folder / f"{path.stem}.yaml"
    write(import_schedule(path).agenda, target)
    programme = load(target)
    assert not [w for w in programme.warnings if w.is_error], programme.warnings
    return programme.agenda


@pytest.fixture(scope="module")
def agendas(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Agenda]:
    folder = tmp_path_factory.mktemp("originals")
    out = {"seed": load(SEED).agenda}
    edges = folder / "edges.yaml"
    edges.write_text(EDGES, encoding="utf-8")
    programme = load(edges)
    assert not [w for w in programme.warnings if w.is_error]
    out["edges"] = programme.agenda
    for name, path in SOURCES.items():
        if path.is_file():
            out[name] = _load(path, folder)
    return out


@pytest.fixture(scope="module")
def exports(agendas: dict[str, Agenda]) -> dict[str, dict[str, bytes]]:
    return {name: export_files(agenda, EPOCH) for name, agenda in agendas.items()}


def _pick(agendas: dict[str, Agenda], name: str) -> Agenda:
    if name not in agendas:
        pytest.skip(f"{SOURCES[name]} not found")
    return agendas[name]


def _schema() -> dict[str, Any]:
    text = (SCHEMAS / "schedule.schema.json").read_text(encoding="utf-8")
    # The published schema has two `// TODO` lines, which JSON does not allow.
    data: dict[str, Any] = json.loads("\n".join(line for line in text.splitlines()
                                                if not line.strip().startswith("//")))
    return data


@pytest.mark.parametrize("name", NAMES)
def test_schedule_xml_is_valid_against_the_c3voc_xsd(agendas: dict[str, Agenda],
                                                     exports: dict[str, dict[str, bytes]], name: str) -> None:
    _pick(agendas, name)
    schema = etree.XMLSchema(etree.parse(str(SCHEMAS / "schedule.xml.xsd")))
    document = etree.fromstring(exports[name][XML])
    assert schema.validate(document), schema.error_log
    assert len(document.findall("day/room/event")) == len(agendas[name].items())


@pytest.mark.parametrize("name", NAMES)
def test_schedule_json_is_valid_against_the_c3voc_schema(agendas: dict[str, Agenda],
                                                         exports: dict[str, dict[str, bytes]],
                                                         name: str) -> None:
    _pick(agendas, name)
    data = json.loads(exports[name][JSON])
    validator = jsonschema.Draft6Validator(_schema(), format_checker=jsonschema.FormatChecker())
    errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(data)]
    assert not errors, errors[:5]
    events = [e for d in data["schedule"]["conference"]["days"] for r in d["rooms"].values() for e in r]
    assert len(events) == len(agendas[name].items())


def _room(agenda: Agenda, item: Item) -> str:
    room = agenda.room(item.room) or (agenda.rooms[0] if len(agenda.rooms) == 1 else None)
    return room.name if room else agenda.event.venue or "Room"


def _essence(agenda: Agenda, roles: bool, colours: bool) -> dict[str, Any]:
    def people(item: Item) -> tuple[Any, ...]:
        chairs = [(agenda.person(c).name, "chair") for c in item.chair]
        speakers = [(agenda.person(s.person).name, "speaker") for s in item.speakers]
        # Without roles (schedule.xml) a chair who also speaks is one person of the event.
        return tuple(chairs + speakers) if roles else tuple(dict.fromkeys(n for n, _ in chairs + speakers))

    days = {}
    for day in agenda.days:
        rows = []
        for item in day.items:
            track = agenda.track_of(item)
            rows.append((item.start_minutes, item.end_minutes or -1, item.title, item.subtitle or "",
                         item.kind, item.language or "", tuple(item.background), _room(agenda, item),
                         track.name if track else "", people(item)))
        days[day.date.isoformat()] = sorted(rows)
    tracks = [(t.name, t.colour if colours else None) for t in agenda.tracks_used()]
    return {"event": (agenda.event.title, agenda.event.timezone), "days": days,
            "tracks": sorted(tracks)}


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("fmt", [XML, JSON])
def test_the_importer_reads_an_export_back_to_an_equal_agenda(
        agendas: dict[str, Agenda], exports: dict[str, dict[str, bytes]], name: str, fmt: str,
        tmp_path: Path) -> None:
    original = _pick(agendas, name)
    path = tmp_path / fmt
    path.write_bytes(exports[name][fmt])
    imported = import_schedule(path, url=original.event.url)
    target = tmp_path / "agenda.yaml"
    write(imported.agenda, target)
    programme = load(target)
    assert not [w for w in programme.warnings if w.is_error]
    again = programme.agenda
    full = fmt == JSON
    assert _essence(again, roles=full, colours=full) == _essence(original, roles=full, colours=full)
    pairs = {(d.date, it.start_minutes, it.title): it for d in again.days for it in d.items}
    for day in original.days:
        for item in day.items:
            back = pairs[(day.date, item.start_minutes, item.title)]
            if item.format:
                assert back.format == item.format
            assert back.url == (item.url or f"{original.event.url}sessions/{item.anchor}.html")


def test_exports_are_reproducible_and_dated_by_the_build(agendas: dict[str, Agenda]) -> None:
    seed = agendas["seed"]
    first, again = export_files(seed, EPOCH), export_files(seed, EPOCH)
    assert first == again
    later = export_files(seed, EPOCH + 86400)
    for fmt in (XML, JSON):
        assert later[fmt] != first[fmt]
    assert b"<version>2024-12-10 03:06</version>" in first[XML]
    assert b"<version>2024-12-11 03:06</version>" in later[XML]


def test_ids_stay_put_when_an_item_is_added(agendas: dict[str, Agenda], tmp_path: Path) -> None:
    text = SEED.read_text(encoding="utf-8").replace(
        "      - id: coffee-1\n", "      - id: extra\n        start: \"11:30\"\n        end: \"11:40\"\n"
        "        title: An added talk\n\n      - id: coffee-1\n", 1)
    edited = tmp_path / "agenda.yaml"
    edited.write_text(text, encoding="utf-8")
    before = json.loads(export_files(agendas["seed"], EPOCH)[JSON])
    after = json.loads(export_files(load(edited).agenda, EPOCH)[JSON])

    def ids(data: dict[str, Any]) -> dict[str, tuple[int, str]]:
        return {e["slug"]: (e["id"], e["guid"]) for d in data["schedule"]["conference"]["days"]
                for r in d["rooms"].values() for e in r}

    old, new = ids(before), ids(after)
    assert set(new) - set(old) == {"extra"}
    assert all(new[slug] == old[slug] for slug in old)


def test_a_moderator_or_host_in_schedule_json_is_imported_as_chair(tmp_path: Path) -> None:
    """c3voc's JSON may give each person a role; chair, moderator and host make a chair."""
    event = {"guid": "4f0b2d6e-0000-4000-8000-000000000001", "id": 1, "title": "Panel",
             "date": "2025-03-01T10:00:00+01:00", "start": "10:00", "duration": "01:00",
             "room": "Hall", "persons": [
                 {"name": "Ana Host", "guid": "4f0b2d6e-0000-4000-8000-0000000000a1", "role": "Moderator"},
                 {"name": "Bo Speaker", "guid": "4f0b2d6e-0000-4000-8000-0000000000b2", "role": "speaker"},
                 {"name": "Cy Plain", "guid": "4f0b2d6e-0000-4000-8000-0000000000c3"}]}
    data = {"schedule": {"version": "1", "conference": {
        "title": "Roles", "time_zone_name": "Europe/Berlin",
        "days": [{"index": 1, "date": "2025-03-01", "rooms": {"Hall": [event]}}]}}}
    path = tmp_path / "roles.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    item = import_schedule(path).agenda["days"][0]["items"][0]
    people = {p["id"]: p["name"] for p in import_schedule(path).agenda["people"]}
    assert people[item["chair"]] == "Ana Host"
    assert [people[s] for s in item["speakers"]] == ["Bo Speaker", "Cy Plain"]
