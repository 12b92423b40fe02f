"""Planning stage of the door signs: which signs to print, for which room, and what comes next.

Rooms: an item names its room, or none. In an event with one room (or none), every item is in
that room. With several rooms, an item without a room is venue-wide: a break or meal shows in
every room's list; any other item gets a sign of its own under no room name."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from podium.model import Agenda, Day, Item, Room

Mode = Literal["session", "room-day"]


@dataclass(frozen=True)
class SessionSign:
    """One sign for one item, with the item that follows it in the same room."""

    day: Day
    item: Item
    room: Room | None
    next: Item | None
    following: tuple[Day, Item] | None = None
    """When nothing follows that day: the first item in the room on a later day."""


@dataclass(frozen=True)
class RoomDaySign:
    """One room's programme for one day (printed over one or more pages)."""

    day: Day
    room: Room | None
    items: tuple[Item, ...]
    following: tuple[Day, Item] | None = None
    """The first item in the room on a later day, for the footer of the list's last page."""


def rooms_in_use(agenda: Agenda) -> list[Room]:
    """The rooms that items name, in the order of `rooms`."""
    used = {it.room for _, it in agenda.items() if it.room}
    return [r for r in agenda.rooms if r.id in used]


def choose_mode(agenda: Agenda) -> Mode:
    """`print.sign_mode`, with `auto` resolved: session signs for one room, lists for several."""
    wanted = agenda.print_.sign_mode
    if wanted != "auto":
        return wanted
    return "room-day" if len(rooms_in_use(agenda)) > 1 else "session"


def room_of(agenda: Agenda, item: Item) -> Room | None:
    """The item's room; in a one-room event, that room even when the item leaves it out."""
    if item.room:
        return agenda.room(item.room)
    return agenda.rooms[0] if len(agenda.rooms) == 1 else None


def _shares_room(multi: bool, item: Item, other: Item) -> bool:
    if not multi:
        return True
    return other.room == item.room or (other.room is None and other.is_break)


def next_in_room(agenda: Agenda, day: Day, index: int) -> Item | None:
    """The first later item of the same day (after `day.items[index]`) in the same room;
    breaks included: they are what the people at the door will find next."""
    multi = len(rooms_in_use(agenda)) > 1
    return _next(multi, day, index)


def _next(multi: bool, day: Day, index: int) -> Item | None:
    item = day.items[index]
    return next((o for o in day.items[index + 1:] if o.start_minutes >= item.start_minutes
                 and _shares_room(multi, item, o)), None)


def session_signs(agenda: Agenda) -> list[SessionSign]:
    """A sign for every item except breaks and meals (unless `print.sign_breaks`)."""
    with_breaks = agenda.print_.sign_breaks
    multi = len(rooms_in_use(agenda)) > 1
    out = []
    for d, day in enumerate(agenda.days):
        for i, item in enumerate(day.items):
            if with_breaks or not item.is_break:
                nxt = _next(multi, day, i)
                later = None if nxt is not None else _following(multi, agenda.days[d + 1:], item)
                out.append(SessionSign(day, item, room_of(agenda, item), nxt, later))
    return out


def _following(multi: bool, days: list[Day], item: Item) -> tuple[Day, Item] | None:
    """The first item in the item's room on the first of `days` that has one."""
    for day in days:
        found = next((o for o in day.items if _shares_room(multi, item, o)), None)
        if found is not None:
            return day, found
    return None


def room_day_signs(agenda: Agenda) -> list[RoomDaySign]:
    """For each day: a list for the items without a room (if any besides breaks), then one for
    each room with items of its own that day, in the order of `rooms`."""
    out: list[RoomDaySign] = []
    rooms = rooms_in_use(agenda)
    multi = len(rooms) > 1
    for d, day in enumerate(agenda.days):
        later = agenda.days[d + 1:]
        venue_wide = [it for it in day.items if it.room is None]
        if not rooms or any(not it.is_break for it in venue_wide):
            shown = venue_wide if rooms else list(day.items)
            if shown:
                out.append(RoomDaySign(day, room_of(agenda, shown[0]) if not rooms else None,
                                       tuple(shown), _following(multi, later, shown[-1])))
        for room in rooms:
            own = [it for it in day.items if it.room == room.id]
            if own:
                items = [it for it in day.items if it.room == room.id
                         or (it.room is None and it.is_break)]
                out.append(RoomDaySign(day, room, tuple(items), _following(multi, later, own[-1])))
    return out
