"""Drawing stage: one badge (front and back) inside its rectangle on a ReportLab canvas."""

from __future__ import annotations

import math
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
from podium.renderers.badges.parts import Box, Notes, Plan, Slots, qr_bounds
from podium.renderers.badges.scale import Field, Lowest, TypeScale, combine, lowest
from podium.text import FitError, Fitter, Layout, Shaper
from podium.text.wrap import round_down

SANS = "Noto Sans"
MIN_MODULE = qr.MIN_MODULE
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
NAME_FLOOR = 0.7
"""The build's name size is never below this share of the design size for the sake of a
few long names: those shrink (or wrap) alone, and are reported."""


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
        self.box_w = w
        self.portrait = h >= w
        base = min(w, h)
        self.base = base
        self.pad: float = max(4 * mm, 0.05 * base)
        self.band_h = h * (0.14 if self.portrait else 0.19)
        self.qr_target = base * (0.30 if self.portrait else 0.36)
        self.fitter = Fitter(shaper, SANS, limit=FIT_CACHE)
        self._drawn: dict[tuple[int, float, float, float, str], tuple[Layout, list[str]]] = {}
        self._tops: dict[tuple[Box, str], tuple[float, list[str]]] = {}
        self._slots: dict[Box, Slots] = {}
        self.scale = TypeScale(tuple((f.name, f.most) for f in self.fields()))
        self.qr_max = 0.0

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
        label = self._fit(band, inner, self.scale["category"], 5, 1, holder, bold=True)
        _fill(canvas, _text_colour(colour))
        label_top = box.top - (self.band_h - label.height) / 2
        self._draw(canvas, label, box.x + self.pad, label_top, inner, "center")
        _fill(canvas, "#000000")

    def _header(self, box: Box, holder: Holder | None = None) -> tuple[Layout, float, float]:
        """The event title's layout, its left edge and the header's height."""
        inner = box.w - 2 * self.pad
        left = box.x + self.pad
        title_max = self.base * 0.04
        who = holder.label if holder else None
        if self.logo is None:
            title = self.fitter.fit(self.agenda.event.title, width=inner, max_size=title_max,
                                    min_size=title_max * 0.8, max_lines=2, who=who,
                                    wrap_min_size=4.5)
            return title, left, title.height
        logo_h = max(self.base * 0.08, title_max * 1.2)
        logo_w = logo_h * 2
        inner -= logo_w + self.pad / 2
        title = self.fitter.fit(self.agenda.event.title, width=inner, max_size=title_max,
                                min_size=title_max * 0.8, max_lines=2, who=who,
                                wrap_min_size=4.5)
        return title, left + logo_w + self.pad / 2, max(title.height, logo_h)

    def header_bottom(self, box: Box) -> float:
        return box.top - self.band_h - self.pad * 0.6 - self._header(box)[2]

    def header(self, canvas: Canvas, box: Box, holder: Holder) -> float:
        """Event title (and logo) under the band; returns the y below them."""
        top = box.top - self.band_h - self.pad * 0.6
        title, left, height = self._header(box, holder)
        if self.logo is not None:
            canvas.drawImage(str(self.logo), box.x + self.pad, top - height, height * 2,
                             height, preserveAspectRatio=True, anchor="w", mask="auto")
        _fill(canvas, "#404040")
        inner = box.x + box.w - self.pad - left
        self._draw(canvas, title, left, top - (height - title.height) / 2, inner,
                   "left" if self.logo is not None else "center")
        _fill(canvas, "#000000")
        return top - height

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

    # -- type scale and slots ---------------------------------------------------------

    def fields(self) -> tuple[Field, ...]:
        """The fields of a badge's front with their design sizes and floors."""
        base = self.base
        return (Field("category", self.band_h * 0.5, self.band_h * 0.35, 1, bold=True),
                Field("rank", base * 0.055, base * 0.04, 1),
                Field("name", base * 0.12, base * 0.12 * NAME_FLOOR, 1, bold=True),
                Field("role", base * 0.045, base * 0.045 * 0.8, 2),
                Field("organisation", base * 0.045, base * 0.045 * 0.8, 2))

    def qr_side(self, matrix: qr.QrMatrix) -> tuple[float, float]:
        """(module, side with quiet zone) of a code on this badge: at least the design size
        and modules of at least MIN_MODULE, rounded up to a thousandth of a point so that
        the PDF's numbers never make a module smaller."""
        cells = matrix.size + 2 * qr.QUIET
        module = math.ceil(max(MIN_MODULE, self.qr_target / cells) * 1000) / 1000
        return module, module * cells

    def text_width(self, qr_side: float) -> float:
        """Width of the rank, name, role and organisation: beside the QR code on landscape
        badges (the build's largest, so that every badge has the same width)."""
        inner = self.box_w - 2 * self.pad
        return inner if self.portrait or not qr_side else inner - qr_side

    def plan(self, chosen: list[Holder], codes: list[str | None]) -> Plan:
        """The build's type scale and largest QR code: what every badge is set with."""
        side = self.qr_plan_side(codes)
        return Plan(combine(self.fields(), [self.measure(chosen, side)]), side)

    def qr_plan_side(self, codes: list[str | None]) -> float:
        """The side of the build's largest QR code (0 without codes)."""
        return max((self.qr_side(qr.encode(c))[1] for c in qr_bounds(codes)), default=0.0)

    def measure(self, chosen: list[Holder], side: float) -> Lowest:
        """The least sizes of `chosen`'s fields, with codes of `side` beside the text: one
        part of the build's scale (`scale.combine` joins the parts)."""
        width = self.text_width(side)
        inner = self.box_w - 2 * self.pad

        def texts(name: str) -> list[str]:
            if name == "category":
                return [self.locale.category(h.category).upper() for h in chosen]
            return [t for h in chosen for t in [_field_text(h, name)] if t]

        return lowest(self.fitter, self.fields(), texts,
                      lambda name: inner if name == "category" else width)

    def use(self, plan: Plan) -> None:
        self.scale = plan.scale
        self.qr_max = plan.qr_side
        self._slots.clear()

    def slots(self, box: Box) -> Slots:
        """Where the stack goes on every badge: the same for all (the header is the same
        text everywhere), so the name's baseline does not move from badge to badge. The
        stack of a badge with a rank, a one-line name and role and a two-line
        organisation is centred between the header and the QR code."""
        found = self._slots.get(box)
        if found is not None:
            return found
        sc = self.scale
        asc, desc = self.fitter.metrics(False)
        asc_b, desc_b = self.fitter.metrics(True)
        region_top = self.header_bottom(box) - self.pad * 0.5
        if self.portrait and self.qr_max:
            bottom = box.y + self.pad / 4 + self.qr_max + self.pad * 0.5
        else:
            bottom = box.y + self.pad
        rank_h = (asc + desc) * sc["rank"]
        typical = (rank_h + self.base * 0.01 + (asc_b + desc_b) * sc["name"] + self.base * 0.03
                   + (asc + desc) * sc["role"] + self.base * 0.012
                   + (asc + desc) * sc["organisation"] + 1.2 * sc["organisation"])
        stack_top = region_top - max(0.0, (region_top - bottom - typical) / 2)
        name_base = stack_top - rank_h - self.base * 0.01 - asc_b * sc["name"]
        found = self._slots[box] = Slots(stack_top - asc * sc["rank"], name_base, bottom,
                                         self.text_width(self.qr_max))
        return found

    # -- front ------------------------------------------------------------------------

    def front(self, canvas: Canvas, box: Box, holder: Holder, qr_text: str | None) -> Notes:
        self.top(canvas, box, holder)
        notes = Notes()
        under = self._rank_and_name(canvas, box, holder, notes)
        slots = self.slots(box)
        align = "center" if self.portrait else "left"
        below = self._details(holder, slots.width, under - self.base * 0.03 - slots.bottom,
                              notes)
        top = under - self.base * 0.03
        for layout in below:
            self._draw(canvas, layout, box.x + self.pad, top, slots.width, align)
            top -= layout.height + self.base * 0.012
        if qr_text:
            matrix = qr.encode(qr_text)
            _, q = self.qr_side(matrix)
            qx = box.x + (box.w - q) / 2 if self.portrait else box.x + box.w - q - self.pad / 4
            qr.draw(canvas, matrix, qx, box.y + self.pad / 4, q)
        return notes

    def _rank_and_name(self, canvas: Canvas, box: Box, holder: Holder, notes: Notes) -> float:
        """Rank and name on their fixed baselines (front and back alike); return the y of
        the name's last baseline less its descent."""
        slots, sc, base = self.slots(box), self.scale, self.base
        align = "center" if self.portrait else "left"
        x = box.x + self.pad
        if holder.title:
            rank = self._scaled(holder.title, slots.width, sc["rank"], 6, holder)
            self._note(notes, "rank", rank, sc["rank"])
            # A rank that wraps grows upwards: its last baseline stays on the slot's.
            lift = (len(rank.lines) - 1) * rank.leading
            self._draw(canvas, rank, x, slots.rank_base + lift + rank.ascent, slots.width,
                       align)
        name = self._fit(holder.name, slots.width, sc["name"], max(base * 0.035, 7), 2,
                         holder, bold=True, one_line_min=sc["name"] * 0.6)
        self._note(notes, "name", name, sc["name"])
        notes.name_size, notes.wrapped = name.size, name.wrapped
        self._draw(canvas, name, x, slots.name_base + name.ascent, slots.width, align)
        return slots.name_base - (len(name.lines) - 1) * name.leading - name.descent

    def _details(self, holder: Holder, width: float, room: float,
                 notes: Notes) -> list[Layout]:
        """Role and organisation at the scale's sizes; shrunk together for this badge alone
        when they do not fit above the QR code (reported), never cut."""
        texts = [(f, t) for f in ("role", "organisation")
                 for t in [_field_text(holder, f)] if t]
        factor = 1.0
        while True:
            layouts = []
            for name, text in texts:
                size = round_down(self.scale[name] * factor, 0.25)
                layouts.append(self._scaled(text, width, size, 5.5, holder))
            total = sum(layout.height for layout in layouts) + 0.012 * self.base * (
                len(layouts) - 1)
            if total <= room + 1e-6 or not layouts:
                break
            if factor < 0.5:
                raise FitError(texts[-1][1], holder.label, width, 2, 5.5)
            factor *= 0.9
        for (name, _), layout in zip(texts, layouts, strict=True):
            self._note(notes, name, layout, self.scale[name])
            notes.fallback.update(layout.fallback_families)
        return layouts

    def _scaled(self, text: str, width: float, size: float, floor: float,
                holder: Holder, bold: bool = False) -> Layout:
        """`text` at `size` (the scale's), wrapped on two lines at that size if need be;
        only when it cannot fit so, shrunk on one line (to 80%), then wrapped smaller."""
        try:
            return self._fit(text, width, size, size, 2, holder, bold=bold)
        except FitError:
            return self._fit(text, width, size, floor, 2, holder, bold=bold,
                             one_line_min=size * 0.8)

    @staticmethod
    def _note(notes: Notes, field: str, layout: Layout, size: float) -> None:
        notes.fallback.update(layout.fallback_families)
        if layout.size < size - 1e-6:
            notes.smaller[field] = layout.size

    # -- back -------------------------------------------------------------------------

    def back(self, canvas: Canvas, box: Box, holder: Holder) -> None:
        """Rank and name as on the front (a badge on a lanyard turns round), then the
        holder's sessions (or the day at a glance), every line at one size: a long line
        wraps at that size, and when one does not fit on `BACK_LINES` lines, or all do not
        fit the badge, the size goes down for all of them together."""
        self.top(canvas, box, holder)
        top = self._rank_and_name(canvas, box, holder, Notes()) - self.base * 0.04
        inner = box.w - 2 * self.pad
        room = top - box.y - self.pad
        lines = self._back_lines(holder)
        size = round_down(self.base * 0.05, BACK_STEP)
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


def _field_text(holder: Holder, field: str) -> str | None:
    """A holder's rank, name, role or organisation (with the country) as printed."""
    if field == "organisation":
        return ", ".join(t for t in (holder.organisation, holder.country) if t) or None
    return {"rank": holder.title, "name": holder.name, "role": holder.role}[field]

