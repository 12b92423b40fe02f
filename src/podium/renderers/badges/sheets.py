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
from podium.renderers.badges.artist import SANS, Artist
from podium.renderers.badges.holders import Holder
from podium.renderers.badges.parts import Box, Notes, Plan
from podium.renderers.badges.stocks import Stock
from podium.text import FitError, MissingGlyphs, Shaper

MARK_OFFSET = 2 * mm
MARK_NEAR = 0.5 * mm
MARK_SHORTEST = 1.25 * mm
MARK_LENGTH = 5 * mm
MARK_WIDTH = 0.3


@dataclass(frozen=True)
class Job:
    """What all sheets of one badges build share."""

    agenda: Agenda
    stock: Stock
    logo: Path | None
    epoch: int
    plan: Plan | None = None
    """The type scale and largest QR code of the whole build (`Artist.plan`), so that every
    chunk sets its badges alike; None: worked out from the badges drawn."""

    @property
    def bleed(self) -> float:
        settings = self.agenda.print_
        if not settings.badge_bleed_mm or self.stock.inset > 0:
            return 0.0      # the artwork stops inside the badge: nothing reaches the trim
        return float(min(settings.badge_bleed_mm * mm, *(g / 2 for g in self.stock.gap if g > 0),
                         _margin(self.stock)))


def draw_sheets(job: Job, path: Path | str, chosen: list[Holder], codes: list[str | None],
                shaper: Shaper, skip: int = 0) -> tuple[int, list[Notes]] | Problem:
    """Draw `chosen` on sheets of the job's stock into the PDF `path`; return (pages,
    notes), or the problem of the first badge that cannot be drawn (its text does not fit,
    or no bundled font has a character). The first `skip` slots of the first sheet stay
    empty (a partly used sheet: the reprints go on from slot skip + 1), front and back."""
    agenda, stock = job.agenda, job.stock
    settings = agenda.print_
    fonts = PdfFonts()
    bleed = job.bleed
    artist = make_artist(job, shaper, fonts)
    try:
        artist.use(job.plan or artist.plan(chosen, codes))
    except (FitError, MissingGlyphs) as exc:
        return chosen[0].problem(str(exc))
    canvas = new_canvas(str(path), stock.page, fonts, shaper.fonts.face(SANS), epoch=job.epoch,
                        title=f"{agenda.event.title}: {locale_of(agenda).label('badges')}",
                        lang=agenda.event.text_language)
    dx, dy = (v * mm for v in settings.offset_mm)
    notes: list[Notes] = []
    pages = 0
    per = stock.per_page
    boxes = {back: [_art(stock, stock.cell(slot, mirrored=back)) for slot in range(per)]
             for back in (False, True)}
    # Empty slots are None: nothing is drawn in them, on either side.
    slots: list[tuple[Holder, str | None] | None] = [None] * skip
    slots += list(zip(chosen, codes, strict=True))
    for start in range(0, len(slots), per):
        sheet = slots[start:start + per]
        sides = [False, True] if settings.badge_double_sided else [False]
        for back in sides:
            canvas.saveState()
            canvas.translate(dx, dy)
            if settings.badge_cut_marks:
                _cut_marks(canvas, stock, bleed)
            for slot, badge in enumerate(sheet):
                if badge is None:
                    continue
                holder, code = badge
                box = boxes[back][slot]
                _trim_outline(canvas, stock, Box(*stock.cell(slot, mirrored=back)))
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


def make_artist(job: Job, shaper: Shaper, fonts: PdfFonts) -> Artist:
    """The artist of the job's badges (their artwork size: the stock's badge less its
    inset on every side)."""
    agenda, stock = job.agenda, job.stock
    w, h = stock.badge
    art = (w - 2 * stock.inset, h - 2 * stock.inset)
    return Artist(agenda, agenda.print_, locale_of(agenda), shaper, fonts, art, job.bleed,
                  job.logo)


def _art(stock: Stock, cell: tuple[float, float, float, float]) -> Box:
    x, y, w, h = cell
    i = stock.inset
    return Box(x + i, y + i, w - 2 * i, h - 2 * i)


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
    # Half the line's width inside the safe area, so that no end of a mark reaches past it.
    x0, y0, x1, y1 = (v + d for v, d in zip(stock.safe_area(), (MARK_WIDTH / 2,) * 2
                                            + (-MARK_WIDTH / 2,) * 2, strict=True))
    segments = []
    for lo, hi, coords, vertical in (
        (top, y1, xs, True), (y0, bottom, xs, True),
        (right, x1, ys, False), (x0, left, ys, False),
    ):
        # Marks run from MARK_OFFSET beyond the bleed off the badges towards the sheet
        # edge, stopping at the safe area; in a narrow margin they come closer to the
        # badges (down to MARK_NEAR) rather than go.
        outward = lo in (top, right)
        room = hi - lo - bleed
        offset = MARK_OFFSET if room >= MARK_OFFSET + MARK_SHORTEST else MARK_NEAR
        length = min(MARK_LENGTH, room - offset)
        if length < MARK_SHORTEST - 1e-6:
            continue        # no margin on this side (stock cut edge to edge)
        start = lo + bleed + offset if outward else hi - bleed - offset - length
        for c in coords:
            ends = ((c, start), (c, start + length)) if vertical else ((start, c),
                                                                       (start + length, c))
            segments.append("{} {} m {} {} l".format(*(pdf_num(v) for end in ends for v in end)))
    if not segments:
        return ""
    return f"0 0 0 RG {pdf_num(MARK_WIDTH)} w {' '.join(segments)} S"
