"""Rendering stage: reprint/tents.pdf, only the seating plans and table tents whose content
changed since the print run, drawn by the table tents' own code."""

from __future__ import annotations

from podium.changes.compare import Comparison
from podium.changes.pieces import TENTS
from podium.context import BuildContext
from podium.output import Written
from podium.pdf import new_canvas
from podium.present import locale_of
from podium.renderers.reprint.rows import some_of
from podium.renderers.tents import draw_tents, panels
from podium.renderers.tents.kit import FAMILY, Kit
from podium.report import plural
from podium.text import Shaper


def reprint_tents(ctx: BuildContext, found: Comparison) -> list[Written]:
    keys = found.changed_keys(TENTS)
    if not keys:
        return []
    programme = ctx.programme
    agenda = programme.agenda
    locale = locale_of(agenda)
    kit = Kit.of(agenda, agenda.print_.tent_paper, Shaper(ctx.fonts), locale)
    path = ctx.out(f"reprint/{TENTS}")
    path.parent.mkdir(exist_ok=True)
    canvas = new_canvas(str(path), (kit.width, kit.height), kit.fonts, ctx.fonts.face(FAMILY),
                        epoch=ctx.epoch, title=f"{agenda.event.title}: "
                        f"{locale.label('table_tents')} ({locale.label('reprint')})")
    pages, _, _ = draw_tents(programme, kit, canvas, panels(programme), only=keys)
    canvas.save()
    labels = [p.label for p in found.changed if p.output == TENTS]
    return [Written(path, pages, report=f"reprint: {plural(pages, 'page')} of table tents "
                                        f"and seating plans ({some_of(labels)})")]
