"""Comparison stage: how one item's or one person's change reads ("Session 3 moves from 14:15
to 14:30 (Hall A)"), worked out from facts alone (facts.py), old and new."""

from __future__ import annotations

import datetime as dt
from typing import Any

from podium.changes.facts import Facts

PERSON_WORDS = {"title": "rank or title", "suffix": "suffix", "role": "role",
                "organisation": "organisation", "country": "country", "category": "badge category"}


def item_name(f: Facts) -> str:
    """'Session 3', or the title of an item without a number ('Coffee break')."""
    number = f.get("number")
    return f"Session {number}" if number is not None else str(f.get("title", "An item"))


def _at(f: Facts) -> dt.datetime | None:
    try:
        return dt.datetime.fromisoformat(str(f.get("start_at")))
    except ValueError:
        return None


def clock(f: Facts, key: str = "start") -> str:
    """'14:30' for '14:30' and for '26:30' (the next morning's 02:30)."""
    value = str(f.get(key) or "")
    try:
        h, m = value.split(":")
        return f"{int(h) % 24:02d}:{int(m):02d}"
    except ValueError:
        return value or "?"


def day_words(f: Facts) -> str:
    """'Tue 10 Dec' (the calendar day the item starts on)."""
    at = _at(f)
    return at.strftime("%a %-d %b") if at else str(f.get("day", "?"))


def span(f: Facts) -> str:
    """'14:15–15:15', or '14:15' for an open-ended item."""
    return f"{clock(f)}–{clock(f, 'end')}" if f.get("end") else clock(f)


def room_words(f: Facts) -> str:
    return str(f.get("room_name") or f.get("room") or "")


def _in(room: str) -> str:
    return f" ({room})" if room else ""


def when_words(f: Facts) -> str:
    """'Wed 11 Dec 14:00–15:00 (Hall A)'."""
    return f"{day_words(f)} {span(f)}{_in(room_words(f))}"


def _same_day(old: Facts, new: Facts) -> bool:
    a, b = _at(old), _at(new)
    return a is not None and b is not None and a.date() == b.date()


def _duration(f: Facts) -> int | None:
    try:
        (sh, sm), (eh, em) = (str(f[k]).split(":") for k in ("start", "end"))
        return (int(eh) * 60 + int(em)) - (int(sh) * 60 + int(sm))
    except (KeyError, ValueError):
        return None


def moved(old: Facts, new: Facts) -> str | None:
    """The time and room change, in one sentence, or None when neither changed."""
    name = item_name(new)
    times = old.get("start_at") != new.get("start_at")
    ends = old.get("end") != new.get("end")
    # A room renamed (same id) or re-keyed (same name) moves nobody: that is the room's change.
    rooms = room_words(old) != room_words(new) and old.get("room") != new.get("room")
    if not (times or ends or rooms):
        return None
    same_length = _duration(old) == _duration(new)
    if times and same_length:
        a, b = clock(old), clock(new)
    elif times or (ends and rooms):
        a, b = span(old), span(new)
    elif ends:
        return f"{name} now ends at {clock(new, 'end') if new.get('end') else 'the end of the day'} " \
               f"(was {clock(old, 'end') if old.get('end') else 'open-ended'}){_in(room_words(new))}"
    else:
        return f"{name} moves from {room_words(old) or 'no room'} to {room_words(new) or 'no room'} " \
               f"({day_words(new)} {span(new)})"
    if not _same_day(old, new):
        a, b = f"{day_words(old)} {a}", f"{day_words(new)} {b}"
    if rooms:
        return f"{name} moves from {a}{_in(room_words(old) or 'no room')} to {b}" \
               f"{_in(room_words(new) or 'no room')}"
    return f"{name} moves from {a} to {b}{_in(room_words(new))}"


def _role_of(entry: dict[str, Any], as_chair: bool) -> str:
    return "chair" if as_chair else "panelist"


def people_changes(old: Facts, new: Facts) -> list[tuple[str, set[str]]]:
    """Chairs and speakers added, removed, joining by video or in person: (words, persons)."""
    name = item_name(new)
    out: list[tuple[str, set[str]]] = []
    for key, as_chair in (("chair", True), ("speakers", False)):
        before = {str(e.get("person")): e for e in old.get(key, []) if isinstance(e, dict)}
        after = {str(e.get("person")): e for e in new.get(key, []) if isinstance(e, dict)}
        role = _role_of({}, as_chair)
        for pid, e in after.items():
            if pid not in before:
                via = " (via VTC)" if e.get("remote") else ""
                out.append((f"{name}: {e.get('name', pid)} added as {role}{via}", {pid}))
        for pid, e in before.items():
            if pid not in after:
                out.append((f"{name}: {e.get('name', pid)} removed as {role}", {pid}))
        for pid, e in after.items():
            b = before.get(pid)
            if b is None:
                continue
            if bool(b.get("remote")) != bool(e.get("remote")):
                how = "now joins via VTC" if e.get("remote") else "now attends in person"
                out.append((f"{name}: {e.get('name', pid)} {how}", {pid}))
            if b.get("role") != e.get("role"):
                out.append((f"{name}: {e.get('name', pid)}'s description changed", {pid}))
        common = [p for p in after if p in before]
        if common != [p for p in before if p in after]:
            out.append((f"{name}: the order of the {'chairs' if as_chair else 'speakers'} changed",
                        set()))
    return out


def details(old: Facts, new: Facts) -> list[str]:
    """What else of the item changed: its name, kind, track, texts."""
    name = item_name(new)
    out: list[str] = []
    if old.get("number") != new.get("number"):
        out.append(f"{item_name(old)} is now {name}")
    if old.get("title") != new.get("title"):
        out.append(f"{name}: title changed to '{new.get('title')}' (was '{old.get('title')}')")
    if old.get("kind") != new.get("kind"):
        out.append(f"{name} is now a {new.get('kind')} (was a {old.get('kind')})")
    for key, words in (("subtitle", "subtitle"), ("track", "track"), ("format", "format"),
                       ("language", "language")):
        if old.get(key) != new.get(key):
            out.append(f"{name}: {words} changed to '{new.get(key)}'" if new.get(key)
                       else f"{name}: {words} removed")
    for key, words in (("background", "background"), ("questions", "questions"),
                       ("questions_label", "questions' heading")):
        if old.get(key) != new.get(key):
            out.append(f"{name}: {words} changed")
    return out


def person_changes(name: str, old: Facts, new: Facts) -> list[str]:
    out = []
    if old.get("name") != new.get("name"):
        out.append(f"{old.get('name')} is now named {new.get('name')}")
    for key, words in PERSON_WORDS.items():
        a, b = old.get(key), new.get(key)
        if a == b:
            continue
        if a and b:
            out.append(f"{name}: {words} changed from '{a}' to '{b}'")
        elif b:
            out.append(f"{name}: {words} added: '{b}'")
        else:
            out.append(f"{name}: {words} removed (was '{a}')")
    return out
