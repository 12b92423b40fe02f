"""Rendering stage: table tents (tents.pdf) for every chair and panelist at the table, and
screen cards (screen-cards.pdf) for speakers who join by video link.

The stages, in order:
1. the sessions with people, each panel in seating order (`print.tent_order`), remote
   speakers apart;
2. per session (`print.tent_scope: session`): its seating plan, then its tents left to right;
   per event: every seating plan, then one tent per person by family name;
3. a screen card for each remote speaker of each session (or each remote person once);
4. a name that cannot reach its size floor on two lines stops the build, naming the person.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from reportlab.pdfgen.canvas import Canvas

from podium.attendance import on_screen, panel_items, seated
from podium.context import BuildContext
from podium.i18n import time_text
from podium.load import Programme
from podium.model import Item, Person
from podium.output import Written
from podium.pdf import new_canvas
from podium.present import Appearance, locale_of
from podium.problems import AgendaError
from podium.renderers.tents.faces import Face, TentTooSmall, draw_tent, fit_face
from podium.renderers.tents.kit import FAMILY, Kit
from podium.renderers.tents.plan import PlanTooFull, draw_plan
from podium.renderers.tents.screen import HEIGHT, WIDTH, draw_card
from podium.text import FitError, Shaper

TENTS = "tents.pdf"
SCREEN_CARDS = "screen-cards.pdf"


@dataclass(frozen=True)
class Panel:
    """One session's table: who sits where, and who is on screen."""

    day: int
    index: int
    item: Item
    seats: list[Appearance]
    screen: list[Appearance]


def panels(programme: Programme) -> list[Panel]:
    order = programme.agenda.print_.tent_order
    return [Panel(d, i, item, seated(programme, item, order), on_screen(programme, item))
            for d, i, _, item in panel_items(programme)]


def render(ctx: BuildContext) -> list[Written]:
    """Write tents.pdf (and screen-cards.pdf when someone joins by video link)."""
    programme = ctx.programme
    agenda = programme.agenda
    shaper = Shaper(ctx.fonts)
    kit = Kit.of(agenda, agenda.print_.tent_paper, shaper, locale_of(agenda))
    chosen = panels(programme)                                                  # 1
    out: list[Written] = []
    if any(p.seats for p in chosen):
        path = ctx.out(TENTS)
        canvas = new_canvas(str(path), (kit.width, kit.height), kit.fonts, ctx.fonts.face(FAMILY),
                            epoch=ctx.epoch,
                            title=f"{agenda.event.title}: {kit.locale.label('table_tents')}")
        pages, tents, small = draw_tents(programme, kit, canvas, chosen)       # 2
        canvas.save()
        sessions = sum(1 for p in chosen if p.seats)
        report = f"{tents} table tent{'s' * (tents != 1)} for {sessions} session{'s' * (sessions != 1)}"
        if small:
            report += ("\n  names below their size floor (a word too wide for it): "
                       + "; ".join(small))
        out.append(Written(path, pages, report=report))
    cards = screen_cards(programme, chosen)
    if cards:
        path = ctx.out(SCREEN_CARDS)
        canvas = new_canvas(str(path), (WIDTH, HEIGHT), kit.fonts, ctx.fonts.face(FAMILY),
                            epoch=ctx.epoch,
                            title=f"{agenda.event.title}: {kit.locale.label('screen_cards')}")
        with _errors(programme):
            for person, item in cards:                                          # 3
                try:
                    draw_card(kit, canvas, person, item)
                except FitError as exc:
                    if item is None:
                        raise TentTooSmall(person, f"screen card: {exc}") from None
                    raise PlanTooFull(item, f"screen card of {person.name}: {exc}") from None
                canvas.showPage()
        canvas.save()
        out.append(Written(path, len(cards)))
    return out


def draw_tents(programme: Programme, kit: Kit, canvas: Canvas, chosen: list[Panel],
               only: Collection[str] | None = None) -> tuple[int, int, list[str]]:
    """Draw the plans and tents on `canvas`; return (pages, tents, the names set below
    their floor, each once). With `only` (keys of the printed record: 'plan:ANCHOR',
    'tent:ANCHOR:PERSON' or 'tent:PERSON'), just those, for reprints."""

    def wanted(key: str) -> bool:
        return only is None or key in only

    agenda = programme.agenda
    pages = tents = 0
    small: dict[str, None] = {}

    def face(person: Person) -> Face:
        found = fit_face(kit, person)
        if found.below_floor:
            small[person.name] = None
        return found

    per_session = agenda.print_.tent_scope == "session"
    with _errors(programme):
        for panel in chosen:
            if not panel.seats:
                continue
            if wanted(f"plan:{panel.item.anchor}"):
                try:
                    draw_plan(kit, canvas, panel.item, agenda.room(panel.item.room),
                              panel.seats, panel.screen)
                except FitError as exc:
                    raise PlanTooFull(panel.item, f"a text does not fit: {exc}") from None
                canvas.showPage()
                pages += 1
            if not per_session:
                continue
            for k, seat in enumerate(panel.seats):
                if not wanted(f"tent:{panel.item.anchor}:{seat.person.id}"):
                    continue
                note = _note(kit, panel.item, k, len(panel.seats))
                draw_tent(kit, canvas, face(seat.person), note)
                canvas.showPage()
                pages += 1
                tents += 1
        if not per_session:
            people = {s.person.id: s.person for p in chosen for s in p.seats}
            for person in sorted(people.values(), key=lambda p: p.sort_key):
                if not wanted(f"tent:{person.id}"):
                    continue
                draw_tent(kit, canvas, face(person), "")
                canvas.showPage()
                pages += 1
                tents += 1
    return pages, tents, list(small)


def _note(kit: Kit, item: Item, seat: int, seats: int) -> str:
    """'Session 3 · Seat 2/5', or for an unnumbered item its day and start ('Sat 1 09:30'):
    short enough for the margin whatever the title."""
    what = (f"{kit.locale.label('session')} {item.number}" if item.number is not None
            else f"{kit.locale.weekday_day(item.date)} {time_text(item.start)}")
    return f"{what} · {kit.locale.label('seat')} {seat + 1}/{seats}"


def screen_cards(programme: Programme, chosen: list[Panel]) -> list[tuple[Person, Item | None]]:
    """(person, session) of each card: every remote appearance, or (per event) each remote
    person once, by family name."""
    if programme.agenda.print_.tent_scope == "session":
        return [(a.person, p.item) for p in chosen for a in p.screen]
    people = {a.person.id: a.person for p in chosen for a in p.screen}
    return [(person, None) for person in sorted(people.values(), key=lambda p: p.sort_key)]


class _errors:
    """Turns a name or title that does not fit into a positioned error (exit 2)."""

    def __init__(self, programme: Programme) -> None:
        self.programme = programme

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind: object, exc: BaseException | None, tb: object) -> None:
        programme = self.programme
        if isinstance(exc, TentTooSmall):
            index = next(k for k, p in enumerate(programme.agenda.people) if p.id == exc.person.id)
            raise AgendaError([programme.problem(
                ("people", index, "name"),
                f"table tent of person '{exc.person.id}' ({exc.person.name}): {exc}")]) from None
        if isinstance(exc, PlanTooFull):
            d, i = next((d, i) for d, day in enumerate(programme.agenda.days)
                        for i, it in enumerate(day.items) if it is exc.item)
            raise AgendaError([programme.problem(
                ("days", d, "items", i, "title"),
                f"seating plan of '{exc.item.anchor}': {exc}")]) from None
