"""Benchmark: QR encoders on the codes podium draws, against podium's own (Zint) in turns.

    PYTHONPATH=src python bench/qr.py

For a short check-in code (17 characters) and a person URL (62 characters), each encoder
makes the same distinct codes in turns, ROUNDS times, and the median time a code and the
median ratio to podium's encoder are printed (this machine is shared: single runs swing).

- podium: `podium.qr.encode` (Zint through zint-bindings, automatic mask), and the path
  operators it draws (`path_operators`);
- zxing-cpp `create_barcode` (which encodes with Zint too, then builds a result object);
- segno and qrcode with their automatic mask choice, when installed.
All of them choose the mask by the standard's penalty rules."""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from podium import qr
from podium.pdf import qr as pdf_qr

COUNT = 400
ROUNDS = 9
TEXTS: dict[str, Callable[[int], str]] = {
    "check-in code (17 chars)": lambda i: f"CHK-{i:06d}-{i * 7919 % 16**6:06x}",
    "person URL (62 chars)": lambda i: f"https://agenda.example.org/montevideo-2024/#person-{i:06d}-hunt",
}


def encoders() -> dict[str, Callable[[str], object]]:
    found: dict[str, Callable[[str], object]] = {
        "podium (Zint)": qr.encode,
        "podium + path operators": lambda t: pdf_qr._path_operators.__wrapped__(  # uncached
            (m := qr.encode(t)).packed, m.size),
    }
    try:
        import zxingcpp
        found["zxing-cpp"] = lambda t: zxingcpp.create_barcode(
            t, zxingcpp.BarcodeFormat.QRCode, ec_level="M")
    except ImportError:
        pass
    try:
        import segno
        found["segno"] = lambda t: segno.make_qr(t, error="m", boost_error=False)
    except ImportError:
        pass
    try:
        import qrcode

        def qrcode_make(t: str) -> object:
            code = qrcode.QRCode(error_correction=qrcode.ERROR_CORRECT_M)
            code.add_data(t)
            code.make(fit=True)
            return code
        found["qrcode"] = qrcode_make
    except ImportError:
        pass
    return found


def main() -> None:
    makers = encoders()
    for label, text in TEXTS.items():
        print(label)
        times: dict[str, list[float]] = {name: [] for name in makers}
        for r in range(ROUNDS):
            texts = [text(r * COUNT + i) for i in range(COUNT)]
            for name, make in makers.items():
                # The pure-Python encoders are 30x slower: fewer codes keep the run short.
                count = COUNT // 20 if name in ("segno", "qrcode") else COUNT
                start = time.perf_counter()
                for t in texts[:count]:
                    make(t)
                times[name].append((time.perf_counter() - start) / count)
        base = times["podium (Zint)"]
        for name, runs in times.items():
            ratio = statistics.median(t / b for t, b in zip(runs, base, strict=True))
            print(f"  {name:26s} {statistics.median(runs) * 1e6:8.1f} us a code   "
                  f"{ratio:6.2f}x podium's time")


if __name__ == "__main__":
    main()
