"""Resource stage: writes icc/podium-cmyk.icc, the CMYK output profile of `print.colour: cmyk`.

    python scripts/make_cmyk_profile.py      # rewrite icc/podium-cmyk.icc (same bytes each run)

A small ICC v2 output profile made from formulas, with no measured press data: CMYK to Lab
through the plain subtractive model (each ink removes its share of sRGB's red, green or
blue), and Lab to CMYK back through sRGB with full grey replacement (greys and black are
black ink alone). It names a generic coated press; a printer converts to its own condition
(FOGRA39, GRACoL) from it. podium writes it, so it is podium's to give away: CC0."""

from __future__ import annotations

import struct
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "icc" / "podium-cmyk.icc"

D50 = (0.9642, 1.0, 0.8249)
SRGB_TO_XYZ_D50 = ((0.4360747, 0.3850649, 0.1430804),
                   (0.2225045, 0.7168786, 0.0606169),
                   (0.0139322, 0.0971045, 0.7141733))
XYZ_D50_TO_SRGB = ((3.1338561, -1.6168667, -0.4906146),
                   (-0.9787684, 1.9161415, 0.0334540),
                   (0.0719453, -0.2289914, 1.4052427))
DESCRIPTION = "podium generic CMYK (formula, full GCR)"
COPYRIGHT = "No copyright: CC0 1.0, made by podium's scripts/make_cmyk_profile.py"


def _linear(v: float) -> float:
    return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4


def _gamma(v: float) -> float:
    v = min(1.0, max(0.0, v))
    return 12.92 * v if v <= 0.0031308 else 1.055 * v ** (1 / 2.4) - 0.055


def _mul(m: Sequence[Sequence[float]], v: Sequence[float]) -> tuple[float, float, float]:
    return (sum(m[0][i] * v[i] for i in range(3)), sum(m[1][i] * v[i] for i in range(3)),
            sum(m[2][i] * v[i] for i in range(3)))


def _f(t: float) -> float:
    return t ** (1 / 3) if t > (6 / 29) ** 3 else t / (3 * (6 / 29) ** 2) + 4 / 29


def _finv(t: float) -> float:
    return t ** 3 if t > 6 / 29 else 3 * (6 / 29) ** 2 * (t - 4 / 29)


def rgb_to_lab(rgb: Sequence[float]) -> tuple[float, float, float]:
    x, y, z = _mul(SRGB_TO_XYZ_D50, [_linear(c) for c in rgb])
    fx, fy, fz = _f(x / D50[0]), _f(y / D50[1]), _f(z / D50[2])
    return 116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)


def lab_to_rgb(lab: Sequence[float]) -> tuple[float, float, float]:
    l_, a, b = lab
    fy = (l_ + 16) / 116
    xyz = (D50[0] * _finv(fy + a / 500), D50[1] * _finv(fy), D50[2] * _finv(fy - b / 200))
    r, g, b_ = _mul(XYZ_D50_TO_SRGB, xyz)
    return _gamma(r), _gamma(g), _gamma(b_)


def cmyk_to_rgb(cmyk: Sequence[float]) -> tuple[float, float, float]:
    c, m, y, k = cmyk
    return (1 - c) * (1 - k), (1 - m) * (1 - k), (1 - y) * (1 - k)


def rgb_to_cmyk(rgb: Sequence[float]) -> tuple[float, float, float, float]:
    """Full grey replacement: the grey in a colour is printed with black ink alone (the
    same formula as `podium.pdf.cmyk.rgb_to_cmyk`)."""
    k = 1 - max(rgb)
    if k >= 1:
        return 0.0, 0.0, 0.0, 1.0
    c, m, y = ((1 - v - k) / (1 - k) for v in rgb)
    return c, m, y, k


def _s15(v: float) -> bytes:
    return struct.pack(">i", round(v * 65536))


def _byte(v: float) -> int:
    return max(0, min(255, round(v)))


