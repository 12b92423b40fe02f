"""Tests of `podium import`: real frab XML and pretalx JSON exports in, checked agendas out."""

from __future__ import annotations

import datetime as dt
import json
import textwrap
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from conftest import SHARED
from podium.cli import main
from podium.fonts import bundled
from podium.importers import Imported, ImportFailed, import_schedule
from podium.importers.source import parse_duration
from podium.importers.text import to_paragraphs
from podium.importers.write import dump, write
from podium.load import Programme, load

CORPUS = SHARED / "corpus"
FOSDEM = CORPUS / "fosdem-2025.schedule.xml"
C39_XML = CORPUS / "39c3-himmel.schedule.xml"
C39_JSON = CORPUS / "39c3-himmel.schedule.json"
RC3 = CORPUS / "rc3-channels-2020.pretalx.schedule.json"
needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason=f"test corpus not found at {CORPUS}")


@dataclass
class SourceEvent:
    """An event as counted straight from the file, independently of the importer."""

    title: str
    start: dt.datetime
    minutes: int
    day_date: str
    persons: list[tuple[str, str]]


def _minutes(duration: str) -> int:
    hours, minutes = duration.split(":")[:2]
    return int(hours) * 60 + int(minutes)


def xml_events(path: Path) -> list[SourceEvent]:
    out = []
    for day in ET.parse(path).getroot().iter("day"):
        for e in day.iter("event"):
            persons = [(p.get("guid") or p.get("id") or "", p.text or "") for p in e.iter("person")]
            start = dt.datetime.fromisoformat(e.findtext("date", ""))
            out.append(SourceEvent(e.findtext("title") or "", start, _minutes(e.findtext("duration", "")),
                                   day.get("date", ""), persons))
    return out


def json_events(path: Path) -> list[SourceEvent]:
    days = json.loads(path.read_text(encoding="utf-8"))["schedule"]["conference"]["days"]
    return [SourceEvent(e["title"], dt.datetime.fromisoformat(e["date"]), _minutes(e["duration"]), d["date"],
                        [(p.get("guid") or p.get("code") or "", p.get("public_name") or p.get("name"))
                         for p in e["persons"]])
            for d in days for events in d["rooms"].values() for e in events]


@dataclass
class Result:
    imported: Imported
    programme: Programme
    path: Path
    source: list[SourceEvent]


SOURCES = {"fosdem": (FOSDEM, xml_events), "39c3-xml": (C39_XML, xml_events),
           "39c3-json": (C39_JSON, json_events), "rc3": (RC3, json_events)}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Result]:
    """Every corpus file imported once, written and loaded like `podium check` does."""
    if not CORPUS.is_dir():
        pytest.skip(f"test corpus not found at {CORPUS}")
    out = {}
    folder = tmp_path_factory.mktemp("imported")
    for name, (path, count) in SOURCES.items():
        imported = import_schedule(path)
        target = folder / f"{name}.yaml"
        write(imported.agenda, target)
        out[name] = Result(imported, load(target), target, count(path))
    return out


def _items(result: Result) -> list[Any]:
    return result.programme.agenda.items()


def _warnings(result: Result) -> list[str]:
    return [n.message for n in result.imported.report.warnings]


@needs_corpus
@pytest.mark.parametrize("name", list(SOURCES))
def test_every_source_event_is_imported_and_the_agenda_checks(corpus: dict[str, Result], name: str) -> None:
    result = corpus[name]
    assert not [w for w in result.programme.warnings if w.is_error]
    assert len(_items(result)) == len(result.source) == result.imported.report.counts["events"]
    # Emoji variation selectors and joiners carry no text of their own; they go unreported.
    titles = Counter(" ".join(e.title.replace("\ufe0f", "").replace("\u200d", "").split())
                     for e in result.source)
    imported = Counter(item.title for _, item in _items(result))
    # Titles match one for one, except where an undrawable emoji was removed (and reported,
    # once per event and character, naming the fields that held it).
    differ = titles - imported
    owners = {w.split(": no bundled font draws ")[0] for w in _warnings(result)
              if ": no bundled font draws " in w and " in its title" in w}
    assert len(differ) == len(owners)


