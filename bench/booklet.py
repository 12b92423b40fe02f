"""Benchmark stage: how long the programme booklet takes, and how much of it is podium's own.

Run from the repository: `python bench/booklet.py`. Prints, in one run:
1. the seed agenda's booklet (programme.pdf + programme-imposed.pdf), end to end;
2. WeasyPrint alone laying out and writing podium's final HTML and CSS, and podium's share;
3. a generated agenda of 200 items, end to end, with the imposition timed on its own."""

from __future__ import annotations

import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

import yaml  # noqa: E402
from weasyprint import CSS, HTML  # noqa: E402
from weasyprint.text.fonts import FontConfiguration  # noqa: E402

from podium.fonts import bundled  # noqa: E402
from podium.load import load  # noqa: E402
from podium.pipeline import build  # noqa: E402
from podium.renderers.booklet.html import source  # noqa: E402
from podium.renderers.booklet.impose import impose  # noqa: E402
from podium.renderers.booklet.view import booklet_view  # noqa: E402
from podium.resources import templates_dir  # noqa: E402

_TEXT = ("peace operations partnership capacity training mandate civilian protection police "
         "support mission member states gender leadership security planning rapid deployment "
         "innovation resilience community engagement medical engineering logistics")
WORDS = tuple(_TEXT.split())


def sentence(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize()


def _panel(rng: random.Random) -> tuple[str, list[str]]:
    chair, *panel = rng.sample(range(120), 5)
    return f"p{chair}", [f"p{p}" for p in panel]


def generated_agenda(items: int, seed: int = 7) -> dict[str, object]:
    """A plausible agenda of `items` items over several days (two thirds sessions)."""
    rng = random.Random(seed)
    people = [{"id": f"p{i}", "name": f"{rng.choice(['Ana', 'Kofi', 'Mei', 'Omar', 'Lena'])} "
               f"{rng.choice(['Diallo', 'Novak', 'Sato', 'Silva', 'Haddad'])}{i}",
               "role": sentence(rng, 3), "organisation": sentence(rng, 5)} for i in range(120)]
    days, n = [], 0
    for d in range(-(-items // 12)):
        day_items = []
        for k in range(min(12, items - n)):
            n += 1
            start = f"{8 + k:02d}:00"
            if k % 3 == 2:
                day_items.append({"start": start, "kind": "break", "title": "Coffee Break"})
                continue
            day_items.append({
                "start": start, "number": n, "title": sentence(rng, 7),
                "background": [sentence(rng, 90)], "questions": [sentence(rng, 18) + "?"
                                                                   for _ in range(3)],
                **dict(zip(("chair", "speakers"), _panel(rng), strict=True))})
        days.append({"date": f"2025-05-{d + 1:02d}", "items": day_items})
    return {"event": {"title": "Generated Conference", "city": "Geneva",
                      "timezone": "Europe/Zurich", "url": "https://example.org/gen/"},
            "people": people, "days": days}


def timed(label: str, fn: object, runs: int = 1) -> float:
    """CPU seconds of the best of `runs` runs (wall time printed too). The machine is shared,
    so CPU time is the steadier figure and the ratios use it."""
    best = (float("inf"), float("inf"))
    for _ in range(runs):
        c0, w0 = time.process_time(), time.perf_counter()
        fn()  # type: ignore[operator]
        best = min(best, (time.process_time() - c0, time.perf_counter() - w0))
    print(f"{label:<52} {best[0]:7.2f} s CPU  {best[1]:7.2f} s wall")
    return best[0]


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        seed = load(ROOT / "agenda.yaml")
        build(seed, out / "warm", ["booklet"])  # imports, font files and caches
        total = timed("seed booklet, end to end (both PDFs)",
                      lambda: build(seed, out / "seed", ["booklet"]), runs=3)

        src = source(booklet_view(seed.agenda), [templates_dir()], bundled(),
                     seed.agenda.print_.paper)

        def weasyprint_alone() -> None:
            fc = FontConfiguration()
            sheets = [CSS(string=text, font_config=fc) for text, _ in src.stylesheets]
            HTML(string=src.html, base_url=src.base_dir.as_uri() + "/").write_pdf(
                stylesheets=sheets, font_config=fc)

        alone = timed("WeasyPrint alone on podium's final HTML", weasyprint_alone, runs=3)
        print(f"{'podium overhead (share of the end-to-end time)':<52} "
              f"{(total - alone) / total:7.1%}")

        path = out / "gen" / "agenda.yaml"
        path.parent.mkdir()
        path.write_text(yaml.safe_dump(generated_agenda(200), allow_unicode=True),
                        encoding="utf-8")
        big = load(path)
        big_total = timed("200-item agenda, end to end",
                          lambda: build(big, out / "big", ["booklet"]))
        pdf = (out / "big" / "programme.pdf").read_bytes()
        pages = len(__import__("pikepdf").open(out / "big" / "programme.pdf").pages)
        imp = timed(f"  of which imposing its {pages} pages (pikepdf)",
                    lambda: impose(pdf, epoch=0, title="t", paper="A5"))
        print(f"{'  imposition share':<52} {imp / big_total:7.1%}")


if __name__ == "__main__":
    main()
