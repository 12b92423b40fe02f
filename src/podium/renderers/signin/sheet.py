"""Drawing stage of the sign-in sheets: one sheet (a day's, or a session's) over as many
pages as it needs, a header on each (event, what the sheet is for, date, page x of y), then
a ruled table: number, name, organisation, a box to sign in; blank rows for walk-ins last."""

from __future__ import annotations

import math
from dataclasses import dataclass

from reportlab.lib.pagesizes import A4, letter
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from podium.attendance import Participant
from podium.i18n import Locale
from podium.model import Agenda
from podium.text import FitError, Fitter, Layout, PdfFonts, set_fill

FAMILY = "Noto Sans"
PAPERS = {"A4": A4, "Letter": letter}
INK = (0.0, 0.0, 0.0)
SECOND = (0.22, 0.22, 0.22)
ACCENT = (0.09, 0.25, 0.42)
TINT = (0.93, 0.95, 0.97)
ROW_MM = 11.0
"""Row height: room to sign by hand (10 mm is the least a signature needs)."""
MARGIN_MM = 14.0
COLUMNS = (0.06, 0.34, 0.34, 0.26)
"""Shares of the table's width: number, name, organisation, signature."""
PAD = 2.2
"""Padding inside a cell, in points (at each side, and above and below the text)."""


class NameTooLong(ValueError):
    """A person's name or organisation does not fit a row of the sheet."""

    def __init__(self, participant: Participant, message: str) -> None:
        self.participant = participant
        super().__init__(message)


@dataclass(frozen=True)
class Sheet:
    """One sign-in sheet: for what (a day, a session), when, and who is expected."""

    title: str
    when: str
    people: list[Participant]
    source: tuple[str | int, ...] = ("event", "title")
    """Where in the agenda the title comes from (an item's, or the event's), for errors."""


@dataclass(frozen=True)
class Tools:
    """What the sheets of one build are drawn with."""

    width: float
    height: float
    fitter: Fitter
    fonts: PdfFonts
    locale: Locale
    agenda: Agenda

    @classmethod
    def of(cls, paper: str, fitter: Fitter, locale: Locale, agenda: Agenda) -> Tools:
        w, h = PAPERS[paper]
        return cls(float(w), float(h), fitter, PdfFonts(), locale, agenda)

    @property
    def margin(self) -> float:
        return float(MARGIN_MM * mm)

    @property
    def columns(self) -> list[tuple[float, float]]:
        """(left, width) of each column."""
        inner = self.width - 2 * self.margin
        lefts = [self.margin + inner * sum(COLUMNS[:k]) for k in range(len(COLUMNS))]
        return [(x, inner * share) for x, share in zip(lefts, COLUMNS, strict=True)]


def _draw(canvas: Canvas, t: Tools, layout: Layout, x: float, top: float, width: float,
          colour: tuple[float, float, float] = INK, align: str = "left") -> float:
    set_fill(canvas, colour)
    layout.draw(canvas, t.fonts, x, top, width, align=align)
    return top - layout.height


Part = tuple[Layout, tuple[float, float, float], float]


def _header(t: Tools, sheet: Sheet, page: int, pages: int) -> list[Part]:
    """The header's layouts with their colours and the gap above each."""
    f = t.fitter
    width = t.width - 2 * t.margin
    pager = t.locale.label("page_of").format(page=page, pages=pages)
    return [
        (f.largest(t.agenda.event.title, width=width * 0.7, max_size=10, min_size=7, max_lines=2,
                   bold=True), ACCENT, 0.0),
        (f.largest(sheet.title, width=width, max_size=18, min_size=9, max_lines=4, bold=True),
         INK, 6.0),
        (f.largest(f"{sheet.when}  ·  {pager}", width=width, max_size=11, min_size=8,
                   max_lines=3), SECOND, 3.0),
    ]


def header_height(t: Tools, sheet: Sheet) -> float:
    """The header's height (the same on every page of a sheet: the widest page count)."""
    return sum(layout.height + gap for layout, _, gap in _header(t, sheet, 999, 999)) + 14.0


def rows_per_page(t: Tools, sheet: Sheet) -> int:
    usable = t.height - 2 * t.margin - header_height(t, sheet) - ROW_MM * mm  # column heads
    rows: int = math.floor(usable / (ROW_MM * mm) + 1e-6)
    return max(1, rows)


