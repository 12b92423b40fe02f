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


def _also(room: str) -> str:
    """', Hall A' inside brackets already open (one pair of brackets, not two)."""
    return f", {room}" if room else ""


def _in(room: str) -> str:
    """' (Hall A)', or ' in UA2.114 (Baudoux)' for a name that has its own brackets."""
    if not room:
        return ""
    return f" in {room}" if "(" in room else f" ({room})"


def when_words(f: Facts) -> str:
    """'Wed 11 Dec 14:00–15:00 (Hall A)'."""
    return f"{day_words(f)} {span(f)}{_in(room_words(f))}"


def at_words(f: Facts) -> str:
    """'Wed 11 Dec 14:00–15:00, Hall A': when_words to go inside brackets of its own."""
    room = room_words(f)
    return f"{day_words(f)} {span(f)}{', ' + room if room else ''}"


def was_words(f: Facts) -> str:
    """'(was Wed 11 Dec 14:00–15:00, Hall A)'."""
    return f"(was {at_words(f)})"


def _same_day(old: Facts, new: Facts) -> bool:
    a, b = _at(old), _at(new)
    return a is not None and b is not None and a.date() == b.date()


def _duration(f: Facts) -> int | None:
    try:
        (sh, sm), (eh, em) = (str(f[k]).split(":") for k in ("start", "end"))
        return (int(eh) * 60 + int(em)) - (int(sh) * 60 + int(sm))
    except (KeyError, ValueError):
        return None


def _ends(f: Facts) -> str:
    return clock(f, "end") if f.get("end") else "open-ended"


def moved(old: Facts, new: Facts) -> str | None:
    """The time and room change, in one sentence, or None when neither changed: a move that
    keeps the length names the starts only; a change of the start or the end alone says so."""
    name = item_name(new)
    times = old.get("start_at") != new.get("start_at")
    ends = old.get("end") != new.get("end")
    # A room renamed (same id) or re-keyed (same name) moves nobody: that is the room's change.
    rooms = room_words(old) != room_words(new) and old.get("room") != new.get("room")
    if not (times or ends or rooms):
        return None
    there, here = room_words(old) or "no room", room_words(new) or "no room"
    same_day = _same_day(old, new)
    if not times and not rooms:
        return f"{name} now ends at {_ends(new)} (was {_ends(old)}{_also(room_words(new))})"
    if not times:
        return f"{name} moves from {there} to {here} ({day_words(new)} {span(new)})"
    if not ends and not rooms and same_day and new.get("end"):
        return f"{name} now starts at {clock(new)} (was {clock(old)}{_also(room_words(new))})"
    if _duration(old) == _duration(new):
        a, b = clock(old), clock(new)
    else:
        a, b = span(old), span(new)
    if not same_day:
        a, b = f"{day_words(old)} {a}", f"{day_words(new)} {b}"
    if rooms:
        return f"{name} moves from {a} in {there} to {b} in {here}"
    return f"{name} moves from {a} to {b}{_in(room_words(new))}"


def _role(new: Facts, as_chair: bool) -> str:
    """What the sign calls them: the chair, and panelists beside a chair, else speakers."""
    if as_chair:
        return "chair"
    return "panelist" if new.get("chair") else "speaker"


def _quoted(value: Any) -> str:
    return f"'{value}'"


def people_changes(old: Facts, new: Facts, names: dict[str, str] | None = None
                   ) -> list[tuple[str, set[str], bool]]:
    """Chairs and speakers added, removed, joining by video or in person: (words, persons,
    whether the speakers' index changes: it lists who is in which item, and the chairs)."""
    name = item_name(new)
    out: list[tuple[str, set[str], bool]] = []
    # People by their names alone, as in the people's own changes ('Cheri Baker: ...').
    known = names or {}
    for key, as_chair in (("chair", True), ("speakers", False)):
        before = {str(e.get("person")): e for e in _entries(old, key)}
        after = {str(e.get("person")): e for e in _entries(new, key)}
        role = _role(new, as_chair)
        for pid, e in after.items():
            if pid not in before:
                via = " (via VTC)" if e.get("remote") else ""
                out.append((f"{name}: {known.get(pid, e.get('name', pid))} added as {role}{via}",
                            {pid}, True))
        for pid, e in before.items():
            if pid not in after:
                out.append((f"{name}: {known.get(pid, e.get('name', pid))} removed as "
                            f"{_role(old, as_chair)}", {pid}, True))
        for pid, e in after.items():
            b = before.get(pid)
            if b is None:
                continue
            who = known.get(pid, e.get("name", pid))
            if bool(b.get("remote")) != bool(e.get("remote")):
                how = "now joins via VTC" if e.get("remote") else "now attends in person"
                out.append((f"{name}: {who} {how}", {pid}, False))
            if b.get("role") != e.get("role"):
                text = (f"described as {_quoted(e.get('role'))} (was {_quoted(b.get('role'))})"
                        if b.get("role") and e.get("role") else
                        f"described as {_quoted(e.get('role'))}" if e.get("role") else
                        f"no longer described as {_quoted(b.get('role'))}")
                out.append((f"{name}: {who} {text}", {pid}, False))
        common = [p for p in after if p in before]
        if common != [p for p in before if p in after]:
            out.append((f"{name}: the order of the {role}s changed", set(common), False))
    return out


def _entries(f: Facts, key: str) -> list[dict[str, Any]]:
    found = f.get(key)
    return [e for e in found if isinstance(e, dict)] if isinstance(found, list) else []


def _a(word: str) -> str:
    return f"{'an' if word[:1] in 'aeiou' else 'a'} {word}"


def details(old: Facts, new: Facts) -> list[str]:
    """What else of the item changed: its name, kind, track, texts."""
    name = item_name(new)
    out: list[str] = []
    if old.get("number") != new.get("number"):
        out.append(f"{item_name(old)} is now {name}" if new.get("number") is not None
                   else f"{item_name(old)} is no longer numbered")
    if old.get("title") != new.get("title"):
        change = f"title changed from {_quoted(old.get('title'))} to {_quoted(new.get('title'))}"
        out.append(f"{name}: {change}" if new.get("number") is not None
                   else f"{change[0].upper()}{change[1:]} ({at_words(new)})")
    if old.get("kind") != new.get("kind"):
        out.append(f"{name} is now {_a(str(new.get('kind')))} (was {_a(str(old.get('kind')))})")
    for key, words in (("subtitle", "subtitle"), ("track", "track"), ("format", "format"),
                       ("language", "language")):
        a, b = old.get(key), new.get(key)
        if a != b:
            out.append(f"{name}: {words} changed from {_quoted(a)} to {_quoted(b)}" if a and b
                       else f"{name}: {words} {_quoted(b)} added" if b
                       else f"{name}: {words} {_quoted(a)} removed")
    for key, words in (("background", "background text"), ("questions", "questions"),
                       ("questions_label", "heading of the questions")):
        if old.get(key) != new.get(key):
            out.append(f"{name}: {words} changed")
    return out


def person_changes(name: str, old: Facts, new: Facts) -> list[str]:
    """A person's (or attendee's) own fields, as their badge shows them."""
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
            out.append(f"{name}: {words} '{b}' added")
        else:
            out.append(f"{name}: {words} '{a}' removed")
    return out
