"""Badges: who gets one, that every name and QR code is on the sheet, inside its badge."""

from __future__ import annotations

import csv
import dataclasses
import re
import subprocess
import unicodedata
from pathlib import Path

import pdfplumber
import pikepdf
import pytest
from click.testing import CliRunner
from pypdf import PdfReader
from tests.pdfs import qr_codes

from podium.cli import main
from podium.context import BuildOptions
from podium.load import Programme, load
from podium.pipeline import build
from podium.renderers.badges.holders import holders
from podium.renderers.badges.stocks import STOCKS, stock_named

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "agenda.yaml"
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus" / "unicode-names.txt"
VTC_ONLY = {"khare": "Atul Khare", "darkwa": "Linda Darkwa", "wane": "El-Ghassim Wane"}
LONG_NAME = "Maria Fernanda Guadalupe de los Ángeles Villaseñor Castellanos-Wolfeschlegel"
MM = 72 / 25.4
TOO_LONG = "Wolfeschlegelsteinhausenbergerdorff" + "welchevoralternwarengewissenhaft" * 8


def _settings(programme: Programme, **changes: object) -> Programme:
    agenda = programme.agenda
    settings = agenda.print_.model_copy(update=changes)
    return dataclasses.replace(programme, agenda=agenda.model_copy(update={"print_": settings}))


