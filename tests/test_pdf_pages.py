"""Page dictionaries written from a template are the bytes ReportLab writes itself."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader
from reportlab.pdfbase.pdfdoc import PDFPage
from reportlab.pdfgen.canvas import Canvas

from podium.load import Programme
from podium.logo import read_logo
from podium.pdf import TemplateCanvas
from podium.pipeline import build


def _with_logo(programme: Programme, folder: Path) -> Programme:
    Image.new("RGB", (40, 20), "#1F4E79").save(folder / "logo.png")
    agenda = programme.agenda
    settings = agenda.print_.model_copy(update={"logo": "logo.png", "badge_double_sided": True})
    return dataclasses.replace(programme, source=folder / "agenda.yaml",
                               agenda=agenda.model_copy(update={"print_": settings}),
                               logo=read_logo(folder / "logo.png", "logo.png"))


@pytest.mark.parametrize("logo", [False, True])
def test_template_pages_are_reportlabs_own_bytes(seed: Programme, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch,
                                                 logo: bool) -> None:
    programme = _with_logo(seed, tmp_path) if logo else seed
    formatted: list[int] = []
    own_format = PDFPage.format

    def counted(page: PDFPage, document: object) -> bytes:
        formatted.append(1)
        out: bytes = own_format(page, document)
        return out

    monkeypatch.setattr(PDFPage, "format", counted)
    # In this process (jobs=1), where the counting patch is: not in forked renderers.
    build(programme, tmp_path / "template", ["badges", "signs"], jobs=1)
    by_template = len(formatted)
    monkeypatch.setattr(TemplateCanvas, "showPage", Canvas.showPage)
    formatted.clear()
    build(programme, tmp_path / "reportlab", ["badges", "signs"], jobs=1)
    for name in ("badges.pdf", "door-signs.pdf"):
        assert (tmp_path / "template" / name).read_bytes() == \
            (tmp_path / "reportlab" / name).read_bytes(), name
    # ReportLab formatted every page the second time, and (without images) only the first
    # page of each document the first time; pages with a logo are left to ReportLab.
    pages = sum(len(PdfReader(tmp_path / "reportlab" / n).pages)
                for n in ("badges.pdf", "door-signs.pdf"))
    assert len(formatted) == pages > 2
    assert by_template == (len(formatted) if logo else 2)
