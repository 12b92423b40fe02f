"""Text stage: fitting — the largest size at which a text fits a box, shrinking, then wrapping.

`fit()` answers "how big can this name be in this box?" with real font metrics:
1. the largest size (at most `max_size`) at which the text fits on one line, if that is at
   least `min_size`;
2. else the largest size at which it wraps into at most `max_lines` lines;
3. else `FitError`, naming the text and whose it is. Text is never cut.
"""

from __future__ import annotations

import math
import re
import unicodedata
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache, reduce
from itertools import accumulate
from operator import add

from reportlab.pdfgen.canvas import Canvas

from podium.text.draw import PdfFonts, draw_shaped
from podium.text.shaping import ShapedText, Shaper


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

    @property
    def height(self) -> float:
        if not self.lines:
            return 0.0
        return self.ascent + (len(self.lines) - 1) * self.leading + self.descent

    @property
    def width(self) -> float:
        return max((line.width_at(self.size) for line in self.lines), default=0.0)

    @property
    def fallback_families(self) -> tuple[str, ...]:
        """Families used beyond the one asked for (script fonts), in order of first use."""
        used = (run.face.family for line in self.lines for run in line.runs)
        return tuple(f for f in dict.fromkeys(used) if f != self.family)

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


_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]")


def _tokens(text: str) -> list[str]:
    """Pieces between which a line may break: after spaces, after hyphens and slashes, and
    between Chinese or Japanese characters. Joined again, they give back the text."""
    out: list[str] = []
    current = ""
    for i, char in enumerate(text):
        nxt = text[i + 1] if i + 1 < len(text) else ""
        current += char
        if not nxt:
            break
        space_end = char.isspace() and not nxt.isspace()
        hyphen = char in "-\u2010/" and not nxt.isspace() and current.strip() != char
        cjk = bool(_CJK.match(char)) and bool(_CJK.match(nxt))
        if space_end or hyphen or cjk:
            out.append(current)
            current = ""
    if current:
        out.append(current)
    return out


@lru_cache(maxsize=8192)
def _cached_tokens(text: str) -> tuple[str, ...]:
    """`_tokens`, memoised: a sign tries several sizes for one text (a pure function's memo,
    no state that changes any result)."""
    return tuple(_tokens(text))


