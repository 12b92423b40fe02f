"""Text stage: drawing shaped text on a ReportLab canvas, with the bundled fonts embedded.

ReportLab embeds TrueType fonts as subsets addressed by character. A shaped glyph that
stands for exactly one character is drawn as that character (so PDF text extraction finds
it); any other glyph (ligature, conjunct, Arabic positional form) is addressed through a
private-use code point assigned to that glyph id, the same way on every run, and the run's
real text is attached as /ActualText for copy and search."""

from __future__ import annotations

import time
from typing import Any

from reportlab.lib.utils import TimeStamp
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from podium.fonts import Face
from podium.text.shaping import ShapedText

_PUA_FIRST, _PUA_LAST = 0xE000, 0xF8FF
_SUPPLEMENTARY_PUA = 0xF0000


def _assign_private_codes(font: TTFont) -> dict[int, str]:
    """A character for every glyph: the glyph's own (smallest) code point when the cmap
    reaches it, else a private-use one, assigned in glyph order and skipping code points the
    font itself maps: the same table for the same font file."""
    face = font.face
    table: dict[int, str] = {}
    for char, gid in sorted(face.charToGlyph.items(), reverse=True):
        if char >= 0x20:
            table[gid] = chr(char)   # the smallest code point that maps to the glyph
    mapped = set(table)
    code = _PUA_FIRST
    scale = 1000.0 / face.unitsPerEm
    for gid in range(1, face.numGlyphs):
        if gid in mapped:
            continue
        while code in face.charToGlyph:
            code += 1
        if code > _PUA_LAST and code < _SUPPLEMENTARY_PUA:
            code = _SUPPLEMENTARY_PUA
        face.charToGlyph[code] = gid
        face.glyphToChar.setdefault(gid, []).append(code)
        face.charWidths[code] = face.hmetrics[gid][0] * scale
        table[gid] = chr(code)
        code += 1
    return table


class PdfFonts:
    """The bundled faces as ReportLab fonts. ReportLab keeps one process-wide font registry;
    each face is registered there once, under a name unique to podium ("podium-" + file
    stem), with a private-code table computed from the font file alone, so registering is
    idempotent and no build leaks state into another."""

    def __init__(self) -> None:
        self._codes: dict[str, dict[int, str]] = {}

    def name(self, face: Face) -> str:
        """The ReportLab font name of `face`, registering it on first use."""
        name = f"podium-{face.name}"
        if name not in self._codes:
            if name in pdfmetrics.getRegisteredFontNames():
                font = pdfmetrics.getFont(name)
            else:
                font = TTFont(name, str(face.path))
                font._podium_codes = _assign_private_codes(font)
                pdfmetrics.registerFont(font)
            self._codes[name] = font._podium_codes
        return name

    def code(self, face: Face, gid: int) -> str:
        """The character that draws glyph `gid` of `face` (a private-use one)."""
        return self._codes[self.name(face)][gid]


def new_canvas(path: Any, pagesize: tuple[float, float], fonts: PdfFonts, face: Face, *,
               epoch: int, title: str = "", author: str = "podium") -> Canvas:
    """A canvas that writes reproducible bytes: fixed ids, `epoch` as creation date, and a
    bundled face as starting font (else ReportLab references an unembedded Helvetica)."""
    canvas = Canvas(path, pagesize=pagesize, invariant=1, initialFontName=fonts.name(face),
                    pageCompression=1)
    stamp = TimeStamp(invariant=True)
    stamp.t = epoch
    stamp.lt = time.gmtime(epoch)
    stamp.YMDhms = tuple(stamp.lt)[:6]
    canvas._doc._timeStamp = stamp
    canvas.setTitle(title)
    canvas.setAuthor(author)
    canvas.setCreator("podium")
    canvas.setProducer("podium")
    return canvas


def _utf16_hex(text: str) -> str:
    return "FEFF" + text.encode("utf-16-be").hex().upper()


def draw_shaped(canvas: Canvas, fonts: PdfFonts, shaped: ShapedText, x: float, y: float,
                size: float) -> None:
    """Draw one shaped line with its left end at `x` and its baseline at `y`."""
    pen = x
    for run in shaped.runs:
        name = fonts.name(run.face)
        text = canvas.beginText()
        text.setFont(name, size)
        if run.glyphs is None:
            text.setTextOrigin(pen, y)
            text.textOut(run.text)
            canvas.drawText(text)
        else:
            for gid, char, adv, (dx, dy) in zip(run.glyphs, run.chars, run.advances,
                                                run.offsets, strict=True):
                text.setTextOrigin(pen + dx * size, y + dy * size)
                text.textOut(char if char is not None else fonts.code(run.face, gid))
                pen += adv * size
            pen -= run.width * size
            # Marked content carries the logical text for copy, search and screen readers.
            canvas._code.append(f"/Span <</ActualText <{_utf16_hex(run.text)}>>> BDC")
            canvas.drawText(text)
            canvas._code.append("EMC")
        pen += run.width * size
