"""Benchmark stage: door signs per second, for the seed and a generated 1,000-session agenda,
against a bare ReportLab loop drawing the same texts and QR codes in the same process.

    PYTHONPATH=src python bench/signs.py

The baseline is what any sign generator must do at least: every text of a session sign
(header with the room, date and session label, time, title, labels, names, organisations,
remote marks, the URL and the next item), bold and regular faces of the same bundled family
(so two subsets are embedded, as podium's are), the same QR code drawn the same way, one page
per sign, saved. It fits nothing and shapes nothing: the ratio is what podium's fitting and
layout cost on top. Times are CPU seconds of this process (the machine is shared; wall time
is printed too), the best of several runs; the ratio is the median of the ratios of runs
made one right after the other. One-off costs are paid by both before timing: the
bare loop registers its two TrueType fonts with ReportLab once per process, and podium's
ReportLab fonts and HarfBuzz faces (with their per-character advance tables) are likewise
made once per process, in the warm-up; podium's timed runs still make a new kit (shaper,
layout memo) per build, as a build does, so no text's layout is carried from run to run.
"""

from __future__ import annotations

import io
import statistics
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
from podium.pdf import new_canvas
from podium.present import chairs, item_heading, item_times, speakers
from podium.renderers.signs import draw_signs, make_kit
from podium.renderers.signs.kit import FAMILY, Page
from podium.renderers.signs.people import organisation
from podium.renderers.signs.plan import session_signs

ROOT = Path(__file__).resolve().parent.parent


def podium_signs(programme: Programme) -> tuple[float, float, int]:
    """(CPU, wall) seconds to draw and save every sign with podium (fonts registered)."""
    fonts = bundled()
    cpu, wall = time.process_time(), time.perf_counter()
    kit = make_kit(programme, fonts)
    page = kit.page
    canvas = new_canvas(io.BytesIO(), (page.width, page.height), kit.fonts,
                        fonts.face(FAMILY), epoch=0)
    pages = draw_signs(programme, kit, canvas)
    canvas.save()
    return time.process_time() - cpu, time.perf_counter() - wall, pages


def _font(face_path: Path, name: str) -> str:
    if name not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(name, str(face_path)))
    return name


def bare_signs(programme: Programme) -> tuple[float, float, int]:
    """The same texts and QR codes drawn by ReportLab alone: fixed sizes and places, no
    shaping, no fitting (what the engine's care costs is the difference)."""
    agenda = programme.agenda
    locale = Locale(agenda.event.language)
    bold = _font(bundled().face(FAMILY, bold=True).path, "bench-bare-bold")
    regular = _font(bundled().face(FAMILY).path, "bench-bare-regular")
    page = Page.of(agenda.print_.sign_paper)
    ev = agenda.event
    where = ", ".join(v for v in (ev.venue, ev.city) if v)
    place = f"{where} · {locale.date_range(agenda.days[0].date, agenda.days[-1].date)}"
    cpu, wall = time.process_time(), time.perf_counter()
    canvas = Canvas(io.BytesIO(), pagesize=(page.width, page.height), invariant=1,
                    initialFontName=bold, pageCompression=1)
    count = 0
    for sign in session_signs(agenda):
        day, item = sign.day, sign.item
        url = agenda.url_for_item(item)
        room = sign.room.name if sign.room else ev.venue
        texts = [(bold, room or ""), (bold, ev.title), (regular, place),
                 (bold, f"{locale.label('session')} {item.number} · {locale.long_date(day.date)}"),
                 (bold, item_times(item)), (bold, item.title), (regular, url),
                 (bold, locale.label("chair")), (bold, locale.label("panelists"))]
        for app in chairs(agenda, item) + speakers(agenda, item):
            texts += [(bold, app.name), (regular, organisation(app))]
            if app.remote:
                texts.append((bold, locale.label("remote").upper()))
        if sign.next is not None:
            texts += [(bold, locale.label("next")), (bold, item_times(sign.next)),
                      (regular, item_heading(sign.next, locale))]
        y = page.top
        for font, text in texts:
            canvas.setFont(font, 14)
            canvas.drawString(page.left, y, text)
            y -= 16
        qr.draw(canvas, qr.encode(url), page.right - 150, page.top - 150, 150)
        canvas.showPage()
        count += 1
    canvas.save()
    return time.process_time() - cpu, time.perf_counter() - wall, count


def runs_in_turns(programme: Programme, repeat: int
                  ) -> tuple[tuple[float, float, int], tuple[float, float, int], list[float]]:
    """The best run of podium and of the bare loop, and the ratio of each pair of runs
    (podium's CPU time per sign over the bare loop's, run one right after the other), run
    in turns so that the load of a shared machine falls on both alike. The median of the
    pairs' ratios is the figure to read: the two best runs may come from different moments
    of a noisy machine (seen: best-of ratios from 1.76x to 2.40x on the same code)."""
    runs: tuple[list[tuple[float, float, int]], ...] = ([], [])
    for _ in range(repeat):
        for k, run in enumerate((podium_signs, bare_signs)):
            runs[k].append(run(programme))
    ratios = [(p[0] / p[2]) / (b[0] / b[2]) for p, b in zip(*runs, strict=True)]
    return min(runs[0]), min(runs[1]), ratios


def main() -> None:
    seed = load(ROOT / "agenda.yaml")
    with tempfile.TemporaryDirectory() as tmp:
        big = load(write(sessions(1000), Path(tmp) / "agenda.yaml"))
    podium_signs(seed)   # warm-up: font registration and parsing happen once per process
    bare_signs(seed)
    for label, programme, repeat in (("seed", seed, 25), ("1,000 sessions", big, 3)):
        (cpu, wall, n), (bare_cpu, bare_wall, m), ratios = runs_in_turns(programme, repeat)
        print(f"{label:>15}: podium {n / cpu:6.1f} signs/s ({cpu * 1000 / n:5.2f} ms CPU each, "
              f"{wall * 1000 / n:5.2f} wall); bare ReportLab {m / bare_cpu:6.1f} signs/s "
              f"({bare_cpu * 1000 / m:5.2f} ms CPU each, {bare_wall * 1000 / m:5.2f} wall); "
              f"ratio {statistics.median(ratios):4.2f}x (median of {len(ratios)} pairs; "
              f"quartiles {_quartiles(ratios)})")


def _quartiles(values: list[float]) -> str:
    q = statistics.quantiles(values, n=4) if len(values) > 1 else values * 3
    return f"{q[0]:.2f}-{q[2]:.2f}"


if __name__ == "__main__":
    main()
