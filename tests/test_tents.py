"""Table tents and screen cards: a tent for every chair and panelist at the table, the name on
both faces, one face turned 180 degrees, names at or above the size floor, nothing drawn
outside its face; long names and names in many scripts."""

from __future__ import annotations

import math
import re
import unicodedata
from pathlib import Path

import pdfplumber
import pytest
import yaml
from fontTools.ttLib import TTFont
from pypdf import PdfReader

from conftest import ROOT, SEED, SHARED
from podium.load import Programme, load
from podium.model import Person
from podium.pipeline import build
from podium.problems import AgendaError

MM = 72 / 25.4
CAP = TTFont(ROOT / "fonts" / "NotoSans-Bold.ttf")
CAP_RATIO = CAP["OS/2"].sCapHeight / CAP["head"].unitsPerEm
NAMES = SHARED / "corpus" / "unicode-names.txt"


def tents_of(programme: Programme, out: Path) -> Path:
    build(programme, out, only=["tents"])
    return out / "tents.pdf"


def faces(page: pdfplumber.page.Page) -> tuple[list[dict], list[dict]]:
    """(upright chars, chars turned 180 degrees), in drawing order."""
    up = [c for c in page.chars if c["matrix"][0] > 0 and c["matrix"][3] > 0]
    down = [c for c in page.chars if c["matrix"][0] < 0 and c["matrix"][3] < 0]
    return up, down


def name_chars(up: list[dict]) -> list[dict]:
    """The chars of the name: the face's largest (sizes read back differ in the last bits)."""
    biggest = max(c["size"] for c in up)
    return [c for c in up if c["size"] > biggest - 0.05]


def squeeze(plain: str) -> str:
    """Text without its spaces and line breaks (a wrapped title or name reads the same)."""
    return re.sub(r"\s+", "", plain)


def text(chars: list[dict]) -> str:
    return "".join(c["text"] for c in chars).replace(" ", "")


def tent_name(person: Person) -> str:
    """The name as a tent prints it (with its suffix: 'Md Mostafizur Rahman, PhD')."""
    return f"{person.name}, {person.suffix}" if person.suffix else person.name


def expected_seats(programme: Programme) -> list[tuple[str, list[str]]]:
    """(item title, names at the table) per item, from the agenda as written."""
    agenda = programme.agenda
    out = []
    for day in agenda.days:
        for item in day.items:
            names = [tent_name(agenda.person(p)) for p in item.chair]
            names += [tent_name(agenda.person(s.person)) for s in item.speakers if not s.remote]
            if names:
                out.append((item.title, names))
    return out


