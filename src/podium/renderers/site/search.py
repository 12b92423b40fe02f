"""Search stage of the online agenda: search.json, the prebuilt index the browser loads.

One file serves both the search box and "My agenda": the sessions (title, times in UTC
minutes, room, speakers) and the people (name, organisation), then every word folded
(NFKD, marks dropped, lower case) with the documents it occurs in. Terms are sorted in
UTF-16 order, the order JavaScript compares strings in, so the browser finds a prefix by
bisection. A posting is `doc * 4 + rank`: rank 2 for a word of a person's own name, 1 for a
word of a title, a speaker's name or an organisation, 0 for a word of an abstract, room or
track (the browser weighs them 4, 3 and 1). Each term's
postings are differences from the one before, written in base 32 with one alphabet for the
last digit of a number and another for the digits before it, so that a list needs no
commas ('3', 'b', 'B4' are 3, 11, 36); the lists are one string, a space between terms.
The terms are one string too, each written as how many leading characters it shares with
the one before (0-9) and the rest. Both roughly
halve the file against plain JSON lists.

The same data is written as search.js (`podiumIndex({...})`) for a site opened from
file://, where a browser refuses to fetch a file but still runs a script."""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from podium import present, sitemap
from podium.i18n import Locale
from podium.model import Agenda, Item, Person
from podium.renderers.site.view import place_of

INDEX = "search.json"
SCRIPT = "search.js"
VERSION = 1

_WORD = re.compile(r"[^\W_]+")

LAST_DIGITS = "0123456789abcdefghijklmnopqrstuv"
MORE_DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ-_.~*+"
"""The two base-32 alphabets of a posting list; app.js decodes with the same ones."""


class _Marks(dict[int, str | None]):
    """str.translate's table that drops marks (\\p{M}), each character looked up once."""

    def __missing__(self, code: int) -> str | None:
        kept = None if unicodedata.category(chr(code)).startswith("M") else chr(code)
        self[code] = kept
        return kept


_MARKS = _Marks()


def fold(text: str) -> str:
    """'Fernández-Villaverde' -> 'fernandez-villaverde': what a query and the index share.

    The browser's app.js does the same: normalize('NFKD'), drop \\p{M}, toLowerCase()."""
    if text.isascii():
        return text.lower()
    return unicodedata.normalize("NFKD", text).translate(_MARKS).lower()


def words(text: str) -> list[str]:
    """The folded words of a text, as both sides split them (letters and digits)."""
    return _WORD.findall(fold(text))


def _utf16(term: str) -> bytes:
    return term.encode("utf-16-be", "surrogatepass")


@dataclass
class _Postings:
    """term -> {doc: rank} while the index is made."""

    terms: dict[str, dict[int, int]] = field(default_factory=dict)

    def add(self, doc: int, texts: Iterable[str], rank: int) -> None:
        found: set[str] = set()
        for text in texts:
            found.update(words(text))
        for w in found:
            docs = self.terms.get(w)
            if docs is None:
                self.terms[w] = {doc: rank}
            elif docs.get(doc, -1) < rank:
                docs[doc] = rank

    def packed(self) -> tuple[str, str]:
        order = sorted(self.terms, key=_utf16)
        lists: list[str] = []
        for term in order:
            previous, digits = 0, []
            for doc in sorted(self.terms[term]):
                posting = doc * 4 + self.terms[term][doc]
                digits.append(_number(posting - previous))
                previous = posting
            lists.append("".join(digits))
        return _front_coded(order), " ".join(lists)


def _number(n: int) -> str:
    if n < 32:
        return LAST_DIGITS[n]
    out = LAST_DIGITS[n % 32]
    n //= 32
    while n:
        out = MORE_DIGITS[n % 32] + out
        n //= 32
    return out


