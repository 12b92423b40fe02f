"""Benchmark stage: `podium changes` on FOSDEM 2025 (943 events, ~1,000 badges) after one
edit, the whole command in a child process, against `podium check` of the same agenda.

    PYTHONPATH=src python bench/changes.py [path/to/fosdem-2025.schedule.xml]

The schedule is imported, recorded with `podium printed` (a full build, once), then the
last talk of the first day is moved by 15 minutes (so the agenda stays in time order).
Goal: `podium changes` under 2 s."""

from __future__ import annotations

import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "fosdem-2025.schedule.xml"
RUNS = 5
GOAL_SECONDS = 2.0


def podium(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    # This checkout's podium, wherever the child runs.
    src = str(Path(__file__).resolve().parents[1] / "src")
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1738000000",
           "PYTHONPATH": os.pathsep.join([src, *filter(None, [os.environ.get("PYTHONPATH")])])}
    return subprocess.run([sys.executable, "-m", "podium", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, check=False)


def median_seconds(*args: str, cwd: Path, codes: tuple[int, ...]) -> float:
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        done = podium(*args, cwd=cwd)
        times.append(time.perf_counter() - start)
        if done.returncode not in codes:
            sys.exit(f"podium {' '.join(args)}: exit {done.returncode}\n{done.stderr}")
    return statistics.median(times)


def move_last_of_first_day(agenda: Path) -> str:
    """Move the first day's last item 15 minutes later; its title."""
    text = agenda.read_text(encoding="utf-8")
    second = text.index("\n- date:", text.index("\n- date:") + 1)
    found = list(re.finditer(r'  - id: (\S+)\n    start: "(\d\d):(\d\d)"\n    end: "(\d\d):(\d\d)"\n'
                             r"    title: (.*)\n", text[:second]))[-1]

    def later(h: str, m: str) -> str:
        minutes = int(h) * 60 + int(m) + 15
        return f"{minutes // 60:02d}:{minutes % 60:02d}"

    moved = (f'  - id: {found[1]}\n    start: "{later(found[2], found[3])}"\n'
             f'    end: "{later(found[4], found[5])}"\n    title: {found[6]}\n')
    agenda.write_text(text[:found.start()] + moved + text[found.end():], encoding="utf-8")
    return found[6]


def main() -> None:
    source = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    if not source.is_file():
        sys.exit(f"not found: {source}")
    folder = Path(tempfile.mkdtemp())
    if podium("import", str(source), "-o", "agenda.yaml", cwd=folder).returncode != 0:
        sys.exit("import failed")
    start = time.perf_counter()
    done = podium("printed", "-q", "agenda.yaml", cwd=folder)
    if done.returncode != 0:
        sys.exit(f"podium printed failed:\n{done.stderr}")
    printed = time.perf_counter() - start
    size = (folder / "agenda.printed.json").stat().st_size / 1e6
    title = move_last_of_first_day(folder / "agenda.yaml")
    check = median_seconds("check", "agenda.yaml", cwd=folder, codes=(0,))
    changes = median_seconds("changes", "agenda.yaml", cwd=folder, codes=(1,))
    said = podium("changes", "agenda.yaml", cwd=folder).stdout.splitlines()
    print(f"{source.name}: moved '{title}'; podium printed (full build, once) {printed:.1f} s, "
          f"record {size:.1f} MB; median of {RUNS}, whole commands")
    print(f"  podium check (baseline)   {check:6.2f} s")
    print(f"  podium changes            {changes:6.2f} s  {changes / check:4.1f}x baseline  "
          f"(goal {GOAL_SECONDS:.0f} s: {'met' if changes < GOAL_SECONDS else 'NOT met'})")
    print("\n".join(f"  | {line}" for line in said))


if __name__ == "__main__":
    main()
