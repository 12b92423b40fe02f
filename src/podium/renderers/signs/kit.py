"""Drawing stage of the door signs: page geometry, type scale, and the parts every sign shares
(header with event and room, QR code with its URL, footer), all set with podium.text."""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property, reduce
from operator import add
from pathlib import Path

from reportlab.lib.pagesizes import A3, A4, landscape, letter
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from podium import qr
from podium.i18n import Locale
from podium.model import Agenda, Item
from podium.text import FitError, Layout, PdfFonts, Shaper, fit, set_fill
from podium.text.fit import layout_height, line_counter, size_probe
from podium.text.wrap import Measure, measure, round_down, wrap_measured

FAMILY = "Noto Sans"
INK = (0.0, 0.0, 0.0)
SECOND = (0.22, 0.22, 0.22)
"""Secondary text: dark grey, still above 10:1 contrast on white."""
ACCENT = (0.09, 0.25, 0.42)
"""Navy for labels and rules: never the only carrier of meaning (labels are words)."""
MEMO = 8192
"""Layouts a kit remembers; emptied when full (a cache: output unchanged)."""
PAPERS = {"A4": landscape(A4), "A3": landscape(A3), "Letter": landscape(letter)}


@dataclass(frozen=True)
class Page:
    """A landscape sign page. Sizes are designed for A4 and multiplied by `scale`."""

    width: float
    height: float

    @classmethod
    def of(cls, paper: str) -> Page:
        w, h = PAPERS[paper]
        return cls(w, h)

    @cached_property
    def scale(self) -> float:
        a4w, a4h = PAPERS["A4"]
        return float(min(self.width / a4w, self.height / a4h))

    @property
    def margin(self) -> float:
        return float(10 * mm * self.scale)

    @property
    def left(self) -> float:
        return self.margin

    @property
    def right(self) -> float:
        return self.width - self.margin

    @property
    def top(self) -> float:
        return self.height - self.margin

    @property
    def bottom(self) -> float:
        return self.margin

    @property
    def inner(self) -> float:
        return self.right - self.left

    def pt(self, size: float) -> float:
        """A size designed for A4, on this paper."""
        return size * self.scale


class TextTooLong(ValueError):
    """A text of an item does not fit its sign at the smallest size allowed for it."""

    def __init__(self, item: Item, message: str) -> None:
        self.item = item
        super().__init__(message)


def largest(shaper: Shaper, text: str, *, width: float, max_size: float, min_size: float,
            max_lines: int = 1, bold: bool = False, max_height: float | None = None,
            line_height: float = 1.15, step: float = 0.5,
            count: Callable[[float], int] | None = None, known: Measure | None = None) -> Layout:
    """The largest size (in `step`s from `max_size` down to `min_size`) at which `text` fits
    `width` on at most `max_lines` lines and within `max_height`. Unlike `fit` alone, two big
    lines beat one small one: a sign is read from afar. Raises FitError if nothing fits.
    `count` is the text's `line_counter` for these arguments, if the caller has one, and
    `known` its `Measure`."""
    # Whole steps only: `fit` tries sizes on its own grid of steps.
    hi, lo = math.floor(max_size / step + 1e-9), math.ceil(min_size / step - 1e-9)
    sizes = [k * step for k in range(hi, min(lo, hi) - 1, -1)]

    def at(size: float) -> Layout | None:
        try:
            layout = fit(shaper, text, family=FAMILY, width=width, max_size=size, min_size=size,
                         max_lines=max_lines, bold=bold, line_height=line_height, step=step,
                         known=known)
        except FitError:
            return None
        return layout if max_height is None or layout.height <= max_height + 1e-6 else None

    if len(sizes) == 1:
        # One size to try: laying it out is the whole test.
        return at(sizes[0]) or _fail(text, width, max_lines, min_size)
    # Simple text is measured by sums of advances: probing a size shapes nothing, and only
    # the size found is laid out (by `fit`, so the layout is the one `at` would give).
    probe = size_probe(shaper, text, family=FAMILY, width=width, max_lines=max_lines, bold=bold,
                       max_height=max_height, line_height=line_height, step=step,
                       count=count)
    fits: Callable[[float], object] = at if probe is None else probe
    # Fitting is monotonic in the size (smaller text never needs more lines): bisect.
    if fits(sizes[0]):
        return at(sizes[0]) or _never(text)
    lo, hi, best = 1, len(sizes) - 1, None
    while lo <= hi:
        mid = (lo + hi) // 2
        if fits(sizes[mid]):
            best, hi = sizes[mid], mid - 1
        else:
            lo = mid + 1
    if best is None:
        raise FitError(text, None, width, max_lines, min_size)
    return at(best) or _never(text)


def _fail(text: str, width: float, max_lines: int, min_size: float) -> Layout:
    raise FitError(text, None, width, max_lines, min_size)


def _never(text: str) -> Layout:
    raise AssertionError(f"measured and laid out sizes disagree for {text!r}")


