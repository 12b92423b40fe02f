"""Real schedules and their quirks: every event on its true local day in every output.

Small hand-written excerpts hold one quirk each (UTC day dates, numeric-looking ids, bare
`<person>`, items past midnight); the published files in tests/fixtures/schedules (see the
SOURCES.md there) and ../shared/corpus are imported, checked and built whole."""

from __future__ import annotations

from pathlib import Path

import icalendar
import pdfplumber
import pytest
from click.testing import CliRunner
from tests.conftest import ROOT, SHARED

from podium.cli import main
from podium.importers import import_schedule
from podium.importers.write import dump
from podium.load import load
from podium.yamlsource import read_yaml

FIXTURES = ROOT / "tests" / "fixtures" / "schedules"
CORPUS = SHARED / "corpus"
PUBLISHED = sorted(p for p in FIXTURES.iterdir() if p.suffix in (".xml", ".json")) + \
    sorted(p for p in CORPUS.glob("*.schedule.*") if CORPUS.is_dir())


def _run(*args: str) -> str:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def _pages(pdf: Path) -> list[str]:
    with pdfplumber.open(pdf) as doc:
        return [" ".join((page.extract_text() or "").split()) for page in doc.pages]


def _site_days(site: Path) -> dict[str, str]:
    """Each day page of the online agenda by its date, as HTML."""
    return {page.stem: page.read_text(encoding="utf-8") for page in sorted(site.glob("days/*.html"))}


def _calendar(ics: Path) -> dict[str, tuple[object, object]]:
    cal = icalendar.Calendar.from_ical(ics.read_bytes())
    return {str(ev["summary"]): (ev.decoded("dtstart"), ev.decoded("dtend")) for ev in cal.walk("VEVENT")}


# -- UTC day dates in a +05:30 zone ---------------------------------------------------------

KOCHI = """\
<?xml version="1.0" encoding="UTF-8"?>
<schedule>
  <conference><title>Kochi Conf</title><time_zone_name>Asia/Kolkata</time_zone_name></conference>
  <day index="1" date="2023-09-09">
    <room name="Anamudi">
      <event guid="4f0b2d6e-0000-4000-8000-000000000001" id="1">
        <date>2023-09-10T10:30:00+05:30</date><start>10:30</start><duration>00:20</duration>
        <room>Anamudi</room><title>Opening Ceremony</title><type>Talk</type>
        <persons><person id="1">Sruthi Chandran</person></persons>
      </event>
      <event guid="4f0b2d6e-0000-4000-8000-000000000002" id="2">
        <date>2023-09-10T23:30:00+05:30</date><start>23:30</start><duration>01:45</duration>
        <room>Anamudi</room><title>Late Night Hacklab</title><type>Talk</type>
        <persons><person id="2">Jonathan McDowell</person></persons>
      </event>
    </room>
  </day>
  <day index="2" date="2023-09-10">
    <room name="Anamudi">
      <event guid="4f0b2d6e-0000-4000-8000-000000000003" id="3">
        <date>2023-09-11T09:00:00+05:30</date><start>09:00</start><duration>00:45</duration>
        <room>Anamudi</room><title>Morning Keynote</title><type>Talk</type>
        <persons><person id="3">Nicolas Dandrimont</person></persons>
      </event>
    </room>
  </day>
</schedule>
"""


