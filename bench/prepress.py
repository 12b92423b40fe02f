"""Benchmark stage: what PDF/UA tagging and `print.colour: cmyk` cost the seed's PDFs.

Run from the repository: `python bench/prepress.py`. Prints, in one run and one process:
1. writing the laid-out booklet as plain PDF, and as PDF/UA-1 (tagged), and the ratio;
2. turning each of the seed's PDFs to CMYK / PDF/X-4 (podium.pdf.cmyk), against writing it.
Medians of 5 runs; layout is done once and excluded from 1."""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from podium.fonts import bundled  # noqa: E402
from podium.load import load  # noqa: E402
from podium.pdf.cmyk import to_cmyk  # noqa: E402
from podium.pipeline import build  # noqa: E402
from podium.renderers.booklet.fetch import FolderFetcher  # noqa: E402
from podium.renderers.booklet.html import source  # noqa: E402
from podium.renderers.booklet.pdf import _layout  # noqa: E402
from podium.renderers.booklet.view import booklet_view  # noqa: E402
from podium.resources import fonts_dir, templates_dir  # noqa: E402

RUNS = 5


def median(task: object) -> float:
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        task()  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    from weasyprint.text.fonts import FontConfiguration

    programme = load(ROOT / "agenda.yaml")
    view = booklet_view(programme.agenda)
    src = source(view, [templates_dir()], bundled(), "A5")
    document = _layout(src, FolderFetcher([templates_dir(), fonts_dir()]), FontConfiguration())
    plain = median(lambda: document.write_pdf())
    tagged = median(lambda: document.write_pdf(pdf_variant="pdf/ua-1"))
    print(f"booklet written, plain PDF:  {plain * 1000:7.0f} ms")
    print(f"booklet written, PDF/UA-1:   {tagged * 1000:7.0f} ms  ({tagged / plain:.2f}x)")
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out"
        start = time.perf_counter()
        build(programme, out, ["booklet", "badges", "signs"])
        whole = time.perf_counter() - start
        print(f"booklet, badges and signs built (RGB): {whole * 1000:7.0f} ms")
        total = 0.0
        for name in ("programme.pdf", "programme-imposed.pdf", "badges.pdf", "door-signs.pdf"):
            data = (out / name).read_bytes()
            copy = Path(tmp) / name

            def convert(data: bytes = data, copy: Path = copy) -> None:
                copy.write_bytes(data)
                to_cmyk(copy)
            took = median(convert)
            total += took
            print(f"  to CMYK / PDF/X-4: {name:24} {took * 1000:6.0f} ms")
        print(f"  all four: {total * 1000:.0f} ms, {total / whole:.2f}x of the RGB build")


if __name__ == "__main__":
    main()
