"""Limits and characters no output can carry: each a positioned error, every one at once, exit 2.

Each case is a GOOD agenda (tests/test_errors.py) with one replacement, and the exact line
`podium check` prints for it.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from tests.test_errors import GOOD, check

from podium import limits
from podium.attendees import read_attendees
from podium.load import load
from podium.problems import AgendaError

_CONTROL = "remove it: text holds no control characters other than tab and line breaks"
_C1 = "remove it: it is often a Windows-1252 quote or dash decoded wrongly"
_LAUGHS = "laughs:\n  l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"  l{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * 9) + "]\n" for i in range(1, 10))

LIMITS = {
    "a text too long": (
        ("Test Conference", "x" * 100_001),
        "agenda.yaml:2:10: event.title: a text of 100,001 characters; the longest podium reads is "
        "100,000"),
    "a key too long": (
        ("  timezone: Europe/Berlin", '  ? "' + "k" * 100_001 + '"\n  : x\n  timezone: Europe/Berlin'),
        "agenda.yaml:3:5: event: a text of 100,001 characters; the longest podium reads is 100,000"),
    "flow nesting too deep": (
        ("  title: Test Conference", "  title: " + "[" * 100 + "]" * 100),
        "agenda.yaml:2:72: event.title[0][0][0][0][0][0][0][0]: nested more than 64 levels deep; "
        "the rest of the file is not read"),
    "500 levels of block nesting": (
        ("  title: Test Conference", "  title:\n" + "".join("  " * (i + 2) + "-\n" for i in range(500))),
        "agenda.yaml:65:129: event.title[0][0][0][0][0][0][0][0]: nested more than 64 levels deep; "
        "the rest of the file is not read"),
    "a recursive alias": (
        ("title: Test Conference", "title: &r [*r]"),
        "agenda.yaml:2:14: event.title[0]: alias '*r' is inside the value anchored as '&r' (line 2), "
        "so it would repeat itself without end"),
    "an alias with no anchor": (
        ("speakers: [bob]", "speakers: [*bob]"),
        "agenda.yaml:24:20: days[0].items[1].speakers[0]: alias '*bob' names no anchor: write '&bob' "
        "before the value it repeats, above this line"),
    "an anchor defined twice": (
        ("name: Bob Jones", "name: &n Bob Jones\n    title: &n Dr."),
        "agenda.yaml:10:12: people[1].title: anchor '&n' is defined twice (first on line 9); give "
        "each anchor its own name"),
    "nesting too deep through aliases": (
        ("people:", "deep:\n  x0: &a0 " + "[" * 60 + "]" * 60 + "\n"
         + "".join(f"  x{i}: &a{i} [*a{i - 1}]\n" for i in range(1, 5)) + "people:"),
        "agenda.yaml:9:12: deep.x3[0]: nested more than 64 levels deep through the alias '*a2' (the "
        "value it repeats is 62 deep)"),
    "billion laughs under an unknown key": (
        ("people:", _LAUGHS + "people:"),
        "agenda.yaml:9:22: laughs.l3[2]: aliases repeat more than 10,000 values and characters (as "
        "much as the file itself holds, or 10,000 in a smaller file); write the values out, or "
        "repeat less"),
    "more values than the size allows": (
        ("days:", "x: [" + "a," * 100_000 + "a]\ndays:"),
        "agenda.yaml:10:140053: x[70024]: more than 70,047 values (keys, texts, numbers, lists); a "
        "file of this size may hold 50,000 plus one per 10 bytes; the rest of the file is not read"),
}

CHARACTERS = {
    "BEL in a title": (
        ("title: First Session", "title: First\x07Session"),
        f"agenda.yaml:22:21: days[0].items[1].title: control character U+0007 (BEL); {_CONTROL}"),
    "ESC twice on a line": (
        ("name: Bob Jones", "name: \x1b[31mBob\x1b[0m Jones"),
        f"agenda.yaml:9:11: people[1].name: control character U+001B (ESC), 2 times on this line; "
        f"{_CONTROL}"),
    "NUL in a comment": (
        ("people:", "people:  # \x00"),
        f"agenda.yaml:5:12: control character U+0000 (NUL); {_CONTROL}"),
    "DEL": (
        ("title: Opening", "title: Open\x7fing"),
        f"agenda.yaml:17:20: days[0].items[0].title: control character U+007F (DEL); {_CONTROL}"),
    "a C1 control in a key": (
        ("    name: Ann Smith", "    na\x9bme: Ann Smith"),
        f"agenda.yaml:7:7: people[0].na\ufffdme: control character U+009B (C1 control); {_C1}"),
    "NEL, a line break only to YAML 1.1": (
        ("title: Opening", "title: Open\x85ing"),
        f"agenda.yaml:17:20: days[0].items[0].title: control character U+0085 (C1 control); {_C1}"),
    "in a block scalar": (
        ("title: Opening", "title: |\n          Open\x07ing"),
        f"agenda.yaml:18:15: days[0].items[0].title: control character U+0007 (BEL); {_CONTROL}"),
    "noncharacter U+FFFE": (
        ("title: Opening", "title: Open\ufffeing"),
        "agenda.yaml:17:20: days[0].items[0].title: noncharacter U+FFFE; remove it: no output can "
        "carry it"),
    "noncharacter U+FDD0 (no font draws it either: one message)": (
        ("title: Opening", "title: Open\ufdd0ing"),
        "agenda.yaml:17:20: days[0].items[0].title: noncharacter U+FDD0; remove it: no output can "
        "carry it"),
    "the escape \\e": (
        ("title: Opening", 'title: "Open\\eing"'),
        f"agenda.yaml:17:16: days[0].items[0].title: control character U+001B (ESC); {_CONTROL}"),
    "the escape \\a twice": (
        ("title: Opening", 'title: "Open\\aing\\a"'),
        f"agenda.yaml:17:16: days[0].items[0].title: control character U+0007 (BEL), 2 times in "
        f"this text; {_CONTROL}"),
    "the escape \\r": (
        ("title: Opening", 'title: "Open\\ring"'),
        f"agenda.yaml:17:16: days[0].items[0].title: control character U+000D (CR); {_CONTROL}"),
    "a lone surrogate": (
        ("title: Opening", 'title: "Open\\ud800ing"'),
        "agenda.yaml:17:16: days[0].items[0].title: lone UTF-16 surrogate U+D800; remove it: no "
        "output can carry it"),
    "a surrogate pair, as JSON writes it": (
        ("title: Opening", 'title: "Opening \\ud83d\\ude00"'),
        "agenda.yaml:17:16: days[0].items[0].title: UTF-16 surrogate pair U+D83D U+DE00; write the "
        "character itself, or the escape \\U0001F600"),
    "the escape \\uffff": (
        ("title: Opening", 'title: "Opening\\uffff"'),
        "agenda.yaml:17:16: days[0].items[0].title: noncharacter U+FFFF; remove it: no output can "
        "carry it"),
}

MODEL = {
    "no days": (
        ("days:\n  - date: 2025-03-04", "days: []\nold:\n  - date: 2025-03-04"),
        "agenda.yaml:10:7: days: the agenda has no days; list at least one, with its date and items"),
    "a chair id written as a decimal": (
        ("chair: ann", "chair: [1.0]"),
        "agenda.yaml:23:17: days[0].items[1].chair[0]: 1.0 is read as a number, not an id; write the "
        "id in quotes"),
    "a speaker id written as a decimal": (
        ("speakers: [bob]", "speakers: [{person: 3.5}]"),
        "agenda.yaml:24:29: days[0].items[1].speakers[0].person: 3.5 is read as a number, not an id; "
        "write the id in quotes"),
    "a person id written as a decimal": (
        ("  - id: bob", "  - id: 2.5"),
        "agenda.yaml:8:9: people[1].id: 2.5 is read as a number, not an id; write the id in quotes"),
    "an id too long for a URL": (
        ("  - id: bob", "  - id: " + "b" * 101),
        "agenda.yaml:8:9: people[1].id: '" + "b" * 40 + "…' is 101 characters long; an id has at "
        "most 100 (it goes into URLs and QR codes)"),
    "a URL too long for a QR code": (
        ("  url: https://agenda.testcon.eu/", "  url: https://agenda.testcon.eu/" + "a" * 500),
        "agenda.yaml:4:8: event.url: 'https://agenda.testcon.eu/aaaaaaaaaaaaaa…' is 526 characters "
        "long; a URL has at most 500 (QR codes must hold it)"),
    "a title longer than a line": (
        ("title: First Session", "title: " + "x" * 1001),
        "agenda.yaml:22:16: days[0].items[1].title: '" + "x" * 40 + "…' is 1,001 characters long; a "
        "one-line text (a title, a name) has at most 1,000; long text belongs in background"),
    "a date in year 1": (
        ("2025-03-04", "0001-01-01"),
        "agenda.yaml:11:11: days[0].date: 0001-01-01 is not a date podium can plan: years run from "
        "1900 to 2999"),
    "the last date there is, with a talk past midnight": (
        ('2025-03-04\n    items:\n      - id: opening\n        start: "09:00"\n        end: "09:30"',
         '9999-12-31\n    items:\n      - id: opening\n        start: "09:00"\n        end: "25:30"'),
        "agenda.yaml:11:11: days[0].date: 9999-12-31 is not a date podium can plan: years run from "
        "1900 to 2999"),
    "true as a chair": (
        ("chair: ann", "chair: true"),
        "agenda.yaml:23:16: days[0].items[1].chair: expected a list, got true"),
}


@pytest.mark.parametrize("name", [*LIMITS, *CHARACTERS, *MODEL])
def test_refused(name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (old, new), expected = {**LIMITS, **CHARACTERS, **MODEL}[name]
    assert old in GOOD
    code, lines = check(tmp_path, GOOD.replace(old, new, 1), monkeypatch)
    assert code == 2
    assert expected in lines, "\n".join(lines)
    assert not any("Traceback" in line for line in lines)


def test_a_limit_reports_only_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Past a limit the data is not whole: no schema errors about what is missing follow."""
    code, lines = check(tmp_path, GOOD.replace("Test Conference", "x" * 100_001), monkeypatch)
    assert (code, len(lines)) == (2, 2), lines


