"""Drawing stage of the door signs: the sign of one session (date, big time, big title,
people, QR code to the session online, what comes next in the room)."""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable
from dataclasses import dataclass, field

from reportlab.pdfgen.canvas import Canvas

from podium.pdf import forget_page, scratch_canvas
from podium.present import chairs, item_times, speakers
from podium.renderers.signs.kit import (
    ACCENT,
    FAMILY,
    Kit,
    TextTooLong,
    cap_top,
    draw,
)
from podium.renderers.signs.nextline import draw_next, footer_height, next_line
from podium.renderers.signs.people import (
    COLUMN_GAP,
    READABLE,
    STEPS,
    Grid,
    name_layout,
    people_grids,
    smaller_orgs,
)
from podium.renderers.signs.plan import SessionSign
from podium.text import FitError, Layout
from podium.text.wrap import round_down

TITLE_MAX, TITLE_MIN, TITLE_LINES, TITLE_LINES_LONG = 64.0, 36.0, 3, 5
"""Title sizes on A4 (scaled for other papers): at least 36 pt, read across a corridor, in
three lines; a long imported title (150 characters) takes up to five before it is an error."""
TIME_MAX, TIME_MIN = 88.0, 56.0
SCALE_TIMES = (88.0, 80.0, 72.0)
"""Sizes of the build's time, the last its floor: a sign that cannot take 72 pt shrinks its
own time alone."""
SCALE_TITLE_FLOOR = 40.0
"""The build's title size is never below this for the sake of one crowded sign, whose own
title shrinks alone (to TITLE_MIN at least)."""
TRADE_OFFS = ((TIME_MAX, 48.0, READABLE, TITLE_LINES), (TIME_MAX, TITLE_MIN, READABLE, TITLE_LINES),
              (72.0, TITLE_MIN, READABLE, TITLE_LINES), (60.0, TITLE_MIN, READABLE, TITLE_LINES),
              (60.0, TITLE_MIN, READABLE, TITLE_LINES_LONG), (TIME_MAX, TITLE_MIN, 0.0, TITLE_LINES),
              (TIME_MIN, TITLE_MIN, 0.0, TITLE_LINES_LONG))
"""(largest time, smallest title, smallest name, most title lines) tried in turn: what gives
way first when a session has many people or a very long title."""


def room_label(kit: Kit, sign: SessionSign) -> str | None:
    """The room name; without rooms, the venue (never the city: a door is not a city)."""
    return sign.room.name if sign.room else kit.agenda.event.venue


@dataclass(frozen=True)
class Setup:
    """A sign's furniture, drawn: where the time and what is under it go."""

    col_w: float
    time_caps: float
    qr_bottom: float
    footer: tuple[Layout, ...] | None
    footer_h: float
    span: str

    def below(self, kit: Kit, time_size: float, smallest: float = TIME_MIN
              ) -> tuple[Layout, float]:
        """The time at (at most) `time_size` (A4 points), and the y under the band it ends."""
        s = kit.page.pt
        times = kit.fitter.largest(self.span, width=self.col_w, max_size=s(time_size),
                                   min_size=s(min(smallest, time_size)), bold=True,
                                   line_height=1.0)
        return times, min(self.time_caps - 0.714 * times.size, self.qr_bottom) - s(16)


@dataclass(frozen=True)
class Scale:
    """The build's sizes (A4 points, as designed): time, title, and names with their
    organisations (a pair of `people.STEPS`)."""

    time: float
    title: float
    step: tuple[float, float]


@dataclass
class SignNotes:
    """What the build report says about one sign: fields set below the scale."""

    smaller: dict[str, float] = field(default_factory=dict)
    orgs: list[tuple[str, float]] = field(default_factory=list)


def _furniture(kit: Kit, canvas: Canvas, sign: SessionSign) -> Setup:
    """QR code, header and date drawn; the rest measured."""
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
    footer = next_line(kit, sign.day, sign.next, sign.following)
    footer_h = footer_height(footer) + s(16) if footer else 0.0
    return Setup(col_w, time_caps, qr_bottom, footer, footer_h, item_times(item))


