"""Every PDF's metadata (title, language, font subset tags), the booklet's PDF/UA tags, and
`print.colour: cmyk`: black ink alone for text and QR codes, PDF/X-4 with an output intent;
all read back with pikepdf."""

from __future__ import annotations

import hashlib
import io
import itertools
import shutil
from collections.abc import Iterator
from pathlib import Path

import pikepdf
import pytest
from PIL import ImageCms
from tests.conftest import SEED

from podium.load import load
from podium.pdf.cmyk import rgb_to_cmyk, to_cmyk
from podium.pipeline import build
from podium.renderers.signs.kit import ACCENT

PDFS = ("programme.pdf", "programme-imposed.pdf", "badges.pdf", "door-signs.pdf")


def _build(folder: Path, extra: str, language: str = "en") -> Path:
    text = SEED.read_text(encoding="utf-8").replace("language: en", f"language: {language}", 1)
    (folder / "agenda.yaml").write_text(text + extra, encoding="utf-8")
    out = folder / "out"
    build(load(folder / "agenda.yaml"), out, ["booklet", "badges", "signs"])
    return out


@pytest.fixture(scope="module")
def rgb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _build(tmp_path_factory.mktemp("rgb"), "")


@pytest.fixture(scope="module")
def cmyk(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _build(tmp_path_factory.mktemp("cmyk"), "\nprint:\n  colour: cmyk\n", "es")


def _fonts(pdf: pikepdf.Pdf) -> Iterator[tuple[str, str]]:
    """(BaseFont, digest of the embedded font program) of every font on every page."""
    for page in pdf.pages:
        for font in (page.Resources.get("/Font") or {}).values():
            descriptor = font.get("/FontDescriptor")
            if descriptor is None and "/DescendantFonts" in font:
                descriptor = font.DescendantFonts[0].FontDescriptor
            program = descriptor.get("/FontFile2") or descriptor.get("/FontFile3")
            yield str(font.BaseFont), hashlib.sha256(program.read_bytes()).hexdigest()


# -- metadata ----------------------------------------------------------------------------

@pytest.mark.parametrize("name", PDFS)
def test_every_pdf_has_a_title_and_the_content_language(rgb: Path, cmyk: Path, name: str) -> None:
    # The seed's text is English whatever the labels' language (event.content_language).
    for out, lang in ((rgb, "en-US"), (cmyk, load(cmyk.parent / "agenda.yaml").agenda.event.text_language)):
        with pikepdf.open(out / name) as pdf:
            assert str(pdf.docinfo["/Title"]).startswith("Capacity-Building, Partnerships")
            assert str(pdf.Root.Lang) == lang


def test_subset_tags_name_one_font_program_each(rgb: Path, cmyk: Path) -> None:
    """Six-letter tags differ wherever the embedded subsets differ, within a file and across
    the files, so that files merged by a print shop keep every font apart."""
    programs: dict[str, set[str]] = {}
    for out in (rgb, cmyk):
        for name in PDFS:
            with pikepdf.open(out / name) as pdf:
                for base, digest in _fonts(pdf):
                    tag, _, _ = base.lstrip("/").partition("+")
                    assert len(tag) == 6 and tag.isupper()
                    programs.setdefault(tag, set()).add(digest)
    assert all(len(digests) == 1 for digests in programs.values()), programs
    assert "AAAAAA" not in programs and len(programs) >= 8


def _walk(node: pikepdf.Object) -> Iterator[pikepdf.Dictionary]:
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, pikepdf.Dictionary):
            if "/S" in item:
                yield item
            kids = item.get("/K")
            if isinstance(kids, pikepdf.Array):
                stack.extend(reversed(list(kids)))
            elif isinstance(kids, pikepdf.Dictionary):
                stack.append(kids)


def test_booklet_is_tagged_pdf_ua(rgb: Path) -> None:
    with pikepdf.open(rgb / "programme.pdf") as pdf:
        root = pdf.Root
        assert root.MarkInfo.Marked is True and root.ViewerPreferences.DisplayDocTitle is True
        with pdf.open_metadata() as meta:
            assert meta["pdfuaid:part"] == "1"
        elements = list(_walk(root.StructTreeRoot))
        with pdf.open_outline() as outline:
            top = [item.title for item in outline.root]
            days = [item.title for item in outline.root[0].children]
            items = [child.title for item in outline.root[0].children for child in item.children]
    kinds = [str(e.S) for e in elements]
    headings = [int(k[2]) for k in kinds if k[:2] == "/H" and k[2:].isdigit()]
    assert headings[0] == 1
    # Going down, a heading is at most one level below the one before it.
    assert all(b <= a + 1 for a, b in itertools.pairwise(headings))
    figures = [e for e in elements if str(e.S) == "/Figure"]
    assert len(figures) >= 7 and all(str(f.get("/Alt", "")).startswith("https://") for f in figures)
    assert {"/Table", "/L", "/P"} <= set(kinds)
    assert top[0].startswith("Capacity-Building") and days == [
        "Tuesday, 10 December 2024", "Wednesday, 11 December 2024", "Speakers"]
    assert "Welcome and Introduction" in items


# -- CMYK ------------------------------------------------------------------------------------

