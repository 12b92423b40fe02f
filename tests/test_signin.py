"""Sign-in sheets: every expected person listed by family name on their day's (or
session's) sheet, rows tall enough to sign, blank rows for walk-ins, every text inside its
cell, the page count in the header."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pdfplumber
import pytest

from conftest import SEED
from podium.load import Programme, load
from podium.model import Item, Person
from podium.pipeline import build
from podium.problems import AgendaError

MM = 72 / 25.4


def signin_of(programme: Programme, out: Path) -> Path:
    build(programme, out, only=["signin"])
    return out / "signin.pdf"


def full(person: Person) -> str:
    text = f"{person.title} {person.name}" if person.title else person.name
    return f"{text}, {person.suffix}" if person.suffix else text


def rows(page: pdfplumber.page.Page) -> list[tuple[float, float, list[str]]]:
    """(top, bottom, text of each cell) of every table row under the column heads, read
    from the rules drawn and the characters between them."""
    verticals = sorted({round(ln["x0"], 1) for ln in page.lines if abs(ln["x0"] - ln["x1"]) < 0.1})
    horizontals = sorted({round(ln["top"], 1) for ln in page.lines if abs(ln["top"] - ln["bottom"]) < 0.1})
    out = []
    for top, bottom in itertools.pairwise(horizontals):
        cells = []
        for left, right in itertools.pairwise(verticals):
            chars = [c for c in page.chars if c["top"] >= top - 0.5 and c["bottom"] <= bottom + 0.5
                     and c["x0"] >= left - 0.5 and c["x1"] <= right + 0.5]
            lines: dict[int, list[dict]] = {}
            for c in chars:
                lines.setdefault(round(c["top"]), []).append(c)
            # A wrapped cell reads as its lines joined by spaces.
            joined = " ".join("".join(c["text"] for c in sorted(line, key=lambda c: c["x0"]))
                              for _, line in sorted(lines.items()))
            cells.append(re.sub(r"\s+", " ", joined).strip())
        out.append((top, bottom, cells))
    return out[1:]   # the column heads


def sheets(path: Path) -> list[list[pdfplumber.page.Page]]:
    """Pages grouped by sheet, from 'Page 1 of N' in their headers."""
    pdf = pdfplumber.open(path)
    out: list[list[pdfplumber.page.Page]] = []
    for page in pdf.pages:
        found = re.search(r"Page (\d+) of (\d+)", page.extract_text() or "")
        assert found, "every page has its page count"
        if found.group(1) == "1":
            out.append([])
        out[-1].append(page)
        assert len(out[-1]) == int(found.group(1))
    return out


def in_person(programme: Programme, items: list[Item]) -> set[str]:
    agenda = programme.agenda
    ids: set[str] = set()
    for item in items:
        ids.update(item.chair)
        ids.update(s.person for s in item.speakers if not s.remote)
    return {full(agenda.person(i)) for i in ids}


def test_one_sheet_a_day_lists_that_days_people_by_family_name(tmp_path: Path) -> None:
    programme = load(SEED)
    grouped = sheets(signin_of(programme, tmp_path / "out"))
    assert len(grouped) == len(programme.agenda.days)
    for day, pages in zip(programme.agenda.days, grouped, strict=True):
        header = pages[0].extract_text() or ""
        assert "10 December 2024" in header or "11 December 2024" in header
        assert str(day.date.day) in header
        listed = [cells[1] for page in pages for _, _, cells in rows(page) if cells[1]]
        expected = in_person(programme, day.items)
        assert sorted(listed) == sorted(expected)
        people = {full(p): p for p in programme.agenda.people}
        assert listed == sorted(listed, key=lambda n: people[n].sort_key)
        numbers = [int(cells[0]) for page in pages for _, _, cells in rows(page)]
        assert numbers == list(range(1, len(numbers) + 1))
        blank = [cells for _, _, cells in rows(pages[-1]) if not cells[1]]
        assert len(blank) >= 5


def test_rows_are_tall_enough_to_sign_and_text_stays_in_its_cell(tmp_path: Path) -> None:
    path = signin_of(load(SEED), tmp_path / "out")
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            table = rows(page)
            assert table
            for top, bottom, _ in table:
                assert bottom - top >= 10 * MM - 0.01
            xs = sorted({ln["x0"] for ln in page.lines if abs(ln["x0"] - ln["x1"]) < 0.1})
            ys = sorted({ln["top"] for ln in page.lines if abs(ln["top"] - ln["bottom"]) < 0.1})
            for c in page.chars:
                if c["top"] < ys[0] - 0.5:
                    continue      # the header, above the table
                # Inside one cell: no rule runs through the character's box.
                assert not any(c["x0"] + 0.3 < x < c["x1"] - 0.3 for x in xs), c["text"]
                assert not any(c["top"] + 0.3 < y < c["bottom"] - 0.3 for y in ys), c["text"]
                assert xs[0] <= c["x0"] and c["x1"] <= xs[-1] and c["bottom"] <= ys[-1]


def test_per_session_sheets_and_attendees(tmp_path: Path) -> None:
    (tmp_path / "attendees.csv").write_text(
        "name,organisation,country,remote\n"
        "Zoë Abara,Ministry of Defence,Ghana,\n"
        "Ravi Shankar Prasad,Permanent Mission of India,India,yes\n"
        "Olga Brandt,,Germany,no\n", encoding="utf-8")
    agenda = SEED.read_text(encoding="utf-8") + "\nattendees: attendees.csv\n"
    (tmp_path / "agenda.yaml").write_text(agenda, encoding="utf-8")
    programme = load(tmp_path / "agenda.yaml")
    programme.agenda.print_.signin_by = "session"
    grouped = sheets(signin_of(programme, tmp_path / "out"))
    items = [it for d in programme.agenda.days for it in d.items if it.chair or it.speakers]
    assert len(grouped) == len(items)
    for item, pages in zip(items, grouped, strict=True):
        header = re.sub(r"\s+", "", pages[0].extract_text() or "")
        assert re.sub(r"\s+", "", item.title) in header
        listed = {cells[1] for page in pages for _, _, cells in rows(page) if cells[1]}
        # The session's people in person, and attendees except the one on a video link.
        assert listed == in_person(programme, [item]) | {"Zoë Abara", "Olga Brandt"}
        orgs = {cells[1]: cells[2] for page in pages for _, _, cells in rows(page)}
        assert orgs["Zoë Abara"] == "Ministry of Defence, Ghana"
        assert orgs["Olga Brandt"] == "Germany"


def test_a_name_too_long_for_its_cell_is_an_error_at_its_row(tmp_path: Path) -> None:
    (tmp_path / "attendees.csv").write_text(
        "name\nAnn Lee\n" + "Bartholomew " * 14 + "Jones\n", encoding="utf-8")
    agenda = SEED.read_text(encoding="utf-8") + "\nattendees: attendees.csv\n"
    (tmp_path / "agenda.yaml").write_text(agenda, encoding="utf-8")
    with pytest.raises(AgendaError) as caught:
        signin_of(load(tmp_path / "agenda.yaml"), tmp_path / "out")
    (problem,) = caught.value.problems
    assert re.search(r"\battendees\.csv:3: name: sign-in sheet, Bartholomew", str(problem))
    assert "three lines" in problem.message
