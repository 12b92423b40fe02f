"""Rendering stage: door signs (door-signs.pdf), one landscape sign per session or per room and
day, set with the shared text engine (podium.text) and drawn with ReportLab."""

from __future__ import annotations

from reportlab.pdfgen.canvas import Canvas

from podium.context import BuildContext
from podium.fonts import FontRegistry
from podium.load import Programme
from podium.output import Written
from podium.pdf import PdfFonts, new_canvas
from podium.present import locale_of
from podium.problems import AgendaError, Problem
from podium.renderers.signs.kit import FAMILY, Kit, Page, TextTooLong
from podium.renderers.signs.plan import choose_mode, room_day_signs, session_signs
from podium.renderers.signs.roomday import draw_room_day
from podium.renderers.signs.session import draw_session
from podium.text import FitError, MissingGlyphs, Shaper
from podium.yamlsource import Path_

OUTPUT = "door-signs.pdf"


def render(ctx: BuildContext) -> list[Written]:
    """Write door-signs.pdf."""
    agenda = ctx.programme.agenda
    kit = make_kit(ctx.programme, ctx.fonts)
    path = ctx.out(OUTPUT)
    canvas = new_canvas(str(path), (kit.page.width, kit.page.height), kit.fonts,
                        ctx.fonts.face(FAMILY), epoch=ctx.epoch,
                        title=f"{agenda.event.title}: {kit.locale.label('door_signs')}",
                        lang=agenda.event.text_language)
    pages = draw_signs(ctx.programme, kit, canvas)
    canvas.save()
    return [Written(path, pages)]


def make_kit(programme: Programme, fonts: FontRegistry, shaper: Shaper | None = None) -> Kit:
    agenda = programme.agenda
    # The logo was checked and decoded at load; an SVG one prints on the booklet only.
    logo = programme.logo.reader() if programme.logo and programme.logo.raster else None
    return Kit(Page.of(agenda.print_.sign_paper), shaper or Shaper(fonts), PdfFonts(),
               locale_of(agenda), agenda, logo)


def draw_signs(programme: Programme, kit: Kit, canvas: Canvas) -> int:
    """Draw every sign of the programme on `canvas`; return the number of pages."""
    agenda = programme.agenda
    place = {id(it): (d, i) for d, day in enumerate(agenda.days) for i, it in enumerate(day.items)}
    pages = 0
    try:
        if choose_mode(agenda) == "session":
            for sign in session_signs(agenda):
                current = sign.item
                draw_session(kit, canvas, sign)
                canvas.showPage()
                pages += 1
            return pages
        for rd in room_day_signs(agenda):
            current = rd.items[0]
            pages += draw_room_day(kit, canvas, rd)
    except TextTooLong as exc:
        raise _item_error(programme, place[id(exc.item)], str(exc)) from None
    except (FitError, MissingGlyphs) as exc:
        raise _item_error(programme, place[id(current)], f"a text does not fit: {exc}") from None
    return pages


def _item_error(programme: Programme, where: tuple[int, int], message: str) -> AgendaError:
    d, i = where
    item = programme.agenda.days[d].items[i]
    name = f"door sign of '{item.anchor}' ({item.title})"
    return AgendaError([_problem(programme, ("days", d, "items", i, "title"),
                                 f"{name}: {message}")])


def _problem(programme: Programme, path: Path_, message: str) -> Problem:
    return programme.problem(path, message)
