"""Text stage: line breaking — where a text may break, and how it wraps at a given width.

Widths are in ems. Simple text (one left-to-right run of the primary face) is measured by
summing character advances, in the order shaping sums them, so its lines are the ones
shaping would give; other text is shaped line by line (`wrap_shaped`). All three wrapping
functions fill lines greedily through one line breaker (`break_lines`); they differ only in
how a line's last token is found: by trying token after token (`wrap_shaped`, `wrap_lines`)
or by bisecting prefix sums (`wrap_measured`)."""

from __future__ import annotations

import math
import re
import unicodedata
from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache, reduce
from itertools import accumulate
from operator import add

from podium.text.shaping import Shaper

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
def break_tokens(text: str) -> tuple[str, ...]:
    """`_tokens`, memoised: a sign tries several sizes for one text (a pure function's memo,
    no state that changes any result)."""
    return tuple(_tokens(text))


def round_down(size: float, step: float) -> float:
    return math.floor(size / step + 1e-9) * step


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
            starts, stops = token_bounds(self.tokens)
            self._bounds = (starts, stops, tuple(self.prefix[e] for e in stops))
        return self._bounds


def token_bounds(tokens: Sequence[str]) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """(starts, stops): where each token begins in the text they make up, and where it ends
    without its trailing spaces."""
    starts = tuple(accumulate((len(t) for t in tokens[:-1]), initial=0)) if tokens else ()
    return starts, tuple(b + len(t.rstrip()) for b, t in zip(starts, tokens, strict=True))


def break_lines(text: str, starts: Sequence[int], stops: Sequence[int], max_lines: int,
                last: Callable[[int], int]) -> list[str] | None:
    """The one line breaker: greedy filling of at most `max_lines` lines with the tokens
    of `text` (see `token_bounds`). `last(first)` is the last token that fits on a line
    beginning with token `first`, less than `first` when that token alone is too wide.
    A line is `text` from its first token's start to its last token's stop. None if a
    token alone is too wide or lines run out. `text` has no leading or trailing spaces
    (as `fit` sets it), so no line is blank."""
    lines: list[str] = []
    first, count = 0, len(stops)
    while first < count:
        if len(lines) == max_lines:
            return None
        end = last(first)
        if end < first:
            return None
        lines.append(text[starts[first]:stops[end]])
        first = end + 1
    return lines


def _scan(starts: Sequence[int], stops: Sequence[int],
          fits: Callable[[int, int], bool]) -> Callable[[int], int]:
    """`last` for `break_lines` by trying token after token from the line's first: the
    token before the first one that does not fit. `fits(start, stop)` tells whether
    text[start:stop] fits the line."""
    count = len(stops)

    def last(first: int) -> int:
        start, end = starts[first], first
        while end < count and fits(start, stops[end]):
            end += 1
        return end - 1

    return last


def wrap_measured(m: Measure, limit: float, max_lines: int) -> list[str] | None:
    """`wrap_lines` for a measured text (the same lines): each line's last token is found by
    bisecting the prefix sums at token ends instead of trying token after token, which
    matters for titles and organisations tried at many sizes and widths. Widths grow with
    each token added (advances are not negative), so the tokens that fit a line come first."""
    starts, stops, reach = m.bounds()
    sums, advances = m.prefix, m.advances

    def last(first: int) -> int:
        start = starts[first]
        # Past this index every line is wider than `limit` by more than `_fits`'s rounding
        # margin; below it, `_fits` decides as trying token after token does.
        end = bisect_right(reach, sums[start] + limit + 1e-6, first) - 1
        while end >= first and not _fits(advances, sums, start, stops[end], limit):
            end -= 1
        return end

    return break_lines(m.text, starts, stops, max_lines, last)


def wrap_at(m: Measure, width: float, size: float, max_lines: int) -> list[str] | None:
    """The lines a measured text wraps onto at `size` points in `width` points, as `fit`
    sets it when it does not fit on one line: None where the widest token, or all of them
    on `max_lines` lines, cannot fit at that size (sizes `fit` skips untried), or where
    lines run out. Counting lines at a size (door signs) asks this too."""
    if max_lines <= 1 or size * m.widest > width or size * m.total > width * max_lines:
        return None
    return wrap_measured(m, width / size, max_lines)


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
    tokens = list(break_tokens(text))
    widest, total = token_widths(shaper, tokens, family, bold, advances)
    return Measure(text, advances, tuple(accumulate(advances, initial=0.0)), whole, tokens,
                   widest, total)


def token_widths(shaper: Shaper, tokens: list[str], family: str, bold: bool,
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
        return wrap_shaped(shaper, tokens, family, bold, limit, max_lines)
    sums = prefix if prefix is not None else tuple(accumulate(advances, initial=0.0))
    starts, stops = token_bounds(tokens)

    def fits(start: int, stop: int) -> bool:
        return _fits(advances, sums, start, stop, limit)

    return break_lines(text, starts, stops, max_lines, _scan(starts, stops, fits))


def wrap_shaped(shaper: Shaper, tokens: list[str], family: str, bold: bool, limit: float,
                max_lines: int) -> list[str] | None:
    """Greedy line filling in ems by shaping each candidate line; None if a token alone is
    too wide or lines run out. (Shaped widths need not grow with each token added, so
    tokens are tried one after another.)"""
    text = "".join(tokens)
    starts, stops = token_bounds(tokens)

    def fits(start: int, stop: int) -> bool:
        return shaper.shape(text[start:stop], family, bold=bold).width <= limit

    return break_lines(text, starts, stops, max_lines, _scan(starts, stops, fits))
