"""Text stage: drawing shaped text on a ReportLab canvas, with the bundled fonts embedded.

ReportLab embeds TrueType fonts as subsets addressed by character. A shaped glyph that
stands for exactly one character is drawn as that character (so PDF text extraction finds
it); any other glyph (ligature, conjunct, Arabic positional form) is addressed through a
private-use code point assigned to that glyph id, the same way on every run, and the run's
real text is attached as /ActualText for copy and search."""

from __future__ import annotations

import time
import zlib
from functools import lru_cache
from typing import Any

from reportlab.lib.utils import TimeStamp
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from podium.fonts import Face
from podium.pdf import TemplateCanvas
from podium.text.shaping import Run, ShapedText

_PUA = range(0xE000, 0xF900)
"""The private-use area of the Basic Multilingual Plane: ToUnicode maps (which ReportLab
writes as four hex digits) can only name these."""
_SUPPLEMENTARY_PUA = 0xF0000


class _Private:
    """The private-use code of every glyph that no character reaches, as a function of the
    font file alone: the k-th such glyph (in glyph order) gets the k-th private-use code
    that the font does not map itself. Worked out when a font first needs one (Arabic
    positional forms, conjuncts, ligatures), never for fonts that do not."""

    def __init__(self, font: TTFont) -> None:
        face = font.face
        mapped = {gid for char, gid in face.charToGlyph.items() if char >= 0x20}
        unmapped = (g for g in range(1, face.numGlyphs) if g not in mapped)
        self.rank = {g: k for k, g in enumerate(unmapped)}
        self.free = [c for c in _PUA if c not in face.charToGlyph]

    def code(self, gid: int) -> int:
        k = self.rank[gid]
        if k < len(self.free):
            return self.free[k]
        return _SUPPLEMENTARY_PUA + k - len(self.free)  # fonts with over 6,400 such glyphs


def _glyph_code(font: TTFont, gid: int) -> str:
    """The character that draws glyph `gid`: the glyph's own (smallest) code point when the
    cmap reaches it, else its private-use one (see `_Private`), registered with the font."""
    face = font.face
    mapped = [c for c in face.glyphToChar.get(gid, ()) if c >= 0x20]
    if mapped:
        return chr(min(mapped))
    private: _Private | None = getattr(font, "_podium_private", None)
    if private is None:
        private = font._podium_private = _Private(font)
    code = private.code(gid)
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
    # Streams are compressed by the document's default filter (`_Flate`) rather than by
    # ReportLab's page compression, which adds an ASCII85 layer (a quarter larger, and
    # encoded again to bytes) and is switched off only process-wide (rl_config.useA85).
    canvas = TemplateCanvas(path, pagesize=pagesize, invariant=1,
                            initialFontName=fonts.name(face), pageCompression=0)
    canvas._doc.defaultStreamFilters = [_FLATE]
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


class _Flate:
    """A ReportLab stream filter: Flate alone, at `FLATE_LEVEL`."""

    pdfname = "FlateDecode"

    def encode(self, data: str | bytes) -> bytes:
        return zlib.compress(data.encode("utf-8") if isinstance(data, str) else data,
                             FLATE_LEVEL)

    def decode(self, data: bytes) -> bytes:
        return zlib.decompress(data)


FLATE_LEVEL = 5
"""One below zlib's default (6): on 1,024 badge pages, a quarter less time compressing for
3% more bytes (fonts: the same size)."""
_FLATE = _Flate()


def set_fill(canvas: Canvas, rgb: tuple[float, float, float]) -> None:
    """Set the fill colour (components 0-1). The operator is written directly: ReportLab's
    setFillColorRGB costs more than the short texts it colours, and nothing here reads
    ReportLab's own record of the colour (all text is written by `draw_shaped`)."""
    canvas._code.append(_fill_operator(rgb))


@lru_cache(maxsize=256)
def _fill_operator(rgb: tuple[float, float, float]) -> str:
    return " ".join(pdf_num(v, 4) for v in rgb) + " rg"


def _utf16_hex(text: str) -> str:
    return "FEFF" + text.encode("utf-16-be").hex().upper()


def pdf_num(v: float, places: int = 3) -> str:
    """`v` as a PDF number: at most `places` decimals, no trailing zeros or point."""
    return f"{v:.{places}f}".rstrip("0").rstrip(".")


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
            ops.append(f"1 0 0 1 {pdf_num(pen)} {pdf_num(y)} Tm")
            _show(canvas, font, size, run.text, ops)
            canvas._code.append("BT " + " ".join(ops) + " ET")
        else:
            canvas._code.append(_glyph_run(canvas, fonts, font, run, pen, y, size))
        pen += run.width * size


def _glyph_run(canvas: Canvas, fonts: PdfFonts, font: TTFont, run: Run, x: float, y: float,
               size: float) -> str:
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
    pieces = _pieces(canvas)
    font_name = font.fontName
    codes: dict[int, str] = font._podium_codes
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


def _pieces(canvas: Canvas) -> dict[tuple[str, str], tuple[str, str, str]]:
    """The document's pieces (see `_piece`) of each (font, character) shown so far: kept on
    the document, so they end with it."""
    doc = canvas._doc
    pieces: dict[tuple[str, str], tuple[str, str, str]] | None = getattr(
        doc, "_podium_pieces", None)
    if pieces is None:
        pieces = doc._podium_pieces = {}
    return pieces


def _piece(canvas: Canvas, font: TTFont, code: str) -> tuple[str, str, str]:
    """(subset font name, escaped character, PDF string) that show the one character
    `code`. ReportLab gives characters their subset codes in the order they are first
    shown, so asking character by character gives what asking for a whole text would."""
    pieces = _pieces(canvas)
    key = (font.fontName, code)
    found = pieces.get(key)
    if found is None:
        doc = canvas._doc
        (subset, chunk), = font.splitString(code, doc)
        escaped = canvas._escape(chunk)
        found = pieces[key] = (font.getSubsetInternalName(subset, doc), escaped, f"({escaped})")
    return found


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
        # Character by character through the document's pieces: names are new on every
        # badge, their characters are not.
        pieces = _pieces(canvas)
        chunks: list[tuple[str, list[str]]] = []
        for char in text:
            piece = pieces.get((font.fontName, char)) or _piece(canvas, font, char)
            if not chunks or chunks[-1][0] != piece[0]:
                chunks.append((piece[0], []))
            chunks[-1][1].append(piece[1])
        found = shown[key] = " ".join(f"{name} {pdf_num(size)} Tf ({''.join(escaped)}) Tj"
                                      for name, escaped in chunks)
    ops.append(found)
