"""Drawing stage: QR codes as vector paths, for ReportLab canvases and for HTML/SVG.

Encoding uses zxing-cpp's encoder, measured here at about 0.17 ms a code against 3-4 ms
for qrcode or segno with their automatic mask choice (see ../shared/NOTES.md). Every badge
has a code of its own, so turning the modules into path operators must cost less than
encoding them: the runs of dark modules are found by one regular expression over the
whole matrix (in C), never by a Python loop over modules (see bench/badges.py)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Any

import zxingcpp

from podium.text.draw import pdf_num

_DARK_RUN = re.compile(rb"\x01+")
_TO_BITS = bytes.maketrans(b"\x00", b"\x01").translate(bytes.maketrans(b"\xff", b"\x00"))
"""zxing-cpp's image bytes (0 for dark, 255 for light) to 1 for dark, 0 for light."""

QUIET = 4
"""Quiet zone around the code, in modules: the QR standard asks for four."""


@dataclass(frozen=True)
class QrMatrix:
    """The modules of one QR code: `size` x `size`, row after row, in `bits` (1 for dark,
    0 for light)."""

    text: str
    size: int
    bits: bytes = field(repr=False)

    def is_dark(self, row: int, col: int) -> bool:
        return self.bits[row * self.size + col] == 1

    def runs(self) -> Iterator[tuple[int, int, int]]:
        """Horizontal runs of dark modules as (row, first column, length)."""
        n = self.size
        for row in range(n):
            for run in _DARK_RUN.finditer(self.bits, row * n, row * n + n):
                yield row, run.start() - row * n, run.end() - run.start()


def encode(text: str, ec_level: str = "M") -> QrMatrix:
    """Encode `text` (a URL, usually) as a QR code with error correction level `ec_level`."""
    code = zxingcpp.create_barcode(text, zxingcpp.BarcodeFormat.QRCode, ec_level=ec_level)
    image = memoryview(code.to_image(scale=1, add_quiet_zones=False))  # type: ignore[arg-type]
    return QrMatrix(text=text, size=len(image), bits=image.tobytes().translate(_TO_BITS))


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
    # The path is written in module units (small integers) and scaled into place by one
    # transform, saved and restored around it; nothing else of the canvas's state changes,
    # so the operators are written directly (ReportLab's own calls cost more than the path).
    scale, left, bottom = (pdf_num(v, 4) for v in (module, x + quiet * module,
                                                     y + quiet * module))
    canvas._code.append(f"q {scale} 0 0 {scale} {left} {bottom} cm {path_operators(matrix)} Q")


def path_operators(matrix: QrMatrix) -> str:
    """The code's modules as PDF path operators in module units, origin at the lower left
    of the modules (without quiet zone), filled as one path."""
    return _path_operators(matrix.bits, matrix.size)


@lru_cache(maxsize=64)
def _path_operators(bits: bytes, size: int) -> str:
    # The codes of a door sign or a booklet repeat (session URLs); badges' codes do not.
    if size > _CHUNKED_UP_TO:
        return _runs_operators(bits, size)
    return "".join([table[bits[start:stop]] for table, start, stop in _plan(size)]) + "f"


def _runs_operators(bits: bytes, size: int) -> str:
    """One rectangle per run of dark modules, rows top down, y counted from the bottom."""
    return "".join([f"{c} {size - 1 - r} {n} 1 re "
                    for r, c, n in QrMatrix("", size, bits).runs()]) + "f"


_CHUNK = 8
_CHUNKED_UP_TO = 57
"""Codes up to this size (version 10, a URL of about 150 characters) are written from
pieces of eight modules looked up in tables; larger ones run by run. The tables of one size
hold at most rows x pieces x 256 short strings; 10,000 distinct person URLs (size 33) filled
3,011 entries, under 1 MB."""


class _Pieces(dict[bytes, str]):
    """The rectangles of one eight-module piece of one row, by the piece's modules; filled
    as patterns appear. A run that crosses from one piece into the next is drawn as two
    rectangles that touch, filled as one path, so it looks the same: this costs a few
    rectangles a code and saves formatting every run's numbers for every badge."""

    def __init__(self, row: int, col: int) -> None:
        super().__init__()
        self.row = row
        self.col = col

    def __missing__(self, modules: bytes) -> str:
        ops = "".join(f"{self.col + m.start()} {self.row} {m.end() - m.start()} 1 re "
                      for m in _DARK_RUN.finditer(modules))
        self[modules] = ops
        return ops


@cache
def _plan(size: int) -> tuple[tuple[_Pieces, int, int], ...]:
    """(table, first byte, end byte) of every piece of a code of `size`, rows top down."""
    return tuple((_Pieces(size - 1 - row, col), row * size + col,
                  row * size + min(col + _CHUNK, size))
                 for row in range(size) for col in range(0, size, _CHUNK))
