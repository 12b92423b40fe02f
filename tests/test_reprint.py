"""build/reprint/ after `podium printed` and an edit: only the affected door signs (each
exactly as the full door-signs.pdf draws it), only the affected badges (from --start-slot N,
backs mirrored), only the changed tents, and changes.pdf (the A4 change sheet, each QR code
opening the changed item's page, then the errata slip with the booklet pages); nothing when
nothing changed, and no stale reprint/ once a change is undone.

On a copy of the seed printed double-sided (so a badge's back, which lists its sessions,
is on paper) and on the 36C3 excerpt (nine rooms: room-day door signs)."""

from __future__ import annotations

import filecmp
import math
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
import yaml
from click.testing import CliRunner
from pypdf import PdfReader
from tests.conftest import SEED
from tests.pdfs import qr_codes

from podium.cli import main
from podium.load import load
from podium.present import full_name
from podium.renderers.badges.stocks import stock_named

EPOCH = "1733000000"
ENV = {"SOURCE_DATE_EPOCH": EPOCH}
IMPORTED = Path(__file__).parent / "fixtures/schedules/36c3-merged-day4-excerpt.xml"
Edit = Callable[[dict[str, Any]], None]


def _podium(*args: str) -> None:
    result = CliRunner().invoke(main, list(args), env=ENV)
    assert result.exit_code == 0, result.output


