"""Benchmark stage: table tents per second for a generated agenda of 1,000 sessions of five
people each (a chair and four panelists), against a bare ReportLab loop drawing the same
texts in the same process.

    PYTHONPATH=src python bench/tents.py [SESSIONS]

The baseline is what any tent generator must do at least: for each session a plan page with
its heading, date and time, and each seat's label, name and organisation; for each person a
page with the rank, name and organisation on both faces (one turned half a turn), the fold
marks and the margin note; bold and regular faces of the same bundled family, saved. It
fits nothing and shapes nothing: the ratio is what podium's fitting and layout cost on top.
Times are CPU seconds of this process; the ratio is the median of the ratios of runs made
one right after the other (as bench/signs.py: the machine is shared). Fonts are registered
with ReportLab once per process by both, before timing; podium's timed runs make a new kit
(shaper, fitter memo) per build, as a build does.
"""

from __future__ import annotations

import io
import statistics
import sys
import tempfile
import time
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import sessions, write

from podium.fonts import bundled
from podium.i18n import Locale
from podium.load import Programme, load
from podium.pdf import new_canvas
from podium.present import item_heading, item_when, locale_of
from podium.renderers.tents import draw_tents, panels
from podium.renderers.tents.faces import below_line, name_line
from podium.renderers.tents.kit import FAMILY, Kit
from podium.text import Shaper


def podium_tents(programme: Programme) -> tuple[float, float, int]:
    """(CPU, wall) seconds to draw and save every plan and tent with podium."""
    fonts = bundled()
    cpu, wall = time.process_time(), time.perf_counter()
    agenda = programme.agenda
    kit = Kit.of(agenda, agenda.print_.tent_paper, Shaper(fonts), locale_of(agenda))
    canvas = new_canvas(io.BytesIO(), (kit.width, kit.height), kit.fonts, fonts.face(FAMILY),
                        epoch=0)
    _, tents, _ = draw_tents(programme, kit, canvas, panels(programme))
    canvas.save()
    return time.process_time() - cpu, time.perf_counter() - wall, tents


def _font(face_path: Path, name: str) -> str:
    if name not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(name, str(face_path)))
    return name


def bare_tents(programme: Programme) -> tuple[float, float, int]:
    """The same texts drawn by ReportLab alone at fixed sizes and places."""
    agenda = programme.agenda
    locale = Locale(agenda.event.language)
    bold = _font(bundled().face(FAMILY, bold=True).path, "bench-bare-bold")
    regular = _font(bundled().face(FAMILY).path, "bench-bare-regular")
    kit = Kit.of(agenda, agenda.print_.tent_paper, Shaper(bundled()), locale)
    w, h = kit.width, kit.height
    cpu, wall = time.process_time(), time.perf_counter()
    canvas = Canvas(io.BytesIO(), pagesize=(w, h), invariant=1, initialFontName=bold,
                    pageCompression=1)
    count = 0
    for panel in panels(programme):
        item = panel.item
        texts = [(bold, f"{locale.label('seating_plan').upper()} · {agenda.event.title}"),
                 (bold, item_heading(item, locale)),
                 (regular, f"{locale.long_date(item.date)} · {item_when(item, locale)}"),
                 (bold, locale.label("audience"))]
        for k, seat in enumerate(panel.seats):
            texts += [(bold, f"{locale.label('seat')} {k + 1}"), (bold, seat.name),
                      (regular, below_line(seat.person) or "")]
        y = h - 40
        for font, text in texts:
            canvas.setFont(font, 12)
            canvas.drawString(40, y, text)
            y -= 14
        canvas.showPage()
        for k, seat in enumerate(panel.seats):
            person = seat.person
            for turned in (False, True):
                canvas.saveState()
                if turned:
                    canvas.translate(w, h)
                    canvas.rotate(180)
                for font, size, text, y in ((bold, 22, person.title or "", h / 2 - 40),
                                            (bold, 80, name_line(person), h / 2 - 130),
                                            (regular, 20, below_line(person) or "", 40)):
                    canvas.setFont(font, size)
                    canvas.drawCentredString(w / 2, y, text)
                canvas.restoreState()
            canvas.line(0, h / 2, 6 * mm, h / 2)
            canvas.line(w - 6 * mm, h / 2, w, h / 2)
            canvas.setFont(regular, 7)
            canvas.drawString(10, 20, f"{locale.label('session')} {item.number} · "
                                      f"{locale.label('seat')} {k + 1}/{len(panel.seats)}")
            canvas.showPage()
            count += 1
    canvas.save()
    return time.process_time() - cpu, time.perf_counter() - wall, count


GIVEN = ("Ana", "Jean-Pierre", "Kofi", "Mei", "Olga", "Md Mostafizur", "Ai", "Linda", "Toru",
         "Cheryl")
FAMILY_NAMES = ("Okafor", "Lindqvist", "Nakamura", "Castillo", "Dubois", "Rahman",
                "Kihara-Hunt", "Darkwa", "Morikawa", "Castaingdebat")


def distinct(count: int) -> dict[str, object]:
    """`sessions(count)` with five people of their own in every session: no name repeats,
    so no fitted name is remembered from an earlier tent."""
    data = sessions(count)
    people = []
    for d in data["days"]:  # type: ignore[attr-defined]
        for item in d["items"]:
            ids = []
            for _ in range(5):
                k = len(people)
                people.append({"id": f"q{k}", "name": f"{GIVEN[k % 10]} {FAMILY_NAMES[k // 10 % 10]} "
                               f"{k}", "title": "Dr.", "organisation": f"Institute {k} for Peace"})
                ids.append(f"q{k}")
            item["chair"], item["speakers"] = ids[0], ids[1:]
    data["people"] = people
    return data


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    for label, data in (("80 people", sessions(count)), ("5 new people each", distinct(count))):
        with tempfile.TemporaryDirectory() as tmp:
            programme = load(write(data, Path(tmp) / "agenda.yaml"))
        run(label, count, programme)


def run(label: str, count: int, programme: Programme) -> None:
    podium_tents(programme)     # warm-up: fonts registered, HarfBuzz faces made
    bare_tents(programme)
    runs: tuple[list[tuple[float, float, int]], ...] = ([], [])
    for _ in range(3):
        for k, run in enumerate((podium_tents, bare_tents)):
            runs[k].append(run(programme))
    ratios = [(p[0] / p[2]) / (b[0] / b[2]) for p, b in zip(*runs, strict=True)]
    (cpu, wall, n), (bare_cpu, _, m) = min(runs[0]), min(runs[1])
    print(f"{count:,} sessions, {label}: podium {n / cpu:6.0f} tents/s ({cpu * 1000 / n:5.2f} ms CPU "
          f"each, {wall * 1000 / n:5.2f} wall; plans included); bare ReportLab "
          f"{m / bare_cpu:6.0f} tents/s ({bare_cpu * 1000 / m:5.2f} ms CPU each); ratio "
          f"{statistics.median(ratios):4.2f}x (median of {len(ratios)} pairs: "
          f"{', '.join(f'{r:.2f}' for r in ratios)})")


if __name__ == "__main__":
    main()
