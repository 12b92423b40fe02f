"""Tests of the importers' `tracks:`: names and colours as the source lists them, ids for items."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from conftest import SHARED
from podium.importers import import_schedule
from podium.importers.write import write
from podium.load import load
from podium.model import Agenda

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "schedules"
CORPUS = SHARED / "corpus"
needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason=f"test corpus not found at {CORPUS}")


def _agenda(path: Path, tmp_path: Path) -> Agenda:
    target = tmp_path / f"{path.stem}.yaml"
    write(import_schedule(path).agenda, target)
    programme = load(target)
    assert not [w for w in programme.warnings if w.is_error], programme.warnings
    return programme.agenda


def _xml_tracks(path: Path) -> tuple[dict[str, str], dict[str, str]]:
    """(event guid -> track name, listed track name -> colour), read straight from the file."""
    root = ET.parse(path).getroot()
    events = {e.get("guid", ""): " ".join((e.findtext("track") or "").split())
              for e in root.iter("event")}
    colours = {t.get("name", ""): t.get("color", "") for t in root.findall("conference/track")}
    return events, colours


@needs_corpus
def test_39c3_items_name_their_track_with_the_source_colour(tmp_path: Path) -> None:
    path = CORPUS / "39c3-himmel.schedule.xml"
    agenda = _agenda(path, tmp_path)
    events, colours = _xml_tracks(path)
    assert agenda.tracks, "the export lists tracks with colours"
    for _, item in agenda.items():
        track = agenda.track_of(item)
        name = events[item.guid or ""]
        if not name:
            assert track is None
            continue
        assert track is not None and track.name == name
        assert track.id == item.track and track in agenda.tracks
        assert track.colour == colours[track.name].upper()
    # Only tracks some event names: the hall's export lists the whole congress's.
    assert {t.name for t in agenda.tracks} == set(events.values()) - {""}
    assert len(agenda.tracks) < len(colours)
    assert len({t.id for t in agenda.tracks}) == len(agenda.tracks)


@needs_corpus
def test_39c3_json_gives_the_same_tracks_as_its_xml(tmp_path: Path) -> None:
    xml = _agenda(CORPUS / "39c3-himmel.schedule.xml", tmp_path)
    jsn = _agenda(CORPUS / "39c3-himmel.schedule.json", tmp_path)
    assert xml.tracks == jsn.tracks


@needs_corpus
def test_fosdem_tracks_are_its_devrooms_in_its_list_order_without_colours(tmp_path: Path) -> None:
    path = CORPUS / "fosdem-2025.schedule.xml"
    agenda = _agenda(path, tmp_path)
    root = ET.parse(path).getroot()
    listed = [" ".join((t.text or "").split()) for t in root.findall("tracks/track")]
    used = {" ".join((e.findtext("track") or "").split()) for e in root.iter("event")} - {""}
    assert [t.name for t in agenda.tracks] == [n for n in listed if n in used]
    assert all(t.colour is None for t in agenda.tracks)
    assert sum(agenda.track_of(it) is not None for _, it in agenda.items()) == \
        sum(bool((e.findtext("track") or "").strip()) for e in root.iter("event"))


@needs_corpus
def test_a_pretalx_export_without_a_track_list_keeps_its_events_tracks(tmp_path: Path) -> None:
    path = CORPUS / "rc3-channels-2020.pretalx.schedule.json"
    agenda = _agenda(path, tmp_path)
    days = json.loads(path.read_text(encoding="utf-8"))["schedule"]["conference"]["days"]
    names = {" ".join(e["track"].split()) for d in days for r in d["rooms"].values() for e in r
             if e.get("track")}
    assert {t.name for t in agenda.tracks} == names and all(t.colour is None for t in agenda.tracks)


def test_schema2_json_takes_the_light_colour_and_resolves_slugs(tmp_path: Path) -> None:
    path = FIXTURES / "38c3-hub-schedule2-example.json"
    agenda = _agenda(path, tmp_path)
    data = json.loads(path.read_text(encoding="utf-8"))["schedule"]
    listed = {t["slug"]: t for t in data["conference"]["tracks"]}
    for event in data["events"]:
        item = next(it for _, it in agenda.items() if it.title == event["title"])
        track = agenda.track_of(item)
        source = listed[event["track"]["slug"]]
        assert track is not None and (track.name, track.colour) == \
            (source["name"], source["colors"]["light"].upper())


FRAB = """\
<schedule>
  <conference><title>Tracks</title><time_zone_name>Europe/Berlin</time_zone_name>
    <track name="C++" color="#abc"/><track name="C" color="red"/><track name="Unused" color="#123456"/>
  </conference>
  <day index="1" date="2025-03-01">
    <room name="Hall">
{events}
    </room>
  </day>
</schedule>
"""
EVENT = """<event guid="{guid}" id="{n}"><date>2025-03-01T{hour}:00:00+01:00</date><start>{hour}:00</start>
<duration>00:30</duration><room>Hall</room><title>Talk {n}</title><track>{track}</track></event>"""


def test_ids_are_unique_slugs_and_odd_colours_are_mended_or_reported(tmp_path: Path) -> None:
    tracks = ["C++", "C", "Ĉ", "", "C++"]
    events = "\n".join(EVENT.format(guid=f"4f0b2d6e-0000-4000-8000-00000000000{n}", n=n,
                                    hour=10 + n, track=t) for n, t in enumerate(tracks))
    path = tmp_path / "tracks.xml"
    path.write_text(FRAB.format(events=events), encoding="utf-8")
    imported = import_schedule(path)
    assert imported.agenda["tracks"] == [
        {"id": "c", "name": "C++", "colour": "#AABBCC"},
        {"id": "c-2", "name": "C"},
        {"id": "c-3", "name": "Ĉ"},
    ]
    items = imported.agenda["days"][0]["items"]
    assert [it.get("track") for it in items] == ["c", "c-2", "c-3", None, "c"]
    assert "track 'C': its colour 'red' is not a #RRGGBB colour; left out" in \
        [n.message for n in imported.report.warnings]


def test_no_tracks_section_when_no_event_has_a_track(tmp_path: Path) -> None:
    events = EVENT.format(guid="4f0b2d6e-0000-4000-8000-000000000001", n=1, hour=10, track="")
    path = tmp_path / "plain.xml"
    path.write_text(FRAB.format(events=events), encoding="utf-8")
    assert "tracks" not in import_schedule(path).agenda
