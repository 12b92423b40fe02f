"""Benchmark stage: podium's badges against the bare ReportLab floor, by instructions counted
under valgrind's callgrind, which the machine's load cannot move.

    PYTHONPATH=src python bench/badges_callgrind.py [COUNT] [--chunked]   (default: 200)

The floor is bench/badges.py's: the same texts (category band and label, event title, name,
role, organisation) at fixed sizes in Noto Sans with plain drawCentredString, no QR code,
no shaping, no fitting, no fallback fonts. podium draws the same holders with
`write_badges` as `podium build` calls it, in this process (`--chunked`: in chunks joined
page by page, as above 400 badges, drawn here one after the other instead of by workers).

Each side runs four times under callgrind: set up and draw 8 badges (imports, fonts, the
first page: the warm-up every build pays once), then the same plus COUNT more badges, and
again for 2 x COUNT. The instructions of drawing COUNT badges are the difference, so start-up
is left out; the badges from COUNT to 2 x COUNT give the cost of each further badge, once
podium's caches are warm, as a large build pays it."""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

WARM = 8
VALGRIND = shutil.which("valgrind") or "/usr/bin/valgrind"
_TOTAL = re.compile(r"^(?:summary|totals):\s+(\d+)", re.MULTILINE)


def draw(side: str, count: int, chunked: bool, out: Path) -> None:
    """In the process callgrind watches: warm up, then draw `count` badges."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
    import badges as bench  # bench/badges.py

    from podium.fonts import bundled
    from podium.load import load
    from podium.renderers.badges import write_badges
    from podium.renderers.badges.holders import Holder
    from podium.renderers.badges.stocks import stock_named
    from podium.text import Shaper

    programme = load(bench.ROOT / "agenda.yaml")
    title = programme.agenda.event.title
    batch = bench.people(WARM + count)
    warm, rest = batch[:WARM], batch[WARM:]
    stock = stock_named("a6-4up-a4")
    shaper = Shaper(bundled())

    def podium(part: list[tuple[Holder, str]], path: Path) -> None:
        write_badges(path, programme, [h for h, _ in part], [c for _, c in part], stock,
                     shaper, 0, workers=1, parallel_above=0 if chunked else 10**9)

    for part, path in ((warm, out / "warm.pdf"), (rest, out / "run.pdf")):
        if not part:
            continue
        if side == "podium":
            podium(part, path)
        else:
            bench.plain_run(part, path, title, with_qr=False)


def instructions(side: str, count: int, chunked: bool) -> int:
    with tempfile.TemporaryDirectory(prefix="podium-callgrind-") as tmp:
        report = Path(tmp) / "callgrind.out"
        cmd = [VALGRIND, "--tool=callgrind", f"--callgrind-out-file={report}",
               sys.executable, __file__, "--draw", side, str(count), str(int(chunked)), tmp]
        env = {**os.environ, "PYTHONMALLOC": "malloc"}   # valgrind sees every allocation
        subprocess.run(cmd, check=True, capture_output=True, env=env)
        found = _TOTAL.search(report.read_text(errors="replace"))
        if found is None:
            raise RuntimeError(f"no instruction total in {report}")
        return int(found.group(1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int, nargs="?", default=200)
    parser.add_argument("--chunked", action="store_true")
    args = parser.parse_args()
    n = args.count
    totals = {side: [instructions(side, k, args.chunked) for k in (0, n, 2 * n)]
              for side in ("floor", "podium")}
    how = "in chunks joined page by page" if args.chunked else "in one pass"
    print(f"{n} badges (and {2 * n}), podium {how}; instructions under callgrind, "
          f"start-up and the first {WARM} badges left out")
    per: dict[str, list[float]] = {}
    for side, (base, one, two) in totals.items():
        per[side] = [(one - base) / n, (two - base) / (2 * n)]
        print(f"  {side:<7} start-up {base / 1e6:8.0f} M;  per badge {per[side][0] / 1e6:6.2f} M "
              f"at {n}, {per[side][1] / 1e6:6.2f} M at {2 * n}")
    ratios = [p / f for p, f in zip(per["podium"], per["floor"], strict=True)]
    # podium's caches (fitted texts, shaped runs, colours) fill over the first badges: the
    # badges from n to 2n show the cost a large build pays for each further badge.
    further = {side: (two - one) / n for side, (_, one, two) in totals.items()}
    print(f"  podium / floor: {ratios[0]:.2f}x at {n}, {ratios[1]:.2f}x at {2 * n}; "
          f"{further['podium'] / further['floor']:.2f}x for badges {n} to {2 * n} "
          f"({further['podium'] / 1e6:.2f} M against {further['floor'] / 1e6:.2f} M each; "
          f"goal <= 1.5)")


if __name__ == "__main__":
    if len(sys.argv) == 6 and sys.argv[1] == "--draw":
        draw(sys.argv[2], int(sys.argv[3]), sys.argv[4] == "1", Path(sys.argv[5]))
    else:
        main()