@needs_corpus
def test_fosdem_has_its_two_days_and_forty_rooms(corpus: dict[str, Result]) -> None:
    agenda = corpus["fosdem"].programme.agenda
    assert [d.date.isoformat() for d in agenda.days] == ["2025-02-01", "2025-02-02"]
    assert len(agenda.rooms) == 40
    assert agenda.event.timezone == "Europe/Brussels"
    # fosdem.org has none of podium's pages: QR codes must not point there.
    assert agenda.event.url == "https://agenda.invalid/change-me/"
    assert any("the source's own site, https://fosdem.org/2025/schedule/, does not hold podium's pages"
               in w for w in _warnings(corpus["fosdem"]))
    assert "23 empty room blocks" in " ".join(n.message for n in corpus["fosdem"].imported.report.notes)


@needs_corpus
@pytest.mark.parametrize("name", list(SOURCES))
def test_every_event_starts_and_ends_when_the_source_says(corpus: dict[str, Result], name: str) -> None:
    agenda = corpus[name].programme.agenda
    got = sorted((item.start_at, item.end_at, item.title)
                 for day, item in agenda.items())
    want = sorted((e.start, e.start + dt.timedelta(minutes=e.minutes)) for e in corpus[name].source)
    assert [(s, e) for s, e, _ in got] == want


@needs_corpus
def test_events_after_midnight_stay_on_the_previous_programme_day(corpus: dict[str, Result]) -> None:
    late = [e for e in corpus["39c3-xml"].source if e.start.date().isoformat() != e.day_date]
    assert len(late) == 6
    agenda = corpus["39c3-xml"].programme.agenda
    by_start = {(item.title, item.start_at): (day, item) for day, item in agenda.items()}
    for event in late:
        day, item = by_start[(" ".join(event.title.split()), event.start)]
        assert day.date.isoformat() == event.day_date
        assert item.start_minutes >= 24 * 60
    kitchen = next(it for _, it in agenda.items() if it.title.startswith("Unnecessarily Complicated Kitchen"))
    assert (kitchen.start_minutes, kitchen.end_minutes) == (24 * 60 + 20, 25 * 60 + 20)


@needs_corpus
def test_39c3_xml_and_json_give_the_same_agenda(corpus: dict[str, Result]) -> None:
    xml, jsn = corpus["39c3-xml"], corpus["39c3-json"]
    assert xml.path.read_bytes() == jsn.path.read_bytes()
    assert xml.programme.agenda == jsn.programme.agenda


@needs_corpus
def test_the_same_export_gives_the_same_bytes(corpus: dict[str, Result]) -> None:
    again = import_schedule(FOSDEM)
    assert dump(again.agenda) == corpus["fosdem"].path.read_text(encoding="utf-8")


@needs_corpus
def test_a_person_in_several_events_is_one_person(corpus: dict[str, Result]) -> None:
    for name in SOURCES:
        result = corpus[name]
        agenda = result.programme.agenda
        source_keys = {k for e in result.source for k, n in e.persons if n.strip() not in ("-", "--")}
        assert len({p.id for p in agenda.people}) == len(agenda.people)
        busy = next(k for k, n in Counter(k for e in result.source for k, _ in e.persons).items() if n > 1)
        appearing = [p for p in agenda.people if len(agenda.appearances(p.id)) > 1]
        assert appearing, f"{name}: the person {busy} appears in several events but not in the agenda"
        splits = sum("names 3 people" in w for w in _warnings(result))
        # FOSDEM's "Ian Sollars, Sohel Sarder & Ramses de Norre": Sohel Sarder is also listed alone.
        known_parts = {"fosdem": 1}.get(name, 0)
        assert len(agenda.people) == len(source_keys) + 2 * splits - known_parts


