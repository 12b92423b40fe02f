"""QR codes: what is encoded reads back (zxing-cpp's reader), and the path drawn for a code
covers exactly its dark modules, whichever way the operators were written (table pieces for
ordinary codes, runs for large ones)."""

from __future__ import annotations

import pytest
import zxingcpp

from podium import qr

TEXTS = [
    "https://agenda.example.org/montevideo-2024/",
    "https://agenda.example.org/montevideo-2024/#person-kihara-hunt",
    "CHK-000042-00beef",
    "https://agenda.example.org/" + "very-long-path/" * 20 + "#session-12",   # above 57
]


NON_ASCII = ["CHK-ÄÖÜ-ñ", "Владимир-42", "漢字テスト", "ΕΛΛ-7", "https://agenda.example.org/#person-çağrı"]


def _read(matrix: qr.QrMatrix, scale: int = 4) -> zxingcpp.Barcode | None:
    """What a reader makes of the code, drawn with its quiet zone, `scale` pixels a module."""
    side = (matrix.size + 2 * qr.QUIET) * scale
    pixels = bytearray(b"\xff" * side * side)
    for r in range(matrix.size):
        for c in range(matrix.size):
            if matrix.is_dark(r, c):
                for dy in range(scale):
                    at = ((r + qr.QUIET) * scale + dy) * side + (c + qr.QUIET) * scale
                    pixels[at:at + scale] = b"\x00" * scale
    image = bytes(pixels)       # kept alive while the reader looks at it
    return zxingcpp.read_barcode(zxingcpp.ImageView(image, side, side, zxingcpp.ImageFormat.Lum),
                                 formats=zxingcpp.BarcodeFormat.QRCode)


@pytest.mark.parametrize("text", TEXTS + NON_ASCII)
def test_codes_read_back_at_level_m(text: str) -> None:
    found = _read(qr.encode(text))
    assert found is not None and found.text == text
    assert found.extra["ECLevel"] == "M"
    # Text beyond ASCII is carried as UTF-8 (declared by ECI 26), not converted to Shift JIS
    # or Latin-1 for readers to guess.
    assert found.bytes == text.encode("utf-8")


@pytest.mark.parametrize("level", ["L", "M", "Q", "H"])
def test_error_correction_level_is_the_one_asked(level: str) -> None:
    found = _read(qr.encode(TEXTS[1], ec_level=level))
    assert found is not None and found.extra["ECLevel"] == level


@pytest.mark.parametrize("text", TEXTS)
def test_same_symbol_as_zxing_cpps_encoder(text: str) -> None:
    """zxing-cpp writes QR codes with Zint too: the same modules, mask choice included."""
    matrix = qr.encode(text)
    image = zxingcpp.create_barcode(text, zxingcpp.BarcodeFormat.QRCode, ec_level="M").to_image(
        scale=1, add_quiet_zones=False)
    pixels = memoryview(image).tobytes()  # type: ignore[arg-type]
    assert len(pixels) == matrix.size ** 2
    assert bytes(1 if p == 0 else 0 for p in pixels) == matrix.bits


def _painted(ops: str, size: int) -> set[tuple[int, int]]:
    """(row, column) of every module the operators fill, rows counted from the top."""
    words = ops.split()
    assert words[-1] == "f" and words.count("f") == 1          # one path, filled once
    body = words[:-1]
    assert len(body) % 5 == 0 and body[4::5] == ["re"] * (len(body) // 5)
    cells: set[tuple[int, int]] = set()
    for i in range(0, len(body), 5):
        x, y, w, h = (int(v) for v in body[i:i + 4])
        assert h == 1 and w >= 1 and x >= 0 and x + w <= size and 0 <= y < size
        row = size - 1 - y
        cells.update((row, c) for c in range(x, x + w))
    return cells


@pytest.mark.parametrize("text", TEXTS)
def test_the_path_fills_exactly_the_dark_modules(text: str) -> None:
    matrix = qr.encode(text)
    dark = {(r, c) for r in range(matrix.size) for c in range(matrix.size)
            if matrix.is_dark(r, c)}
    assert 0 < len(dark) < matrix.size ** 2
    assert _painted(qr.path_operators(matrix), matrix.size) == dark
    runs = list(matrix.runs())
    assert {(r, c + k) for r, c, n in runs for k in range(n)} == dark
    # Pieces may split a run in two where it crosses a piece boundary, never more.
    rects = qr.path_operators(matrix).count(" re")
    assert len(runs) <= rects <= len(runs) + matrix.size * (matrix.size // 8)


def test_large_codes_are_written_run_by_run() -> None:
    matrix = qr.encode(TEXTS[-1])
    assert matrix.size > 57
    assert qr.path_operators(matrix).count(" re") == len(list(matrix.runs()))
