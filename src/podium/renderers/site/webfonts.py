"""Font stage of the online agenda: the bundled faces, cut down to the page's characters.

Each face is subset with HarfBuzz's hb-subset (a tenth of fontTools' time: fontTools
decompiled GPOS/GSUB of every face) to the characters the page and its stylesheet hold, and
written as WOFF2 when brotli is installed (TrueType otherwise; fontTools only packs WOFF2),
so the page draws with the same fonts as the printed pieces, offline, without reaching a
system font. A script or symbol face is shipped only when the page has a character that it
must draw. Subset files are kept in a cache outside the outputs, keyed by the face's bytes
and the characters, so an unchanged page costs no subsetting at the next build."""

from __future__ import annotations

import hashlib
import importlib.util
import io
import os
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import uharfbuzz as hb
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


def plan(fonts: FontRegistry, text: str | None = None) -> list[WebFont]:
    """Which faces the page ships, and under what file names: the main faces always (the
    stylesheet names them), another face when `text` has a character no main face draws and
    it does (every face when `text` is None)."""
    faces: list[Face] = []
    for family, bold, italic in _MAIN:
        if family in fonts.families:
            faces.append(fonts.face(family, bold=bold, italic=italic))
    main = {family for family, _, _ in _MAIN}
    covered: set[int] = set().union(*(f.codepoints for f in faces)) if faces else set()
    needed = None if text is None else {ord(c) for c in set(text)} - covered
    for family in fonts.families:
        if family in main:
            continue
        for face in (fonts.face(family), fonts.face(family, bold=True)):
            if needed is None or needed & face.codepoints:
                faces.append(face)
    faces = list(dict.fromkeys(faces))
    woff2 = woff2_available()
    ext, fmt = ("woff2", "woff2") if woff2 else ("ttf", "truetype")
    return [WebFont(f, f"{f.name}.{ext}", fmt) for f in faces]


def families(plan: list[WebFont]) -> list[str]:
    """The font-family stack, main family first."""
    return list(dict.fromkeys(w.family for w in plan if w.family != "Noto Serif"))


def subset_bytes(webfont: WebFont, text: str, cache: Path | None = None) -> bytes:
    """The face cut down to the characters of `text` (plus ASCII), in the planned format;
    from `cache` (a folder) when the same face and characters were subset before."""
    wanted = sorted({ord(c) for c in set(text) | _ALWAYS} & webfont.face.codepoints)
    key = hashlib.sha256(f"{_face_digest(webfont.face.path)} {webfont.format} {_VERSION}\n"
                         .encode() + ",".join(map(str, wanted)).encode()).hexdigest()
    hit = cache / f"{key}.{webfont.format}" if cache is not None else None
    if hit is not None and hit.is_file():
        return hit.read_bytes()
    data = _subset(webfont, wanted)
    if hit is not None:
        _store(hit, data)
    return data


_VERSION = "hb1"
"""Changes when the subsetting changes, so that older cached files are not reused."""


def _subset(webfont: WebFont, wanted: list[int]) -> bytes:
    face = hb.Face(hb.Blob.from_file_path(str(webfont.face.path)))
    spec = hb.SubsetInput()
    spec.unicode_set.update(wanted)
    # Default features (kerning, ligatures, marks) are what a page needs; hinting
    # instructions would double the size for little gain on today's screens. Every name
    # record stays (the licence and the family name travel with the file).
    spec.flags = hb.SubsetFlags.NO_HINTING | hb.SubsetFlags.NOTDEF_OUTLINE
    spec.sets(hb.SubsetInputSets.NAME_ID).invert()
    spec.sets(hb.SubsetInputSets.NAME_LANG_ID).invert()
    cut = hb.subset(face, spec)
    if cut is None:
        raise ValueError(f"hb-subset could not subset {webfont.face.path.name}")
    data = bytes(cut.blob.data)
    if webfont.format != "woff2":
        return data
    # recalcTimestamp=False keeps head.modified as shipped: the same input gives the same bytes.
    font = TTFont(io.BytesIO(data), recalcTimestamp=False)
    try:
        font.flavor = "woff2"
        buf = io.BytesIO()
        font.save(buf)
        return buf.getvalue()
    finally:
        font.close()


@lru_cache(maxsize=64)
def _face_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:32]


def _store(path: Path, data: bytes) -> None:
    """Into the cache atomically; a cache that cannot be written is no reason to fail."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".", dir=path.parent)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except OSError:
        pass


def cache_dir() -> Path | None:
    """Where subset fonts are kept between builds: $PODIUM_CACHE_DIR, else the user's cache
    folder ($XDG_CACHE_HOME or ~/.cache) under podium/webfonts; PODIUM_CACHE_DIR=off
    disables it."""
    given = os.environ.get("PODIUM_CACHE_DIR", "").strip()
    if given.lower() == "off":
        return None
    if given:
        return Path(given) / "webfonts"
    base = os.environ.get("XDG_CACHE_HOME", "").strip() or str(Path.home() / ".cache")
    return Path(base) / "podium" / "webfonts"


def licence_file(plan: list[WebFont]) -> Path | None:
    """The fonts' licence (OFL.txt beside them), which must travel with the font files."""
    for webfont in plan:
        candidate = webfont.face.path.parent / "OFL.txt"
        if candidate.is_file():
            return candidate
    return None
