"""Benchmark stage: the site's calendars and schedule exports, as ratios to agenda.ics alone.

    PYTHONPATH=src python bench/exports.py [SCHEDULE]   (default: the FOSDEM 2025 corpus file)

The schedule is imported once; then, in the same process, medians of 3 runs of: agenda.ics
alone (the baseline, what the site wrote before), every calendar (agenda.ics, one per room
and one per track, sharing each event's text), and schedule.xml plus schedule.json."""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from podium.importers import import_schedule
from podium.importers.write import write
from podium.load import load
from podium.present import locale_of
from podium.renderers.site import ics
from podium.renderers.site.exports import export_files

ROOT = Path(__file__).resolve().parent.parent
FOSDEM = ROOT.parent / "shared" / "corpus" / "fosdem-2025.schedule.xml"
RUNS = 3


def median_time(fn: Callable[[], object]) -> float:
    times = []
    for _ in range(RUNS):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main() -> None:
    source = Path(sys.argv[1]) if len(sys.argv) > 1 else FOSDEM
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "agenda.yaml"
        write(import_schedule(source).agenda, path)
        agenda = load(path).agenda
    locale = locale_of(agenda)
    base = median_time(lambda: ics.calendar_bytes(agenda, locale, 0))
    shared = median_time(lambda: ics.calendars(agenda, locale, 0))
    exports = median_time(lambda: export_files(agenda, 0))
    count = len(ics.calendars(agenda, locale, 0))
    print(f"{source.name}: {len(agenda.items())} items, {count} calendars")
    print(f"agenda.ics alone (baseline)     {base:7.3f} s   1.00")
    print(f"all calendars, events shared    {shared:7.3f} s   {shared / base:.2f}")
    print(f"schedule.xml + schedule.json    {exports:7.3f} s   {exports / base:.2f}")


if __name__ == "__main__":
    main()
