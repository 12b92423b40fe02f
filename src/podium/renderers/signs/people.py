"""Drawing stage of the door signs: the chair and panelists of a session, as a grid of entries
(rank and name in bold, organisation beneath, a boxed "via VTC" mark for remote speakers)."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from reportlab.pdfgen.canvas import Canvas

from podium.present import Appearance, affiliation
from podium.renderers.signs.kit import ACCENT, INK, SECOND, Kit, cap_top, draw
from podium.text import Box, FitError, Layout, PdfFonts, set_fill
from podium.text.wrap import round_down

# Name size, organisation size (A4 points), tried from the largest down. Down to 16/11 names
# read across a corridor; the smaller steps are for crowded panels only.
STEPS = ((22.0, 14.0), (20.0, 13.0), (18.0, 12.0), (16.0, 11.0), (15.0, 11.0), (14.0, 10.5),
         (13.0, 10.0), (12.0, 9.5), (11.0, 9.0))
READABLE = 16.0
"""Names at this size (A4) or more are read from three metres."""
MAX_COLUMNS = 4
COLUMN_GAP = 22.0
"""Space between the columns of people (A4 points)."""
MAX_ROWS = 4
NAME_LINES = 3
"""A rank may take a line or two above the name, which is never broken."""
ORG_LINES = 3
"""An organisation wraps rather than shrinks; grids with fewer lines are lower, so preferred."""
HEIGHTS = 65536
"""Entry heights a build keeps (`Kit.heights`); emptied when full (a cache)."""
ORG_FLOOR = 8.0
"""An organisation that cannot fit at the build's size shrinks down to this (A4 points)."""
TAG_PAD = 2.2
"""Padding (A4 points) inside the box of the remote mark, which sits three paddings after
the name's last line."""


def organisation(app: Appearance) -> str:
    """What a sign says under a name: the appearance's own wording when the programme gives
    one (it describes the person in this session), else the role and the organisation
    (with the country), both when both are given: nothing the programme says is dropped."""
    return affiliation(app.person, app.role)


def name_units(app: Appearance) -> tuple[str, ...]:
    """The name as units a line may break between: each word of the rank, the name as one
    unit ("Jean-Pierre Lacroix" is never broken), then the suffix ("PhD")."""
    p = app.person
    rank = tuple(p.title.split()) if p.title else ()
    return (*rank, f"{p.name},", p.suffix) if p.suffix else (*rank, p.name)


def name_layout(kit: Kit, app: Appearance, width: float, size: float) -> Layout:
    """The name at `size` (A4 points), wrapped only between the rank's words and the name;
    FitError when the name itself is wider than the column."""
    s = kit.page.pt
    return kit.fitter.units(name_units(app), sep=" ", width=width, max_size=s(size),
                            min_size=s(size), max_lines=NAME_LINES, bold=True,
                            line_height=1.12)


def org_layout(kit: Kit, text: str, width: float, size: float) -> Layout:
    """The organisation at `size` (A4 points) in ORG_LINES lines; when it cannot fit so,
    this entry's organisation alone is set smaller (down to ORG_FLOOR) and on a line more,
    before anything would be lost (FitError then)."""
    s = kit.page.pt
    try:
        return kit.fitter.largest(text, width=width, max_size=s(size), min_size=s(size),
                                  max_lines=ORG_LINES, line_height=1.12)
    except FitError:
        return kit.fitter.largest(text, width=width, max_size=s(size),
                                  min_size=min(s(size), s(ORG_FLOOR)),
                                  max_lines=ORG_LINES + 1, line_height=1.12)


def _tag_height(size: float, pad: float) -> float:
    return size * 1.0 + 2 * pad


def _stacked(name: float, tag: float | None, org: float | None, gap: float) -> float:
    """Height of an entry: the name, the remote mark on a line of its own (if not beside
    the name), the organisation. With `_fits_beside`, how an entry is put together: asked
    with laid-out texts by `Entry`, and with the fitter's counts for the same sizes by
    `_height`."""
    return name + sum(gap + h for h in (tag, org) if h is not None)


def _fits_beside(last_line: float, remote_width: float, pad: float, width: float) -> bool:
    """Whether the remote mark fits after the name's last line."""
    return last_line + 3 * pad + remote_width + 2.4 * pad <= width


