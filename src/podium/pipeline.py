"""Build stage: run the chosen renderers into a folder, all outputs or none.

The stages, in order:
1. choose the renderers (all registered ones, or those named with --only);
2. fix the build date (SOURCE_DATE_EPOCH, else the agenda's first day);
3. lock the output folder (waiting for a build that holds it) and run every renderer into
   a new generation of it (PDFs turned CMYK after, with `print.colour: cmyk`); a template
   that fails is reported at its file and line;
4. switch the folder to the new generation in one step, only once all renderers have
   succeeded (output.py tells how).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from pathlib import Path

import jinja2

from podium.context import BuildContext, BuildOptions
from podium.fonts import bundled
from podium.load import Programme
from podium.output import Written, build_epoch, staged
from podium.problems import did_you_mean
from podium.renderers import RENDERERS, Renderer
from podium.templating import failure


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


def prepress(programme: Programme, written: list[Written]) -> list[Written]:
    """`print.colour: cmyk`: each PDF just written, in black ink and CMYK, a PDF/X-4."""
    if programme.agenda.print_.colour == "cmyk":
        from podium.pdf.cmyk import to_cmyk

        for w in written:
            if w.path.suffix == ".pdf":
                to_cmyk(w.path)
    return written


def build(programme: Programme, out_dir: Path, only: Sequence[str] | None = None,
          options: BuildOptions | None = None, *, wait: bool = True,
          on_wait: Callable[[int | None], None] | None = None,
          progress: Callable[[str, str], None] | None = None) -> list[Written]:
    """Build the chosen outputs of `programme` into `out_dir`; return what was written.

    While another build holds `out_dir`, wait for it (`on_wait` is told its pid first), or
    with `wait` false raise `output.Busy`. `progress` is told (renderer name, "start") and
    (renderer name, "done") around each renderer."""
    renderers = choose(only)                                              # 1
    epoch = build_epoch(programme.agenda)                                 # 2
    written: list[Written] = []
    with staged(out_dir, wait=wait, on_wait=on_wait) as stage:
        ctx = BuildContext(programme=programme, fonts=bundled(), epoch=epoch,
                           stage=stage, options=options or BuildOptions())
        for name, render in renderers.items():                            # 3
            if progress is not None:
                progress(name, "start")
            try:
                written += prepress(programme, render(ctx))
            except jinja2.TemplateError as exc:
                raise failure(exc, ctx.template_dirs) from exc
            if progress is not None:
                progress(name, "done")
        staged_paths = [(w, out_dir / w.path.relative_to(stage.dir)) for w in written]
    # 4 happened as the `with` block closed; report the final places.
    return [dataclasses.replace(w, path=final) for w, final in staged_paths]
