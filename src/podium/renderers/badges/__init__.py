"""Rendering stage: name badges — every in-person participant on sheets of a stock, one PDF.

The stages, in order:
1. choose the holders (in-person programme people, attendees CSV; `--people` for reprints);
2. resolve each holder's QR content from `print.badge_qr`;
3. draw the sheets page by page (fronts, and mirrored backs when double-sided), streaming;
4. return the file with a preflight report (categories, shrunk and wrapped names, fallback
   fonts), which the CLI prints.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from reportlab.lib.colors import HexColor
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from podium.context import BuildContext
from podium.load import Programme
from podium.output import Written
from podium.present import locale_of
from podium.printopts import PrintSettings
from podium.problems import AgendaError, Problem, display_name
from podium.renderers.badges.artist import SANS, Artist, Box, Notes
from podium.renderers.badges.holders import Holder, holders
from podium.renderers.badges.stocks import Stock, stock_named
from podium.text import FitError, MissingGlyphs, PdfFonts, Shaper, new_canvas

MARK_OFFSET = 2 * mm
MARK_LENGTH = 5 * mm


def render(ctx: BuildContext) -> list[Written]:
    """Write badges.pdf for every badge holder (or those named in ctx.options["people"])."""
    programme = ctx.programme
    settings = programme.agenda.print_
    stock = _stock(programme, settings)
    chosen = holders(programme, settings, ctx.options.get("people"))          # 1
    if not chosen:
        return []
    codes = [qr_content(programme, settings, h) for h in chosen]              # 2
    path = ctx.out("badges.pdf")
    shaper = Shaper(ctx.fonts)
    pages, notes = write_badges(path, programme, chosen, codes, stock, shaper, ctx.epoch)  # 3
    return [Written(path, pages, report=preflight(chosen, notes, stock, pages))]  # 4


def _problem(programme: Programme, key: str, message: str) -> AgendaError:
    return AgendaError([Problem(display_name(programme.source), 1, None, key, message)])


def _stock(programme: Programme, settings: PrintSettings) -> Stock:
    try:
        return stock_named(settings.badge_stock)
    except KeyError as exc:
        raise _problem(programme, "print.badge_stock", str(exc.args[0])) from None


def qr_content(programme: Programme, settings: PrintSettings, holder: Holder) -> str | None:
    """What the holder's QR code says, from `print.badge_qr` (by category) or the default."""
    agenda = programme.agenda
    mode = settings.badge_qr.get(holder.category, settings.badge_qr_default).strip()
    if mode == "none":
        return None
    if mode == "agenda":
        return agenda.event.url
    if mode == "person":
        # Only people in the programme have an entry; delegates never appear in it.
        if holder.person is not None and agenda.appearances(holder.person.id):
            return agenda.url_for_person(holder.person)
        return agenda.event.url
    if mode.startswith("column:"):
        column = mode.removeprefix("column:").strip().lower()
        if holder.person is not None:
            return agenda.event.url
        value = holder.extra.get(column)
        if not value:
            file, line, _ = holder.where
            raise AgendaError([Problem(file, line, None, column,
                                       f"{holder.label} has no '{column}' for the QR code "
                                       f"(print.badge_qr says column:{column})")])
        return value
    raise _problem(programme, "print.badge_qr",
                   f"'{mode}' is not a QR content; use agenda, person, column:NAME or none")


def _logo(programme: Programme, settings: PrintSettings) -> Path | None:
    if not settings.logo:
        return None
    path = programme.base_dir / settings.logo
    if not path.is_file():
        raise _problem(programme, "print.logo", f"logo file '{settings.logo}' not found")
    return path


