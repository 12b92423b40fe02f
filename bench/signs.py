"""Benchmark stage: door signs per second, for the seed and a generated 1,000-session agenda,
against a bare ReportLab loop drawing the same texts and QR codes in the same process.

    PYTHONPATH=src python bench/signs.py
"""

from __future__ import annotations

import io
import sys
import tempfile
import time
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import sessions, write

from podium import qr
from podium.fonts import bundled
from podium.i18n import Locale
from podium.load import Programme, load
from podium.present import chairs, item_heading, item_times, speakers
from podium.renderers.signs import draw_signs, make_kit
from podium.renderers.signs.kit import FAMILY, Page
from podium.renderers.signs.people import organisation
from podium.renderers.signs.plan import session_signs
from podium.text import new_canvas

ROOT = Path(__file__).resolve().parent.parent


def podium_signs(programme: Programme) -> tuple[float, int]:
    """Seconds to draw and save every sign with podium (fonts already registered)."""
    fonts = bundled()
    start = time.perf_counter()
    kit = make_kit(programme, fonts)
    page = kit.page
    canvas = new_canvas(io.BytesIO(), (page.width, page.height), kit.fonts,
                        fonts.face(FAMILY), epoch=0)
    pages = draw_signs(programme, kit, canvas)
    canvas.save()
    return time.perf_counter() - start, pages


def bare_signs(programme: Programme) -> tuple[float, int]:
    """The same texts and QR codes drawn by ReportLab alone: fixed sizes and places, no
    shaping, no fitting (what the engine's care costs is the difference)."""
    agenda = programme.agenda
    face = bundled().face(FAMILY, bold=True)
    name = "bench-bare"
    if name not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(name, str(face.path)))
    page = Page.of(agenda.print_.sign_paper)
    start = time.perf_counter()
    canvas = Canvas(io.BytesIO(), pagesize=(page.width, page.height), invariant=1,
                    initialFontName=name, pageCompression=1)
    count = 0
    for sign in session_signs(agenda):
        day, item = sign.day, sign.item
        texts = [agenda.event.title, item_times(agenda, day, item), item.title,
                 str(day.date), agenda.url_for_item(item)]
        for app in chairs(agenda, item) + speakers(agenda, item):
            texts += [app.name, organisation(app)]
        if sign.next is not None:
            texts += [item_times(agenda, day, sign.next), item_heading(sign.next, Locale("en"))]
        y = page.top
        for text in texts:
            canvas.setFont(name, 14)
            canvas.drawString(page.left, y, text)
            y -= 16
        qr.draw(canvas, qr.encode(agenda.url_for_item(item)), page.right - 150, page.top - 150, 150)
        canvas.showPage()
        count += 1
    canvas.save()
    return time.perf_counter() - start, count


def best(run: object, programme: Programme, repeat: int = 3) -> tuple[float, int]:
    results = [run(programme) for _ in range(repeat)]  # type: ignore[operator]
    return min(results)


def main() -> None:
    seed = load(ROOT / "agenda.yaml")
    with tempfile.TemporaryDirectory() as tmp:
        big = load(write(sessions(1000), Path(tmp) / "agenda.yaml"))
    podium_signs(seed)   # warm-up: font registration and parsing happen once per process
    bare_signs(seed)
    for label, programme, repeat in (("seed", seed, 5), ("1,000 sessions", big, 1)):
        t_podium, n = best(podium_signs, programme, repeat)
        t_bare, m = best(bare_signs, programme, repeat)
        print(f"{label:>15}: podium {n / t_podium:7.1f} signs/s ({t_podium * 1000 / n:5.2f} ms each); "
              f"bare ReportLab {m / t_bare:7.1f} signs/s ({t_bare * 1000 / m:5.2f} ms each); "
              f"ratio {t_podium / n / (t_bare / m):4.2f}x")


if __name__ == "__main__":
    main()
