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


_LANGUAGE = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*\Z")


def parse_language(value: object) -> str:
    """A BCP 47 language tag such as en, en-GB or pt-BR."""
    text = str(value).strip()
    if not _LANGUAGE.match(text):
        raise ValueError(f"'{text}' is not a language tag; write it as en, en-GB, es or fr")
    return text


def language_tag(value: str | None) -> str | None:
    """An item's free-form `language` ('en', 'de', 'German') as a tag, when it reads as one."""
    if value is None or not _LANGUAGE.match(value.strip()):
        return None
    return value.strip()


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


# -- people's names: family name, sort key, index letter ------------------------------------

# Asides in brackets: pronouns "(she/her)", nicknames "(Goffi)", an address "<a@b.org>". One
# left open runs to the end, as in an export that cut the name short.
_ASIDE = re.compile(r"\([^()]*\)?|\[[^\[\]]*\]?|\{[^{}]*\}?|<[^<>]*>?")
# Nicknames in quotes. The quotes must open and close at word boundaries, so that the
# apostrophe in O'Neill, d'Avernas or Prud'hommeaux is never taken for one.
_QUOTED = re.compile(r"(?<!\w)(?:\"[^\"]*\"|'[^']*'|“[^“”]*”|‘[^‘’]*’|„[^„“”]*[“”]|«[^«»]*»|»[^«»]*«"
                     r"|‹[^‹›]*›)(?!\w)")
# After a comma, a bar or a spaced slash or dash comes something other than the name: a
# post-nominal or call sign ("Jann Traschewski, DG8NGN"), an affiliation ("Tim Mäcken |
# Radiomegahertz"), further people ("Stefan, Yannik & Rike"). `name` is written given name
# first, so the part before the comma is the name (and for "Family, Given" it is the family).
_AFTER = re.compile(r"\s*[,|]\s*|\s+[/–—-]\s+")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.\w+")
# A lower-case article elided onto the family name: d'Avernas sorts under A. O'Connor keeps
# its O, as English indexes do.
_ELISION = re.compile(r"(?:d|l|dell|dall|all)['’](?=\w)")

_HONORIFICS = frozenset({"dr", "prof", "mr", "mrs", "ms", "mx", "sir", "dame"})
_SUFFIXES = frozenset({"jr", "sr", "phd", "ph.d", "esq", "dphil"})
# Upper case only: "Md" before a name is Mohammed, and "Ii" or "Iv" could be a name.
_UPPER_SUFFIXES = frozenset({"II", "III", "IV", "VI", "VII", "VIII", "MD", "M.D", "MBA", "MSc",
                             "DDS", "OBE", "MBE", "CBE"})
# Written in lower case these belong to the family name but not to its sort order: van der
# Grinten sorts under G, von Alfthan under A, de Bustos Pérez under B (Dutch, German, French
# and Spanish practice; English indexes would put van der Grinten under V).
_PARTICLES = frozenset({"van", "von", "vom", "zu", "zum", "zur", "der", "den", "de", "del", "della",
                        "delle", "dei", "degli", "di", "da", "das", "do", "dos", "du", "des", "la",
                        "le", "les", "ten", "ter", "te", "op", "'t", "’t", "af", "av", "al", "el",
                        "bin", "ibn", "bint"})
# Written with a capital they are part of the sort order too, as in Belgian, Italian and
# Breton names: Van de Wynckel under V, Di Maio under D, Le Guen de Kerneizon under L.
_CAPITAL_PARTICLES = frozenset({"Van", "Von", "De", "Del", "Della", "Der", "Den", "Di", "Da", "Du",
                                "Dos", "Das", "Le", "La", "Ten", "Ter", "Vanden", "Vander"})
# "Ortega y Gasset", "Puig i Cadafalch": the conjunction joins two family names.
_CONJUNCTIONS = frozenset({"y", "e", "i"})
# After every other character: keys of names without a letter or digit sort last.
_LAST = "\U0010ffff"


def _heads_group(c: str) -> bool:
    # A letter or digit that can head an index group; not a modifier letter such as the
    # ʻokina, which is read as punctuation.
    category = unicodedata.category(c)
    return category[0] in "LN" and category != "Lm"


def _family_first(c: str) -> bool:
    # Chinese, Japanese and Korean names are written family name first (宮崎 駿, 林原 めぐみ).
    o = ord(c)
    return (0x2E80 <= o <= 0x9FFF or 0xAC00 <= o <= 0xD7AF or 0x1100 <= o <= 0x11FF
            or 0xF900 <= o <= 0xFAFF or 0x20000 <= o <= 0x3FFFF)


def _trim(word: str) -> str:
    # Punctuation at the ends of a word ("Sam.", "A.J.", "@nick", "Smith;") is not part of
    # the name; a leading apostrophe is ('t Hooft).
    end = len(word)
    while end and unicodedata.category(word[end - 1])[0] in "PZC":
        end -= 1
    start = 0
    while start < end and word[start] not in "'’" and unicodedata.category(word[start])[0] in "PZC":
        start += 1
    return word[start:end]


