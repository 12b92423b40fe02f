"""agenda.ics: parsed back with icalendar, as a calendar program would read it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest

from podium.load import Programme, load
from podium.output import build_epoch
from podium.pipeline import build

UTC = dt.UTC


@pytest.fixture(scope="module")
def seed_ics(seed: Programme, tmp_path_factory: pytest.TempPathFactory) -> bytes:
    out = tmp_path_factory.mktemp("ics")
    build(seed, out, ["site"])
    data = (out / "agenda.ics").read_bytes()
    assert (out / "site/agenda.ics").read_bytes() == data, "the page's copy must be the same file"
    return data


def events(data: bytes) -> list[icalendar.Event]:
    cal = icalendar.Calendar.from_ical(data)
    return [c for c in cal.walk("VEVENT")]


def test_one_event_per_item_with_zone_and_right_times(seed: Programme, seed_ics: bytes) -> None:
    evs = events(seed_ics)
    assert len(evs) == 12 == len(seed.agenda.items())
    for ev in evs:
        assert ev["DTSTART"].params["TZID"] == "America/Montevideo"
        assert ev["DTEND"].params["TZID"] == "America/Montevideo"
    s1 = next(ev for ev in evs if str(ev["UID"]).startswith("session-1@"))
    start = s1.decoded("DTSTART")
    assert start.tzinfo is not None, "no floating times"
    assert start.astimezone(UTC) == dt.datetime(2024, 12, 10, 12, 30, tzinfo=UTC)
    assert s1.decoded("DTEND").astimezone(UTC) == dt.datetime(2024, 12, 10, 14, 30, tzinfo=UTC)
    closing = next(ev for ev in evs if str(ev["UID"]).startswith("closing@"))
    closing_start = closing.decoded("DTSTART").astimezone(UTC)
    assert closing_start == dt.datetime(2024, 12, 11, 16, 30, tzinfo=UTC)
    cal = icalendar.Calendar.from_ical(seed_ics)
    zones = [str(tz["TZID"]) for tz in cal.walk("VTIMEZONE")]
    assert zones == ["America/Montevideo"]


def test_uids_stamp_url_location_and_people(seed: Programme, seed_ics: bytes) -> None:
    evs = events(seed_ics)
    agenda = seed.agenda
    uids = [str(ev["UID"]) for ev in evs]
    assert len(set(uids)) == len(uids)
    assert uids == [f"{it.anchor}@agenda.example.org" for _d, it in agenda.items()]
    stamp = dt.datetime.fromtimestamp(build_epoch(agenda), tz=UTC)
    for ev, (_day, item) in zip(evs, agenda.items(), strict=True):
        assert ev.decoded("DTSTAMP") == stamp
        assert str(ev["URL"]) == agenda.url_for_item(item)
        assert str(ev["LOCATION"]) == "Montevideo, Uruguay"
    s3 = evs[[it.anchor for _d, it in agenda.items()].index("session-3")]
    assert str(s3["SUMMARY"]) == ("Session 3: Lessons from Recent Capacity-Building and "
                                  "Training Partnerships")
    description = str(s3["DESCRIPTION"])
    assert description.startswith("Chair: Patrick Carey, Director")
    for name in ("Takakazu Ito", "Malinda Kosal", "Colonel Machiko Kawasaki", "Herbert Loret"):
        assert name in description
    welcome = str(evs[0]["DESCRIPTION"])
    assert ("Atul Khare, Under-Secretary-General, UN Department of Operational Support "
            "(via VTC)") in welcome


def test_lines_are_crlf_and_folded_at_75_octets(seed_ics: bytes) -> None:
    assert seed_ics.endswith(b"\r\n")
    lines = seed_ics.split(b"\r\n")[:-1]
    assert all(b"\n" not in line and b"\r" not in line for line in lines)
    assert max(len(line) for line in lines) <= 75
    assert any(line.startswith(b" ") for line in lines), "long texts are folded, not cut"


def test_summer_time_and_room_as_location(write_agenda: Callable[..., Path],
                                          tmp_path: Path) -> None:
    path = write_agenda("""
        event:
          title: Été
          venue: Centre des congrès
          city: Lyon
          timezone: Europe/Paris
          url: https://example.org/ete
          language: fr
        rooms: [{id: a, name: Salle Rhône}]
        people: [{id: p, name: Zoé Ünal}]
        days:
          - date: 2025-06-12
            items:
              - {id: talk, start: "09:00", end: "10:00", room: a, speakers: [p],
                 title: Ouverture très longue avec accents éèàç}
              - {start: "10:00", title: Fin}
    """)
    build(load(path), tmp_path / "out", ["site"])
    data = (tmp_path / "out/agenda.ics").read_bytes()
    lines = data.split(b"\r\n")[:-1]
    assert max(len(line) for line in lines) <= 75
    evs = events(data)
    talk = evs[0]
    assert str(talk["UID"]) == "talk@example.org"
    assert talk.decoded("DTSTART") == dt.datetime(2025, 6, 12, 9, tzinfo=ZoneInfo("Europe/Paris"))
    assert talk.decoded("DTSTART").astimezone(UTC).hour == 7
    assert str(talk["LOCATION"]) == "Salle Rhône, Centre des congrès, Lyon"
    assert "Zoé Ünal" in str(talk["DESCRIPTION"])
    assert str(talk["SUMMARY"]) == "Ouverture très longue avec accents éèàç"
    # An open-ended last item still gets an end for calendar programs.
    assert evs[1].decoded("DTEND") > evs[1].decoded("DTSTART")
    tz = icalendar.Calendar.from_ical(data).walk("VTIMEZONE")[0]
    assert {c.name for c in tz.subcomponents} == {"STANDARD", "DAYLIGHT"}
