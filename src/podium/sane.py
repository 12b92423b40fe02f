"""Model stage: the validators that keep what `check` accepts buildable (lengths, years, ids)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import AfterValidator

from podium.limits import FIRST_YEAR, LAST_YEAR, MAX_ID_CHARS, MAX_LINE_CHARS, MAX_URL_CHARS


def _at_most(limit: int, what: str) -> Any:
    def check(text: str) -> str:
        if len(text) > limit:
            # The start of the text, on one line, to say which it is.
            raise ValueError(f"'{' '.join(text[:40].split())}…' is {len(text):,} characters long; {what}")
        return text
    return AfterValidator(check)


ONE_LINE = _at_most(MAX_LINE_CHARS, f"a one-line text (a title, a name) has at most {MAX_LINE_CHARS:,}; "
                    "long text belongs in background")
ID_LENGTH = _at_most(MAX_ID_CHARS, f"an id has at most {MAX_ID_CHARS} (it goes into URLs and QR codes)")
URL_LENGTH = _at_most(MAX_URL_CHARS, f"a URL has at most {MAX_URL_CHARS} (QR codes must hold it)")


def in_years(date: dt.date) -> dt.date:
    """Year 1 or 9999 is a typo, and times past midnight, calendars and time zones need the
    days around the date to exist."""
    if not FIRST_YEAR <= date.year <= LAST_YEAR:
        raise ValueError(f"{date} is not a date podium can plan: years run from {FIRST_YEAR} to {LAST_YEAR}")
    return date


def not_a_float(value: Any) -> Any:
    """Unquoted, `1.10` is the number 1.1: as an id it would no longer be what was written,
    and the checks, which compare ids as written, would not find it."""
    if isinstance(value, float):
        raise ValueError(f"{value} is read as a number, not an id; write the id in quotes")
    return value


def is_ref(value: Any) -> bool:
    """A value that names a person: an id written as a whole number (`chair: 7`) is the id
    "7", as checks.py reads it; 1.5 goes on to `not_a_float`."""
    return isinstance(value, str | int | float) and not isinstance(value, bool)


def some(days: list[Any]) -> list[Any]:
    if not days:
        raise ValueError("the agenda has no days; list at least one, with its date and items")
    return days
