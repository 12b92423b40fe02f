"""Broken agendas: every problem reported at once, as FILE:LINE:COL: key.path: message, exit 2."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from tests.conftest import ROOT

from podium.cli import main

GOOD = """\
event:
  title: Test Conference
  timezone: Europe/Berlin
  url: https://agenda.testcon.eu/
people:
  - id: ann
    name: Ann Smith
  - id: bob
    name: Bob Jones
days:
  - date: 2025-03-04
    items:
      - id: opening
        start: "09:00"
        end: "09:30"
        kind: ceremony
        title: Opening
        speakers: [ann]
      - id: s1
        start: "09:30"
        end: "10:30"
        title: First Session
        chair: ann
        speakers: [bob]
"""


def check(tmp_path: Path, text: str, monkeypatch: pytest.MonkeyPatch) -> tuple[int, list[str]]:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "agenda.yaml").write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "agenda.yaml"])
    lines = [line for line in result.output.splitlines() if line.strip()]
    return result.exit_code, lines


def test_good_agenda_passes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    code, lines = check(tmp_path, GOOD, monkeypatch)
    assert code == 0, lines
    assert lines == ["agenda.yaml: ok: 1 day, 2 items, 2 people"]


CASES = {
    "typo in a key": (
        ("        speakers: [bob]", "        panelists: [bob]"),
        "agenda.yaml:24:9: days[0].items[1].panelists: unknown key 'panelists'; did you mean 'speakers'?"),
    "misspelt key": (
        ("  timezone: Europe/Berlin", "  timezne: Europe/Berlin"),
        "agenda.yaml:3:3: event.timezne: unknown key 'timezne'; did you mean 'timezone'?"),
    "missing title": (
        ("  title: Test Conference\n", ""),
        "agenda.yaml:2:3: event: missing required key 'title'"),
    "impossible date": (
        ("2025-03-04", "2025-02-30"),
        "agenda.yaml:11:11: days[0].date: '2025-02-30' is not a date: February 2025 has 28 days"),
    "time not HH:MM": (
        ('start: "09:30"', 'start: "9.30"'),
        "agenda.yaml:20:16: days[0].items[1].start: '9.30' is not a time; write it as HH:MM on the "
        "24-hour clock, e.g. 09:30 or 14:15 (and quote it: \"09:30\")"),
    "hour out of range": (
        ('end: "10:30"', 'end: "48:30"'),
        "agenda.yaml:21:14: days[0].items[1].end: '48:30' is not a time of day: hours run 00-23 "
        "(24-47 for times after midnight that belong to the day before) and minutes 00-59"),
    "minutes out of range": (
        ('end: "10:30"', 'end: "10:60"'),
        "agenda.yaml:21:14: days[0].items[1].end: '10:60' is not a time of day: hours run 00-23 "
        "(24-47 for times after midnight that belong to the day before) and minutes 00-59"),
    "unknown time zone": (
        ("Europe/Berlin", "Europe/Berln"),
        "agenda.yaml:3:13: event.timezone: unknown time zone 'Europe/Berln'; did you mean 'Europe/Berlin'?"),
    "url not http": (
        ("https://agenda.testcon.eu/", "example.org/agenda"),
        "agenda.yaml:4:8: event.url: 'example.org/agenda' is not an http(s) URL; write it in full, "
        "e.g. https://example.org/agenda/"),
    "unknown person": (
        ("speakers: [bob]", "speakers: [bobb]"),
        "agenda.yaml:24:20: days[0].items[1].speakers[0]: unknown person 'bobb'; did you mean 'bob'?"),
    "unknown chair": (
        ("chair: ann", "chair: anne"),
        "agenda.yaml:23:16: days[0].items[1].chair: unknown person 'anne'; did you mean 'ann'?"),
    "unknown kind": (
        ("kind: ceremony", "kind: ceremonie"),
        "agenda.yaml:16:15: days[0].items[0].kind: unknown kind 'ceremonie'; did you mean 'ceremony'? "
        "(expected one of session, break, meal, ceremony)"),
    "duplicate person id": (
        ("  - id: bob\n", "  - id: ann\n"),
        "agenda.yaml:8:9: people[1].id: duplicate person id 'ann' (first used on line 6)"),
    "duplicate item id": (
        ("id: s1", "id: opening"),
        "agenda.yaml:19:13: days[0].items[1].id: duplicate item id 'opening' (first used on line 13)"),
    "end before start": (
        ('end: "10:30"', 'end: "09:15"'),
        "agenda.yaml:21:14: days[0].items[1].end: ends at 09:15, not after its start at 09:30"),
    "out of order": (
        ('start: "09:30"\n        end: "10:30"', 'start: "08:00"\n        end: "08:30"'),
        "agenda.yaml:20:16: days[0].items[1].start: starts at 08:00, before the item above it "
        "('Opening' at 09:00); list items in time order"),
    "unknown room": (
        ("        chair: ann", "        room: hall-a\n        chair: ann"),
        "agenda.yaml:23:15: days[0].items[1].room: unknown room 'hall-a'"),
    "yaml syntax": (
        ("title: First Session", "title: [First Session"),
        "agenda.yaml:23:14: YAML syntax: while parsing a flow sequence, expected ',' or ']', but got ':' "
        "(the sequence started on line 22)"),
    "tab indentation": (
        ("    name: Bob Jones", "\tname: Bob Jones"),
        "agenda.yaml:9:1: YAML syntax: while scanning for the next token, found character '\\t' that "
        "cannot start any token (indent with spaces, not tabs)"),
    "bad language": (
        ("  url: https://agenda.testcon.eu/", "  url: https://agenda.testcon.eu/\n  language: de"),
        "agenda.yaml:5:13: event.language: 'de' is not allowed; expected 'en', 'es' or 'fr'"),
    "undrawable character": (
        ("name: Bob Jones", "name: Bob \U0001F600 Jones"),
        "agenda.yaml:9:11: people[1].name: no bundled font can draw '\U0001F600' (U+1F600 GRINNING FACE) "
        "in 'Bob \U0001F600 Jones'"),
    "duplicate key": (
        ("        title: Opening", "        title: Opening\n        title: Opening again"),
        "agenda.yaml:18:9: days[0].items[0].title: duplicate key 'title' (first given on line 17)"),
}


@pytest.mark.parametrize("name", list(CASES))
def test_broken_agenda(name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (old, new), expected = CASES[name]
    assert old in GOOD
    code, lines = check(tmp_path, GOOD.replace(old, new, 1), monkeypatch)
    assert code == 2
    assert expected in lines, "\n".join(lines)
    assert lines[-1].endswith("in agenda.yaml")
    assert not any("Traceback" in line for line in lines)


WARNINGS = {
    "overlap in one room": (
        ('end: "09:30"\n        kind', 'end: "09:45"\n        kind'),
        "agenda.yaml:20:16: days[0].items[1].start: warning: starts at 09:30, while 'Opening' runs until "
        "09:45; both are printed, one after the other"),
    "a person in two places": (
        ('end: "09:30"\n        kind', 'end: "09:45"\n        kind'),
        "agenda.yaml:19:9: days[0].items[1]: warning: 'ann' is in 'First Session' at 09:30 in person, but "
        "also in 'Opening' (line 13, 09:00–09:45) at the same time; mark one appearance `remote: true`, "
        "or move one item"),
    "a start that is the next morning": (
        ('start: "09:30"\n        end: "10:30"', 'start: "34:30"\n        end: "35:30"'),
        "agenda.yaml:20:16: days[0].items[1].start: warning: starts at 34:30, that is on Wednesday "
        "2025-03-05 at 10:30, the morning after its day: it probably belongs to the next day (times "
        "from 24:00 are for the small hours of a long evening)"),
    "a placeholder address": (
        ("  url: https://agenda.testcon.eu/", "  url: https://agenda.invalid/change-me/"),
        "agenda.yaml:4:8: event.url: warning: 'https://agenda.invalid/change-me/' is a placeholder: "
        "every QR code will point nowhere; set it to where you will publish build/site/"),
    "the import source's address": (
        ("        title: First Session", "        title: First Session\n"
         "        url: https://agenda.testcon.eu/talk/1/"),
        "agenda.yaml:4:8: event.url: warning: 'https://agenda.testcon.eu/' is on agenda.testcon.eu, "
        "the site the items were imported from, which does not hold podium's pages: QR codes need "
        "the address where you will publish build/site/"),
}


@pytest.mark.parametrize("name", list(WARNINGS))
def test_warned_agenda(name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Likely mistakes that still build: a warning at their line, exit 0."""
    (old, new), expected = WARNINGS[name]
    assert old in GOOD
    code, lines = check(tmp_path, GOOD.replace(old, new, 1), monkeypatch)
    assert code == 0, lines
    assert expected in lines, "\n".join(lines)
    assert lines[-1].startswith("agenda.yaml: ok")


