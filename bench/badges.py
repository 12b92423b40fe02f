"""Benchmark: podium's badges against a straightforward ReportLab + qrcode loop and a floor.

    PYTHONPATH=src python bench/badges.py [COUNT]      (default 10,000)

Prints badges per second for: podium (shaping, fitting, zxing QR, streaming pages); the
straightforward loop (qrcode's default make(fit=True), same text, ReportLab drawString);
and the floor (the same ReportLab loop without QR codes)."""

from __future__ import annotations

import random
import resource
import sys
import tempfile
import time
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from podium.fonts import bundled  # noqa: E402
from podium.load import load  # noqa: E402
from podium.renderers.badges import write_badges  # noqa: E402
from podium.renderers.badges.holders import Holder  # noqa: E402
from podium.renderers.badges.stocks import stock_named  # noqa: E402
from podium.text import Shaper  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus" / "unicode-names.txt"


def people(count: int) -> list[tuple[Holder, str]]:
    names = [n.strip() for n in CORPUS.read_text(encoding="utf-8").splitlines() if n.strip()]
    rng = random.Random(7)
    out = []
    for i in range(count):
        name = f"{rng.choice(names)} {rng.choice(names).split()[0]}"
        code = f"CHK-{i:06d}-{rng.randrange(16**6):06x}"
        h = Holder(key=f"row-{i}", name=name, title=None, role="Delegate of the corpus",
                   organisation="Unicode Names Society", country=None, category="Delegate",
                   sort_key=(name, name), where=("bench.csv", i + 2, "name"))
        out.append((h, code))
    return out


def podium_run(programme, batch, path: Path) -> float:  # type: ignore[no-untyped-def]
    stock = stock_named("a6-4up-a4")
    start = time.perf_counter()
    write_badges(path, programme, [h for h, _ in batch], [c for _, c in batch], stock,
                 Shaper(bundled()), 0)
    return time.perf_counter() - start


def plain_run(batch, path: Path, with_qr: bool) -> float:  # type: ignore[no-untyped-def]
    import qrcode

    face = bundled().face("Noto Sans")
    if "bench-sans" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("bench-sans", str(face.path)))
    start = time.perf_counter()
    c = Canvas(str(path), pagesize=(210 * mm, 297 * mm), initialFontName="bench-sans")
    w, h = 105 * mm, 148 * mm
    for i, (holder, code) in enumerate(batch):
        x, y = (i % 2) * w, 297 * mm - (((i % 4) // 2) + 1) * h
        c.setFillColorRGB(0.2, 0.4, 0.2)
        c.rect(x, y + h - 20 * mm, w, 20 * mm, stroke=0, fill=1)
        c.setFillColorRGB(0, 0, 0)
        c.setFont("bench-sans", 24)
        c.drawCentredString(x + w / 2, y + h / 2, holder.name)
        c.setFont("bench-sans", 11)
        c.drawCentredString(x + w / 2, y + h / 2 - 20, holder.role or "")
        if with_qr:
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


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    programme = load(ROOT / "agenda.yaml")
    settings = programme.agenda.print_.model_copy(update={"badge_qr_default": "none"})
    programme.agenda = programme.agenda.model_copy(update={"print_": settings})
    batch = people(count)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        # podium draws the codes given; the QR mode is set per badge by the caller here.
        t_podium = podium_run(programme, batch, out / "podium.pdf")
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        t_plain = plain_run(batch, out / "plain.pdf", with_qr=True)
        t_floor = plain_run(batch, out / "floor.pdf", with_qr=False)
    print(f"{count} badges")
    print(f"podium:               {count / t_podium:8.0f} badges/s  ({t_podium:.1f} s, "
          f"peak RSS {rss:.0f} MB)")
    print(f"straightforward loop: {count / t_plain:8.0f} badges/s  ({t_plain:.1f} s)")
    print(f"floor (no QR codes):  {count / t_floor:8.0f} badges/s  ({t_floor:.1f} s)")
    print(f"podium / straightforward: {t_plain / t_podium:.2f}x faster; "
          f"podium / floor: {t_podium / t_floor:.2f}x the time")


if __name__ == "__main__":
    main()
