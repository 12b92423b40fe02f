"""Rendering stage: the programme booklet (programme.pdf) and its imposed print version.

agenda -> view (what to print) -> HTML + CSS (Jinja2 templates, user's first) -> WeasyPrint
-> programme.pdf -> pikepdf two-up in saddle-stitch order -> programme-imposed.pdf."""

from __future__ import annotations

from typing import TYPE_CHECKING

from podium.context import BuildContext
from podium.output import Written, atomic_write_bytes
from podium.renderers.booklet.html import source
from podium.renderers.booklet.view import booklet_view
from podium.resources import fonts_dir

if TYPE_CHECKING:
    from podium.renderers.booklet.pdf import Rendered

PROGRAMME = "programme.pdf"
IMPOSED = "programme-imposed.pdf"


def build_pdf(ctx: BuildContext) -> Rendered:
    """programme.pdf as bytes, with the record of every file WeasyPrint asked for."""
    # WeasyPrint takes 0.6 s to import: only builds that make a booklet pay for it.
    from podium.renderers.booklet.pdf import render_pdf

    agenda = ctx.programme.agenda
    settings = agenda.print_
    src = source(booklet_view(agenda), ctx.template_dirs, ctx.fonts, settings.paper)
    logo = [ctx.programme.base_dir / settings.logo] if settings.logo else []
    return render_pdf(src, folders=[*ctx.template_dirs, fonts_dir()], files=logo,
                      epoch=ctx.epoch, title=agenda.event.title)


def render(ctx: BuildContext) -> list[Written]:
    from podium.renderers.booklet.impose import impose

    agenda = ctx.programme.agenda
    rendered = build_pdf(ctx)
    imposed = impose(rendered.pdf, epoch=ctx.epoch, title=agenda.event.title,
                     paper=agenda.print_.paper,
                     crop_marks=agenda.print_.booklet_crop_marks)
    atomic_write_bytes(ctx.out(PROGRAMME), rendered.pdf)
    atomic_write_bytes(ctx.out(IMPOSED), imposed)
    sheets = -(-rendered.pages // 4) * 2
    return [Written(ctx.out(PROGRAMME), rendered.pages), Written(ctx.out(IMPOSED), sheets)]