@pytest.fixture(scope="module")
def kochi(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("kochi")
    source = folder / "kochi.xml"
    source.write_text(KOCHI, encoding="utf-8")
    _run("import", str(source), "-o", str(folder / "agenda.yaml"), "--url", "https://kochi.conf.in/")
    _run("build", str(folder / "agenda.yaml"))
    return folder


def test_utc_day_dates_become_the_local_days(kochi: Path) -> None:
    agenda = load(kochi / "agenda.yaml").agenda
    assert [d.date.isoformat() for d in agenda.days] == ["2023-09-10", "2023-09-11"]
    starts = {it.title: (d.date.isoformat(), it.start_minutes) for d, it in agenda.items()}
    assert starts == {"Opening Ceremony": ("2023-09-10", 630), "Late Night Hacklab": ("2023-09-10", 1410),
                      "Morning Keynote": ("2023-09-11", 540)}


def test_every_output_shows_the_local_weekday(kochi: Path) -> None:
    booklet = " ".join(_pages(kochi / "build" / "programme.pdf"))
    assert "10–11 September 2023" in booklet  # the cover: not 9–10
    sunday = booklet.index("Sunday, 10 September 2023")
    assert sunday < booklet.index("10:30–10:50 Opening Ceremony") < booklet.index("Monday, 11 September 2023")
    assert "Saturday" not in booklet
    signs = _pages(kochi / "build" / "door-signs.pdf")
    opening = next(p for p in signs if "Opening Ceremony" in p)
    assert "Sunday, 10 September 2023" in opening and "10:30–10:50" in opening
    days = _site_days(kochi / "build" / "site")
    assert list(days) == ["2023-09-10", "2023-09-11"]
    assert "Opening Ceremony" in days["2023-09-10"] and "Morning Keynote" in days["2023-09-11"]
    cal = _calendar(kochi / "build" / "agenda.ics")
    start, end = cal["Opening Ceremony"]
    assert start.isoformat() == "2023-09-10T10:30:00+05:30" and end.isoformat() == "2023-09-10T10:50:00+05:30"


def test_an_item_past_midnight_ends_after_it_starts_everywhere(kochi: Path) -> None:
    start, end = _calendar(kochi / "build" / "agenda.ics")["Late Night Hacklab"]
    assert start.isoformat() == "2023-09-10T23:30:00+05:30" and end.isoformat() == "2023-09-11T01:15:00+05:30"
    days = _site_days(kochi / "build" / "site")
    # Under its time slot, as an instant with the zone's offset, and with its end.
    assert '<time datetime="2023-09-10T23:30+05:30">23:30</time>' in days["2023-09-10"]
    assert '<time class="it__time">23:30–01:15</time>' in days["2023-09-10"]


# -- one agenda written by hand: an item from 23:30 to 01:15 and one at 25:30 -------------------

NIGHT = """\
event: {title: Night Con, timezone: Europe/Berlin, url: "https://night.conf.eu/"}
people:
  - {id: ada, name: Ada Lovelace}
  - {id: alan, name: Alan Turing}
days:
  - date: "2025-12-27"
    items:
      - {id: talk, start: "20:00", end: "21:00", title: Evening Talk, speakers: [ada]}
      - {id: late, start: "23:30", end: "25:15", title: Late Panel, speakers: [alan]}
      - {id: party, start: "25:30", end: "27:00", title: Small Hours Party, speakers: [ada]}
  - date: "2025-12-28"
    items:
      - {id: morning, start: "11:00", end: "12:00", title: Morning Talk, speakers: [alan]}
"""


@pytest.fixture(scope="module")
def night(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("night")
    (folder / "agenda.yaml").write_text(NIGHT, encoding="utf-8")
    _run("build", str(folder / "agenda.yaml"), "--only", "booklet,signs,site,badges")
    return folder


def test_past_midnight_the_booklet_keeps_the_programme_day_and_names_the_calendar_day(night: Path) -> None:
    booklet = " ".join(_pages(night / "build" / "programme.pdf"))
    saturday, sunday = booklet.index("Saturday, 27 December 2025"), booklet.index("Sunday, 28 December 2025")
    assert saturday < booklet.index("23:30–01:15 Late Panel") < sunday
    assert saturday < booklet.index("01:30–03:00 (Sun 28) Small Hours Party") < sunday


def test_past_midnight_signs_give_the_calendar_date(night: Path) -> None:
    signs = {t: p for p in _pages(night / "build" / "door-signs.pdf")
             for t in ("Late Panel", "Small Hours Party") if t in p.split("NEXT")[0]}
    assert "Saturday, 27 December 2025" in signs["Late Panel"] and "23:30–01:15" in signs["Late Panel"]
    assert "Sunday, 28 December 2025" in signs["Small Hours Party"]
    assert "01:30–03:00" in signs["Small Hours Party"]


def test_past_midnight_site_and_calendar(night: Path) -> None:
    days = _site_days(night / "build" / "site")
    assert "Small Hours Party" in days["2025-12-27"] and "Small Hours Party" not in days["2025-12-28"]
    assert '<time datetime="2025-12-28T01:30+01:00">01:30 (Sun 28)</time>' in days["2025-12-27"]
    assert '<time class="it__time">01:30–03:00 (Sun 28)</time>' in days["2025-12-27"]
    cal = _calendar(night / "build" / "site" / "agenda.ics")
    for title, (start, end) in cal.items():
        assert start < end, title  # type: ignore[operator]
    assert cal["Late Panel"][1].isoformat() == "2025-12-28T01:15:00+01:00"  # type: ignore[attr-defined]
    assert cal["Small Hours Party"][0].isoformat() == "2025-12-28T01:30:00+01:00"  # type: ignore[attr-defined]


# -- source shapes ---------------------------------------------------------------------------

BARE = """\
<schedule>
  <conference><title>Bare</title><time_zone_name>Europe/Berlin</time_zone_name></conference>
  <day index="1" date="2025-05-05">
    <room name="Aula">
      <event id="300">
        <date>2025-05-05T09:00:00+02:00</date><start>09:00</start>
        <end>2025-05-05T09:40:00+02:00</end>
        <title>Welcome</title><person id="5">Vera Meister</person><person id="6">Andreas Both</person>
      </event>
      <event guid="09977609-1111-4222-8333-444444444444" id="301">
        <date>2025-05-05T10:00:00+02:00</date><start>10:00</start>
        <title>No duration at all</title>
        <persons><person guid="00001234-1111-4222-8333-444444444444">Ann Null</person></persons>
      </event>
      <event guid="1e100000-1111-4222-8333-444444444444" id="302">
        <date>2025-05-05T11:00:00+02:00</date><start>11:00</start><duration>00:30</duration>
        <title>yes</title><persons><person id="7">Off</person></persons>
      </event>
    </room>
  </day>
</schedule>
"""


def test_bare_persons_end_elements_and_numeric_looking_ids(tmp_path: Path) -> None:
    source = tmp_path / "bare.xml"
    source.write_text(BARE, encoding="utf-8")
    imported = import_schedule(source)
    notes = " ".join(n.message for n in imported.report.notes)
    assert "1 events list their speakers as <person> elements outside a <persons> wrapper" in notes
    assert "1 events give neither a duration nor an end" in notes
    out = tmp_path / "agenda.yaml"
    _run("import", str(source), "-o", str(out))
    text = out.read_text(encoding="utf-8")
    assert '- id: "09977609"' in text and '- id: "1e100000"' in text and 'title: "yes"' in text
    agenda = load(out).agenda
    welcome, nothing, yes = (it for _, it in agenda.items())
    assert [agenda.person(s.person).name for s in welcome.speakers] == ["Vera Meister", "Andreas Both"]
    assert welcome.end_time is not None and welcome.end_time.isoformat() == "09:40:00"
    assert nothing.id == "09977609" and agenda.person(nothing.speakers[0].person).name == "Ann Null"
    assert yes.title == "yes" and agenda.person(yes.speakers[0].person).name == "Off"


def test_frab_json_is_told_from_pretalx_json() -> None:
    assert import_schedule(FIXTURES / "camp2019-frab-schedule-json-excerpt.json").source.format == \
        "frab schedule JSON"
    if CORPUS.is_dir():
        assert import_schedule(CORPUS / "rc3-channels-2020.pretalx.schedule.json").source.format == \
            "pretalx schedule JSON"
        assert import_schedule(CORPUS / "39c3-himmel.schedule.json").source.format == "c3voc schedule JSON"


def test_a_source_key_shared_by_many_names_keeps_every_name() -> None:
    imported = import_schedule(FIXTURES / "36c3-merged-day4-excerpt.xml")
    names = {p["name"] for p in imported.agenda["people"]}
    assert {"MarioB", "Mfh", "Deine datsche", "Mel", "Iblech", "Thomas", "Zeltophil"} <= names


def test_the_overlaps_of_a_source_are_kept_and_printed(tmp_path: Path) -> None:
    out = tmp_path / "agenda.yaml"
    source = FIXTURES / "36c3-merged-day4-excerpt.xml"
    result = CliRunner().invoke(main, ["import", str(source), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "the source has them overlap; both are kept" in result.output
    _run("build", str(out), "--only", "booklet,signs")
    booklet = " ".join(_pages(tmp_path / "build" / "programme.pdf"))
    signs = " ".join(_pages(tmp_path / "build" / "door-signs.pdf"))
    for title in ("Kritical - Kubernetes in Critical Infrastructure",
                  "Kritical - Kubernetes in Critigal Infrastructure"):
        assert title in booklet and title in signs


# -- every published schedule --------------------------------------------------------------


@pytest.mark.parametrize("source", PUBLISHED, ids=[p.name for p in PUBLISHED])
def test_written_agenda_reads_back_equal(source: Path, tmp_path: Path) -> None:
    data = import_schedule(source).agenda
    path = tmp_path / "agenda.yaml"
    path.write_text(dump(data), encoding="utf-8")
    located, problems = read_yaml(path)
    assert not problems and located is not None
    assert located.data == data


@pytest.mark.parametrize("source", PUBLISHED, ids=[p.name for p in PUBLISHED])
def test_published_schedule_imports_checks_and_builds(source: Path, tmp_path: Path) -> None:
    out = tmp_path / "agenda.yaml"
    _run("import", str(source), "-o", str(out), "--url", "https://agenda.conference.eu/")
    checked = CliRunner().invoke(main, ["check", str(out)])
    assert checked.exit_code == 0 and "error" not in checked.output, checked.output
    _run("build", str(out))
    built = {p.name for p in (tmp_path / "build").iterdir()}
    assert {"programme.pdf", "programme-imposed.pdf", "badges.pdf", "door-signs.pdf", "site",
            "agenda.ics"} <= built
    agenda = load(out).agenda
    ics = icalendar.Calendar.from_ical((tmp_path / "build" / "agenda.ics").read_bytes())
    events = ics.walk("VEVENT")
    assert len(events) == len(agenda.items())
    for ev in events:
        assert ev.decoded("dtstart") < ev.decoded("dtend"), ev["summary"]
    # No speaker lost: every event the source names a person under has its speakers.
    imported = import_schedule(source)
    named = sum(any(p.name.strip(" -") for p in e.persons) for e in imported.source.events)
    with_speakers = sum(bool(it.speakers) for _, it in agenda.items())
    assert with_speakers == named


def _overlapping_words(pdf: Path) -> list[tuple[int, str, str]]:
    """Pairs of words whose boxes overlap on a page: text set on top of other text."""
    out = []
    with pdfplumber.open(pdf) as doc:
        for number, page in enumerate(doc.pages, start=1):
            words = page.extract_words()
            for i, a in enumerate(words):
                for b in words[i + 1:]:
                    dx = min(a["x1"], b["x1"]) - max(a["x0"], b["x0"])
                    dy = min(a["bottom"], b["bottom"]) - max(a["top"], b["top"])
                    if dx > 0.5 and dy > 0.5:
                        out.append((number, a["text"], b["text"]))
    return out


@pytest.mark.parametrize("detail", ["full", "compact"])
def test_the_calendar_day_of_a_late_item_never_runs_into_its_title(detail: str, tmp_path: Path) -> None:
    text = NIGHT.replace('url: "https://night.conf.eu/"}',
                         'url: "https://night.conf.eu/"}\nprint: {booklet_detail: ' + detail + "}")
    (tmp_path / "agenda.yaml").write_text(text, encoding="utf-8")
    _run("build", str(tmp_path / "agenda.yaml"), "--only", "booklet")
    pdf = tmp_path / "build" / "programme.pdf"
    assert "(Sun 28)" in " ".join(_pages(pdf))
    assert _overlapping_words(pdf) == []