def test_a_remote_appearance_is_not_a_second_place(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    text = GOOD.replace('end: "09:30"\n        kind', 'end: "09:45"\n        kind').replace(
        "        chair: ann\n        speakers: [bob]", "        speakers: [bob, {person: ann, remote: true}]")
    code, lines = check(tmp_path, text, monkeypatch)
    assert code == 0
    assert not [line for line in lines if "'ann' is in" in line], lines


def test_two_faults_reported_at_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = GOOD.replace("2025-03-04", "2025-13-01").replace("speakers: [bob]", "speakers: [zed]")
    code, lines = check(tmp_path, text, monkeypatch)
    assert code == 2
    assert lines == [
        "agenda.yaml:8:9: people[1].id: warning: 'bob' appears in no item; give them a category "
        "(e.g. Delegate) if they only need a badge",
        "agenda.yaml:11:11: days[0].date: '2025-13-01' is not a date: there is no month 13",
        "agenda.yaml:24:20: days[0].items[1].speakers[0]: unknown person 'zed'",
        "2 errors in agenda.yaml",
    ]


def test_unused_person_is_a_warning_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = GOOD.replace("people:\n", "people:\n  - id: cy\n    name: Cy Young\n", 1)
    code, lines = check(tmp_path, text, monkeypatch)
    assert code == 0
    assert lines[0] == ("agenda.yaml:6:9: people[0].id: warning: 'cy' appears in no item; give them "
                        "a category (e.g. Delegate) if they only need a badge")


def test_real_process_exits_2_without_traceback(tmp_path: Path) -> None:
    (tmp_path / "agenda.yaml").write_text(GOOD.replace("2025-03-04", "2025-02-30"), encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "podium", "check"], cwd=tmp_path,
                          capture_output=True, text=True, env={"PYTHONPATH": str(ROOT / "src")})
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert proc.stderr.startswith("agenda.yaml:11:11: days[0].date:")


