"""PDF stage: shaped text written as text operators, glyph by glyph or character by character.

A simple run (see `podium.text.shaping`) is shown as its characters, so that it is plain,
extractable text; a run shaped by HarfBuzz is shown glyph by glyph (see `_glyph_run`), each
glyph as the character `PdfFonts.code` gives it, with the run's real text attached as
/ActualText for copy and search. Fonts go through ReportLab's subsetting as usual, so they
are embedded; the operators are written directly (ReportLab's text object formats numbers
slowly)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from podium.fonts import Face
from podium.pdf.canvas import PdfCanvas
from podium.pdf.fonts import GLYPH_CODES, PdfFonts
from podium.pdf.paint import pdf_num


class GlyphRun(Protocol):
    """What is drawn of one shaped run (`podium.text.Run`): glyphs of one face, in visual
    order, or (`glyphs` None) a simple run drawn as its `text`; sizes in ems."""

    @property
    def face(self) -> Face: ...
    @property
    def text(self) -> str: ...
    @property
    def width(self) -> float: ...
    @property
    def glyphs(self) -> tuple[int, ...] | None: ...
    @property
    def advances(self) -> tuple[float, ...]: ...
    @property
    def offsets(self) -> tuple[tuple[float, float], ...]: ...
    @property
    def chars(self) -> tuple[str | None, ...]: ...


class ShapedLine(Protocol):
    """What is drawn of one shaped line (`podium.text.ShapedText`): its runs in visual order."""

    @property
    def runs(self) -> Sequence[GlyphRun]: ...


def _utf16_hex(text: str) -> str:
    return "FEFF" + text.encode("utf-16-be").hex().upper()


def draw_shaped(canvas: PdfCanvas, fonts: PdfFonts, shaped: ShapedLine, x: float, y: float,
                size: float) -> None:
    """Draw one shaped line with its left end at `x` and its baseline at `y` on a canvas
    made by `new_canvas`. The text operators are written directly (ReportLab's text object
    formats numbers slowly); fonts go through ReportLab's subsetting as usual, so they are
    embedded and extractable."""
    pen = x
    for run in shaped.runs:
        font = pdfmetrics.getFont(fonts.name(run.face))
        ops: list[str] = []
        if run.glyphs is None:
            ops.append(f"1 0 0 1 {pdf_num(pen)} {pdf_num(y)} Tm")
            _show(canvas, font, size, run.text, ops)
            canvas._code.append("BT " + " ".join(ops) + " ET")
        else:
            canvas._code.append(_glyph_run(canvas, fonts, font, run, pen, y, size))
        pen += run.width * size


def _glyph_run(canvas: PdfCanvas, fonts: PdfFonts, font: TTFont, run: GlyphRun, x: float,
               y: float, size: float) -> str:
    """The operators drawing a shaped run glyph by glyph: one text position, then arrays
    of glyphs (TJ) whose numbers move each glyph from where the font's own advance would
    put it to where shaping places it; the font subset (Tf) and the rise (Ts, for marks
    placed above or below) change between arrays where they must. Marked content carries
    the run's logical text for copy, search and screen readers."""
    face = font.face
    widths, default_width = face.charWidths, face.defaultWidth
    ops = [f"/Span <</ActualText <{_utf16_hex(run.text)}>>> BDC BT 1 0 0 1 {pdf_num(x)} {pdf_num(y)} Tm"]
    shown: list[str] = []
    subset, rise = "", 0.0
    at = pen = x            # where the next glyph would go; where shaping puts it (no offset)
    pieces = canvas.text_pieces
    font_name = font.fontName
    codes = GLYPH_CODES[font_name]
    assert run.glyphs is not None and run.chars is not None
    for gid, char, adv, (dx, dy) in zip(run.glyphs, run.chars, run.advances, run.offsets,
                                        strict=True):
        code = char if char is not None else (codes.get(gid) or fonts.code(run.face, gid))
        found = pieces.get((font_name, code))
        name, _, text = found if found is not None else _piece(canvas, font, code)
        lift = dy * size
        if name != subset or lift != rise:
            if shown:
                ops.append(f"[{' '.join(shown)}] TJ")
                shown = []
            if name != subset:
                ops.append(f"{name} {pdf_num(size)} Tf")
                subset = name
            if lift != rise:
                ops.append(f"{pdf_num(lift)} Ts")
                rise = lift
        target = pen + dx * size
        if abs(target - at) > 1e-6:
            shown.append(pdf_num((at - target) / size * 1000))
        shown.append(text)
        at = target + widths.get(ord(code), default_width) * size / 1000
        pen += adv * size
    if shown:
        ops.append(f"[{' '.join(shown)}] TJ")
    if rise:
        ops.append("0 Ts")      # the rise is graphics state: it outlives the text object
    ops.append("ET EMC")
    return " ".join(ops)


def _piece(canvas: PdfCanvas, font: TTFont, code: str) -> tuple[str, str, str]:
    """(subset font name, escaped character, PDF string) that show the one character
    `code`, remembered in the canvas's `text_pieces`. ReportLab gives characters their
    subset codes in the order they are first shown, so asking character by character gives
    what asking for a whole text would."""
    pieces = canvas.text_pieces
    key = (font.fontName, code)
    found = pieces.get(key)
    if found is None:
        doc = canvas._doc
        (subset, chunk), = font.splitString(code, doc)
        escaped = canvas._escape(chunk)
        found = pieces[key] = (font.getSubsetInternalName(subset, doc), escaped, f"({escaped})")
    return found


def _show(canvas: PdfCanvas, font: TTFont, size: float, text: str, ops: list[str]) -> None:
    """Append the operators showing `text` (selecting the font subset for each piece)."""
    # Once a document has given the characters of a text their subset codes, showing the
    # same text again gives the same operators: titles, roles and categories repeat on
    # every badge. The cache lives on the canvas, so it ends with its document.
    shown = canvas.shown_texts
    key = (font.fontName, size, text)
    found = shown.get(key)
    if found is None:
        # Character by character through the document's pieces: names are new on every
        # badge, their characters are not.
        pieces = canvas.text_pieces
        chunks: list[tuple[str, list[str]]] = []
        for char in text:
            piece = pieces.get((font.fontName, char)) or _piece(canvas, font, char)
            if not chunks or chunks[-1][0] != piece[0]:
                chunks.append((piece[0], []))
            chunks[-1][1].append(piece[1])
        found = shown[key] = " ".join(f"{name} {pdf_num(size)} Tf ({''.join(escaped)}) Tj"
                                      for name, escaped in chunks)
    ops.append(found)
