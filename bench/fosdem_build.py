"""Benchmark stage: every output of FOSDEM 2025 (943 events, 40 rooms, 991 people), each in
its own process, against loading the agenda in that same process.

    PYTHONPATH=src python bench/fosdem_build.py [path/to/fosdem-2025.schedule.xml]

The schedule is imported first (as `podium import` does). Then one child process per output
(booklet, badges, signs, site) and one for all of them in a single build (what `podium
build` does): each child loads the agenda (the baseline), builds, and reports CPU and wall
seconds and its peak resident memory, so that one output's memory does not hide another's.
CPU time is printed beside wall time because the machine is shared."""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from podium.importers import import_schedule
from podium.importers.write import write
from podium.load import load
from podium.pipeline import build

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "fosdem-2025.schedule.xml"
OUTPUTS = ("booklet", "badges", "signs", "site")
GOAL_SECONDS, GOAL_MB = 60, 1024


def child(agenda: Path, out: Path, only: list[str]) -> None:
    """Load (the baseline), build `only`, print one JSON line of figures."""
    c0, w0 = time.process_time(), time.perf_counter()
    programme = load(agenda)
    c1, w1 = time.process_time(), time.perf_counter()
    written = build(programme, out, only)
    c2, w2 = time.process_time(), time.perf_counter()
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({
        "load_cpu": c1 - c0, "load_wall": w1 - w0, "cpu": c2 - c1, "wall": w2 - w1,
        "peak_mb": peak_kb / 1024,
        "files": [[w.path.name, w.pages] for w in written]}))


@dataclass(frozen=True)
class Figures:
    """What one child process reports."""

    load_cpu: float
    load_wall: float
    cpu: float
    wall: float
    peak_mb: float
    files: list[tuple[str, int | None]]

    def listing(self) -> str:
        return ", ".join(f"{name} {n} p." if n else name for name, n in self.files)


def run_child(agenda: Path, out: Path, only: list[str]) -> Figures:
    cmd = [sys.executable, __file__, "--child", str(agenda), str(out), ",".join(only)]
    done = subprocess.run(cmd, capture_output=True, text=True, check=True)
    raw = json.loads(done.stdout.strip().splitlines()[-1])
    raw["files"] = [tuple(f) for f in raw["files"]]
    return Figures(**raw)


def main() -> None:
    source = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    if not source.is_file():
        print(f"skipped: no FOSDEM schedule at {source}")
        return
    tmp = Path(tempfile.mkdtemp(prefix="fosdem-bench-"))
    agenda = tmp / "agenda.yaml"
    w0 = time.perf_counter()
    write(import_schedule(source).agenda, agenda)
    print(f"imported {source.name} in {time.perf_counter() - w0:.1f} s -> {agenda}")
    print(f"{len(load(agenda).agenda.items())} events; one child process per output "
          f"(baseline: loading the agenda in that process)\n")
    head = (f"{'output':<9} {'CPU s':>7} {'wall s':>7} {'peak MB':>8} {'share':>6} "
            f"{'x load':>7}  files")
    print(head)
    print("-" * len(head))
    rows = {name: run_child(agenda, tmp / name, [name]) for name in OUTPUTS}
    cpu_sum = sum(r.cpu for r in rows.values())
    for name, r in rows.items():
        print(f"{name:<9} {r.cpu:7.1f} {r.wall:7.1f} {r.peak_mb:8.0f} {r.cpu / cpu_sum:6.0%} "
              f"{r.cpu / r.load_cpu:6.0f}x  {r.listing()}")
    every = run_child(agenda, tmp / "all", list(OUTPUTS))
    print("-" * len(head))
    print(f"{'all':<9} {every.cpu:7.1f} {every.wall:7.1f} {every.peak_mb:8.0f} {'':>6} "
          f"{every.cpu / every.load_cpu:6.0f}x  one `podium build` in one process "
          f"(+ {every.load_wall:.1f} s loading the agenda)")
    slowest = max(rows, key=lambda n: rows[n].cpu)
    print(f"\nslowest stage: {slowest} ({rows[slowest].cpu / cpu_sum:.0%} of the CPU time)")
    ok = every.wall + every.load_wall < GOAL_SECONDS and every.peak_mb < GOAL_MB
    print(f"goal (all outputs < {GOAL_SECONDS} s, peak < {GOAL_MB} MB): "
          f"{'met' if ok else 'NOT met'}")


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "--child":
        child(Path(sys.argv[2]), Path(sys.argv[3]), sys.argv[4].split(","))
    else:
        main()
