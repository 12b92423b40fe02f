"""Behaviour check for refactors: build the same inputs with an earlier commit and with the
working tree, and compare every output byte for byte.

    .venv/bin/python scripts/compare_outputs.py HEAD~3          # seed + small corpus imports
    .venv/bin/python scripts/compare_outputs.py main --fosdem   # FOSDEM 2025 too (slow)

The earlier commit is checked out into a temporary git worktree and run with the same
interpreter (PYTHONPATH pointing at its src/), so both sides use the same libraries. Every
input is imported by each side (the agenda.yaml files are compared too) and built from there.
Exit 0 when everything is identical, 1 otherwise, listing the files that differ."""

from __future__ import annotations

import argparse
import filecmp
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
FIXTURES = ROOT / "tests" / "fixtures" / "schedules"
SMALL = [CORPUS / "39c3-himmel.schedule.xml", CORPUS / "rc3-channels-2020.pretalx.schedule.json",
         FIXTURES / "debconf23-wafer-asia-kolkata-day1.xml", FIXTURES / "36c3-merged-day4-excerpt.xml"]
FOSDEM = CORPUS / "fosdem-2025.schedule.xml"


def _podium(src: Path, *args: str, cwd: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(src), "SOURCE_DATE_EPOCH": "1733788800"}
    subprocess.run([sys.executable, "-m", "podium", *args], cwd=cwd, env=env, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _outputs(src: Path, inputs: list[Path], folder: Path) -> None:
    seed = folder / "seed"
    seed.mkdir(parents=True)
    (seed / "agenda.yaml").write_bytes((ROOT / "agenda.yaml").read_bytes())
    _podium(src, "build", "agenda.yaml", cwd=seed)
    for source in inputs:
        case = folder / source.name
        case.mkdir()
        _podium(src, "import", str(source), "-o", "agenda.yaml", "--url", "https://agenda.conf.eu/",
                cwd=case)
        _podium(src, "build", "agenda.yaml", cwd=case)


def _files(root: Path) -> set[Path]:
    """Every output file below `root` as a reader sees it: links followed (a build's outputs
    are links into build/.podium/current), podium's own .podium/ folders left out."""
    found: set[Path] = set()
    for folder, dirs, files in os.walk(root, followlinks=True):
        dirs[:] = [d for d in dirs if d != ".podium"]
        found.update(Path(folder, f).relative_to(root) for f in files)
    return found


def _differences(a: Path, b: Path) -> list[str]:
    out: list[str] = []
    files_a, files_b = _files(a), _files(b)
    out += [f"only before: {p}" for p in sorted(files_a - files_b)]
    out += [f"only after: {p}" for p in sorted(files_b - files_a)]
    out += [f"differs: {p}" for p in sorted(files_a & files_b)
            if not filecmp.cmp(a / p, b / p, shallow=False)]
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("rev", help="the commit to compare against, e.g. HEAD~1 or main")
    parser.add_argument("--fosdem", action="store_true", help="also FOSDEM 2025 (943 events)")
    args = parser.parse_args()
    inputs = [p for p in SMALL if p.is_file()] + ([FOSDEM] if args.fosdem and FOSDEM.is_file() else [])
    with tempfile.TemporaryDirectory(prefix="podium-compare-") as tmp:
        work = Path(tmp)
        before = work / "tree"
        subprocess.run(["git", "worktree", "add", "--detach", str(before), args.rev], cwd=ROOT,
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            _outputs(before / "src", inputs, work / "before")
            _outputs(ROOT / "src", inputs, work / "after")
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(before)], cwd=ROOT, check=False)
        diffs = _differences(work / "before", work / "after")
    count = len(inputs) + 1
    if diffs:
        print("\n".join(diffs))
        print(f"{len(diffs)} files differ across {count} inputs (seed and {len(inputs)} imports)")
        return 1
    print(f"identical: every output of {count} inputs (seed and {len(inputs)} imports)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
