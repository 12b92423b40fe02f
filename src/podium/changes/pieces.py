"""Record stage: every printed piece of door signs, badges and table tents, with a key, the
subjects it shows and a digest of what it shows, worked out from the programme without
drawing anything (so `podium changes` answers at once on a thousand-badge event).

A digest covers the texts, the QR code and the settings that decide how a piece looks; a
piece whose digest differs from the record's must be printed again. The subjects
("item:ANCHOR", "person:ID", "room:ID") say which changes a piece shows."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from podium.changes.piece import Piece, digest
from podium.model import Day, Item
from podium.present import (
    Appearance,
    affiliation,
    chairs,
    full_name,
    item_heading,
    item_when,
    locale_of,
    speakers,
)

if TYPE_CHECKING:
    from podium.load import Programme

SIGNS = "door-signs.pdf"
BADGES = "badges.pdf"
TENTS = "tents.pdf"
CARDS = "screen-cards.pdf"


def _who(a: Appearance) -> list[Any]:
    return [a.name, a.affiliation, a.as_chair, a.remote]


def _people(programme: Programme, item: Item) -> list[Appearance]:
    agenda = programme.agenda
    return chairs(agenda, item) + speakers(agenda, item)


def _item_subjects(programme: Programme, item: Item) -> list[str]:
    return [f"item:{item.anchor}", *(f"person:{a.person.id}" for a in _people(programme, item))]


def _item_shows(programme: Programme, item: Item) -> list[Any]:
    agenda = programme.agenda
    loc = locale_of(agenda)
    track = agenda.track_of(item)
    room = agenda.room(item.room)
    return [item_heading(item, loc), item.subtitle, item_when(item, loc), item.day_date,
            room.name if room else None, track.name if track else None,
            [_who(a) for a in _people(programme, item)], agenda.url_for_item(item)]


def _settings(programme: Programme, *names: str) -> list[Any]:
    agenda = programme.agenda
    logo = programme.logo
    return [agenda.event.title, agenda.event.subtitle, agenda.event.language,
            logo.data and hashlib.sha256(logo.data).hexdigest() if logo else None,
            [getattr(agenda.print_, n) for n in names]]


def _next_shows(programme: Programme, day: Day, nxt: Item | None,
                following: tuple[Day, Item] | None) -> tuple[list[Any], list[str]]:
    loc = locale_of(programme.agenda)
    if nxt is not None:
        return [item_heading(nxt, loc), item_when(nxt, loc)], [f"item:{nxt.anchor}"]
    if following is not None:
        later, it = following
        return [later.date, item_heading(it, loc), item_when(it, loc)], [f"item:{it.anchor}"]
    return ["ends", day is programme.agenda.days[-1]], []


def sign_pieces(programme: Programme) -> list[Piece]:
    """One piece per door sign: per session, or per room and day (all its pages)."""
    from podium.renderers.signs.plan import choose_mode, room_day_signs, session_signs

    agenda = programme.agenda
    loc = locale_of(agenda)
    common = _settings(programme, "sign_paper", "sign_mode", "sign_breaks", "colour")
    out: list[Piece] = []
    if choose_mode(agenda) == "session":
        for s in session_signs(agenda):
            shows, also = _next_shows(programme, s.day, s.next, s.following)
            out.append(Piece(
                SIGNS, f"sign:{s.item.anchor}", f"door sign: {item_heading(s.item, loc)}",
                tuple(_item_subjects(programme, s.item) + also
                      + ([f"room:{s.room.id}"] if s.room else [])),
                digest(common, _item_shows(programme, s.item), s.room.name if s.room else None,
                       shows)))
        return out
    for rd in room_day_signs(agenda):
        room = rd.room.id if rd.room else "-"
        where = rd.room.name if rd.room else loc.label("programme")
        shows, also = _next_shows(programme, rd.day, None, rd.following)
        subjects = [s for it in rd.items for s in _item_subjects(programme, it)] + also
        out.append(Piece(
            SIGNS, f"sign:{room}:{rd.day.date}", f"door sign: {where}, {loc.day_short(rd.day.date)}",
            tuple(dict.fromkeys([*subjects, *([f"room:{rd.room.id}"] if rd.room else [])])),
            digest(common, where, rd.day.date, agenda.url_for_room_day(rd.room.id if rd.room
                                                                       else None, rd.day.date),
                   [_item_shows(programme, it) for it in rd.items], shows)))
    return out


def badge_pieces(programme: Programme) -> list[Piece]:
    """Two pieces per badge holder: the front and the back (the front alone when badges
    are printed single-sided)."""
    from podium.renderers.badges import qr_content
    from podium.renderers.badges.holders import holders

    agenda = programme.agenda
    settings = agenda.print_
    loc = locale_of(agenda)
    common = _settings(programme, "badge_stock", "badge_back", "category_colours", "colour",
                       "badge_qr", "badge_qr_default")
    dates = [agenda.days[0].date, agenda.days[-1].date]
    out: list[Piece] = []
    for h in holders(programme, settings):
        subjects: tuple[str, ...] = (f"person:{h.key}",) if h.person else (f"attendee:{h.name}",)
        front = [h.title, h.name, h.role, h.organisation, h.country, h.category,
                 qr_content(programme, settings, h), dates]
        back: list[Any] = [h.name, h.title, h.organisation, h.country]
        if h.person is not None and settings.badge_back == "sessions":
            back.append([[item_heading(it, loc), item_when(it, loc), day.date]
                         for day, it, _, _ in agenda.appearances(h.person.id)])
            subjects += tuple(f"item:{it.anchor}" for _, it, _, _ in
                              agenda.appearances(h.person.id))
        key = h.key if h.person else f"attendee:{h.name}"
        # A single-sided badge has no back on paper: what a back would list changes nothing.
        sides = (("front", front), ("back", back)) if settings.badge_double_sided \
            else (("front", front),)
        for side, shows in sides:
            out.append(Piece(BADGES, f"badge:{key}:{side}", f"badge of {h.name} ({side})",
                             subjects[:1] if side == "front" else subjects, digest(common, shows)))
    return out


def tent_pieces(programme: Programme) -> list[Piece]:
    """Seating plans and tents per session, or one tent per person; screen cards."""
    from podium.attendance import on_screen, panel_items, seated

    agenda = programme.agenda
    settings = agenda.print_
    loc = locale_of(agenda)
    common = _settings(programme, "tent_paper", "tent_order", "tent_scope", "colour")
    per_session = settings.tent_scope == "session"
    out: list[Piece] = []
    people: dict[str, Appearance] = {}
    for _, _, _, item in panel_items(programme):
        seats = seated(programme, item, settings.tent_order)
        screen = on_screen(programme, item)
        heading = item_heading(item, loc)
        if seats:
            out.append(Piece(TENTS, f"plan:{item.anchor}", f"seating plan: {heading}",
                             tuple(_item_subjects(programme, item)),
                             digest(common, _item_shows(programme, item),
                                    [_who(a) for a in seats], [_who(a) for a in screen])))
        for k, seat in enumerate(seats):
            if per_session:
                out.append(Piece(TENTS, f"tent:{item.anchor}:{seat.person.id}",
                                 f"table tent of {seat.person.name} ({heading})",
                                 (f"item:{item.anchor}", f"person:{seat.person.id}"),
                                 digest(common, _tent_shows(seat), heading, k, len(seats))))
            else:
                people.setdefault(seat.person.id, seat)
        for a in screen:
            out.append(Piece(CARDS, f"card:{item.anchor}:{a.person.id}",
                             f"screen card of {a.person.name} ({heading})",
                             (f"item:{item.anchor}", f"person:{a.person.id}"),
                             digest(common, _tent_shows(a), heading, item_when(item, loc))))
    for pid, seat in sorted(people.items(), key=lambda kv: kv[1].person.sort_key):
        out.append(Piece(TENTS, f"tent:{pid}", f"table tent of {seat.person.name}",
                         (f"person:{pid}",), digest(common, _tent_shows(seat))))
    return out


def _tent_shows(a: Appearance) -> list[Any]:
    return [full_name(a.person), affiliation(a.person)]


PIECES: dict[str, Callable[[Programme], list[Piece]]] = {
    "signs": sign_pieces,
    "badges": badge_pieces,
    "tents": tent_pieces,
}
"""What `podium printed` records without reading a PDF, per output (the booklet's pages come
from the built programme.pdf: see booklet_pages.py)."""


def current_pieces(programme: Programme) -> list[Piece]:
    return [p for make in PIECES.values() for p in make(programme)]