@pytest.fixture(scope="module")
def seed_tents(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tents_of(load(SEED), tmp_path_factory.mktemp("tents") / "out")


def test_every_in_person_chair_and_panelist_has_a_tent_after_the_plan(seed_tents: Path) -> None:
    programme = load(SEED)
    seats = expected_seats(programme)
    with pdfplumber.open(seed_tents) as pdf:
        pages = [(p.extract_text() or "", p) for p in pdf.pages]
    groups: list[tuple[str, list[str]]] = []
    for plain, page in pages:
        if plain.startswith("SEATING PLAN"):
            groups.append((plain, []))
        else:
            up, _ = faces(page)
            groups[-1][1].append("".join(c["text"] for c in name_chars(up)))
    assert sum(len(names) for _, names in seats) == sum(len(t) for _, t in groups) == 39
    assert len(groups) == len(seats)
    for (title, names), (plan, tents) in zip(seats, groups, strict=True):
        assert squeeze(title) in squeeze(plan)
        assert sorted(n.replace(" ", "") for n in names) == sorted(t.replace(" ", "") for t in tents)


def test_chair_sits_in_the_centre_and_programme_order_on_request(tmp_path: Path) -> None:
    programme = load(SEED)
    item = next(it for d in programme.agenda.days for it in d.items if it.chair
                and sum(not s.remote for s in it.speakers) >= 4)
    chair = tent_name(programme.agenda.person(item.chair[0])).replace(" ", "")

    def names_after_plan(pdf_path: Path) -> list[str]:
        with pdfplumber.open(pdf_path) as pdf:
            pages = list(pdf.pages)
            start = next(k for k, p in enumerate(pages)
                         if squeeze(item.title) in squeeze(p.extract_text() or "")
                         and (p.extract_text() or "").startswith("SEATING PLAN"))
            out = []
            for page in pages[start + 1:]:
                if (page.extract_text() or "").startswith("SEATING PLAN"):
                    break
                up, _ = faces(page)
                out.append(text(name_chars(up)))
            return out

    centred = names_after_plan(tents_of(programme, tmp_path / "a"))
    assert centred.index(chair) == len(centred) // 2
    programme.agenda.print_.tent_order = "programme"
    listed = names_after_plan(tents_of(programme, tmp_path / "b"))
    panel = [tent_name(programme.agenda.person(s.person)).replace(" ", "") for s in item.speakers
             if not s.remote]
    assert listed == [chair, *panel]


def test_both_faces_carry_the_name_one_turned_half_a_turn(seed_tents: Path) -> None:
    names = {tent_name(p).replace(" ", "") for p in load(SEED).agenda.people}
    tents = 0
    with pdfplumber.open(seed_tents) as pdf:
        for page in pdf.pages:
            if (page.extract_text() or "").startswith("SEATING PLAN"):
                continue
            up, down = faces(page)
            found = [n for n in names if n in text(up)]
            assert len(found) == 1, found
            # The turned face, read as its reader sees it, says the same.
            assert found[0] in text(down)
            assert all(c["matrix"][:4] == (-1, 0, 0, -1) for c in down)
            tents += 1
    assert tents == 39


def test_names_reach_the_floor_and_stay_inside_their_faces(seed_tents: Path) -> None:
    with pdfplumber.open(seed_tents) as pdf:
        for page in pdf.pages:
            if (page.extract_text() or "").startswith("SEATING PLAN"):
                continue
            w, h = page.width, page.height
            assert (round(w), round(h)) == (842, 595)
            up, down = faces(page)
            biggest = max(c["size"] for c in up)
            name = "".join(c["text"] for c in name_chars(up))
            if len(name) <= 22:
                assert biggest * CAP_RATIO >= 20 * MM - 0.01, (name, biggest * CAP_RATIO / MM)
            for c in up:     # the near face: lower half, inside the side margins
                assert c["top"] >= h / 2 + 5 * MM and c["bottom"] <= h, c["text"]
                assert c["x0"] >= 8.5 * MM and c["x1"] <= w - 8.5 * MM, c["text"]
            for c in down:   # the far face: upper half
                assert c["top"] >= 0 and c["bottom"] <= h / 2 - 5 * MM, c["text"]
                assert c["x0"] >= 8.5 * MM and c["x1"] <= w - 8.5 * MM, c["text"]


def test_fold_is_marked_outside_the_faces(seed_tents: Path) -> None:
    with pdfplumber.open(seed_tents) as pdf:
        page = pdf.pages[1]
        marks = [ln for ln in page.lines if abs(ln["top"] - page.height / 2) < 0.5]
        assert len(marks) == 2
        assert all(ln["x1"] <= 8.5 * MM or ln["x0"] >= page.width - 8.5 * MM for ln in marks)


def test_letter_paper_and_one_tent_per_person(tmp_path: Path) -> None:
    programme = load(SEED)
    programme.agenda.print_.tent_paper = "Letter"
    programme.agenda.print_.tent_scope = "event"
    path = tents_of(programme, tmp_path / "out")
    people = {n for _, names in expected_seats(programme) for n in names}
    with pdfplumber.open(path) as pdf:
        tents = [p for p in pdf.pages if not (p.extract_text() or "").startswith("SEATING PLAN")]
        assert (round(pdf.pages[0].width), round(pdf.pages[0].height)) == (792, 612)
        assert len(tents) == len(people)
        found = []
        for page in tents:
            up, _ = faces(page)
            found.append(text(name_chars(up)))
    assert sorted(found) == sorted(n.replace(" ", "") for n in people)


def test_remote_speakers_get_a_16_by_9_screen_card(seed_tents: Path) -> None:
    programme = load(SEED)
    remote = [programme.agenda.person(s.person).name for d in programme.agenda.days
              for it in d.items for s in it.speakers if s.remote]
    reader = PdfReader(seed_tents.parent / "screen-cards.pdf")
    assert len(reader.pages) == len(remote) == 3
    for page, name in zip(reader.pages, remote, strict=True):
        w, h = float(page.mediabox.width), float(page.mediabox.height)
        assert math.isclose(w / h, 16 / 9)
        assert name in page.extract_text()
        assert "BY VIDEO LINK" in page.extract_text()


def _agenda(tmp_path: Path, names: list[str]) -> Path:
    people = [{"id": f"p{k}", "name": n, "organisation": "Permanent Mission to the United Nations",
               **({"title": "Ambassador"} if k % 3 == 0 else {})} for k, n in enumerate(names)]
    items = [{"start": f"{8 + k:02d}:00", "end": f"{8 + k:02d}:50", "number": k + 1,
              "title": f"Panel {k + 1}", "chair": people[s]["id"],
              "speakers": [p["id"] for p in people[s + 1:s + 5]]}
             for k, s in enumerate(range(0, len(people), 5))]
    data = {"event": {"title": "Names", "city": "Geneva", "timezone": "Europe/Zurich",
                      "url": "https://agenda.example.net/x/"},
            "people": people, "days": [{"date": "2025-03-03", "items": items}]}
    path = tmp_path / "agenda.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


@pytest.mark.skipif(not NAMES.is_file(), reason="the shared corpus is not beside the repository")
def test_names_in_many_scripts_print_on_both_faces(tmp_path: Path) -> None:
    names = [n.strip() for n in NAMES.read_text(encoding="utf-8").splitlines() if n.strip()]
    path = tents_of(load(_agenda(tmp_path, names)), tmp_path / "out")
    reader = PdfReader(path)
    tents = [p for p in reader.pages if not p.extract_text().startswith("SEATING PLAN")]
    assert len(tents) == len(names)
    for name, page in zip(_seat_order(names), tents, strict=True):
        name = unicodedata.normalize("NFC", name)
        content, plain = page_content(page), squeeze(content_text(page))
        # Shaped scripts are drawn glyph by glyph with their text as /ActualText; plain
        # ones as their characters: either way the name is there once per face.
        if plain.count(squeeze(name)) >= 2:
            continue
        for word in name.split():
            hex_word = word.encode("utf-16-be").hex().upper()
            assert content.count(hex_word) + plain.count(word) >= 2, (name, word)


def _seat_order(names: list[str]) -> list[str]:
    out = []
    for s in range(0, len(names), 5):
        chair, panel = names[s], names[s + 1:s + 5]
        out += [*panel[0::2][::-1], chair, *panel[1::2]]
    return out


def page_content(page: object) -> str:
    return page.get_contents().get_data().decode("latin-1")  # type: ignore[attr-defined]


def content_text(page: object) -> str:
    return page.extract_text()  # type: ignore[attr-defined]


def test_a_name_too_long_for_two_lines_is_an_error_naming_the_person(tmp_path: Path) -> None:
    names = ["Ana Paz", "Wolfeschlegelsteinhausenbergerdorffvoralternwarengewissenhaft Jr"]
    with pytest.raises(AgendaError) as caught:
        tents_of(load(_agenda(tmp_path, names)), tmp_path / "out")
    (problem,) = caught.value.problems
    assert re.search(r"agenda\.yaml:\d+:\d+: people\[1\]\.name: table tent of person 'p1' "
                    r"\(Wolfeschlegel", str(problem))
    assert "two lines" in problem.message


def test_long_names_wrap_onto_two_lines_above_their_floor(tmp_path: Path) -> None:
    names = ["Armando Castaingdebat", "María del Carmen Rodríguez-Villaseñor",
             "Md Mostafizur Rahman", "Ngozi Okonjo-Iweala"]
    path = tents_of(load(_agenda(tmp_path, names)), tmp_path / "out")
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages[1:]:
            up, _ = faces(page)
            big = name_chars(up)
            biggest = min(c["size"] for c in big)
            name = next(n for n in names if n.replace(" ", "") == text(big))
            lines = {round(c["top"]) for c in big}
            floor = 20 if len(name) <= 22 else 14 if len(name) <= 32 else 10 if len(name) <= 48 else 8
            assert biggest * CAP_RATIO >= floor * MM - 0.01
            if len(name) > 20:
                assert len(lines) == 2, name


def test_a_word_too_wide_for_the_floor_prints_smaller_and_is_reported(tmp_path: Path) -> None:
    names = ["Ana Paz", "Xochiquetzalcoatlpilli"]     # 22 letters, one word: no break
    written = build(load(_agenda(tmp_path, names)), tmp_path / "out", only=["tents"])
    report = next(w.report for w in written if w.path.name == "tents.pdf") or ""
    assert "below their size floor" in report and "Xochiquetzalcoatlpilli" in report
    assert "Ana Paz" not in report
    with pdfplumber.open(tmp_path / "out" / "tents.pdf") as pdf:
        sizes = {text(name_chars(faces(p)[0])): min(c["size"] for c in name_chars(faces(p)[0]))
                 for p in pdf.pages[1:]}
    assert sizes["AnaPaz"] * CAP_RATIO >= 20 * MM
    assert 8 * MM <= sizes["Xochiquetzalcoatlpilli"] * CAP_RATIO < 20 * MM
