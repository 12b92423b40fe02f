"""Build stage: run the chosen renderers into a folder, all outputs or none.

The stages, in order:
1. choose the renderers (all registered ones, or those named with --only);
2. fix the build date (SOURCE_DATE_EPOCH, else the agenda's first day), and compare the
   programme with its printed record, once, before renderers fork (podium.changes);
3. lock the output folder (waiting for a build that holds it) and run every renderer into
   a new generation of it, side by side on the available cores (parallel.py), each
   renderer's PDFs turned CMYK after it with `print.colour: cmyk`; a template that fails is
   reported at its file and line;
4. switch the folder to the new generation in one step, only once all renderers have
   succeeded (output.py tells how).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from pathlib import Path

from podium.changes import comparison
from podium.context import BuildContext, BuildOptions
from podium.fonts import bundled
from podium.load import Programme
from podium.output import Written, build_epoch, staged
from podium.parallel import run
from podium.problems import did_you_mean
from podium.renderers import FOLDERS, RENDERERS, Renderer


class UnknownRenderer(ValueError):
    """--only named an output that does not exist."""


def choose(names: Sequence[str] | None) -> dict[str, Renderer]:
    if not names:
        return dict(RENDERERS)
    unknown = [n for n in names if n not in RENDERERS]
    if unknown:
        n = unknown[0]
        raise UnknownRenderer(f"unknown output '{n}'{did_you_mean(n, RENDERERS)} "
                              f"(choose from {', '.join(RENDERERS) or 'none'})")
    return {n: RENDERERS[n] for n in names}


def build(programme: Programme, out_dir: Path, only: Sequence[str] | None = None,
          options: BuildOptions | None = None, *, wait: bool = True,
          on_wait: Callable[[int | None], None] | None = None,
          progress: Callable[[str, str], None] | None = None,
          jobs: int | None = None) -> list[Written]:
    """Build the chosen outputs of `programme` into `out_dir`; return what was written.

    While another build holds `out_dir`, wait for it (`on_wait` is told its pid first), or
    with `wait` false raise `output.Busy`. `progress` is told (renderer, "start") and
    (renderer, "done"), always from this process; up to `jobs` renderers run at once
    (default: one per available core; 1 runs them in turn in this process)."""
    renderers = choose(only)                                              # 1
    epoch = build_epoch(programme.agenda)                                 # 2
    comparison(programme)
    with staged(out_dir, wait=wait, on_wait=on_wait) as stage:
        for name in renderers:
            for folder in FOLDERS.get(name, ()):
                stage.own(folder)
        ctx = BuildContext(programme=programme, fonts=bundled(), epoch=epoch,
                           stage=stage, options=options or BuildOptions())
        written = run(ctx, renderers, jobs=jobs, progress=progress)       # 3
        staged_paths = [(w, out_dir / w.path.relative_to(stage.dir)) for w in written]
    # 4 happened as the `with` block closed; report the final places.
    return [dataclasses.replace(w, path=final) for w, final in staged_paths]
