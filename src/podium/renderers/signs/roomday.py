"""Drawing stage of the door signs: one room's programme for a day, as a timed list split over
numbered continuation pages when long (never shrunk below a readable size)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from reportlab.pdfgen.canvas import Canvas

from podium.pdf import PdfFonts
from podium.present import item_heading, item_when, speakers
from podium.renderers.signs.kit import (
    ACCENT,
    INK,
    SECOND,
    Kit,
    TextTooLong,
    cap_top,
    draw,
)
from podium.renderers.signs.plan import RoomDaySign
from podium.text import Box, FitError, Layout

TITLE_MAX, TITLE_MIN = 18.0, 16.0
"""Sizes of the titles in a list, on A4: read from a step or two away, and seven to nine
events to a page."""
TIME_SIZE = 17.0
GAP, TIGHT_GAP = 11.0, 7.0
"""Space between two events of a list (A4 points), and the closer spacing that keeps a day
from spilling an event or two onto a page of their own."""
SPILL = 2
"""At most this many events alone on a last page count as a spill, worth tightening for."""


@dataclass(frozen=True)
class Row:
    """One event of the list (a `podium.text.Box`): its time, and beside it the title with
    the speakers under it."""

    time: Layout
    title: Layout
    people: Layout | None
    quiet: bool
    """A break or meal: set in grey, regular weight."""
    gap: float
    time_w: float
    """Width of the list's time column, in which the time is set."""

    @property
    def height(self) -> float:
        h = max(self.time.height, self.title.height)
        return h + (self.gap + self.people.height if self.people else 0.0)

    @property
    def width(self) -> float:
        return self.time_w + max(self.title.width, self.people.width if self.people else 0.0)

    def draw(self, canvas: Canvas, fonts: PdfFonts, x: float, top: float,
             width: float) -> None:
        colour = SECOND if self.quiet else INK
        # Time and title share their first baseline.
        shift = self.title.ascent - self.time.ascent
        draw(canvas, fonts, self.time, x, top - shift, self.time_w, colour)
        x += self.time_w
        bottom = draw(canvas, fonts, self.title, x, top, width - self.time_w, colour)
        if self.people:
            draw(canvas, fonts, self.people, x, bottom - self.gap, width - self.time_w, SECOND)


if TYPE_CHECKING:
    _ROW: type[Box] = Row       # mypy checks that a Row is a Box


@dataclass(frozen=True)
class Frame:
    """Where the list goes on a page of a room-day sign: rows beside the QR code (first page
    only) are narrower than those below it."""

    top: float
    bottom: float
    narrow: float
    full: float
    qr_bottom: float

    def width_at(self, y: float) -> float:
        return self.narrow if y > self.qr_bottom else self.full


class Lister:
    """Lays out the rows of one room-day sign at one title size."""

    def __init__(self, kit: Kit, sign: RoomDaySign) -> None:
        s = kit.page.pt
        self.kit, self.sign = kit, sign
        self.times = [kit.fitter.largest(item_when(it, kit.locale), width=kit.page.inner,
                              max_size=s(TIME_SIZE), min_size=s(TIME_SIZE), bold=True)
                      for it in sign.items]
        self.time_w = max(t.width for t in self.times) + s(18)
        self.headings = [item_heading(it, kit.locale) for it in sign.items]
        self.size = s(TITLE_MAX)

    def choose_size(self, title_w: float) -> None:
        """One title size for the whole list (mixed sizes read as noise): the largest at which
        every title takes at most three lines of the narrow width, but not below TITLE_MIN."""
        s = self.kit.page.pt
        size = s(TITLE_MAX)
        for text in self.headings:
            try:
                one = self.kit.fitter.largest(text, width=title_w, max_size=size,
                              min_size=s(TITLE_MIN), max_lines=3, bold=True)
                size = min(size, one.size)
            except FitError:
                size = s(TITLE_MIN)
        self.size = size

    def row(self, k: int, width: float) -> Row:
        kit, s, it = self.kit, self.kit.page.pt, self.sign.items[k]
        title_w = width - self.time_w
        quiet = it.is_break
        try:
            title = kit.fitter.largest(self.headings[k], width=title_w, max_size=self.size,
                            min_size=self.size, max_lines=4, bold=not quiet)
        except FitError as exc:
            raise TextTooLong(it, f"the title does not fit the room's door sign in 4 lines "
                                      f"at {self.size:g} pt; shorten it") from exc
        # Lines break between people, never inside a name.
        names = tuple(a.name + (f" ({kit.locale.label('remote')})" if a.remote else "")
                      for a in speakers(kit.agenda, it))
        people = None
        if names and not quiet:
            try:
                people = kit.fitter.units(names, sep=", ", width=title_w,
                                          max_size=self.size * 0.7, min_size=s(10), max_lines=2)
            except FitError:
                try:
                    people = kit.fitter.units(names, sep=", ", width=title_w, max_size=s(10),
                                              min_size=s(8), max_lines=4)
                except FitError as exc:
                    raise TextTooLong(it, f"the speakers do not fit the room's door sign in "
                                          f"4 lines at {s(8):g} pt, a name never broken: "
                                          f"{exc}") from exc
        return Row(self.times[k], title, people, quiet, s(1.5), self.time_w)

    def pages(self, first: Frame, rest: Frame, gap: float) -> list[list[tuple[Row, float]]]:
        """Rows (with their width) flowed into pages (the first page's frame, then the
        others'); a row is never split."""
        pages: list[list[tuple[Row, float]]] = [[]]
        frame = first
        y = frame.top
        for k in range(len(self.sign.items)):
            width = frame.width_at(y)
            row = self.row(k, width)
            if pages[-1] and y - row.height < frame.bottom:
                pages.append([])
                frame = rest
                y = frame.top
                width = frame.width_at(y)
                row = self.row(k, width)
            pages[-1].append((row, width))
            y -= row.height + gap
        return pages


