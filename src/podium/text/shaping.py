"""Text stage: shaping — NFC, per-character font fallback, bidi runs and HarfBuzz glyphs.

`Shaper.shape(text, family)` turns a string into `ShapedText`: runs of glyphs in visual
(left-to-right drawing) order, each in one bundled face, with widths in ems (multiply by the
font size). Simple text (Latin, Greek, Cyrillic, CJK... with no combining marks) skips
HarfBuzz and is drawn by ReportLab as plain, extractable text with the fonts' own advances;
everything else (Arabic, Hebrew, Indic, Thai, Khmer, Tibetan, combining sequences) is
shaped by HarfBuzz and drawn glyph by glyph."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import cached_property, lru_cache

import uharfbuzz as hb

from podium.fonts import Face, FontRegistry, describe_char

# Code-point ranges whose characters map one to one onto glyphs (no shaping, no marks):
# ReportLab draws them directly. Anything else goes through HarfBuzz.
_SIMPLE_RANGES = (
    (0x0020, 0x007E), (0x00A0, 0x058F), (0x10A0, 0x10FF), (0x13A0, 0x13FF),
    (0x1400, 0x167F), (0x1E00, 0x1FFF), (0x2010, 0x2027), (0x2030, 0x205E),
    (0x2800, 0x28FF), (0x3000, 0x30FF), (0x3400, 0x9FFF), (0xAC00, 0xD7A3),
    (0xF900, 0xFAFF), (0xFF01, 0xFF60),
)
_MARKS = {"Mn", "Mc", "Me"}
SHAPE_CACHE = 16384
"""Shaped texts a `Shaper` keeps; emptied when full (shaping is pure: output unchanged)."""
_STRONG_RTL = {"R", "AL"}
_NUMBER = {"EN", "AN"}


class MissingGlyphs(ValueError):
    """No bundled font draws some character of a text."""

    def __init__(self, text: str, chars: list[str]) -> None:
        self.text = text
        self.chars = chars
        described = ", ".join(describe_char(c) for c in chars)
        super().__init__(f"no bundled font can draw {described} in '{text}'")


@lru_cache(maxsize=65536)
def _is_simple(char: str) -> bool:
    code = ord(char)
    if unicodedata.category(char) in _MARKS:
        return False
    return any(lo <= code <= hi for lo, hi in _SIMPLE_RANGES)


@dataclass(frozen=True)
class Run:
    """Glyphs of one face and one direction. `glyphs` is None for a simple run, which is
    drawn as its `text`; otherwise `glyphs`, `advances` and `offsets` (ems) are in visual
    order and `chars` gives, per glyph, the one character it stands for when the font's
    character map agrees (else None: the glyph is a ligature, conjunct or positional form)."""

    face: Face
    text: str
    rtl: bool
    width: float
    glyphs: tuple[int, ...] | None = None
    advances: tuple[float, ...] = ()
    offsets: tuple[tuple[float, float], ...] = ()
    chars: tuple[str | None, ...] = ()


@dataclass(frozen=True)
class ShapedText:
    """A shaped single line: runs in visual order; `width` in ems."""

    text: str
    runs: tuple[Run, ...]
    width: float

    def width_at(self, size: float) -> float:
        """The drawn width in points at font size `size`."""
        return self.width * size

    @property
    def faces(self) -> tuple[Face, ...]:
        """Every face the text uses, in order of first use."""
        return tuple(dict.fromkeys(r.face for r in self.runs))


@lru_cache(maxsize=64)
def _hb_face_of(face: Face) -> _HbFace:
    """The HarfBuzz font of a face file, made once per process: what it answers (cmap,
    advances, metrics) depends on the file alone, as ReportLab's own font registry does, so
    no build sees another's state; only the cost of opening the file is shared."""
    return _HbFace(face)


class _HbFace:
    """A HarfBuzz font for one face at its design units, with the cmap and advances (each
    character's looked up once, then remembered: the same answer every time)."""

    def __init__(self, face: Face) -> None:
        blob = hb.Blob.from_file_path(str(face.path))
        self.hb_face = hb.Face(blob)
        self.font = hb.Font(self.hb_face)
        self.upem = float(self.hb_face.upem)
        self._advance: dict[str, float] = {}
        self._gid: dict[str, int | None] = {}
        self.simple: dict[str, float | None] = {}
        """Per character, its advance if the face draws it simply (see
        `Shaper.simple_advances`), else None."""
        extents = self.font.get_font_extents("ltr")
        self.ascent = extents.ascender / self.upem
        self.descent = -extents.descender / self.upem

    def gid(self, char: str) -> int | None:
        # Remembered: asked for every glyph of every shaped run.
        found = self._gid.get(char, -1)
        if found == -1:
            found = self._gid[char] = self.font.get_nominal_glyph(ord(char))
        return found

    def advance(self, char: str) -> float:
        width = self._advance.get(char)
        if width is None:
            gid = self.gid(char) or 0
            width = self._advance[char] = self.font.get_glyph_h_advance(gid) / self.upem
        return width


