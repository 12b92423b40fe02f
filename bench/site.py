"""Benchmark stage: the online agenda's build time and page sizes, seed and FOSDEM 2025.

    PYTHONPATH=src python bench/site.py [path/to/fosdem-2025.schedule.xml]

Times are wall clock and this process's CPU (the machine may be shared: CPU time is what the
build itself costs), as ratios to a baseline run in the same process: loading and checking the
seed's agenda.yaml, which every build does first. Seed figures are medians of 3 runs; FOSDEM's
of 2. Sizes are what a visitor downloads: every HTML page is measured, the largest named.
Budgets (issue 14): seed site build under 1 s; FOSDEM: no HTML page over 250 KB, the index
under 60 KB, the whole site build under 8 s."""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from podium.fonts import bundled
from podium.importers import import_schedule
from podium.importers.write import write
from podium.load import load
from podium.pipeline import build
from podium.renderers.site import page_texts
from podium.resources import templates_dir

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT.parent / "shared" / "corpus" / "fosdem-2025.schedule.xml"


def timed(fn: Callable[[], object], runs: int) -> tuple[float, float]:
    """Median (wall, CPU) seconds of `runs` calls."""
    walls, cpus = [], []
    for _ in range(runs):
        w, c = time.perf_counter(), time.process_time()
        fn()
        walls.append(time.perf_counter() - w)
        cpus.append(time.process_time() - c)
    return statistics.median(walls), statistics.median(cpus)


def sizes(site: Path) -> None:
    pages = sorted(site.rglob("*.html"), key=lambda p: p.stat().st_size, reverse=True)
    total = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    count = sum(1 for p in site.rglob("*") if p.is_file())
    print(f"  {len(pages)} pages, {count} files, {total / 1024:.0f} KB in all")
    print(f"  index.html {(site / 'index.html').stat().st_size / 1024:.1f} KB")
    for p in [p for p in pages if p.name != "index.html"][:4]:
        print(f"  {p.relative_to(site)} {p.stat().st_size / 1024:.1f} KB")


def main() -> None:
    source = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    bundled()  # font tables are read once per process; keep that out of every figure
    seed_path = ROOT / "agenda.yaml"
    seed = load(seed_path)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        os.environ["PODIUM_CACHE_DIR"] = str(out / "cache")
        base, base_cpu = timed(lambda: load(seed_path), 3)
        rows: list[tuple[str, float, float]] = [("baseline: load agenda.yaml (seed)", base, base_cpu)]
        cold = timed(lambda: build(seed, out / "cold", ["site"]), 1)   # empty font cache
        rows.append(("seed: build --only site, cold font cache", *cold))
        rows.append(("seed: all pages' HTML only",
                     *timed(lambda: list(page_texts(seed.agenda, [templates_dir()])), 3)))
        rows.append(("seed: build --only site", *timed(lambda: build(seed, out / "seed", ["site"]), 3)))
        fosdem = None
        if source.is_file():
            imported = import_schedule(source)
            (out / "fosdem").mkdir()
            write(imported.agenda, out / "fosdem" / "agenda.yaml")
            fosdem = load(out / "fosdem" / "agenda.yaml")
            n = len(fosdem.agenda.items())
            rows.append((f"FOSDEM ({n} items): all pages' HTML only",
                         *timed(lambda: list(page_texts(fosdem.agenda, [templates_dir()])), 2)))
            build(fosdem, out / "fosdem-warm", ["site"])                # fills the font cache
            rows.append((f"FOSDEM ({n} items): build --only site",
                         *timed(lambda: build(fosdem, out / "fosdem-out", ["site"]), 2)))
        print(f"{'what':<48}{'wall s':>8}{'ratio':>8}{'CPU s':>8}{'ratio':>8}")
        for name, wall, cpu in rows:
            print(f"{name:<48}{wall:>8.3f}{wall / base:>8.1f}{cpu:>8.3f}{cpu / base_cpu:>8.1f}")
        print("seed site:")
        sizes(out / "seed" / "site")
        if fosdem is not None:
            print("FOSDEM 2025 site:")
            sizes(out / "fosdem-out" / "site")
        else:
            print(f"FOSDEM skipped: {source} not found")


if __name__ == "__main__":
    main()
