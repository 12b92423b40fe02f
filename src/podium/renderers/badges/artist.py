"""Drawing stage: one badge (front and back) inside its rectangle on a ReportLab canvas."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from reportlab.lib.colors import HexColor
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from podium import qr
from podium.i18n import Locale
from podium.model import Agenda
from podium.pdf import PdfFonts, operator_mark, operators_since, replay_operators, set_fill
from podium.present import item_heading, item_times, item_when
from podium.printopts import PrintSettings
from podium.renderers.badges.holders import Holder
from podium.text import FitError, Fitter, Layout, Shaper
from podium.text.wrap import round_down

SANS = "Noto Sans"
MIN_MODULE = 0.5 * mm
"""Smallest QR module that phone cameras read reliably from a badge at arm's length."""
FIT_CACHE = 4096
"""Fitted texts kept for reuse (and their drawn operators); emptied when full, so memory
stays bounded."""
OTHER_COLOUR = "#4D4D4D"
"""Band colour of categories that `print.category_colours` does not list."""
BACK_STEP = 0.25
"""Sizes of a badge back's lines go down together in steps of this many points..."""
BACK_MIN = 4.5
"""...down to this size, below which the back is an error naming the holder."""
BACK_LINES = 3
"""Lines one session may wrap onto on a badge back before the size goes down."""


@dataclass
class Notes:
    """What the preflight report says about one badge."""

    name_size: float = 0.0
    shrunk: bool = False
    wrapped: bool = False
    fallback: set[str] = field(default_factory=set)


@lru_cache(maxsize=256)
def _rgb(hex_colour: str) -> tuple[float, float, float]:
    colour = HexColor(hex_colour)
    return colour.red, colour.green, colour.blue


def _fill(canvas: Canvas, hex_colour: str) -> None:
    set_fill(canvas, _rgb(hex_colour))


def _text_colour(hex_colour: str) -> str:
    r, g, b = (int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5))
    luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b
    return "#FFFFFF" if luminance < 0.55 else "#000000"


@dataclass(frozen=True)
class Box:
    x: float
    y: float
    w: float
    h: float

    @property
    def top(self) -> float:
        return self.y + self.h


