"""Text stage: fitting — the largest size at which a text fits a box, shrinking, then wrapping.

`fit()` answers "how big can this name be in this box?" with real font metrics:
1. the largest size (at most `max_size`) at which the text fits on one line, if that is at
   least `min_size`;
2. else the largest size at which it wraps into at most `max_lines` lines;
3. else `FitError`, naming the text and whose it is. Text is never cut.

The search over sizes for the best of several line counts (door signs) is in `search`.
"""

from __future__ import annotations

import math
import unicodedata
from itertools import accumulate

from podium.text.boxes import Layout
from podium.text.shaping import ShapedText, Shaper
from podium.text.wrap import Measure, break_tokens, round_down, token_widths, wrap_at, wrap_shaped


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


def fit(shaper: Shaper, text: str, *, family: str, width: float, max_size: float,
        min_size: float, max_lines: int = 1, bold: bool = False, line_height: float = 1.2,
        step: float = 0.25, who: str | None = None, wrap_min_size: float | None = None,
        known: Measure | None = None) -> Layout:
    """Fit `text` in a box `width` points wide of at most `max_lines` lines: the largest
    size from `max_size` down to `min_size` (in `step`s) that holds it on one line, else the
    largest (down to `wrap_min_size`, default `min_size`) that holds it wrapped. Raises
    `FitError` (naming `who`) if nothing fits, and `MissingGlyphs` if no bundled font can
    draw a character. Simple text wraps by its `Measure` (`wrap.wrap_at`, the lines that
    counting lines at a size gives); `known` is that measure, if the caller has it."""
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
        if m is None and advances is not None:
            # Simple text: measured once for every size tried, as `measure` measures it.
            widest, total = token_widths(shaper, tokens, family, bold, advances)
            m = Measure(text, advances, tuple(accumulate(advances, initial=0.0)), whole.width,
                        tokens, widest, total)
        if m is None:
            if max_lines == 2:
                size = min(size, _two_line_bound(shaper, tokens, family, bold, width, step))
            widest, total = token_widths(shaper, tokens, family, bold)
        else:
            widest, total = m.widest, m.total
        while size >= floor - 1e-9 and (size * widest > width
                                        or size * total > width * max_lines):
            size -= step        # a word alone, or all words together, cannot fit: skip
        while size >= floor - 1e-9:
            lines = wrap_at(m, width, size, max_lines) if m else wrap_shaped(
                shaper, tokens, family, bold, width / size, max_lines)
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


def _layout(shaper: Shaper, text: str, lines: tuple[ShapedText, ...], size: float,
            max_size: float, line_height: float, family: str) -> Layout:
    metrics = [shaper.metrics(f) for f in {run.face for line in lines for run in line.runs}]
    ascent = max(m[0] for m in metrics) if metrics else 1.0
    descent = max(m[1] for m in metrics) if metrics else 0.3
    return Layout(text=text, size=size, lines=lines, leading=size * line_height,
                  ascent=ascent * size, descent=descent * size, shrunk=size < max_size - 1e-9,
                  wrapped=len(lines) > 1, family=family)