def draw(canvas: Canvas, fonts: PdfFonts, layout: Layout, x: float, top: float, width: float,
         colour: tuple[float, float, float] = INK, align: str = "left") -> float:
    """Draw `layout` in colour; return the y of its bottom."""
    set_fill(canvas, colour)
    layout.draw(canvas, fonts, x, top, width, align=align)
    return top - layout.height


def cap_top(layout: Layout) -> float:
    """How far below the box top the capitals begin (ascent includes room for accents)."""
    return layout.ascent - 0.714 * layout.size


@dataclass(frozen=True)
class Kit:
    """What every sign is drawn with: one per build."""

    page: Page
    shaper: Shaper
    fonts: PdfFonts
    locale: Locale
    agenda: Agenda
    logo: ImageReader | None
    memo: dict[tuple[object, ...], Layout | FitError] = field(default_factory=dict, repr=False,
                                                            compare=False)
    """Layouts by their text and box: names, labels, times and the header repeat from sign to
    sign (and across the people grids tried for one sign). Per build, so nothing leaks."""
    counters: dict[tuple[object, ...], Callable[[float], int] | None] = field(
        default_factory=dict, repr=False, compare=False)
    """Line counters (see `height_at`) by text and box."""
    measures: dict[tuple[str, bool], Measure | None] = field(default_factory=dict, repr=False,
                                                             compare=False)
    """Texts' measures (see `podium.text.wrap.measure`) by text and weight, for every box."""

    def largest(self, text: str, *, width: float, max_size: float, min_size: float,
                max_lines: int = 1, bold: bool = False, max_height: float | None = None,
                line_height: float = 1.15, step: float = 0.5) -> Layout:
        """`largest` with this kit's shaper, remembered (failures too)."""
        key = (text, width, max_size, min_size, max_lines, bold, max_height, line_height, step)
        found = self.memo.get(key)
        if found is None:
            try:
                found = largest(self.shaper, text, width=width, max_size=max_size,
                                min_size=min_size, max_lines=max_lines, bold=bold,
                                max_height=max_height, line_height=line_height, step=step,
                                count=self.counter(text, width=width, max_lines=max_lines,
                                                   bold=bold, step=step),
                                known=self.measures.get((text, bold)))
            except FitError as exc:
                found = exc
            if len(self.memo) >= MEMO:
                self.memo.clear()
            self.memo[key] = found
        if isinstance(found, FitError):
            raise found.with_traceback(None)
        return found

    def height_at(self, text: str, *, width: float, size: float, max_lines: int, bold: bool,
                  line_height: float, step: float = 0.5) -> float | None:
        """The height of `self.largest(text, max_size=size, min_size=size, ...)` (same
        other arguments), math.inf where it raises FitError, without laying it out; None
        for text that must be shaped (lay it out instead)."""
        key = (text, width, max_lines, bold, step)
        count = self.counters[key] if key in self.counters else self.counter(
            text, width=width, max_lines=max_lines, bold=bold, step=step)
        if count is None:
            return None
        size = round_down(size, step)       # the one size `largest` tries
        lines = count(size)
        if not lines:
            return math.inf
        ascent, descent = self.metrics()
        return layout_height(ascent, descent, size, lines, line_height)

    def last_line_width(self, text: str, *, width: float, size: float, max_lines: int,
                        bold: bool, step: float = 0.5) -> float | None:
        """The width of the last line of `self.largest(text, max_size=size, min_size=size,
        ...)` (same other arguments), which must fit, without laying it out; None for text
        that must be shaped."""
        count = self.counter(text, width=width, max_lines=max_lines, bold=bold, step=step)
        known = self.measures[text, bold]
        if count is None or known is None:
            return None
        size = round_down(size, step)       # the one size `largest` tries
        if count(size) == 1:
            return known.whole * size
        lines = wrap_measured(known, width / size, max_lines)
        assert lines is not None, text
        # Lines run to the end of the text, which `fit` has stripped.
        start = len(known.text) - len(lines[-1])
        return float(reduce(add, known.advances[start:], 0.0)) * size

    def counter(self, text: str, *, width: float, max_lines: int, bold: bool,
                step: float) -> Callable[[float], int] | None:
        """`line_counter` of the text in this box, remembered (with the text's measure,
        which serves every box)."""
        key = (text, width, max_lines, bold, step)
        if key not in self.counters:
            if len(self.counters) >= MEMO:
                self.counters.clear()
            if (text, bold) not in self.measures:
                if len(self.measures) >= MEMO:
                    self.measures.clear()
                self.measures[text, bold] = measure(self.shaper, text, family=FAMILY, bold=bold)
            known = self.measures[text, bold]
            self.counters[key] = None if known is None else line_counter(
                self.shaper, text, family=FAMILY, width=width, max_lines=max_lines, bold=bold,
                step=step, known=known)
        return self.counters[key]

    def ink(self, text: str, bold: bool) -> float | None:
        """Width (ems) of the text's characters other than spaces, which no wrapping can
        spread over less than that in all; None for shaped text (no bound known: its faces
        and widths vary)."""
        text = " ".join(unicodedata.normalize("NFC", text).split())
        advances = self.shaper.simple_advances(text, FAMILY, bold=bold)
        if advances is None:
            return None
        return sum(a for c, a in zip(text, advances, strict=True) if not c.isspace())

    def metrics(self) -> tuple[float, float]:
        """(ascent, descent) in ems of the upright face (same for regular and bold)."""
        return self._metrics

    @cached_property
    def _metrics(self) -> tuple[float, float]:
        return self.shaper.metrics(self.shaper.face(FAMILY))

    def rule(self, canvas: Canvas, y: float, weight: float, colour: tuple[float, float, float] = INK,
             x0: float | None = None, x1: float | None = None) -> None:
        set_fill(canvas, colour)
        left = self.page.left if x0 is None else x0
        right = self.page.right if x1 is None else x1
        canvas.rect(left, y - weight / 2, right - left, weight, stroke=0, fill=1)

    def header(self, canvas: Canvas, room: str | None, right: float | None = None) -> float:
        """Event (with logo) on the left, room name on the right (ending at `right`, by
        default the margin), a heavy rule under both; return the y below the rule."""
        p, s = self.page, self.page.pt
        top = p.top
        x = p.left
        end = p.right if right is None else right
        logo_h = s(34)
        if self.logo is not None:
            iw, ih = self.logo.getSize()
            lw = min(logo_h * iw / ih, s(160))
            lh = lw * ih / iw
            canvas.drawImage(self.logo, x, top - lh, lw, lh, mask="auto")
            x += lw + s(14)
        room_w = 0.0
        bottom = top - (logo_h if self.logo is not None else 0.0)
        if room:
            # One line when it can be 22 pt or more (the engine's own preference), else up to
            # three: long room names ("backspace / franconian.net - Bamberg") must still print.
            room_l = fit(self.shaper, room, family=FAMILY, width=(end - p.left) * 0.55, max_size=s(34),
                         min_size=s(18), max_lines=3, bold=True, line_height=1.1,
                         wrap_min_size=s(18))
            room_w = room_l.width
            bottom = min(bottom, draw(canvas, self.fonts, room_l, end - room_w, top, room_w,
                                      align="right"))
        ev = self.agenda.event
        left_w = end - x - (room_w + s(30) if room else 0)
        title = self.largest(ev.title, width=left_w, max_size=s(13), min_size=s(10),
                        max_lines=2, bold=True)
        y = draw(canvas, self.fonts, title, x, top, left_w)
        where = ", ".join(v for v in (ev.venue, ev.city) if v)
        first, last = self.agenda.days[0].date, self.agenda.days[-1].date
        place = " · ".join(v for v in (where, self.locale.date_range(first, last)) if v)
        sub = self.largest(place, width=left_w, max_size=s(10.5), min_size=s(9),
                      max_lines=2)
        y = draw(canvas, self.fonts, sub, x, y - s(2), left_w, SECOND)
        bottom = min(bottom, y) - s(8)
        self.rule(canvas, bottom, s(3), x1=end)
        return bottom - s(1.5)

    @property
    def qr_width(self) -> float:
        """Side of the dark part of every QR code: 40 mm on A4, scanned from a metre away."""
        return float(40 * mm * self.page.scale)

    def qr_block(self, canvas: Canvas, url: str, right: float, top: float,
                 caption: str | None = None) -> tuple[float, float]:
        """The QR code (dark modules 40 mm wide on A4) with its right edge at `right`, and the
        URL beneath it; return (left edge, bottom)."""
        s = self.page.pt
        matrix = qr.encode(url)
        side = self.qr_width
        module = side / matrix.size
        full = module * (matrix.size + 2 * qr.QUIET)
        # The quiet zone may reach into the margin: it is blank paper either way.
        left = right - side
        set_fill(canvas, INK)
        qr.draw(canvas, matrix, left - qr.QUIET * module, top - side - qr.QUIET * module, full)
        y = top - side - s(6)
        box = side + s(24)
        bx = min(left + side / 2 - box / 2, right - box)
        for text, size in ((caption, 10.0), (url, 8.5)):
            if not text:
                continue
            layout = self.largest(text, width=box, max_size=s(size), min_size=s(6.5),
                             max_lines=4, line_height=1.2)
            y = draw(canvas, self.fonts, layout, bx, y, box, SECOND, align="center") - s(3)
        return min(left, bx), y

    def footer_rule(self, canvas: Canvas, y: float) -> None:
        self.rule(canvas, y, self.page.pt(1), SECOND)


def read_logo(path: Path) -> ImageReader:
    """The logo as a ReportLab image; PNG or JPEG only (ValueError otherwise)."""
    head = path.read_bytes()[:8]
    if not (head.startswith(b"\x89PNG\r\n\x1a\n") or head.startswith(b"\xff\xd8\xff")):
        raise ValueError("is not a PNG or JPEG image")
    return ImageReader(str(path))