def draw_session(kit: Kit, canvas: Canvas, sign: SessionSign,
                 scale: Scale | None = None) -> SignNotes:
    """Draw the sign at the build's scale (or, if it cannot fit so, with what cannot fit
    smaller, reported in the notes returned)."""
    p, s = kit.page, kit.page.pt
    setup = _furniture(kit, canvas, sign)
    times, title, grid, y, notes = _choose(kit, sign, setup, scale)
    draw(canvas, kit.fonts, times, p.left, setup.time_caps + cap_top(times), setup.col_w)
    footer, footer_h = setup.footer, setup.footer_h
    room_for_title = y - footer_h - p.bottom
    gap = s(14) if grid.height else 0.0
    # Spare height opens the gaps around the title rather than pooling above the footer.
    spare = room_for_title - title.height - gap - grid.height
    y -= min(spare * 0.35, s(36))
    y = draw(canvas, kit.fonts, title, p.left, y, p.inner)
    if grid.height:
        grid.draw(canvas, kit.fonts, p.left, y - gap - min(spare * 0.35, s(36)), p.inner)
    if footer:
        kit.footer_rule(canvas, p.bottom + footer_height(footer) + s(10))
        draw_next(kit, canvas, footer, p.bottom + footer_height(footer))
    return notes


Laid = tuple[Layout, Layout, Grid, float]
"""(time, title, people, y under the time)."""


def _choose(kit: Kit, sign: SessionSign, setup: Setup, scale: Scale | None
            ) -> tuple[Layout, Layout, Grid, float, SignNotes]:
    """The sign at the scale's sizes when it fits so; else its own trade-offs with nothing
    larger than the scale, and what is smaller noted."""
    s = kit.page.pt
    _check_names(kit, sign)
    notes = SignNotes()
    if scale is not None:
        exact = _exact(kit, sign, setup, scale.time, scale.step, scale.title)
        if exact is not None:
            times, title, grid, y = exact
            notes.orgs = _orgs(kit, sign, grid)
            return times, title, grid, y, notes
    cap = scale or Scale(TIME_MAX, TITLE_MAX, STEPS[0])
    offs = tuple((min(t, cap.time), min(f, cap.title), n, lines)
                 for t, f, n, lines in TRADE_OFFS)
    steps = tuple(st for st in STEPS if st[0] <= cap.step[0])
    times, title, grid, y = _layout(kit, sign, setup, offs, steps, cap.title)
    if scale is not None:
        for name, got, want in (("time", times.size, s(scale.time)),
                                ("title", title.size, s(scale.title)),
                                ("names", grid.name_size, s(scale.step[0]))):
            if on_grid(got) < on_grid(want) - 1e-6:
                notes.smaller[name] = got
    notes.orgs = _orgs(kit, sign, grid)
    return times, title, grid, y, notes


def on_grid(size: float) -> float:
    """A size as the fitter sets it: in whole steps of 0.5 pt (on Letter, 16 pt designed
    for A4 is 15.06 pt, set at 15)."""
    return round_down(size, 0.5)


def _orgs(kit: Kit, sign: SessionSign, grid: Grid) -> list[tuple[str, float]]:
    if not grid.col_w:
        return []
    apps = chairs(kit.agenda, sign.item) + speakers(kit.agenda, sign.item)
    return smaller_orgs(kit, apps, grid)


def _check_names(kit: Kit, sign: SessionSign) -> None:
    """A name is never broken: one wider than the widest column the sign's people can have
    (the page, or half of it beside the chair's column) at the smallest name size is an
    error naming the person."""
    s, p = kit.page.pt, kit.page
    smallest = STEPS[-1][0]
    ch, sp = chairs(kit.agenda, sign.item), speakers(kit.agenda, sign.item)
    columns = 2 if ch and sp else 1
    width = (p.inner - COLUMN_GAP * s(1) * (columns - 1)) / columns
    for app in ch + sp:
        try:
            name_layout(kit, app, width, smallest)
        except FitError:
            raise TextTooLong(sign.item, f"the name '{app.name}' does not fit on one line "
                              f"of the sign even at {on_grid(s(smallest)):g} pt (a name is "
                              f"never broken); shorten it, or print signs on A3") from None


def _exact(kit: Kit, sign: SessionSign, setup: Setup, time: float,
           step: tuple[float, float], title: float) -> Laid | None:
    """The sign with exactly these sizes (time, names and organisations, title), or None."""
    s = kit.page.pt
    times, _ = setup.below(kit, time, time)
    if times.size < on_grid(s(time)) - 1e-6:
        return None
    try:
        # The names' size is the step's: no other is offered.
        return _layout(kit, sign, setup, ((time, title, 0.0, TITLE_LINES),), (step,), title)
    except TextTooLong:
        return None