@pytest.fixture(scope="module")
def seed_pdf(seed: Programme, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("badges")
    written = build(seed, out, ["badges"])
    assert [w.path.name for w in written] == ["badges.pdf"]
    assert written[0].report and "badges: 33" in written[0].report
    return out / "badges.pdf"


def _decode(pdf: Path) -> list[list[str]]:
    return [sorted(page) for page in qr_codes(pdf)]


def _text(pdf: Path) -> str:
    return " ".join(" ".join((p.extract_text() or "").split()) for p in PdfReader(pdf).pages)


def test_seed_gives_33_badges_and_none_for_vtc_only_speakers(seed: Programme) -> None:
    chosen = holders(seed, seed.agenda.print_)
    assert len(chosen) == 33
    assert not set(VTC_ONLY) & {h.key for h in chosen}
    assert len({h.key for h in chosen}) == 33           # one badge even for lacroix (2 items)
    assert [h.sort_key for h in chosen] == sorted(h.sort_key for h in chosen)
    with_remote = holders(seed, seed.agenda.print_.model_copy(
        update={"badge_remote": True}))
    assert set(VTC_ONLY) <= {h.key for h in with_remote}


def test_categories_default_to_chair_for_chairs_only(seed: Programme) -> None:
    cats = {h.key: h.category for h in holders(seed, seed.agenda.print_)}
    assert cats["carey"] == "Chair"             # only chairs session 3
    assert cats["lacroix"] == "Speaker"         # chairs session 1 and speaks elsewhere


def test_every_name_is_in_the_pdf_text_and_vtc_names_are_not(seed_pdf: Path,
                                                            seed: Programme) -> None:
    text = _text(seed_pdf)
    for h in holders(seed, seed.agenda.print_):
        assert h.name in text, h.name
    for name in VTC_ONLY.values():
        assert name not in text
    assert len(PdfReader(seed_pdf).pages) == 9          # 33 on 4-up: the last sheet kept


def test_every_qr_code_decodes_to_the_agenda(seed_pdf: Path, seed: Programme) -> None:
    codes = _decode(seed_pdf)
    assert sum(len(c) for c in codes) == 33
    assert {t for page in codes for t in page} == {seed.agenda.event.url}


def test_person_qr_points_at_the_persons_entry(seed: Programme, tmp_path: Path) -> None:
    programme = _settings(seed, badge_qr_default="person")
    build(programme, tmp_path, ["badges"], BuildOptions(people=("lacroix", "paz")))
    codes = _decode(tmp_path / "badges.pdf")
    assert codes == [sorted([seed.agenda.url_for_person(seed.agenda.person("lacroix")),
                             seed.agenda.url_for_person(seed.agenda.person("paz"))])]


def _inside(obj: dict[str, float], cells: list[tuple[float, float, float, float]],
            page_h: float) -> bool:
    x0, x1 = obj["x0"], obj["x1"]
    y0, y1 = page_h - obj["bottom"], page_h - obj["top"]
    return any(x0 >= cx - 0.5 and x1 <= cx + cw + 0.5 and y0 >= cy - 0.5 and y1 <= cy + ch + 0.5
               for cx, cy, cw, ch in cells)


def test_no_text_or_band_is_drawn_outside_its_badge(seed_pdf: Path) -> None:
    stock = stock_named("a6-4up-a4")
    cells = stock.cells()
    with pdfplumber.open(seed_pdf) as pdf:
        for page in pdf.pages:
            assert (page.width, page.height) == pytest.approx(stock.page, abs=0.01)
            for obj in [*page.chars, *page.rects]:
                assert _inside(obj, cells, page.height), obj.get("text", obj)


def test_all_fonts_are_embedded_and_no_helvetica(seed_pdf: Path) -> None:
    out = subprocess.run(["pdffonts", str(seed_pdf)], capture_output=True, text=True,
                         check=True).stdout
    rows = out.splitlines()[2:]
    assert rows
    assert all(" yes " in row for row in rows), out
    assert "Helvetica" not in out


def test_reproducible_bytes(seed: Programme, seed_pdf: Path, tmp_path: Path) -> None:
    build(seed, tmp_path, ["badges"])
    assert (tmp_path / "badges.pdf").read_bytes() == seed_pdf.read_bytes()


def test_reprint_only_some_people(seed: Programme, tmp_path: Path) -> None:
    written = build(seed, tmp_path, ["badges"], BuildOptions.from_cli("lacroix, María Paz"))
    assert written[0].pages == 1
    text = _text(tmp_path / "badges.pdf")
    assert "Jean-Pierre Lacroix" in text and "María Paz" in text and "Omar Paganini" not in text


def test_double_sided_backs_are_mirrored(seed: Programme, tmp_path: Path) -> None:
    build(_settings(seed, badge_double_sided=True), tmp_path, ["badges"])
    with pdfplumber.open(tmp_path / "badges.pdf") as pdf:
        assert len(pdf.pages) == 18
        front, back = pdf.pages[16], pdf.pages[17]     # last sheet: one badge, top left
        mid = front.width / 2
        assert front.chars and all(c["x1"] <= mid for c in front.chars)
        assert back.chars and all(c["x0"] >= mid for c in back.chars)
        assert "Your sessions" in (pdf.pages[1].extract_text() or "")
        # On each back, the lines of sessions share one size: a long one wraps rather than
        # shrinking to a size of its own (one was set at 4.5 pt beside 11.9 pt lines).
        stock = stock_named("a6-4up-a4")
        for page in pdf.pages[1::2]:
            for x, y, w, h in stock.cells():
                top = page.height - y - h
                cell = [c for c in page.chars if x <= c["x0"] < x + w and top <= c["top"] < top + h]
                if not cell:
                    continue
                # The sessions start under their heading, the smallest bold line.
                head = min(c["size"] for c in cell if "Bold" in c["fontname"])
                start = min(c["top"] for c in cell if c["size"] == head)
                sizes = {round(c["size"] * 4) / 4 for c in cell
                         if "Bold" not in c["fontname"] and c["top"] > start}
                assert len(sizes) == 1, (page.page_number, sizes)


@pytest.mark.parametrize("name", sorted(STOCKS))
def test_stock_cells_fit_the_page_and_do_not_overlap(name: str) -> None:
    stock = STOCKS[name]
    cells = stock.cells()
    assert len(cells) == stock.cols * stock.rows
    for x, y, w, h in cells:
        assert x >= -0.01 and y >= -0.01
        assert x + w <= stock.page[0] + 0.01 and y + h <= stock.page[1] + 0.01
    for i, a in enumerate(cells):
        for b in cells[i + 1:]:
            overlap_x = min(a[0] + a[2], b[0] + b[2]) - max(a[0], b[0])
            overlap_y = min(a[1] + a[3], b[1] + b[3]) - max(a[1], b[1])
            assert overlap_x <= 0.01 or overlap_y <= 0.01


@pytest.mark.parametrize("name", sorted(STOCKS))
def test_cut_marks_are_outside_every_badge_and_on_every_edge(seed: Programme, tmp_path: Path,
                                                             name: str) -> None:
    stock = stock_named(name)
    build(_settings(seed, badge_stock=name), tmp_path, ["badges"])
    cells = stock.cells()
    with pdfplumber.open(tmp_path / "badges.pdf") as pdf:
        page = pdf.pages[0]
        marks = [(m["x0"], page.height - m["bottom"], m["x1"], page.height - m["top"])
                 for m in page.lines]
    safe = 0 if stock.edge_to_edge else 5 * MM
    near = 0.5 * MM - 0.01
    for x0, y0, x1, y1 in marks:
        # Inside the sheet's safe area, and clear of every badge.
        assert safe - 0.01 <= x0 <= x1 <= stock.page[0] - safe + 0.01
        assert safe - 0.01 <= y0 <= y1 <= stock.page[1] - safe + 0.01
        for cx, cy, cw, ch in cells:
            assert (x1 < cx - near or x0 > cx + cw + near or y1 < cy - near
                    or y0 > cy + ch + near)
    edges_x = {round(v, 1) for cx, _, cw, _ in cells for v in (cx, cx + cw)}
    edges_y = {round(v, 1) for _, cy, _, ch in cells for v in (cy, cy + ch)}
    left, _, _, top = stock.margins
    # A margin with 2 mm beyond the safe area holds marks (0.5 mm off the badge, 1.25 long).
    if left - safe >= 2 * MM:
        assert edges_y <= {round(y0, 1) for x0, y0, x1, y1 in marks if y0 == y1}
    if top - safe >= 2 * MM:
        assert edges_x <= {round(x0, 1) for x0, y0, x1, y1 in marks if x0 == x1}
    if name == "90x55-10up-a4":
        assert len(marks) == 2 * (len(edges_x) + len(edges_y))


def _corpus_agenda(tmp_path: Path, extra: list[str], stock: str = "a6-4up-a4") -> Path:
    names = [n.strip() for n in CORPUS.read_text(encoding="utf-8").splitlines() if n.strip()]
    with (tmp_path / "attendees.csv").open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["name", "organisation", "category"])
        for n in [*names, *extra]:
            writer.writerow([n, "Corpus of real names", "Delegate"])
    text = SEED.read_text(encoding="utf-8").replace(
        "\npeople:", f"\nattendees: attendees.csv\nprint:\n  badge_stock: {stock}\npeople:", 1)
    path = tmp_path / "agenda.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_corpus_names_and_a_long_name_print(tmp_path: Path) -> None:
    programme = load(_corpus_agenda(tmp_path, [LONG_NAME]))
    written = build(programme, tmp_path / "out", ["badges"])
    pdf = tmp_path / "out" / "badges.pdf"
    report = written[0].report or ""
    assert "badges: 77" in report
    assert LONG_NAME in report and "wrapped" in report
    assert "Noto Sans Arabic" in report and "Droid Sans Fallback" in report
    # pdftotext follows /ActualText, so even shaped scripts read back; RTL comes out in
    # visual order, so check the left-to-right names.
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    flat = " ".join(text.split())
    flat = unicodedata.normalize("NFC", flat)
    names = [unicodedata.normalize("NFC", " ".join(n.split()))
             for n in CORPUS.read_text(encoding="utf-8").splitlines() if n.strip()]
    ltr = [n for n in names if not any("\u0590" <= c <= "\u08ff" for c in n)]
    assert len(ltr) == 38
    missing = [n for n in ltr if n not in flat.replace("\u3000", " ")]
    assert not missing
    assert LONG_NAME not in text              # wrapped: on two lines
    words = LONG_NAME.split()
    assert all(w in flat for w in words)      # and nothing cut
    # Glyphs without a character of their own (Arabic forms, conjuncts) are drawn through
    # private-use codes; the fonts' ToUnicode maps must still be valid (UTF-16: whole
    # groups of four hex digits), or readers reject them.
    targets = []
    with pikepdf.open(pdf) as doc:
        for page in doc.pages:
            for font in page.Resources.Font.values():
                if "/ToUnicode" in font:
                    cmap = font.ToUnicode.read_bytes().decode("ascii")
                    for chars in re.findall(r"beginbfchar(.*?)endbfchar", cmap, re.S):
                        targets += re.findall(r"<[0-9A-Fa-f]+> <([0-9A-Fa-f]+)>", chars)
    assert len(targets) > 500
    assert all(len(t) % 4 == 0 for t in targets), sorted({t for t in targets if len(t) % 4})
    assert any(t.upper().startswith(("E", "F")) for t in targets)   # private-use codes met


