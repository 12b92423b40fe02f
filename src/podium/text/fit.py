"""Text stage: fitting — the largest size at which a text fits a box, shrinking, then wrapping.

`fit()` answers "how big can this name be in this box?" with real font metrics:
1. the largest size (at most `max_size`) at which the text fits on one line, if that is at
   least `min_size`;
2. else the largest size at which it wraps into at most `max_lines` lines;
3. else `FitError`, naming the text and whose it is. Text is never cut.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field

from reportlab.pdfgen.canvas import Canvas

from podium.pdf import PdfFonts, draw_shaped
from podium.text.shaping import ShapedText, Shaper
from podium.text.wrap import (
    Measure,
    break_tokens,
    measure,
    round_down,
    token_widths,
    wrap_lines,
    wrap_measured,
)


class FitError(ValueError):
    """A text does not fit its box even at the smallest size allowed."""

    def __init__(self, text: str, who: str | None, width: float, max_lines: int,
                 min_size: float) -> None:
        self.text = text
        self.who = who
        lines = f"{max_lines} line{'s' * (max_lines != 1)}"
        owner = f"{who}: " if who else ""
        super().__init__(f"{owner}'{text}' does not fit in {width / 72 * 25.4:.0f} mm on "
                         f"{lines} even at {min_size:.3g} pt; shorten it or choose a larger stock")


@dataclass(frozen=True)
class Layout:
    """A fitted text: its lines (each shaped), the size and the vertical metrics in points."""

    text: str
    size: float
    lines: tuple[ShapedText, ...]
    leading: float
    """Distance between baselines."""
    ascent: float
    """From the top of the box to the first baseline."""
    descent: float
    """From the last baseline to the bottom of the box."""
    shrunk: bool
    """Set smaller than the size asked for."""
    wrapped: bool
    """Set on more than one line."""
    family: str
    """The family asked for."""
    fallback_families: tuple[str, ...] = field(init=False, repr=False, compare=False)
    """Families used beyond the one asked for (script fonts), in order of first use."""

    def __post_init__(self) -> None:
        # Worked out once here: badges report them for every badge drawn.
        used = (run.face.family for line in self.lines for run in line.runs)
        object.__setattr__(self, "fallback_families",
                           tuple(f for f in dict.fromkeys(used) if f != self.family))

    @property
    def height(self) -> float:
        if not self.lines:
            return 0.0
        return self.ascent + (len(self.lines) - 1) * self.leading + self.descent

    @property
    def width(self) -> float:
        return max((line.width_at(self.size) for line in self.lines), default=0.0)

    def draw(self, canvas: Canvas, fonts: PdfFonts, x: float, top: float, width: float,
             align: str = "left") -> None:
        """Draw the lines in the box whose left edge is `x`, top `top` and width `width`;
        `align` is left, center or right (right-to-left text is still aligned as asked)."""
        baseline = top - self.ascent
        for line in self.lines:
            w = line.width_at(self.size)
            left = {"left": x, "center": x + (width - w) / 2, "right": x + width - w}[align]
            draw_shaped(canvas, fonts, line, left, baseline, self.size)
            baseline -= self.leading


def fit(shaper: Shaper, text: str, *, family: str, width: float, max_size: float,
        min_size: float, max_lines: int = 1, bold: bool = False, line_height: float = 1.2,
        step: float = 0.25, who: str | None = None, wrap_min_size: float | None = None,
        known: Measure | None = None) -> Layout:
    """Fit `text` in a box `width` points wide of at most `max_lines` lines: the largest
    size from `max_size` down to `min_size` (in `step`s) that holds it on one line, else the
    largest (down to `wrap_min_size`, default `min_size`) that holds it wrapped. Raises
    `FitError` (naming `who`) if nothing fits, and `MissingGlyphs` if no bundled font can
    draw a character. `known` is the text's `Measure` in this family and weight, if the
    caller has it: wrapping then sums nothing again (the same lines)."""
    text = " ".join(unicodedata.normalize("NFC", text).split())
    if not text:
        return Layout(text, max_size, (), max_size * line_height, 0.0, 0.0, False, False, family)
    whole = shaper.shape(text, family, bold=bold)
    size = min(max_size, round_down(width / whole.width, step)) if whole.width > 0 else max_size
    if size >= min_size:
        return _layout(shaper, text, (whole,), size, max_size, line_height, family)
    if max_lines > 1:
        tokens = list(break_tokens(text))
        size = round_down(max_size, step)
        floor = min_size if wrap_min_size is None else wrap_min_size
        m = known if known is not None and known.text == text else None
        advances = m.advances if m else shaper.simple_advances(text, family, bold=bold)
        if advances is None and max_lines == 2:
            size = min(size, _two_line_bound(shaper, tokens, family, bold, width, step))
        widest, total = (m.widest, m.total) if m else token_widths(
            shaper, tokens, family, bold, advances)
        while size >= floor - 1e-9 and (size * widest > width
                                        or size * total > width * max_lines):
            size -= step        # a word alone, or all words together, cannot fit: skip
        while size >= floor - 1e-9:
            lines = wrap_measured(m, width / size, max_lines) if m else wrap_lines(
                shaper, text, tokens, family, bold, width / size, max_lines, advances)
            if lines is not None:
                shaped = tuple(shaper.shape(line, family, bold=bold) for line in lines)
                return _layout(shaper, text, shaped, size, max_size, line_height, family)
            size -= step
    raise FitError(text, who, width, max_lines,
                   min_size if wrap_min_size is None or max_lines == 1 else wrap_min_size)


def _two_line_bound(shaper: Shaper, tokens: list[str], family: str, bold: bool,
                    width: float, step: float) -> float:
    """The largest size (in `step`s) at which shaped text might wrap on two lines: greedy
    filling at a limit L succeeds only if some break leaves both lines at most L wide, so
    every size above width / min(over breaks of the wider line) fails. Trying sizes from
    there down gives what trying them all from the top gives, shaping a few lines, not a
    few per size. The first line grows and the second shrinks as the break moves right, so
    the wider of the two is least where they cross, found by bisection: about 2 log2(n)
    lines shaped for n tokens instead of 2n (a CJK name breaks between every character)."""
    if len(tokens) < 2:
        need = shaper.shape("".join(tokens).rstrip(), family, bold=bold).width
        return round_down(width / need, step) if need > 0 else math.inf
    lines: dict[int, tuple[float, float]] = {}

    def widths(k: int) -> tuple[float, float]:
        found = lines.get(k)
        if found is None:
            found = lines[k] = (
                shaper.shape("".join(tokens[:k]).rstrip(), family, bold=bold).width,
                shaper.shape("".join(tokens[k:]).rstrip(), family, bold=bold).width)
        return found

    lo, hi = 1, len(tokens) - 1
    while lo < hi:          # the first break whose first line is at least the second
        mid = (lo + hi) // 2
        first, second = widths(mid)
        if first >= second:
            hi = mid
        else:
            lo = mid + 1
    need = min(max(widths(k)) for k in (lo - 1, lo) if k >= 1)
    return round_down(width / need, step) if need > 0 else math.inf


def line_counter(shaper: Shaper, text: str, *, family: str, width: float, max_lines: int,
                 bold: bool, step: float, known: Measure | None = None) -> Callable[[float], int] | None:
    """For a search over sizes: the number of lines `fit(..., max_size=size, min_size=size)`
    (same other arguments) sets `text` on, 0 where it raises FitError, answered from
    character advances (the same sums `fit` makes) without shaping any line. None unless
    the text is simple (see `Shaper.simple_advances`). `known` is the text's `Measure`, if
    the caller has it. Answers are remembered by size."""
    m = known if known is not None else measure(shaper, text, family=family, bold=bold)
    if m is None:
        return None
    one_line = round_down(width / m.whole, step) if m.whole > 0 else math.inf
    answers: dict[float, int] = {}

    def count(size: float) -> int:
        found = answers.get(size)
        if found is not None:
            return found
        if one_line >= size:
            found = 1
        elif max_lines <= 1 or size * m.widest > width or size * m.total > width * max_lines:
            found = 0
        else:
            wrapped = wrap_measured(m, width / size, max_lines)
            found = 0 if wrapped is None else len(wrapped)
        answers[size] = found
        return found

    return count


def size_probe(shaper: Shaper, text: str, *, family: str, width: float, max_lines: int,
               bold: bool, max_height: float | None, line_height: float,
               step: float, count: Callable[[float], int] | None = None,
               ) -> Callable[[float], bool] | None:
    """A test of sizes for a search over them: whether `fit(..., max_size=size,
    min_size=size)` (same other arguments) succeeds, with a layout no higher than
    `max_height` (see `line_counter`, whose answer for these arguments `count` is, if the
    caller has it; None unless the text is simple)."""
    if count is None:
        count = line_counter(shaper, text, family=family, width=width, max_lines=max_lines,
                             bold=bold, step=step)
    if count is None:
        return None
    ascent, descent = shaper.metrics(shaper.face(family, bold=bold))

    def probe(size: float) -> bool:
        lines = count(size)
        if not lines:
            return False
        if max_height is None:
            return True
        return layout_height(ascent, descent, size, lines, line_height) <= max_height + 1e-6

    return probe


def layout_height(ascent: float, descent: float, size: float, lines: int,
                  line_height: float) -> float:
    """`Layout.height` of `lines` lines at `size` of a face with these metrics (in ems)."""
    return ascent * size + (lines - 1) * (size * line_height) + descent * size


def _layout(shaper: Shaper, text: str, lines: tuple[ShapedText, ...], size: float,
            max_size: float, line_height: float, family: str) -> Layout:
    metrics = [shaper.metrics(f) for f in {run.face for line in lines for run in line.runs}]
    ascent = max(m[0] for m in metrics) if metrics else 1.0
    descent = max(m[1] for m in metrics) if metrics else 0.3
    return Layout(text=text, size=size, lines=lines, leading=size * line_height,
                  ascent=ascent * size, descent=descent * size, shrunk=size < max_size - 1e-9,
                  wrapped=len(lines) > 1, family=family)
