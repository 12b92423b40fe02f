"""Benchmark: podium's badges against a straightforward ReportLab + qrcode loop and a floor.

    PYTHONPATH=src python bench/badges.py [COUNT ...]      (default: 1000 10000)

Each COUNT runs in a fresh subprocess (so peak memory is not polluted by an earlier count)
which draws COUNT attendees (names from shared/corpus/unicode-names.txt, a distinct
check-in code each) on A6 4-up A4 sheets three ways, one after the other:

- podium: `write_badges` as `podium build` calls it (shaping, fitting, fallback fonts, Zint
  QR codes, chunked parallel rendering above a threshold);
- straightforward: what one would write by hand: qrcode's default `make(fit=True)` and
  ReportLab, drawing the same texts as the floor plus the QR code module by module;
- floor: the same ReportLab loop without QR codes.

Fairness: the floor and the straightforward loop draw the same content as podium (category
band and its label, event title, name, role, organisation) with plain `drawCentredString`
at fixed sizes in Noto Sans (bold for the label and the name), so the ratio to the floor
measures podium's own overhead (fitting, shaping, fallback fonts, QR codes, merging) and not
a difference in what is drawn. The plain loops do no font fallback (glyphs missing from
Noto Sans draw as boxes) and never shrink or wrap, so they are a true lower bound.

Wall-clock rates depend on what else the (shared) machine runs, so podium and the floor
run in turns and their medians are compared; podium's CPU time (its own and its workers')
is printed too. Peak RSS is that of the process (podium runs first, so it
is podium's peak); podium's worker processes are reported separately (largest worker)."""

from __future__ import annotations

import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from podium.fonts import bundled  # noqa: E402
from podium.load import Programme, load  # noqa: E402
from podium.problems import Problem  # noqa: E402
from podium.renderers.badges import write_badges  # noqa: E402
from podium.renderers.badges.holders import Holder  # noqa: E402
from podium.renderers.badges.stocks import stock_named  # noqa: E402
from podium.text import Shaper  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus" / "unicode-names.txt"
ROLE = "Delegate of the corpus"
ORGANISATION = "Unicode Names Society"
CATEGORY = "Delegate"


def people(count: int) -> list[tuple[Holder, str]]:
    names = [n.strip() for n in CORPUS.read_text(encoding="utf-8").splitlines() if n.strip()]
    rng = random.Random(7)
    out = []
    for i in range(count):
        name = f"{rng.choice(names)} {rng.choice(names).split()[0]}"
        code = f"CHK-{i:06d}-{rng.randrange(16**6):06x}"
        h = Holder(key=f"row-{i}", name=name, title=None, role=ROLE,
                   organisation=ORGANISATION, country=None, category=CATEGORY,
                   sort_key=(name, name), where=Problem("bench.csv", i + 2, None, "name", ""))
        out.append((h, code))
    return out


def podium_run(programme: Programme, batch: list[tuple[Holder, str]], path: Path) -> float:
    stock = stock_named("a6-4up-a4")
    start = time.perf_counter()
    write_badges(path, programme, [h for h, _ in batch], [c for _, c in batch], stock,
                 Shaper(bundled()), 0)
    return time.perf_counter() - start


def _register() -> tuple[str, str]:
    fonts = bundled()
    names = []
    for bold in (False, True):
        name = f"bench-sans{'-bold' * bold}"
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(name, str(fonts.face("Noto Sans", bold=bold).path)))
        names.append(name)
    return names[0], names[1]