@dataclass(frozen=True)
class Entry:
    """One person (a `podium.text.Box`): name, the remote mark (after the name's last line
    when it fits there, else on a line of its own) and the organisation."""

    name: Layout
    remote: Layout | None
    org: Layout | None
    gap: float
    pad: float
    inline: bool
    stroke: float
    """Line width of the remote mark's box."""

    @property
    def tag_height(self) -> float:
        return _tag_height(self.remote.size, self.pad) if self.remote else 0.0

    @property
    def height(self) -> float:
        return _stacked(self.name.height, self.tag_height if self.remote and not self.inline
                        else None, self.org.height if self.org else None, self.gap)

    @property
    def width(self) -> float:
        widths = [self.name.width, self.org.width if self.org else 0.0]
        if self.remote is not None:
            tag = self.remote.width + 2.4 * self.pad
            widths.append(self.name.last_width + 3 * self.pad + tag if self.inline else tag)
        return max(widths)

    def draw(self, canvas: Canvas, fonts: PdfFonts, x: float, top: float,
             width: float) -> None:
        y = draw(canvas, fonts, self.name, x, top, width)
        if self.remote is not None:
            if self.inline:
                # On the name's last baseline, boxed so that it reads as a mark, not a name.
                base = top - self.name.ascent - (len(self.name.lines) - 1) * self.name.leading
                tx = x + self.name.last_width + 3 * self.pad
                self._tag(canvas, fonts, tx, base - self.pad - self.remote.size * 0.2)
            else:
                self._tag(canvas, fonts, x, y - self.gap - self.tag_height + self.pad)
                y -= self.gap + self.tag_height
        if self.org is not None:
            draw(canvas, fonts, self.org, x, y - self.gap, width, SECOND)

    def _tag(self, canvas: Canvas, fonts: PdfFonts, x: float, bottom: float) -> None:
        """The remote mark with the bottom of its box at `bottom`."""
        assert self.remote is not None
        pad, size = self.pad, self.remote.size
        w = self.remote.width + 2.4 * pad
        canvas.setStrokeColorRGB(*INK)
        canvas.setLineWidth(self.stroke)
        canvas.roundRect(x, bottom, w, self.tag_height, pad, stroke=1, fill=0)
        # Baseline so that capitals sit centred in the box.
        base = bottom + self.tag_height / 2 - 0.714 * size / 2
        draw(canvas, fonts, self.remote, x + 1.2 * pad, base + self.remote.ascent,
             self.remote.width)


@dataclass(frozen=True)
class Grid:
    """A people block (a `podium.text.Box`): its height, counted before any entry is laid
    out, and what lays the entries out and draws them at (x, top)."""

    height: float
    width: float
    paint: Callable[[Canvas, PdfFonts, float, float], None]
    name_size: float = 0.0
    """Size of the names (points on this paper)."""
    col_w: float = 0.0
    org_size: float = 0.0
    """Size of the organisations, in A4 points (as STEPS)."""

    def draw(self, canvas: Canvas, fonts: PdfFonts, x: float, top: float,
             width: float) -> None:
        self.paint(canvas, fonts, x, top)


if TYPE_CHECKING:
    _BOXES: tuple[type[Box], ...] = (Entry, Grid)   # mypy checks that they are Boxes


def _entry(kit: Kit, app: Appearance, width: float, name_size: float, org_size: float) -> Entry:
    s = kit.page.pt
    # One size for every name of a sign (mixed sizes read as ranks): wrap, do not shrink.
    name = name_layout(kit, app, width, name_size)
    pad = s(TAG_PAD)
    remote, inline, stroke = None, False, 0.0
    if app.remote:
        remote = _remote_mark(kit, width, org_size)
        inline = _fits_beside(name.last_width, remote.width, pad, width)
        stroke = s(0.9)
    org_text = organisation(app)
    org = org_layout(kit, org_text, width, org_size) if org_text else None
    return Entry(name, remote, org, s(2.5), pad, inline, stroke)


def _remote_mark(kit: Kit, width: float, org_size: float) -> Layout:
    s = kit.page.pt
    return kit.fitter.largest(kit.locale.label("remote").upper(), width=width - 3 * s(TAG_PAD),
                              max_size=s(org_size), min_size=s(7), bold=True)


def _height(kit: Kit, app: Appearance, width: float, name_size: float,
            org_size: float, org_text: str) -> float:
    """`_entry(...).height`, math.inf where it raises FitError (the name is wider than the
    column). The layouts are the fitter's, remembered: the grids tried for one sign, and
    the signs of a build, ask for the same names and organisations again and again."""
    key = (app.person.id, app.remote, app.role, width, name_size, org_size)
    found = kit.heights.get(key)
    if found is None:
        try:
            found = _entry(kit, app, width, name_size, org_size).height
        except FitError:
            found = math.inf
        if len(kit.heights) >= HEIGHTS:
            kit.heights.clear()
        kit.heights[key] = found
    return found


def smaller_orgs(kit: Kit, apps: list[Appearance], grid: Grid) -> list[tuple[str, float]]:
    """(name, size) of the people whose organisation the grid sets below its size."""
    s = kit.page.pt
    out = []
    for app in apps:
        text = organisation(app)
        if text:
            layout = org_layout(kit, text, grid.col_w, grid.org_size)
            if layout.size < round_down(s(grid.org_size), 0.5) - 1e-6:
                out.append((app.person.name, layout.size))
    return out


