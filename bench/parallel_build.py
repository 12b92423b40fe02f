"""Benchmark stage: a whole build with the renderers side by side against the same build in
turn (the serial path), and optionally against an earlier commit, in one run.

    PYTHONPATH=src python bench/parallel_build.py [--rounds N] [--against REV] [--no-fosdem]

Inputs: the seed agenda, and FOSDEM 2025 imported with `podium import` (943 events). Each
build is a fresh interpreter, timed from its start to its end, as an organiser waits for
`podium build`: imports, loading the agenda, every output, the commit. The variants run in
turns, round after round, and the medians are compared:
- side by side: `pipeline.build` as `podium build` calls it (one renderer per core);
- in turn: the same code with `jobs=1` (the baseline);
- REV (with --against): that commit's own `podium build`, from a temporary git worktree,
  with the same interpreter and libraries (d7da1eb is the commit before issue 20's work).
Site fonts are subset once before the timed rounds (the cache a repeat build finds; REV
may have no cache). The machine is shared: the 1-minute load average before each build is
printed with the figures, and CPU time (user + system, the build's processes) beside wall."""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FOSDEM = ROOT.parent / "shared" / "corpus" / "fosdem-2025.schedule.xml"
GOALS = {"seed": 0.45, "fosdem": 0.6}
"""Issue 20's goals: the wall time of all outputs at most this share of the old one."""


def child(agenda: Path, out: Path, jobs: int | None) -> None:
    """One build as the command line does it (in a fresh interpreter)."""
    sys.path.insert(0, str(ROOT / "src"))
    from podium.load import load
    from podium.pipeline import build

    build(load(agenda), out, jobs=jobs)
    me, kids = (resource.getrusage(w) for w in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
    print(json.dumps({"peak_mb": me.ru_maxrss / 1024, "child_peak_mb": kids.ru_maxrss / 1024}))


def timed(cmd: list[str], env: dict[str, str]) -> dict[str, float]:
    load = os.getloadavg()[0]
    before = os.times()
    start = time.perf_counter()
    done = subprocess.run(cmd, env=env, check=True, capture_output=True, text=True)
    wall = time.perf_counter() - start
    after = os.times()
    figures = {"wall": wall, "cpu": (after[2] + after[3]) - (before[2] + before[3]),
               "load": load}
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if lines:
        figures.update(json.loads(lines[-1]))
    return figures


Command = tuple[list[str], dict[str, str]]


def variants(agenda: Path, old_agenda: Path | None, work: Path,
             old_src: Path | None) -> dict[str, Command]:
    env = {**os.environ, "PODIUM_CACHE_DIR": str(work / "cache"),
           "SOURCE_DATE_EPOCH": "1733788800", "PYTHONPATH": str(ROOT / "src")}
    me = [sys.executable, __file__, "--child", str(agenda)]
    out = {"side by side": ([*me, str(work / "side"), "0"], env),
           "in turn": ([*me, str(work / "turn"), "1"], env)}
    if old_src is not None and old_agenda is not None:
        out["REV"] = ([sys.executable, "-m", "podium", "build", str(old_agenda), "-o",
                       str(work / "old")], {**env, "PYTHONPATH": str(old_src)})
    return out


def measure(name: str, agenda: Path, old_agenda: Path | None, rounds: int,
            old_src: Path | None, rev: str | None) -> None:
    runs: dict[str, list[dict[str, float]]] = {}
    plan = variants(agenda, old_agenda, agenda.parent, old_src)
    for cmd, env in plan.values():      # warm the font cache and the file system, untimed
        subprocess.run(cmd, env=env, check=True, capture_output=True)
    for r in range(rounds):
        order = list(plan.items()) if r % 2 == 0 else list(reversed(plan.items()))
        for label, (cmd, env) in order:
            runs.setdefault(label, []).append(timed(cmd, env))
    median = {k: {f: statistics.median(run[f] for run in v) for f in ("wall", "cpu", "load")}
              for k, v in runs.items()}
    loads = [run["load"] for v in runs.values() for run in v]
    print(f"\n{name}: {rounds} rounds; 1-min load before each build {min(loads):.2f} to "
          f"{max(loads):.2f} (median {statistics.median(loads):.2f}) on "
          f"{os.cpu_count()} cores")
    for label, m in median.items():
        shown = rev if label == "REV" else label
        peak = runs[label][0].get("peak_mb")
        extra = (f"; peak RSS {peak:.0f} MB, largest child {runs[label][0]['child_peak_mb']:.0f} MB"
                 if peak else "")
        walls = ", ".join(f"{run['wall']:.2f}" for run in runs[label])
        print(f"  {shown:<13} wall {m['wall']:6.2f} s  CPU {m['cpu']:6.2f} s  (runs: {walls}){extra}")
    side, turn = median["side by side"], median["in turn"]
    print(f"  side by side / in turn: wall {side['wall'] / turn['wall']:.2f}x, "
          f"CPU {side['cpu'] / turn['cpu']:.2f}x")
    if "REV" in median:
        ratio = side["wall"] / median["REV"]["wall"]
        print(f"  side by side / {rev}: wall {ratio:.2f}x (goal <= {GOALS[name]}: "
              f"{'met' if ratio <= GOALS[name] else 'NOT met'}), "
              f"in turn / {rev}: {turn['wall'] / median['REV']['wall']:.2f}x")


def _inputs(folder: Path, old_src: Path | None, source: Path | None
            ) -> tuple[Path, Path | None]:
    """The agenda for this tree and the one for REV: the seed, or `source` imported."""
    out: list[Path | None] = []
    for src in (ROOT / "src", old_src):
        if src is None:
            out.append(None)
            continue
        agenda = folder / ("old" if src == old_src else "new") / "agenda.yaml"
        agenda.parent.mkdir(parents=True)
        if source is None:
            agenda.write_bytes((src.parent / "agenda.yaml").read_bytes())
        else:
            subprocess.run([sys.executable, "-m", "podium", "import", str(source), "-o",
                            str(agenda), "--url", "https://fosdem.example.org/"],
                           env={**os.environ, "PYTHONPATH": str(src)}, check=True,
                           capture_output=True)
        out.append(agenda)
    assert out[0] is not None
    return out[0], out[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--against", metavar="REV", help="also time this commit's build")
    parser.add_argument("--no-fosdem", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="podium-parallel-") as tmp:
        work = Path(tmp)
        old_src = None
        if args.against:
            subprocess.run(["git", "worktree", "add", "--detach", str(work / "rev"), args.against],
                           cwd=ROOT, check=True, capture_output=True)
            old_src = work / "rev" / "src"
        try:
            # Each side reads the agenda its own code writes: its own seed, its own import.
            seed, old_seed = _inputs(work / "seed", old_src, None)
            measure("seed", seed, old_seed, args.rounds, old_src, args.against)
            if not args.no_fosdem and FOSDEM.is_file():
                fosdem, old_fosdem = _inputs(work / "fosdem", old_src, FOSDEM)
                measure("fosdem", fosdem, old_fosdem, args.rounds, old_src, args.against)
        finally:
            if args.against:
                subprocess.run(["git", "worktree", "remove", "--force", str(work / "rev")],
                               cwd=ROOT, check=True, capture_output=True)


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "--child":
        child(Path(sys.argv[2]), Path(sys.argv[3]), int(sys.argv[4]) or None)
    else:
        main()