def write_badges(path: Path | str, programme: Programme, chosen: list[Holder],
                 codes: list[str | None], stock: Stock, shaper: Shaper,
                 epoch: int) -> tuple[int, list[Notes]]:
    """Draw every badge onto sheets of `stock`, page by page; return (pages, notes)."""
    settings = programme.agenda.print_
    fonts = PdfFonts()
    bleed = min(settings.badge_bleed_mm * mm, *(g / 2 for g in stock.gap if g > 0),
                _margin(stock)) if settings.badge_bleed_mm else 0.0
    artist = Artist(programme.agenda, settings, locale_of(programme.agenda), shaper, fonts,
                    stock.badge, bleed, _logo(programme, settings))
    canvas = new_canvas(str(path), stock.page, fonts, shaper.fonts.face(SANS), epoch=epoch,
                        title=f"{programme.agenda.event.title}: badges")
    dx, dy = (v * mm for v in settings.offset_mm)
    notes: list[Notes] = []
    pages = 0
    per = stock.per_page
    for start in range(0, len(chosen), per):
        sheet = list(zip(chosen[start:start + per], codes[start:start + per], strict=True))
        sides = [False, True] if settings.badge_double_sided else [False]
        for back in sides:
            canvas.saveState()
            canvas.translate(dx, dy)
            if settings.badge_cut_marks:
                _cut_marks(canvas, stock, bleed)
            for slot, (holder, code) in enumerate(sheet):
                box = Box(*stock.cell(slot, mirrored=back))
                _trim_outline(canvas, stock, box)
                try:
                    if back:
                        artist.back(canvas, box, holder)
                    else:
                        notes.append(artist.front(canvas, box, holder, code))
                except (FitError, MissingGlyphs) as exc:
                    file, line, key = holder.where
                    raise AgendaError([Problem(file, line, None, key, str(exc))]) from None
            canvas.restoreState()
            canvas.showPage()
            pages += 1
    canvas.save()
    return pages, notes


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
    cells = stock.cells()
    xs = sorted({round(c[0], 3) for c in cells} | {round(c[0] + c[2], 3) for c in cells})
    ys = sorted({round(c[1], 3) for c in cells} | {round(c[1] + c[3], 3) for c in cells})
    left, right, bottom, top = xs[0], xs[-1], ys[0], ys[-1]
    page_w, page_h = stock.page
    canvas.setStrokeColor(HexColor("#000000"))
    canvas.setLineWidth(0.3)
    gap = MARK_OFFSET + bleed
    for lo, hi, coords, vertical in (
        (top + gap, page_h, xs, True), (0, bottom - gap, xs, True),
        (right + gap, page_w, ys, False), (0, left - gap, ys, False),
    ):
        length = min(MARK_LENGTH, hi - lo - 1 * mm)
        if length < 1.5 * mm:
            continue        # no margin on this side (stock cut edge to edge)
        start = lo if lo > 0 else hi - length
        for c in coords:
            if vertical:
                canvas.line(c, start, c, start + length)
            else:
                canvas.line(start, c, start + length, c)


def preflight(chosen: list[Holder], notes: list[Notes], stock: Stock, pages: int) -> str:
    """A short text for the person printing: counts, shrunk and wrapped names, fonts."""
    counts = Counter(h.category for h in chosen)
    per_cat = ", ".join(f"{cat} {n}" for cat, n in sorted(counts.items()))
    lines = [f"badges: {len(chosen)} ({per_cat}) on {pages} page{'s' * (pages != 1)} "
             f"of {stock.name}"]
    shrunk = [f"{h.name} ({n.name_size:g} pt)" for h, n in zip(chosen, notes, strict=True)
              if n.shrunk and not n.wrapped]
    wrapped = [f"{h.name} ({n.name_size:g} pt)" for h, n in zip(chosen, notes, strict=True)
               if n.wrapped]
    if shrunk:
        lines.append(f"  names shrunk to fit: {'; '.join(shrunk)}")
    if wrapped:
        lines.append(f"  names wrapped on two lines: {'; '.join(wrapped)}")
    fallback: Counter[str] = Counter()
    for n in notes:
        fallback.update(n.fallback)
    if fallback:
        used = ", ".join(f"{fam} ({n})" for fam, n in sorted(fallback.items()))
        lines.append(f"  fallback fonts (badges): {used}")
    return "\n".join(lines)
