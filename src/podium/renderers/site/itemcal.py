"""Calendar stage of the online agenda: one small calendar per item, sessions/ANCHOR.ics.

A session page's "add to calendar" file is agenda.ics with that item's event alone: the same
header and VTIMEZONE (slow to work out, so taken from agenda.ics's bytes, not made again) and
the same VEVENT, byte for byte. agenda.ics lists its events in programme order."""

from __future__ import annotations

from podium.model import Agenda

_BEGIN = b"BEGIN:VEVENT\r\n"
_END = b"END:VEVENT\r\n"


def item_calendars(agenda: Agenda, whole: bytes) -> dict[str, bytes]:
    """{anchor: calendar bytes} for every item, cut from `whole` (agenda.ics)."""
    first, last = whole.find(_BEGIN), whole.rfind(_END)
    if first < 0 or last < 0:
        return {}
    head, tail = whole[:first], whole[last + len(_END):]
    events = [_BEGIN + chunk for chunk in whole[first + len(_BEGIN):last + len(_END)].split(_BEGIN)]
    items = [item for _day, item in agenda.items()]
    if len(events) != len(items):
        raise ValueError(f"agenda.ics holds {len(events)} events for {len(items)} items")
    return {item.anchor: head + event + tail for item, event in zip(items, events, strict=True)}
