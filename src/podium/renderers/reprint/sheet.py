"""Drawing stage of reprint/changes.pdf: the A4 change sheet for the information desk and room
staff: every change in time order (day, time and room, the words, the booklet pages), each
item's changes with a QR code to its online page, over as many pages as it needs."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from podium.renderers.reprint.paper import ACCENT, INK, SECOND, TINT, Tools, draw_qr, qr_side
from podium.renderers.reprint.rows import Row, When
from podium.text import Layout, set_fill

PAGE = A4
MARGIN = float(14 * mm)
QR = float(19 * mm)
"""The dark part of each row's code: read from a hand's length on a desk or a door."""
PAD = 5.0
GAP = 9.0
"""Between the columns, in points."""
WHEN_W = float(30 * mm)
ROOM_W = float(32 * mm)
HEAD_H = 16.0


@dataclass(frozen=True)
class Cells:
    """A row's texts, fitted to their columns."""

    day: Layout | None
    time: Layout | None
    was: Layout | None
    room: Layout | None
    texts: tuple[Layout, ...]
    pages: Layout | None
    url: Layout
    qr: float

    @property
    def height(self) -> float:
        when = sum(x.height + 1.5 for x in (self.day, self.time, self.was) if x is not None)
        room = self.room.height if self.room else 0.0
        words = sum(t.height + 3.0 for t in self.texts) + (
            self.pages.height + 2.0 if self.pages else 0.0) + self.url.height
        return max(when, room, words, self.qr) + 2 * PAD


def _inner() -> float:
    return float(PAGE[0]) - 2 * MARGIN


def _change_w(t: Tools, row: Row) -> float:
    return _inner() - WHEN_W - ROOM_W - 3 * GAP - qr_side(row.url, QR)


def cells(t: Tools, row: Row) -> Cells:
    """Fit a row's texts (FitError, naming the text, when one cannot fit)."""
    wide = _change_w(t, row)
    when, was = row.when, row.was
    pages = None
    if row.pages:
        label = t.locale.label("pages" if len(row.pages) > 1 else "page")
        pages = t.text(f"{label} {', '.join(map(str, row.pages))}", wide, 8.5, 7, lines=3)
    return Cells(
        t.text(when.day, WHEN_W, 10, 7.5, bold=True) if when else None,
        t.text(when.time, WHEN_W, 10, 7.5) if when else None,
        t.text(_was(when, was), WHEN_W - PAD, 8.5, 7, lines=4) if was else None,
        t.text(when.room, ROOM_W, 10, 7.5, lines=3) if when and when.room else None,
        tuple(t.text(text, wide, 10, 8, lines=14) for text in row.texts),
        pages,
        t.text(row.url.removeprefix("https://"), wide, 7.5, 6, lines=3),
        qr_side(row.url, QR))


Part = tuple[Layout, tuple[float, float, float], float]


def _was(when: When | None, was: When) -> str:
    """Where and when a moved item was, as far as it differs: '14:15–15:45', or with its
    day, or room."""
    parts = [was.day if when is None or was.day != when.day else None, was.time,
             f"({was.room})" if was.room and (when is None or was.room != when.room) else None]
    return " ".join(p for p in parts if p)


def _header(t: Tools, since: str, page: int, pages: int) -> list[Part]:
    w = _inner()
    pager = t.locale.label("page_of").format(page=page, pages=pages)
    return [
        (t.text(t.agenda.event.title, w, 10, 7, lines=2, bold=True), ACCENT, 0.0),
        (t.text(t.locale.label("change_sheet"), w, 20, 12, lines=2, bold=True), INK, 4.0),
        (t.text(f"{since}  ·  {pager}", w, 11, 8, lines=3), SECOND, 3.0),
    ]


def _header_height(t: Tools, since: str) -> float:
    return sum(layout.height + gap for layout, _, gap in _header(t, since, 999, 999)) + 10 + HEAD_H


def paginate(t: Tools, rows: list[Row], since: str) -> list[list[tuple[Row, Cells]]]:
    """Rows on pages: a row that is taller than a page is split between its texts (a text
    taller than a page cannot be: it fits 14 lines at most)."""
    usable = PAGE[1] - 2 * MARGIN - _header_height(t, since)
    pages: list[list[tuple[Row, Cells]]] = [[]]
    room = usable
    for row in rows:
        for part in _parts(t, row, usable):
            c = cells(t, part)
            if c.height > room and pages[-1]:
                pages.append([])
                room = usable
            pages[-1].append((part, c))
            room -= c.height
    return pages


def _parts(t: Tools, row: Row, usable: float) -> list[Row]:
    """`row`, or rows of some of its texts each, each no taller than `usable`."""
    if cells(t, row).height <= usable or len(row.texts) == 1:
        return [row]
    out: list[Row] = []
    current: list[str] = []
    for text in row.texts:
        trial = dataclasses.replace(row, texts=[*current, text])
        if current and cells(t, trial).height > usable:
            out.append(dataclasses.replace(row, texts=current))
            current = [text]
        else:
            current.append(text)
    out.append(dataclasses.replace(row, texts=current))
    return out


def draw_sheet(canvas: Canvas, t: Tools, rows: list[Row], since: str) -> int:
    """Draw the change sheet; return its page count."""
    pages = paginate(t, rows, since)
    w = _inner()
    for number, chunk in enumerate(pages, start=1):
        canvas.setPageSize(PAGE)
        top = PAGE[1] - MARGIN
        for layout, colour, gap in _header(t, since, number, len(pages)):
            top = t.draw(canvas, layout, MARGIN, top - gap, w, colour)
        top -= 10
        _column_heads(canvas, t, top)
        top -= HEAD_H
        for row, c in chunk:
            _row(canvas, t, row, c, top)
            top -= c.height
            t.rule(canvas, MARGIN, MARGIN + w, top)
        canvas.showPage()
    return len(pages)


def _column_heads(canvas: Canvas, t: Tools, top: float) -> None:
    set_fill(canvas, TINT)
    canvas.rect(MARGIN, top - HEAD_H, _inner(), HEAD_H, stroke=0, fill=1)
    x = MARGIN
    for key, width in (("time", WHEN_W), ("room", ROOM_W), ("change", _inner())):
        label = t.text(t.locale.label(key), width, 9, 6.5, bold=True)
        t.draw(canvas, label, x + (PAD if key == "time" else 0), top - (HEAD_H - label.height)
               / 2, width, ACCENT)
        x += width + GAP


def _row(canvas: Canvas, t: Tools, row: Row, c: Cells, top: float) -> None:
    x = MARGIN + PAD
    y = top - PAD
    for layout, colour, struck in ((c.day, INK, False), (c.time, INK, False),
                                   (c.was, SECOND, True)):
        if layout is None:
            continue
        draw = t.struck if struck else t.draw
        y = draw(canvas, layout, x, y, WHEN_W - PAD, colour) - 1.5
    x = MARGIN + WHEN_W + GAP
    if c.room is not None:
        t.draw(canvas, c.room, x, top - PAD, ROOM_W)
    x += ROOM_W + GAP
    wide = _change_w(t, row)
    y = top - PAD
    for text in c.texts:
        y = t.draw(canvas, text, x, y, wide) - 3.0
    if c.pages is not None:
        y = t.draw(canvas, c.pages, x, y, wide, ACCENT) - 2.0
    t.draw(canvas, c.url, x, y, wide, SECOND)
    draw_qr(canvas, row.url, MARGIN + _inner(), top - PAD, QR)
