"""Benchmark stage: badges' peak memory and their speed on one core against all, by count.

    PYTHONPATH=src python bench/badge_memory.py [COUNT ...]     (default: 1000 10000 50000)

For each COUNT, the seed agenda with an attendees CSV of COUNT names (shared/corpus's
unicode-names, a distinct name each) is built with `--only badges` in a fresh interpreter,
first held to one core (its affinity mask, as `taskset -c 0` does), then on every core it
may use, in turns, `--rounds` times. Printed: wall and CPU time (medians), the peak
resident memory of the build's own process (which loads the agenda and the attendees and
joins the chunks) and of its largest badge worker, and the machine's load."""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NAMES = ROOT.parent / "shared" / "corpus" / "unicode-names.txt"


def child(agenda: Path, out: Path, cores: int) -> None:
    if cores:
        os.sched_setaffinity(0, sorted(os.sched_getaffinity(0))[:cores])
    sys.path.insert(0, str(ROOT / "src"))
    from podium.load import load
    from podium.pipeline import build

    build(load(agenda), out, ["badges"])
    me, kids = (resource.getrusage(w) for w in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
    print(json.dumps({"peak_mb": me.ru_maxrss / 1024, "worker_mb": kids.ru_maxrss / 1024}))


def agenda_with(count: int, folder: Path) -> Path:
    names = [n.strip() for n in NAMES.read_text(encoding="utf-8").splitlines() if n.strip()]
    rng = random.Random(7)
    folder.mkdir(parents=True)
    with (folder / "attendees.csv").open("w", newline="", encoding="utf-8") as fh:
        rows = csv.writer(fh)
        rows.writerow(["name", "organisation", "role"])
        for i in range(count):
            rows.writerow([f"{rng.choice(names)} {rng.choice(names).split()[0]} {i}",
                           "Unicode Names Society", "Delegate"])
    agenda = folder / "agenda.yaml"
    seed = (ROOT / "agenda.yaml").read_text(encoding="utf-8").rstrip()
    agenda.write_text(seed + "\nattendees: attendees.csv\n", encoding="utf-8")
    return agenda


def run(agenda: Path, out: Path, cores: int) -> dict[str, float]:
    load = os.getloadavg()[0]
    before, start = os.times(), time.perf_counter()
    done = subprocess.run([sys.executable, __file__, "--child", str(agenda), str(out),
                           str(cores)], check=True, capture_output=True, text=True)
    wall, after = time.perf_counter() - start, os.times()
    return {"wall": wall, "cpu": (after[2] + after[3]) - (before[2] + before[3]), "load": load,
            **json.loads(done.stdout.splitlines()[-1])}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("counts", type=int, nargs="*", default=[1000, 10_000, 50_000])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    every = len(os.sched_getaffinity(0))
    with tempfile.TemporaryDirectory(prefix="podium-badge-memory-") as tmp:
        for count in args.counts:
            agenda = agenda_with(count, Path(tmp) / str(count))
            runs: dict[int, list[dict[str, float]]] = {1: [], every: []}
            for r in range(args.rounds):
                for cores in ((1, every) if r % 2 == 0 else (every, 1)):
                    runs[cores].append(run(agenda, agenda.parent / f"out{cores}", cores))
            print(f"{count} badges ({args.rounds} rounds, load "
                  f"{min(x['load'] for v in runs.values() for x in v):.1f} to "
                  f"{max(x['load'] for v in runs.values() for x in v):.1f})")
            for cores, v in runs.items():
                m = {k: statistics.median(x[k] for x in v) for k in v[0]}
                print(f"  {cores} core{'s' * (cores != 1)}: wall {m['wall']:6.2f} s, CPU "
                      f"{m['cpu']:6.2f} s; peak RSS {m['peak_mb']:4.0f} MB, largest worker "
                      f"{m['worker_mb']:4.0f} MB")
            one = statistics.median(x["wall"] for x in runs[1])
            all_ = statistics.median(x["wall"] for x in runs[every])
            print(f"  {every} cores / 1 core: wall {all_ / one:.2f}x", flush=True)


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "--child":
        child(Path(sys.argv[2]), Path(sys.argv[3]), int(sys.argv[4]))
    else:
        main()
