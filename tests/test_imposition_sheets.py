"""Imposition on press sheets: every paper, sheet, mark and bleed setting, measured from the
drawn paths of the imposed PDF (crop and fold marks inside the sheet, outside the bleed)."""

from __future__ import annotations

import io

import pikepdf
import pytest

from podium.press import AUTO, EDGE, MARK_MIN, PAGES, SHEETS, layout
from podium.renderers.booklet.impose import impose

MM = 72 / 25.4


def pages_pdf(paper: str, bleed: float, count: int = 4) -> bytes:
    """`count` blank pages of `paper`, each with `bleed` mm around its TrimBox."""
    w, h = (v * MM for v in PAGES[paper])
    b = bleed * MM
    pdf = pikepdf.new()
    for _ in range(count):
        page = pdf.add_blank_page(page_size=(w + 2 * b, h + 2 * b))
        page.obj["/TrimBox"] = pikepdf.Array([b, b, b + w, b + h])
        page.obj["/Contents"] = pdf.make_stream(b"0 0 1 rg 0 0 1000 1000 re f")
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def strokes(page: pikepdf.Page) -> list[tuple[tuple[float, float, float, float], bool]]:
    """Every stroked line (x0, y0, x1, y1) with whether it was dashed."""
    found, start, dashed = [], (0.0, 0.0), False
    for operands, op in pikepdf.parse_content_stream(page):
        name = str(op)
        if name == "m":
            start = (float(operands[0]), float(operands[1]))
        elif name == "l":
            found.append(((*start, float(operands[0]), float(operands[1])), dashed))
        elif name == "d":
            dashed = len(operands[0]) > 0
        elif name == "Q":
            dashed = False
    return found


def _inside(x: float, y: float, box: list[float], pad: float = -0.001) -> bool:
    return box[0] + pad <= x <= box[2] - pad and box[1] + pad <= y <= box[3] - pad


SOURCES = {(paper, bleed): pages_pdf(paper, bleed) for paper in PAGES for bleed in (0, 3, 5)}


@pytest.mark.parametrize("paper", list(PAGES))
@pytest.mark.parametrize("bleed", [0, 3, 5])
@pytest.mark.parametrize("crop_marks", [False, True])
def test_every_sheet_holds_its_imposition_or_is_refused(paper: str, bleed: float,
                                                        crop_marks: bool) -> None:
    marks = crop_marks or bleed > 0
    fitted = 0
    for sheet in [AUTO, *SHEETS]:
        size = SHEETS.get(sheet)
        if size is not None and layout(paper, size, bleed, marks) is None:
            with pytest.raises(ValueError, match="do not fit"):
                impose(SOURCES[paper, bleed], epoch=0, title="t", sheet=sheet, crop_marks=crop_marks)
            continue
        fitted += 1
        data = impose(SOURCES[paper, bleed], epoch=0, title="t", sheet=sheet,
                      crop_marks=crop_marks, us=paper == "Letter")
        with pikepdf.open(io.BytesIO(data)) as pdf:
            page = pdf.pages[0]
            media = [float(v) for v in page.mediabox]
            trim = [float(v) for v in page.trimbox]
            bleed_box = [float(v) for v in page.obj["/BleedBox"]]
            lines = strokes(page)
        if size is not None:
            assert media[2:] == pytest.approx([size[0] * MM, size[1] * MM], abs=0.01)
        pw, ph = PAGES[paper]
        assert [trim[2] - trim[0], trim[3] - trim[1]] == pytest.approx([2 * pw * MM, ph * MM], abs=0.05)
        assert trim[0] - bleed_box[0] == pytest.approx(bleed * MM, abs=0.01)
        # The trimmed spread with its bleed lies on the sheet.
        assert _inside(bleed_box[0], bleed_box[1], media) and _inside(bleed_box[2], bleed_box[3], media)
        if not marks:
            assert lines == []
            continue
        crops = [line for line, dashed in lines if not dashed]
        folds = [line for line, dashed in lines if dashed]
        assert len(crops) == 8 and len(folds) == 2
        for x0, y0, x1, y1 in crops + folds:
            assert _inside(x0, y0, media, EDGE * MM - 0.01) and _inside(x1, y1, media, EDGE * MM - 0.01)
            # Marks never reach into the bleed, and are long enough to cut along.
            assert not _inside(x0, y0, bleed_box, -0.01) or _on_edge(x0, y0, bleed_box)
            assert not _inside(x1, y1, bleed_box, 0.01)
            assert abs(x1 - x0) + abs(y1 - y0) >= MARK_MIN * MM - 0.01
        middle = (trim[0] + trim[2]) / 2
        assert all(x0 == pytest.approx(middle, abs=0.01) == x1 for x0, _, x1, _ in folds)
        # Each crop mark lines up with a trim edge.
        def on(v: float, *edges: float) -> bool:
            return any(abs(v - e) < 0.02 for e in edges)

        for x0, y0, x1, y1 in crops:
            assert (y0 == y1 and on(y0, trim[1], trim[3])) or (x0 == x1 and on(x0, trim[0], trim[2]))
    assert fitted >= 2


def _on_edge(x: float, y: float, box: list[float]) -> bool:
    """A mark may start exactly at the bleed's edge (offset = bleed)."""
    return any(abs(v - e) < 0.02 for v, e in ((x, box[0]), (x, box[2]), (y, box[1]), (y, box[3])))


def test_the_usual_case_fits_sra4() -> None:
    """Two A5 pages with 3 mm bleed and crop marks on SRA4 (320 x 225 mm), as the presses
    stock it; the old layout (12 mm a side: 320 x 234) was cut off."""
    spot = layout("A5", SHEETS["SRA4"], 3, True)
    assert spot is not None and spot.length >= MARK_MIN
    data = impose(SOURCES["A5", 3], epoch=0, title="t", crop_marks=True)
    with pikepdf.open(io.BytesIO(data)) as pdf:
        assert [float(v) for v in pdf.pages[0].mediabox][2:] == pytest.approx(
            [320 * MM, 225 * MM], abs=0.01)