def _words(name: str) -> list[str]:
    """The words of the name proper: without asides, nicknames, what follows a comma or bar,
    e-mail addresses and words with no letter or digit (a dash, an ampersand, an emoji)."""
    text = _QUOTED.sub(" ", _ASIDE.sub(" ", name))
    if not any(c.isalnum() for c in text):
        text = name  # "(Goffi)" on its own is the name
    parts = _AFTER.split(text)
    text = next((p for p in parts if any(c.isalpha() for c in p)),
                next((p for p in parts if any(c.isalnum() for c in p)), text))
    raw = text.split()
    addresses = [w for w in raw if _EMAIL.fullmatch(w)]
    words = [t for w in raw if not _EMAIL.fullmatch(w) and (t := _trim(w))]
    if not words and addresses:
        return [addresses[0].split("@", 1)[0]]  # the name is an address: its local part
    named = [w for w in words if any(c.isalnum() for c in w)]
    return named or words or raw


def _is_suffix(word: str) -> bool:
    bare = word.rstrip(".")
    return bare.casefold() in _SUFFIXES or bare in _UPPER_SUFFIXES


@lru_cache(maxsize=8192)
def _parse(name: str) -> tuple[str, str]:
    """(the name proper, its family name); the same names are sorted for the booklet, the
    online agenda and the badges."""
    words = _words(name)
    while len(words) > 1 and words[0].rstrip(".").casefold() in _HONORIFICS:
        words = words[1:]
    while len(words) > 1 and _is_suffix(words[-1]):
        words = words[:-1]
    proper = " ".join(words)
    if len(words) < 2:
        return proper, proper
    first = next((c for c in proper if c.isalpha()), "")
    if first and _family_first(first):
        return proper, words[0]
    start = len(words) - 1
    # The family name starts at the first particle after the given name (van der Grinten,
    # de Almeida Cipriano, Le Guen de Kerneizon) or one word before a conjunction.
    for i in range(1, len(words) - 1):
        if words[i] in _CONJUNCTIONS:
            if i > 1:
                start = i - 1
                break
        elif words[i] in _PARTICLES or words[i] in _CAPITAL_PARTICLES:
            start = i
            break
    return proper, " ".join(words[start:])


def family_name_of(name: str) -> str:
    """The family name in `name` as printed in an index, particles included ("van der
    Grinten", "de Bustos Pérez", "Le Cuirot"). The name is read given name first: the family
    name is the last word, or starts earlier at a particle (van, von, de, del, di, le, ...
    not as the first word), or one word before a conjunction (Ortega y Gasset). Ignored:
    asides in brackets and nicknames in quotes, what follows a comma or bar, e-mail
    addresses, punctuation at the ends of words, honorifics before the name (Dr., Prof.,
    Mr., Ms., Mrs.) and suffixes after it (Jr., Sr., III, PhD, MD, Esq.). Chinese, Japanese
    and Korean names are family name first (宮崎 駿 -> 宮崎); a single word (a handle, a
    name written without spaces such as 章子怡) is its own family name. Other orders
    (Hungarian, Vietnamese, Icelandic patronymics) need `family_name` in the agenda."""
    return _parse(name)[1]


def family_sort_key(family: str) -> str:
    """How a family name sorts: case and accents folded, lower-case particles in front
    dropped (van der Grinten -> grinten, d'Avernas -> avernas; capitalised Van de Wynckel
    keeps its V), starting with a letter or digit ("" if it has none)."""
    words = family.split()
    while len(words) > 1 and words[0] in _PARTICLES:
        words = words[1:]
    if words and (elided := _ELISION.match(words[0])):
        words[0] = words[0][elided.end():]
    return _from_group_letter(_fold(" ".join(words)))


def _from_group_letter(key: str) -> str:
    start = next((i for i, c in enumerate(key) if _heads_group(c)), len(key))
    return key[start:]


def name_sort_key(name: str, family_name: str | None = None,
                  sort_as: str | None = None) -> tuple[str, str]:
    """How people sort: by `sort_as` when given (as written, particles and all), else by the
    family name (`family_name` when given, else `family_name_of(name)`) as `family_sort_key`
    folds it; then by the name proper. Case and accents are ignored (Ørsted near Orr,
    Álvarez near Alvarez). Names with no letter or digit sort after all others."""
    proper, found = _parse(name)
    key = _from_group_letter(_fold(sort_as)) if sort_as else family_sort_key(family_name or found)
    if not key:
        key = _LAST + _fold(name)
    return (key, _fold(proper))


def index_letter(key: tuple[str, str]) -> str | None:
    """The letter or digit that heads this sort key's group in an index, in upper case;
    None for a name with neither, which goes in a last group of its own."""
    first = key[0][:1]
    return None if not first or first == _LAST else first.upper()


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
