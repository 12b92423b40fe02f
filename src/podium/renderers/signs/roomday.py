"""Drawing stage of the door signs: one room's programme for a day, as a timed list split over
numbered continuation pages when long (never shrunk below a readable size)."""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
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
from podium.renderers.signs.nextline import draw_next, footer_height, next_line
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
    track: Layout | None = None
    """The item's track name: under the time, in the time column, where it fits there in
    three lines; else under the title and the speakers."""
    track_under_time: bool = True
    swatch: str | None = None
    """The track's colour (#RRGGBB), as a square before its name, never without it."""

    @property
    def swatch_w(self) -> float:
        """Room the swatch takes before the track name (none without a colour)."""
        return 0.0 if self.track is None or self.swatch is None else self.track.size * 1.05

    @property
    def height(self) -> float:
        left, right = self.time.height, self.title.height
        right += self.gap + self.people.height if self.people else 0.0
        if self.track and self.track_under_time:
            left += 2 * self.gap + self.track.height
        elif self.track:
            right += self.gap + self.track.height
        return max(left, right)

    @property
    def width(self) -> float:
        track = self.swatch_w + self.track.width if self.track and not self.track_under_time else 0.0
        return self.time_w + max(self.title.width, self.people.width if self.people else 0.0, track)

    def draw(self, canvas: Canvas, fonts: PdfFonts, x: float, top: float,
             width: float) -> None:
        colour = SECOND if self.quiet else INK
        # Time and title share their first baseline.
        shift = self.title.ascent - self.time.ascent
        below_time = draw(canvas, fonts, self.time, x, top - shift, self.time_w, colour)
        if self.track and self.track_under_time:
            self._draw_track(canvas, fonts, x, below_time - 2 * self.gap, self.time_w)
        x += self.time_w
        bottom = draw(canvas, fonts, self.title, x, top, width - self.time_w, colour)
        if self.people:
            bottom = draw(canvas, fonts, self.people, x, bottom - self.gap, width - self.time_w,
                          SECOND)
        if self.track and not self.track_under_time:
            self._draw_track(canvas, fonts, x, bottom - self.gap, width - self.time_w)

    def _draw_track(self, canvas: Canvas, fonts: PdfFonts, x: float, top: float,
                    width: float) -> None:
        if self.track is None:
            return
        if self.swatch:
            _swatch(canvas, self.swatch, x, top - self.track.ascent, 0.714 * self.track.size)
        draw(canvas, fonts, self.track, x + self.swatch_w, top, width - self.swatch_w, ACCENT)


def _swatch(canvas: Canvas, colour: str, x: float, baseline: float, side: float) -> None:
    """A square of the track's colour standing on the baseline, outlined so that a pale
    colour still shows on white."""
    red, green, blue = (int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5))
    canvas.saveState()
    canvas.setFillColorRGB(red, green, blue)
    canvas.setStrokeColorRGB(*SECOND)
    canvas.setLineWidth(side / 20)
    canvas.rect(x, baseline, side, side, stroke=1, fill=1)
    canvas.restoreState()


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
        self.under_time: bool | None = None
        """Where the rows put their track (None: each where it makes its row least tall)."""

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
        row = Row(self.times[k], title, people, quiet, s(1.5), self.time_w)
        track = kit.agenda.track_of(it)
        if track is None:
            return row
        places = [replace(row, track=label, track_under_time=under, swatch=track.colour)
                  for under, label in self._track_labels(track.name, bool(track.colour), title_w)]
        if not places:
            raise TextTooLong(it, f"the track name '{track.name}' does not fit the room's door "
                                  "sign in 2 lines at 9 pt; shorten it")
        chosen = [r for r in places if r.track_under_time == self.under_time]
        return (chosen or places)[0] if self.under_time is not None else \
            min(places, key=lambda r: r.height)

    def choose_track_place(self, width: float) -> None:
        """Where every row of the sign puts its track (one place, for a tidy list): below
        the time, in the time column's empty space, unless below the speakers makes the
        whole list shorter (long names in a narrow time column, as at FOSDEM)."""
        self.under_time = None
        if not any(self.kit.agenda.track_of(it) for it in self.sign.items):
            return
        totals = {}
        for under in (True, False):
            self.under_time = under
            totals[under] = sum(self.row(k, width).height for k in range(len(self.sign.items)))
        self.under_time = totals[True] <= totals[False]

    def _track_labels(self, name: str, swatch: bool, title_w: float) -> list[tuple[bool, Layout]]:
        """The track name at 11 pt or a little less, laid out under the time (three lines
        at most) and under the speakers (two), where it fits."""
        kit, s = self.kit, self.kit.page.pt
        size = s(11)
        room = size * 1.05 if swatch else 0.0
        out = []
        for under, width, lines in ((True, self.time_w - s(18), 3), (False, title_w, 2)):
            try:
                out.append((under, kit.fitter.largest(name, width=width - room, max_size=size,
                                                      min_size=s(9), max_lines=lines)))
            except FitError:
                continue
        return out

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
            # The code opens this room's day (the whole day when the event has no rooms).
            url = kit.agenda.url_for_room_day(sign.room.id if sign.room else None, sign.day.date)
            qr_left, qr_bottom = kit.qr_block(canvas, url, p.right, p.top, kit.locale.label("scan"))
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
    lister.choose_size(narrow - lister.time_w)
    if sizes is not None:
        sizes.append(lister.size)
        return 0
    # What comes next in the room on a later day (or that the day ends) closes the list; its
    # room is kept on every page, so the rows never run into it.
    footer = next_line(kit, sign.day, None, sign.following)
    bottom = p.bottom + (footer_height(footer) + s(16) if footer else 0.0)
    first = Frame(top, bottom, narrow, p.inner, qr_bottom)
    rest = Frame(top, bottom, p.inner, p.inner, math.inf)
    if title_cap is not None:
        lister.size = min(lister.size, title_cap)     # one title size for every list
    lister.choose_track_place(p.inner)
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
        if footer and number == len(pages):
            kit.footer_rule(canvas, p.bottom + footer_height(footer) + s(10))
            draw_next(kit, canvas, footer, p.bottom + footer_height(footer))
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
