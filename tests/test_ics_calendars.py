"""The site's calendars: agenda.ics with tracks in CATEGORIES, one .ics per room and per track."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import icalendar

from podium.load import load
from podium.pipeline import build

AGENDA = """
    event:
      title: Tracks Day
      timezone: Europe/Brussels
      url: https://example.org/tracks/
    rooms: [{id: janson, name: Janson}, {id: k1, name: K.1.105}]
    tracks:
      - {id: rust, name: Rust, colour: "#B7410E"}
      - {id: go, name: Go}
    days:
      - date: 2025-02-01
        items:
          - {id: a, start: "09:00", end: "09:30", room: janson, track: rust, format: Talk, title: Ownership}
          - {id: b, start: "09:00", end: "09:45", room: k1, track: go, title: Goroutines}
          - {id: c, start: "10:00", end: "10:30", room: k1, track: rust, title: Borrowing}
          - {id: d, start: "10:30", end: "10:45", kind: break, title: Coffee}
      - date: 2025-02-02
        items:
          - {id: e, start: "09:00", end: "09:30", room: janson, title: Keynote}
"""


def _calendar(path: Path) -> tuple[str, dict[str, list[str]]]:
    cal = icalendar.Calendar.from_ical(path.read_bytes())
    events = {str(ev["UID"]).split("@")[0]: [str(c) for c in ev["CATEGORIES"].cats]
              for ev in cal.walk("VEVENT")}
    return str(cal["X-WR-CALNAME"]), events


def test_one_calendar_per_room_and_track_with_track_categories(
        write_agenda: Callable[..., Path], tmp_path: Path) -> None:
    build(load(write_agenda(AGENDA)), tmp_path / "out", ["site"])
    site = tmp_path / "out" / "site"
    name, everything = _calendar(site / "agenda.ics")
    assert name == "Tracks Day"
    assert everything == {"a": ["Rust", "Talk"], "b": ["Go"], "c": ["Rust"], "d": ["break"],
                          "e": ["session"]}
    assert (tmp_path / "out" / "agenda.ics").read_bytes() == (site / "agenda.ics").read_bytes()
    found = sorted(p.name for p in (site / "calendars").iterdir())
    assert found == ["room-janson.ics", "room-k1.ics", "track-go.ics", "track-rust.ics"]
    assert _calendar(site / "calendars/room-janson.ics") == (
        "Tracks Day – Janson", {"a": ["Rust", "Talk"], "e": ["session"]})
    assert _calendar(site / "calendars/room-k1.ics")[1].keys() == {"b", "c"}
    assert _calendar(site / "calendars/track-rust.ics") == (
        "Tracks Day – Rust", {"a": ["Rust", "Talk"], "c": ["Rust"]})
    assert _calendar(site / "calendars/track-go.ics")[1].keys() == {"b"}
    for ics in (site / "calendars").iterdir():
        cal = icalendar.Calendar.from_ical(ics.read_bytes())
        assert [str(z["TZID"]) for z in cal.walk("VTIMEZONE")] == ["Europe/Brussels"]
    assert (site / "schedule.xml").is_file() and (site / "schedule.json").is_file()


def test_one_room_agenda_puts_unroomed_items_in_it(write_agenda: Callable[..., Path], tmp_path: Path) -> None:
    text = AGENDA.replace("rooms: [{id: janson, name: Janson}, {id: k1, name: K.1.105}]",
                          "rooms: [{id: janson, name: Janson}]").replace("room: k1", "room: janson")
    build(load(write_agenda(text)), tmp_path / "out", ["site"])
    _, events = _calendar(tmp_path / "out/site/calendars/room-janson.ics")
    assert events.keys() == {"a", "b", "c", "d", "e"}