def page_count(t: Tools, sheet: Sheet, blank: int) -> int:
    return max(1, math.ceil((len(sheet.people) + blank) / rows_per_page(t, sheet)))


def cells(t: Tools, person: Participant) -> tuple[Layout, Layout | None]:
    """The name and organisation of a row, fitted to their cells (shrunk, then on up to
    three lines); NameTooLong if either cannot fit (7 and 6 pt)."""
    (_, name_w), (_, org_w) = t.columns[1], t.columns[2]
    room = ROW_MM * mm - 2 * PAD
    org = ", ".join(dict.fromkeys(v for v in (person.organisation,
                                              person.delegation or person.country) if v))
    try:
        name = t.fitter.largest(person.full_name, width=name_w - 2 * PAD, max_size=11,
                                min_size=7, max_lines=3, bold=True, max_height=room,
                                line_height=1.05)
        where = t.fitter.largest(org, width=org_w - 2 * PAD, max_size=9, min_size=6,
                                 max_lines=3, max_height=room, line_height=1.05) if org else None
    except FitError as exc:
        raise NameTooLong(person, f"'{exc.text}' does not fit its column of the sign-in sheet "
                          "in three lines (names at 7 pt or more, organisations at 6 pt); "
                          "shorten it") from None
    return name, where


def draw_sheet(canvas: Canvas, t: Tools, sheet: Sheet, blank: int) -> int:
    """Draw every page of `sheet` with at least `blank` empty rows after the people, the
    last page filled with them; return the number of pages."""
    per_page = rows_per_page(t, sheet)
    pages = page_count(t, sheet, blank)
    rows: list[Participant | None] = [*sheet.people]
    rows += [None] * (pages * per_page - len(rows))
    row_h = ROW_MM * mm
    for page in range(pages):
        top = t.height - t.margin
        for layout, colour, gap in _header(t, sheet, page + 1, pages):
            top = _draw(canvas, t, layout, t.margin, top - gap, t.width - 2 * t.margin, colour)
        top -= 14.0
        _column_heads(canvas, t, top, row_h)
        top -= row_h
        chunk = rows[page * per_page:(page + 1) * per_page]
        for k, person in enumerate(chunk):
            number = page * per_page + k + 1
            _row(canvas, t, top - k * row_h, row_h, number, person)
        _rules(canvas, t, top + row_h, top - len(chunk) * row_h, len(chunk) + 1, row_h)
        canvas.showPage()
    return pages


def _column_heads(canvas: Canvas, t: Tools, top: float, row_h: float) -> None:
    set_fill(canvas, TINT)
    canvas.rect(t.margin, top - row_h, t.width - 2 * t.margin, row_h, stroke=0, fill=1)
    labels = ("number", "name", "organisation", "signature")
    for (x, w), key in zip(t.columns, labels, strict=True):
        layout = t.fitter.largest(t.locale.label(key), width=w - 2 * PAD, max_size=9,
                                  min_size=6, bold=True)
        _draw(canvas, t, layout, x + PAD, top - (row_h - layout.height) / 2, w - 2 * PAD, ACCENT)


def _row(canvas: Canvas, t: Tools, top: float, row_h: float, number: int,
         person: Participant | None) -> None:
    (nx, nw), (mx, mw), (ox, ow) = t.columns[0], t.columns[1], t.columns[2]
    digits = t.fitter.largest(str(number), width=nw - 2 * PAD, max_size=9, min_size=6)
    _draw(canvas, t, digits, nx + PAD, top - (row_h - digits.height) / 2, nw - 2 * PAD, SECOND,
          "right")
    if person is None:
        return
    name, org = cells(t, person)
    _draw(canvas, t, name, mx + PAD, top - (row_h - name.height) / 2, mw - 2 * PAD)
    if org is not None:
        _draw(canvas, t, org, ox + PAD, top - (row_h - org.height) / 2, ow - 2 * PAD, SECOND)


def _rules(canvas: Canvas, t: Tools, top: float, bottom: float, lines: int, row_h: float) -> None:
    """The table's rules: under each row, and between the columns."""
    canvas.setStrokeColorRGB(0.45, 0.5, 0.56)
    canvas.setLineWidth(0.5)
    left, right = t.margin, t.width - t.margin
    for k in range(lines + 1):
        y = top - k * row_h
        canvas.line(left, y, right, y)
    for x, _ in t.columns[1:]:
        canvas.line(x, top, x, bottom)
    canvas.line(left, top, left, bottom)
    canvas.line(right, top, right, bottom)
