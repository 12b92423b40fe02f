"""Text stage: size search — the largest size, in steps, at which a text fits a box.

Two big lines beat one small one (a sign is read from afar). `largest` bisects over sizes;
for simple text each size is tested by counting lines from summed advances (`line_counter`,
`size_probe`), and only the size found is laid out, by `fit`, so the layout is the one
trying that size alone gives; a height counted for a size is `boxes.stacked`, as a
layout's is."""

from __future__ import annotations

import math
from collections.abc import Callable

from podium.text.boxes import Layout, stacked
from podium.text.fit import FitError, fit
from podium.text.shaping import Shaper
from podium.text.wrap import Measure, measure, round_down, wrap_at


def largest(shaper: Shaper, text: str, *, family: str, width: float, max_size: float,
            min_size: float, max_lines: int = 1, bold: bool = False,
            max_height: float | None = None, line_height: float = 1.15, step: float = 0.5,
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
            layout = fit(shaper, text, family=family, width=width, max_size=size,
                         min_size=size, max_lines=max_lines, bold=bold,
                         line_height=line_height, step=step, known=known)
        except FitError:
            return None
        return layout if max_height is None or layout.height <= max_height + 1e-6 else None

    if len(sizes) == 1:
        # One size to try: laying it out is the whole test.
        return at(sizes[0]) or _fail(text, width, max_lines, min_size)
    # Simple text is measured by sums of advances: probing a size shapes nothing, and only
    # the size found is laid out (by `fit`, so the layout is the one `at` would give).
    probe = size_probe(shaper, text, family=family, width=width, max_lines=max_lines,
                       bold=bold, max_height=max_height, line_height=line_height, step=step,
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


def line_counter(shaper: Shaper, text: str, *, family: str, width: float, max_lines: int,
                 bold: bool, step: float, known: Measure | None = None,
                 ) -> Callable[[float], int] | None:
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
        else:
            wrapped = wrap_at(m, width, size, max_lines)
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
        # `Layout.height` of that many lines: the products `fit` lays out with, stacked.
        height = stacked(ascent * size, size * line_height, descent * size, lines)
        return height <= max_height + 1e-6

    return probe