def _operators(pdf: pikepdf.Pdf) -> Iterator[tuple[str, list[float], tuple[float, ...]]]:
    """(operator, operands, fill colour in effect) through every page and form."""
    seen: set[tuple[int, int]] = set()

    def walk(owner: pikepdf.Object, fill: tuple[float, ...]) -> Iterator[
            tuple[str, list[float], tuple[float, ...]]]:
        stack: list[tuple[float, ...]] = []
        for inst in pikepdf.parse_content_stream(owner):
            if isinstance(inst, pikepdf.ContentStreamInlineImage):
                continue
            op = str(inst.operator)
            values = [n for n in map(_number, inst.operands) if n is not None]
            if op == "q":
                stack.append(fill)
            elif op == "Q" and stack:
                fill = stack.pop()
            elif op in ("k", "rg", "g", "sc", "scn"):
                fill = tuple(values)
            yield op, values, fill
            if op == "Do":
                name = inst.operands[0]
                xobject = owner.Resources.XObject[name]
                if xobject.Subtype == "/Form" and xobject.objgen not in seen:
                    seen.add(xobject.objgen)
                    yield from walk(xobject, fill)

    for page in pdf.pages:
        # A page starts in DeviceGray black, which prints in black ink alone.
        yield from walk(page.obj, (0.0, 0.0, 0.0, 1.0))


def _number(value: object) -> float | None:
    try:
        return float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None


@pytest.mark.parametrize("name", PDFS)
def test_cmyk_draws_every_colour_in_cmyk_and_text_in_black_ink(cmyk: Path, name: str) -> None:
    accents = {tuple(round(v, 3) for v in rgb_to_cmyk(*(int(h[i:i + 2], 16) / 255 for i in (1, 3, 5))))
               for h in ("#1F4E79", "#7A1F3D", "#2E6B30", "#B35900", "#5B2C83")}
    accents.add(tuple(round(v, 3) for v in rgb_to_cmyk(*ACCENT)))
    with pikepdf.open(cmyk / name) as pdf:
        ops = list(_operators(pdf))
    names = {op for op, _, _ in ops}
    assert not names & {"rg", "RG", "g", "G"}
    assert "k" in names
    shown = {tuple(round(v, 3) for v in fill) for op, _, fill in ops if op in ("Tj", "TJ", "'", '"')}
    assert shown, "no text found"
    for fill in shown:
        assert len(fill) == 4
        # Text is black ink alone (solid or a tint), or an accent or category colour.
        assert fill[:3] == (0, 0, 0) or fill in accents, fill
    assert (0, 0, 0, 1) in shown
    # QR codes are filled paths of many squares: each in solid black.
    qr_fills, squares = [], 0
    for op, _, fill in ops:
        squares += op in ("re", "m")  # one subpath a module (or a run of them)
        if op in ("f", "f*"):
            if squares >= 50:
                qr_fills.append(tuple(round(v, 3) for v in fill))
            squares = 0
        elif op not in ("re", "m", "l", "h", "c"):
            squares = 0
    assert qr_fills and set(qr_fills) == {(0, 0, 0, 1)}


@pytest.mark.parametrize("name", PDFS)
def test_cmyk_files_are_pdf_x4_with_an_output_intent(cmyk: Path, rgb: Path, name: str) -> None:
    with pikepdf.open(cmyk / name) as pdf:
        intent = pdf.Root.OutputIntents[0]
        assert intent.S == "/GTS_PDFX" and intent.DestOutputProfile.N == 4
        profile = ImageCms.ImageCmsProfile(io.BytesIO(intent.DestOutputProfile.read_bytes()))
        assert profile.profile.xcolor_space.strip() == "CMYK"
        assert profile.profile.device_class == "prtr"
        with pdf.open_metadata() as meta:
            assert meta["{http://www.npes.org/pdfx/ns/id/}GTS_PDFXVersion"] == "PDF/X-4"
        assert pdf.docinfo.Trapped == "/False" and pdf.pdf_version == "1.6"
        assert all("/TrimBox" in p.obj or "/ArtBox" in p.obj for p in pdf.pages)
        for page in pdf.pages:
            for xobject in (page.Resources.get("/XObject") or {}).values():
                assert xobject.get("/ColorSpace") != "/DeviceRGB"
    with pikepdf.open(rgb / name) as pdf:
        assert "/OutputIntents" not in pdf.Root
        assert "rg" in {op for op, _, _ in _operators(pdf)}


def test_cmyk_conversion_gives_the_same_bytes_each_time(rgb: Path, tmp_path: Path) -> None:
    copies = [tmp_path / "a.pdf", tmp_path / "b.pdf"]
    for copy in copies:
        shutil.copyfile(rgb / "badges.pdf", copy)
        to_cmyk(copy)
    assert copies[0].read_bytes() == copies[1].read_bytes()


def test_greys_are_black_ink_alone_and_colours_keep_their_grey_in_black() -> None:
    assert rgb_to_cmyk(0, 0, 0) == (0, 0, 0, 1)
    assert rgb_to_cmyk(0.5, 0.5, 0.5) == pytest.approx((0, 0, 0, 0.5))
    c, m, y, k = rgb_to_cmyk(0x1F / 255, 0x4E / 255, 0x79 / 255)
    assert y == 0 and c > m > 0 and k == pytest.approx(1 - 0x79 / 255)
