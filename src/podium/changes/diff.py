"""Comparison stage: every change between two agendas' facts, in words and in time order.

Items are matched by anchor; an item whose anchor is gone is matched with a new one of the
same source guid, or the same title on the same day, before it is called removed (so a
record from an agenda whose ids were renamed reads as what happened to the items)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from podium.changes import words
from podium.changes.facts import Facts

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


def _dicts(value: Any) -> dict[str, Any]:
    return {str(k): v for k, v in value.items() if isinstance(v, dict)} \
        if isinstance(value, dict) else {}


def _match(old: dict[str, Facts], new: dict[str, Facts]) -> dict[str, str]:
    """old anchor -> new anchor, by anchor, then guid, then title and day."""
    pairs = {a: a for a in old if a in new}
    lost = [a for a in old if a not in pairs]
    free = [a for a in new if a not in old]
    for keys in (("guid",), ("title", "day"), ("title",)):
        for a in list(lost):
            sig = tuple(old[a].get(k) for k in keys)
            if None in sig:
                continue
            found = next((b for b in free if tuple(new[b].get(k) for k in keys) == sig), None)
            if found is not None:
                pairs[a] = found
                lost.remove(a)
                free.remove(found)
    return pairs


def diff(old: Facts, new: Facts) -> list[Change]:
    """Every change from `old` to `new`, in time order."""
    out: list[Change] = []
    old_items, new_items = _dicts(old.get("items")), _dicts(new.get("items"))
    position = {a: k for k, a in enumerate(new_items)}
    old_position = {a: k for k, a in enumerate(old_items)}
    pairs = _match(old_items, new_items)

    def add(text: str, facts: Facts, subjects: set[str], **kw: Any) -> None:
        anchor = kw.get("item") or kw.get("old_item") or ""
        pos = position.get(anchor, old_position.get(anchor, 0))
        out.append(Change(text, (str(facts.get("start_at", "")), pos), subjects, **kw))

    out += _event_changes(old, new)
    for a, b in pairs.items():
        o, n = old_items[a], new_items[b]
        subjects = {f"item:{a}", f"item:{b}"}
        common = {"item": b, "old_item": a}
        if a != b:
            add(f"{words.item_name(n)}: its web address changed ({a} is now {b}); printed "
                "QR codes for it open its day instead", n, subjects, kind="details", **common)
        text = words.moved(o, n)
        if text:
            add(text, n, subjects, kind="moved", old_when=words.when_words(o),
                new_when=words.when_words(n), **common)
        for text, persons in words.people_changes(o, n):
            add(text, n, subjects | {f"person:{p}" for p in persons}, kind="people", **common)
        for text in words.details(o, n):
            add(text, n, subjects, kind="details", **common)
    for b, n in new_items.items():
        if b not in pairs.values():
            add(f"{words.item_name(n)} added: {words.when_words(n)}", n,
                {f"item:{b}"} | {f"person:{e.get('person')}" for e in _people(n)},
                kind="added", item=b, new_when=words.when_words(n))
    for a, o in old_items.items():
        if a not in pairs:
            add(f"{words.item_name(o)} removed (was {words.when_words(o)})", o,
                {f"item:{a}"} | {f"person:{e.get('person')}" for e in _people(o)},
                kind="removed", old_item=a, old_when=words.when_words(o))
    out += _people_changes(old, new)
    out.sort(key=lambda c: c.order)
    return out


def _people(f: Facts) -> list[dict[str, Any]]:
    return [e for k in ("chair", "speakers") for e in f.get(k, []) if isinstance(e, dict)]


def _first_appearance(new: Facts, pid: str) -> str:
    for f in _dicts(new.get("items")).values():
        if any(e.get("person") == pid for e in _people(f)):
            return str(f.get("start_at", ""))
    return "~"      # after every time: people who are in no item come last


def _people_changes(old: Facts, new: Facts) -> list[Change]:
    out: list[Change] = []
    before, after = _dicts(old.get("people")), _dicts(new.get("people"))
    in_items = {str(e.get("person")) for f in _dicts(new.get("items")).values() for e in _people(f)}
    was_in_items = {str(e.get("person")) for f in _dicts(old.get("items")).values()
                    for e in _people(f)}
    for pid, n in after.items():
        o = before.get(pid)
        name = str(n.get("name", pid))
        order = (_first_appearance(new, pid), 0)
        if o is None:
            if pid not in in_items:
                out.append(Change(f"{name} added", order, {f"person:{pid}"}, kind="person"))
            continue
        for text in words.person_changes(name, o, n):
            out.append(Change(text, order, {f"person:{pid}"}, kind="person"))
    for pid, o in before.items():
        if pid not in after and pid not in was_in_items:
            out.append(Change(f"{o.get('name', pid)} removed", ("~", 0), {f"person:{pid}"},
                              kind="person"))
    out += _attendee_changes(old, new)
    return out


def _attendee_changes(old: Facts, new: Facts) -> list[Change]:
    out = []
    before, after = _dicts(old.get("attendees")), _dicts(new.get("attendees"))
    for name, n in after.items():
        o = before.get(name)
        subjects = {f"attendee:{name}"}
        if o is None:
            out.append(Change(f"Attendee {name} added", ("~", 1), subjects, kind="person"))
            continue
        for text in words.person_changes(name, o, n):
            out.append(Change(text, ("~", 1), subjects, kind="person"))
    for name in before:
        if name not in after:
            out.append(Change(f"Attendee {name} removed", ("~", 1), {f"attendee:{name}"},
                              kind="person"))
    return out


def _event_changes(old: Facts, new: Facts) -> list[Change]:
    out: list[Change] = []
    first = ("", -1)
    o_ev, n_ev = old.get("event") or {}, new.get("event") or {}
    for key in sorted(set(o_ev) | set(n_ev)):
        if o_ev.get(key) != n_ev.get(key):
            out.append(Change(f"The event's {key} changed to '{n_ev.get(key)}'"
                              if n_ev.get(key) else f"The event's {key} removed",
                              first, {EVERYTHING}, kind="event"))
    o_rooms, n_rooms = old.get("rooms") or {}, new.get("rooms") or {}
    for rid, name in n_rooms.items():
        if rid in o_rooms and o_rooms[rid] != name:
            out.append(Change(f"Room {o_rooms[rid]} is now called {name}", first,
                              {f"room:{rid}"}, kind="room"))
    o_print, n_print = old.get("print") or {}, new.get("print") or {}
    changed = sorted(k for k in set(o_print) | set(n_print) if o_print.get(k) != n_print.get(k))
    if changed:
        out.append(Change(f"Print settings changed: {', '.join(changed)}", first, {EVERYTHING},
                          kind="event"))
    return out
