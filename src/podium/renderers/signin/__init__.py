"""Rendering stage: sign-in sheets (signin.pdf), per programme day or per session
(`print.signin_by`), each listing the people expected by family name, with blank rows for
walk-ins (`print.signin_blank_rows`), drawn with ReportLab through podium.pdf.

Expected are the programme people at the day's (or session's) items in person, and every
attendee of the CSV who does not take part by video link."""

from __future__ import annotations

from podium.attendance import expected, panel_items, participants
from podium.context import BuildContext
from podium.load import Programme
from podium.output import Written
from podium.pdf import new_canvas
from podium.present import item_heading, item_when, locale_of
from podium.problems import AgendaError
from podium.renderers.signin.sheet import FAMILY, NameTooLong, Sheet, Tools, draw_sheet
from podium.text import FitError, Fitter, Shaper

OUTPUT = "signin.pdf"


def sheets(programme: Programme, tools: Tools) -> list[Sheet]:
    """The sheets in print order."""
    agenda, locale = programme.agenda, tools.locale
    label = locale.label("sign_in_sheet")
    everyone = participants(programme)
    if agenda.print_.signin_by == "day":
        return [Sheet(f"{label} · {locale.long_date(day.date)}",
                      agenda.event.venue or agenda.event.city or "",
                      expected(programme, day.items, everyone)) for day in agenda.days]
    out = []
    for d, i, _, item in panel_items(programme):
        room = agenda.room(item.room)
        when = " · ".join(v for v in (locale.long_date(item.date), item_when(item, locale),
                                      room.name if room else None) if v)
        out.append(Sheet(f"{label} · {item_heading(item, locale)}", when,
                         expected(programme, [item], everyone), ("days", d, "items", i, "title")))
    return out


def render(ctx: BuildContext) -> list[Written]:
    """Write signin.pdf."""
    programme = ctx.programme
    agenda = programme.agenda
    locale = locale_of(agenda)
    tools = Tools.of(agenda.print_.signin_paper, Fitter(Shaper(ctx.fonts), FAMILY), locale,
                     agenda)
    chosen = sheets(programme, tools)
    if not chosen:
        return []
    path = ctx.out(OUTPUT)
    canvas = new_canvas(str(path), (tools.width, tools.height), tools.fonts,
                        ctx.fonts.face(FAMILY), epoch=ctx.epoch,
                        title=f"{agenda.event.title}: {locale.label('sign_in_sheets')}")
    pages = 0
    try:
        for sheet in chosen:
            try:
                pages += draw_sheet(canvas, tools, sheet, agenda.print_.signin_blank_rows)
            except FitError as exc:
                raise AgendaError([programme.problem(
                    sheet.source, f"sign-in sheet: the heading does not fit: {exc}")]) from None
    except NameTooLong as exc:
        who = exc.participant
        raise AgendaError([who.problem(f"sign-in sheet, {who.name}: {exc}")]) from None
    canvas.save()
    people = sum(len(s.people) for s in chosen)
    return [Written(path, pages, report=f"{len(chosen)} sign-in sheet{'s' * (len(chosen) != 1)}, "
                                               f"{people} name{'s' * (people != 1)}")]