def _lab_bytes(lab: Sequence[float]) -> list[int]:
    """Lab as lut8 stores it: L 0-100 over 0-255, a and b offset by 128."""
    return [_byte(lab[0] * 255 / 100), _byte(lab[1] + 128), _byte(lab[2] + 128)]


def _lut8(inputs: int, outputs: int, grid: int,
          point: Callable[[tuple[float, ...]], Sequence[int]]) -> bytes:
    identity = bytes(range(256))
    head = b"mft1" + b"\0" * 4 + bytes([inputs, outputs, grid, 0])
    matrix = b"".join(_s15(1.0 if r == c else 0.0) for r in range(3) for c in range(3))
    table = bytearray()
    count = grid ** inputs
    for n in range(count):
        index, coords = n, []
        for _ in range(inputs):
            index, k = divmod(index, grid)
            coords.append(k / (grid - 1))
        table += bytes(point(tuple(reversed(coords))))  # the first input varies slowest
    return head + matrix + identity * inputs + bytes(table) + identity * outputs


def _a2b(coords: tuple[float, ...]) -> list[int]:
    return _lab_bytes(rgb_to_lab(cmyk_to_rgb(coords)))


def _b2a(coords: tuple[float, ...]) -> list[int]:
    lab = (coords[0] * 100, coords[1] * 255 - 128, coords[2] * 255 - 128)
    return [_byte(v * 255) for v in rgb_to_cmyk(lab_to_rgb(lab))]


def _text(kind: bytes, text: str) -> bytes:
    data = text.encode("ascii") + b"\0"
    if kind == b"desc":
        return (b"desc" + b"\0" * 4 + struct.pack(">I", len(data)) + data
                + struct.pack(">II", 0, 0) + struct.pack(">HB", 0, 0) + b"\0" * 67)
    return b"text" + b"\0" * 4 + data


def _pad(data: bytes) -> bytes:
    return data + b"\0" * (-len(data) % 4)


def profile() -> bytes:
    """The profile's bytes."""
    a2b = _lut8(4, 3, 9, _a2b)
    b2a = _lut8(3, 4, 17, _b2a)
    gamut = _lut8(3, 1, 2, lambda _c: [0])
    tags: list[tuple[bytes, bytes]] = [
        (b"desc", _text(b"desc", DESCRIPTION)), (b"cprt", _text(b"cprt", COPYRIGHT)),
        (b"wtpt", b"XYZ " + b"\0" * 4 + b"".join(_s15(v) for v in D50)),
        (b"A2B0", a2b), (b"B2A0", b2a), (b"gamt", gamut)]
    shared = {b"A2B1": b"A2B0", b"A2B2": b"A2B0", b"B2A1": b"B2A0", b"B2A2": b"B2A0"}
    count = len(tags) + len(shared)
    offset = 128 + 4 + 12 * count
    entries, body, where = [], b"", {}
    for sig, data in tags:
        where[sig] = (offset + len(body), len(data))
        body += _pad(data)
    for sig, same in shared.items():
        where[sig] = where[same]
    for sig in [s for s, _ in tags] + list(shared):
        at, size = where[sig]
        entries.append(sig + struct.pack(">II", at, size))
    table = struct.pack(">I", count) + b"".join(entries)
    size = 128 + len(table) + len(body)
    header = (struct.pack(">I", size) + b"\0" * 4 + bytes([2, 0x10, 0, 0]) + b"prtr" + b"CMYK"
              + b"Lab " + struct.pack(">6H", 2026, 1, 1, 0, 0, 0) + b"acsp" + b"\0" * 4
              + b"\0" * 4 + b"\0" * 8 + b"\0" * 8 + struct.pack(">I", 0)
              + b"".join(_s15(v) for v in D50) + b"\0" * 4 + b"\0" * 16 + b"\0" * 28)
    assert len(header) == 128
    return header + table + body


def main() -> int:
    OUT.parent.mkdir(exist_ok=True)
    OUT.write_bytes(profile())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