def test_a_name_that_cannot_fit_is_a_clear_error(tmp_path: Path) -> None:
    path = _corpus_agenda(tmp_path, [TOO_LONG], stock="90x55-10up-a4")
    result = CliRunner().invoke(main, ["build", str(path), "--only", "badges",
                                       "-o", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert "attendees.csv:45" in result.output
    assert "does not fit" in result.output and TOO_LONG[:30] in result.output
    assert not (tmp_path / "out" / "badges.pdf").exists()


def test_unknown_reprint_id_is_an_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["build", str(SEED), "--only", "badges", "--people",
                                       "nobody", "-o", str(tmp_path)])
    assert result.exit_code == 2
    assert "nobody" in result.output


@pytest.mark.parametrize(("language", "speaker", "chair", "title"), [
    ("es", "PONENTE", "MODERACIÓN", "acreditaciones"), ("fr", "INTERVENANT", "PRÉSIDENCE", "badges")])
def test_category_bands_and_titles_follow_the_language(language: str, speaker: str, chair: str, title: str,
                                                       tmp_path: Path) -> None:
    text = SEED.read_text(encoding="utf-8").replace("  language: en ", f"  language: {language} ", 1)
    (tmp_path / "agenda.yaml").write_text(text, encoding="utf-8")
    build(load(tmp_path / "agenda.yaml"), tmp_path / "out", ["badges", "signs"])
    with pdfplumber.open(tmp_path / "out" / "badges.pdf") as pdf:
        words = {w for page in pdf.pages for w in (page.extract_text() or "").split()}
        assert pdf.metadata["Title"].endswith(f": {title}")
    assert {speaker, chair} <= words and not {"SPEAKER", "CHAIR"} & words
    with pdfplumber.open(tmp_path / "out" / "door-signs.pdf") as pdf:
        assert not pdf.metadata["Title"].endswith("door signs")
