"""Drawing stage of the door signs: one room's programme for a day, as a timed list split over
numbered continuation pages when long (never shrunk below a readable size)."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.pdfgen.canvas import Canvas

from podium.present import item_heading, item_times, speakers
from podium.renderers.signs.kit import (
    ACCENT,
    INK,
    SECOND,
    Kit,
    TextTooLong,
    cap_top,
    draw,
    largest,
)
from podium.renderers.signs.plan import BREAKS, RoomDaySign
from podium.text import FitError, Layout

TITLE_MAX, TITLE_MIN = 24.0, 16.0
"""Sizes of the titles in a list, on A4."""
TIME_SIZE = 21.0


@dataclass(frozen=True)
class Row:
    time: Layout
    title: Layout
    people: Layout | None
    quiet: bool
    """A break or meal: set in grey, regular weight."""
    gap: float

    @property
    def height(self) -> float:
        h = max(self.time.height, self.title.height)
        return h + (self.gap + self.people.height if self.people else 0.0)


@dataclass(frozen=True)
class Frame:
    """Where the list goes on every page of a room-day sign (the header and QR code are the
    same on each): rows beside the QR code are narrower than those below it."""

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
        self.times = [largest(kit.shaper, item_times(kit.agenda, sign.day, it), width=kit.page.inner,
                              max_size=s(TIME_SIZE), min_size=s(TIME_SIZE), bold=True)
                      for it in sign.items]
        self.time_w = max(t.width for t in self.times) + s(22)
        self.headings = [item_heading(it, kit.locale) for it in sign.items]
        self.size = s(TITLE_MAX)

    def choose_size(self, title_w: float) -> None:
        """One title size for the whole list (mixed sizes read as noise): the largest at which
        every title takes at most three lines of the narrow width, but not below TITLE_MIN."""
        s = self.kit.page.pt
        size = s(TITLE_MAX)
        for text in self.headings:
            try:
                one = largest(self.kit.shaper, text, width=title_w, max_size=size,
                              min_size=s(TITLE_MIN), max_lines=3, bold=True)
                size = min(size, one.size)
            except FitError:
                size = s(TITLE_MIN)
        self.size = size

    def row(self, k: int, width: float) -> Row:
        kit, s, it = self.kit, self.kit.page.pt, self.sign.items[k]
        title_w = width - self.time_w
        quiet = it.kind in BREAKS
        try:
            title = largest(kit.shaper, self.headings[k], width=title_w, max_size=self.size,
                            min_size=self.size, max_lines=4, bold=not quiet)
        except FitError as exc:
            raise TextTooLong(it, f"the title does not fit the room's door sign in 4 lines "
                                      f"at {self.size:g} pt; shorten it") from exc
        names = ", ".join(a.name + (f" ({kit.locale.label('remote')})" if a.remote else "")
                          for a in speakers(kit.agenda, it))
        people = None
        if names and not quiet:
            try:
                people = largest(kit.shaper, names, width=title_w, max_size=self.size * 0.7,
                                 min_size=s(10), max_lines=2)
            except FitError:
                people = largest(kit.shaper, names, width=title_w, max_size=s(10),
                                 min_size=s(8), max_lines=4)
        return Row(self.times[k], title, people, quiet, s(3))

    def pages(self, frame: Frame, gap: float) -> list[list[tuple[Row, float]]]:
        """Rows (with their width) flowed into pages; a row is never split."""
        pages: list[list[tuple[Row, float]]] = [[]]
        y = frame.top
        for k in range(len(self.sign.items)):
            width = frame.width_at(y)
            row = self.row(k, width)
            if pages[-1] and y - row.height < frame.bottom:
                pages.append([])
                y = frame.top
                width = frame.width_at(y)
                row = self.row(k, width)
            pages[-1].append((row, width))
            y -= row.height + gap
        return pages


def draw_room_day(kit: Kit, canvas: Canvas, sign: RoomDaySign) -> int:
    """Draw every page of the sign (calling showPage after each); return the page count."""
    p, s = kit.page, kit.page.pt
    room = sign.room.name if sign.room else kit.agenda.event.venue
    date_text = kit.locale.long_date(sign.day.date)
    gap = s(20)

    def furniture(number: int, total: int | None) -> tuple[float, float, float]:
        date_top = kit.header(canvas, room) - s(24)
        qr_left, qr_bottom = kit.qr_block(canvas, kit.agenda.event.url, p.right, date_top,
                                          kit.locale.label("scan"))
        narrow = qr_left - s(36) - p.left
        title = date_text if number == 1 else f"{date_text} ({kit.locale.label('continued')})"
        date = largest(kit.shaper, title, width=narrow, max_size=s(30), min_size=s(16), bold=True)
        draw(canvas, kit.fonts, date, p.left, date_top + cap_top(date), narrow, ACCENT)
        if total and total > 1:
            _page_mark(kit, canvas, number, total)
        return date_top - s(58), narrow, qr_bottom

    lister = Lister(kit, sign)
    # The first page's furniture is drawn before the rows are known (it fixes where they go);
    # its page mark, which needs the page count, is added once the rows are flowed.
    top, narrow, qr_bottom = furniture(1, None)
    frame = Frame(top, p.bottom + s(34), narrow, p.inner, qr_bottom - s(10))
    lister.choose_size(narrow - lister.time_w)
    pages = lister.pages(frame, gap)
    for number, page_rows in enumerate(pages, start=1):
        if number > 1:
            furniture(number, len(pages))
        elif len(pages) > 1:
            _page_mark(kit, canvas, 1, len(pages))
        y = frame.top
        for k, (row, width) in enumerate(page_rows):
            if k:
                kit.rule(canvas, y - gap / 2, s(0.6), SECOND, p.left, p.left + width)
                y -= gap
            colour = SECOND if row.quiet else INK
            draw(canvas, kit.fonts, row.time, p.left, y, lister.time_w, colour)
            x = p.left + lister.time_w
            bottom = draw(canvas, kit.fonts, row.title, x, y, width - lister.time_w, colour)
            if row.people:
                draw(canvas, kit.fonts, row.people, x, bottom - row.gap, width - lister.time_w,
                     SECOND)
            y -= row.height
        canvas.showPage()
    return len(pages)


def _page_mark(kit: Kit, canvas: Canvas, number: int, total: int) -> None:
    p, s = kit.page, kit.page.pt
    text = kit.locale.label("page_of").format(page=number, pages=total)
    mark = largest(kit.shaper, text, width=p.inner / 3, max_size=s(13), min_size=s(13), bold=True)
    kit.footer_rule(canvas, p.bottom + mark.height + s(8))
    draw(canvas, kit.fonts, mark, p.right - mark.width, p.bottom + mark.height, mark.width)
