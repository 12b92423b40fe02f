"""Text stage: the one text-fitting engine of the printed outputs (badges, door signs).

    shaper = Shaper(ctx.fonts)          # one per build: caches shaping results
    pdf_fonts = PdfFonts()              # bundled faces as ReportLab fonts
    fitter = Fitter(shaper, "Noto Sans")   # one per build: remembers fitted texts
    layout = fitter.fit(name, bold=True, width=w, max_size=30, min_size=14, max_lines=2,
                        who="person 'x'")
    layout.draw(canvas, pdf_fonts, x, top, w, align="center")

`fit` shrinks, then wraps, then raises `FitError`; never cuts. `largest` searches sizes for
the biggest, two big lines beating one small one. Every fitted thing is a `Box`: measured
when made, then drawn (`boxes`). Shaping (HarfBuzz, bidi, per-character fallback over the
bundled fonts) lives in `shaping`, line breaking in `wrap`, fitting in `fit`, the size
search and line counting in `search`, the per-build memo in `fitter`; PDF
drawing in `podium.pdf`.
"""

from podium.pdf import PdfFonts, draw_shaped, new_canvas, pdf_num, set_fill
from podium.text.boxes import Box, Layout
from podium.text.fit import FitError, fit
from podium.text.fitter import Fitter
from podium.text.search import largest
from podium.text.shaping import MissingGlyphs, Run, ShapedText, Shaper

__all__ = ["Box", "FitError", "Fitter", "Layout", "MissingGlyphs", "PdfFonts", "Run",
           "ShapedText", "Shaper", "draw_shaped", "fit", "largest", "new_canvas", "pdf_num",
           "set_fill"]
