"""Benchmark stage: edit-to-preview time under `podium serve`, against building the booklet
alone and every output in the same process.

    PYTHONPATH=src python bench/serve.py [--rounds 3] [path/to/fosdem-2025.schedule.xml]

For the bundled seed and for FOSDEM 2025 (imported first, as `podium import` does): serve's
session and file watcher run in this process; each round changes one session title in
agenda.yaml and times, from the moment the file is saved, until each output is rewritten
(the site's page of the item's day, door-signs.pdf, programme.pdf). Badges do not print titles, so
badges.pdf must stay as it was. The baselines are a booklet-only build and a full build of
the same agenda (after the full one, so both run with warm caches). Medians of the rounds are
printed; CPU is shared with whatever else runs, so compare the ratios."""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

from podium.importers import import_schedule
from podium.importers.write import write
from podium.load import load
from podium.pipeline import build
from podium.serve.session import Session
from podium.serve.watch import changes

ROOT = Path(__file__).resolve().parents[1]
FOSDEM = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "fosdem-2025.schedule.xml"
WATCHED = ("site/days/{day}.html", "door-signs.pdf", "programme.pdf")
"""The edited item's day page, its signs, the booklet."""
STILL = "badges.pdf"


def _stamp(path: Path) -> int:
    try:
        return os.stat(path).st_mtime_ns
    except OSError:
        return 0


def _timed(f: object) -> float:
    t = time.perf_counter()
    f()  # type: ignore[operator]
    return time.perf_counter() - t


def bench(name: str, agenda: Path, rounds: int) -> None:
    folder = agenda.parent
    programme = load(agenda)
    # Every output first: it also warms the caches (fonts, WeasyPrint) that serve has warm too.
    full = _timed(lambda: build(programme, folder / "base-all"))
    booklet = _timed(lambda: build(programme, folder / "base-booklet", ["booklet"]))
    item = next(i for d in programme.agenda.days for i in d.items
                if i.kind == "session" and agenda.read_text(encoding="utf-8").count(
                    f"title: {i.title}\n") == 1)
    out = folder / "build"
    day = next(d.date for d in programme.agenda.days if item in d.items)
    watched = [n.format(day=day.isoformat()) for n in WATCHED]
    session = Session(agenda, out)
    first = _timed(session.rebuild)

    def watch() -> None:
        for _ in changes(session, out):
            session.rebuild()

    threading.Thread(target=watch, daemon=True).start()
    time.sleep(0.5)  # the watcher is up
    times: dict[str, list[float]] = {n: [] for n in watched}
    badges_rewritten = 0
    old = f"title: {item.title}\n"
    for r in range(rounds):
        new = f"title: {item.title} (round {r + 1})\n"
        before = {n: _stamp(out / n) for n in (*watched, STILL)}
        text = agenda.read_text(encoding="utf-8")
        saved = time.perf_counter()
        agenda.write_text(text.replace(old, new, 1), encoding="utf-8")
        old = new
        pending = set(watched)
        while pending:
            for n in list(pending):
                if _stamp(out / n) != before[n]:
                    times[n].append(time.perf_counter() - saved)
                    pending.discard(n)
            if time.perf_counter() - saved > 600:
                raise SystemExit(f"{name}: {sorted(pending)} not rewritten in 600 s")
            time.sleep(0.005)
        while session.building:
            time.sleep(0.01)
        badges_rewritten += _stamp(out / STILL) != before[STILL]
    print(f"{name}: booklet alone {booklet:.2f} s, every output {full:.2f} s "
          f"(serve's first build {first:.2f} s); one title edited, {rounds} rounds, medians:")
    for n in watched:
        m = statistics.median(times[n])
        print(f"  {n:<26} {m:6.2f} s after saving   {m / booklet:5.2f} x booklet alone   "
              f"{m / full:5.2f} x every output")
    print(f"  {STILL:<26} rewritten in {badges_rewritten} of {rounds} rounds")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("schedule", nargs="?", type=Path, default=FOSDEM)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        seed = Path(tmp, "seed")
        seed.mkdir()
        shutil.copy(ROOT / "agenda.yaml", seed / "agenda.yaml")
        bench("seed", seed / "agenda.yaml", args.rounds)
        if args.schedule.is_file():
            fosdem = Path(tmp, "fosdem")
            fosdem.mkdir()
            imported = import_schedule(args.schedule, None, url="https://fosdem.example.test/")
            write(imported.agenda, fosdem / "agenda.yaml")
            bench(args.schedule.name, fosdem / "agenda.yaml", args.rounds)
        else:
            print(f"{args.schedule} not found: FOSDEM skipped", file=sys.stderr)


if __name__ == "__main__":
    main()
