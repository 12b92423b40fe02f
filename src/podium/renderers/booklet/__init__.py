"""Rendering stage: the programme booklet (programme.pdf) and its imposed print version.

agenda -> view (what to print) -> HTML + CSS (Jinja2 templates, user's first) -> WeasyPrint
-> programme.pdf -> pikepdf two-up in saddle-stitch order -> programme-imposed.pdf."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from podium.context import BuildContext
from podium.output import Written, atomic_write_bytes
from podium.renderers.booklet.flow import MAX_PASSES, with_continued_lists
from podium.renderers.booklet.html import Source, source
from podium.renderers.booklet.view import BookletView, booklet_view, index_pages
from podium.resources import fonts_dir

if TYPE_CHECKING:
    from podium.renderers.booklet.pdf import Rendered

PROGRAMME = "programme.pdf"
IMPOSED = "programme-imposed.pdf"


CMYK_CSS = ":root { --ink: #000000; --muted: #5f5f5f; --rule: #bdbdbd; }\n"
"""`print.colour: cmyk`: body text solid black ink, secondary text and rules tints of black
alone (the default stylesheet's near-black and blue-greys would print in four inks, and
small type screened in four inks blurs when the plates are a hair out of register)."""


def _inks(src: Source, colour: str) -> Source:
    if colour != "cmyk":
        return src
    return dataclasses.replace(src, stylesheets=[*src.stylesheets, (CMYK_CSS, None)])


def build_pdf(ctx: BuildContext) -> Rendered:
    """programme.pdf as bytes, with the record of every file WeasyPrint asked for."""
    # WeasyPrint takes 0.6 s to import: only builds that make a booklet pay for it.
    from podium.renderers.booklet.pdf import AnchorPages, Reuse, render_in_parts, render_pdf

    agenda = ctx.programme.agenda
    settings = agenda.print_
    # The logo as read and checked at load (PNG, JPEG or SVG: WeasyPrint draws each).
    logo = ctx.programme.logo
    view = booklet_view(agenda, logo.path.resolve().as_uri() if logo else None)
    folders, held = [*ctx.template_dirs, fonts_dir()], {logo.path: logo.data} if logo else {}
    reuse = ctx.kept.setdefault("booklet", Reuse())
    if not view.compact:
        def full(v: BookletView) -> Source:
            return _inks(source(v, ctx.template_dirs, ctx.fonts, settings.paper,
                                settings.booklet_bleed_mm), settings.colour)

        def revise(anchors: AnchorPages) -> Source | None:
            nonlocal view
            cut = with_continued_lists(view, anchors)
            if cut is None:
                return None
            view = cut
            return full(view)

        return render_pdf(full(view), folders=folders, held=held, epoch=ctx.epoch,
                          title=agenda.event.title, revise=revise, passes=MAX_PASSES,
                          reuse=reuse)

    def tail(anchors: AnchorPages, first_page: int) -> Source:
        return _inks(source(view, ctx.template_dirs, ctx.fonts, settings.paper,
                            settings.booklet_bleed_mm, part="tail",
                            index_pages=index_pages(anchors), first_page=first_page),
                     settings.colour)

    body = _inks(source(view, ctx.template_dirs, ctx.fonts, settings.paper,
                        settings.booklet_bleed_mm, part="body"), settings.colour)
    return render_in_parts(body, tail, folders=folders, held=held, epoch=ctx.epoch,
                           title=agenda.event.title, reuse=reuse)


def render(ctx: BuildContext) -> list[Written]:
    from podium.renderers.booklet.impose import crop_to_trim, impose

    agenda = ctx.programme.agenda
    rendered = build_pdf(ctx)
    imposed = impose(rendered.pdf, epoch=ctx.epoch, title=agenda.event.title,
                     sheet=agenda.print_.booklet_sheet, us=agenda.print_.paper == "Letter",
                     crop_marks=agenda.print_.booklet_crop_marks)
    pages = crop_to_trim(rendered.pdf) if agenda.print_.booklet_bleed_mm else rendered.pdf
    atomic_write_bytes(ctx.out(PROGRAMME), pages)
    atomic_write_bytes(ctx.out(IMPOSED), imposed)
    sheets = -(-rendered.pages // 4) * 2
    return [Written(ctx.out(PROGRAMME), rendered.pages), Written(ctx.out(IMPOSED), sheets)]
