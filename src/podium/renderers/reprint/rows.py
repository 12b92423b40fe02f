"""Planning stage of reprint/changes.pdf: the changes since the print run as rows (day, time,
room, the words, where the QR code points, the booklet pages they affect), in time order."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from podium import sitemap
from podium.changes.compare import Comparison
from podium.changes.diff import Change
from podium.changes.words import clock
from podium.i18n import Locale
from podium.model import Agenda

CHANGES_PAGE = "changes.html"
"""The site's page listing every change, at its root: where a change without an item of its
own (a person's, the event's) points."""


@dataclass(frozen=True)
class When:
    """Day, time and room of an item, as the sheet prints them."""

    day: str
    time: str
    room: str | None


@dataclass
class Row:
    """One row of the change sheet: the changes of one item (or of no item), one QR code."""

    key: str | None
    """The item's anchor now (or as it was, removed); None for changes of no item."""
    when: When | None
    was: When | None
    """When and where a moved item was, struck through beside `when`."""
    url: str
    texts: list[str] = field(default_factory=list)
    pages: list[int] = field(default_factory=list)
    """Booklet pages (of the record) that show any of the changes."""


def _when(facts: Any, locale: Locale, agenda: Agenda) -> When | None:
    if not isinstance(facts, dict):
        return None
    try:
        day = locale.day_short(dt.datetime.fromisoformat(str(facts.get("start_at"))).date())
    except ValueError:
        day = str(facts.get("day", ""))
    start, end = clock(facts), clock(facts, "end") if facts.get("end") else ""
    # In a one-room event an item without a room is in that room (signs.plan.room_of).
    room = facts.get("room_name") or (agenda.rooms[0].name if len(agenda.rooms) == 1 else None)
    return When(day, f"{start}–{end}" if end else start, str(room) if room else None)


def page_numbers(comparison: Comparison) -> dict[int, list[int]]:
    """Booklet page numbers by change (its id), from the record's booklet pages."""
    out: dict[int, list[int]] = {}
    for page, hits in comparison.booklet:
        number = page.key.removeprefix("page:")
        if not number.isdigit():
            continue
        for c in hits:
            out.setdefault(id(c), []).append(int(number))
    return out


def changes_url(agenda: Agenda) -> str:
    return sitemap.absolute(agenda.event.url, CHANGES_PAGE)


def rows(comparison: Comparison, agenda: Agenda, locale: Locale,
         changes: list[Change] | None = None) -> list[Row]:
    """The rows of `changes` (default: all of the comparison's), in time order; changes of
    the same item that follow one another share a row."""
    items = {it.anchor: it for _, it in agenda.items()}
    now = comparison.facts.get("items", {})
    before = comparison.record.facts.get("items", {})
    pages = page_numbers(comparison)
    out: list[Row] = []
    for c in comparison.changes if changes is None else changes:
        key = c.item or c.old_item
        if out and out[-1].key == key:
            row = out[-1]
        else:
            item = items.get(c.item) if c.item else None
            when = _when(now.get(c.item) if c.item else before.get(c.old_item), locale,
                         agenda)
            row = Row(key, when, None,
                      agenda.url_for_item(item) if item is not None else changes_url(agenda))
            out.append(row)
        if c.kind == "moved" and c.old_item:
            was = _when(before.get(c.old_item), locale, agenda)
            row.was = was if was != row.when else None
        row.texts.append(c.text)
        row.pages = sorted(set(row.pages) | set(pages.get(id(c), [])))
    return out


def print_run(comparison: Comparison, locale: Locale) -> str:
    """'30 November 2024, 20:53 UTC': when the record was made."""
    at = comparison.record.recorded_at.astimezone(dt.UTC)
    return f"{locale.long_date(at.date())}, {at:%H:%M} UTC"


def some_of(labels: list[str], most: int = 6) -> str:
    """The first `most` labels and how many more, for the build report (which lists
    what the reprints hold, and stays readable when a change touches every piece)."""
    shown = "; ".join(labels[:most])
    return shown + (f"; and {len(labels) - most} more" if len(labels) > most else "")
