"""Text stage: the fitter — a build's fitted texts, measures and line counters, by text and box.

    fitter = Fitter(shaper, "Noto Sans")        # one per build (badges, door signs)
    title = fitter.largest(text, width=w, max_size=64, min_size=36, max_lines=3, bold=True)
    name = fitter.fit(text, width=w, max_size=30, min_size=14, max_lines=2, who="person 'x'")
    h = fitter.height_at(text, width=w, size=16, max_lines=2, bold=True, line_height=1.12)

`height_at` and `last_line_width` answer for `largest(text, max_size=size, min_size=size)`
without laying the text out, from the same line counter `largest` bisects with and the same
height model (`boxes.stacked`) its layout has: what is counted is what is drawn."""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import reduce
from operator import add

from podium.text.boxes import Layout, stacked
from podium.text.fit import FitError, fit
from podium.text.search import largest, line_counter
from podium.text.shaping import Shaper
from podium.text.units import set_units
from podium.text.wrap import Measure, measure, round_down, wrap_at

MEMO = 8192
"""Answers of each kind a fitter remembers; emptied when full (a cache: output unchanged)."""


@dataclass
class Fitter:
    """Fits texts of one family for one build. Per build, so nothing leaks between builds."""

    shaper: Shaper
    family: str
    limit: int = MEMO
    """How many answers of each kind are kept before they are all dropped."""
    layouts: dict[tuple[object, ...], Layout | FitError] = field(default_factory=dict,
                                                                 repr=False)
    """`largest` answers by text and box (failures too): names, labels, times and headers
    repeat from sign to sign, and across the people grids tried for one sign."""
    fitted: dict[tuple[object, ...], Layout] = field(default_factory=dict, repr=False)
    """`fit` answers by text and box; failures are not kept (they name whose text it is)."""
    counters: dict[tuple[object, ...], Callable[[float], int] | None] = field(
        default_factory=dict, repr=False)
    """Line counters (see `podium.text.search.line_counter`) by text and box."""
    measures: dict[tuple[str, bool], Measure | None] = field(default_factory=dict,
                                                             repr=False)
    """Texts' measures (see `podium.text.wrap.measure`) by text and weight, for every box."""
    _metrics: tuple[tuple[float, float], ...] = field(default=(), repr=False)
    """(ascent, descent) of the regular and the bold face, by `bold` (0 or 1)."""

    def __post_init__(self) -> None:
        self._metrics = tuple(self.shaper.metrics(self.shaper.face(self.family, bold=b))
                              for b in (False, True))

    def largest(self, text: str, *, width: float, max_size: float, min_size: float,
                max_lines: int = 1, bold: bool = False, max_height: float | None = None,
                line_height: float = 1.15, step: float = 0.5) -> Layout:
        """`podium.text.search.largest` in this family, remembered (failures too)."""
        key = (text, width, max_size, min_size, max_lines, bold, max_height, line_height, step)
        return self._remembered(key, lambda: largest(
            self.shaper, text, family=self.family, width=width, max_size=max_size,
            min_size=min_size, max_lines=max_lines, bold=bold, max_height=max_height,
            line_height=line_height, step=step,
            count=self.counter(text, width=width, max_lines=max_lines, bold=bold, step=step),
            known=self.measures.get((text, bold))))

    def _remembered(self, key: tuple[object, ...], make: Callable[[], Layout]) -> Layout:
        """The layout `make` gives for `key`, made once; a FitError is remembered too and
        raised again each time it is asked for."""
        found = self.layouts.get(key)
        if found is None:
            try:
                found = make()
            except FitError as exc:
                found = exc
            if len(self.layouts) >= self.limit:
                self.layouts.clear()
            self.layouts[key] = found
        if isinstance(found, FitError):
            raise found.with_traceback(None)
        return found

    def fit(self, text: str, *, width: float, max_size: float, min_size: float,
            max_lines: int = 1, bold: bool = False, line_height: float = 1.2,
            step: float = 0.25, who: str | None = None,
            wrap_min_size: float | None = None) -> Layout:
        """`podium.text.fit.fit` in this family, remembered (failures are raised each time,
        naming `who`, which is not part of what is remembered)."""
        key = (text, width, max_size, min_size, max_lines, bold, line_height, step,
               wrap_min_size)
        found = self.fitted.get(key)
        if found is None:
            found = fit(self.shaper, text, family=self.family, width=width,
                        max_size=max_size, min_size=min_size, max_lines=max_lines, bold=bold,
                        line_height=line_height, step=step, who=who,
                        wrap_min_size=wrap_min_size)
            if len(self.fitted) >= self.limit:
                self.fitted.clear()
            self.fitted[key] = found
        return found

    def units(self, units: tuple[str, ...], *, sep: str, width: float, max_size: float,
              min_size: float, max_lines: int, bold: bool = False, line_height: float = 1.15,
              step: float = 0.5) -> Layout:
        """`podium.text.units.set_units` in this family, remembered (failures too): lines
        break only between the units (names are never broken inside)."""
        key = ("units", units, sep, width, max_size, min_size, max_lines, bold, line_height,
               step)
        return self._remembered(key, lambda: set_units(
            self.shaper, units, sep=sep, family=self.family, width=width, max_size=max_size,
            min_size=min_size, max_lines=max_lines, bold=bold, line_height=line_height,
            step=step))

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
        ascent, descent = self._metrics[bold]
        # `Layout.height` of that many lines: the products `fit` lays out with, stacked.
        return stacked(ascent * size, size * line_height, descent * size, lines)

    def last_line_width(self, text: str, *, width: float, size: float, max_lines: int,
                        bold: bool, step: float = 0.5) -> float | None:
        """`Layout.last_width` of `self.largest(text, max_size=size, min_size=size, ...)`
        (same other arguments), which must fit, without laying it out; None for text that
        must be shaped."""
        count = self.counter(text, width=width, max_lines=max_lines, bold=bold, step=step)
        known = self.measures[text, bold]
        if count is None or known is None:
            return None
        size = round_down(size, step)       # the one size `largest` tries
        if count(size) == 1:
            return known.whole * size
        lines = wrap_at(known, width, size, max_lines)
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
            if len(self.counters) >= self.limit:
                self.counters.clear()
            if (text, bold) not in self.measures:
                if len(self.measures) >= self.limit:
                    self.measures.clear()
                self.measures[text, bold] = measure(self.shaper, text, family=self.family,
                                                    bold=bold)
            known = self.measures[text, bold]
            self.counters[key] = None if known is None else line_counter(
                self.shaper, text, family=self.family, width=width, max_lines=max_lines,
                bold=bold, step=step, known=known)
        return self.counters[key]

    def ink(self, text: str, bold: bool) -> float | None:
        """Width (ems) of the text's characters other than spaces, which no wrapping can
        spread over less than that in all; None for shaped text (no bound known: its faces
        and widths vary)."""
        text = " ".join(unicodedata.normalize("NFC", text).split())
        advances = self.shaper.simple_advances(text, self.family, bold=bold)
        if advances is None:
            return None
        return sum(a for c, a in zip(text, advances, strict=True) if not c.isspace())

    def metrics(self, bold: bool = False) -> tuple[float, float]:
        """(ascent, descent) in ems of the family's upright face in this weight."""
        return self._metrics[bold]
