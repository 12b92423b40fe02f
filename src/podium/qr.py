"""Drawing stage: QR codes encoded, then drawn as vector paths on PDF canvases and in SVG.

Encoding uses Zint (through zint-bindings), the encoder that zxing-cpp itself calls: the
same symbols, mask chosen by the standard's penalty rules, in three quarters of the time
zxing-cpp's `create_barcode` takes and a 30th of qrcode's or segno's (bench/qr.py). The
PDF path operators are `podium.pdf`'s (`draw_qr`), looked up by whole bytes of modules."""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cache, cached_property
from operator import itemgetter
from typing import Any

import zint

from podium.pdf import draw_qr, qr_path

_DARK_RUN = re.compile(rb"\x01+")
_ROW_BYTES = 144
"""Zint's `encoded_data` holds rows of 1,152 modules, packed eight to a byte."""
_EC_LEVELS = {"L": 1, "M": 2, "Q": 3, "H": 4}
_UTF8_ECI = 26
_EXPAND = [bytes((b >> k) & 1 for k in range(8)) for b in range(256)]
"""A byte of eight modules (first module in the lowest bit) as eight bytes of 0 or 1."""

QUIET = 4
"""Quiet zone around the code, in modules: the QR standard asks for four."""
MIN_MODULE = 0.5 * 72 / 25.4
"""Smallest module (points) printed on any output: 0.5 mm, what phone cameras read
reliably from a badge or a page at arm's length."""


@dataclass(frozen=True)
class QrMatrix:
    """The modules of one QR code: `size` x `size`, row after row, each row in `packed`
    as (size + 7) // 8 bytes, eight modules to a byte, the first module in the lowest bit
    (1 for dark)."""

    text: str
    size: int
    packed: bytes = field(repr=False)

    @cached_property
    def bits(self) -> bytes:
        """One byte per module (1 for dark, 0 for light), row after row."""
        stride = (self.size + 7) // 8
        return b"".join(b"".join([_EXPAND[b] for b in self.packed[at:at + stride]])[:self.size]
                        for at in range(0, len(self.packed), stride))

    def is_dark(self, row: int, col: int) -> bool:
        return self.bits[row * self.size + col] == 1

    def runs(self) -> Iterator[tuple[int, int, int]]:
        """Horizontal runs of dark modules as (row, first column, length)."""
        n, bits = self.size, self.bits
        for row in range(n):
            for run in _DARK_RUN.finditer(bits, row * n, row * n + n):
                yield row, run.start() - row * n, run.end() - run.start()


def encode(text: str, ec_level: str = "M") -> QrMatrix:
    """Encode `text` (a URL, usually) as a QR code with error correction level `ec_level`.
    Text beyond ASCII is declared UTF-8 (ECI 26), so that readers need not guess."""
    symbol = zint.Symbol()
    symbol.symbology = zint.Symbology.QRCODE
    symbol.option_1 = _EC_LEVELS[ec_level]
    symbol.input_mode = zint.InputMode.UNICODE
    if not text.isascii():
        symbol.eci = _UTF8_ECI
    symbol.encode(text)
    size = symbol.width
    return QrMatrix(text=text, size=size, packed=bytes(_rows(size)(symbol.encoded_data.tobytes())))


@cache
def _rows(size: int) -> Callable[[bytes], tuple[int, ...]]:
    """The bytes of the first `size` rows of `size` modules, from Zint's wider rows."""
    stride = (size + 7) // 8
    return itemgetter(*[row * _ROW_BYTES + k for row in range(size) for k in range(stride)])


def svg(matrix: QrMatrix, *, quiet: int = QUIET, colour: str = "#000",
        width_mm: float | None = None) -> str:
    """An SVG document drawing the code as one path, scalable to any size by its viewBox;
    `width_mm` gives it a printed size (quiet zone included), made larger if need be so
    that no module is under MIN_MODULE."""
    total = matrix.size + 2 * quiet
    d = "".join(f"M{c + quiet} {r + quiet}h{n}v1h-{n}z" for r, c, n in matrix.runs())
    size = ""
    if width_mm is not None:
        side = max(width_mm, total * MIN_MODULE * 25.4 / 72)
        side = math.ceil(side * 100) / 100
        size = f'width="{side:g}mm" height="{side:g}mm" '
    return (f'<svg xmlns="http://www.w3.org/2000/svg" {size}viewBox="0 0 {total} {total}" '
            f'shape-rendering="crispEdges" role="img"><title>{_xml(matrix.text)}</title>'
            f'<path fill="{colour}" d="{d}"/></svg>')


def _xml(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def draw(canvas: Any, matrix: QrMatrix, x: float, y: float, size: float, *,
         quiet: int = QUIET) -> None:
    """Draw the code on a ReportLab canvas as one filled path; (x, y) is the lower-left corner
    of the quiet zone and `size` the side including it, in points."""
    draw_qr(canvas, matrix, x, y, size, quiet=quiet)


def path_operators(matrix: QrMatrix) -> str:
    """The code's modules as PDF path operators in module units, origin at the lower left
    of the modules (without quiet zone), filled as one path."""
    return qr_path(matrix)
