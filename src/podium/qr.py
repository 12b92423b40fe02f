"""Drawing stage: QR codes as vector paths, for ReportLab canvases and for HTML/SVG.

Encoding uses zxing-cpp's encoder, measured here at about 0.2-0.3 ms a code against 3-4 ms
for qrcode or segno with their automatic mask choice (see ../shared/NOTES.md)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import zxingcpp

_DARK_RUN = re.compile(rb"\x01+")

QUIET = 4
"""Quiet zone around the code, in modules: the QR standard asks for four."""


@dataclass(frozen=True)
class QrMatrix:
    """The modules of one QR code: `size` x `size`, row-major, True for dark."""

    text: str
    size: int
    dark: tuple[bool, ...]

    def is_dark(self, row: int, col: int) -> bool:
        return self.dark[row * self.size + col]

    def runs(self) -> Iterator[tuple[int, int, int]]:
        """Horizontal runs of dark modules as (row, first column, length)."""
        n = self.size
        # A regular expression over the modules as bytes finds the runs in C: looping over
        # the modules in Python took longer than encoding the code.
        bits = bytes(self.dark)
        for row in range(n):
            base = row * n
            for run in _DARK_RUN.finditer(bits, base, base + n):
                yield row, run.start() - base, run.end() - run.start()


@lru_cache(maxsize=512)
def encode(text: str, ec_level: str = "M") -> QrMatrix:
    """Encode `text` (a URL, usually) as a QR code with error correction level `ec_level`."""
    code = zxingcpp.create_barcode(text, zxingcpp.BarcodeFormat.QRCode, ec_level=ec_level)
    image = memoryview(code.to_image(scale=1, add_quiet_zones=False))  # type: ignore[arg-type]
    size = len(image)
    raw = image.tobytes()
    return QrMatrix(text=text, size=size, dark=tuple(map((0).__eq__, raw)))


def svg(matrix: QrMatrix, *, quiet: int = QUIET, colour: str = "#000") -> str:
    """An SVG document drawing the code as one path, scalable to any size by its viewBox."""
    total = matrix.size + 2 * quiet
    d = "".join(f"M{c + quiet} {r + quiet}h{n}v1h-{n}z" for r, c, n in matrix.runs())
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {total} {total}" '
            f'shape-rendering="crispEdges" role="img"><title>{_xml(matrix.text)}</title>'
            f'<path fill="{colour}" d="{d}"/></svg>')


def _xml(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def draw(canvas: Any, matrix: QrMatrix, x: float, y: float, size: float, *,
         quiet: int = QUIET) -> None:
    """Draw the code on a ReportLab canvas as one filled path; (x, y) is the lower-left corner
    of the quiet zone and `size` the side including it, in points."""
    module = size / (matrix.size + 2 * quiet)
    # The path is written once per code in module units (small integers, cached) and
    # scaled into place: formatting thousands of coordinates per badge was the slow part.
    canvas.saveState()
    canvas.transform(module, 0, 0, module, x + quiet * module, y + quiet * module)
    canvas._code.append(_path_ops(matrix))
    canvas.restoreState()


@lru_cache(maxsize=512)
def _path_ops(matrix: QrMatrix) -> str:
    n = matrix.size
    rects = " ".join(f"{c} {n - 1 - r} {w} 1 re" for r, c, w in matrix.runs())
    return f"{rects} f"
