"""Rendering stage: what to print again since the print run (build/reprint/), from the
programme's comparison with its newest printed record (podium.changes):

- door-signs.pdf: only the signs whose content changed, drawn by the door signs' own code at
  the type scale of the whole build, so that each looks exactly like its neighbours;
- badges.pdf: only new or changed badges, front and back as badges.pdf prints them, from the
  first slot of a fresh sheet or from `--start-slot N` of a partly used one;
- tents.pdf: only the changed seating plans and table tents;
- changes.pdf: the A4 change sheet for the information desk and room staff, then the errata
  slip for booklets already printed (on A6, or A5 when it needs more room).

Nothing is written without a record, or when nothing changed; `podium build --only` picks
this renderer like any other (`reprint`), and the folder follows each build that runs it:
a build that finds nothing changed leaves no reprint/ behind (`FOLDER`, pipeline.py)."""

from __future__ import annotations

from podium.changes import comparison
from podium.changes.compare import Comparison
from podium.changes.pieces import BADGES, SIGNS
from podium.context import BuildContext
from podium.load import Programme
from podium.output import Written
from podium.pdf import PdfFonts, new_canvas
from podium.present import locale_of
from podium.problems import AgendaError
from podium.renderers.badges import _stock, qr_content, write_badges
from podium.renderers.badges.holders import holders
from podium.renderers.reprint.paper import FAMILY, Tools
from podium.renderers.reprint.rows import changes_url, page_numbers, print_run, rows, some_of
from podium.renderers.reprint.sheet import PAGE, draw_sheet
from podium.renderers.reprint.slip import Entry, draw_slip
from podium.renderers.reprint.tents import reprint_tents
from podium.renderers.signs import draw_signs, make_kit
from podium.report import plural
from podium.text import FitError, Fitter, MissingGlyphs, Shaper

FOLDER = "reprint"


def render(ctx: BuildContext) -> list[Written]:
    """Write reprint/door-signs.pdf, badges.pdf, tents.pdf and changes.pdf, each only when
    it has something to hold."""
    found = comparison(ctx.programme)
    if found is None or not found.any:
        return []
    return [*signs(ctx, found), *badges(ctx, found), *reprint_tents(ctx, found),
            *changes(ctx, found)]


def _title(programme: Programme, what: str) -> str:
    locale = locale_of(programme.agenda)
    return f"{programme.agenda.event.title}: {what} ({locale.label('reprint')})"


def signs(ctx: BuildContext, found: Comparison) -> list[Written]:
    keys = found.changed_keys(SIGNS)
    if not keys:
        return []
    programme = ctx.programme
    kit = make_kit(programme, ctx.fonts)
    path = ctx.out(f"{FOLDER}/{SIGNS}")
    path.parent.mkdir(exist_ok=True)
    canvas = new_canvas(str(path), (kit.page.width, kit.page.height), kit.fonts,
                        ctx.fonts.face("Noto Sans"), epoch=ctx.epoch,
                        title=_title(programme, kit.locale.label("door_signs")),
                        lang=programme.agenda.event.text_language)
    pages = draw_signs(programme, kit, canvas, only=keys)
    canvas.save()
    labels = [p.label.removeprefix("door sign: ") for p in found.changed if p.output == SIGNS]
    return [Written(path, pages, report=f"reprint: {plural(len(keys), 'door sign')} "
                                        f"({some_of(labels)})")]


def badges(ctx: BuildContext, found: Comparison) -> list[Written]:
    keys = found.changed_keys(BADGES)
    if not keys:
        return []
    programme = ctx.programme
    settings = programme.agenda.print_
    stock = _stock(programme, settings)
    everyone = holders(programme, settings)
    codes = [qr_content(programme, settings, h) for h in everyone]
    chosen = [(h, code) for h, code in zip(everyone, codes, strict=True)
              if any(f"badge:{h.key if h.person else f'attendee:{h.name}'}:{side}" in keys
                     for side in ("front", "back"))]
    if not chosen:
        return []
    path = ctx.out(f"{FOLDER}/{BADGES}")
    path.parent.mkdir(exist_ok=True)
    skip = ctx.options.start_slot - 1
    if skip >= stock.per_page:
        raise AgendaError([programme.problem(
            ("print", "badge_stock"), f"--start-slot {ctx.options.start_slot}: a sheet of "
            f"{stock.name} has {stock.per_page} slots")])
    pages, _, _ = write_badges(path, programme, [h for h, _ in chosen], [c for _, c in chosen],
                               stock, Shaper(ctx.fonts), ctx.epoch, scale_of=(everyone, codes),
                               skip=skip)
    names = some_of([h.name for h, _ in chosen])
    return [Written(path, pages, report=f"reprint: {plural(len(chosen), 'badge')} from slot "
                                        f"{skip + 1} of {stock.name} ({names})")]


def changes(ctx: BuildContext, found: Comparison) -> list[Written]:
    if not found.changes:
        return []
    programme = ctx.programme
    agenda = programme.agenda
    locale = locale_of(agenda)
    tools = Tools(Fitter(Shaper(ctx.fonts), FAMILY), PdfFonts(), locale, agenda)
    since = locale.label("changes_since").format(date=print_run(found, locale))
    numbers = page_numbers(found)
    slip = [Entry(tuple(numbers[id(c)]), c.text) for c in found.changes if id(c) in numbers]
    path = ctx.out(f"{FOLDER}/changes.pdf")
    path.parent.mkdir(exist_ok=True)
    canvas = new_canvas(str(path), PAGE, tools.fonts, ctx.fonts.face(FAMILY), epoch=ctx.epoch,
                        title=_title(programme, locale.label("change_sheet")),
                        lang=agenda.event.text_language)
    try:
        sheet = draw_sheet(canvas, tools, rows(found, agenda, locale), since)
        slips = draw_slip(canvas, tools, slip, since, changes_url(agenda)) if slip else 0
    except (FitError, MissingGlyphs) as exc:
        raise AgendaError([programme.problem(("event", "title"),
                                             f"reprint/changes.pdf: {exc}")]) from None
    canvas.save()
    what = f"{plural(sheet, 'page')} of change sheet (A4)"
    if slips:
        what += f", {plural(slips, 'page')} of errata slip for the booklet"
    return [Written(path, sheet + slips,
                    report=f"reprint: {plural(len(found.changes), 'change')}: {what}")]