def plan_scale(kit: Kit, signs: list[SessionSign]) -> Scale:
    """The build's scale: in turn for the time, the names and the title, the largest size
    at which as many signs fit as at that field's floor (the others' sizes being their
    floors, then the sizes chosen): one sign that cannot fit does not shrink the rest."""
    scratch = scratch_canvas((kit.page.width, kit.page.height), kit.fonts,
                             kit.shaper.fonts.face(FAMILY))
    setups, planned = [], []
    for sign in signs:
        try:
            setups.append(_furniture(kit, scratch, sign))
            planned.append(sign)
        except (FitError, TextTooLong):
            pass        # the drawing pass stops at this sign, naming its item
        forget_page(scratch)        # measured only: never written
    signs = planned
    # Readable from three metres is a size on paper: 16 pt on Letter too.
    steps = tuple(st for st in STEPS if kit.page.pt(st[0]) >= READABLE - 1e-6)

    def count(time: float, step: tuple[float, float], title: float) -> int:
        return sum(_exact(kit, sign, setup, time, step, title) is not None
                   for sign, setup in zip(signs, setups, strict=True))

    time = _most(SCALE_TIMES, lambda t: count(t, steps[-1], TITLE_MIN))
    step = steps[_most_index(len(steps), lambda k: count(time, steps[k], TITLE_MIN))]
    titles = tuple(float(t) for t in range(int(TITLE_MAX), int(SCALE_TITLE_FLOOR) - 1, -2))
    title = _most(titles, lambda t: count(time, step, t))
    return Scale(time, title, step)


def _most(sizes: tuple[float, ...], count: Callable[[float], int]) -> float:
    return sizes[_most_index(len(sizes), lambda k: count(sizes[k]))]


def _most_index(n: int, count: Callable[[int], int]) -> int:
    """The first (largest) of n sizes, from the largest down, at which `count` is what it is
    at the last (the floor); counts only grow as sizes go down, so bisect."""
    best = count(n - 1)
    lo, hi = 0, n - 1
    while lo < hi:
        mid = (lo + hi) // 2
        if count(mid) >= best:
            hi = mid
        else:
            lo = mid + 1
    return lo


def _layout(kit: Kit, sign: SessionSign, setup: Setup,
            offs: tuple[tuple[float, float, float, int], ...],
            steps: tuple[tuple[float, float], ...], title_max: float) -> Laid:
    """(time, title, people, y under the time) in the order of what matters from afar: the
    time, a big title and names readable from three metres; then a smaller title; then a
    smaller time; smaller names only when nothing else is left (`offs`: largest time,
    smallest title, smallest name, most title lines, tried in turn). TextTooLong when the
    title alone cannot fit at its smallest."""
    p, s = kit.page, kit.page.pt
    footer_h = setup.footer_h
    ch, sp = chairs(kit.agenda, sign.item), speakers(kit.agenda, sign.item)
    gap = s(14) if ch or sp else 0.0
    # No grid can serve that leaves less than a one-line title under the lowest time.
    # A smaller time never sits lower, so the smallest time offered leaves the most room.
    best_room = setup.below(kit, min(t for t, _, _, _ in offs))[1] - footer_h - p.bottom
    ink = kit.fitter.ink(sign.item.title, True)
    ascent, descent = kit.fitter.metrics()
    least = min(f for _, f, _, _ in offs)
    least_title = 0.0 if ink is None else (ascent + descent) * math.floor(s(least) / 0.5) * 0.5
    grids = people_grids(kit, ch, sp, p.inner, best_room - gap - least_title, steps)
    tried: list[Grid] = []
    for time_size, floor, smallest_name, lines in offs:
        times, y = setup.below(kit, time_size)
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
                                max_size=s(title_max), min_size=s(floor), max_lines=lines,
                                bold=True, max_height=room_left, line_height=1.08)
            except FitError:
                continue
            return times, title, grid, y
    raise TextTooLong(sign.item,
        f"the title does not fit its door sign in {TITLE_LINES_LONG} lines at {s(TITLE_MIN):g} pt "
        f"or more (with the people listed under it); shorten it, or print signs on A3 "
        f"(print: sign_paper: A3)")
