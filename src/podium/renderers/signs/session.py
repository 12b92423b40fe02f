"""Drawing stage of the door signs: the sign of one session (date, big time, big title,
people, QR code to the session online, what comes next in the room)."""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable

from reportlab.pdfgen.canvas import Canvas

from podium.present import chairs, item_heading, item_times, item_when, speakers
from podium.renderers.signs.kit import (
    ACCENT,
    INK,
    SECOND,
    Kit,
    TextTooLong,
    cap_top,
    draw,
    )
from podium.renderers.signs.people import READABLE, Grid, people_grids
from podium.renderers.signs.plan import SessionSign
from podium.text import FitError, Layout

TITLE_MAX, TITLE_MIN, TITLE_LINES, TITLE_LINES_LONG = 64.0, 36.0, 3, 5
"""Title sizes on A4 (scaled for other papers): at least 36 pt, read across a corridor, in
three lines; a long imported title (150 characters) takes up to five before it is an error."""
TIME_MAX, TIME_MIN = 88.0, 56.0
TRADE_OFFS = ((TIME_MAX, 48.0, READABLE, TITLE_LINES), (TIME_MAX, TITLE_MIN, READABLE, TITLE_LINES),
              (72.0, TITLE_MIN, READABLE, TITLE_LINES), (60.0, TITLE_MIN, READABLE, TITLE_LINES),
              (TIME_MAX, TITLE_MIN, 0.0, TITLE_LINES), (60.0, TITLE_MIN, READABLE, TITLE_LINES_LONG),
              (TIME_MIN, TITLE_MIN, 0.0, TITLE_LINES_LONG))
"""(largest time, smallest title, smallest name, most title lines) tried in turn: what gives
way first when a session has many people or a very long title."""


def room_label(kit: Kit, sign: SessionSign) -> str | None:
    """The room name; without rooms, the venue (never the city: a door is not a city)."""
    return sign.room.name if sign.room else kit.agenda.event.venue


def draw_session(kit: Kit, canvas: Canvas, sign: SessionSign) -> None:
    p, s = kit.page, kit.page.pt
    item = sign.item
    # The QR code takes the top right corner, beside the header and the time: everything
    # under them (title, people) gets the full width of the page.
    qr_left, qr_bottom = kit.qr_block(canvas, kit.agenda.url_for_item(item), p.right, p.top)
    col_w = qr_left - s(28) - p.left
    top = kit.header(canvas, room_label(kit, sign), right=p.left + col_w) - s(14)
    when = kit.locale.long_date(item.date)
    if item.number is not None:
        when = f"{kit.locale.label('session').upper()} {item.number}  ·  {when}"
    date = kit.fitter.largest(when, width=col_w, max_size=s(23), min_size=s(16), bold=True)
    # Capitals of the date a fixed gap under the header; the time's capitals a fixed gap
    # under the date's baseline (layout boxes include room for accents, which digits lack).
    draw(canvas, kit.fonts, date, p.left, top + cap_top(date), col_w, ACCENT)
    time_caps = top - 0.714 * date.size - s(12)
    footer = _next_line(kit, sign)
    footer_h = _height(footer) + s(16) if footer else 0.0

    span = item_times(item)

    def below(time_size: float) -> tuple[Layout, float]:
        """The time at (at most) `time_size`, and the y under the band it ends."""
        times = kit.fitter.largest(span, width=col_w,
                        max_size=s(time_size), min_size=s(TIME_MIN), bold=True, line_height=1.0)
        return times, min(time_caps - 0.714 * times.size, qr_bottom) - s(16)

    times, title, grid, y = _layout(kit, sign, below, footer_h)
    draw(canvas, kit.fonts, times, p.left, time_caps + cap_top(times), col_w)
    room_for_title = y - footer_h - p.bottom
    gap = s(14) if grid.height else 0.0
    # Spare height opens the gaps around the title rather than pooling above the footer.
    spare = room_for_title - title.height - gap - grid.height
    y -= min(spare * 0.35, s(36))
    y = draw(canvas, kit.fonts, title, p.left, y, p.inner)
    if grid.height:
        grid.draw(canvas, kit.fonts, p.left, y - gap - min(spare * 0.35, s(36)), p.inner)
    if footer:
        kit.footer_rule(canvas, p.bottom + _height(footer) + s(10))
        _draw_next(kit, canvas, footer, p.bottom + _height(footer))


