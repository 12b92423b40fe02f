"""Loading stage: the logo `print.logo` names, checked and decoded once for every renderer.

The file must be a PNG, JPEG or SVG inside the agenda's folder (unless --allow-outside);
its format is told from its first bytes and its pixel count from its header, both before
anything is decoded, so a 20000x20000 PNG of 37 KB costs nothing. The renderers take the
`Logo` from the loaded programme and never look at the file's name again."""

from __future__ import annotations

import contextlib
import io
import re
import struct
import warnings
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from PIL.Image import Image
    from reportlab.lib.utils import ImageReader

MAX_LOGO_BYTES = 10_000_000
"""The largest logo file read (10 MB): a print logo at 300 dpi is a few hundred KB."""

MAX_LOGO_PIXELS = 25_000_000
"""The most pixels a raster logo may have (5000 x 5000): a logo 160 mm wide at 600 dpi has
about 3800. Decoding costs memory in proportion (a 13000 x 13000 PNG took 1.9 GB)."""

_PNG, _JPEG = b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff"


@dataclass(eq=False)
class Logo:
    """A checked logo: its file, format and size, and the decoded raster (PNG, JPEG)."""

    path: Path
    kind: str
    """'png', 'jpeg' or 'svg'."""
    size: tuple[int, int]
    """Pixels (raster) or the SVG's own width and height."""
    data: bytes
    """The file as read at load (the booklet draws these bytes, not the file again)."""
    raster: Image | None = None
    _reader: Any = field(default=None, repr=False)

    def reader(self) -> ImageReader:
        """The decoded raster as one ReportLab image, made once and shared by every page."""
        if self._reader is None:
            from reportlab.lib.utils import ImageReader
            self._reader = ImageReader(self.raster)
        reader: ImageReader = self._reader
        return reader

    @property
    def aspect(self) -> float:
        return self.size[0] / self.size[1]


class LogoError(ValueError):
    """Why the file cannot be the logo (one sentence)."""


def read_logo(path: Path, rel: str) -> Logo:
    """The logo at `path` (written `rel` in the agenda), checked and decoded; LogoError else."""
    try:
        size = path.stat().st_size
        if not path.is_file():
            raise LogoError(f"'{rel}' is not a file")
        if size > MAX_LOGO_BYTES:
            raise LogoError(f"'{rel}' is {size:,} bytes; a logo may have at most "
                            f"{MAX_LOGO_BYTES:,}")
        data = path.read_bytes()
    except FileNotFoundError:
        raise LogoError(f"logo file '{rel}' not found (looked in {path.parent})") from None
    except OSError as exc:
        raise LogoError(f"cannot read '{rel}': {exc.strerror or exc}") from None
    if data.startswith((_PNG, _JPEG)):
        return _raster(path, rel, "png" if data.startswith(_PNG) else "jpeg", data)
    if _looks_svg(data[:512]):
        return Logo(path, "svg", _svg_size(data, rel), data)
    raise LogoError(f"'{rel}' is not a PNG, JPEG or SVG image")


def header_size(data: bytes) -> tuple[int, int] | None:
    """Width and height as a PNG's IHDR or a JPEG's frame header gives them, without
    decoding anything (Pillow itself refuses some sizes with a message that gives none)."""
    if data.startswith(_PNG):
        return struct.unpack(">II", data[16:24]) if data[12:16] == b"IHDR" else None
    at = 2
    while at + 9 < len(data):
        if data[at] != 0xFF:
            return None
        marker = data[at + 1]
        if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:
            at += 2
            continue
        length = struct.unpack(">H", data[at + 2:at + 4])[0]
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
            h, w = struct.unpack(">HH", data[at + 5:at + 9])
            return w, h
        at += 2 + length
    return None


def _raster(path: Path, rel: str, kind: str, data: bytes) -> Logo:
    from PIL import Image, UnidentifiedImageError

    claimed = header_size(data)
    if claimed and claimed[0] * claimed[1] > MAX_LOGO_PIXELS:
        w, h = claimed
        raise LogoError(f"'{rel}' is {w:,} x {h:,} pixels; a logo may have at most "
                        f"{MAX_LOGO_PIXELS:,} (5000 x 5000)")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))  # reads the header only
            w, h = image.size
            if w * h > MAX_LOGO_PIXELS:
                raise LogoError(f"'{rel}' is {w:,} x {h:,} pixels; a logo may have at most "
                                f"{MAX_LOGO_PIXELS:,} (5000 x 5000)")
            if image.format not in ("PNG", "JPEG"):
                raise LogoError(f"'{rel}' is not a PNG or JPEG image")
            image.load()
    except LogoError:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError,
            Image.DecompressionBombWarning, Image.DecompressionBombError) as exc:
        raise LogoError(f"'{rel}' is not a readable {kind.upper()} image ({exc})") from None
    if w < 1 or h < 1:
        raise LogoError(f"'{rel}' has no pixels")
    decoded: Image.Image = image
    if image.mode not in ("RGB", "RGBA"):
        decoded = image.convert("RGBA" if "A" in image.mode or "transparency" in image.info
                              else "RGB")
    return Logo(path, kind, (w, h), data, decoded)


def _looks_svg(head: bytes) -> bool:
    text = head.lstrip(b"\xef\xbb\xbf").lstrip().lower()
    return text.startswith((b"<?xml", b"<svg", b"<!--", b"<!doctype svg"))


_LENGTH = re.compile(r"\s*([0-9]*\.?[0-9]+)\s*(px|pt|mm|cm|in)?\s*\Z")
_PX = {None: 1.0, "px": 1.0, "pt": 4 / 3, "mm": 96 / 25.4, "cm": 96 / 2.54, "in": 96.0}


def _svg_size(data: bytes, rel: str) -> tuple[int, int]:
    if b"<!ENTITY" in data:
        raise LogoError(f"'{rel}' declares XML entities; a logo SVG may not")
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        raise LogoError(f"'{rel}' is not a readable SVG image ({exc})") from None
    if root.tag.rsplit("}", 1)[-1] != "svg":
        raise LogoError(f"'{rel}' is not an SVG image (its root element is not <svg>)")
    sizes = []
    for name in ("width", "height"):
        match = _LENGTH.match(root.get(name, ""))
        sizes.append(float(match[1]) * _PX[match[2]] if match else None)
    box = (root.get("viewBox") or "").replace(",", " ").split()
    if None in sizes and len(box) == 4:
        with contextlib.suppress(ValueError):
            sizes = [float(box[2]), float(box[3])]
    if None in sizes or min(s or 0 for s in sizes) <= 0:
        raise LogoError(f"'{rel}' gives no size (width and height, or a viewBox)")
    return round(sizes[0] or 1) or 1, round(sizes[1] or 1) or 1