def _shapes(chairs: int, speakers: int) -> list[tuple[int, int]]:
    """(speakers per row, rows) for each row count the speakers can take beside a chair
    column, with as few (so as wide) columns as that row count allows; at most MAX_COLUMNS
    columns in all."""
    if not speakers:
        return [(0, chairs)]
    out: list[tuple[int, int]] = []
    for per_row in range(min(speakers, MAX_COLUMNS - (1 if chairs else 0)), 0, -1):
        rows = max(chairs, math.ceil(speakers / per_row))
        if rows > MAX_ROWS and out:
            break
        if out and out[-1][1] == rows:
            out[-1] = (per_row, rows)
        else:
            out.append((per_row, rows))
    return out


def people_grids(kit: Kit, apps_chair: list[Appearance], apps_speakers: list[Appearance],
                 width: float, limit: float = math.inf,
                 steps: tuple[tuple[float, float], ...] = STEPS) -> Iterator[Grid]:
    """Grids of the people, from the biggest type down, the lowest grid first at each size
    (the caller takes the first that leaves its title enough room); none higher than
    `limit`. Heights are counted from advances (`_height`): only the grid drawn is laid out."""
    if not apps_chair and not apps_speakers:
        yield Grid(0.0, 0.0, lambda c, f, x, t: None, math.inf)
        return
    s = kit.page.pt
    label_speakers = kit.locale.label("panelists" if apps_chair else "speakers")
    chair_cols = 1 if apps_chair else 0
    gap, row_gap = s(COLUMN_GAP), s(9)
    head = s(11) * 1.36 + s(4)

    orgs = {id(a): organisation(a) for a in (*apps_chair, *apps_speakers)}
    for name_size, org_size in steps:
        options: list[Grid] = []
        for per_row, rows in _shapes(len(apps_chair), len(apps_speakers)):
            columns = chair_cols + per_row
            col_w = (width - gap * (columns - 1)) / columns
            ch = [_height(kit, a, col_w, name_size, org_size, orgs[id(a)]) for a in apps_chair]
            sp = [_height(kit, a, col_w, name_size, org_size, orgs[id(a)])
                  for a in apps_speakers]
            row_h = _rows(ch, sp, per_row, rows)
            height = head + sum(row_h) + row_gap * (rows - 1)
            if height > limit:      # math.inf too: someone does not fit
                continue
            sizes = (col_w, name_size, org_size)
            options.append(Grid(height, width,
                                _painter(kit, apps_chair, apps_speakers, sizes, label_speakers,
                                         chair_cols, max(per_row, 1), gap, row_h, row_gap,
                                         head), s(name_size), col_w, org_size))
        yield from sorted(options, key=lambda g: g.height)


def _rows(ch: list[float], sp: list[float], per_row: int, rows: int) -> list[float]:
    """Heights of the rows: chairs one to a row in the first column, speakers `per_row` to
    a row beside them."""
    row_h = [0.0] * rows
    for i, h in enumerate(ch):
        row_h[i] = max(row_h[i], h)
    for i, h in enumerate(sp):
        r = i // max(per_row, 1)
        row_h[r] = max(row_h[r], h)
    return row_h


def _painter(kit: Kit, apps_chair: list[Appearance], apps_speakers: list[Appearance],
             sizes: tuple[float, float, float], label_speakers: str, chair_cols: int,
             per_row: int, gap: float, row_h: list[float], row_gap: float,
             head: float) -> Callable[[Canvas, PdfFonts, float, float], None]:
    """Draws the grid, laying its entries out only then (the grids not chosen never are)."""
    s = kit.page.pt
    col_w = sizes[0]

    def paint(canvas: Canvas, fonts: PdfFonts, x: float, top: float) -> None:
        ch = [_entry(kit, a, *sizes) for a in apps_chair]
        sp = [_entry(kit, a, *sizes) for a in apps_speakers]

        def heading(text: str, hx: float, w: float) -> None:
            layout = kit.fitter.largest(text.upper(), width=w, max_size=s(11), min_size=s(8),
                                        bold=True)
            draw(canvas, fonts, layout, hx, top + cap_top(layout), w, ACCENT)

        if ch:
            heading(kit.locale.label("chair"), x, col_w)
        if sp:
            sx = x + chair_cols * (col_w + gap)
            heading(label_speakers, sx, per_row * col_w + (per_row - 1) * gap)
        tops = [top - head - sum(row_h[:r]) - row_gap * r for r in range(len(row_h))]
        for i, e in enumerate(ch):
            e.draw(canvas, fonts, x, tops[i], col_w)
        for i, e in enumerate(sp):
            col = chair_cols + i % per_row
            e.draw(canvas, fonts, x + col * (col_w + gap), tops[i // per_row], col_w)
        if ch and sp:
            # A thin divider between the chair and the panel, as on a printed programme.
            set_fill(canvas, SECOND)
            div_x = x + col_w + gap / 2
            canvas.rect(div_x - s(0.4), top - sum(row_h) - head - row_gap * (len(row_h) - 1),
                        s(0.8), sum(row_h) + head + row_gap * (len(row_h) - 1), stroke=0, fill=1)

    return paint