def _read(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return data


def _write(path: Path, data: dict[str, Any]) -> None:
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed, badges double-sided, recorded as printed (agenda.printed.json beside it)."""
    folder = tmp_path_factory.mktemp("printed")
    data = yaml.safe_load(SEED.read_text(encoding="utf-8"))
    data.setdefault("print", {})["badge_double_sided"] = True
    _write(folder / "agenda.yaml", data)
    _podium("printed", str(folder / "agenda.yaml"), "-q")
    assert (folder / "agenda.printed.json").is_file()
    return folder


def _copy(printed: Path, tmp_path: Path, edit: Edit | None = None) -> Path:
    """A copy of the printed project in tmp_path (agenda, record and the printed build),
    with `edit` applied to its agenda; return the agenda's path."""
    for name in ("agenda.yaml", "agenda.printed.json"):
        shutil.copy2(printed / name, tmp_path / name)
    agenda = tmp_path / "agenda.yaml"
    if edit is not None:
        data = _read(agenda)
        edit(data)
        _write(agenda, data)
    return agenda


def _build(agenda: Path, out: Path, *options: str) -> Path:
    _podium("build", str(agenda), "-o", str(out), "-q", *options)
    return out


def _items(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {it["id"]: it for day in data["days"] for it in day["items"]}


def _people(item: dict[str, Any]) -> list[str]:
    chair = item.get("chair") or []
    chairs = [chair] if isinstance(chair, str) else list(chair)
    return chairs + [s if isinstance(s, str) else s["person"] for s in item.get("speakers", [])]


def _texts(pdf: Path) -> list[str]:
    """Each page's text, white space as single spaces."""
    return [re.sub(r"\s+", " ", page.extract_text() or "") for page in PdfReader(pdf).pages]


def _words(pdf: Path) -> list[list[tuple[str, float, float, float]]]:
    """Each page's words with their size and place, as a reader sees the page."""
    with pdfplumber.open(pdf) as doc:
        return [[(w["text"], round(w["size"], 2), round(w["x0"], 1), round(w["top"], 1))
                 for w in page.extract_words(extra_attrs=["size"])] for page in doc.pages]


def _names_on(pdf: Path, agenda: Path) -> set[str]:
    """The programme people whose full name is printed in `pdf`."""
    programme = load(agenda)
    text = " ".join(_texts(pdf))
    return {p.id for p in programme.agenda.people if full_name(p) in text}


def _check_signs_match_full(out: Path) -> None:
    """Every reprinted sign page is, word for word, size for size and place for place, a
    page of the full door-signs.pdf, and no two are the same page."""
    full = _words(out / "door-signs.pdf")
    again = _words(out / "reprint" / "door-signs.pdf")
    found = [full.index(page) if page in full else None for page in again]
    assert None not in found, "a reprinted sign differs from its page in door-signs.pdf"
    assert len(set(found)) == len(found)


def _badge_count(pdf: Path, badges: int, per_page: int, skip: int = 0) -> None:
    sheets = math.ceil((badges + skip) / per_page)
    assert len(PdfReader(pdf).pages) == 2 * sheets       # fronts and backs


def move_session_3(data: dict[str, Any]) -> None:
    _items(data)["session-3"]["start"] = "14:30"


def test_a_moved_session_reprints_its_sign_and_its_people_s_badges(printed: Path,
                                                                   tmp_path: Path) -> None:
    agenda = _copy(printed, tmp_path, move_session_3)
    out = _build(agenda, tmp_path / "build")
    reprint = out / "reprint"
    assert sorted(p.name for p in reprint.iterdir()) == ["badges.pdf", "changes.pdf",
                                                          "door-signs.pdf", "tents.pdf"]
    signs = _texts(reprint / "door-signs.pdf")
    assert len(signs) == 1
    session = _items(_read(agenda))["session-3"]
    assert "14:30" in signs[0] and session["title"].split()[0] in signs[0]
    _check_signs_match_full(out)
    # The session's people: their badges' backs list its new time.
    people = set(_people(session))
    assert _names_on(reprint / "badges.pdf", agenda) == people
    _badge_count(reprint / "badges.pdf", len(people), stock_named("a6-4up-a4").per_page)
    assert any("14:30" in page for page in _texts(reprint / "badges.pdf"))
    # The seating plan of the session (its time is printed on it); no tent shows a time.
    tents = _texts(reprint / "tents.pdf")
    assert len(tents) == 1 and "14:30" in tents[0]
    sheet = _texts(reprint / "changes.pdf")
    assert "14:15" in sheet[0] and "14:30" in sheet[0] and "print run" in sheet[0]


def test_each_qr_code_of_the_change_sheet_opens_the_changed_item(printed: Path,
                                                                 tmp_path: Path) -> None:
    def edit(data: dict[str, Any]) -> None:
        move_session_3(data)
        day = data["days"][0]
        day["items"] = [it for it in day["items"] if it["id"] != "coffee-2"]

    agenda = _copy(printed, tmp_path, edit)
    out = _build(agenda, tmp_path / "build")
    programme = load(agenda)
    items = {it.anchor: it for _, it in programme.agenda.items()}
    codes = qr_codes(out / "reprint" / "changes.pdf")
    base = programme.agenda.event.url
    # Session 3's page; the cancelled break has no page any more: the changes page.
    assert sorted(codes[0]) == sorted([programme.agenda.url_for_item(items["session-3"]),
                                       f"{base}changes.html"])
    assert "Coffee Break" in _texts(out / "reprint" / "changes.pdf")[0]
    # Then the errata slip, on A6, with its own code to the changes page.
    pages = PdfReader(out / "reprint" / "changes.pdf").pages
    assert len(pages) == 2
    assert [round(float(v) / 72 * 25.4) for v in pages[0].mediabox[2:]] == [210, 297]
    assert [round(float(v) / 72 * 25.4) for v in pages[1].mediabox[2:]] == [105, 148]
    assert codes[1] == [f"{base}changes.html"]
    slip = _texts(out / "reprint" / "changes.pdf")[1]
    assert "Changes since this programme was printed" in slip


def test_a_cancelled_break_reprints_the_sign_that_announced_it(printed: Path,
                                                               tmp_path: Path) -> None:
    def cancel(data: dict[str, Any]) -> None:
        day = data["days"][0]
        day["items"] = [it for it in day["items"] if it["id"] != "coffee-2"]

    agenda = _copy(printed, tmp_path, cancel)
    out = _build(agenda, tmp_path / "build")
    reprint = out / "reprint"
    # Session 3's sign said the coffee break came next; now session 4 does. No badge
    # shows a break.
    signs = _texts(reprint / "door-signs.pdf")
    session_3 = _items(_read(agenda))["session-3"]["title"]
    assert len(signs) == 1
    assert session_3.split(":")[0][:20] in signs[0] and "Coffee" not in signs[0]
    assert "16:00" in signs[0]
    _check_signs_match_full(out)
    assert not (reprint / "badges.pdf").exists()
    assert "Coffee Break removed" in _texts(reprint / "changes.pdf")[0]


def test_a_panelist_added_and_one_removed(printed: Path, tmp_path: Path) -> None:
    def edit(data: dict[str, Any]) -> None:
        items = _items(data)
        items["session-4"]["speakers"].append("khare")
        items["session-3"]["speakers"].remove("kosal")

    agenda = _copy(printed, tmp_path, edit)
    out = _build(agenda, tmp_path / "build")
    reprint = out / "reprint"
    items = _items(_read(agenda))
    signs = _texts(reprint / "door-signs.pdf")
    assert len(signs) == 2
    assert "Atul Khare" in " ".join(signs) and "Malinda Kosal" not in " ".join(signs)
    _check_signs_match_full(out)
    # Khare's badge back lists his sessions: now one more. Kosal is in no session any more,
    # so has no badge to reprint; nobody else's badge changed.
    assert _names_on(reprint / "badges.pdf", agenda) == {"khare"}
    _badge_count(reprint / "badges.pdf", 1, stock_named("a6-4up-a4").per_page)
    assert items["session-4"]["title"] in " ".join(_texts(reprint / "badges.pdf"))
    sheet = " ".join(_texts(reprint / "changes.pdf"))
    assert "Khare" in sheet and "Kosal" in sheet


def test_a_corrected_organisation_reprints_every_sign_and_badge_showing_it(
        printed: Path, tmp_path: Path) -> None:
    def edit(data: dict[str, Any]) -> None:
        person = next(p for p in data["people"] if p["id"] == "carey")
        person["organisation"] = "Integrated Training Service"

    agenda = _copy(printed, tmp_path, edit)
    out = _build(agenda, tmp_path / "build")
    reprint = out / "reprint"
    data = _read(agenda)
    shown_on = [it for it in data["days"][0]["items"] + data["days"][1]["items"]
                if "carey" in _people(it) and it.get("kind") != "break"]
    signs = _texts(reprint / "door-signs.pdf")
    assert len(signs) == len(shown_on) >= 1
    assert all("Integrated Training Service" in page for page in signs)
    _check_signs_match_full(out)
    assert _names_on(reprint / "badges.pdf", agenda) == {"carey"}
    fronts = _texts(reprint / "badges.pdf")[0]
    assert "Integrated Training Service" in fronts
    # The badge is set at the full badges.pdf's type scale: the name at the same size.
    name_size = {t: s for page in _words(out / "badges.pdf") for t, s, _, _ in page
                 if t == "Carey"}
    again = {t: s for t, s, _, _ in _words(reprint / "badges.pdf")[0] if t == "Carey"}
    assert again == name_size


def _in(word: tuple[str, float, float, float], cell: tuple[float, float, float, float],
        height: float) -> bool:
    _, _, x0, top = word
    x, y, w, h = cell
    return x - 0.5 <= x0 <= x + w and height - (y + h) - 0.5 <= top <= height - y


def test_start_slot_3_leaves_the_first_two_slots_empty_front_and_back(printed: Path,
                                                                     tmp_path: Path) -> None:
    agenda = _copy(printed, tmp_path, move_session_3)
    out = _build(agenda, tmp_path / "build", "--start-slot", "3")
    pdf = out / "reprint" / "badges.pdf"
    stock = stock_named("a6-4up-a4")
    people = _people(_items(_read(agenda))["session-3"])
    _badge_count(pdf, len(people), stock.per_page, skip=2)
    height = float(PdfReader(pdf).pages[0].mediabox[3])
    pages = _words(pdf)
    for page, mirrored in ((pages[0], False), (pages[1], True)):
        cells = [stock.cell(k, mirrored=mirrored) for k in range(stock.per_page)]
        per_slot = [[w for w in page if _in(w, c, height)] for c in cells]
        assert per_slot[0] == [] and per_slot[1] == [], "slots 1 and 2 must stay empty"
        assert per_slot[2] and per_slot[3]
    # The same badge in slot 3 on the front and (mirrored) on the back: its holder's name.
    def name_in(page: list[tuple[str, float, float, float]], cell: Any) -> set[str]:
        return {w[0] for w in page if _in(w, cell, height)}

    front = name_in(pages[0], stock.cell(2))
    back = name_in(pages[1], stock.cell(2, mirrored=True))
    programme = load(agenda)
    holders = [p for p in programme.agenda.people if p.id in people
               and set(full_name(p).split()) <= front]
    assert len(holders) == 1 and set(full_name(holders[0]).split()) <= back


def test_nothing_changed_writes_no_reprint_and_an_undone_change_leaves_none(
        printed: Path, tmp_path: Path) -> None:
    agenda = _copy(printed, tmp_path)
    original = agenda.read_bytes()
    out = _build(agenda, tmp_path / "build")
    assert not (out / "reprint").exists() and not (out / "reprint").is_symlink()
    data = _read(agenda)
    move_session_3(data)
    _write(agenda, data)
    _build(agenda, out)
    assert (out / "reprint" / "door-signs.pdf").is_file()
    agenda.write_bytes(original)
    _build(agenda, out)
    assert not (out / "reprint").exists() and not (out / "reprint").is_symlink()
    assert (out / "door-signs.pdf").is_file()


def test_only_reprint_builds_it_alone_and_other_outputs_leave_it_out(printed: Path,
                                                                   tmp_path: Path) -> None:
    agenda = _copy(printed, tmp_path, move_session_3)
    out = _build(agenda, tmp_path / "only", "--only", "reprint")
    assert sorted(p.name for p in out.iterdir() if p.name != ".podium") == ["report.txt",
                                                                              "reprint"]
    assert (out / "reprint" / "door-signs.pdf").is_file()
    other = _build(agenda, tmp_path / "badges", "--only", "badges")
    assert not (other / "reprint").exists()


def test_reprints_are_reproducible(printed: Path, tmp_path: Path) -> None:
    agenda = _copy(printed, tmp_path, move_session_3)
    a = _build(agenda, tmp_path / "a", "--only", "reprint,signs")
    b = _build(agenda, tmp_path / "b", "--only", "reprint,signs")
    names = sorted(p.name for p in (a / "reprint").iterdir())
    assert names and names == sorted(p.name for p in (b / "reprint").iterdir())
    same, mismatch, errors = filecmp.cmpfiles(a / "reprint", b / "reprint", names, shallow=False)
    assert same == names and mismatch == [] and errors == []


def test_room_day_signs_reprint_the_changed_room_s_list_whole(tmp_path: Path) -> None:
    agenda = tmp_path / "agenda.yaml"
    _podium("import", str(IMPORTED), "-o", str(agenda))
    _podium("printed", str(agenda), "-q")
    data = _read(agenda)
    programme = load(agenda)
    assert len(programme.agenda.rooms) > 1
    # The first item of the day that has a room: 5 minutes later.
    item = next(it for it in data["days"][0]["items"] if it.get("room"))
    h, m = map(int, item["start"].split(":"))
    item["start"] = f"{h:02d}:{m + 5:02d}" if m < 55 else f"{h + 1:02d}:{m - 55:02d}"
    _write(agenda, data)
    out = _build(agenda, tmp_path / "build")
    room = programme.agenda.room(item["room"])
    assert room is not None
    _check_signs_match_full(out)
    full = _words(out / "door-signs.pdf")
    again = _words(out / "reprint" / "door-signs.pdf")
    # Every page of that room's list (and only those): the room's name heads them.
    first = room.name.split()[0]

    def heads(page: list[tuple[str, float, float, float]]) -> bool:
        return any(t == first and s >= 17 and top < 80 for t, s, _, top in page)

    assert len(again) == sum(heads(p) for p in full) >= 1
    assert all(heads(p) for p in again)
    codes = qr_codes(out / "reprint" / "door-signs.pdf")
    day = programme.agenda.days[0].date
    assert codes[0] == [programme.agenda.url_for_room_day(room.id, day)]
    # The change sheet names the room beside the change, and its code opens the item.
    sheet = _texts(out / "reprint" / "changes.pdf")[0]
    assert first in sheet
    new = load(agenda)
    moved = next(it for _, it in new.agenda.items() if it.anchor == item["id"]
                 or it.title == item["title"])
    assert new.agenda.url_for_item(moved) in qr_codes(out / "reprint" / "changes.pdf")[0]
