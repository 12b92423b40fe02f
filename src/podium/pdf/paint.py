"""PDF stage: fill colours and numbers, written as content-stream operators."""

from __future__ import annotations

from functools import lru_cache

from reportlab.pdfgen.canvas import Canvas


def pdf_num(v: float, places: int = 3) -> str:
    """`v` as a PDF number: at most `places` decimals, no trailing zeros or point."""
    return f"{v:.{places}f}".rstrip("0").rstrip(".")


def set_fill(canvas: Canvas, rgb: tuple[float, float, float]) -> None:
    """Set the fill colour (components 0-1). The operator is written directly: ReportLab's
    setFillColorRGB costs more than the short texts it colours, and nothing here reads
    ReportLab's own record of the colour (all text is written by `draw_shaped`)."""
    canvas._code.append(_fill_operator(rgb))


@lru_cache(maxsize=256)
def _fill_operator(rgb: tuple[float, float, float]) -> str:
    return " ".join(pdf_num(v, 4) for v in rgb) + " rg"
