"""Benchmark stage: build/reprint/ for one moved session of FOSDEM 2025 (943 events, 40 rooms,
room-day door signs, every speaker's badge), the issue's goal being under 3 s.

    PYTHONPATH=src python bench/reprint.py [path/to/fosdem-2025.schedule.xml] [--double-sided]

The schedule is imported, recorded as printed (the record made by the functions `podium
printed` calls, without its full build: the booklet's pages are left out of the record, so
no errata slip is made), then one session is moved by 15 minutes in agenda.yaml. Timed, the
median of a few runs: the reprint renderer alone on the loaded programme (comparison made
once, as `pipeline.build` does before renderers fork), and `podium build --only reprint` as a
command (interpreter start, load and the comparison included). Wall and CPU seconds are both
printed: the machine is shared. With --double-sided, badges are printed with their backs
(which list each speaker's sessions), so the moved session's speakers' badges are reprinted
too, at the type scale of all 1,000 badges."""

from __future__ import annotations

import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from podium.changes import comparison
from podium.changes.facts import agenda_facts
from podium.changes.pieces import current_pieces
from podium.changes.record import new_entry, record_path, write
from podium.context import BuildContext
from podium.fonts import bundled
from podium.importers import import_schedule
from podium.importers.write import write as write_agenda
from podium.load import load
from podium.output import Written, build_epoch, staged
from podium.renderers.reprint import render

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "fosdem-2025.schedule.xml"
RUNS = 3
EPOCH = 1738300000


def _cpu() -> float:
    """CPU seconds of this process and of its finished children (the command's)."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def _timed(step: Callable[[], object]) -> tuple[float, float]:
    start, cpu = time.perf_counter(), _cpu()
    step()
    return time.perf_counter() - start, _cpu() - cpu


def main() -> None:
    args = [a for a in sys.argv[1:] if a != "--double-sided"]
    source = Path(args[0]) if args else DEFAULT
    if not source.is_file():
        sys.exit(f"not found: {source}")
    os.environ["SOURCE_DATE_EPOCH"] = str(EPOCH)
    folder = Path(tempfile.mkdtemp(prefix="podium-reprint-"))
    agenda = folder / "agenda.yaml"
    imported = import_schedule(source, url="https://fosdem.example.org/2025/").agenda
    if "--double-sided" in sys.argv:
        # Badge backs list each speaker's sessions: the moved session's speakers get new ones.
        imported.setdefault("print", {})["badge_double_sided"] = True
    write_agenda(imported, agenda)
    programme = load(agenda)
    entry = new_entry(agenda.read_text(encoding="utf-8"),
                      agenda_facts(programme.agenda, programme.attendees),
                      current_pieces(programme), EPOCH)
    write(record_path(agenda), [entry], agenda.name)
    # One session 15 minutes later: the first start time of the file after the first day's.
    text = agenda.read_text(encoding="utf-8")
    found = re.search(r'start: "(\d\d):(\d\d)"', text)
    assert found is not None
    h, m = int(found[1]), int(found[2])
    later = f'start: "{h + (m + 15) // 60:02d}:{(m + 15) % 60:02d}"'
    agenda.write_text(text[:found.start()] + later + text[found.end():], encoding="utf-8")

    fonts = bundled()
    renderer = []
    written: list[Written] = []
    for run in range(RUNS):
        written.clear()
        programme = load(agenda)
        found_changes = comparison(programme)
        assert found_changes is not None and found_changes.any
        with staged(folder / f"out{run}") as stage:
            ctx = BuildContext(programme=programme, fonts=fonts,
                               epoch=build_epoch(programme.agenda), stage=stage)
            renderer.append(_timed(lambda ctx=ctx: written.extend(render(ctx))))  # type: ignore[misc]
    command = []
    for run in range(RUNS):
        command.append(_timed(lambda run=run: subprocess.run(
            [sys.executable, "-m", "podium", "build", str(agenda), "-o",
             str(folder / f"cli{run}"), "--only", "reprint", "-q"], check=True)))
    changes = found_changes.changes
    print(f"{source.name}: {len(programme.agenda.items())} items, "
          f"{len(found_changes.changed)} pieces to reprint after: {changes[0].text}")
    for w in written:
        print(f"  {w.path.relative_to(w.path.parents[1])}: {w.pages} page(s)")
    print(f"median of {RUNS} (load {os.getloadavg()[0]:.1f}):")
    for label, figures in (("reprint renderer alone", renderer),
                           ("podium build --only reprint", command)):
        wall = statistics.median(f[0] for f in figures)
        cpu = statistics.median(f[1] for f in figures)
        print(f"  {label:<30} {wall:6.2f} s wall, {cpu:6.2f} s CPU")

if __name__ == "__main__":
    main()
