"""Validation stage: parsers for the agenda's scalar values (dates, times, zones, URLs, ids)."""

from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata
import zoneinfo
from functools import lru_cache
from urllib.parse import urlsplit

from podium.problems import did_you_mean

_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})\Z")
_TIME = re.compile(r"(\d{1,2}):(\d{2})\Z")
_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*\Z")


def parse_date(value: object) -> dt.date:
    """`2024-12-10` -> date; explains impossible dates such as 2025-02-30."""
    if isinstance(value, dt.date):
        return value
    m = _DATE.match(str(value).strip())
    if not m:
        raise ValueError(f"'{value}' is not a date; write it as YYYY-MM-DD, e.g. 2024-12-10")
    year, month, day = (int(g) for g in m.groups())
    if not 1 <= month <= 12:
        raise ValueError(f"'{value}' is not a date: there is no month {month}")
    last = calendar.monthrange(year, month)[1]
    if not 1 <= day <= last:
        name = calendar.month_name[month]
        raise ValueError(f"'{value}' is not a date: {name} {year} has {last} days")
    return dt.date(year, month, day)


def parse_minutes(value: object) -> int:
    """`09:30` -> 570: minutes after the programme day's midnight. Hours 24-47 are the small
    hours after midnight that still belong to that day (a party that ends at 02:00 on the
    next calendar date is written 26:00), as in frab schedules and transit timetables."""
    if isinstance(value, dt.time):
        return value.hour * 60 + value.minute
    text = str(value).strip()
    m = _TIME.match(text)
    if not m:
        raise ValueError(f"'{text}' is not a time; write it as HH:MM on the 24-hour clock, "
                         "e.g. 09:30 or 14:15 (and quote it: \"09:30\")")
    hour, minute = int(m.group(1)), int(m.group(2))
    if hour > 47 or minute > 59:
        raise ValueError(f"'{text}' is not a time of day: hours run 00-23 (24-47 for times after "
                         "midnight that belong to the day before) and minutes 00-59")
    return hour * 60 + minute


def parse_time(value: object) -> dt.time:
    """`09:30` or `9:30` -> time of day on the 24-hour clock (`25:30` -> 01:30)."""
    minutes = parse_minutes(value) % (24 * 60)
    return dt.time(minutes // 60, minutes % 60)


@lru_cache(maxsize=1)
def _zones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


def parse_timezone(value: object) -> str:
    """An IANA time-zone name such as America/Montevideo."""
    text = str(value).strip()
    if text not in _zones():
        hint = did_you_mean(text, _zones())
        raise ValueError(f"unknown time zone '{text}'{hint or '; use an IANA name such as Europe/Berlin'}")
    return text


def parse_url(value: object) -> str:
    """An absolute http(s) URL; the online agenda lives at or below it."""
    text = str(value).strip()
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(f"'{text}' is not an http(s) URL; write it in full, "
                         "e.g. https://example.org/agenda/")
    if parts.query or parts.fragment:
        raise ValueError(f"'{text}' must not have a query or #fragment: podium adds its own")
    return text


PLACEHOLDER_URL = "https://agenda.invalid/change-me/"
"""What `podium import` writes as event.url until the organiser says where the site lives."""

_PLACEHOLDER_HOSTS = re.compile(r"(?:.*\.)?(?:example\.(?:org|com|net)|[^.]+\.(?:invalid|example|test)"
                                r"|invalid|example|test|localhost)\Z")


def is_placeholder_url(url: str) -> bool:
    """example.org, .invalid, .test, localhost: addresses that can never hold the site."""
    host = (urlsplit(url).hostname or "").lower()
    return bool(_PLACEHOLDER_HOSTS.match(host))


def parse_id(value: object) -> str:
    """Ids are short, plain and stable, since they end up in URLs."""
    text = str(value).strip()
    if not _ID.match(text):
        raise ValueError(f"'{text}' is not a usable id: use letters, digits, '-', '_' or '.', "
                         "starting with a letter or digit")
    return text


def slug(text: str) -> str:
    """An ASCII URL fragment made from a title."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "item"


def name_sort_key(name: str, family_name: str | None = None) -> tuple[str, str]:
    """How people sort: by family name (the last word of `name` unless given), then by the
    whole name, ignoring case and accents (Ørsted near Orr, Álvarez near Alvarez)."""
    words = name.split()
    family = family_name or (words[-1] if words else "")
    return (_fold(family), _fold(name))


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def split_paragraphs(value: object) -> list[str]:
    """Background text: a list of paragraphs, or one text whose paragraphs are split by blank lines."""
    if value is None:
        return []
    if isinstance(value, str):
        blocks = re.split(r"\n[ \t]*\n", value.strip())
        return [" ".join(b.split()) for b in blocks if b.strip()]
    if isinstance(value, list):
        return value  # each entry is then checked as text by the schema
    raise ValueError("expected text, or a list of paragraphs")
