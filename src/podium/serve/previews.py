"""Previewing stage: each page of a built PDF as a PNG (pypdfium2), drawn when first asked for
and kept while the file is the same."""

from __future__ import annotations

import os
import struct
import threading
import zlib
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium

WIDTH_PX = 560
"""Preview width of a page; tall enough to read a badge's name or a sign's title."""
_KEPT = 400
"""Pages kept drawn (FOSDEM's booklet, badges and signs together are about this many)."""


def png(width: int, height: int, rgb: bytes, stride: int) -> bytes:
    """An RGB image as PNG bytes (no filter; zlib does the work)."""
    rows = b"".join(b"\x00" + rgb[y * stride:y * stride + width * 3] for y in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(rows, 6)) + chunk(b"IEND", b""))


@dataclass(frozen=True)
class Version:
    """One state of a PDF on disk: the same inode and time, the same bytes (an output that
    was not rebuilt is carried into the new build as a hard link, so it keeps both)."""

    path: str
    inode: int
    mtime_ns: int

    @property
    def tag(self) -> str:
        return f"{self.inode:x}{self.mtime_ns:x}"


def version(path: Path) -> Version | None:
    try:
        real = os.path.realpath(path)
        st = os.stat(real)
    except OSError:
        return None
    return Version(real, st.st_ino, st.st_mtime_ns)


class Previews:
    """Page counts and page images of the PDFs in the output folder. pdfium is not
    thread-safe: one lock for every call into it."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._counts: dict[Version, int] = {}
        self._images: dict[tuple[Version, int], bytes] = {}

    def pages(self, path: Path) -> tuple[Version, int] | None:
        v = version(path)
        if v is None:
            return None
        with self._lock:
            if v not in self._counts:
                try:
                    doc = pdfium.PdfDocument(v.path)
                except (OSError, pdfium.PdfiumError):
                    return None
                try:
                    self._counts[v] = len(doc)
                finally:
                    doc.close()
            return v, self._counts[v]

    def image(self, path: Path, index: int) -> bytes | None:
        """Page `index` (from 0) of the PDF at `path` as PNG, or None if it has no such page."""
        v = version(path)
        if v is None:
            return None
        with self._lock:
            key = (v, index)
            if key not in self._images:
                drawn = self._draw(v, index)
                if drawn is None:
                    return None
                if len(self._images) >= _KEPT:
                    self._images.pop(next(iter(self._images)))
                self._images[key] = drawn
            return self._images[key]

    def _draw(self, v: Version, index: int) -> bytes | None:
        try:
            doc = pdfium.PdfDocument(v.path)
        except (OSError, pdfium.PdfiumError):
            return None
        try:
            if not 0 <= index < len(doc):
                return None
            page = doc[index]
            width_pt = page.get_width()
            bitmap = page.render(scale=WIDTH_PX / width_pt, rev_byteorder=True)
            data = png(bitmap.width, bitmap.height, bytes(bitmap.buffer), bitmap.stride)
            bitmap.close()
            page.close()
            return data
        finally:
            doc.close()
