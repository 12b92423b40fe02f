"""Reading stage: the values of the attendees CSV columns that paperwork reads (remote,
country), each checked as it is read, with did-you-mean."""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from babel import Locale as BabelLocale

from podium.i18n import LANGUAGES
from podium.problems import did_you_mean

YES = ("yes", "y", "true", "1", "x", "sí", "si", "oui", "vtc", "remote")
NO = ("no", "n", "false", "0", "non", "in person")

UN_NAMES = (
    "United States of America", "United Kingdom of Great Britain and Northern Ireland",
    "Russian Federation", "Republic of Korea", "Democratic People's Republic of Korea",
    "Iran (Islamic Republic of)", "Bolivia (Plurinational State of)",
    "Venezuela (Bolivarian Republic of)", "Viet Nam", "Türkiye", "Syrian Arab Republic",
    "Lao People's Democratic Republic", "Republic of Moldova", "United Republic of Tanzania",
    "Holy See", "State of Palestine", "Democratic Republic of the Congo",
    "Micronesia (Federated States of)", "Netherlands (Kingdom of the)", "Brunei Darussalam",
    "Cabo Verde", "Eswatini", "North Macedonia", "Czechia")
"""Names the United Nations lists use where CLDR's short names differ (a list of
participants of a UN meeting writes these)."""


def remote_value(value: str | None) -> tuple[bool, str | None]:
    """(takes part by video link, the problem with the value or None). Empty means no."""
    if value is None:
        return False, None
    word = value.strip().casefold()
    if word in YES:
        return True, None
    if word in NO:
        return False, None
    return False, (f"'{value}' is not yes or no{did_you_mean(word, YES + NO)} (remote: yes "
                   "for someone who takes part by video link only; empty or no otherwise)")


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())


@lru_cache(maxsize=1)
def countries() -> dict[str, str]:
    """Every country name podium knows, folded (case and accents), to the name as written:
    CLDR's names in each printed language, their two-letter codes, the UN's own names."""
    out: dict[str, str] = {}
    for language in LANGUAGES:
        for code, name in BabelLocale.parse(language).territories.items():
            if len(code) == 2 and code.isalpha() and code not in ("ZZ", "EU", "EZ", "UN", "QO"):
                out.setdefault(_fold(name), name)
                out.setdefault(code.casefold(), code)
    for name in UN_NAMES:
        out.setdefault(_fold(name), name)
    return out


def country_problem(value: str) -> str | None:
    """Why `value` is not a country name podium knows (a warning: it still prints), or None."""
    known = countries()
    if _fold(value) in known:
        return None
    names = [n for n in known.values() if len(n) > 2]
    return (f"unknown country '{value}'{did_you_mean(value, names)} (it prints as written; "
            "the list of participants groups by it)")