def _layout(kit: Kit, sign: SessionSign, below: Callable[[float], tuple[Layout, float]],
            footer_h: float) -> tuple[Layout, Layout, Grid, float]:
    """(time, title, people, y under the time) in the order of what matters from afar: the
    time, a big title and names readable from three metres; then a smaller title; then a
    smaller time; smaller names only when nothing else is left. TextTooLong when the title
    alone cannot fit at TITLE_MIN."""
    p, s = kit.page, kit.page.pt
    ch, sp = chairs(kit.agenda, sign.item), speakers(kit.agenda, sign.item)
    gap = s(14) if ch or sp else 0.0
    # No grid can serve that leaves less than a one-line title under the lowest time.
    # A smaller time never sits lower, so the smallest time offered leaves the most room.
    best_room = below(min(t for t, _, _, _ in TRADE_OFFS))[1] - footer_h - p.bottom
    ink = kit.fitter.ink(sign.item.title, True)
    ascent, descent = kit.fitter.metrics()
    least_title = 0.0 if ink is None else (ascent + descent) * math.floor(s(TITLE_MIN) / 0.5) * 0.5
    grids = people_grids(kit, ch, sp, p.inner, best_room - gap - least_title)
    tried: list[Grid] = []
    for time_size, floor, smallest_name, lines in TRADE_OFFS:
        times, y = below(time_size)
        room = y - footer_h - p.bottom
        for k in itertools.count():
            if k == len(tried):
                grid = next(grids, None)
                if grid is None:
                    break
                tried.append(grid)
            grid = tried[k]
            # Readable from three metres is a size on paper, not a share of the page: on
            # Letter (6% narrower than A4) names keep 16 pt before the title gives way.
            if grid.name_size < max(s(smallest_name), smallest_name) - 1e-6:
                break
            room_left = room - gap - grid.height
            if room_left <= 0:
                continue
            try:
                title = kit.fitter.largest(sign.item.title, width=p.inner,
                                max_size=s(TITLE_MAX), min_size=s(floor), max_lines=lines,
                                bold=True, max_height=room_left, line_height=1.08)
            except FitError:
                continue
            return times, title, grid, y
    raise TextTooLong(sign.item,
        f"the title does not fit its door sign in {TITLE_LINES_LONG} lines at {s(TITLE_MIN):g} pt "
        f"or more (with the people listed under it); shorten it, or print signs on A3 "
        f"(print: sign_paper: A3)")


def _next_line(kit: Kit, sign: SessionSign) -> tuple[Layout, Layout, Layout] | None:
    """'NEXT  11:45–13:00  Session 2: The Future of ...' as three layouts on one baseline."""
    if sign.next is None:
        return None
    p, s = kit.page, kit.page.pt
    label = kit.fitter.largest(kit.locale.label("next").upper(), width=p.inner / 4,
                    max_size=s(13), min_size=s(10), bold=True)
    when = kit.fitter.largest(item_when(sign.next, kit.locale), width=p.inner / 4,
                   max_size=s(16), min_size=s(12), bold=True)
    title = item_heading(sign.next, kit.locale)
    rest = p.inner - label.width - when.width - s(40)
    try:
        what = kit.fitter.largest(title, width=rest, max_size=s(16), min_size=s(10), max_lines=3)
    except FitError:
        raise TextTooLong(sign.next, "the title does not fit the 'next' line of the sign before "
                          "it (3 lines at 10 pt); shorten it") from None
    return label, when, what


def _height(parts: tuple[Layout, Layout, Layout]) -> float:
    ascent = max(p.ascent for p in parts)
    return ascent + max(p.height - p.ascent for p in parts)


def _draw_next(kit: Kit, canvas: Canvas, parts: tuple[Layout, Layout, Layout], top: float) -> None:
    label, when, what = parts
    s = kit.page.pt
    x = kit.page.left
    # One baseline for the three parts: each box top is placed from its own ascent.
    base = top - max(label.ascent, when.ascent, what.ascent)
    draw(canvas, kit.fonts, label, x, base + label.ascent, label.width, ACCENT)
    x += label.width + s(16)
    draw(canvas, kit.fonts, when, x, base + when.ascent, when.width, INK)
    x += when.width + s(20)
    draw(canvas, kit.fonts, what, x, base + what.ascent, kit.page.right - x, SECOND)
