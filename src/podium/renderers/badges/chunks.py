"""Drawing stage: many badges in chunks of sheets, drawn by worker processes, then joined.

ReportLab keeps every page of a canvas in memory until it saves, so one canvas for 10,000
badges grows with the count. Here the sheets are cut into chunks of a fixed number of sheets
(never depending on the number of processes), each chunk is drawn into its own PDF by a
worker (all cores), and the chunks are joined page by page with pikepdf into one file:
memory stays that of one chunk per worker, and the bytes are the same however many
processes drew them. Each chunk embeds its own subsets of the fonts it uses."""

from __future__ import annotations

import multiprocessing
import os
import tempfile
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import TypeVar

import pikepdf

from podium.fonts import FontRegistry
from podium.problems import AgendaError, Problem
from podium.renderers.badges.artist import Notes
from podium.renderers.badges.holders import Holder
from podium.renderers.badges.sheets import Job, draw_sheets, warm_fonts
from podium.text import Shaper

T = TypeVar("T")
R = TypeVar("R")

CHUNK_BADGES = 256
"""About this many badges per chunk (whole sheets): small enough to keep both cores busy
and memory low, large enough that repeated font subsets stay a small part of the file."""


def chunk_sheets(per_page: int) -> int:
    return max(1, CHUNK_BADGES // per_page)


def draw_chunked(job: Job, path: Path | str, chosen: list[Holder], codes: list[str | None],
                 fonts: FontRegistry, *, sheets: int, workers: int | None = None
                 ) -> tuple[int, list[Notes]]:
    """Draw `chosen` in chunks of `sheets` sheets with up to `workers` processes (default:
    the CPU count) and join them into `path`; return (pages, notes) as `draw_sheets`."""
    size = sheets * job.stock.per_page
    starts = range(0, len(chosen), size)
    workers = max(1, min(workers or os.cpu_count() or 1, len(starts)))
    out = Path(path)
    with tempfile.TemporaryDirectory(prefix=".badges-", dir=out.parent) as tmp:
        parts = [Path(tmp) / f"chunk-{i:05d}.pdf" for i in range(len(starts))]
        tasks = [(job, part, chosen[s:s + size], codes[s:s + size], fonts)
                 for part, s in zip(parts, starts, strict=True)]
        warm_fonts(fonts)
        results = list(_map(_draw_chunk, tasks, workers))
        problems = [r for r in results if isinstance(r, Problem)]
        if problems:
            raise AgendaError(problems[:1])
        pages = 0
        notes: list[Notes] = []
        for result in results:
            assert not isinstance(result, Problem)
            pages += result[0]
            notes += result[1]
        join(parts, out)
    return pages, notes


def _draw_chunk(task: tuple[Job, Path, list[Holder], list[str | None], FontRegistry]
                ) -> tuple[int, list[Notes]] | Problem:
    job, part, chosen, codes, fonts = task
    # A shaper per chunk: its cache lives as long as the chunk, so memory stays flat.
    return draw_sheets(job, part, chosen, codes, Shaper(fonts))


def _map(fn: Callable[[T], R], tasks: list[T], workers: int) -> Iterable[R]:
    """Results in task order; in worker processes when `workers` > 1 and fork exists (the
    workers inherit the fonts already loaded), else here."""
    if workers == 1 or "fork" not in multiprocessing.get_all_start_methods():
        return map(fn, tasks)
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
        return list(pool.map(fn, tasks))


def join(parts: list[Path], path: Path) -> None:
    """Concatenate the pages of `parts` into `path`, keeping the first part's document
    information (title, dates from the build epoch) and a content-derived file id."""
    with pikepdf.open(parts[0]) as whole:
        others = [pikepdf.open(p) for p in parts[1:]]
        try:
            for other in others:
                whole.pages.extend(other.pages)
            whole.save(path, deterministic_id=True, compress_streams=True,
                       object_stream_mode=pikepdf.ObjectStreamMode.generate)
        finally:
            for other in others:
                other.close()
