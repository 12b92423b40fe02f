"""Drawing stage: a run of badge sheets (fronts, and mirrored backs) into one PDF file.

`Job` holds what every sheet of a build shares and pickles small, so that worker processes
(see `chunks`) draw exactly what a single process would."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from reportlab.lib.colors import HexColor
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from podium.fonts import FontRegistry
from podium.model import Agenda
from podium.pdf import PdfFonts, append_operators, new_canvas, pdf_num
from podium.present import locale_of
from podium.problems import Problem
from podium.renderers.badges.artist import SANS, Artist, Box, Notes
from podium.renderers.badges.holders import Holder
from podium.renderers.badges.stocks import Stock
from podium.text import FitError, MissingGlyphs, Shaper

MARK_OFFSET = 2 * mm
MARK_LENGTH = 5 * mm
MARK_WIDTH = 0.3


@dataclass(frozen=True)
class Job:
    """What all sheets of one badges build share."""

    agenda: Agenda
    stock: Stock
    logo: Path | None
    epoch: int

    @property
    def bleed(self) -> float:
        settings = self.agenda.print_
        if not settings.badge_bleed_mm:
            return 0.0
        return float(min(settings.badge_bleed_mm * mm, *(g / 2 for g in self.stock.gap if g > 0),
                         _margin(self.stock)))


def draw_sheets(job: Job, path: Path | str, chosen: list[Holder], codes: list[str | None],
                shaper: Shaper) -> tuple[int, list[Notes]] | Problem:
    """Draw `chosen` on sheets of the job's stock into the PDF `path`; return (pages,
    notes), or the problem of the first badge that cannot be drawn (its text does not fit,
    or no bundled font has a character)."""
    agenda, stock = job.agenda, job.stock
    settings = agenda.print_
    fonts = PdfFonts()
    bleed = job.bleed
    artist = Artist(agenda, settings, locale_of(agenda), shaper, fonts, stock.badge, bleed,
                    job.logo)
    canvas = new_canvas(str(path), stock.page, fonts, shaper.fonts.face(SANS), epoch=job.epoch,
                        title=f"{agenda.event.title}: {locale_of(agenda).label('badges')}",
                        lang=agenda.event.text_language)
    dx, dy = (v * mm for v in settings.offset_mm)
    notes: list[Notes] = []
    pages = 0
    per = stock.per_page
    boxes = {back: [Box(*stock.cell(slot, mirrored=back)) for slot in range(per)]
             for back in (False, True)}
    for start in range(0, len(chosen), per):
        sheet = list(zip(chosen[start:start + per], codes[start:start + per], strict=True))
        sides = [False, True] if settings.badge_double_sided else [False]
        for back in sides:
            canvas.saveState()
            canvas.translate(dx, dy)
            if settings.badge_cut_marks:
                _cut_marks(canvas, stock, bleed)
            for slot, (holder, code) in enumerate(sheet):
                box = boxes[back][slot]
                _trim_outline(canvas, stock, box)
                try:
                    if back:
                        artist.back(canvas, box, holder)
                    else:
                        notes.append(artist.front(canvas, box, holder, code))
                except (FitError, MissingGlyphs) as exc:
                    return holder.problem(str(exc))
            canvas.restoreState()
            canvas.showPage()
            pages += 1
    canvas.save()
    return pages, notes


def warm_fonts(fonts: FontRegistry, texts: Iterable[str]) -> None:
    """Load into ReportLab, once and before worker processes are forked, the main faces and
    every fallback face that a character of `texts` needs, so that each worker inherits
    them instead of parsing them again."""
    pdf_fonts = PdfFonts()
    chars: set[str] = set().union(*texts)
    for bold in (False, True):
        primary = fonts.face(SANS, bold=bold)
        pdf_fonts.name(primary)
        for char in sorted(chars):
            if ord(char) not in primary.codepoints:
                face = fonts.fallback_for(char, SANS, bold=bold)
                if face is not None:
                    pdf_fonts.name(face)


def _margin(stock: Stock) -> float:
    left, top = stock.origin
    return min(left, stock.page[1] - top)


def _trim_outline(canvas: Canvas, stock: Stock, box: Box) -> None:
    """Die-cut stock with rounded corners gets a hairline of its outline for checking."""
    if stock.radius <= 0:
        return
    canvas.setStrokeColor(HexColor("#BBBBBB"))
    canvas.setLineWidth(0.25)
    canvas.roundRect(box.x, box.y, box.w, box.h, stock.radius, stroke=1, fill=0)


def _cut_marks(canvas: Canvas, stock: Stock, bleed: float) -> None:
    """Short lines in the margins on the extension of every badge edge, never on a badge."""
    operators = _cut_mark_operators(stock, bleed)
    if operators:
        append_operators(canvas, operators)


@lru_cache(maxsize=16)
def _cut_mark_operators(stock: Stock, bleed: float) -> str:
    # The same on every sheet: worked out once, as one stroked path written directly.
    cells = stock.cells()
    xs = sorted({round(c[0], 3) for c in cells} | {round(c[0] + c[2], 3) for c in cells})
    ys = sorted({round(c[1], 3) for c in cells} | {round(c[1] + c[3], 3) for c in cells})
    left, right, bottom, top = xs[0], xs[-1], ys[0], ys[-1]
    page_w, page_h = stock.page
    gap = MARK_OFFSET + bleed
    segments = []
    for lo, hi, coords, vertical in (
        (top + gap, page_h, xs, True), (0, bottom - gap, xs, True),
        (right + gap, page_w, ys, False), (0, left - gap, ys, False),
    ):
        length = min(MARK_LENGTH, hi - lo - 1 * mm)
        if length < 1.5 * mm:
            continue        # no margin on this side (stock cut edge to edge)
        start = lo if lo > 0 else hi - length
        for c in coords:
            ends = ((c, start), (c, start + length)) if vertical else ((start, c),
                                                                       (start + length, c))
            segments.append("{} {} m {} {} l".format(*(pdf_num(v) for end in ends for v in end)))
    if not segments:
        return ""
    return f"0 0 0 RG {pdf_num(MARK_WIDTH)} w {' '.join(segments)} S"