def plain_run(batch: list[tuple[Holder, str]], path: Path, title: str,
              with_qr: bool) -> float:
    regular, bold = _register()
    start = time.perf_counter()
    c = Canvas(str(path), pagesize=(210 * mm, 297 * mm), initialFontName=regular)
    w, h = 105 * mm, 148 * mm
    band = h * 0.14
    for i, (holder, code) in enumerate(batch):
        x, y = (i % 2) * w, 297 * mm - (((i % 4) // 2) + 1) * h
        mid = x + w / 2
        c.setFillColorRGB(0.2, 0.4, 0.2)
        c.rect(x, y + h - band, w, band, stroke=0, fill=1)
        c.setFillColorRGB(1, 1, 1)
        c.setFont(bold, 18)
        c.drawCentredString(mid, y + h - band * 0.65, holder.category.upper())
        c.setFillColorRGB(0.25, 0.25, 0.25)
        c.setFont(regular, 10)
        c.drawCentredString(mid, y + h - band - 12 * mm, title)
        c.setFillColorRGB(0, 0, 0)
        c.setFont(bold, 24)
        c.drawCentredString(mid, y + h / 2 + 10 * mm, holder.name)
        c.setFont(regular, 12)
        c.drawCentredString(mid, y + h / 2, holder.role or "")
        c.drawCentredString(mid, y + h / 2 - 6 * mm, holder.organisation or "")
        if with_qr:
            import qrcode  # only the straightforward loop needs it (the bench extra)

            qr = qrcode.QRCode(border=4)
            qr.add_data(code)
            qr.make(fit=True)
            matrix = qr.get_matrix()
            module = 30 * mm / len(matrix)
            p = c.beginPath()
            for r, row in enumerate(matrix):
                for col, dark in enumerate(row):
                    if dark:
                        p.rect(x + (w - 30 * mm) / 2 + col * module,
                               y + 5 * mm + 30 * mm - (r + 1) * module, module, module)
            c.drawPath(p, stroke=0, fill=1)
        if i % 4 == 3:
            c.showPage()
    c.save()
    return time.perf_counter() - start


def _rss_mb(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024


ROUNDS = 5
"""podium and the floor are timed in turns this many times and the medians compared: on
this shared machine one run of either can be 20% off (see also bench/signs.py)."""


def one(count: int) -> dict[str, Any]:
    """Measure one count in this process (called in a fresh subprocess by main)."""
    programme = load(ROOT / "agenda.yaml")
    batch = people(count)
    title = programme.agenda.event.title
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        # podium draws the codes given (as with `badge_qr: {Delegate: column:code}`).
        podium: list[float] = []
        floor: list[float] = []
        cpu: list[float] = []
        for _ in range(ROUNDS):
            before = os.times()
            podium.append(podium_run(programme, batch, out / "podium.pdf"))
            after = os.times()
            cpu.append(sum(after[:4]) - sum(before[:4]))      # user + system, self + workers
            if not floor:
                # Peak memory after podium's first run alone, before the plain loops.
                rss = _rss_mb(resource.RUSAGE_SELF)
            floor.append(plain_run(batch, out / "floor.pdf", title, with_qr=False))
        result: dict[str, Any] = {
            "count": count, "podium": statistics.median(podium), "cpu": statistics.median(cpu),
            "rss": rss, "worker_rss": _rss_mb(resource.RUSAGE_CHILDREN),
            "size": (out / "podium.pdf").stat().st_size,
            "floor": statistics.median(floor), "floor_size": (out / "floor.pdf").stat().st_size,
            "pairs": [p / f for p, f in zip(podium, floor, strict=True)],
            "runs": list(zip(podium, floor, strict=True))}
        result["plain"] = plain_run(batch, out / "plain.pdf", title, with_qr=True)
    return result


def report(r: dict[str, Any]) -> str:
    n = r["count"]
    workers = f", largest worker {r['worker_rss']:.0f} MB" if r["worker_rss"] else ""
    pairs = ", ".join(f"{p:.2f} ({a:.1f} s / {b:.1f} s)"
                      for p, (a, b) in zip(r["pairs"], r["runs"], strict=True))
    return "\n".join([
        f"{n} badges (podium and floor: medians of {len(r['pairs'])} runs in turns)",
        f"  podium:               {n / r['podium']:7.0f} badges/s  ({r['podium']:6.1f} s; "
        f"{r['cpu']:.1f} s CPU; peak RSS {r['rss']:.0f} MB{workers}; "
        f"{r['size'] / 1e6:.1f} MB PDF)",
        f"  straightforward loop: {n / r['plain']:7.0f} badges/s  ({r['plain']:6.1f} s)",
        f"  floor (no QR codes):  {n / r['floor']:7.0f} badges/s  ({r['floor']:6.1f} s; "
        f"{r['floor_size'] / 1e6:.1f} MB PDF)",
        f"  podium is {r['plain'] / r['podium']:.2f}x the straightforward loop's speed "
        f"(goal >= 5) and takes {r['podium'] / r['floor']:.2f}x the floor's time "
        f"(goal <= 1.5; run by run: {pairs})"])


def main() -> None:
    if len(sys.argv) == 3 and sys.argv[1] == "--one":
        print(json.dumps(one(int(sys.argv[2]))))
        return
    counts = [int(a) for a in sys.argv[1:]] or [1000, 10_000]
    for count in counts:
        done = subprocess.run([sys.executable, __file__, "--one", str(count)], check=True,
                              capture_output=True, text=True)
        print(report(json.loads(done.stdout.splitlines()[-1])), flush=True)


if __name__ == "__main__":
    main()