def test_a_character_is_reported_with_the_other_errors(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    text = GOOD.replace("title: Opening", "title: Open\x07ing").replace("2025-03-04", "2025-02-30")
    code, lines = check(tmp_path, text, monkeypatch)
    assert code == 2
    assert lines[0] == ("agenda.yaml:11:11: days[0].date: '2025-02-30' is not a date: February 2025 "
                        "has 28 days")
    assert lines[1].startswith("agenda.yaml:17:20: days[0].items[0].title: control character U+0007")


def test_many_characters_are_counted_not_listed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A file saved as UTF-16 without a byte-order mark has a NUL beside every letter."""
    text = GOOD + "".join(f"note{i}: x\x00y\n" for i in range(30))
    code, lines = check(tmp_path, text, monkeypatch)
    assert code == 2
    nul = [line for line in lines if "U+0000" in line]
    assert len(nul) == limits.MAX_REPORTED_CHARACTERS
    assert "agenda.yaml:45:10: 10 more places (from here on) hold characters no output can carry" in lines


def test_tabs_and_crlf_are_fine(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    code, lines = check(tmp_path, GOOD.replace("Opening", "Open\ting").replace("\n", "\r\n"), monkeypatch)
    assert (code, lines) == (0, ["agenda.yaml: ok: 1 day, 2 items, 2 people"])


def test_aliases_within_the_limit_are_read(tmp_path: Path) -> None:
    text = GOOD.replace("name: Ann Smith", "name: &ann Ann Smith").replace(
        "        speakers: [bob]", "        speakers: [bob]\n        subtitle: *ann")
    (tmp_path / "agenda.yaml").write_text(text, encoding="utf-8")
    programme = load(tmp_path / "agenda.yaml")
    assert programme.agenda.days[0].items[1].subtitle == "Ann Smith"
    assert programme.problem(("days", 0, "items", 1, "subtitle"), "x").line == 25


def test_whole_number_ids_match_as_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = GOOD.replace("  - id: bob", "  - id: 7").replace("speakers: [bob]", "speakers: [7]")
    code, lines = check(tmp_path, text.replace("chair: ann", "chair: 7"), monkeypatch)
    assert (code, lines) == (0, ["agenda.yaml: ok: 1 day, 2 items, 2 people"])


def test_an_anchor_made_from_a_long_title_is_cut(tmp_path: Path) -> None:
    """Every QR code for the item holds its anchor."""
    text = GOOD.replace("title: First Session", "title: " + "Long " * 40)
    (tmp_path / "agenda.yaml").write_text(text.replace("      - id: s1\n        start", "      - start"),
                                          encoding="utf-8")
    _day, item = load(tmp_path / "agenda.yaml").agenda.items()[1]
    assert item.anchor == "-".join(["long"] * 20)


_PADDED = GOOD.replace("people:", "notes:\n" + "  - padding line of text\n" * 15_000 + "people:")


@pytest.mark.parametrize(("old", "new", "expected"), [
    ("title: First Session", "title: [First Session",
     "agenda.yaml:15024:14: YAML syntax: while parsing a flow sequence, expected ',' or ']', but got "
     "':' (the sequence started on line 15023)"),
    ("    name: Bob Jones", "\tname: Bob Jones",
     "agenda.yaml:15010:1: YAML syntax: while scanning a plain scalar, found a tab character that "
     "violates indentation (the scalar started on line 15009) (indent with spaces, not tabs)"),
])
def test_a_syntax_error_in_a_large_file(old: str, new: str, expected: str, tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """Over 256 KB, PyYAML reads only the part libyaml refused: its message where it agrees
    (the first case, as for a small file), else libyaml's own."""
    assert len(_PADDED) > 256_000
    code, lines = check(tmp_path, _PADDED.replace(old, new, 1), monkeypatch)
    assert (code, lines) == (2, [expected, "1 error in agenda.yaml"])


def test_a_file_too_large_is_not_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = GOOD + "#" + "x" * (limits.MAX_FILE_BYTES - len(GOOD)) + "\n"
    code, lines = check(tmp_path, text, monkeypatch)
    assert code == 2
    assert lines[0] == "agenda.yaml:1:1: the file is 10,000,002 bytes; the largest agenda podium reads " \
                       "is 10,000,000 bytes"


@pytest.mark.parametrize("name", ["billion laughs under an unknown key", "500 levels of block nesting"])
def test_refused_at_once(name: str, tmp_path: Path) -> None:
    """A 1 KB file that would expand to a billion values costs no more than a 1 KB agenda."""
    (old, new), _ = LIMITS[name]
    (tmp_path / "agenda.yaml").write_text(GOOD.replace(old, new, 1), encoding="utf-8")
    start = time.perf_counter()
    with pytest.raises(AgendaError):
        load(tmp_path / "agenda.yaml")
    assert time.perf_counter() - start < 0.5


# -- the attendees CSV ---------------------------------------------------------------------

CSV = {
    "a quote never closed merges the rows below": (
        'name,organisation\nAnn Lee,UN\n"Bob Ray,UNDP\nCy Dee,WFP\n',
        ['a.csv:3: a quote opened in this row is never closed, so lines 3-4 would be one field; '
         'close it, or write a quote inside a field as ""']),
    "a quote closed on a later line": (
        'name,organisation\n"Ann Lee,UN\nBob Ray",UNDP\nCy Dee,WFP\n',
        ["a.csv:2: name: a line break in the field: a quote opened in this row closes only on line 3 "
         "of the file, taking in the lines between; close the quote where the field ends"]),
    "a field over the csv module's 131,072 characters": (
        'name,organisation\n"' + "x" * 200_000 + '",UN\nBob Ray,UNDP\n',
        ["a.csv:2: name: a text of 200,000 characters; the longest podium reads is 100,000"]),
    "a name longer than a line": (
        "name,organisation\n" + "y" * 1001 + ",UN\n",
        ["a.csv:2: name: '" + "y" * 40 + "…' is 1,001 characters long; a one-line text (a name, a "
         "title) has at most 1,000"]),
    "control characters, by column": (
        "name,organisation\nAnn\x07 Lee,U\x1bN\nBob Ray,UN\x85DP\n",
        [f"a.csv:2: name: control character U+0007 (BEL); {_CONTROL}",
         f"a.csv:2: organisation: control character U+001B (ESC); {_CONTROL}",
         f"a.csv:3: organisation: control character U+0085 (C1 control); {_C1}"]),
    "a noncharacter in an unnamed column": (
        "name,organisation,\nAnn Lee,UN,\uffff\n",
        ["a.csv:1: a column has no name",
         "a.csv:2: column 3: noncharacter U+FFFF; remove it: no output can carry it"]),
}


@pytest.mark.parametrize("name", list(CSV))
def test_attendees_refused(name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    text, expected = CSV[name]
    Path("a.csv").write_bytes(text.encode("utf-8"))
    _, problems = read_attendees(Path("a.csv"))
    assert [str(p) for p in problems] == expected


def test_a_multi_line_note_is_fine(tmp_path: Path) -> None:
    """Spreadsheets write a cell with line breaks in quotes; in a column of one's own, that is
    a note, not a quote left open."""
    (tmp_path / "a.csv").write_text('name,notes\nAnn Lee,"two\nlines"\nBob Ray,x\n', encoding="utf-8")
    people, problems = read_attendees(tmp_path / "a.csv")
    assert problems == []
    assert [(p.name, p.row, p.extra) for p in people] == [
        ("Ann Lee", 2, {"notes": "two\nlines"}), ("Bob Ray", 3, {"notes": "x"})]


def test_an_attendees_file_too_large(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("a.csv").write_bytes(b"name\n" + b"Ann Lee\n" * (limits.MAX_FILE_BYTES // 8))
    _, problems = read_attendees(Path("a.csv"))
    assert [str(p) for p in problems] == [
        "a.csv:1: the file is 10,000,005 bytes; the largest attendees file podium reads is 10,000,000 bytes"]


def test_attendees_rows_are_bounded_by_size(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("a.csv").write_bytes(b"name\n" + b"".join(b"%d\n" % (i % 10) for i in range(70_000)))
    people, problems = read_attendees(Path("a.csv"))
    assert str(problems[0]) == ("a.csv:64001: more than 64,000 rows; a file of this size may hold "
                                "50,000 plus one per 10 bytes; the rest is not read")
    assert len(people) == 10


def test_a_csv_column_printed_as_a_qr_code_fits_in_one(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """A check-in code of 5,000 characters made the badges stop with Zint's 'Input too long'."""
    monkeypatch.chdir(tmp_path)
    Path("a.csv").write_text("name,category,checkin\nAnn Lee,Press," + "C" * 501 + "\nBo Li,Press,X1\n",
                             encoding="utf-8")
    text = GOOD + "attendees: a.csv\nprint:\n  badge_qr: {Press: 'column:checkin'}\n"
    code, lines = check(tmp_path, text, monkeypatch)
    assert (code, lines[0]) == (2, "a.csv:2: checkin: '" + "C" * 40 + "…' is 501 characters long; a "
                                "badge's QR code holds at most 500 (print.badge_qr prints this column)")