def test_missing_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["check"])
    assert result.exit_code == 2
    assert result.output.strip() == (
        f"podium: no agenda.yaml in {tmp_path.resolve()}: start a new event there with "
        "`podium init`, or make one from a schedule export with `podium import FILE`")


def test_times_after_midnight_belong_to_the_day(tmp_path: Path) -> None:
    """A late programme runs past midnight: 25:00 is 01:00 on the next calendar date."""
    from podium.load import load

    text = GOOD.replace('start: "09:30"\n        end: "10:30"', 'start: "23:30"\n        end: "25:15"')
    (tmp_path / "agenda.yaml").write_text(text, encoding="utf-8")
    agenda = load(tmp_path / "agenda.yaml").agenda
    _day, item = agenda.items()[1]
    assert item.start.isoformat() == "23:30:00"
    assert item.end is not None and item.end.isoformat() == "01:15:00"
    end = item.end_at
    assert end is not None and end.isoformat() == "2025-03-05T01:15:00+01:00"


def test_a_typo_does_not_also_warn_about_the_people_it_names(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`panelists: [bob]` and `chair: anne` are errors; Bob and Ann are not also 'in no item'."""
    text = GOOD.replace("speakers: [bob]", "panelists: [bob]").replace("chair: ann", "chair: anne")
    text = text.replace("        speakers: [ann]\n", "")
    code, lines = check(tmp_path, text, monkeypatch)
    assert code == 2
    assert not [line for line in lines if "warning" in line], lines
    assert len(lines) == 3, lines


def test_a_day_past_the_last_calendar_date_is_an_error(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    text = GOOD.replace("2025-03-04", "9999-12-31").replace('end: "10:30"', 'end: "24:30"')
    code, lines = check(tmp_path, text, monkeypatch)
    assert code == 2
    assert "agenda.yaml:11:11: days[0].date: 9999-12-31 is not a date podium can plan: years run " \
        "from 1900 to 2999" in lines, lines
    assert not any("Traceback" in line for line in lines)
