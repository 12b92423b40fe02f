"""PDF stage: the bundled faces as ReportLab fonts, and the character that draws each glyph.

ReportLab embeds TrueType fonts as subsets addressed by character. A shaped glyph that
stands for exactly one character is drawn as that character (so PDF text extraction finds
it); any other glyph (ligature, conjunct, Arabic positional form) is addressed through a
private-use code point assigned to that glyph id, the same way on every run (see
`podium.pdf.text`, which attaches the run's real text as /ActualText)."""

from __future__ import annotations

from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTFont

from podium.fonts import Face
from podium.pdf.subsets import tag_of

_PUA = range(0xE000, 0xF900)
"""The private-use area of the Basic Multilingual Plane: ToUnicode maps (which ReportLab
writes as four hex digits) can only name these."""
_SUPPLEMENTARY_PUA = 0xF0000

GLYPH_CODES: dict[str, dict[int, str]] = {}
"""By ReportLab font name, the character that draws each glyph id asked for so far (see
`PdfFonts.code`). Process-wide, as ReportLab's font registry is: the codes depend on the
font file alone, and private ones are registered with the ReportLab font itself."""


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


_PRIVATE: dict[str, _Private] = {}
"""Each ReportLab font's `_Private`, by font name, made once per process: it must be worked
out before the font maps any private code of its own."""


def _glyph_code(font: TTFont, gid: int) -> str:
    """The character that draws glyph `gid`: the glyph's own (smallest) code point when the
    cmap reaches it, else its private-use one (see `_Private`), registered with the font."""
    face = font.face
    mapped = [c for c in face.glyphToChar.get(gid, ()) if c >= 0x20]
    if mapped:
        return chr(min(mapped))
    private = _PRIVATE.get(font.fontName)
    if private is None:
        private = _PRIVATE[font.fontName] = _Private(font)
    code = private.code(gid)
    face.charToGlyph[code] = gid
    face.glyphToChar.setdefault(gid, []).append(code)
    face.charWidths[code] = face.hmetrics[gid][0] * 1000.0 / face.unitsPerEm
    return chr(code)


def subset_tag(font_name: str, chars: list[int]) -> bytes:
    """Six capitals naming one subset of one font, from the font and the characters in it:
    the same on every run, different for different subsets (ReportLab numbers subsets
    AAAAAA, AAAAAB, ... in every font and file, so merged files had colliding names)."""
    return tag_of(font_name, ",".join(map(str, chars)).encode()).encode()


class TaggedTTFont(TTFont):  # type: ignore[misc]  # ReportLab is untyped
    """A TrueType font whose embedded subsets are tagged by `subset_tag`."""

    def addObjects(self, doc: object) -> None:
        state = self.state.get(doc)
        if state is None:
            super().addObjects(doc)
            return
        tags = [subset_tag(self.fontName, list(subset)) for subset in state.subsets]
        numbered = ttfonts.SUBSETN
        # ReportLab writes SUBSETN(n) as the tag of subset n; for the length of this call,
        # the module's function gives this font's own tags instead.
        ttfonts.SUBSETN = lambda n, *_: tags[n]
        try:
            super().addObjects(doc)
        finally:
            ttfonts.SUBSETN = numbered


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
                font = TaggedTTFont(name, str(face.path))
                pdfmetrics.registerFont(font)
            GLYPH_CODES.setdefault(name, {})
            self._fonts[name] = font
        self._names[face] = name
        return name

    def code(self, face: Face, gid: int) -> str:
        """The character that draws glyph `gid` of `face` (see `_glyph_code`)."""
        name = self.name(face)
        codes = GLYPH_CODES[name]
        found = codes.get(gid)
        if found is None:
            found = codes[gid] = _glyph_code(self._fonts[name], gid)
        return found