class Artist:
    """Draws badges for one build; holds the shaping cache and the fonts."""

    def __init__(self, agenda: Agenda, settings: PrintSettings, locale: Locale,
                 shaper: Shaper, fonts: PdfFonts, badge: tuple[float, float],
                 bleed: float, logo: Path | None) -> None:
        self.agenda = agenda
        self.settings = settings
        self.locale = locale
        self.shaper = shaper
        self.fonts = fonts
        self.bleed = bleed
        self.logo = logo
        w, h = badge
        self.portrait = h >= w
        base = min(w, h)
        self.base = base
        self.pad: float = max(4 * mm, 0.05 * base)
        self.band_h = h * (0.14 if self.portrait else 0.19)
        self.qr_target = base * (0.30 if self.portrait else 0.36)
        self.fitter = Fitter(shaper, SANS, limit=FIT_CACHE)
        self._drawn: dict[tuple[int, float, float, float, str], tuple[Layout, list[str]]] = {}
        self._tops: dict[tuple[Box, str], tuple[float, list[str]]] = {}

    # -- shared pieces ----------------------------------------------------------------

    def _fit(self, text: str, width: float, max_size: float, min_size: float, lines: int,
             holder: Holder, bold: bool = False, one_line_min: float = 0.0) -> Layout:
        """Shrink on one line down to `one_line_min` (default: `min_size`), then wrap down
        to `min_size`. Remembered by the fitter: titles, categories, roles and
        organisations repeat from badge to badge."""
        if len(self._drawn) >= FIT_CACHE:
            self._drawn.clear()     # bounded like the fitter's (its entries keep layouts)
        return self.fitter.fit(text, bold=bold, width=width, max_size=max_size,
                               min_size=max(one_line_min, min_size), max_lines=lines,
                               who=holder.label, wrap_min_size=min_size)

    def _draw(self, canvas: Canvas, layout: Layout, x: float, top: float, width: float,
              align: str) -> None:
        """`layout.draw`, reusing the operators of the same fitted text drawn at the same
        place before: the title, category, role and organisation sit at the same spot of
        every badge in a column. Drawing only appends operators to the page (its fonts are
        in the document after the first time), so replaying them draws the same."""
        key = (id(layout), x, top, width, align)
        found = self._drawn.get(key)
        if found is None:
            mark = operator_mark(canvas)
            layout.draw(canvas, self.fonts, x, top, width, align=align)
            # The entry holds the layout, so its id is not reused while the entry lives.
            self._drawn[key] = (layout, operators_since(canvas, mark))
        else:
            replay_operators(canvas, found[1])

    def band(self, canvas: Canvas, box: Box, holder: Holder) -> None:
        colour = self.settings.category_colours.get(holder.category, OTHER_COLOUR)
        _fill(canvas, colour)
        b = self.bleed
        canvas.rect(box.x - b, box.top - self.band_h, box.w + 2 * b, self.band_h + b,
                    stroke=0, fill=1)
        inner = box.w - 2 * self.pad
        band = self.locale.category(holder.category).upper()
        label = self._fit(band, inner, self.band_h * 0.5, 5, 1, holder, bold=True)
        _fill(canvas, _text_colour(colour))
        label_top = box.top - (self.band_h - label.height) / 2
        self._draw(canvas, label, box.x + self.pad, label_top, inner, "center")
        _fill(canvas, "#000000")

    def header(self, canvas: Canvas, box: Box, holder: Holder) -> float:
        """Event title (and logo) under the band; returns the y below them."""
        top = box.top - self.band_h - self.pad * 0.6
        inner = box.w - 2 * self.pad
        left = box.x + self.pad
        title_max = self.base * 0.04
        title = self._fit(self.agenda.event.title, inner, title_max, 4.5, 2, holder,
                          one_line_min=title_max * 0.8)
        height = title.height
        if self.logo is not None:
            logo_h = max(height, self.base * 0.08)
            logo_w = logo_h * 2
            canvas.drawImage(str(self.logo), left, top - logo_h, logo_w, logo_h,
                             preserveAspectRatio=True, anchor="w", mask="auto")
            left += logo_w + self.pad / 2
            inner -= logo_w + self.pad / 2
            title = self._fit(self.agenda.event.title, inner, title_max, 4.5, 2, holder,
                              one_line_min=title_max * 0.8)
            height = max(title.height, logo_h)
        _fill(canvas, "#404040")
        self._draw(canvas, title, left, top - (height - title.height) / 2, inner,
                   "left" if self.logo is not None else "center")
        _fill(canvas, "#000000")
        return top - height

    # -- front ------------------------------------------------------------------------

    def top(self, canvas: Canvas, box: Box, holder: Holder) -> float:
        """Band and header; returns the y below them. Every badge of a category in the same
        place on the sheet has the same top, so its operators are replayed after the first
        (as in `_draw`); except with a logo, which ReportLab must record on each page."""
        if self.logo is not None:
            self.band(canvas, box, holder)
            return self.header(canvas, box, holder)
        key = (box, holder.category)
        found = self._tops.get(key)
        if found is None:
            mark = operator_mark(canvas)
            self.band(canvas, box, holder)
            found = self._tops[key] = (self.header(canvas, box, holder),
                                       operators_since(canvas, mark))
        else:
            replay_operators(canvas, found[1])
        return found[0]

    def front(self, canvas: Canvas, box: Box, holder: Holder, qr_text: str | None) -> Notes:
        below_title = self.top(canvas, box, holder)
        matrix = qr.encode(qr_text) if qr_text else None
        q = 0.0
        if matrix is not None:
            q = max(self.qr_target, (matrix.size + 2 * qr.QUIET) * MIN_MODULE)
        inner = box.w - 2 * self.pad
        if self.portrait or matrix is None:
            width, bottom, align = inner, box.y + (q or self.pad), "center"
        else:
            width, bottom, align = inner - q, box.y + self.pad, "left"
        region_top = below_title - self.pad * 0.5
        stack = self._stack(holder, width, region_top - bottom)
        total = sum(layout.height for layout, _ in stack) + sum(gap for _, gap in stack)
        top = bottom + (region_top - bottom + total) / 2
        for layout, gap in stack:
            self._draw(canvas, layout, box.x + self.pad, top, width, align)
            top -= layout.height + gap
        if matrix is not None:
            qx = box.x + (box.w - q) / 2 if self.portrait else box.x + box.w - q - self.pad / 4
            qr.draw(canvas, matrix, qx, box.y + self.pad / 4, q)
        name = stack[1][0] if holder.title else stack[0][0]
        # "Shrunk" for the report: noticeably smaller than a name of ordinary length.
        notes = Notes(name_size=name.size, shrunk=name.size < self.base * 0.12 * 0.7,
                      wrapped=name.wrapped)
        for layout, _ in stack:
            notes.fallback.update(layout.fallback_families)
        return notes

    def _stack(self, holder: Holder, width: float, room: float) -> list[tuple[Layout, float]]:
        """Rank, name, role, organisation: each fitted; the whole shrunk until it fits the
        room left between the title and the QR code."""
        base = self.base
        scale = 1.0
        while True:
            parts: list[tuple[Layout, float]] = []
            if holder.title:
                parts.append((self._fit(holder.title, width, base * 0.055 * scale, 6, 2, holder),
                              base * 0.01))
            name_max = base * 0.12 * scale
            name = self._fit(holder.name, width, name_max, max(base * 0.035, 7), 2,
                             holder, bold=True, one_line_min=name_max * 0.6)
            parts.append((name, base * 0.03))
            org = ", ".join(t for t in (holder.organisation, holder.country) if t)
            for text in (holder.role, org):
                if text:
                    small = base * 0.045 * scale
                    parts.append((self._fit(text, width, small, 5.5, 2, holder,
                                            one_line_min=small * 0.8), base * 0.012))
            total = sum(layout.height + gap for layout, gap in parts) - parts[-1][1]
            if total <= room:
                return parts
            if scale < 0.5:
                raise FitError(holder.name, holder.label, width, 2, max(base * 0.035, 7))
            scale *= 0.9

    # -- back -------------------------------------------------------------------------

    def back(self, canvas: Canvas, box: Box, holder: Holder) -> None:
        """The holder's sessions (or the day at a glance), every line at one size: a long
        line wraps at that size, and when one does not fit on `BACK_LINES` lines, or all do
        not fit the badge, the size goes down for all of them together."""
        top = self.top(canvas, box, holder) - self.pad * 0.5
        inner = box.w - 2 * self.pad
        room = top - box.y - self.pad
        lines = self._back_lines(holder)
        size = round_down(self.base * 0.04, BACK_STEP)
        while True:
            try:
                layouts = [(self._fit(text, inner, s, s, BACK_LINES, holder, bold=head), head)
                           for text, head in lines
                           for s in [round_down(size * 1.1, BACK_STEP) if head else size]]
            except FitError:
                layouts = []
            total = sum(layout.height + size * (0.5 if head else 0.15) for layout, head in layouts)
            if layouts and total <= room:
                break
            if size - BACK_STEP < BACK_MIN:
                raise FitError(lines[0][0], holder.label, inner, len(lines), BACK_MIN)
            size -= BACK_STEP
        for layout, head in layouts:
            if head:
                top -= size * 0.35
            self._draw(canvas, layout, box.x + self.pad, top, inner, "left")
            top -= layout.height + size * 0.15

    def _back_lines(self, holder: Holder) -> list[tuple[str, bool]]:
        """(text, is heading) lines: the holder's own sessions, else the day at a glance."""
        agenda, loc = self.agenda, self.locale
        own = []
        if holder.person is not None and self.settings.badge_back == "sessions":
            own = agenda.appearances(holder.person.id)
        out: list[tuple[str, bool]] = []
        if own:
            out.append((loc.label("your_sessions"), True))
            for _day, item, kind, _ in own:
                times = item_times(item)
                room = agenda.room(item.room)
                where = f", {room.name}" if room else ""
                role = f" ({loc.label('chair')})" if kind == "chair" else ""
                out.append((f"{loc.short_date(item.date)} {times}{where}: "
                            f"{item_heading(item, loc)}{role}", False))
            return out
        for day in agenda.days:
            out.append((f"{loc.label('at_a_glance')}: {loc.long_date(day.date)}", True))
            for item in day.items:
                if not item.is_break:
                    out.append((f"{item_when(item, loc)}  "
                                f"{item_heading(item, loc)}", False))
        return out
