"""Booklet bleed: backgrounds print past the trim on the outer edges, never across the fold."""

from __future__ import annotations

import shutil
from pathlib import Path

import pikepdf
import pypdfium2 as pdfium
import pytest
from tests.conftest import SEED

from podium.load import load
from podium.pipeline import build
from podium.resources import templates_dir

MM = 72 / 25.4
A5 = (419.53, 595.28)


@pytest.fixture(scope="module")
def bled(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed booklet with a red cover (a user stylesheet), 3 mm bleed and crop marks."""
    folder = tmp_path_factory.mktemp("bleed")
    agenda = SEED.read_text(encoding="utf-8") + (
        "\nprint:\n  booklet_bleed_mm: 3\n  booklet_crop_marks: true\n")
    (folder / "agenda.yaml").write_text(agenda, encoding="utf-8")
    (folder / "templates").mkdir()
    css = (templates_dir() / "booklet.css").read_text(encoding="utf-8")
    (folder / "templates" / "booklet.css").write_text(
        css + "\n@page cover { background: #ff0000; }\n", encoding="utf-8")
    out = folder / "out"
    build(load(folder / "agenda.yaml"), out, ["booklet"])
    return out


def _red(pixel: tuple[int, ...]) -> bool:
    r, g, b = pixel[:3]
    return r > 200 and g < 60 and b < 60


def test_pages_read_as_a5_on_screen_and_keep_their_bleed(bled: Path) -> None:
    with pikepdf.open(bled / "programme.pdf") as pdf:
        page = pdf.pages[0]
        crop = [float(v) for v in page.obj["/CropBox"]]
        media = [float(v) for v in page.mediabox]
    assert crop[2] - crop[0] == pytest.approx(A5[0], abs=0.5)
    assert crop[3] - crop[1] == pytest.approx(A5[1], abs=0.5)
    assert media[2] - media[0] == pytest.approx(A5[0] + 6 * MM, abs=0.5)


def test_cover_bleeds_on_its_outer_edges_only(bled: Path) -> None:
    with pikepdf.open(bled / "programme-imposed.pdf") as pdf:
        sheet = pdf.pages[0]
        trim = [float(v) for v in sheet.trimbox]
        bleed = [float(v) for v in sheet.obj["/BleedBox"]]
    assert trim[0] - bleed[0] == pytest.approx(3 * MM, abs=0.01)
    doc = pdfium.PdfDocument(str(bled / "programme-imposed.pdf"))
    image = doc[0].render(scale=1).to_pil().convert("RGB")  # 1 pixel a point
    height = image.height
    y = height // 2
    fold = (trim[0] + trim[2]) / 2
    right = trim[2]
    # Side 1 holds the back cover (left, white) and the cover (right, red).
    assert _red(image.getpixel((int(fold + 2 * MM), y)))
    assert not _red(image.getpixel((int(fold - 2 * MM), y))), "red crossed the fold"
    assert _red(image.getpixel((int(right + 1.5 * MM), y))), "no bleed past the trim"
    assert not _red(image.getpixel((int(right + 4 * MM), y))), "bleed wider than 3 mm"
    top = height - trim[3]  # image rows run down from the top
    assert _red(image.getpixel((int(fold + 50), int(top - 1.5 * MM))))
    assert not _red(image.getpixel((int(fold + 50), int(top - 4 * MM))))
    doc.close()


def test_no_bleed_by_default_keeps_plain_a5_pages(tmp_path: Path) -> None:
    shutil.copy(SEED, tmp_path / "agenda.yaml")
    build(load(tmp_path / "agenda.yaml"), tmp_path / "out", ["booklet"])
    with pikepdf.open(tmp_path / "out" / "programme.pdf") as pdf:
        media = [float(v) for v in pdf.pages[0].mediabox]
        assert "/CropBox" not in pdf.pages[0].obj
    assert media[2] - media[0] == pytest.approx(A5[0], abs=0.5)
