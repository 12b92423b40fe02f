"""Benchmark: import FOSDEM 2025 (943 events, 40 rooms) and load the result, against plain
`ElementTree.parse` of the same file in the same process.

Run: PYTHONPATH=src python bench/import_fosdem.py [path/to/fosdem-2025.schedule.xml]
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

from podium.fonts import bundled
from podium.importers import import_schedule
from podium.importers.write import write
from podium.load import load

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "fosdem-2025.schedule.xml"
RUNS = 3


def median_seconds(step: Callable[[], object]) -> float:
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        step()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    source = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    if not source.is_file():
        sys.exit(f"not found: {source}")
    bundled()  # font tables are read once per process; keep that out of every figure
    out = Path(tempfile.mkdtemp()) / "agenda.yaml"
    baseline = median_seconds(lambda: ET.parse(source))
    convert = median_seconds(lambda: import_schedule(source))
    imported = import_schedule(source)
    written = median_seconds(lambda: write(imported.agenda, out))
    write(imported.agenda, out)
    loaded = median_seconds(lambda: load(out))
    total = convert + written + loaded
    events = imported.report.counts["events"]
    print(f"{source.name}: {events} events, {out.stat().st_size / 1024:.0f} KB of YAML; median of {RUNS}")
    for label, seconds in [("ElementTree.parse (baseline)", baseline), ("import (read + convert)", convert),
                           ("write agenda.yaml", written), ("load + check agenda.yaml", loaded),
                           ("import + write + load", total)]:
        print(f"  {label:<30} {seconds * 1000:8.0f} ms  {seconds / baseline:6.1f}x baseline")


if __name__ == "__main__":
    main()