@needs_corpus
def test_odd_fosdem_names_are_reported_and_handled(corpus: dict[str, Result]) -> None:
    result = corpus["fosdem"]
    names = {p.name for p in result.programme.agenda.people}
    warnings = " ".join(_warnings(result))
    assert {"-", "--"}.isdisjoint(names)
    assert "person '-' (key 5081) is not a name; left out" in warnings
    assert "person '--' (key 5025) is not a name; left out" in warnings
    assert {"Ian Sollars", "Sohel Sarder", "Ramses de Norre"} <= names
    sarder = [p for p in result.programme.agenda.people if p.name == "Sohel Sarder"]
    assert [p.id for p in sarder] == ["p4218"]
    # The same event also lists him on his own: he speaks there once, under his own id.
    (_, talk, _, _), = result.programme.agenda.appearances("p4218")
    assert [s.person for s in talk.speakers] == ["p4214-1", "p4218", "p4214-3"]
    assert "johan@linaker.se" in names and "'johan@linaker.se' is an e-mail address" in warnings
    assert "Jann Traschewski, DG8NGN" in names  # a comma alone does not make a list of people


@needs_corpus
def test_undrawable_emoji_are_removed_and_each_is_reported(corpus: dict[str, Result]) -> None:
    result = corpus["fosdem"]
    source_titles = {e.title for e in result.source}
    love = next(t for t in source_titles if "💌" in t)
    assert bundled().missing("💌"), "an emoji font is bundled now: this test needs another example"
    kept = " ".join(love.replace("💌", "").split())
    item = next(it for _, it in result.programme.agenda.items() if it.title == kept)
    assert f"event {item.id} ('{' '.join(love.split())}'): no bundled font draws " \
        "'💌' (U+1F48C LOVE LETTER) in its title; removed (an emoji: decoration only)" in _warnings(result)
    assert result.imported.report.characters.removed["💌"] == 1
    text = " ".join(p for _, it in result.programme.agenda.items() for p in it.background)
    # A bundled symbol font draws the arrow: it is kept as it is, not replaced by "->".
    assert not bundled().missing("→")
    assert "→" in text


@needs_corpus
def test_imported_fields_print_needs(corpus: dict[str, Result]) -> None:
    agenda = corpus["39c3-json"].programme.agenda
    opening = next(it for _, it in agenda.items() if it.title == "Opening Ceremony")
    assert (opening.id, opening.kind, opening.format, opening.language, opening.track) == \
        ("7839bb58", "ceremony", "Ceremony", "de", "ccc-community")
    track = agenda.track_of(opening)
    assert track is not None and (track.name, track.colour) == ("CCC & Community", "#A4A300")
    assert opening.url == "https://events.ccc.de/congress/2025/hub/event/detail/opening-ceremony"
    assert opening.guid == "7839bb58-30e3-5f36-ac06-59f292c0974c"
    assert [agenda.person(s.person).name for s in opening.speakers] == ["pajowu", "Stella"]
    assert opening.background[0].startswith("Power On! Lasst uns gemeinsam")
    languages = Counter(it.language for _, it in agenda.items())
    assert languages == {"en": 106, "de": 80}


@needs_corpus
def test_rc3_markdown_and_crlf_become_plain_paragraphs(corpus: dict[str, Result]) -> None:
    agenda = corpus["rc3"].programme.agenda
    gluon = next(it for _, it in agenda.items() if it.title.startswith("Der faule Admin"))
    assert gluon.background == [
        "Eine wichtige Komponente von Freifunk ist die Verfügbarkeit von Firmware für viele Geräte. Diese "
        "Firmware basiert bei vielen Communities auf Gluon. Ein wichtiger Schritt vor der Veröffentlichung "
        "einer Firmware für eine Community ist das Testen des Gluon mit den eigenen Anpassungen und der "
        "eigenen Konfiguration. In diesem Talk wird eine Implementierung für das automatisierte Testen "
        "von Gluon-basierter Firmware auf echter Hardware vorgestellt."]
    text = corpus["rc3"].path.read_text(encoding="utf-8")
    assert "\r" not in text and "](http" not in text
    assert [agenda.person(s.person).name for s in gluon.speakers] == ["Chris Fiege", "Kasa"]


