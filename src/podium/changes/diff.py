"""Comparison stage: every change between two agendas' facts, in words and in time order.

Items are matched by anchor; an item whose anchor is gone is matched with a new one of the
same source guid, or the same title on the same day, before it is called removed (so a
record from an agenda whose ids were renamed reads as what happened to the items)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from podium.changes import words
from podium.changes.facts import Facts
from podium.changes.piece import Piece

EVERYTHING = "*"
"""The subject of a change that every piece shows (the event's title, the print settings)."""


@dataclass
class Change:
    """One change, as the change sheet and `podium changes` say it."""

    text: str
    order: tuple[str, int]
    """Sorts changes in time order: (ISO start of the item it concerns, position)."""
    subjects: set[str]
    item: str | None = None
    """The anchor of the item now (None when it was removed or for a person's change)."""
    old_item: str | None = None
    old_when: str | None = None
    """When and where the item was ('Tue 10 Dec 14:15–15:15 (Hall A)') if that changed."""
    new_when: str | None = None
    kind: str = "changed"
    """moved, added, removed, people, details, person, room, event."""
    pieces: list[str] = field(default_factory=list)
    """Labels of the printed pieces it touches (filled in by compare.py)."""
    pages: set[str] = field(default_factory=set)
    """The subjects of the booklet pages that show it (booklet_pages.py: `when:X` where X's
    time is printed, `people:X`, `index:P`...); empty: its `subjects`."""
    touched: list[Piece] = field(default_factory=list)
    """The printed pieces it touches, in print order, booklet pages last (compare.py)."""


def _dicts(value: Any) -> dict[str, Any]:
    return {str(k): v for k, v in value.items() if isinstance(v, dict)} \
        if isinstance(value, dict) else {}


def _mapping(value: Any) -> dict[str, Any]:
    return {str(k): v for k, v in value.items()} if isinstance(value, dict) else {}


MATCHES = (("guid",), ("title", "day", "start"), ("title", "day"), ("title",))
"""How an item whose anchor is gone is found again, the surest way first."""


def _match(old: dict[str, Facts], new: dict[str, Facts]) -> dict[str, str]:
    """old anchor -> new anchor, by anchor, then guid, then title (and day, and start)."""
    pairs = {a: a for a in old if a in new}
    lost = [a for a in old if a not in pairs]
    free = [a for a in new if a not in old]
    for keys in MATCHES:
        if not lost or not free:
            break
        waiting: dict[tuple[Any, ...], list[str]] = {}
        for b in free:
            waiting.setdefault(tuple(str(new[b].get(k)) for k in keys), []).append(b)
        for a in list(lost):
            sig = tuple(old[a].get(k) for k in keys)
            found = waiting.get(tuple(map(str, sig))) if None not in sig else None
            if found:
                b = found.pop(0)
                pairs[a] = b
                lost.remove(a)
                free.remove(b)
    return pairs


def diff(old: Facts, new: Facts) -> list[Change]:
    """Every change from `old` to `new`, in time order."""
    out: list[Change] = []
    old_items, new_items = _dicts(old.get("items")), _dicts(new.get("items"))
    position = {a: k for k, a in enumerate(new_items)}
    old_position = {a: k for k, a in enumerate(old_items)}
    pairs = _match(old_items, new_items)
    paired = set(pairs.values())
    names = {pid: str(f["name"]) for people in (old.get("people"), new.get("people"))
             for pid, f in _dicts(people).items() if f.get("name")}

    def add(text: str, facts: Facts, subjects: set[str], **kw: Any) -> None:
        anchor = kw.get("item") or kw.get("old_item") or ""
        pos = position[anchor] if kw.get("item") else old_position.get(anchor, 0)
        out.append(Change(text, (str(facts.get("start_at", "")), pos), subjects, **kw))

    out += _event_changes(old, new)
    for a, b in pairs.items():
        o, n = old_items[a], new_items[b]
        if a == b and o == n:
            continue
        subjects = {f"item:{a}", f"item:{b}"}
        common: dict[str, Any] = {"item": b, "old_item": a}
        index = {f"index:{e.get('person')}" for e in _people(o) + _people(n)}
        if a != b:
            add(f"{words.item_name(n)}: its id changed from '{a}' to '{b}' (and so its web "
                "address)", n, subjects, kind="details", pages={f"when:{a}"}, **common)
        text = words.moved(o, n)
        if text:
            add(text, n, subjects, kind="moved", old_when=words.when_words(o),
                new_when=words.when_words(n), pages={f"when:{a}"}, **common)
        for text, persons, listed in words.people_changes(o, n, names):
            add(text, n, subjects | {f"person:{p}" for p in persons}, kind="people",
                pages={f"people:{a}"} | ({f"index:{p}" for p in persons} if listed else set()),
                **common)
        # The index names the item by its number or title.
        heads = o.get("number") != n.get("number") or o.get("title") != n.get("title")
        for text in words.details(o, n):
            add(text, n, subjects, kind="details",
                pages={f"item:{a}"} | (index if heads else set()), **common)
    previous = None
    for b, n in new_items.items():
        if b not in paired:
            # By the item alone: the badges and signs that show it name it among their
            # subjects (a person's other items are no part of this change).
            add(f"{words.item_name(n)} added: {words.when_words(n)}", n, {f"item:{b}"},
                kind="added", item=b, new_when=words.when_words(n),
                pages={f"when:{previous}"} | {f"index:{e.get('person')}" for e in _people(n)})
        else:
            previous = next(a for a, c in pairs.items() if c == b)
    for a, o in old_items.items():
        if a not in pairs:
            add(f"{words.item_name(o)} removed {words.was_words(o)}", o, {f"item:{a}"},
                kind="removed", old_item=a, old_when=words.when_words(o),
                pages={f"item:{a}"} | {f"index:{e.get('person')}" for e in _people(o)})
    out += _people_changes(old, new)
    out.sort(key=lambda c: c.order)
    return out


def _people(f: Facts) -> list[dict[str, Any]]:
    return [e for k in ("chair", "speakers") if isinstance(f.get(k), list)
            for e in f[k] if isinstance(e, dict)]


def _first_appearances(facts: Facts) -> dict[str, tuple[str, int]]:
    """person id -> the order of the first item they appear in (items are in programme
    order, so the first found is the earliest)."""
    first: dict[str, tuple[str, int]] = {}
    for k, f in enumerate(_dicts(facts.get("items")).values()):
        for e in _people(f):
            first.setdefault(str(e.get("person")), (str(f.get("start_at", "")), k))
    return first


LAST = ("~", 0)
"""After every time: people who are in no item, and attendees, come last."""


def _people_changes(old: Facts, new: Facts) -> list[Change]:
    out: list[Change] = []
    before, after = _dicts(old.get("people")), _dicts(new.get("people"))
    first, was_first = _first_appearances(new), _first_appearances(old)
    for pid, n in after.items():
        o = before.get(pid)
        if o == n:
            continue
        name = str(n.get("name", pid))
        order = first.get(pid, LAST)
        if o is None:
            if pid not in first:
                out.append(Change(f"{name} added", order, {f"person:{pid}"}, kind="person"))
            continue
        renamed = {f"index:{pid}"} if o.get("name") != n.get("name") else set()
        for text in words.person_changes(name, o, n):
            out.append(Change(text, order, {f"person:{pid}"}, kind="person",
                              pages={f"person:{pid}"} | renamed))
    for pid, o in before.items():
        if pid not in after and pid not in was_first:
            out.append(Change(f"{o.get('name', pid)} removed", LAST, {f"person:{pid}"},
                              kind="person"))
    out += _attendee_changes(old, new)
    return out


def _attendee_changes(old: Facts, new: Facts) -> list[Change]:
    out = []
    before, after = _dicts(old.get("attendees")), _dicts(new.get("attendees"))
    last = (LAST[0], 1)
    for name, n in after.items():
        o = before.get(name)
        subjects = {f"attendee:{name}"}
        if o is None:
            out.append(Change(f"Attendee {name} added", last, subjects, kind="person"))
            continue
        for text in words.person_changes(name, o, n):
            out.append(Change(text, last, subjects, kind="person"))
    for name in before:
        if name not in after:
            out.append(Change(f"Attendee {name} removed", last, {f"attendee:{name}"},
                              kind="person"))
    return out


def _in_room(facts: Facts, rid: str, *, implied: bool) -> set[str]:
    """The anchors of the items in a room; `implied`: also, in a one-room event, every item
    without a room of its own (its door sign names the room; the booklet does not)."""
    only = implied and len(_mapping(facts.get("rooms"))) == 1
    return {a for a, f in _dicts(facts.get("items")).items()
            if f.get("room") == rid or (only and not f.get("room"))}


def _event_changes(old: Facts, new: Facts) -> list[Change]:
    out: list[Change] = []
    first = ("", -1)
    o_ev, n_ev = _mapping(old.get("event")), _mapping(new.get("event"))
    for key in sorted(set(o_ev) | set(n_ev)):
        a, b = o_ev.get(key), n_ev.get(key)
        if a != b:
            words_ = (f"changed from '{a}' to '{b}'" if a and b else f"'{b}' added" if b
                      else f"'{a}' removed")
            out.append(Change(f"The event's {key} {words_}", first, {EVERYTHING}, kind="event"))
    o_rooms, n_rooms = _mapping(old.get("rooms")), _mapping(new.get("rooms"))
    for rid, name in n_rooms.items():
        if rid in o_rooms and o_rooms[rid] != name:
            out.append(Change(f"Room {o_rooms[rid]} is now called {name}", first,
                              {f"room:{rid}"} | {f"item:{a}" for a in _in_room(
                                  new, rid, implied=True)}, kind="room",
                              pages={f"when:{a}" for a in _in_room(new, rid, implied=False)}
                              or {"when:"}))
    o_print, n_print = _mapping(old.get("print")), _mapping(new.get("print"))
    changed = sorted(k for k in set(o_print) | set(n_print) if o_print.get(k) != n_print.get(k))
    if changed:
        out.append(Change(f"Print settings changed: {', '.join(changed)}", first, {EVERYTHING},
                          kind="event"))
    return out
