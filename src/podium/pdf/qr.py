"""PDF stage: QR codes as one filled path, written as path operators in module units.

Every badge has a code of its own, so turning the modules into path operators must cost less
than encoding them (`podium.qr`): the operators are looked up by whole bytes of modules (see
`_path_operators`), never worked out module by module in Python."""

from __future__ import annotations

import re
from functools import cache, lru_cache
from typing import Protocol

from reportlab.pdfgen.canvas import Canvas

from podium.pdf.paint import pdf_num

_DARK_RUN = re.compile(rb"\x01+")
_EXPAND = [bytes((b >> k) & 1 for k in range(8)) for b in range(256)]
"""A byte of eight modules (first module in the lowest bit) as eight bytes of 0 or 1."""


class QrModules(Protocol):
    """The modules of a QR code (`podium.qr.QrMatrix`): `size` x `size`, row after row,
    each row in `packed` as (size + 7) // 8 bytes, first module in the lowest bit."""

    @property
    def size(self) -> int: ...
    @property
    def packed(self) -> bytes: ...


def draw_qr(canvas: Canvas, matrix: QrModules, x: float, y: float, size: float, *,
            quiet: int) -> None:
    """Draw the code on a ReportLab canvas as one filled path; (x, y) is the lower-left corner
    of a quiet zone of `quiet` modules and `size` the side including it, in points."""
    module = size / (matrix.size + 2 * quiet)
    # The path is written in module units (small integers) and scaled into place by one
    # transform, saved and restored around it; nothing else of the canvas's state changes,
    # so the operators are written directly (ReportLab's own calls cost more than the path).
    scale, left, bottom = (pdf_num(v, 4) for v in (module, x + quiet * module,
                                                     y + quiet * module))
    canvas._code.append(f"q {scale} 0 0 {scale} {left} {bottom} cm {qr_path(matrix)} Q")


def qr_path(matrix: QrModules) -> str:
    """The code's modules as PDF path operators in module units, origin at the lower left
    of the modules (without quiet zone), filled as one path."""
    return _path_operators(matrix.packed, matrix.size)


@lru_cache(maxsize=64)
def _path_operators(packed: bytes, size: int) -> str:
    # The codes of a door sign or a booklet repeat (session URLs); badges' codes do not.
    if size > _TABLES_UP_TO:
        return _runs_operators(packed, size)
    return "".join([table[byte] for table, byte in zip(_tables(size), packed, strict=True)]) + "f"


def _runs_operators(packed: bytes, size: int) -> str:
    """One rectangle per run of dark modules, rows top down, y counted from the bottom."""
    stride = (size + 7) // 8
    ops = []
    for row, at in enumerate(range(0, len(packed), stride)):
        bits = b"".join([_EXPAND[b] for b in packed[at:at + stride]])[:size]
        ops += [f"{m.start()} {size - 1 - row} {m.end() - m.start()} 1 re "
                for m in _DARK_RUN.finditer(bits)]
    return "".join(ops) + "f"


_TABLES_UP_TO = 57
"""Codes up to this size (version 10, a URL of about 150 characters) are written from
bytes of eight modules looked up in tables; larger ones run by run. The tables of one size
hold at most rows x bytes x 256 short strings; 10,000 distinct person URLs (size 33) filled
3,011 entries, under 1 MB."""


class _Pieces(dict[int, str]):
    """The rectangles of one byte of one row (eight modules), by the byte's value; filled
    as values appear. A run that crosses from one byte into the next is drawn as two
    rectangles that touch, filled as one path, so it looks the same: this costs a few
    rectangles a code and saves formatting every run's numbers for every badge."""

    def __init__(self, row: int, col: int) -> None:
        super().__init__()
        self.row = row
        self.col = col

    def __missing__(self, byte: int) -> str:
        ops = "".join(f"{self.col + m.start()} {self.row} {m.end() - m.start()} 1 re "
                      for m in _DARK_RUN.finditer(_EXPAND[byte]))
        self[byte] = ops
        return ops


@cache
def _tables(size: int) -> tuple[_Pieces, ...]:
    """The table of every byte of a code of `size`, in the order of `QrMatrix.packed`."""
    return tuple(_Pieces(size - 1 - row, col)
                 for row in range(size) for col in range(0, size, 8))
