"""Text stage: boxes — what fitting hands over: a height and a width, then a draw at (x, top).

A fitted text (`Layout`) is the first kind of box. Every box is measured when it is made
(at a size, in a width) and drawn later, as often as wanted, without being measured again:
a door sign's entry, row and people grid are boxes made of layouts, and any new output
(table tents) places its parts the same way."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from reportlab.pdfgen.canvas import Canvas

from podium.pdf import PdfFonts, draw_shaped
from podium.text.shaping import ShapedText


@runtime_checkable
class Box(Protocol):
    """Something measured for its place, then drawn: `height` and `width` in points (the
    width it takes, at most the width it was made for), drawn with its top-left corner at
    (`x`, `top`) in a column `width` points wide."""

    @property
    def height(self) -> float: ...

    @property
    def width(self) -> float: ...

    def draw(self, canvas: Canvas, fonts: PdfFonts, x: float, top: float,
             width: float) -> None: ...


def stacked(ascent: float, leading: float, descent: float, lines: int) -> float:
    """The height model of set text, in points: `ascent` above the first baseline,
    `leading` between baselines, `descent` under the last; 0 for no lines. A `Layout`'s
    height is this, and so is a height counted at a size without laying the text out
    (`search.size_probe`, `Fitter.height_at`): the two cannot disagree."""
    if not lines:
        return 0.0
    return ascent + (lines - 1) * leading + descent


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
    height: float = field(init=False, repr=False, compare=False)
    """From the top of the box to its bottom (`stacked`)."""

    def __post_init__(self) -> None:
        # Worked out once here: badges report them for every badge drawn, and stack heights.
        used = (run.face.family for line in self.lines for run in line.runs)
        object.__setattr__(self, "fallback_families",
                           tuple(f for f in dict.fromkeys(used) if f != self.family))
        object.__setattr__(self, "height",
                           stacked(self.ascent, self.leading, self.descent, len(self.lines)))

    @property
    def width(self) -> float:
        return max((line.width_at(self.size) for line in self.lines), default=0.0)

    @property
    def last_width(self) -> float:
        """The width of the last line (what may follow it on its baseline starts there)."""
        return self.lines[-1].width_at(self.size) if self.lines else 0.0

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


if TYPE_CHECKING:
    _LAYOUT: type[Box] = Layout     # mypy checks that a Layout is a Box
