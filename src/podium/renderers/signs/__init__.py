"""Rendering stage: door signs (door-signs.pdf), one landscape sign per session or per room and
day, set with the shared text engine (podium.text) and drawn with ReportLab."""

from __future__ import annotations

import contextlib
from collections.abc import Collection

from reportlab.pdfgen.canvas import Canvas

from podium.context import BuildContext
from podium.fonts import FontRegistry
from podium.load import Programme
from podium.output import Written
from podium.pdf import PdfFonts, forget_page, new_canvas, scratch_canvas
from podium.present import locale_of
from podium.problems import AgendaError, Problem
from podium.renderers.signs.kit import FAMILY, Kit, Page, TextTooLong
from podium.renderers.signs.plan import (
    RoomDaySign,
    SessionSign,
    choose_mode,
    room_day_signs,
    session_signs,
)
from podium.renderers.signs.roomday import draw_room_day
from podium.renderers.signs.scale import scale_report
from podium.renderers.signs.session import draw_session, plan_scale
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
    notes: list[str] = []
    pages = draw_signs(ctx.programme, kit, canvas, notes)
    canvas.save()
    return [Written(path, pages, report="\n".join(notes) or None)]


def make_kit(programme: Programme, fonts: FontRegistry, shaper: Shaper | None = None) -> Kit:
    agenda = programme.agenda
    # The logo was checked and decoded at load; an SVG one prints on the booklet only.
    logo = programme.logo.reader() if programme.logo and programme.logo.raster else None
    return Kit(Page.of(agenda.print_.sign_paper), shaper or Shaper(fonts), PdfFonts(),
               locale_of(agenda), agenda, logo)


def sign_key(sign: SessionSign | RoomDaySign) -> str:
    """The sign's key in the printed record (podium.changes.pieces): 'sign:ANCHOR', or
    'sign:ROOM:DATE' for a room's day ('-' for no room)."""
    if isinstance(sign, SessionSign):
        return f"sign:{sign.item.anchor}"
    return f"sign:{sign.room.id if sign.room else '-'}:{sign.day.date}"


def draw_signs(programme: Programme, kit: Kit, canvas: Canvas,
               report: list[str] | None = None, only: Collection[str] | None = None) -> int:
    """Draw every sign of the programme on `canvas`; return the number of pages. Lines
    for the build report (the type scale, and what is set smaller) go into `report`.
    With `only` (sign keys, see `sign_key`), draw just those signs, at the type scale of
    the whole build, so that a reprinted sign looks exactly like the one it replaces."""
    agenda = programme.agenda
    place = {id(it): (d, i) for d, day in enumerate(agenda.days) for i, it in enumerate(day.items)}
    pages = 0
    current = agenda.days[0].items[0] if agenda.days and agenda.days[0].items else None
    try:
        if choose_mode(agenda) == "session":
            signs = session_signs(agenda)
            scale = plan_scale(kit, signs)
            notes = []
            for sign in signs:
                if only is not None and sign_key(sign) not in only:
                    continue
                current = sign.item
                notes.append(draw_session(kit, canvas, sign, scale))
                canvas.showPage()
                pages += 1
            if report is not None and signs and only is None:
                report += scale_report(kit, scale, signs, notes)
            return pages
        lists = room_day_signs(agenda)
        cap = _list_title_size(kit, lists)
        for rd in lists:
            if only is not None and sign_key(rd) not in only:
                continue
            current = rd.items[0]
            pages += draw_room_day(kit, canvas, rd, cap)
        if report is not None and cap is not None:
            report.append(f"door signs: room lists' titles {cap:g} pt")
    except TextTooLong as exc:
        raise _item_error(programme, place[id(exc.item)], str(exc)) from None
    except (FitError, MissingGlyphs) as exc:
        if current is None:
            raise
        raise _item_error(programme, place[id(current)], f"a text does not fit: {exc}") from None
    return pages


def _list_title_size(kit: Kit, lists: list[RoomDaySign]) -> float | None:
    """One title size for every room list of the build: the smallest that a list chooses
    alone (each already at least the lists' smallest size, so every list fits at it),
    measured on a canvas never written."""
    scratch = scratch_canvas((kit.page.width, kit.page.height), kit.fonts,
                             kit.shaper.fonts.face(FAMILY))
    sizes: list[float] = []
    for rd in lists:
        # A list that cannot be drawn stops the drawing pass, which names its item.
        with contextlib.suppress(FitError, MissingGlyphs, TextTooLong):
            draw_room_day(kit, scratch, rd, sizes=sizes)
        forget_page(scratch)
    return min(sizes, default=None)


def _item_error(programme: Programme, where: tuple[int, int], message: str) -> AgendaError:
    d, i = where
    item = programme.agenda.days[d].items[i]
    name = f"door sign of '{item.anchor}' ({item.title})"
    return AgendaError([_problem(programme, ("days", d, "items", i, "title"),
                                 f"{name}: {message}")])


def _problem(programme: Programme, path: Path_, message: str) -> Problem:
    return programme.problem(path, message)
