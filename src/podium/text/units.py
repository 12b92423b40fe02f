"""Text stage: setting units that never break inside — names in a list, a rank before a name.

`fit` breaks a text wherever a space or hyphen allows; a person's name must not be broken
("Jean-Pierre / Lacroix"). Here the text is given as units joined by a separator; lines
break only between units, and a unit wider than the line at every size allowed is a
`FitError` (never a cut, never a break inside it)."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from podium.text.boxes import Layout
from podium.text.fit import FitError, _layout
from podium.text.shaping import Shaper
from podium.text.wrap import round_down


def _clean(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def pack(shaper: Shaper, units: Sequence[str], *, sep: str, family: str, bold: bool,
         limit: float, max_lines: int) -> list[str] | None:
    """Lines (greedy) of the units joined by `sep`, each at most `limit` ems wide, breaking
    only after a separator (whose trailing spaces end the line); None if a unit alone is too
    wide or the lines run out."""
    lines: list[str] = []
    current = ""
    for k, unit in enumerate(units):
        piece = unit + (sep.rstrip() if k < len(units) - 1 else "")
        if current:
            joined = current + " " * (len(sep) - len(sep.rstrip())) + piece
            if shaper.shape(joined, family, bold=bold).width <= limit:
                current = joined
                continue
            lines.append(current)
        if shaper.shape(piece, family, bold=bold).width > limit:
            return None
        current = piece
    if current:
        lines.append(current)
    return lines if len(lines) <= max_lines else None


def set_units(shaper: Shaper, units: Sequence[str], *, sep: str, family: str, width: float,
              max_size: float, min_size: float, max_lines: int, bold: bool = False,
              line_height: float = 1.15, step: float = 0.5,
              who: str | None = None) -> Layout:
    """The units at the largest size (in `step`s from `max_size` down to `min_size`) at which
    they fit `width` in at most `max_lines` lines, breaking only between units. Raises
    FitError naming the unit that cannot fit, or the whole text."""
    units = [u for u in (_clean(u) for u in units) if u]
    text = sep.join(units)
    size = round_down(max_size, step)
    # Whole steps only, as `largest`: a size between two steps is tried as the one below.
    floor = min(min_size, size)
    while size >= floor - 1e-9:
        lines = pack(shaper, units, sep=sep, family=family, bold=bold, limit=width / size,
                     max_lines=max_lines)
        if lines is not None:
            shaped = tuple(shaper.shape(line, family, bold=bold) for line in lines)
            return _layout(shaper, text, shaped, size, max_size, line_height, family)
        size -= step
    widest = max(units, key=lambda u: shaper.shape(u, family, bold=bold).width, default="")
    one = shaper.shape(widest, family, bold=bold).width
    if one * min_size > width:
        raise FitError(widest, who, width, 1, min_size)
    raise FitError(text, who, width, max_lines, min_size)


def fits_one_line(shaper: Shaper, unit: str, *, family: str, bold: bool, width: float,
                  size: float) -> bool:
    """Whether a unit is at most `width` points wide at `size`."""
    return shaper.shape(_clean(unit), family, bold=bold).width * size <= width + 1e-9

