"""Benchmark stage: how each stage grows with the programme (time per event at 100, 1,000 and
3,000 events, each with as many people), to catch a stage that turns quadratic.

    PYTHONPATH=src .venv/bin/python bench/scale.py                 # 100, 1000, 3000
    PYTHONPATH=src .venv/bin/python bench/scale.py 100 1000 --no-booklet

For every size it prints the seconds each stage takes (load and check, then each renderer)
and the time per event; then, per stage, the ratio of time per event between consecutive
sizes. A linear stage stays near 1.0 (fixed costs make small sizes dearer, so ratios below 1
are normal); the goal is at most 1.3. Each figure is the best of `--runs` runs, taken in
the same process, so that the sizes are compared under the same machine load."""

from __future__ import annotations

import argparse
import itertools
import random
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import yaml

from podium.load import load
from podium.pipeline import build

STAGES = ("load", "badges", "signs", "site", "booklet")


def agenda(events: int, seed: int = 3) -> dict[str, object]:
    """`events` talks over two days in rooms of 12 talks a day, one speaker and one chair
    each, `events` people in all (each speaks about once)."""
    rng = random.Random(seed)
    given = ["Ana", "Jean", "Kofi", "Mei", "Olga", "Ravi", "Sara", "Tomás"]
    family = ["Okafor", "Lindqvist", "Nakamura", "Castillo", "Dubois", "van der Berg", "Ng"]
    people = [{"id": f"p{k}", "name": f"{rng.choice(given)} {rng.choice(family)} {k}",
               "organisation": f"Organisation {k % 97}"} for k in range(events)]
    per_day = (events + 1) // 2
    rooms = max(1, (per_day + 11) // 12)
    days = []
    n = 0
    for d in range(2):
        items = []
        for k in range(min(per_day, events - n)):
            room, slot = k % rooms, k // rooms
            start = 9 * 60 + slot * 45
            items.append({"id": f"e{n}", "start": f"{start // 60:02d}:{start % 60:02d}",
                          "end": f"{(start + 40) // 60:02d}:{(start + 40) % 60:02d}",
                          "room": f"r{room}", "title": f"Talk {n} on subject {rng.randrange(500)}",
                          "chair": f"p{(n * 7) % events}", "speakers": [f"p{n}"]})
            n += 1
        items.sort(key=lambda it: (it["start"], it["room"]))
        days.append({"date": f"2025-05-{d + 5:02d}", "items": items})
    return {"event": {"title": "Scale", "timezone": "Europe/Berlin", "url": "https://scale.conf.eu/"},
            "rooms": [{"id": f"r{r}", "name": f"Room {r}"} for r in range(rooms)],
            "people": people, "days": days}


def _best(fn: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[100, 1000, 3000])
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--no-booklet", action="store_true", help="skip the booklet (WeasyPrint)")
    args = parser.parse_args()
    stages = [s for s in STAGES if not (args.no_booklet and s == "booklet")]
    results: dict[int, dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for size in args.sizes:
            folder = Path(tmp) / str(size)
            folder.mkdir()
            path = folder / "agenda.yaml"
            path.write_text(yaml.safe_dump(agenda(size), sort_keys=False), encoding="utf-8")
            programme = load(path)
            row: dict[str, float] = {"load": _best(lambda p=path: load(p), args.runs)}
            for stage in stages[1:]:
                row[stage] = _best(lambda s=stage, f=folder, p=programme: build(p, f / "out", [s]),
                                   args.runs)
            results[size] = row
            cells = "  ".join(f"{s} {row[s]:7.3f} s ({row[s] / size * 1000:6.2f} ms/event)"
                              for s in stages)
            print(f"{size:>5} events, {size} people: {cells}", flush=True)
    sizes = args.sizes
    for a, b in itertools.pairwise(sizes):
        ratios = "  ".join(f"{s} {(results[b][s] / b) / (results[a][s] / a):4.2f}" for s in stages)
        print(f"time per event, {b} against {a}: {ratios}")


if __name__ == "__main__":
    main()
