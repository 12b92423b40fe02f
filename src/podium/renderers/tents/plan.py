"""Drawing stage of the table tents: the seating plan of one session (the table as the hall
sees it, seat by seat, and who is on screen), printed before that session's tents."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from podium.model import Item, Room
from podium.present import Appearance, item_heading, item_when
from podium.renderers.tents.faces import below_line
from podium.renderers.tents.kit import ACCENT, INK, RULE, SECOND, Kit, draw, rect

MARGIN_MM = 14.0
PER_ROW = 6
"""Seats drawn side by side before the plan wraps to another row."""
TINT = (0.93, 0.95, 0.97)


def _seat_row(kit: Kit, canvas: Canvas, seats: list[Appearance], first: int, x: float,
              top: float, box: float, gap: float, scale: float) -> float:
    """One row of seat boxes (seat number, chair mark, name, organisation) from `top`, type
    sizes times `scale`; return the y under it."""
    f = kit.fitter

    def s(size: float) -> float:
        return kit.pt(size) * scale

    tallest = 0.0
    parts = []
    for k, seat in enumerate(seats, start=first):
        role = kit.locale.label("chair") if seat.as_chair else ""
        head = f"{kit.locale.label('seat')} {k + 1}" + (f" · {role}" if role else "")
        # Shrunk, then wrapped (`fit`): one shaping for most texts, and a plan fits every
        # name and organisation of the event once more.
        pieces = [f.fit(head, width=box - s(8), max_size=s(10), min_size=s(6), max_lines=2,
                        bold=True, line_height=1.15)]
        pieces.append(f.fit(seat.name, width=box - s(8), max_size=s(18), min_size=s(11),
                            max_lines=4, bold=True, line_height=1.15, wrap_min_size=s(6)))
        org = below_line(seat.person)
        if org:
            pieces.append(f.fit(org, width=box - s(8), max_size=s(12), min_size=s(9),
                                max_lines=6, line_height=1.15, wrap_min_size=s(5.5)))
        parts.append((seat.as_chair, pieces))
        tallest = max(tallest, sum(p.height for p in pieces) + s(4) * (len(pieces) - 1))
    height = tallest + s(16)
    for k, (is_chair, pieces) in enumerate(parts):
        bx = x + k * (box + gap)
        rect(canvas, bx, top - height, box, height, TINT)
        if is_chair:
            rect(canvas, bx, top - s(3), box, s(3), ACCENT)
        y = top - s(8)
        for j, piece in enumerate(pieces):
            colour = ACCENT if j == 0 else INK if j == 1 else SECOND
            y = draw(canvas, kit.fonts, piece, bx + s(4), y, box - s(8), colour, "center") - s(4)
    return top - height


class PlanTooFull(ValueError):
    """A session's texts do not fit its seating plan page."""

    def __init__(self, item: Item, message: str) -> None:
        self.item = item
        super().__init__(message)


def draw_plan(kit: Kit, canvas: Canvas, item: Item, room: Room | None,
              seats: list[Appearance], screen: list[Appearance]) -> None:
    """The plan page of `item`: heading, when and where, the seats left to right as the
    hall sees them (chairs marked), the table, the hall, and the speakers on screen."""
    s, f = kit.pt, kit.fitter
    margin = MARGIN_MM * mm * kit.scale
    x, width = margin, kit.width - 2 * margin
    top = kit.height - margin
    label = f"{kit.locale.label('seating_plan').upper()}  ·  {kit.agenda.event.title}"
    top = draw(canvas, kit.fonts, f.largest(label, width=width, max_size=s(11), min_size=s(7),
                                            max_lines=2, bold=True), x, top, width, ACCENT)
    heading = f.largest(item_heading(item, kit.locale), width=width, max_size=s(30),
                        min_size=s(13), max_lines=3, bold=True)
    top = draw(canvas, kit.fonts, heading, x, top - s(8), width)
    where = " · ".join(v for v in (kit.locale.long_date(item.date), item_when(item, kit.locale),
                                   room.name if room else kit.agenda.event.venue) if v)
    top = draw(canvas, kit.fonts, f.largest(where, width=width, max_size=s(15), min_size=s(10),
                                            max_lines=2), x, top - s(4), width, SECOND)
    top -= s(40)
    gap = s(6)
    # A long table wraps on the page after PER_ROW seats; seat numbers run on.
    per_row = max(1, min(len(seats), PER_ROW))
    # A seat is at most a third of the table wide; a short row is centred on it.
    box = min((width - gap * (per_row - 1)) / per_row, width / 3)
    for start in range(0, len(seats), per_row):
        row = seats[start:start + per_row]
        left = x + (width - len(row) * box - gap * (len(row) - 1)) / 2
        # Several rows share the page: their type is a quarter smaller.
        top = _seat_row(kit, canvas, row, start, left, top, box, gap,
                        1.0 if len(seats) <= PER_ROW else 0.75) - s(6)
    rect(canvas, x, top - s(10), width, s(10), RULE)
    top -= s(10) + s(14)
    hall = f.largest(kit.locale.label("audience"), width=width, max_size=s(13), min_size=s(9),
                     bold=True)
    if top - hall.height < margin:
        raise PlanTooFull(item, f"{len(seats)} seats do not fit the seating plan page")
    top = draw(canvas, kit.fonts, hall, x, top, width, SECOND, "center") - s(22)
    if screen:
        names = "; ".join(", ".join(v for v in (a.name, below_line(a.person)) if v)
                          for a in screen)
        text = f"{kit.locale.label('on_screen')}: {names}"
        layout = f.largest(text, width=width, max_size=s(13), min_size=s(8), max_lines=4)
        if top - layout.height < margin:
            raise PlanTooFull(item, "the speakers on screen do not fit the seating plan")
        draw(canvas, kit.fonts, layout, x, top, width, INK)
