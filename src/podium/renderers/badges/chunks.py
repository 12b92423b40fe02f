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
from podium.renderers.badges.parts import Notes
from podium.renderers.badges.sheets import Job, draw_sheets, make_artist, warm_fonts
from podium.text import Shaper

Chunk = tuple[Path, list[Holder], list[str | None]]
"""A chunk's PDF file, holders and QR contents."""
Result = tuple[int, list[Notes]] | Problem

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
                 ) -> tuple[int, list[Notes]]:
    """Draw `chosen` in chunks of `sheets` sheets with up to `workers` processes (default:
    the available cores) and join them into `path`; return (pages, notes) as `draw_sheets`."""
    size = sheets * job.stock.per_page
    out = Path(path)
    if job.plan is None:
        # Every chunk sets its badges with the whole build's type scale.
        job = dataclasses.replace(job, plan=make_artist(job, shaper, PdfFonts()).plan(chosen,
                                                                                     codes))
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
        results = _results(job, chunks, shaper, workers)
        try:
            with out.open("wb") as stream:
                joined = Join(stream)
                # Each chunk is joined as soon as it is drawn, while the workers draw the
                # next ones: the join is not left to run alone at the end.
                for (part, _, _), result in zip(chunks, results, strict=True):
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
    return pages, notes


def _results(job: Job, chunks: list[Chunk], shaper: Shaper, workers: int
             ) -> Generator[Result, None, None]:
    """The chunks' results in chunk order, as each is drawn, up to the first problem.
    Worker k draws chunks k, k + workers, ... in a forked process that inherits the loaded
    fonts and the shaper (with its cache) and keeps both from chunk to chunk; without
    fork, all are drawn here. Closing the iterator stops the workers."""
    if workers == 1 or "fork" not in multiprocessing.get_all_start_methods():
        for part, chosen, codes in chunks:
            yield draw_sheets(job, part, chosen, codes, shaper)
        return
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
            receive, send = context.Pipe(duplex=False)
            process = context.Process(target=_worker, args=(send, job, chunks[k::workers],
                                                            shaper), daemon=True)
            process.start()
            send.close()
            pipes.append(receive)
            processes.append(process)
        for i in range(len(chunks)):
            try:
                got: Result | str = pipes[i % workers].recv()
            except EOFError:
                raise RuntimeError("a badge drawing process ended without a result") from None
            if isinstance(got, str):
                raise RuntimeError(f"a badge drawing process failed:\n{got}")
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


def _worker(send: Connection, job: Job, chunks: list[Chunk], shaper: Shaper) -> None:
    """Send the result of each of this worker's chunks as it is drawn (stopping after a
    problem), or the traceback of what went wrong."""
    try:
        for part, chosen, codes in chunks:
            result = draw_sheets(job, part, chosen, codes, shaper)
            send.send(result)
            if isinstance(result, Problem):
                break
    except BaseException:
        send.send(traceback.format_exc())
    send.close()