def _round_down(size: float, step: float) -> float:
    return math.floor(size / step + 1e-9) * step


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
    size = min(max_size, _round_down(width / whole.width, step)) if whole.width > 0 else max_size
    if size >= min_size:
        return _layout(shaper, text, (whole,), size, max_size, line_height, family)
    if max_lines > 1:
        tokens = list(_cached_tokens(text))
        size = _round_down(max_size, step)
        floor = min_size if wrap_min_size is None else wrap_min_size
        m = known if known is not None and known.text == text else None
        advances = m.advances if m else shaper.simple_advances(text, family, bold=bold)
        if advances is None and max_lines == 2:
            size = min(size, _two_line_bound(shaper, tokens, family, bold, width, step))
        widest, total = (m.widest, m.total) if m else _simple_token_widths(
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
    few per size."""
    need = min((max(shaper.shape("".join(tokens[:k]).rstrip(), family, bold=bold).width,
                    shaper.shape("".join(tokens[k:]).rstrip(), family, bold=bold).width)
                for k in range(1, len(tokens))),
               default=shaper.shape("".join(tokens).rstrip(), family, bold=bold).width)
    return _round_down(width / need, step) if need > 0 else math.inf


@dataclass
class Measure:
    """What wrapping simple text needs, whatever the box: the text as `fit` sets it, its
    characters' advances (ems) and their prefix sums, its width on one line, its break
    tokens and (widest, sum) of their widths. Made once per text for a search over boxes."""

    text: str
    advances: tuple[float, ...]
    prefix: tuple[float, ...]
    whole: float
    tokens: list[str]
    widest: float
    total: float
    _bounds: tuple[tuple[int, ...], tuple[int, ...], tuple[float, ...]] | None = field(
        default=None, compare=False, repr=False)

    def bounds(self) -> tuple[tuple[int, ...], tuple[int, ...], tuple[float, ...]]:
        """(starts, stops, reach): where each token begins in `text`, where it ends without
        its trailing spaces, and `prefix` at those ends (increasing, so a line's last token
        is found by bisection). Made on first use: most texts are never wrapped."""
        if self._bounds is None:
            starts = tuple(accumulate((len(t) for t in self.tokens[:-1]), initial=0))
            stops = tuple(b + len(t.rstrip()) for b, t in zip(starts, self.tokens, strict=True))
            self._bounds = (starts, stops, tuple(self.prefix[e] for e in stops))
        return self._bounds


def wrap_measured(m: Measure, limit: float, max_lines: int) -> list[str] | None:
    """`wrap_lines` for a measured text (the same lines): each line's last token is found by
    bisecting the prefix sums at token ends instead of trying token after token, which
    matters for titles and organisations tried at many sizes and widths. Widths grow with
    each token added (advances are not negative), so the tokens that fit a line come first."""
    starts, stops, reach = m.bounds()
    sums = m.prefix
    lines: list[str] = []
    first, count = 0, len(stops)
    while first < count:
        start = starts[first]
        # Past this index every line is wider than `limit` by more than `wrap_lines`'s
        # rounding margin; below it, `_fits` decides as `wrap_lines` does.
        last = bisect_right(reach, sums[start] + limit + 1e-6, first) - 1
        while last >= first and not _fits(m.advances, sums, start, stops[last], limit):
            last -= 1
        if last < first or len(lines) == max_lines:
            return None
        lines.append(m.text[start:stops[last]])
        first = last + 1
    return lines


def _fits(advances: tuple[float, ...], sums: tuple[float, ...], start: int, stop: int,
          limit: float) -> bool:
    """Whether text[start:stop] is at most `limit` wide, as shaping sums it (in order from
    `start`); prefix sums answer unless they are within rounding of the limit."""
    approx = sums[stop] - sums[start]
    if approx < limit - 1e-9:
        return True
    if approx > limit + 1e-9:
        return False
    width: float = reduce(add, advances[start:stop], 0.0)
    return width <= limit


def measure(shaper: Shaper, text: str, *, family: str, bold: bool) -> Measure | None:
    """The `Measure` of `text`; None unless the text is simple (see
    `Shaper.simple_advances`)."""
    text = " ".join(unicodedata.normalize("NFC", text).split())
    advances = shaper.simple_advances(text, family, bold=bold) if text else None
    if advances is None:
        return None
    # `shaper.shape(text).width`, the same sum, without making the shaped text.
    whole = sum(advances)
    tokens = list(_cached_tokens(text))
    widest, total = _simple_token_widths(shaper, tokens, family, bold, advances)
    return Measure(text, advances, tuple(accumulate(advances, initial=0.0)), whole, tokens,
                   widest, total)


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
    one_line = _round_down(width / m.whole, step) if m.whole > 0 else math.inf
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


def _simple_token_widths(shaper: Shaper, tokens: list[str], family: str, bold: bool,
                         advances: tuple[float, ...] | None = None) -> tuple[float, float]:
    """(widest, sum) of the tokens' widths in ems, without their trailing spaces, when every
    token is simple text: its width is then the sum of its characters' advances, so a line
    is never narrower than the tokens it holds, and sizes at which the widest token, or all
    of them on `max_lines` lines, cannot fit need no trial. (0, 0) for shaped text, which
    may be narrower in context. `advances` (from `Shaper.simple_advances`) spares shaping."""
    widest = total = 0.0
    pos = 0
    for token in tokens:
        if advances is not None:
            # Added in order from 0.0, as shaping adds them (reduce, unlike sum, promises it).
            width = reduce(add, advances[pos:pos + len(token.rstrip())], 0.0)
            pos += len(token)
        else:
            shaped = shaper.shape(token.rstrip(), family, bold=bold)
            if any(run.glyphs is not None for run in shaped.runs):
                return 0.0, 0.0
            width = shaped.width
        widest = max(widest, width)
        total += width
    return widest, total


def wrap_lines(shaper: Shaper, text: str, tokens: list[str], family: str, bold: bool,
               limit: float, max_lines: int, advances: tuple[float, ...] | None = None,
               *, prefix: tuple[float, ...] | None = None) -> list[str] | None:
    """Greedy line filling in ems: the lines of `text` (split into `tokens`) at most `limit`
    ems wide, or None if a token alone is too wide or lines run out. With `advances` (see
    `Shaper.simple_advances`) widths are summed, not shaped: the same sums in the same
    order, so the same lines. `prefix` (the advances' prefix sums from 0) spares summing."""
    if advances is None:
        return _wrap(shaper, tokens, family, bold, limit, max_lines)
    sums = prefix if prefix is not None else tuple(accumulate(advances, initial=0.0))

    def fits(start: int, stop: int) -> bool:
        return _fits(advances, sums, start, stop, limit)

    lines: list[str] = []
    start = end = pos = 0       # current line: text[start:end] without its trailing spaces
    for token in tokens:
        stop = pos + len(token.rstrip())
        if fits(start, stop):
            end = stop
        else:
            if end == start:
                return None
            lines.append(text[start:end])
            start = pos
            if len(lines) >= max_lines or not fits(pos, stop):
                return None
            end = stop
        pos += len(token)
    if end > start:
        lines.append(text[start:end])
    return lines if len(lines) <= max_lines else None


def _wrap(shaper: Shaper, tokens: list[str], family: str, bold: bool, limit: float,
          max_lines: int) -> list[str] | None:
    """Greedy line filling in ems by shaping each candidate line; None if a token alone is
    too wide or lines run out."""
    lines: list[str] = []
    current = ""
    for token in tokens:
        candidate = (current + token).rstrip()
        if shaper.shape(candidate, family, bold=bold).width <= limit:
            current += token
            continue
        if not current:
            return None
        lines.append(current.rstrip())
        current = token
        if shaper.shape(current.rstrip(), family, bold=bold).width > limit:
            return None
        if len(lines) >= max_lines:
            return None
    if current.strip():
        lines.append(current.rstrip())
    return lines if len(lines) <= max_lines else None


def _layout(shaper: Shaper, text: str, lines: tuple[ShapedText, ...], size: float,
            max_size: float, line_height: float, family: str) -> Layout:
    metrics = [shaper.metrics(f) for f in {run.face for line in lines for run in line.runs}]
    ascent = max(m[0] for m in metrics) if metrics else 1.0
    descent = max(m[1] for m in metrics) if metrics else 0.3
    return Layout(text=text, size=size, lines=lines, leading=size * line_height,
                  ascent=ascent * size, descent=descent * size, shrunk=size < max_size - 1e-9,
                  wrapped=len(lines) > 1, family=family)
