"""Import stage: which programme day each event belongs to, from its absolute local start.

A source's `<day date=...>` is not to be trusted: wafer and some pentabarf exports write UTC
dates, so in Asia/Kolkata every morning event sits under the day before. The programme day
is therefore worked out from the event's own start in the event's time zone:
1. a source day with `start`/`end` bounds holds the events that start within them (39C3's
   day runs 11:00 to 06:00 next morning); its date is the local date of the bounds' middle,
   which is right whether the bounds were written in local time or in UTC;
2. otherwise an event belongs to the local date it starts on, except that one starting
   before DAY_CHANGE_HOUR belongs to the day before when that day has events of its own
   (a 01:00 party closes the evening; a 05:00 sunrise run on the first day opens it)."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from dataclasses import dataclass

from podium.importers.source import SourceDay

DAY_CHANGE_HOUR = 6
"""Events before 06:00 local belong to the previous programme day (the frab convention)."""


@dataclass(frozen=True)
class Bounds:
    """A source day's bounds in the event's zone, and the programme date they stand for."""

    index: int
    start: dt.datetime
    end: dt.datetime

    @property
    def date(self) -> dt.date:
        return (self.start + (self.end - self.start) / 2).date()

    def holds(self, moment: dt.datetime) -> bool:
        return self.start <= moment < self.end


class DayPlan:
    """Assigns programme dates; made once per import from the source days and every start."""

    def __init__(self, days: list[SourceDay], starts: list[dt.datetime],
                 tz: zoneinfo.ZoneInfo) -> None:
        self.bounds = {d.index: Bounds(d.index, d.start.astimezone(tz), d.end.astimezone(tz))
                       for d in days if d.start is not None and d.end is not None and d.start < d.end}
        # Local dates that hold daytime events: where a small-hours event may close the evening.
        self.daytime = {s.date() for s in starts if s.hour >= DAY_CHANGE_HOUR}

    def date_of(self, start: dt.datetime, day_index: int) -> dt.date:
        """The programme date of an event starting at `start` (local), listed under `day_index`."""
        listed = self.bounds.get(day_index)
        if listed is not None and listed.holds(start):
            return listed.date
        held = next((b for b in self.bounds.values() if b.holds(start)), None)
        if held is not None:
            return held.date
        date = start.date()
        before = date - dt.timedelta(days=1)
        if start.hour < DAY_CHANGE_HOUR and before in self.daytime:
            return before
        return date

    def source_day_date(self, day: SourceDay) -> dt.date:
        """What a source day's date really is: from its bounds when it has them."""
        bounds = self.bounds.get(day.index)
        return bounds.date if bounds is not None else day.date


def minutes_after(date: dt.date, start: dt.datetime) -> int:
    """`start` as minutes after the programme date's midnight (25:30 is 01:30 the next day)."""
    return (start.date() - date).days * 1440 + start.hour * 60 + start.minute
