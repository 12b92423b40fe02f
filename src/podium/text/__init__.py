"""Text stage: the one text-fitting engine of the printed outputs (badges, door signs).

    shaper = Shaper(ctx.fonts)          # one per build: caches shaping results
    pdf_fonts = PdfFonts()              # bundled faces as ReportLab fonts
    layout = fit(shaper, name, family="Noto Sans", bold=True, width=w,
                 max_size=30, min_size=14, max_lines=2, who="person 'x'")
    layout.draw(canvas, pdf_fonts, x, top, w, align="center")

`fit` shrinks, then wraps, then raises `FitError`; never cuts. Shaping (HarfBuzz, bidi,
per-character fallback over the bundled fonts) lives in `shaping`, line breaking in `wrap`;
drawing is `podium.pdf`'s (`draw_shaped`), which this package re-exports for its callers.
"""

from podium.pdf import PdfFonts, draw_shaped, new_canvas, pdf_num, set_fill
from podium.text.fit import FitError, Layout, fit
from podium.text.shaping import MissingGlyphs, Run, ShapedText, Shaper

__all__ = ["FitError", "Layout", "MissingGlyphs", "PdfFonts", "Run", "ShapedText", "Shaper",
           "draw_shaped", "fit", "new_canvas", "pdf_num", "set_fill"]