@needs_corpus
def test_rc3_names_no_time_zone_so_the_offset_is_used_and_reported(corpus: dict[str, Result]) -> None:
    assert corpus["rc3"].programme.agenda.event.timezone == "Etc/GMT-1"
    assert any("names no time zone; used Etc/GMT-1" in w for w in _warnings(corpus["rc3"]))
    named = import_schedule(RC3, timezone="Europe/Berlin")
    assert named.agenda["event"]["timezone"] == "Europe/Berlin"
    assert not any("time zone" in n.message for n in named.report.notes)


# -- text conversion ------------------------------------------------------------------------


@pytest.mark.parametrize(("source", "paragraphs"), [
    ("<p>One &amp; <em>two</em>.</p>\n<p>Three <a href='https://x.org'>four</a></p>",
     ["One & two.", "Three four"]),
    ("<p>Intro:</p><ul><li>The <code>a</code> part</li><li>B</li></ul><p>[1] https://x.org/</p>",
     ["Intro:", "• The a part", "• B", "[1] https://x.org/"]),
    ("<ol><li>first</li><li>second</li></ol>", ["1. first", "2. second"]),
    ("<p>No closing tag\nacross lines<br>after break", ["No closing tag across lines", "after break"]),
    ("Line one\r\nline two\r\n\r\nNext [link](https://x.org/a_(b)) and **bold** _it_ snake_case",
     ["Line one line two", "Next link and bold it snake_case"]),
    ("## Heading\nText\n\n- item *one*\n- item two\n1. numbered",
     ["Heading", "Text", "• item one", "• item two", "1. numbered"]),
    ("> quoted `code`\n\n---\n\n![alt text](x.png) <https://y.org>", ["quoted code", "alt text https://y.org"]),
    ("", []),
    (None, []),
])
def test_html_and_markdown_become_plain_paragraphs(source: str | None, paragraphs: list[str]) -> None:
    assert to_paragraphs(source) == paragraphs


@pytest.mark.parametrize(("text", "style", "minutes"), [
    ("00:30", "hms", 30), ("01:05", "hms", 65), ("1:05", "hms", 65), ("9:00", "dhm", 540),
    ("26:00", "hms", 1560), ("01:30:00", "hms", 90), ("00:44:40", "hms", 45), ("00:44:20", "hms", 44),
    ("1:02:30", "dhm", 1590), ("0:00:45", "dhm", 45),
])
def test_durations(text: str, style: str, minutes: int) -> None:
    assert parse_duration(text, style) == minutes  # type: ignore[arg-type]


@pytest.mark.parametrize("text", ["", "90", "1:75", "ab:cd", "1:25:00:00", "1:30:00x"])
def test_bad_durations_are_refused(text: str) -> None:
    with pytest.raises(ValueError):
        parse_duration(text)


# -- small hand-written exports -------------------------------------------------------------

FRAB = """\
<?xml version="1.0"?>
<schedule>
  <conference><title>Tiny Con</title><time_zone_name>Europe/Berlin</time_zone_name>
    <base_url>{base}</base_url></conference>
  <day index="1" date="2025-03-01">
    <room name="Hall A">
      <event guid="11111111-2222-3333-4444-555555555555" id="1">
        <date>2025-03-01T10:00:00+01:00</date><start>10:00</start><duration>{duration}</duration>
        <room>Hall A</room><title>First talk</title><type>Talk</type>
        <persons><person id="7">Ada Lovelace</person></persons>
      </event>
      <event guid="aaaaaaaa-2222-3333-4444-555555555555" id="2">
        <date>2025-03-01T10:30:00+01:00</date><start>10:30</start><duration>00:30</duration>
        <room>Hall A</room><title>Second talk</title><type>Lunch</type>
        <persons><person id="7">Ada Lovelace</person><person id="7">Ada Lovelace</person></persons>
      </event>
    </room>
    <room name="Hall B"/>
  </day>
</schedule>
"""


