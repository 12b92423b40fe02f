"""Drawing stage of the door signs: one room's programme for a day, as a timed list split over
numbered continuation pages when long (never shrunk below a readable size)."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.pdfgen.canvas import Canvas

from podium.present import item_heading, item_times, speakers
from podium.renderers.signs.kit import ACCENT, INK, SECOND, Kit, cap_top, draw, largest
from podium.renderers.signs.plan import BREAKS, RoomDaySign
from podium.text import FitError, Layout

TITLE_MAX, TITLE_MIN = 22.0, 15.0
"""Sizes of the titles in a list, on A4."""
TIME_SIZE = 21.0


class ListTitleTooLong(ValueError):
    """An item's title does not fit a room-day list at the minimum size."""

    def __init__(self, item_index: int, message: str) -> None:
        self.item_index = item_index
        super().__init__(message)


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
    """Where the list goes on every page of a room-day sign (the header is the same on each)."""

    date_top: float
    top: float
    bottom: float
    left: float
    width: float


def _frame(kit: Kit, header_bottom: float) -> Frame:
    p, s = kit.page, kit.page.pt
    date_top = header_bottom - s(24)
    qr_w = kit.qr_width + s(24)
    return Frame(date_top, date_top - s(58), p.bottom + s(30), p.left,
                 p.inner - qr_w - s(36))


def _rows(kit: Kit, sign: RoomDaySign, frame: Frame) -> tuple[list[Row], float]:
    s = kit.page.pt
    times = [largest(kit.shaper, item_times(kit.agenda, sign.day, it), width=frame.width / 3,
                     max_size=s(TIME_SIZE), min_size=s(TIME_SIZE), bold=True)
             for it in sign.items]
    time_w = max(t.width for t in times) + s(22)
    title_w = frame.width - time_w
    headings = [item_heading(it, kit.locale) for it in sign.items]
    # One title size for the whole list (a list of mixed sizes reads as noise): the largest at
    # which every title takes at most two lines; three lines at the minimum for the longest.
    size = s(TITLE_MAX)
    for text in headings:
        try:
            one = largest(kit.shaper, text, width=title_w, max_size=size, min_size=s(TITLE_MIN),
                          max_lines=2, bold=True)
            size = min(size, one.size)
        except FitError:
            size = s(TITLE_MIN)
    rows = []
    for k, (it, text, t) in enumerate(zip(sign.items, headings, times, strict=True)):
        quiet = it.kind in BREAKS
        try:
            title = largest(kit.shaper, text, width=title_w, max_size=size, min_size=size,
                            max_lines=3, bold=not quiet)
        except FitError as exc:
            raise ListTitleTooLong(k, f"the title does not fit the room's door sign in 3 lines "
                                      f"at {size:g} pt; shorten it") from exc
        names = ", ".join(a.name + (f" ({kit.locale.label('remote')})" if a.remote else "")
                          for a in speakers(kit.agenda, it))
        people = None
        if names and not quiet:
            try:
                people = largest(kit.shaper, names, width=title_w, max_size=size * 0.7,
                                 min_size=s(10), max_lines=2)
            except FitError:
                people = largest(kit.shaper, names, width=title_w, max_size=s(10),
                                 min_size=s(8), max_lines=4)
        rows.append(Row(t, title, people, quiet, s(3)))
    return rows, time_w


def paginate(rows: list[Row], room: float, gap: float) -> list[list[Row]]:
    """Rows into pages of at most `room` points each; a row is never split."""
    pages: list[list[Row]] = [[]]
    used = 0.0
    for row in rows:
        need = row.height + (gap if pages[-1] else 0.0)
        if pages[-1] and used + need > room:
            pages.append([])
            used, need = 0.0, row.height
        pages[-1].append(row)
        used += need
    return pages


def draw_room_day(kit: Kit, canvas: Canvas, sign: RoomDaySign) -> int:
    """Draw every page of the sign (calling showPage after each); return the page count."""
    p, s = kit.page, kit.page.pt
    room = sign.room.name if sign.room else kit.agenda.event.venue
    frame = _frame(kit, kit.header(canvas, room))
    rows, time_w = _rows(kit, sign, frame)
    gap = s(20)
    pages = paginate(rows, frame.top - frame.bottom, gap)
    date_text = kit.locale.long_date(sign.day.date)
    for number, page_rows in enumerate(pages, start=1):
        if number > 1:
            kit.header(canvas, room)
        kit.qr_block(canvas, kit.agenda.event.url, p.right, frame.date_top, kit.locale.label("scan"))
        title = date_text if number == 1 else f"{date_text} ({kit.locale.label('continued')})"
        date = largest(kit.shaper, title, width=frame.width, max_size=s(30), min_size=s(16),
                       bold=True)
        draw(canvas, kit.fonts, date, p.left, frame.date_top + cap_top(date), frame.width, ACCENT)
        y = frame.top
        for k, row in enumerate(page_rows):
            if k:
                kit.rule(canvas, y - gap / 2, s(0.6), SECOND, p.left, p.left + frame.width)
                y -= gap
            colour = SECOND if row.quiet else INK
            draw(canvas, kit.fonts, row.time, p.left, y, time_w, colour)
            bottom = draw(canvas, kit.fonts, row.title, p.left + time_w, y,
                          frame.width - time_w, colour)
            if row.people:
                draw(canvas, kit.fonts, row.people, p.left + time_w, bottom - row.gap,
                     frame.width - time_w, SECOND)
            y -= row.height
        if len(pages) > 1:
            text = kit.locale.label("page_of").format(page=number, pages=len(pages))
            mark = largest(kit.shaper, text, width=p.inner / 3, max_size=s(13), min_size=s(13),
                           bold=True)
            kit.footer_rule(canvas, p.bottom + mark.height + s(8))
            draw(canvas, kit.fonts, mark, p.right - mark.width, p.bottom + mark.height,
                 mark.width)
        canvas.showPage()
    return len(pages)
