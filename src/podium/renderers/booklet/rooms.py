"""Presentation stage of the booklet at scale: a day's items grouped by room, and the choice
between the full and the compact booklet.

A programme of many parallel rooms (FOSDEM: 29 rooms a day, 470 talks) cannot be read as one
time-ordered list: a visitor follows a room (a devroom, a track). So the compact booklet and
the large day-at-a-glance group a day by room, in the order of `rooms` in the agenda."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from markupsafe import Markup

from podium import qr
from podium.i18n import time_range
from podium.model import Agenda, Day, Item

if TYPE_CHECKING:
    from podium.renderers.booklet.view import IndexEntry

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
class Row:
    """One item as a line of the compact listing."""

    anchor: str
    kind: str
    times: str
    title: str
    subtitle: str | None
    speakers: str
    """Names joined by commas ('' when nobody is named)."""


@dataclass(frozen=True)
class TrackGroup:
    """Consecutive items of a room under one track (None when the items name none)."""

    track: str | None
    rows: list[Row]


@dataclass(frozen=True)
class RoomDay:
    """One room on one day: what the glance summarises and the compact listing prints."""

    anchor: str
    """Anchor of its first item: where the glance's page number and the QR code point."""
    room: str | None
    tracks: list[str]
    span: str
    count: int
    groups: list[TrackGroup]
    qr: Markup | None


def _speaker_names(agenda: Agenda, item: Item) -> str:
    ids = [*item.chair, *(s.person for s in item.speakers if s.person not in item.chair)]
    return ", ".join(agenda.person(pid).name for pid in ids)


def _groups(rows: list[tuple[Item, Row]]) -> list[TrackGroup]:
    groups: list[TrackGroup] = []
    for item, row in rows:
        if groups and groups[-1].track == item.track:
            groups[-1].rows.append(row)
        else:
            groups.append(TrackGroup(item.track, [row]))
    return groups


def room_days(agenda: Agenda, day: Day, *, with_qr: bool) -> list[RoomDay]:
    """The day's items by room (agenda order of rooms; items without a room first), each
    room's items in time order."""
    order = {r.id: n for n, r in enumerate(agenda.rooms)}
    by_room: dict[str | None, list[Item]] = {}
    for item in day.items:
        by_room.setdefault(item.room, []).append(item)
    out = []
    for room_id in sorted(by_room, key=lambda r: -1 if r is None else order.get(r, len(order))):
        items = sorted(by_room[room_id], key=lambda it: it.start_minutes)
        ends = [agenda.end_minutes_of(day, it) for it in items]
        rows = [(it, Row(it.anchor, it.kind, time_range(it.start, agenda.end_of(day, it)),
                         it.title, it.subtitle, _speaker_names(agenda, it))) for it in items]
        known_ends = [e for e in ends if e is not None]
        last = max(known_ends) if known_ends else None
        first = items[0]
        span = time_range(first.start, None if last is None else _clock(last))
        room = agenda.room(room_id)
        tracks = list(dict.fromkeys(it.track for it in items if it.track))
        out.append(RoomDay(
            anchor=first.anchor, room=room.name if room else None, tracks=tracks, span=span,
            count=len(items), groups=_groups(rows),
            qr=Markup(qr.svg(qr.encode(agenda.url_for_item(first)))) if with_qr else None))
    return out


def _clock(minutes: int) -> dt.time:
    minutes %= 1440
    return dt.time(minutes // 60, minutes % 60)


def glance_by_room(day: Day) -> bool:
    """Whether the day at a glance summarises rooms instead of listing every item."""
    return len(day.items) > GLANCE_ITEMS_MAX and len({it.room for it in day.items}) > 1


def index_pages(anchors: dict[str, int]) -> Callable[[IndexEntry], list[tuple[int, str]]]:
    """Each person's pages in the laid-out booklet, each page once, in order, with the anchor
    of their first item on that page (what the printed number links to)."""

    def pages(entry: IndexEntry) -> list[tuple[int, str]]:
        found: dict[int, str] = {}
        for ref in entry.refs:
            found.setdefault(anchors[ref.anchor], ref.anchor)
        return sorted(found.items())

    return pages
