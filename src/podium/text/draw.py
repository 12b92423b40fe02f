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
        self._names: dict[Face, str] = {}

    def name(self, face: Face) -> str:
        """The ReportLab font name of `face`, registering it on first use."""
        found = self._names.get(face)
        if found is not None:
            return found
        name = f"podium-{face.name}"
        if name not in self._codes:
            if name in pdfmetrics.getRegisteredFontNames():
                font = pdfmetrics.getFont(name)
            else:
                font = TTFont(name, str(face.path))
                font._podium_codes = _assign_private_codes(font)
                pdfmetrics.registerFont(font)
            self._codes[name] = font._podium_codes
        self._names[face] = name
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


def _num(v: float) -> str:
    return f"{v:.3f}".rstrip("0").rstrip(".")


def draw_shaped(canvas: Canvas, fonts: PdfFonts, shaped: ShapedText, x: float, y: float,
                size: float) -> None:
    """Draw one shaped line with its left end at `x` and its baseline at `y`. The text
    operators are written directly (ReportLab's text object formats numbers slowly); fonts
    go through ReportLab's subsetting as usual, so they are embedded and extractable."""
    pen = x
    for run in shaped.runs:
        font = pdfmetrics.getFont(fonts.name(run.face))
        ops: list[str] = []
        if run.glyphs is None:
            ops.append(f"1 0 0 1 {_num(pen)} {_num(y)} Tm")
            _show(canvas, font, size, run.text, ops)
            canvas._code.append("BT " + " ".join(ops) + " ET")
        else:
            gx = pen
            for gid, char, adv, (dx, dy) in zip(run.glyphs, run.chars, run.advances,
                                                run.offsets, strict=True):
                ops.append(f"1 0 0 1 {_num(gx + dx * size)} {_num(y + dy * size)} Tm")
                _show(canvas, font, size, char if char is not None else fonts.code(run.face, gid),
                      ops)
                gx += adv * size
            # Marked content carries the logical text for copy, search and screen readers.
            canvas._code.append(f"/Span <</ActualText <{_utf16_hex(run.text)}>>> BDC BT "
                                + " ".join(ops) + " ET EMC")
        pen += run.width * size


def _show(canvas: Canvas, font: TTFont, size: float, text: str, ops: list[str]) -> None:
    """Append the operators showing `text` (selecting the font subset for each piece)."""
    doc = canvas._doc
    # Once a document has given the characters of a text their subset codes, showing the
    # same text again gives the same operators: titles, roles and categories repeat on
    # every badge. The cache lives on the document, so it ends with it.
    shown: dict[tuple[str, float, str], str] | None = getattr(doc, "_podium_shown", None)
    if shown is None:
        shown = doc._podium_shown = {}
    key = (font.fontName, size, text)
    found = shown.get(key)
    if found is None:
        found = shown[key] = " ".join(
            f"{font.getSubsetInternalName(subset, doc)} {_num(size)} Tf "
            f"({canvas._escape(chunk)}) Tj" for subset, chunk in font.splitString(text, doc))
    ops.append(found)