def _frab(tmp_path: Path, duration: str = "00:30", base: str = "https://tiny.example.org/") -> Path:
    path = tmp_path / "tiny.xml"
    path.write_text(FRAB.format(duration=duration, base=base), encoding="utf-8")
    return path


def load_text(tmp_path: Path, text: str) -> Any:
    path = tmp_path / "written.yaml"
    path.write_text(text, encoding="utf-8")
    return load(path).agenda


def _run(*args: str) -> Any:
    return CliRunner().invoke(main, list(args))


def test_a_small_frab_export_imports_with_the_cli(tmp_path: Path) -> None:
    out = tmp_path / "agenda.yaml"
    result = _run("import", str(_frab(tmp_path, duration="00:30:00")), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert f"1 day, 2 rooms, 2 events, 1 person; 1 warning above -> {out}" in result.output
    agenda = load(out).agenda
    first, second = (it for _, it in agenda.items())
    assert (first.id, first.end_minutes, second.kind) == ("11111111", 630, "meal")
    assert [s.person for s in second.speakers] == ["p7"]
    assert [r.name for r in agenda.rooms] == ["Hall A", "Hall B"]
    assert 'start: "10:00"' in out.read_text(encoding="utf-8")


def test_an_existing_agenda_is_kept_unless_forced(tmp_path: Path) -> None:
    out = tmp_path / "agenda.yaml"
    out.write_text("mine", encoding="utf-8")
    result = _run("import", str(_frab(tmp_path)), "-o", str(out))
    assert result.exit_code == 2
    assert "exists; give --force to replace it" in result.output
    assert out.read_text(encoding="utf-8") == "mine"
    assert _run("import", str(_frab(tmp_path)), "-o", str(out), "--force").exit_code == 0
    assert load(out).agenda.event.title == "Tiny Con"



def test_the_agenda_s_folder_is_made_when_missing(tmp_path: Path) -> None:
    out = tmp_path / "events" / "2025" / "agenda.yaml"
    result = _run("import", str(_frab(tmp_path)), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert load(out).agenda.event.title == "Tiny Con"
    assert sorted(p.name for p in out.parent.iterdir()) == ["agenda.yaml"]   # no temp file left


def test_an_agenda_that_cannot_be_written_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "plain").write_text("a file, not a folder", encoding="utf-8")
    result = _run("import", str(_frab(tmp_path)), "-o", str(tmp_path / "plain" / "agenda.yaml"))
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert [ln for ln in result.output.splitlines() if ln.startswith("podium:")] == [
        f"podium: {tmp_path / 'plain'}: File exists"]

def test_overlapping_events_are_all_kept_reported_and_pass_the_check(tmp_path: Path) -> None:
    out = tmp_path / "agenda.yaml"
    result = _run("import", str(_frab(tmp_path, duration="00:45")), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert "event aaaaaaaa ('Second talk') starts at 10:30 in room hall-a, while 11111111 ('First talk') " \
        "runs until 10:45: the source has them overlap; both are kept" in result.output
    written = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert [it["title"] for it in written["days"][0]["items"]] == ["First talk", "Second talk"]
    checked = _run("check", str(out))
    assert checked.exit_code == 0
    assert "days[0].items[1].start: warning: starts at 10:30, while 'First talk' in room 'hall-a' runs " \
        "until 10:45" in checked.output


def test_event_url_comes_only_from_the_url_option(tmp_path: Path) -> None:
    imported = import_schedule(_frab(tmp_path, base="https://tiny.example.org/"))
    assert imported.agenda["event"]["url"] == "https://agenda.invalid/change-me/"
    assert "the source's own site, https://tiny.example.org/, does not hold podium's pages" in \
        imported.report.warnings[0].message
    with_url = import_schedule(_frab(tmp_path, base=""), url="https://agenda.tinycon.eu/")
    assert with_url.agenda["event"]["url"] == "https://agenda.tinycon.eu/"
    assert not with_url.report.warnings
    text = dump(imported.agenda)
    assert "  url: https://agenda.invalid/change-me/  # CHANGE ME: the address where you will publish " \
        "build/site/" in text
    assert load_text(tmp_path, text).event.url == "https://agenda.invalid/change-me/"


def test_pretalx_day_durations_in_json(tmp_path: Path) -> None:
    event = {"guid": "x1", "id": 5, "date": "2025-03-01T22:00:00+01:00", "start": "22:00",
             "duration": "0:03:00", "room": "Tent", "title": "Night session", "persons": []}
    data = {"schedule": {"base_url": "https://tiny.example.org/", "conference": {
        "title": "Tiny", "time_zone_name": "Europe/Berlin",
        "days": [{"index": 1, "date": "2025-03-01", "rooms": {"Tent": [event], "Empty": []}}]}}}
    path = tmp_path / "tiny.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    item = import_schedule(path).agenda["days"][0]["items"][0]
    assert (item["id"], item["start"], item["end"]) == ("x1", "22:00", "25:00")


@pytest.mark.parametrize(("content", "fmt", "message"), [
    ("# just notes\n", None, "not a frab schedule XML or a schedule JSON (it starts with '# just notes"),
    ("<html><body/></html>", None, "the XML root is <html>, not a frab <schedule>"),
    ("<schedule><day", None, "not well-formed XML"),
    ('{"schedule": {}}', None, "not a schedule JSON: expected schedule.conference.days"),
    ('{"schedule": ', None, "not valid JSON"),
    ('{"schedule": {}}', "frab", "not well-formed XML"),
])
def test_unreadable_files_exit_2_with_a_clear_message(tmp_path: Path, content: str, fmt: str | None,
                                                      message: str) -> None:
    path = tmp_path / "export.txt"
    path.write_text(content, encoding="utf-8")
    args = ["import", str(path), "-o", str(tmp_path / "a.yaml"), *(["--format", fmt] if fmt else [])]
    result = _run(*args)
    assert result.exit_code == 2
    assert f"podium import: {path}: {message}" in result.output
    assert "Traceback" not in result.output and not (tmp_path / "a.yaml").exists()


def test_a_missing_file_exits_2(tmp_path: Path) -> None:
    result = _run("import", str(tmp_path / "nope.xml"), "-o", str(tmp_path / "a.yaml"))
    assert result.exit_code == 2
    assert "nope.xml: file not found" in result.output
    with pytest.raises(ImportFailed):
        import_schedule(tmp_path / "nope.xml")


def test_an_unknown_time_zone_option_exits_2(tmp_path: Path) -> None:
    result = _run("import", str(_frab(tmp_path)), "-o", str(tmp_path / "a.yaml"),
                  "--timezone", "Mars/Olympus")
    assert result.exit_code == 2
    assert "unknown time zone 'Mars/Olympus'" in result.output


def test_written_yaml_reads_back_as_text(tmp_path: Path) -> None:
    agenda = import_schedule(_frab(tmp_path)).agenda
    agenda["days"][0]["items"][0]["title"] = "no"
    agenda["days"][0]["items"][1]["title"] = "12:30 # not a comment"
    path = tmp_path / "a.yaml"
    write(agenda, path, "Header line")
    titles = [it.title for _, it in load(path).agenda.items()]
    assert titles == ["no", "12:30 # not a comment"]
    assert path.read_text(encoding="utf-8").startswith("# Header line\n")


def test_yaml_emitter_keeps_schema_order() -> None:
    text = dump({"event": {"title": "T"}, "rooms": [], "people": [], "days": [
        {"date": "2025-01-01",
         "items": [{"id": "a", "start": "24:30", "title": "x", "speakers": ["p1", "p2"]}]}]})
    assert text == textwrap.dedent("""\
        event:
          title: T

        rooms: []

        people: []

        days:
        - date: "2025-01-01"
          items:
          - id: a
            start: "24:30"
            title: x
            speakers: [p1, p2]
        """)
