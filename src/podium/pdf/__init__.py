"""PDF stage: the one package that writes PDF bytes and touches ReportLab's internals.

    canvas = new_canvas(path, (w, h), fonts, face, epoch=ctx.epoch, title="...")
    set_fill(canvas, (0, 0, 0)); draw_shaped(canvas, fonts, shaped, x, y, size)
    draw_qr(canvas, matrix, x, y, side, quiet=4)
    mark = operator_mark(canvas); ...; ops = operators_since(canvas, mark)
    replay_operators(canvas, ops)
    canvas.showPage(); canvas.save()

Renderers draw through these names (and ReportLab's public canvas calls); `podium.text`
shapes and fits, and draws through `draw_shaped`. Modules: `canvas` (reproducible canvases),
`pages` (page dictionaries from templates), `fonts` (bundled faces as ReportLab fonts,
glyph codes), `text` (shaped runs as text operators), `paint` (fill colour, numbers),
`record` (operators appended, recorded, replayed), `qr` (QR paths), `join` (the streaming
join of PDF parts)."""

from podium.pdf.canvas import PdfCanvas, forget_page, new_canvas, scratch_canvas
from podium.pdf.fonts import PdfFonts
from podium.pdf.join import Join
from podium.pdf.pages import TemplateCanvas
from podium.pdf.paint import pdf_num, set_fill
from podium.pdf.qr import QrModules, draw_qr, qr_path
from podium.pdf.record import append_operators, operator_mark, operators_since, replay_operators
from podium.pdf.text import GlyphRun, ShapedLine, draw_shaped

__all__ = ["GlyphRun", "Join", "PdfCanvas", "PdfFonts", "QrModules", "ShapedLine",
           "TemplateCanvas", "append_operators", "draw_qr", "draw_shaped", "forget_page",
           "new_canvas", "operator_mark", "operators_since", "pdf_num", "qr_path",
           "replay_operators", "scratch_canvas", "set_fill"]
