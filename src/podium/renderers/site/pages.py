"""Presentation stage of the online agenda: which pages the site has, and what each shows.

Every page is (path under site/, template, values); paths follow podium.sitemap. Listing pages
(day, room, track) show an item's time, title, room, track and speakers' names, and link to
the item's own page, which alone carries its background and questions: a FOSDEM day stays a
small page."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from podium import sitemap
from podium.renderers.site.marks import SiteChanges
from podium.renderers.site.view import ItemView, RoomRef, Views


@dataclass(frozen=True)
class Page:
    path: str
    template: str
    values: dict[str, Any]


@dataclass(frozen=True)
class Slot:
    """Items of one day that start at the same moment."""

    start_iso: str
    time: str
    items: tuple[ItemView, ...]


@dataclass(frozen=True)
class DayItems:
    """A day's part of a listing (a room's day, a track's day)."""

    date: dt.date
    heading: str
    path: str
    """The page of this day in this listing: the room's day, or the whole day."""
    items: tuple[ItemView, ...]


def slots(items: list[ItemView] | tuple[ItemView, ...]) -> list[Slot]:
    """Items grouped by start, in time order (the programme's order within a slot)."""
    groups: dict[str, list[ItemView]] = {}
    for item in sorted(items, key=lambda v: v.start_at):
        groups.setdefault(item.start_iso, []).append(item)
    return [Slot(start, group[0].start_text, tuple(group))
            for start, group in groups.items()]


def _by_start(items: list[ItemView]) -> list[ItemView]:
    return sorted(items, key=lambda v: v.start_at)


class Site:
    """The pages of one agenda's site."""

    def __init__(self, views: Views, changes: SiteChanges) -> None:
        self.v = views
        self.changes = changes
        self.in_room: dict[str | None, list[ItemView]] = {}
        for item in views.items:
            self.in_room.setdefault(item.room.id if item.room else None, []).append(item)
        for key, items in self.in_room.items():
            self.in_room[key] = _by_start(items)
        self.on_day: dict[dt.date, list[ItemView]] = {}
        for item in views.items:
            self.on_day.setdefault(item.day, []).append(item)
        # Rooms in the agenda's order, those that hold an item only.
        self.rooms = [r for r in views.rooms.values() if r.id in self.in_room]

    def pages(self) -> Iterator[Page]:
        yield self.index()
        for day in self.v.days:
            yield self.day(day.date)
        for room in self.rooms:
            yield self.room(room)
            for part in self._room_days(room):
                yield Page(sitemap.room_day_path(room.id, part.date), "site/room_day.html.j2",
                           {"room": room, "part": part, "parts": self._room_days(room),
                            "day": self._day_ref(part.date)})
            yield self.screen(room)
        for track in self.v.tracks.values():
            items = [it for it in self.v.items if it.track is not None and it.track.id == track.id]
            yield Page(sitemap.track_path(track.id), "site/track.html.j2",
                       {"track": track, "parts": self._parts(items, by_room=None)})
        for room_id, items in self.in_room.items():
            for n, item in enumerate(items):
                yield Page(item.path, "site/session.html.j2", {
                    "item": item, "day": self._day_ref(item.day),
                    "previous": items[n - 1] if n > 0 else None,
                    "next": items[n + 1] if n + 1 < len(items) else None,
                    "room_day": sitemap.room_day_path(room_id, item.day)})
        people = self.v.people()
        for person in people:
            yield Page(person.path, "site/person.html.j2", {"person": person})
        yield Page(sitemap.NOW, "site/now.html.j2",
                   {"rooms": [(r, self._room_days(r)) for r in self.rooms],
                    "unroomed": self._parts(self.in_room.get(None, []), by_room=None)})
        yield Page(sitemap.MY, "site/my.html.j2", {})
        yield Page(sitemap.SEARCH, "site/search.html.j2", {"people": people})
        # Always there, even without a record or a change: printed QR codes point at it.
        yield Page(sitemap.CHANGES, "site/changes.html.j2", {})
        for old in self.changes.old_addresses:
            yield Page(old.path, "site/old_address.html.j2", {"old": old})

    def _day_ref(self, date: dt.date) -> Any:
        return next(d for d in self.v.days if d.date == date)

    def index(self) -> Page:
        counts = {d.date: sum(not it.is_break for it in self.on_day.get(d.date, ()))
                  for d in self.v.days}
        return Page(sitemap.INDEX, "site/index.html.j2", {
            "days": self.v.days, "counts": counts, "rooms": self.rooms,
            "tracks": list(self.v.tracks.values())})

    def day(self, date: dt.date) -> Page:
        items = self.on_day.get(date, [])
        rooms = [r for r in self.rooms if any(it.room == r for it in items)]
        tracks = list(dict.fromkeys(it.track for it in items if it.track is not None))
        return Page(sitemap.day_path(date), "site/day.html.j2", {
            "day": self._day_ref(date), "days": self.v.days, "slots": slots(items), "rooms": rooms,
            "tracks": tracks, "room_day": lambda r: sitemap.room_day_path(r.id, date)})

    def _parts(self, items: list[ItemView], by_room: RoomRef | None) -> list[DayItems]:
        parts = []
        for day in self.v.days:
            mine = _by_start([it for it in items if it.day == day.date])
            if mine:
                path = sitemap.room_day_path(by_room.id, day.date) if by_room else day.path
                parts.append(DayItems(day.date, day.heading, path, tuple(mine)))
        return parts

    def _room_days(self, room: RoomRef) -> list[DayItems]:
        return self._parts(self.in_room[room.id], by_room=room)

    def room(self, room: RoomRef) -> Page:
        return Page(room.path, "site/room.html.j2", {"room": room, "parts": self._room_days(room)})

    def screen(self, room: RoomRef) -> Page:
        return Page(room.screen, "site/screen.html.j2",
                    {"room": room, "parts": self._room_days(room)})
