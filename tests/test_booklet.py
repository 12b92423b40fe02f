"""Tests of the programme booklet: what a reader, a printer and a proof-reader would check."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pdfplumber
import pypdfium2 as pdfium
import pytest
from tests.pdfs import qr_codes

from podium.context import BuildContext
from podium.fonts import bundled
from podium.load import Programme, load
from podium.output import build_epoch, staged
from podium.pipeline import build
from podium.present import chairs, full_name, speakers
from podium.problems import AgendaError
from podium.renderers.booklet import build_pdf
from podium.renderers.booklet.html import FAMILY_ALIASES
from podium.renderers.booklet.impose import booklet_order, impose, sides
from podium.renderers.booklet.view import split_name

SEED = Path(__file__).resolve().parent.parent / "agenda.yaml"
A5 = (419.53, 595.28)
MM = 72 / 25.4
SAFE = 10 * MM
"""Nothing may be drawn closer than this to the trimmed edge."""


@dataclass(frozen=True)
class Built:
    programme: Programme
    pdf: Path
    imposed: Path
    pages: list[str]
    """The text of each page of programme.pdf."""


def page_texts(path: Path) -> list[str]:
    doc = pdfium.PdfDocument(path)
    try:
        return [doc[i].get_textpage().get_text_range() for i in range(len(doc))]
    finally:
        doc.close()


def squash(text: str) -> str:
    """Text with whitespace and hyphens dropped, for comparing across line breaks."""
    return re.sub(r"[\s\-\u2010\u2011\u00ad\ufffe]+", "", text).casefold()


def words(text: str) -> str:
    """Whitespace made single spaces; hyphens kept (a name broken at one would not match)."""
    return " ".join(text.replace("\ufffe", "-").split())


@pytest.fixture(scope="module")
def seed_build(tmp_path_factory: pytest.TempPathFactory) -> Built:
    out = tmp_path_factory.mktemp("booklet")
    programme = load(SEED)
    build(programme, out, ["booklet"])
    pdf = out / "programme.pdf"
    return Built(programme, pdf, out / "programme-imposed.pdf", page_texts(pdf))


def build_small(write_agenda: Callable[..., Path], tmp_path: Path, *, language: str = "en",
                paper: str = "A5", title: str = "Small Conference",
                background: str = "A short background.", logo: str = "") -> Built:
    agenda = write_agenda(f"""
        event:
          title: '{title}'
          city: Geneva
          timezone: Europe/Zurich
          url: https://example.org/small/
          language: {language}
        print:
          paper: {paper}
          {f"logo: {logo}" if logo else ""}
        people:
          - {{id: ada, name: Ada Lovelace, title: Dr., role: Analyst, organisation: Engines}}
          - {{id: bo, name: Bo Li, role: Engineer}}
        days:
          - date: 2025-03-04
            items:
              - start: "09:00"
                end: "10:00"
                number: 1
                title: First Session
                background: '{background}'
                questions: ['Why does it matter?']
                chair: ada
                speakers: [{{person: bo, remote: true}}]
              - {{start: "10:00", end: "10:15", kind: break, title: Coffee}}
        """)
    out = tmp_path / "out"
    programme = load(agenda)
    build(programme, out, ["booklet"])
    pdf = out / "programme.pdf"
    return Built(programme, pdf, out / "programme-imposed.pdf", page_texts(pdf))


# -- content -----------------------------------------------------------------------------

def test_every_name_title_question_and_background_is_printed(seed_build: Built) -> None:
    agenda = seed_build.programme.agenda
    flat = squash(" ".join(seed_build.pages))
    expected = []
    for _day, item in agenda.items():
        expected.append(item.title)
        expected += item.questions
        expected += [" ".join(p.split()[:12]) for p in item.background]
    missing = [t for t in expected if squash(t) not in flat]
    assert not missing


def test_names_are_printed_whole_never_hyphenated(seed_build: Built) -> None:
    agenda = seed_build.programme.agenda
    text = words(" ".join(seed_build.pages))
    for _day, item in agenda.items():
        for a in chairs(agenda, item) + speakers(agenda, item):
            assert a.name in text, f"{a.name} is missing or broken across lines"
            if a.affiliation:
                assert squash(a.affiliation) in squash(text)
    assert full_name(agenda.person("rahman")) == "Brigadier General Md Mostafizur Rahman, PhD"


def test_remote_speakers_say_via_vtc(seed_build: Built) -> None:
    text = words(" ".join(seed_build.pages))
    assert "Linda Darkwa via VTC" in text
    assert "Atul Khare via VTC" in text
    assert "Malcolm Green via VTC" not in text


def test_cover_has_title_dates_city_and_url(seed_build: Built) -> None:
    cover = words(seed_build.pages[0])
    event = seed_build.programme.agenda.event
    assert event.title in cover
    assert "10\u201311 December 2024" in cover
    assert "Montevideo" in cover
    assert event.url in cover


def test_a_glance_page_per_day(seed_build: Built) -> None:
    agenda = seed_build.programme.agenda
    for n, day in enumerate(agenda.days, start=1):
        page = next(words(p) for p in seed_build.pages if squash(f"Day {n}") in squash(p)
                    and "At a glance" in p)
        for item in day.items:
            assert squash(item.title) in squash(page)
            assert item.start.strftime("%H:%M") in page


def test_speaker_index_lists_everyone_by_family_name_with_page_numbers(seed_build: Built) -> None:
    agenda = seed_build.programme.agenda
    start = next(i for i, p in enumerate(seed_build.pages) if p.startswith("Speakers"))
    index = words(" ".join(seed_build.pages[start:]))
    people = sorted((p for p in agenda.people if agenda.appearances(p.id)),
                    key=lambda p: p.sort_key)
    positions = [index.find(split_name(p)[0] + ",") for p in people]
    assert -1 not in positions
    assert positions == sorted(positions)
    # Lacroix: the welcome, sessions 1 and 4 and the closing; every number given must be a
    # page on which his name is printed (the pages themselves: the test below).
    refs = re.findall(r"(Welcome and Introduction|Session \d|Closing and Lunch)[ .(a-z)]*?(\d+)",
                      index[index.find("Lacroix"):index.find("Lakhar")])
    assert len(refs) == 4
    for label, page in refs:
        assert squash("Jean-Pierre Lacroix") in squash(seed_build.pages[int(page) - 1]), (label, page)


def test_index_page_numbers_are_where_each_name_is_printed(seed_build: Built) -> None:
    """Every page number after a person's name in the index is a page on which that person's
    name is printed under the item, and every such page is listed (Baker was indexed on 4
    while printed on 5, when locators pointed at the session's start)."""
    agenda = seed_build.programme.agenda
    start = next(i for i, p in enumerate(seed_build.pages) if p.startswith("Speakers"))
    index = words(" ".join(seed_build.pages[start:]))
    body = [squash(p) for p in seed_build.pages[:start]]
    people = sorted((p for p in agenda.people if agenda.appearances(p.id)), key=lambda p: p.sort_key)
    heads = [index.find(f"{split_name(p)[0]}, {split_name(p)[1]}".rstrip(", ")) for p in people]
    assert -1 not in heads
    checked = 0
    for n, person in enumerate(people):
        block = index[heads[n]:heads[n + 1] if n + 1 < len(people) else len(index)]
        listed = {int(x) for x in re.findall(r"\.\s*(\d+)", block)}
        name = squash(full_name(person))
        # The glance pages list titles only: a name there is in a title or an affiliation.
        printed = {k + 1 for k, text in enumerate(body) if name in text and "ataglance" not in text}
        assert listed == printed, (person.name, listed, printed)
        checked += 1
    assert checked == len(people) > 30


def test_running_headers_carry_day_and_page_number(seed_build: Built) -> None:
    agenda = seed_build.programme.agenda
    last = len(seed_build.pages)
    for n, text in enumerate(seed_build.pages, start=1):
        if n in (1, last):
            continue
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        assert str(n) in " ".join(lines[-2:]).split(), (n, lines[-2:])
    for day in agenda.days:
        heading = seed_build.programme and __import__("podium.i18n").i18n.Locale("en").long_date(
            day.date)
        for item in (it for it in day.items if it.kind == "session"):
            pages = [p for p in seed_build.pages
                     if squash(item.title) in squash(p) and "At a glance" not in p
                     and not p.startswith("Speakers")]
            assert pages and all(heading in p for p in pages), item.title


# -- typesetting ---------------------------------------------------------------------------

def test_headings_and_question_labels_never_end_a_page(seed_build: Built) -> None:
    agenda = seed_build.programme.agenda
    pages = [squash(p) for p in seed_build.pages]
    for _day, item in agenda.items():
        if item.kind != "session":
            continue
        title_page = next(i for i, p in enumerate(pages) if squash(item.title) in p
                          and "ataglance" not in p and p[:8] != "speakers")
        first = item.background[0] if item.background else full_name(agenda.person(item.chair[0]))
        assert squash(" ".join(first.split()[:6])) in pages[title_page], item.title
        label = squash(item.questions_label or "Questions")
        first_q = squash(" ".join(item.questions[0].split()[:6]))
        label_page = next(i for i, p in enumerate(pages) if i >= title_page and label in p)
        assert first_q in pages[label_page], item.questions_label


def test_pages_are_a5(seed_build: Built) -> None:
    with pdfplumber.open(seed_build.pdf) as pdf:
        for page in pdf.pages:
            assert page.width == pytest.approx(A5[0], abs=0.5)
            assert page.height == pytest.approx(A5[1], abs=0.5)


def test_nothing_is_drawn_outside_the_safe_area(seed_build: Built) -> None:
    # Rasterised, so that what counts is what shows (clipped paths are not ink).
    doc = pdfium.PdfDocument(seed_build.pdf)
    try:
        for i in range(len(doc)):
            image = doc[i].render(scale=1).to_pil().convert("L")
            w, h = image.size
            inner = (round(SAFE), round(SAFE), w - round(SAFE), h - round(SAFE))
            inked = image.point(lambda v: 255 if v < 250 else 0)
            box = inked.getbbox()
            assert box is not None, f"page {i + 1} is empty"
            assert box[0] >= inner[0] and box[1] >= inner[1], (i + 1, box, inner)
            assert box[2] <= inner[2] and box[3] <= inner[3], (i + 1, box, inner)
    finally:
        doc.close()


def test_every_qr_code_decodes_to_its_place_in_the_online_agenda(seed_build: Built) -> None:
    agenda = seed_build.programme.agenda
    found = [text for page in qr_codes(seed_build.pdf) for text in page]
    sessions = [agenda.url_for_item(it) for _d, it in agenda.items() if it.kind == "session"]
    assert sorted(found) == sorted([agenda.event.url, *sessions])
    assert all(url.startswith(agenda.event.url) for url in found)


def test_fonts_are_embedded_and_only_bundled_ones(seed_build: Built) -> None:
    out = subprocess.run(["pdffonts", str(seed_build.pdf)], capture_output=True, text=True,
                         check=True).stdout.splitlines()[2:]
    assert out
    allowed = {a.replace(" ", "-") for a in FAMILY_ALIASES.values()}
    for row in out:
        name, emb = row.split()[0], row.split()[-5]
        assert emb == "yes", row
        base = name.split("+", 1)[-1]
        assert re.sub(r"-(Bold|Italic|BoldItalic|Bold-Italic)$", "", base) in allowed, row


def test_embedded_fonts_are_the_bundled_files(seed_build: Built) -> None:
    import io

    import pikepdf
    from fontTools.ttLib import TTFont

    bundled_names = {f.family for f in bundled().faces}
    with pikepdf.open(seed_build.pdf) as pdf:
        families = set()
        for obj in pdf.objects:
            if isinstance(obj, pikepdf.Dictionary) and obj.get("/Type") == "/FontDescriptor":
                data = obj["/FontFile2"].read_bytes()
                families.add(TTFont(io.BytesIO(data))["name"].getDebugName(1))
    assert families and families <= bundled_names


# -- imposition ----------------------------------------------------------------------------

def test_booklet_order_pads_before_the_back_cover() -> None:
    assert booklet_order(6) == [0, 1, 2, 3, 4, None, None, 5]
    assert booklet_order(8) == list(range(8))
    assert sides(8) == [(7, 0), (1, 6), (5, 2), (3, 4)]


def numbered_pdf(pages: int) -> bytes:
    from reportlab.pdfgen import canvas

    buffer = __import__("io").BytesIO()
    c = canvas.Canvas(buffer, pagesize=A5, invariant=1)
    for n in range(1, pages + 1):
        c.setFont("Helvetica", 40)
        c.drawString(150, 300, f"P{n}")
        c.showPage()
    c.save()
    return buffer.getvalue()


@pytest.mark.parametrize("pages", [10, 12])
def test_imposed_sides_hold_the_right_pages(tmp_path: Path, pages: int) -> None:
    path = tmp_path / "imposed.pdf"
    path.write_bytes(impose(numbered_pdf(pages), epoch=0, title="t"))
    total = -(-pages // 4) * 4
    with pdfplumber.open(path) as pdf:
        assert len(pdf.pages) == total // 2
        got = []
        for sheet in pdf.pages:
            # Two A5 pages (296 mm) centred on A4 (297 mm): the sheet `auto` chooses.
            assert (sheet.width, sheet.height) == pytest.approx((297 * MM, 210 * MM), abs=0.5)
            half = sheet.width / 2
            left = sheet.crop((0, 0, half, sheet.height)).extract_text().strip()
            right = sheet.crop((half, 0, sheet.width, sheet.height)).extract_text().strip()
            got.append((left, right))
    # Blank pages come just before the back cover (page `pages`, printed last).
    order = [f"P{n}" for n in range(1, pages)] + [""] * (total - pages) + [f"P{pages}"]
    expected = []
    for s in range(total // 4):
        expected.append((order[total - 1 - 2 * s], order[2 * s]))
        expected.append((order[2 * s + 1], order[total - 2 - 2 * s]))
    assert got == expected
    assert got[0] == (f"P{pages}", "P1") and got[1][0] == "P2"


def test_seed_imposed_on_a4_landscape(seed_build: Built) -> None:
    with pdfplumber.open(seed_build.imposed) as pdf:
        assert len(pdf.pages) == -(-len(seed_build.pages) // 4) * 2
        for sheet in pdf.pages:
            assert sheet.width == pytest.approx(841.89, abs=0.5)
            assert sheet.height == pytest.approx(595.28, abs=0.5)
        first = pdf.pages[0]
        right = first.crop((first.width / 2, 0, first.width, first.height)).extract_text()
    assert "Capacity-Building" in right


def test_crop_marks_choose_sra4_and_keep_the_trim_box(tmp_path: Path) -> None:
    import pikepdf

    data = impose(numbered_pdf(4), epoch=0, title="t", crop_marks=True)
    with pikepdf.open(__import__("io").BytesIO(data)) as pdf:
        sheet = pdf.pages[0]
        box = [float(v) for v in sheet.mediabox]
        trim = [float(v) for v in sheet.trimbox]
    assert box[2:] == pytest.approx([320 * MM, 225 * MM], abs=0.5)
    assert trim[2] - trim[0] == pytest.approx(2 * A5[0], abs=0.5)


# -- reproducibility, language, paper, customising, safety ---------------------------------

def test_same_bytes_for_the_same_epoch(seed_build: Built, tmp_path: Path) -> None:
    build(seed_build.programme, tmp_path, ["booklet"])
    assert (tmp_path / "programme.pdf").read_bytes() == seed_build.pdf.read_bytes()
    assert (tmp_path / "programme-imposed.pdf").read_bytes() == seed_build.imposed.read_bytes()
    import datetime as dt

    import pikepdf

    epoch = build_epoch(seed_build.programme.agenda)
    stamp = dt.datetime.fromtimestamp(epoch, dt.UTC).strftime("D:%Y%m%d%H%M%S")
    for path in (seed_build.pdf, seed_build.imposed):
        with pikepdf.open(path) as pdf:
            # The build date (SOURCE_DATE_EPOCH or the agenda's first day), never the clock.
            assert str(pdf.docinfo["/CreationDate"]).startswith(stamp)
            assert str(pdf.docinfo["/ModDate"]).startswith(stamp)


@pytest.mark.parametrize(("language", "expected"), [
    ("es", ["Moderación", "martes, 4 de marzo de 2025", "Resumen del día", "Sesión 1",
            "por videoconferencia", "Agenda en línea", "Panelistas"]),
    ("fr", ["Présidence", "mardi 4 mars 2025", "Aperçu de la journée", "Session 1",
            "par visioconférence", "Programme en ligne", "Panélistes"]),
])
def test_labels_and_dates_in_the_event_language(write_agenda: Callable[..., Path],
                                                tmp_path: Path, language: str,
                                                expected: list[str]) -> None:
    built = build_small(write_agenda, tmp_path, language=language)
    text = squash(" ".join(built.pages))
    assert [e for e in expected if squash(e) not in text] == []
    assert "chair" not in text and "ataglance" not in text


def test_letter_paper(write_agenda: Callable[..., Path], tmp_path: Path) -> None:
    built = build_small(write_agenda, tmp_path, paper="Letter")
    with pdfplumber.open(built.pdf) as pdf:
        assert (pdf.pages[0].width, pdf.pages[0].height) == pytest.approx((612, 792), abs=0.5)
    with pdfplumber.open(built.imposed) as pdf:
        assert (pdf.pages[0].width, pdf.pages[0].height) == pytest.approx((1224, 792), abs=0.5)


def test_user_stylesheet_replaces_the_bundled_one(write_agenda: Callable[..., Path],
                                                  tmp_path: Path) -> None:
    from podium.resources import templates_dir

    user = tmp_path / "templates"
    user.mkdir()
    css = (templates_dir() / "booklet.css").read_text(encoding="utf-8")
    (user / "booklet.css").write_text(css + '\n.cover-kicker::after { content: " Custom"; }\n',
                                      encoding="utf-8")
    built = build_small(write_agenda, tmp_path)
    assert "custom" in squash(built.pages[0])


def test_agenda_text_is_printed_literally_and_fetches_nothing(
        write_agenda: Callable[..., Path], tmp_path: Path) -> None:
    title = '<img src="file:///etc/passwd"> Summit'
    background = "<link rel=stylesheet href=http://127.0.0.1:9/x.css> Background text."
    built = build_small(write_agenda, tmp_path, title=title, background=background)
    text = words(" ".join(built.pages))
    assert title in text
    assert squash(background) in squash(text)
    with staged(tmp_path / "again") as stage:
        ctx = BuildContext(programme=built.programme, fonts=bundled(),
                           epoch=build_epoch(built.programme.agenda), stage=stage)
        rendered = build_pdf(ctx)
    assert rendered.refused == []
    assert rendered.fetched and all(u.startswith("file://") and u.endswith(".ttf")
                                    for u in rendered.fetched)


def test_fetcher_refuses_anything_outside_its_folders(tmp_path: Path) -> None:
    from podium.renderers.booklet.fetch import FolderFetcher, RefusedURL

    allowed = tmp_path / "ok"
    allowed.mkdir()
    (allowed / "a.css").write_text("p{}", encoding="utf-8")
    fetcher = FolderFetcher([allowed])
    assert fetcher.fetch((allowed / "a.css").as_uri()).read() == b"p{}"
    for url in ("file:///etc/passwd", "http://127.0.0.1:9/x.css", (allowed / ".." / "x").as_uri(),
                "data:text/css,p{}"):
        with pytest.raises(RefusedURL):
            fetcher.fetch(url)
    assert len(fetcher.refused) == 4


def test_stylesheet_names_no_generic_font_family() -> None:
    import tinycss2

    from podium.resources import templates_dir

    css = (templates_dir() / "booklet.css").read_text(encoding="utf-8")
    generic = {"serif", "sans-serif", "monospace", "cursive", "fantasy", "system-ui"}
    found = []

    def walk(nodes: list[object]) -> None:
        for node in nodes:
            content = getattr(node, "content", None)
            if getattr(node, "type", "") in ("qualified-rule", "at-rule") and content:
                decls = tinycss2.parse_blocks_contents(content)
                for d in decls:
                    if getattr(d, "type", "") == "declaration" and d.name.startswith("font"):
                        found.extend(t.value for t in d.value if t.type == "ident"
                                     and t.value.lower() in generic)
                walk([d for d in decls if getattr(d, "type", "") == "at-rule"])

    walk(tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True))
    assert found == []
    assert "Podium Serif" in css and "Podium Sans" in css


def test_logo_on_the_cover_is_the_one_extra_file_read(write_agenda: Callable[..., Path],
                                                      tmp_path: Path) -> None:
    from PIL import Image

    Image.new("RGB", (40, 20), "#1F4E79").save(tmp_path / "logo.png")
    built = build_small(write_agenda, tmp_path, logo="logo.png")
    with pdfplumber.open(built.pdf) as pdf:
        assert len(pdf.pages[0].images) == 1
    # Decoded once at load: the booklet draws the bytes read then, not the file again.
    (tmp_path / "logo.png").unlink()
    build(built.programme, tmp_path / "again", ["booklet"])
    with pdfplumber.open(tmp_path / "again" / "programme.pdf") as pdf:
        assert len(pdf.pages[0].images) == 1
    with pytest.raises(AgendaError, match=r"print\.logo: logo file 'logo\.png' not found"):
        load(built.programme.source)


def test_letter_spaced_headings_extract_as_words(seed_build: Built) -> None:
    """Small capitals are spaced lightly enough that readers and search find 'SESSION',
    not 'S E S S I O N'."""
    from pypdf import PdfReader

    for reader in ("pypdf", "pdfplumber", "pdfium"):
        if reader == "pypdf":
            text = " ".join(p.extract_text() for p in PdfReader(seed_build.pdf).pages)
        elif reader == "pdfplumber":
            with pdfplumber.open(seed_build.pdf) as pdf:
                text = " ".join(p.extract_text() or "" for p in pdf.pages)
        else:
            text = " ".join(seed_build.pages)
        assert not re.findall(r"\b(?:[A-Z] ){2,}[A-Z]\b", text), reader
        assert {"SESSION", "PANELISTS", "PROGRAMME", "SPEAKERS", "DAY"} <= set(text.split()), reader
