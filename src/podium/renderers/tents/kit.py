"""Drawing stage of the table tents: paper, type sizes and the tools every page is drawn
with (one fitter per build, bundled fonts, the event's locale)."""

from __future__ import annotations

from dataclasses import dataclass, field

from reportlab.lib.pagesizes import A4, landscape, letter
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from podium.i18n import Locale
from podium.model import Agenda
from podium.text import Fitter, Layout, PdfFonts, Shaper, set_fill

FAMILY = "Noto Sans"
INK = (0.0, 0.0, 0.0)
SECOND = (0.22, 0.22, 0.22)
ACCENT = (0.09, 0.25, 0.42)
RULE = (0.55, 0.6, 0.66)
PAPERS = {"A4": landscape(A4), "Letter": landscape(letter)}
CAP = 0.714
"""Cap height of Noto Sans (regular and bold) in ems: what a reader sees of a name's size."""


def cap_size(cap_mm: float) -> float:
    """The font size (points) whose capitals are `cap_mm` millimetres tall."""
    return float(cap_mm * mm / CAP)


@dataclass(frozen=True)
class Kit:
    """What the tents, plans and screen cards of one build are drawn with."""

    width: float
    height: float
    shaper: Shaper
    fonts: PdfFonts
    locale: Locale
    agenda: Agenda
    fitter: Fitter = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "fitter", Fitter(self.shaper, FAMILY))

    @classmethod
    def of(cls, agenda: Agenda, paper: str, shaper: Shaper, locale: Locale) -> Kit:
        w, h = PAPERS[paper]
        return cls(float(w), float(h), shaper, PdfFonts(), locale, agenda)

    @property
    def scale(self) -> float:
        """This paper's size against A4 (sizes are designed for A4)."""
        a4w, a4h = PAPERS["A4"]
        return float(min(self.width / a4w, self.height / a4h))

    def pt(self, size: float) -> float:
        return size * self.scale


def draw(canvas: Canvas, fonts: PdfFonts, layout: Layout, x: float, top: float, width: float,
         colour: tuple[float, float, float] = INK, align: str = "left") -> float:
    """Draw `layout` in `colour` in the box at (x, top); return the y of its bottom."""
    set_fill(canvas, colour)
    layout.draw(canvas, fonts, x, top, width, align=align)
    return top - layout.height


def rect(canvas: Canvas, x: float, y: float, w: float, h: float,
         colour: tuple[float, float, float]) -> None:
    set_fill(canvas, colour)
    canvas.rect(x, y, w, h, stroke=0, fill=1)
