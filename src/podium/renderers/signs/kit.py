"""Drawing stage of the door signs: page geometry, type scale, and the parts every sign shares
(header with event and room, QR code with its URL, footer), all set with podium.text."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from reportlab.lib.pagesizes import A3, A4, landscape, letter
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from podium import qr
from podium.i18n import Locale
from podium.model import Agenda, Item
from podium.text import Fitter, Layout, PdfFonts, Shaper, set_fill

FAMILY = "Noto Sans"
INK = (0.0, 0.0, 0.0)
SECOND = (0.22, 0.22, 0.22)
"""Secondary text: dark grey, still above 10:1 contrast on white."""
ACCENT = (0.09, 0.25, 0.42)
"""Navy for labels and rules: never the only carrier of meaning (labels are words)."""
PAPERS = {"A4": landscape(A4), "A3": landscape(A3), "Letter": landscape(letter)}


@dataclass(frozen=True)
class Page:
    """A landscape sign page. Sizes are designed for A4 and multiplied by `scale`."""

    width: float
    height: float

    @classmethod
    def of(cls, paper: str) -> Page:
        w, h = PAPERS[paper]
        return cls(w, h)

    @cached_property
    def scale(self) -> float:
        a4w, a4h = PAPERS["A4"]
        return float(min(self.width / a4w, self.height / a4h))

    @property
    def margin(self) -> float:
        return float(10 * mm * self.scale)

    @property
    def left(self) -> float:
        return self.margin

    @property
    def right(self) -> float:
        return self.width - self.margin

    @property
    def top(self) -> float:
        return self.height - self.margin

    @property
    def bottom(self) -> float:
        return self.margin

    @property
    def inner(self) -> float:
        return self.right - self.left

    def pt(self, size: float) -> float:
        """A size designed for A4, on this paper."""
        return size * self.scale


class TextTooLong(ValueError):
    """A text of an item does not fit its sign at the smallest size allowed for it."""

    def __init__(self, item: Item, message: str) -> None:
        self.item = item
        super().__init__(message)


def draw(canvas: Canvas, fonts: PdfFonts, layout: Layout, x: float, top: float, width: float,
         colour: tuple[float, float, float] = INK, align: str = "left") -> float:
    """Draw `layout` in colour; return the y of its bottom."""
    set_fill(canvas, colour)
    layout.draw(canvas, fonts, x, top, width, align=align)
    return top - layout.height


def cap_top(layout: Layout) -> float:
    """How far below the box top the capitals begin (ascent includes room for accents)."""
    return layout.ascent - 0.714 * layout.size


@dataclass(frozen=True)
class Kit:
    """What every sign is drawn with: one per build."""

    page: Page
    shaper: Shaper
    fonts: PdfFonts
    locale: Locale
    agenda: Agenda
    logo: ImageReader | None
    fitter: Fitter = field(init=False, repr=False, compare=False)
    """Every text of the build fitted in FAMILY, remembered by text and box: names, labels,
    times and the header repeat from sign to sign (and across the people grids tried for
    one sign). Per build, so nothing leaks."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "fitter", Fitter(self.shaper, FAMILY))

    def rule(self, canvas: Canvas, y: float, weight: float, colour: tuple[float, float, float] = INK,
             x0: float | None = None, x1: float | None = None) -> None:
        set_fill(canvas, colour)
        left = self.page.left if x0 is None else x0
        right = self.page.right if x1 is None else x1
        canvas.rect(left, y - weight / 2, right - left, weight, stroke=0, fill=1)

    def header(self, canvas: Canvas, room: str | None, right: float | None = None) -> float:
        """Event (with logo) on the left, room name on the right (ending at `right`, by
        default the margin), a heavy rule under both; return the y below the rule."""
        p, s = self.page, self.page.pt
        top = p.top
        x = p.left
        end = p.right if right is None else right
        logo_h = s(34)
        if self.logo is not None:
            iw, ih = self.logo.getSize()
            lw = min(logo_h * iw / ih, s(160))
            lh = lw * ih / iw
            canvas.drawImage(self.logo, x, top - lh, lw, lh, mask="auto")
            x += lw + s(14)
        room_w = 0.0
        bottom = top - (logo_h if self.logo is not None else 0.0)
        if room:
            # One line when it can be 22 pt or more (the engine's own preference), else up to
            # three: long room names ("backspace / franconian.net - Bamberg") must still print.
            room_l = self.fitter.fit(room, width=(end - p.left) * 0.55, max_size=s(34),
                                     min_size=s(18), max_lines=3, bold=True, line_height=1.1,
                                     wrap_min_size=s(18))
            room_w = room_l.width
            bottom = min(bottom, draw(canvas, self.fonts, room_l, end - room_w, top, room_w,
                                      align="right"))
        ev = self.agenda.event
        left_w = end - x - (room_w + s(30) if room else 0)
        title = self.fitter.largest(ev.title, width=left_w, max_size=s(13), min_size=s(10),
                                    max_lines=2, bold=True)
        y = draw(canvas, self.fonts, title, x, top, left_w)
        where = ", ".join(v for v in (ev.venue, ev.city) if v)
        first, last = self.agenda.days[0].date, self.agenda.days[-1].date
        place = " · ".join(v for v in (where, self.locale.date_range(first, last)) if v)
        sub = self.fitter.largest(place, width=left_w, max_size=s(10.5), min_size=s(9),
                                  max_lines=2)
        y = draw(canvas, self.fonts, sub, x, y - s(2), left_w, SECOND)
        bottom = min(bottom, y) - s(8)
        self.rule(canvas, bottom, s(3), x1=end)
        return bottom - s(1.5)

    @property
    def qr_width(self) -> float:
        """Side of the dark part of every QR code: 40 mm on A4, scanned from a metre away."""
        return float(40 * mm * self.page.scale)

    def qr_block(self, canvas: Canvas, url: str, right: float, top: float,
                 caption: str | None = None) -> tuple[float, float]:
        """The QR code (dark modules 40 mm wide on A4) with its right edge at `right`, and the
        URL beneath it; return (left edge, bottom)."""
        s = self.page.pt
        matrix = qr.encode(url)
        side = self.qr_width
        module = side / matrix.size
        full = module * (matrix.size + 2 * qr.QUIET)
        # The quiet zone may reach into the margin: it is blank paper either way.
        left = right - side
        set_fill(canvas, INK)
        qr.draw(canvas, matrix, left - qr.QUIET * module, top - side - qr.QUIET * module, full)
        y = top - side - s(6)
        box = side + s(24)
        bx = min(left + side / 2 - box / 2, right - box)
        # The URL as one types it: a browser adds the https:// that the code carries.
        shown = url.removeprefix("https://")
        for text, size in ((caption, 10.0), (shown, 8.5)):
            if not text:
                continue
            layout = self.fitter.largest(text, width=box, max_size=s(size), min_size=s(6.5),
                                         max_lines=4, line_height=1.2)
            y = draw(canvas, self.fonts, layout, bx, y, box, SECOND, align="center") - s(3)
        return min(left, bx), y

    def footer_rule(self, canvas: Canvas, y: float) -> None:
        self.rule(canvas, y, self.page.pt(1), SECOND)
