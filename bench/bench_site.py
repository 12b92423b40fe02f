"""Benchmark stage: how long the online agenda takes, as ratios to loading the agenda.

    PYTHONPATH=src python bench/bench_site.py

The baseline (loading and checking agenda.yaml, which every build does first) runs in the
same process, so the ratios hold across machines of different speed. Medians of 3 runs."""

from __future__ import annotations

import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from podium.fonts import bundled
from podium.load import Programme, load
from podium.pipeline import build
from podium.present import locale_of
from podium.renderers.site import ics, page_texts, webfonts
from podium.resources import templates_dir

ROOT = Path(__file__).resolve().parent.parent
RUNS = 3


def median_time(fn: Callable[[], object]) -> float:
    times = []
    for _ in range(RUNS):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def big_agenda(folder: Path, days: int = 5, per_day: int = 40) -> Path:
    """A synthetic agenda: `days` x `per_day` sessions, four speakers each, 200 people."""
    people = "\n".join(f"  - {{id: p{i}, name: Person Number{i}, role: Role {i}, "
                       f"organisation: Organisation {i % 17}}}" for i in range(200))
    day_blocks = []
    for d in range(days):
        items = []
        for i in range(per_day):
            start = 8 * 60 + i * 15
            hhmm = f"{start // 60:02d}:{start % 60:02d}"
            sp = ", ".join(f"p{(d * per_day + i + k) % 200}" for k in range(4))
            items.append(f'      - {{start: "{hhmm}", title: Session {d}-{i} on a long subject '
                         f"with several words, chair: p{i % 200}, speakers: [{sp}]}}")
        day_blocks.append(f"  - date: 2025-03-{10 + d:02d}\n    items:\n" + "\n".join(items))
    text = ("event: {title: Big Conference, city: Lyon, timezone: Europe/Paris, "
            "url: 'https://example.org/big/'}\n"
            f"people:\n{people}\ndays:\n" + "\n".join(day_blocks) + "\n")
    path = folder / "agenda.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def html_only(programme: Programme) -> str:
    html, _css = page_texts(programme.agenda, [templates_dir()], webfonts.plan(bundled()))
    return html


def main() -> None:
    seed_path = ROOT / "agenda.yaml"
    seed = load(seed_path)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        big = load(big_agenda(out))
        plan = webfonts.plan(bundled())
        text = html_only(seed)
        rows = [
            ("baseline: load agenda.yaml", lambda: load(seed_path)),
            ("page HTML + CSS (seed)", lambda: html_only(seed)),
            ("agenda.ics only (seed)",
             lambda: ics.calendar_bytes(seed.agenda, locale_of(seed.agenda), 0)),
            (f"fonts: subset + {plan[0].format}, {len(plan)} faces",
             lambda: [webfonts.subset_bytes(w, text) for w in plan]),
            ("podium build --only site (seed)", lambda: build(seed, out / "seed", ["site"])),
            (f"build --only site ({len(big.agenda.items())} items)",
             lambda: build(big, out / "big", ["site"])),
        ]
        base = None
        print(f"{'what':<42}{'median s':>10}{'ratio':>9}")
        for name, fn in rows:
            t = median_time(fn)
            base = base or t
            print(f"{name:<42}{t:>10.3f}{t / base:>9.1f}")


if __name__ == "__main__":
    main()
