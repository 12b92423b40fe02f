"""Drawing stage: many badges in chunks of sheets, drawn by worker processes, then joined.

ReportLab keeps every page of a canvas in memory until it saves, so one canvas for 10,000
badges grows with the count. Here the sheets are cut into chunks of a fixed number of sheets
(never depending on the number of processes), each chunk is drawn into its own PDF by a
worker (on the available cores), and the main process joins each chunk into one file page by page as
soon as it is drawn (`podium.pdf.Join`): memory stays that of one chunk per worker, and the
bytes are the same however many processes drew them. Each chunk embeds its own subsets of the fonts
it uses."""

from __future__ import annotations

import dataclasses
import gc
import multiprocessing
import tempfile
import traceback
from collections.abc import Generator
from multiprocessing.connection import Connection
from pathlib import Path

from podium.parallel import available_cores
from podium.pdf import Join, PdfFonts
from podium.problems import AgendaError, Problem
from podium.renderers.badges.holders import Holder
from podium.renderers.badges.parts import Notes, Plan
from podium.renderers.badges.scale import Lowest, combine
from podium.renderers.badges.sheets import Job, draw_sheets, make_artist, warm_fonts
from podium.text import FitError, MissingGlyphs, Shaper

Chunk = tuple[Path, list[Holder], list[str | None]]
"""A chunk's PDF file, holders and QR contents."""
Result = tuple[int, list[Notes]] | Problem


class ScaleFailed(Exception):
    """A worker's badges could not be measured for the type scale (a text that fits at no
    size, a character no bundled font has): the message says which."""

CHUNK_BADGES = (256, 1024)
"""Fewest and most badges per chunk (whole sheets); between them, a quarter of the build.
Each chunk embeds its own font subsets and is joined on its own, so larger chunks cost
less in all (measured: 10,000 badges in chunks of 256 took 15% more CPU than in chunks of
1,024); smaller ones keep both cores busy to the end of small builds and memory low."""


