"""Model stage: where each page of the online agenda lives, relative to event.url (a folder).

One place for the URL scheme (see the README's online agenda section), so that every QR code,
calendar link and page link agree. Ids are letters, digits, '-', '_' and '.', starting with a
letter or digit (values.parse_id), so they go into paths as they are."""

from __future__ import annotations

import datetime as dt

INDEX = "index.html"
NOW = "now.html"
MY = "my.html"
SEARCH = "search.html"
CHANGES = "changes.html"
"""What changed since the programme was printed (there also when nothing did)."""


def item_path(anchor: str) -> str:
    """'sessions/session-3.html'."""
    return f"sessions/{anchor}.html"


def item_calendar_path(anchor: str) -> str:
    """'sessions/session-3.ics': one item for a calendar."""
    return f"sessions/{anchor}.ics"


def person_path(person_id: str) -> str:
    return f"people/{person_id}.html"


def room_path(room_id: str) -> str:
    return f"rooms/{room_id}.html"


def room_day_path(room_id: str | None, date: dt.date) -> str:
    """A room's day; without a room (a one-room event), the day itself."""
    return day_path(date) if room_id is None else f"rooms/{room_id}/{date.isoformat()}.html"


def day_path(date: dt.date) -> str:
    return f"days/{date.isoformat()}.html"


def track_path(track_id: str) -> str:
    return f"tracks/{track_id}.html"


def screen_path(room_id: str) -> str:
    return f"screens/{room_id}.html"


def room_calendar_path(room_id: str) -> str:
    return f"calendars/room-{room_id}.ics"


def track_calendar_path(track_id: str) -> str:
    return f"calendars/track-{track_id}.ics"


def absolute(event_url: str, path: str) -> str:
    """`path` under the event's URL, joined with exactly one '/'."""
    return f"{event_url.rstrip('/')}/{path.lstrip('/')}" if path else event_url


def root_of(path: str) -> str:
    """The relative way back to the site's root from the page at `path`: '', '../', '../../'."""
    return "../" * path.count("/")
