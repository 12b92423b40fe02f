"""Presentation stage of the booklet at scale: a day's items grouped by room, and the choice
between the full and the compact booklet.

A programme of many parallel rooms (FOSDEM: 29 rooms a day, 470 talks) cannot be read as one
time-ordered list: a visitor follows a room (a devroom, a track). So the compact booklet and
the large day-at-a-glance group a day by room, in the order of `rooms` in the agenda."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from podium import qr
from podium.i18n import time_range
from podium.model import Agenda, Day, Item, Track
from podium.present import day_note, item_times, locale_of

COMPACT_ABOVE = 60
"""`print.booklet_detail: auto` prints the compact booklet above this many items: 60 full
items take about 120 A5 pages, more than anyone carries around."""

GLANCE_ITEMS_MAX = 30
"""A day with more items than this (in more than one room) is summarised room by room at a
glance; 30 one-line rows are about two pages."""


def is_compact(agenda: Agenda) -> bool:
    """Whether the booklet leaves out background and questions (`print.booklet_detail`)."""
    detail = agenda.print_.booklet_detail
    if detail == "auto":
        return len(agenda.items()) > COMPACT_ABOVE
    return detail == "compact"


@dataclass(frozen=True)
class ListingRow:
    """One item as a line of the compact listing."""

    anchor: str
    kind: str
    times: str
    day_note: str
    """'Sun 28' for an item past midnight (printed under its times), else ''."""
    title: str
    subtitle: str | None
    speakers: str
    """Names joined by commas ('' when nobody is named)."""


@dataclass(frozen=True)
class TrackLabel:
    """A track as printed: its name, with a swatch of its colour beside it when it has one."""

    name: str
    colour: str | None


@dataclass(frozen=True)
class TrackGroup:
    """Consecutive items of a room under one track (None when the items name none)."""

    track: TrackLabel | None
    rows: list[ListingRow]
    span: str
    """'10:30–14:00': from the first item's start to the last one's end."""
    anchor: str
    """Anchor of its first item, where the glance's page number points."""


@dataclass(frozen=True)
class RoomDay:
    """One room on one day: what the glance summarises and the compact listing prints."""

    anchor: str
    """Anchor of its first item, where the glance's page number points."""
    room: str | None
    tracks: list[TrackLabel]
    span: str
    groups: list[TrackGroup]
    qr: Markup | None


def qr_markup(url: str) -> Markup:
    """An inline SVG QR code; its only text is a URL podium made, escaped by `qr.svg`."""
    return Markup(qr.svg(qr.encode(url)))


def _speaker_names(agenda: Agenda, item: Item) -> str:
    ids = [*item.chair, *(s.person for s in item.speakers if s.person not in item.chair)]
    return ", ".join(agenda.person(pid).name for pid in ids)


def _span(items: list[Item]) -> str:
    known = [it for it in items if it.end_minutes is not None]
    last = max(known, key=lambda it: it.end_minutes or 0).end_time if known else None
    return time_range(items[0].start, last)


def _label(track: Track | None) -> TrackLabel | None:
    return None if track is None else TrackLabel(track.name, track.colour)


def _groups(agenda: Agenda, items: list[Item], rows: list[ListingRow]) -> list[TrackGroup]:
    runs: list[tuple[TrackLabel | None, list[Item], list[ListingRow]]] = []
    for item, row in zip(items, rows, strict=True):
        label = _label(agenda.track_of(item))
        if runs and runs[-1][0] == label:
            runs[-1][1].append(item)
            runs[-1][2].append(row)
        else:
            runs.append((label, [item], [row]))
    return [TrackGroup(track, run_rows, _span(run_items), run_items[0].anchor)
            for track, run_items, run_rows in runs]


def room_days(agenda: Agenda, day: Day, *, with_qr: bool) -> list[RoomDay]:
    """The day's items by room (agenda order of rooms; items without a room first), each
    room's items in time order."""
    order = {r.id: n for n, r in enumerate(agenda.rooms)}
    locale = locale_of(agenda)
    by_room: dict[str | None, list[Item]] = {}
    for item in day.items:
        by_room.setdefault(item.room, []).append(item)
    out = []
    for room_id in sorted(by_room, key=lambda r: -1 if r is None else order.get(r, len(order))):
        items = sorted(by_room[room_id], key=lambda it: it.start_minutes)
        rows = [ListingRow(it.anchor, it.kind, item_times(it),
                           day_note(it, locale), it.title, it.subtitle,
                    _speaker_names(agenda, it)) for it in items]
        room = agenda.room(room_id)
        first = items[0]
        out.append(RoomDay(
            anchor=first.anchor, room=room.name if room else None,
            tracks=[t for t in dict.fromkeys(_label(agenda.track_of(it)) for it in items) if t],
            span=_span(items), groups=_groups(agenda, items, rows),
            # A code opens the room's day online, as its door sign's does; breaks alone need none.
            qr=qr_markup(agenda.url_for_room_day(room_id, day.date))
            if with_qr and any(it.kind == "session" for it in items) else None))
    return out


def glance_by_room(day: Day) -> bool:
    """Whether the day at a glance summarises rooms instead of listing every item."""
    return len(day.items) > GLANCE_ITEMS_MAX and len({it.room for it in day.items}) > 1
