"""Drawing stage of the door signs: the chair and panelists of a session, as a grid of entries
(rank and name in bold, organisation beneath, a boxed "via VTC" mark for remote speakers)."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from reportlab.pdfgen.canvas import Canvas

from podium.present import Appearance
from podium.renderers.signs.kit import ACCENT, INK, SECOND, Kit, cap_top, draw, largest
from podium.text import FitError, Layout

# Name size, organisation size (A4 points), tried from the largest down.
STEPS = ((17.0, 12.5), (16.0, 12.0), (15.0, 11.0), (14.0, 10.5), (13.0, 10.0), (12.0, 9.5),
         (11.0, 9.0))


def organisation(app: Appearance) -> str:
    """What a sign says under a name: the appearance's own wording, else the organisation
    (with the country), else the role (with the country)."""
    if app.role:
        return app.role
    p = app.person
    first = p.organisation or p.role
    return ", ".join(v for v in (first, p.country) if v)


@dataclass(frozen=True)
class Entry:
    """One person: name, the remote mark (after the name's last line when it fits there,
    else on a line of its own) and the organisation."""

    name: Layout
    remote: Layout | None
    org: Layout | None
    gap: float
    pad: float
    inline: bool

    @property
    def tag_height(self) -> float:
        return self.remote.size * 1.0 + 2 * self.pad if self.remote else 0.0

    @property
    def height(self) -> float:
        h = self.name.height
        if self.remote is not None and not self.inline:
            h += self.gap + self.tag_height
        if self.org is not None:
            h += self.gap + self.org.height
        return h

    def draw(self, kit: Kit, canvas: Canvas, x: float, top: float, width: float) -> None:
        y = draw(canvas, kit.fonts, self.name, x, top, width)
        if self.remote is not None:
            if self.inline:
                # On the name's last baseline, boxed so that it reads as a mark, not a name.
                base = top - self.name.ascent - (len(self.name.lines) - 1) * self.name.leading
                tx = x + self.name.lines[-1].width_at(self.name.size) + 3 * self.pad
                self._tag(kit, canvas, tx, base - self.pad - self.remote.size * 0.2)
            else:
                self._tag(kit, canvas, x, y - self.gap - self.tag_height + self.pad)
                y -= self.gap + self.tag_height
        if self.org is not None:
            draw(canvas, kit.fonts, self.org, x, y - self.gap, width, SECOND)

    def _tag(self, kit: Kit, canvas: Canvas, x: float, bottom: float) -> None:
        """The remote mark with the bottom of its box at `bottom`."""
        assert self.remote is not None
        pad, size = self.pad, self.remote.size
        w = self.remote.width + 2.4 * pad
        canvas.setStrokeColorRGB(*INK)
        canvas.setLineWidth(kit.page.pt(0.9))
        canvas.roundRect(x, bottom, w, self.tag_height, pad, stroke=1, fill=0)
        # Baseline so that capitals sit centred in the box.
        base = bottom + self.tag_height / 2 - 0.714 * size / 2
        draw(canvas, kit.fonts, self.remote, x + 1.2 * pad, base + self.remote.ascent,
             self.remote.width)


@dataclass(frozen=True)
class Grid:
    """A laid-out people block: `height` and a function that draws it at (x, top)."""

    height: float
    draw: Callable[[Canvas, float, float], None]
    name_size: float = 0.0


def _entry(kit: Kit, app: Appearance, width: float, name_size: float, org_size: float) -> Entry:
    s = kit.page.pt
    name = largest(kit.shaper, app.name, width=width, max_size=s(name_size),
                   min_size=s(name_size) * 0.85, max_lines=2, bold=True, line_height=1.12)
    pad = s(2.2)
    remote, inline = None, False
    if app.remote:
        remote = largest(kit.shaper, kit.locale.label("remote").upper(), width=width - 3 * pad,
                         max_size=s(org_size) * 0.85, min_size=s(7), bold=True)
        last = name.lines[-1].width_at(name.size)
        inline = last + 3 * pad + remote.width + 2.4 * pad <= width
    org_text = organisation(app)
    org = largest(kit.shaper, org_text, width=width, max_size=s(org_size),
                  min_size=s(org_size) * 0.85, max_lines=3, line_height=1.15) if org_text else None
    return Entry(name, remote, org, s(2.5), pad, inline)


def people_grids(kit: Kit, apps_chair: list[Appearance], apps_speakers: list[Appearance],
                 width: float) -> Iterator[Grid]:
    """Grids of the people, from the biggest type down (the caller takes the first that leaves
    its title enough room)."""
    if not apps_chair and not apps_speakers:
        yield Grid(0.0, lambda c, x, t: None, math.inf)
        return
    s = kit.page.pt
    label_speakers = kit.locale.label("panelists" if apps_chair else "speakers")
    for name_size, org_size in STEPS:
        options: list[Grid] = []
        for columns in (4, 5):
            gap = s(22)
            col_w = (width - gap * (columns - 1)) / columns
            chair_cols = 1 if apps_chair else 0
            per_row = columns - chair_cols
            rows = max(len(apps_chair), math.ceil(len(apps_speakers) / per_row))
            try:
                ch = [_entry(kit, a, col_w, name_size, org_size) for a in apps_chair]
                sp = [_entry(kit, a, col_w, name_size, org_size) for a in apps_speakers]
            except FitError:
                continue
            row_h = [0.0] * rows
            for i, e in enumerate(ch):
                row_h[i] = max(row_h[i], e.height)
            for i, e in enumerate(sp):
                row_h[i // per_row] = max(row_h[i // per_row], e.height)
            row_gap = s(12)
            head = s(11) * 1.36 + s(6)
            height = head + sum(row_h) + row_gap * (rows - 1)
            grid = Grid(height, _painter(kit, ch, sp, label_speakers, chair_cols, per_row,
                                         col_w, gap, row_h, row_gap, head), s(name_size))
            # Four columns first; five only if they make a lower block (computed on demand).
            if not options or height < options[-1].height:
                options.append(grid)
                yield grid


def _painter(kit: Kit, ch: list[Entry], sp: list[Entry], label_speakers: str, chair_cols: int,
             per_row: int, col_w: float, gap: float, row_h: list[float], row_gap: float,
             head: float) -> Callable[[Canvas, float, float], None]:
    s = kit.page.pt

    def paint(canvas: Canvas, x: float, top: float) -> None:
        def heading(text: str, hx: float, w: float) -> None:
            layout = largest(kit.shaper, text.upper(), width=w, max_size=s(11), min_size=s(8),
                             bold=True)
            draw(canvas, kit.fonts, layout, hx, top + cap_top(layout), w, ACCENT)

        if ch:
            heading(kit.locale.label("chair"), x, col_w)
        if sp:
            sx = x + chair_cols * (col_w + gap)
            heading(label_speakers, sx, per_row * col_w + (per_row - 1) * gap)
        tops = [top - head - sum(row_h[:r]) - row_gap * r for r in range(len(row_h))]
        for i, e in enumerate(ch):
            e.draw(kit, canvas, x, tops[i], col_w)
        for i, e in enumerate(sp):
            col = chair_cols + i % per_row
            e.draw(kit, canvas, x + col * (col_w + gap), tops[i // per_row], col_w)
        if ch and sp:
            # A thin divider between the chair and the panel, as on a printed programme.
            canvas.setFillColorRGB(*SECOND)
            div_x = x + col_w + gap / 2
            canvas.rect(div_x - s(0.4), top - sum(row_h) - head - row_gap * (len(row_h) - 1),
                        s(0.8), sum(row_h) + head + row_gap * (len(row_h) - 1), stroke=0, fill=1)

    return paint
