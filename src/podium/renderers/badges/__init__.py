"""Rendering stage: name badges — every in-person participant on sheets of a stock, one PDF.

The stages, in order:
1. choose the holders (in-person programme people, attendees CSV; `--people` for reprints);
2. resolve each holder's QR content from `print.badge_qr`;
3. draw the sheets page by page (fronts, and mirrored backs when double-sided), streaming;
4. return the file with a preflight report (categories, shrunk and wrapped names, fallback
   fonts), which the CLI prints.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from pathlib import Path

from podium.context import BuildContext
from podium.load import Programme
from podium.output import Written
from podium.printopts import PrintSettings
from podium.problems import AgendaError, Problem
from podium.renderers.badges.chunks import ScaleFailed, chunk_sheets, draw_chunked, plan_of
from podium.renderers.badges.holders import Holder, holders
from podium.renderers.badges.parts import Notes
from podium.renderers.badges.scale import FIELDS
from podium.renderers.badges.sheets import Job, draw_sheets
from podium.renderers.badges.stocks import Stock, stock_named
from podium.text import Shaper

PARALLEL_ABOVE = 400
"""Builds with more badges than this draw their sheets in chunks on all cores (`chunks`)."""


def render(ctx: BuildContext) -> list[Written]:
    """Write badges.pdf for every badge holder (or those named in ctx.options.people)."""
    programme = ctx.programme
    settings = programme.agenda.print_
    stock = _stock(programme, settings)
    chosen = holders(programme, settings, ctx.options.people)          # 1
    if not chosen:
        return []
    codes = [qr_content(programme, settings, h) for h in chosen]              # 2
    path = ctx.out("badges.pdf")
    shaper = Shaper(ctx.fonts)
    pages, notes, scale = write_badges(path, programme, chosen, codes, stock, shaper,  # 3
                                       ctx.epoch)
    return [Written(path, pages, report=preflight(chosen, notes, stock, pages, scale))]  # 4


def _problem(programme: Programme, key: str, message: str) -> AgendaError:
    return AgendaError([programme.problem(tuple(key.split(".")), message)])


def _stock(programme: Programme, settings: PrintSettings) -> Stock:
    try:
        return stock_named(settings.badge_stock)
    except KeyError as exc:
        raise _problem(programme, "print.badge_stock", str(exc.args[0])) from None


def qr_content(programme: Programme, settings: PrintSettings, holder: Holder) -> str | None:
    """What the holder's QR code says, from `print.badge_qr` (by category) or the default."""
    agenda = programme.agenda
    mode = settings.badge_qr.get(holder.category, settings.badge_qr_default).strip()
    if mode == "none":
        return None
    if mode == "agenda":
        return agenda.event.url
    if mode == "person":
        # Only people in the programme have an entry; delegates never appear in it.
        if holder.person is not None and agenda.appearances(holder.person.id):
            return agenda.url_for_person(holder.person)
        return agenda.event.url
    if mode.startswith("column:"):
        column = mode.removeprefix("column:").strip().lower()
        if holder.person is not None:
            return agenda.event.url
        value = holder.extra.get(column)
        if not value:
            raise AgendaError([holder.problem(f"{holder.label} has no '{column}' for the QR "
                                              f"code (print.badge_qr says column:{column})",
                                              key=column)])
        return value
    raise _problem(programme, "print.badge_qr",
                   f"'{mode}' is not a QR content; use agenda, person, column:NAME or none")


def _logo(programme: Programme) -> Path | None:
    """The raster logo checked and decoded at load (an SVG one prints on the booklet only).
    ReportLab embeds it by file name once per document and reuses it on every badge."""
    logo = programme.logo
    return logo.path if logo is not None and logo.raster is not None else None


def write_badges(path: Path | str, programme: Programme, chosen: list[Holder],
                 codes: list[str | None], stock: Stock, shaper: Shaper, epoch: int, *,
                 workers: int | None = None, parallel_above: int = PARALLEL_ABOVE,
                 scale_of: tuple[list[Holder], list[str | None]] | None = None,
                 skip: int = 0) -> tuple[int, list[Notes], str]:
    """Draw every badge onto sheets of `stock`; return (pages, notes, the type scale as
    text). Above
    `parallel_above` badges the sheets are drawn in chunks by up to `workers` processes
    (default: the available cores) and joined; the bytes do not depend on `workers`.
    Reprints: `scale_of` (holders and their codes) gives the type scale instead of
    `chosen`, the badges' of the full badges.pdf; the first `skip` slots stay empty."""
    job = Job(programme.agenda, stock, _logo(programme), epoch)
    # One type scale for the whole build, worked out before any badge is drawn, from every
    # badge's texts: in chunks, each worker measures its own badges first.
    try:
        if len(chosen) > parallel_above and not skip:
            if scale_of is not None:
                job = dataclasses.replace(job, plan=plan_of(job, shaper, *scale_of))
            pages, notes, plan = draw_chunked(job, path, chosen, codes, shaper,
                                              sheets=chunk_sheets(stock.per_page, len(chosen)),
                                              workers=workers)
            return pages, notes, plan.scale.describe()
        job = dataclasses.replace(job, plan=plan_of(job, shaper, *(scale_of or (chosen, codes))))
    except ScaleFailed as exc:
        raise AgendaError([programme.problem(("print", "badge_stock"), str(exc))]) from None
    assert job.plan is not None
    plan = job.plan
    result = draw_sheets(job, path, chosen, codes, shaper, skip)
    if isinstance(result, Problem):
        raise AgendaError([result])
    return result[0], result[1], plan.scale.describe()


def preflight(chosen: list[Holder], notes: list[Notes], stock: Stock, pages: int,
              scale: str = "") -> str:
    """A short text for the person printing: counts, the type scale, the badges whose
    field is set smaller than the scale, wrapped names, fonts."""
    counts = Counter(h.category for h in chosen)
    per_cat = ", ".join(f"{cat} {n}" for cat, n in sorted(counts.items()))
    lines = [f"badges: {len(chosen)} ({per_cat}) on {pages} page{'s' * (pages != 1)} "
             f"of {stock.name}"]
    if scale:
        lines.append(f"  type scale: {scale}")
    pairs = list(zip(chosen, notes, strict=True))
    for field in FIELDS:
        smaller = [f"{h.name} {n.smaller[field]:g} pt" for h, n in pairs if field in n.smaller]
        if smaller:
            lines.append(f"  {field} smaller than the scale, to fit: {'; '.join(smaller)}")
    wrapped = [f"{h.name} {n.name_size:g} pt" for h, n in pairs if n.wrapped]
    if wrapped:
        lines.append(f"  names wrapped on two lines: {'; '.join(wrapped)}")
    fallback: Counter[str] = Counter()
    for n in notes:
        fallback.update(n.fallback)
    if fallback:
        used = ", ".join(f"{fam} ({n})" for fam, n in sorted(fallback.items()))
        lines.append(f"  fallback fonts (badges): {used}")
    return "\n".join(lines)

