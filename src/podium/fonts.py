"""Font stage: the one registry of bundled fonts that every renderer draws with.

No renderer may reach a system font: PDFs must be the same on every machine. The registry
is an immutable value built from the files in `fonts/`, never module-level mutable state."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

import uharfbuzz as hb
from fontTools.ttLib import TTFont

from podium.resources import fonts_dir

# Format and control characters are not drawn: they steer shaping (ZWJ, ZWNJ) or layout.
_INVISIBLE = {"Cc", "Cf", "Zl", "Zp"}


@dataclass(frozen=True)
class Face:
    """One font file: a family in one weight and style."""

    path: Path
    family: str
    bold: bool
    italic: bool

    def __hash__(self) -> int:
        # Faces are dictionary keys in every shaping and drawing step.
        return self._hash

    @cached_property
    def _hash(self) -> int:
        return hash((self.path, self.family, self.bold, self.italic))

    @property
    def name(self) -> str:
        """A unique name for registering this face with a PDF library."""
        return self.path.stem

    @cached_property
    def codepoints(self) -> frozenset[int]:
        """Every character the face maps. HarfBuzz reads the cmap in C: fontTools' best
        cmap (the same set) named every glyph first, 0.35 s for the bundled faces."""
        return frozenset(hb.Face(hb.Blob.from_file_path(str(self.path))).unicodes)


def _read_face(path: Path) -> Face:
    font = TTFont(path, lazy=True)
    try:
        names = font["name"]
        family = str(names.getBestFamilyName() if hasattr(names, "getBestFamilyName")
                     else names.getDebugName(1))
        style_bits = font["head"].macStyle
        if "glyf" not in font:
            raise ValueError(f"{path.name}: only TrueType-outline fonts can be embedded by "
                             "every renderer (this one has CFF outlines)")
    finally:
        font.close()
    return Face(path=path, family=family, bold=bool(style_bits & 1), italic=bool(style_bits & 2))


@dataclass(frozen=True)
class FontRegistry:
    """The bundled faces, in fallback order: the main families first, then the script fonts."""

    faces: tuple[Face, ...]

    def face(self, family: str, *, bold: bool = False, italic: bool = False) -> Face:
        """The face of `family` in this weight and style (or the nearest one that exists)."""
        candidates = [f for f in self.faces if f.family == family]
        if not candidates:
            raise KeyError(f"no bundled font family '{family}'")
        def score(f: Face) -> int:
            return (f.bold != bold) * 2 + (f.italic != italic)
        return min(candidates, key=score)

    @property
    def families(self) -> list[str]:
        return list(dict.fromkeys(f.family for f in self.faces))

    @cached_property
    def _coverage(self) -> frozenset[int]:
        out: set[int] = set()
        for f in self.faces:
            out |= f.codepoints
        return frozenset(out)

    def missing(self, text: str) -> list[str]:
        """Characters of `text` that no bundled font can draw, each once, in order."""
        cover = self._coverage
        # Distinct characters first: a 900-event agenda is megabytes of text but few characters.
        unknown = {c for c in set(text) if ord(c) not in cover}
        if not unknown:
            return []
        gaps = (c for c in text if c in unknown and unicodedata.category(c) not in _INVISIBLE)
        return list(dict.fromkeys(gaps))

    def fallback_for(self, char: str, family: str, *, bold: bool = False) -> Face | None:
        """The face that draws `char`: the wanted family first, then the others in order."""
        code = ord(char)
        preferred = [f for f in self.faces if f.family == family and f.bold == bold]
        others = [f for f in self.faces if f.bold == bold] + list(self.faces)
        return next((f for f in [*preferred, *others] if code in f.codepoints), None)


# The documented fallback order: the main families first, so that fallback only reaches
# script fonts when needed; then the Noto script fonts (each designed for its script, with
# the shaping tables it needs); then the broad catch-all fonts (Droid Sans Fallback for CJK),
# so that they never take a character a dedicated script font draws better; last the symbol
# fonts, which also map Latin letters, digits, a minus sign and CJK full-width braces: ranked
# after every text font they only ever draw what no text font has (operators, arrows,
# technical and pictographic symbols). Noto Sans Math leads them so that a formula's
# operators (∘ ⋅ ≠) come from one design.
_MAIN_FAMILIES = ("Noto Sans", "Noto Serif")
_LAST_RESORT = ("Droid Sans Fallback",)
_SYMBOLS = ("Noto Sans Math", "Noto Sans Symbols", "Noto Sans Symbols2")


def _order(face: Face) -> tuple[int, str, bool, bool]:
    if face.family in _MAIN_FAMILIES:
        rank = _MAIN_FAMILIES.index(face.family)
    elif face.family in _LAST_RESORT:
        rank = len(_MAIN_FAMILIES) + 1 + _LAST_RESORT.index(face.family)
    elif face.family in _SYMBOLS:
        rank = len(_MAIN_FAMILIES) + 1 + len(_LAST_RESORT) + _SYMBOLS.index(face.family)
    else:
        rank = len(_MAIN_FAMILIES)
    return (rank, face.family, face.bold, face.italic)


def registry_from(paths: Iterable[Path]) -> FontRegistry:
    return FontRegistry(tuple(sorted((_read_face(p) for p in paths), key=_order)))


@lru_cache(maxsize=1)
def bundled() -> FontRegistry:
    """The fonts shipped with podium (read once per process; the value never changes)."""
    return registry_from(sorted(fonts_dir().glob("*.ttf")))


def describe_char(char: str) -> str:
    name = unicodedata.name(char, "unnamed character")
    return f"'{char}' (U+{ord(char):04X} {name})"
