"""Font stage of the online agenda: the bundled faces, cut down to the page's characters.

Each face is subset to the characters the page and its stylesheet hold and written as
WOFF2 when brotli is installed (TrueType otherwise), so the page draws with the same fonts
as the printed pieces, offline, without reaching a system font."""

from __future__ import annotations

import importlib.util
import io
from dataclasses import dataclass
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

from podium.fonts import Face, FontRegistry

# The faces the stylesheet uses: (family, bold, italic). Other bundled families (script
# fonts) follow in regular and bold, for names no main face can draw.
_MAIN = (("Noto Sans", False, False), ("Noto Sans", True, False), ("Noto Sans", False, True),
         ("Noto Serif", True, False))

# Always kept, so that a user's stylesheet may use plain ASCII and common punctuation.
_ALWAYS = {chr(c) for c in range(0x20, 0x7F)} | set("\u00a0\u2013\u2014\u2018\u2019\u201c\u201d"
                                                    "\u2026\u00b7\u2022\u2192\u2191")


@dataclass(frozen=True)
class WebFont:
    """One face as the page declares it with @font-face."""

    face: Face
    file: str
    """File name inside site/fonts/."""
    format: str
    """'woff2' or 'truetype', as @font-face's format() reads."""

    @property
    def family(self) -> str:
        return self.face.family

    @property
    def weight(self) -> int:
        return 700 if self.face.bold else 400

    @property
    def style(self) -> str:
        return "italic" if self.face.italic else "normal"


def woff2_available() -> bool:
    return importlib.util.find_spec("brotli") is not None


def plan(fonts: FontRegistry) -> list[WebFont]:
    """Which faces the page ships, and under what file names."""
    faces: list[Face] = []
    for family, bold, italic in _MAIN:
        if family in fonts.families:
            faces.append(fonts.face(family, bold=bold, italic=italic))
    main = {family for family, _, _ in _MAIN}
    for family in fonts.families:
        if family not in main:
            faces += [fonts.face(family), fonts.face(family, bold=True)]
    faces = list(dict.fromkeys(faces))
    woff2 = woff2_available()
    ext, fmt = ("woff2", "woff2") if woff2 else ("ttf", "truetype")
    return [WebFont(f, f"{f.name}.{ext}", fmt) for f in faces]


def families(plan: list[WebFont]) -> list[str]:
    """The font-family stack, main family first."""
    return list(dict.fromkeys(w.family for w in plan if w.family != "Noto Serif"))


def subset_bytes(webfont: WebFont, text: str) -> bytes:
    """The face cut down to the characters of `text` (plus ASCII), in the planned format."""
    wanted = {ord(c) for c in set(text) | _ALWAYS} & webfont.face.codepoints
    # recalcTimestamp=False keeps head.modified as shipped: the same input gives the same bytes.
    font = TTFont(webfont.face.path, recalcTimestamp=False)
    try:
        options = subset.Options()
        options.flavor = webfont.format if webfont.format == "woff2" else None
        # Default features (kerning, ligatures, marks) are what a page needs; hinting
        # instructions would double the size for little gain on today's screens.
        options.hinting = False
        options.name_IDs = ["*"]
        options.notdef_outline = True
        subsetter = subset.Subsetter(options=options)
        subsetter.populate(unicodes=sorted(wanted))
        subsetter.subset(font)
        if options.flavor:
            font.flavor = options.flavor
        buf = io.BytesIO()
        font.save(buf)
        return buf.getvalue()
    finally:
        font.close()


def licence_file(plan: list[WebFont]) -> Path | None:
    """The fonts' licence (OFL.txt beside them), which must travel with the font files."""
    for webfont in plan:
        candidate = webfont.face.path.parent / "OFL.txt"
        if candidate.is_file():
            return candidate
    return None