def _levels(text: str) -> list[int]:
    """Embedding levels by a reduced Unicode bidi algorithm, enough for names and titles:
    paragraph direction from the first strong character; numbers read left to right; neutral
    characters between two of the same direction take it, others the paragraph's."""
    classes = [unicodedata.bidirectional(c) for c in text]
    if _STRONG_RTL.isdisjoint(classes):
        return [0] * len(text)      # what the rules below give without right-to-left text
    first = next((c for c in classes if c in _STRONG_RTL or c == "L"), "L")
    base = 1 if first in _STRONG_RTL else 0
    strong: list[int | None] = []
    for cls in classes:
        if cls in _STRONG_RTL:
            strong.append(1)
        elif cls == "L":
            strong.append(0 if base == 0 else 2)
        elif cls in _NUMBER:
            strong.append(2 if base == 1 else None)
        else:
            strong.append(None)
    levels: list[int] = []
    for i, lvl in enumerate(strong):
        if lvl is not None:
            levels.append(lvl)
            continue
        if unicodedata.category(text[i]) in _MARKS and levels:
            levels.append(levels[-1])
            continue
        before = next((s for s in reversed(strong[:i]) if s is not None), base)
        after = next((s for s in strong[i + 1:] if s is not None), base)
        # Numbers and left-to-right text share a parity-even level; compare direction only.
        levels.append(before if before % 2 == after % 2 else base)
    # Numbers in a left-to-right paragraph that follow right-to-left text stay level 0.
    return levels


def _visual_order(levels: list[int]) -> list[int]:
    """Indices of the items in display order (rule L2 of the bidi algorithm)."""
    order = list(range(len(levels)))
    if not levels:
        return order
    top = max(levels)
    lowest_odd = min((lvl for lvl in levels if lvl % 2), default=top + 1)
    for level in range(top, lowest_odd - 1, -1):
        i = 0
        while i < len(order):
            if levels[order[i]] >= level:
                j = i
                while j < len(order) and levels[order[j]] >= level:
                    j += 1
                order[i:j] = reversed(order[i:j])
                i = j
            else:
                i += 1
    return order