def chunk_sheets(per_page: int, badges: int) -> int:
    """Sheets per chunk for `badges` badges: depends on the build, never on the machine,
    so the same input gives the same bytes everywhere."""
    low, high = CHUNK_BADGES
    return max(1, min(high, max(low, -(-badges // 4))) // per_page)


def draw_chunked(job: Job, path: Path | str, chosen: list[Holder], codes: list[str | None],
                 shaper: Shaper, *, sheets: int, workers: int | None = None
                 ) -> tuple[int, list[Notes], Plan]:
    """Draw `chosen` in chunks of `sheets` sheets with up to `workers` processes (default:
    the available cores) and join them into `path`; return (pages, notes) as `draw_sheets`,
    and the plan every badge was set with. Without the job's plan, each worker measures its
    own badges first and the parent combines their least sizes into the build's type scale
    (the same as one pass over every badge: the least of the parts' least sizes), so no
    serial pass over every holder comes before the drawing."""
    size = sheets * job.stock.per_page
    out = Path(path)
    with tempfile.TemporaryDirectory(prefix=".badges-", dir=out.parent) as tmp:
        chunks = [(Path(tmp) / f"chunk-{i:05d}.pdf", chosen[s:s + size], codes[s:s + size])
                  for i, s in enumerate(range(0, len(chosen), size))]
        workers = max(1, min(workers or available_cores(), len(chunks)))
        # Only what every badge prints (the main faces, the event title's) is loaded before
        # the workers start: no pass over every holder's texts holds them back, and each
        # worker loads the fallback faces its own names need as it meets them.
        warm_fonts(shaper.fonts, [job.agenda.event.title])
        pages = 0
        notes: list[Notes] = []
        results = _results(job, chunks, codes, shaper, workers)
        try:
            plan = job.plan
            if plan is None:
                first = next(results)
                assert isinstance(first, Plan)
                plan = first
            with out.open("wb") as stream:
                joined = Join(stream)
                # Each chunk is joined as soon as it is drawn, while the workers draw the
                # next ones: the join is not left to run alone at the end.
                for (part, _, _), result in zip(chunks, results, strict=True):
                    assert not isinstance(result, Plan)
                    if isinstance(result, Problem):
                        raise AgendaError([result])
                    pages += result[0]
                    notes += result[1]
                    joined.add(part)
                    part.unlink()
                joined.finish()
        except BaseException:
            out.unlink(missing_ok=True)
            raise
        finally:
            results.close()
    return pages, notes, plan


def _results(job: Job, chunks: list[Chunk], codes: list[str | None], shaper: Shaper,
             workers: int) -> Generator[Plan | Result, None, None]:
    """The build's plan first when the job has none, then the chunks' results in chunk
    order, as each is drawn, up to the first problem. Worker k measures, then draws, chunks
    k, k + workers, ... in a forked process that inherits the loaded fonts and the shaper
    (with its cache) and keeps both from chunk to chunk; without fork, all is done here.
    Closing the iterator stops the workers."""
    if workers == 1 or "fork" not in multiprocessing.get_all_start_methods():
        if job.plan is None:
            plan = plan_of(job, shaper, [h for c in chunks for h in c[1]], codes)
            job = dataclasses.replace(job, plan=plan)
            yield plan
        for part, chosen, some in chunks:
            yield draw_sheets(job, part, chosen, some, shaper)
        return
    side = None if job.plan is not None else make_artist(job, shaper, PdfFonts()).qr_plan_side(codes)
    context = multiprocessing.get_context("fork")
    pipes = []
    processes = []
    # Objects made so far (fonts, shaping tables: large) are left out of garbage collection
    # while the workers run: collecting them in a worker would write to every page that
    # holds them, copying pages shared with this process, and walk them again and again.
    # A caller that froze objects itself keeps them frozen.
    thaw = gc.get_freeze_count() == 0
    gc.freeze()
    try:
        for k in range(workers):
            mine, its = context.Pipe(duplex=True)
            process = context.Process(target=_worker, args=(its, job, chunks[k::workers],
                                                            shaper, side), daemon=True)
            process.start()
            its.close()
            pipes.append(mine)
            processes.append(process)
        if side is not None:
            parts = [_received(pipe) for pipe in pipes]
            for got in parts:
                if isinstance(got, ScaleFailed):
                    raise got
            fields = make_artist(job, shaper, PdfFonts()).fields()
            plan = Plan(combine(fields, [p for p in parts if isinstance(p, dict)]), side)
            for pipe in pipes:
                pipe.send(plan)
            yield plan
        for i in range(len(chunks)):
            got = _received(pipes[i % workers])
            assert not isinstance(got, dict | ScaleFailed)
            yield got
            if isinstance(got, Problem):
                return
    finally:
        for process in processes:
            if process.is_alive():
                process.terminate()     # stopped early: it may be drawing or sending
            process.join()
        if thaw:
            gc.unfreeze()


def _received(pipe: Connection) -> Result | Lowest | ScaleFailed:
    try:
        got: Result | Lowest | ScaleFailed | str = pipe.recv()
    except EOFError:
        raise RuntimeError("a badge drawing process ended without a result") from None
    if isinstance(got, str):
        raise RuntimeError(f"a badge drawing process failed:\n{got}")
    return got


def plan_of(job: Job, shaper: Shaper, chosen: list[Holder], codes: list[str | None]) -> Plan:
    """The build's plan from `chosen` in one pass (fewer badges than are drawn in chunks)."""
    try:
        return make_artist(job, shaper, PdfFonts()).plan(chosen, codes)
    except (FitError, MissingGlyphs) as exc:
        raise ScaleFailed(str(exc)) from None


def _worker(pipe: Connection, job: Job, chunks: list[Chunk], shaper: Shaper,
            side: float | None) -> None:
    """Measure this worker's badges and wait for the build's plan (when `side` is given),
    then send the result of each of its chunks as it is drawn (stopping after a problem),
    or the traceback of what went wrong."""
    try:
        if side is not None:
            try:
                mine = [h for _, chosen, _ in chunks for h in chosen]
                pipe.send(make_artist(job, shaper, PdfFonts()).measure(mine, side))
            except (FitError, MissingGlyphs) as exc:
                pipe.send(ScaleFailed(str(exc)))
                return
            job = dataclasses.replace(job, plan=pipe.recv())
        for part, chosen, codes in chunks:
            result = draw_sheets(job, part, chosen, codes, shaper)
            pipe.send(result)
            if isinstance(result, Problem):
                break
    except BaseException:
        pipe.send(traceback.format_exc())
    pipe.close()