def draw_room_day(kit: Kit, canvas: Canvas, sign: RoomDaySign, title_cap: float | None = None,
                  sizes: list[float] | None = None) -> int:
    """Draw every page of the sign (calling showPage after each); return the page count.
    Titles are set at most at `title_cap`, the build's size. With `sizes`, only measure:
    append the title size this list would choose alone, and draw nothing more (0 pages)."""
    p, s = kit.page, kit.page.pt
    room = sign.room.name if sign.room else kit.agenda.event.venue
    date_text = kit.locale.long_date(sign.day.date)
    gap = s(GAP)

    def furniture(number: int, total: int | None) -> tuple[float, float, float, float, float]:
        """Header, date and page mark; return (top of the list, width beside the QR code,
        bottom of the QR code, right end and capitals' top of the date line). The QR code
        is on the first page only, in the top right corner, so that the list has the page's
        full width below it and on the others."""
        end, narrow, qr_bottom = p.right, p.inner, math.inf
        if number == 1:
            qr_left, qr_bottom = kit.qr_block(canvas, kit.agenda.event.url, p.right, p.top,
                                              kit.locale.label("scan"))
            end = qr_left - s(28)
            narrow = qr_left - s(24) - p.left
        date_top = kit.header(canvas, room, right=end) - s(14)
        title = date_text if number == 1 else f"{date_text} ({kit.locale.label('continued')})"
        # Room on the right of the date line for the page mark.
        date = kit.fitter.largest(title, width=end - p.left - s(130), max_size=s(24),
                       min_size=s(16), bold=True)
        draw(canvas, kit.fonts, date, p.left, date_top + cap_top(date), end - p.left, ACCENT)
        if total and total > 1:
            _page_mark(kit, canvas, number, total, end, date_top)
        return (date_top - 0.714 * date.size - s(16), narrow, qr_bottom - s(8), end,
                date_top)

    lister = Lister(kit, sign)
    # The first page's furniture is drawn before the rows are known (it fixes where they go);
    # its page mark, which needs the page count, is added once the rows are flowed. Later
    # pages have no QR code: their header is never higher than the first page's, whose list
    # top they share.
    top, narrow, qr_bottom, first_end, first_date_top = furniture(1, None)
    bottom = p.bottom
    first = Frame(top, bottom, narrow, p.inner, qr_bottom)
    rest = Frame(top, bottom, p.inner, p.inner, math.inf)
    lister.choose_size(narrow - lister.time_w)
    if sizes is not None:
        sizes.append(lister.size)
        return 0
    if title_cap is not None:
        lister.size = min(lister.size, title_cap)     # one title size for every list
    pages = lister.pages(first, rest, gap)
    if len(pages) > 1 and len(pages[-1]) <= SPILL:
        # A day that only just overflows reads better on one page fewer, set a little
        # tighter (closer rules, then titles down to TITLE_MIN), than with an event or two
        # alone on a last page.
        chosen = lister.size
        for size, tight in ((chosen, s(TIGHT_GAP)), (s(TITLE_MIN), gap),
                            (s(TITLE_MIN), s(TIGHT_GAP))):
            lister.size = size
            fewer = lister.pages(first, rest, tight)
            if len(fewer) < len(pages):
                pages, gap = fewer, tight
                break
    for number, page_rows in enumerate(pages, start=1):
        if number > 1:
            furniture(number, len(pages))
        elif len(pages) > 1:
            _page_mark(kit, canvas, 1, len(pages), first_end, first_date_top)
        y = (first if number == 1 else rest).top
        for k, (row, width) in enumerate(page_rows):
            if k:
                kit.rule(canvas, y - gap / 2, s(0.6), SECOND, p.left, p.left + width)
                y -= gap
            row.draw(canvas, kit.fonts, p.left, y, width)
            y -= row.height
        canvas.showPage()
    return len(pages)


def _page_mark(kit: Kit, canvas: Canvas, number: int, total: int, right: float,
               caps_top: float) -> None:
    """'Page 2 of 4' at the right end of the date line, capitals level with the date's."""
    s = kit.page.pt
    text = kit.locale.label("page_of").format(page=number, pages=total)
    mark = kit.fitter.largest(text, width=s(124), max_size=s(14), min_size=s(9), bold=True)
    draw(canvas, kit.fonts, mark, right - mark.width, caps_top + cap_top(mark), mark.width,
         SECOND)