class Shaper:
    """Shapes text with the bundled fonts. Results are cached per shaper: make one per build
    (or per process for a benchmark) and reuse it."""

    def __init__(self, fonts: FontRegistry) -> None:
        self.fonts = fonts
        self._hb: dict[Face, _HbFace] = {}
        self._face_of: dict[tuple[str, Face], Face | None] = {}
        self._cache: dict[tuple[str, str, bool, bool], ShapedText] = {}
        self._advances: dict[tuple[str, str, bool], tuple[float, ...] | None] = {}
        self._faces: dict[tuple[str, bool, bool], Face] = {}
        self._primaries: dict[tuple[str, bool], tuple[Face, dict[str, float | None]]] = {}

    def hb_face(self, face: Face) -> _HbFace:
        found = self._hb.get(face)
        if found is None:
            found = self._hb[face] = _hb_face_of(face)
        return found

    def metrics(self, face: Face) -> tuple[float, float]:
        """(ascent, descent) of `face` in ems, both positive."""
        f = self.hb_face(face)
        return f.ascent, f.descent

    def shape(self, text: str, family: str, *, bold: bool = False,
              italic: bool = False) -> ShapedText:
        """Shape one line of `text` (NFC-normalised first). Raises `MissingGlyphs` naming every
        character that no bundled font draws."""
        key = (text, family, bold, italic)
        found = self._cache.get(key)
        if found is None:
            if len(self._cache) >= SHAPE_CACHE:
                self._cache.clear()     # bounded: a build of 10,000 distinct names stays flat
            found = self._cache[key] = self._shape(text, family, bold, italic)
        return found

    def simple_advances(self, text: str, family: str, *,
                        bold: bool = False) -> tuple[float, ...] | None:
        """The advance (ems) of every character of `text` when the whole text is one simple
        left-to-right run of the family's upright face: then `shape(t).width` of any piece
        `t` of it is the plain sum of those advances, added in order from the piece's start
        (the same float additions shaping does), and wrapping needs no shaping. None for any
        other text (fallback faces, marks, right-to-left or shaped scripts)."""
        key = (text, family, bold)
        if key in self._advances:
            return self._advances[key]
        if len(self._advances) >= SHAPE_CACHE:
            self._advances.clear()
        found: tuple[float, ...] | None = None
        primary, table = self._primary(family, bold)
        if unicodedata.is_normalized("NFC", text):
            try:
                # Every character seen before (the usual case): one pass in C.
                known = [table[c] for c in text]
            except KeyError:
                known = None
            if known is not None:
                if None not in known:
                    found = tuple(known)  # type: ignore[arg-type]
                self._advances[key] = found
                return found
            out: list[float] = []
            for c in text:
                adv = table.get(c, -1.0)
                if adv == -1.0:
                    adv = table[c] = self._simple_advance(c, primary)
                if adv is None:
                    break
                out.append(adv)
            else:
                found = tuple(out)
        self._advances[key] = found
        return found

    def _primary(self, family: str, bold: bool) -> tuple[Face, dict[str, float | None]]:
        """The upright face of the family and its table of simple advances."""
        found = self._primaries.get((family, bold))
        if found is None:
            face = self.face(family, bold=bold)
            found = self._primaries[family, bold] = (face, self.hb_face(face).simple)
        return found

    def face(self, family: str, *, bold: bool = False, italic: bool = False) -> Face:
        """`fonts.face(...)`, remembered (the registry's look-up scores every face)."""
        key = (family, bold, italic)
        found = self._faces.get(key)
        if found is None:
            found = self._faces[key] = self.fonts.face(family, bold=bold, italic=italic)
        return found

    def _simple_advance(self, c: str, primary: Face) -> float | None:
        """The advance of `c` if it is drawn simply by `primary` (see `simple_advances`)."""
        f = self.hb_face(primary)
        if (ord(c) in primary.codepoints and _is_simple(c) and f.gid(c)
                and unicodedata.bidirectional(c) not in _STRONG_RTL):
            return f.advance(c)
        return None

    @cached_property
    def _invisible(self) -> frozenset[str]:
        return frozenset({"Cf", "Cc", "Zl", "Zp"})

    def _face_for(self, char: str, primary: Face, bold: bool) -> Face | None:
        key = (char, primary)
        if key not in self._face_of:
            face: Face | None = primary
            if ord(char) not in primary.codepoints:
                face = self.fonts.fallback_for(char, primary.family, bold=bold)
            self._face_of[key] = face
        return self._face_of[key]

    def _shape(self, text: str, family: str, bold: bool, italic: bool) -> ShapedText:
        text = unicodedata.normalize("NFC", text)
        advances = self.simple_advances(text, family, bold=bold) if text and not italic \
            else None
        if advances is not None:
            # One simple run of the primary face: what the general path below gives, without
            # per-character fallback and bidi work (the same advances summed in order).
            width = sum(advances)
            return ShapedText(text=text, width=width, runs=(
                Run(face=self.face(family, bold=bold), text=text, rtl=False, width=width),))
        primary = self.face(family, bold=bold, italic=italic)
        faces: list[Face] = []
        missing: list[str] = []
        for char in text:
            cat = unicodedata.category(char)
            sticky = cat in _MARKS or cat in self._invisible or cat == "Zs"
            if sticky and faces and (cat != "Zs" or ord(char) in faces[-1].codepoints):
                faces.append(faces[-1])
                continue
            face = self._face_for(char, primary, bold)
            if face is None:
                if cat in self._invisible:
                    face = faces[-1] if faces else primary
                else:
                    missing.append(char)
                    face = primary
            faces.append(face)
        if missing:
            raise MissingGlyphs(text, list(dict.fromkeys(missing)))
        levels = _levels(text)
        # Logical runs: maximal stretches of one face and one level.
        spans: list[tuple[int, int]] = []
        start = 0
        for i in range(1, len(text) + 1):
            if i == len(text) or faces[i] != faces[start] or levels[i] != levels[start]:
                spans.append((start, i))
                start = i
        span_levels = [levels[s] for s, _ in spans]
        runs = [self._run(text[s:e], faces[s], span_levels[k] % 2 == 1)
                for k in _visual_order(span_levels) for s, e in [spans[k]]]
        return ShapedText(text=text, runs=tuple(runs), width=sum(r.width for r in runs))

    def _run(self, text: str, face: Face, rtl: bool) -> Run:
        f = self.hb_face(face)
        if not rtl and all(_is_simple(c) and f.gid(c) for c in text):
            return Run(face=face, text=text, rtl=False, width=sum(f.advance(c) for c in text))
        buf = hb.Buffer()
        buf.add_str(text)
        buf.guess_segment_properties()
        buf.direction = "rtl" if rtl else "ltr"
        # A stray joiner in the data (the Khmer corpus name has one) must not print a
        # dotted circle: draw the marks as the text has them.
        buf.flags = hb.BufferFlags.DO_NOT_INSERT_DOTTED_CIRCLE
        hb.shape(f.font, buf, {})
        infos, positions = buf.glyph_infos, buf.glyph_positions
        clusters = sorted({i.cluster for i in infos})
        ends = {c: (clusters[k + 1] if k + 1 < len(clusters) else len(text))
                for k, c in enumerate(clusters)}
        # Clusters index code units of the UTF-32 string uharfbuzz was given: characters.
        up = f.upem
        chars: list[str | None] = []
        for info in infos:
            piece = text[info.cluster:ends[info.cluster]]
            one = len(piece) == 1 and f.gid(piece) == info.codepoint
            chars.append(piece if one else None)
        advances = tuple(p.x_advance / up for p in positions)
        return Run(face=face, text=text, rtl=rtl, width=sum(advances),
                   glyphs=tuple(i.codepoint for i in infos), advances=advances,
                   offsets=tuple((p.x_offset / up, p.y_offset / up) for p in positions),
                   chars=tuple(chars))