def _front_coded(terms: list[str]) -> str:
    """'and android angle' -> 'and 2droid 2gle' (at most 9 shared UTF-16 units, which is
    what JavaScript's slice counts)."""
    out, previous = [], ""
    for term in terms:
        shared = 0
        limit = min(len(term), len(previous), 9)
        while shared < limit and term[shared] == previous[shared]:
            shared += 1
        units = shared
        if not term[:shared].isascii():
            # A character past U+FFFF is two units in JavaScript.
            while (units := len(_utf16(term[:shared])) // 2) > 9:
                shared -= 1
        out.append(f"{units}{term[shared:]}")
        previous = term
    return " ".join(out)


def _minutes(moment: dt.datetime) -> int:
    """Minutes since 1970 in UTC: what the browser turns into DTSTART/DTEND."""
    return int(moment.astimezone(dt.UTC).timestamp()) // 60


def _end(item: Item) -> dt.datetime:
    # As agenda.ics: an open-ended last item lasts an hour in a calendar.
    return item.end_at if item.end_at is not None else item.start_at + dt.timedelta(hours=1)


def _who(agenda: Agenda, item: Item) -> list[str]:
    return [a.name for a in present.chairs(agenda, item) + present.speakers(agenda, item)]


def _session_row(agenda: Agenda, locale: Locale, day_index: int, item: Item,
                 rooms: dict[str, int], url: str | None) -> list[object]:
    track = agenda.track_of(item)
    row: list[object] = [
        item.anchor, present.item_heading(item, locale), _minutes(item.start_at),
        _minutes(_end(item)), day_index, present.item_when(item, locale),
        rooms.get(item.room or "", -1), "; ".join(_who(agenda, item)),
        track.name if track else ""]
    if url is not None:
        row.append(url)
    return row


def _person_texts(person: Person) -> list[str]:
    return [present.full_name(person), person.organisation or "", person.role or ""]


def _url_pattern(agenda: Agenda) -> tuple[str, str]:
    """url_for_item as a prefix and suffix around the anchor ('https://x/sessions/', '.html')."""
    # A stand-in anchor: an agenda whose days are all empty still gets an index.
    head, _, tail = sitemap.absolute(agenda.event.url, sitemap.item_path("\0")).rpartition("\0")
    return head, tail


def index_data(agenda: Agenda, locale: Locale, epoch: int) -> dict[str, object]:
    """The whole index as plain JSON values, in programme order."""
    rooms = {r.id: i for i, r in enumerate(agenda.rooms)}
    head, tail = _url_pattern(agenda)
    postings = _Postings()
    sessions: list[list[object]] = []
    day_index = {d.date: i for i, d in enumerate(agenda.days)}
    for day, item in agenda.items():
        doc = len(sessions)
        url = agenda.url_for_item(item)
        own = None if url == f"{head}{item.anchor}{tail}" else url
        sessions.append(_session_row(agenda, locale, day_index[day.date], item, rooms, own))
        postings.add(doc, [item.title, item.subtitle or "", *_who(agenda, item)], 1)
        room = agenda.room(item.room)
        track = agenda.track_of(item)
        postings.add(doc, [*item.background, room.name if room else "",
                           track.name if track else ""], 0)
    people: list[list[str]] = []
    listed = sorted((p for p in agenda.people if agenda.appearances(p.id)),
                    key=lambda p: p.sort_key)
    for person in listed:
        doc = len(sessions) + len(people)
        people.append([person.id, present.full_name(person), present.affiliation(person)])
        postings.add(doc, [present.full_name(person)], 2)
        postings.add(doc, [person.organisation or "", person.role or ""], 1)
        postings.add(doc, [person.country or ""], 0)
    terms, lists = postings.packed()
    stamp = dt.datetime.fromtimestamp(epoch, tz=dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    return {
        "v": VERSION,
        "event": {"title": " ".join(agenda.event.title.split()), "url": agenda.event.url,
                  "host": urlsplit(agenda.event.url).hostname or "", "place": place_of(agenda),
                  "stamp": stamp, "item_url": [head, tail]},
        "days": [locale.long_date(d.date) for d in agenda.days],
        "rooms": [r.name for r in agenda.rooms],
        "sessions": sessions,
        "people": people,
        "terms": terms,
        "postings": lists,
    }


def index_bytes(agenda: Agenda, locale: Locale, epoch: int) -> tuple[bytes, bytes]:
    """search.json and search.js, compact and byte-for-byte reproducible."""
    text = json.dumps(index_data(agenda, locale, epoch), ensure_ascii=False,
                      separators=(",", ":"))
    # U+2028/2029 are line ends inside a script before ES2019; escaped they read the same.
    script = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return text.encode("utf-8"), f"podiumIndex({script});\n".encode()


def matches(agenda: Agenda, query: str) -> tuple[set[str], set[str]]:
    """What a query should find, worked out from the agenda itself rather than the index:
    the anchors of the items and the ids of the people that have every word of the query,
    the last one as a prefix. The tests hold the browser's answers against this."""
    wanted = words(query)
    if not wanted:
        return set(), set()
    *whole, last = wanted

    def found(texts: Iterable[str]) -> bool:
        have = {w for t in texts for w in words(t)}
        return all(w in have for w in whole) and any(h.startswith(last) for h in have)

    items = set()
    for _day, item in agenda.items():
        room = agenda.room(item.room)
        track = agenda.track_of(item)
        if found([item.title, item.subtitle or "", *_who(agenda, item), *item.background,
                  room.name if room else "", track.name if track else ""]):
            items.add(item.anchor)
    people = {p.id for p in agenda.people if agenda.appearances(p.id)
              and found([*_person_texts(p), p.country or ""])}
    return items, people
