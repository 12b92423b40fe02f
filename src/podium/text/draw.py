"""Text stage: drawing shaped text on a ReportLab canvas, with the bundled fonts embedded.

ReportLab embeds TrueType fonts as subsets addressed by character. A shaped glyph that
stands for exactly one character is drawn as that character (so PDF text extraction finds
it); any other glyph (ligature, conjunct, Arabic positional form) is addressed through a
private-use code point assigned to that glyph id, the same way on every run, and the run's
real text is attached as /ActualText for copy and search."""

from __future__ import annotations

import time
from functools import lru_cache
from typing import Any

from reportlab.lib.utils import TimeStamp
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from podium.fonts import Face
from podium.text.shaping import ShapedText

_PRIVATE_PLANE = 0xF0000
"""Supplementary private-use plane 15: glyph g that no character reaches is drawn as
U+F0000 + g (plane 16 if the font itself maps that), a pure function of the font file."""
_SECOND_PLANE = 0x100000


def _glyph_code(font: TTFont, gid: int) -> str:
    """The character that draws glyph `gid`: the glyph's own (smallest) code point when the
    cmap reaches it, else a private-use one, registered with the font on first use. Done
    per glyph as needed: the CJK fallback face has 50,000 glyphs, and a table of them all
    took 0.1 s to make for every build."""
    face = font.face
    mapped = [c for c in face.glyphToChar.get(gid, ()) if c >= 0x20]
    if mapped:
        return chr(min(mapped))
    code = _PRIVATE_PLANE + gid
    if face.charToGlyph.get(code, gid) != gid:
        code = _SECOND_PLANE + gid
    face.charToGlyph[code] = gid
    face.glyphToChar.setdefault(gid, []).append(code)
    face.charWidths[code] = face.hmetrics[gid][0] * 1000.0 / face.unitsPerEm
    return chr(code)


class PdfFonts:
    """The bundled faces as ReportLab fonts. ReportLab keeps one process-wide font registry;
    each face is registered there once, under a name unique to podium ("podium-" + file
    stem), and the private codes its glyphs get depend on the font file alone, so
    registering is idempotent and no build leaks state into another."""

    def __init__(self) -> None:
        self._fonts: dict[str, TTFont] = {}
        self._names: dict[Face, str] = {}

    def name(self, face: Face) -> str:
        """The ReportLab font name of `face`, registering it on first use."""
        found = self._names.get(face)
        if found is not None:
            return found
        name = f"podium-{face.name}"
        if name not in self._fonts:
            if name in pdfmetrics.getRegisteredFontNames():
                font = pdfmetrics.getFont(name)
            else:
                font = TTFont(name, str(face.path))
                font._podium_codes = {}
                pdfmetrics.registerFont(font)
            self._fonts[name] = font
        self._names[face] = name
        return name

    def code(self, face: Face, gid: int) -> str:
        """The character that draws glyph `gid` of `face` (see `_glyph_code`)."""
        font = self._fonts[self.name(face)]
        codes: dict[int, str] = font._podium_codes
        found = codes.get(gid)
        if found is None:
            found = codes[gid] = _glyph_code(font, gid)
        return found


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


def set_fill(canvas: Canvas, rgb: tuple[float, float, float]) -> None:
    """Set the fill colour (components 0-1). The operator is written directly: ReportLab's
    setFillColorRGB costs more than the short texts it colours, and nothing here reads
    ReportLab's own record of the colour (all text is written by `draw_shaped`)."""
    canvas._code.append(_fill_operator(rgb))


@lru_cache(maxsize=256)
def _fill_operator(rgb: tuple[float, float, float]) -> str:
    return " ".join(f"{v:.4f}".rstrip("0").rstrip(".") or "0" for v in rgb) + " rg"


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
