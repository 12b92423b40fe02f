"""Drawing stage of the table tents: screen cards for speakers who join by video link, one
16:9 page each (the video wall's shape), light text on a dark ground.

A PDF page rather than a PNG: it is drawn by the same engine as the tents (every script
shaped, a name that does not fit is an error), stays sharp at any resolution of the wall, and
one file holds every card; `pdftoppm -png -scale-to-x 1920 -scale-to-y 1080` makes PNGs."""

from __future__ import annotations

from reportlab.pdfgen.canvas import Canvas

from podium.model import Item, Person
from podium.present import item_heading
from podium.renderers.tents.faces import TentTooSmall, below_line, name_line
from podium.renderers.tents.kit import Kit, draw, rect
from podium.text import FitError

WIDTH, HEIGHT = 960.0, 540.0
"""13.33 x 7.5 inches: the 16:9 slide of presentation programs, shown full screen as is."""
GROUND = (0.06, 0.13, 0.22)
BAND = (0.09, 0.25, 0.42)
WHITE = (1.0, 1.0, 1.0)
PALE = (0.78, 0.85, 0.92)
MARGIN = 56.0
NAME_MIN = 40.0
"""Smallest name on a card (points on a 960-point-wide page: 1/24 of the width), read
across a hall from a projected wall."""


def draw_card(kit: Kit, canvas: Canvas, person: Person, item: Item | None) -> None:
    """One card: the event (and session) in a band at the top, then rank, name and
    organisation, with the video-link mark, centred on the dark ground."""
    f = kit.fitter
    width = WIDTH - 2 * MARGIN
    rect(canvas, 0, 0, WIDTH, HEIGHT, GROUND)
    head = item_heading(item, kit.locale) if item is not None else kit.agenda.event.title
    heading = f.largest(head, width=width, max_size=20, min_size=9, max_lines=3, bold=True)
    band = max(64.0, heading.height + 24)
    rect(canvas, 0, HEIGHT - band, WIDTH, band, BAND)
    draw(canvas, kit.fonts, heading, MARGIN, HEIGHT - (band - heading.height) / 2, width, WHITE)
    rank = f.largest(person.title, width=width, max_size=30, min_size=16, max_lines=2,
                     bold=True) if person.title else None
    text = below_line(person)
    below = f.largest(text, width=width, max_size=28, min_size=14, max_lines=3) if text else None
    mark = f.largest(kit.locale.label("video_link").upper(), width=width, max_size=18,
                     min_size=10, bold=True)
    gap = 16.0
    room = HEIGHT - band - 2 * 40 - sum(p.height + gap for p in (rank, below, mark) if p)
    name = name_line(person)
    try:
        layout = f.largest(name, width=width, max_size=110, min_size=NAME_MIN, max_lines=1,
                           bold=True, max_height=room, line_height=1.0)
    except FitError:
        try:
            layout = f.largest(name, width=width, max_size=110, min_size=NAME_MIN,
                               max_lines=2, bold=True, max_height=room, line_height=1.0)
        except FitError:
            raise TentTooSmall(person, f"the name '{name}' does not fit a screen card on two "
                               f"lines at {NAME_MIN:g} pt or more; give a shorter name") from None
    parts = [(p, c) for p, c in ((rank, PALE), (layout, WHITE), (below, PALE), (mark, PALE))
             if p is not None]
    total = sum(p.height for p, _ in parts) + gap * (len(parts) - 1)
    top = (HEIGHT - band) / 2 + total / 2
    for part, colour in parts:
        top = draw(canvas, kit.fonts, part, MARGIN, top, width, colour, "center") - gap
