"""Drawing stage of reprint/changes.pdf: what the change sheet and the errata slip are drawn
with (the shared text engine, colours, QR codes as vector paths, struck-through text)."""

from __future__ import annotations

import math
from dataclasses import dataclass

from reportlab.pdfgen.canvas import Canvas

from podium import qr
from podium.i18n import Locale
from podium.model import Agenda
from podium.text import Fitter, Layout, PdfFonts, set_fill

FAMILY = "Noto Sans"
INK = (0.0, 0.0, 0.0)
SECOND = (0.22, 0.22, 0.22)
"""Secondary text: dark grey, above 10:1 contrast on white."""
ACCENT = (0.09, 0.25, 0.42)
TINT = (0.93, 0.95, 0.97)
RULE = (0.45, 0.5, 0.56)


@dataclass(frozen=True)
class Tools:
    """What every page of changes.pdf is drawn with: one per build."""

    fitter: Fitter
    fonts: PdfFonts
    locale: Locale
    agenda: Agenda

    def text(self, text: str, width: float, size: float, smallest: float, *, lines: int = 1,
             bold: bool = False, line_height: float = 1.2) -> Layout:
        """`text` at `size`, or smaller down to `smallest`, on up to `lines` lines (FitError,
        naming the text, when it cannot fit: never cut)."""
        return self.fitter.largest(text, width=width, max_size=size, min_size=smallest,
                                   max_lines=lines, bold=bold, line_height=line_height)

    def draw(self, canvas: Canvas, layout: Layout, x: float, top: float, width: float,
             colour: tuple[float, float, float] = INK, align: str = "left") -> float:
        """Draw `layout`; return the y of its bottom."""
        set_fill(canvas, colour)
        layout.draw(canvas, self.fonts, x, top, width, align=align)
        return top - layout.height

    def struck(self, canvas: Canvas, layout: Layout, x: float, top: float, width: float,
               colour: tuple[float, float, float] = SECOND) -> float:
        """Draw `layout` struck through (each line, across its own width)."""
        bottom = self.draw(canvas, layout, x, top, width, colour)
        canvas.setStrokeColorRGB(*colour)
        canvas.setLineWidth(max(0.5, layout.size / 14))
        for k, line in enumerate(layout.lines):
            # Through the middle of the lower-case letters.
            y = top - layout.ascent - k * layout.leading + 0.27 * layout.size
            canvas.line(x, y, x + line.width_at(layout.size), y)
        return bottom

    def rule(self, canvas: Canvas, x0: float, x1: float, y: float, weight: float = 0.5,
             colour: tuple[float, float, float] = RULE) -> None:
        set_fill(canvas, colour)
        canvas.rect(x0, y - weight / 2, x1 - x0, weight, stroke=0, fill=1)


def qr_module(url: str, side: float) -> tuple[qr.QrMatrix, float]:
    """The code of `url` and its module: the dark part `side` wide, never a module under
    qr.MIN_MODULE (rounded up, as the PDF writes it)."""
    matrix = qr.encode(url)
    module = max(side / matrix.size, qr.MIN_MODULE)
    return matrix, math.ceil(module * 1000) / 1000


def qr_side(url: str, side: float) -> float:
    """The printed side of the dark part of `url`'s code (see `qr_module`)."""
    matrix, module = qr_module(url, side)
    return module * matrix.size


def draw_qr(canvas: Canvas, url: str, right: float, top: float, side: float) -> float:
    """The code of `url`, its dark part's top right corner at (right, top) (the quiet zone
    around it is blank paper); return its dark part's side."""
    matrix, module = qr_module(url, side)
    dark = module * matrix.size
    set_fill(canvas, INK)
    qr.draw(canvas, matrix, right - dark - qr.QUIET * module, top - dark - qr.QUIET * module,
            module * (matrix.size + 2 * qr.QUIET))
    return dark
