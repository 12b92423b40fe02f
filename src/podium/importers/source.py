"""Import stage: a schedule as read from frab XML or schedule JSON, before it becomes an agenda."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Literal

DurationStyle = Literal["hms", "dhm"]


class ImportFailed(Exception):
    """The file cannot be imported at all (unreadable, unknown format, no events structure)."""


@dataclass
class SourcePerson:
    """A person element: the source's key (guid, code or id) and the name as given."""

    key: str | None
    name: str
    role: str = ""
    """The person's role in the event, where the source gives one (c3voc JSON, podium's
    own schedule.json): "chair", "moderator" or "host" make the person the item's chair."""


@dataclass
class SourceEvent:
    """One event as the source states it; times stay absolute until the conversion."""

    day_index: int
    room: str
    block_room: str
    start: dt.datetime | None
    fallback_start: str
    duration: str
    title: str
    end: str = ""
    """An `<end>` some exports give instead of a duration (a date-time or HH:MM)."""
    guid: str = ""
    ident: str = ""
    code: str = ""
    slug: str = ""
    url: str = ""
    subtitle: str = ""
    track: str = ""
    type: str = ""
    language: str = ""
    abstract: str = ""
    description: str = ""
    persons: list[SourcePerson] = field(default_factory=list)


@dataclass
class SourceTrack:
    """A track as the source lists it in its conference: a name, and a colour when given."""

    name: str
    colour: str = ""


@dataclass
class SourceDay:
    """A day as the source lists it; `date` may be a UTC date (see importers.days)."""

    index: int
    date: dt.date
    start: dt.datetime | None = None
    """The day's bounds (`<day start end>`, JSON `day_start`/`day_end`), when given."""
    end: dt.datetime | None = None


@dataclass
class SourceSchedule:
    """Everything print needs from an export, in the source's own order."""

    format: str
    duration_style: DurationStyle
    title: str
    days: list[SourceDay]
    events: list[SourceEvent]
    subtitle: str = ""
    venue: str = ""
    city: str = ""
    timezone: str = ""
    base_url: str = ""
    tracks: list[SourceTrack] = field(default_factory=list)
    """The conference's list of tracks (c3voc and pretalx give colours; FOSDEM names only)."""
    persons_outside: int = 0
    """Events whose speakers were found outside a `<persons>` wrapper (bare `<person>`)."""
    empty_room_blocks: list[tuple[dt.date, str]] = field(default_factory=list)


_DURATION = re.compile(r"(\d+):(\d{1,2})(?::(\d{1,2}))?\Z")


def parse_duration(text: str, style: DurationStyle = "hms") -> int:
    """A duration in whole minutes: `HH:MM`, `H:MM`, and with three parts `HH:MM:SS` (frab XML,
    style "hms") or `D:HH:MM` (pretalx JSON, style "dhm"). Seconds round to the nearest minute."""
    m = _DURATION.match(text.strip())
    if not m:
        raise ValueError(f"'{text}' is not a duration (HH:MM, HH:MM:SS or D:HH:MM)")
    a, b, c = int(m.group(1)), int(m.group(2)), m.group(3)
    if c is None:
        if b > 59:
            raise ValueError(f"'{text}' is not a duration: minutes run 00-59")
        return a * 60 + b
    last = int(c)
    if b > 59 or last > 59 or (style == "dhm" and b > 23):
        raise ValueError(f"'{text}' is not a duration")
    if style == "dhm":
        return a * 1440 + b * 60 + last
    return a * 60 + b + (1 if last >= 30 else 0)


def parse_instant(text: str) -> dt.datetime | None:
    """An ISO 8601 date-time (`2025-02-01T09:30:00+01:00`); None when absent or unreadable."""
    text = text.strip()
    if not text:
        return None
    try:
        return dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None


def parse_day_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text.strip()[:10])
    except ValueError as exc:
        raise ImportFailed(f"day date '{text}' is not a date") from exc
