"""The attendees CSV: further badge holders, with FILE:ROW errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from tests.test_errors import GOOD

from podium.attendees import read_attendees
from podium.cli import main
from podium.load import load


def write(path: Path, text: str, *, bom: bool = False) -> Path:
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8"))
    return path


@pytest.mark.parametrize("bom", [False, True])
def test_reads_utf8_with_or_without_bom(tmp_path: Path, bom: bool) -> None:
    path = write(tmp_path / "a.csv", "name,title,role,organisation,country,category\n"
                 "Søren Hauch-Fausbøll,,Analyst,DIIS,Denmark,Delegate\n"
                 "王菲,,,,,Press\n", bom=bom)
    people, problems = read_attendees(path)
    assert problems == []
    assert [(p.name, p.category, p.row) for p in people] == [
        ("Søren Hauch-Fausbøll", "Delegate", 2), ("王菲", "Press", 3)]
    assert people[0].organisation == "DIIS"


def test_category_defaults_to_delegate_and_extra_columns_kept(tmp_path: Path) -> None:
    path = write(tmp_path / "a.csv", "name,checkin\nAnn Lee,X-123\n")
    people, problems = read_attendees(path)
    assert problems == []
    assert people[0].category == "Delegate"
    assert people[0].extra == {"checkin": "X-123"}


def test_row_errors(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "a.csv", "name,organisation\nAnn Lee,UN\n,Nobody\nAnn Lee,UN\nBo,X,extra\n")
    _, problems = read_attendees(Path("a.csv"))
    assert [str(p) for p in problems] == [
        "a.csv:3: name: empty name",
        "a.csv:4: name: 'Ann Lee' is listed twice (first on row 2)",
        "a.csv:5: 3 fields but the header has 2",
    ]


def test_missing_name_column(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "a.csv", "nmae,organisation\nAnn,UN\n")
    _, problems = read_attendees(Path("a.csv"))
    assert [str(p) for p in problems] == [
        "a.csv:1: no 'name' column; did you mean 'nmae'? "
        "(columns are name,title,role,organisation,country,category,delegation,remote)"]


def test_agenda_reports_csv_errors_and_exits_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "attendees.csv", "name,organisation\nAnn Lee,UN\n ,UN\n")
    (tmp_path / "agenda.yaml").write_text(GOOD + "attendees: attendees.csv\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check"])
    assert result.exit_code == 2
    assert "attendees.csv:3: name: empty name" in result.output


def test_agenda_with_attendees(tmp_path: Path) -> None:
    write(tmp_path / "attendees.csv", "name,category\nAnn Lee,Press\n")
    (tmp_path / "agenda.yaml").write_text(GOOD + "attendees: attendees.csv\n", encoding="utf-8")
    programme = load(tmp_path / "agenda.yaml")
    assert [a.name for a in programme.attendees] == ["Ann Lee"]


def test_attendees_file_not_found(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "agenda.yaml").write_text(GOOD + "attendees: people.csv\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check"])
    assert result.exit_code == 2
    assert "agenda.yaml:25:12: attendees: file 'people.csv' not found" in result.output


def test_undrawable_attendee_name(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "attendees.csv", "name\nAnn \U0001F600 Lee\n")
    (tmp_path / "agenda.yaml").write_text(GOOD + "attendees: attendees.csv\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check"])
    assert result.exit_code == 2
    assert "attendees.csv:2: name: no bundled font can draw '\U0001F600' (U+1F600 GRINNING FACE)" \
        in result.output
