"""Presentation stage of the booklet: the agenda as the values its template prints.

Everything the template shows is computed here, as plain text (escaped by Jinja2) or as
markup podium generated itself (the QR codes), so a template never builds a URL or a label."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable
from dataclasses import dataclass, field

from markupsafe import Markup

from podium import values
from podium.i18n import Locale, time_text
from podium.model import Agenda, Day, Item, Person
from podium.present import (
    Appearance,
    appearance_anchor,
    chairs,
    day_note,
    item_heading,
    item_times,
    item_when,
    locale_of,
    speakers,
)
from podium.renderers.booklet.rooms import RoomDay, glance_by_room, is_compact, qr_markup, room_days


@dataclass(frozen=True)
class ItemView:
    """One item of the programme as printed."""

    anchor: str
    kind: str
    number: int | None
    title: str
    heading: str
    subtitle: str | None
    times: str
    """'09:30–11:30', with the calendar day for an item past midnight ('01:30 (Sun 28)')."""
    clock: str
    """The times alone, for the narrow column of the day at a glance."""
    day_note: str
    """'Sun 28' for an item past midnight, else ''."""
    start: str
    room: str | None
    background: list[tuple[str, str]]
    """Paragraphs as (all but the last word, the last word): a paragraph's last word is never
    hyphenated (half a word alone on the last line)."""
    lang: str
    """The item's own language when it differs from the booklet's ('' otherwise)."""
    questions_label: str
    questions: list[str]
    chairs: list[Appearance]
    speakers: list[Appearance]
    speakers_label: str
    url: str
    qr: Markup | None
    compact: bool = False
    """Breaks and meals print as one line (`Item.is_break`)."""
    question_breaks: tuple[int, ...] = ()
    """Questions (by index) that open a new box labelled '(continued)': the list was split
    across pages there in an earlier layout (`flow`)."""

    @property
    def question_parts(self) -> list[tuple[int, list[str]]]:
        """(number of the first question, the questions) of each box."""
        cuts = [0, *self.question_breaks, len(self.questions)]
        return [(a + 1, self.questions[a:b]) for a, b in itertools.pairwise(cuts) if b > a]


@dataclass(frozen=True)
class DayView:
    """One day: its heading and its items."""

    anchor: str
    number: int
    date: dt.date
    long_date: str
    items: list[ItemView]
    rooms: list[RoomDay] = field(default_factory=list)
    """The day room by room (the compact listing, and the glance of a large day)."""
    glance_by_room: bool = False
    """The glance summarises rooms (a large day) instead of listing every item."""


@dataclass(frozen=True)
class IndexRef:
    """One appearance of a person, pointing at the item it happens in."""

    anchor: str
    label: str
    chair: bool


@dataclass(frozen=True)
class IndexEntry:
    """A person in the speaker index: 'Family, Given' and where they appear."""

    family: str
    given: str
    rank: str | None
    refs: list[IndexRef]
    letter: str


@dataclass(frozen=True)
class BookletView:
    """Everything the booklet template prints."""

    language: str
    """The language of the agenda's text (the document's lang and /Lang)."""
    label_language: str
    """The language of the printed labels (`event.language`)."""
    labels: dict[str, str]
    title: str
    subtitle: str | None
    dates: str
    place: str
    venue: str | None
    url: str
    cover_qr: Markup
    days: list[DayView]
    index: list[IndexEntry]
    show_rooms: bool
    logo: str | None = None
    """file: URL of the logo printed on the cover (`print.logo`), if any."""
    compact: bool = False
    """Items as one line each, room by room, without background or questions
    (`print.booklet_detail`)."""


def _item_view(agenda: Agenda, day: Day, item: Item, locale: Locale,
               with_qr: bool = True) -> ItemView:
    appearances = speakers(agenda, item)
    label = locale.label("panelists" if item.chair else "speakers")
    is_session = item.kind == "session"
    room = agenda.room(item.room)
    url = agenda.url_for_item(item)
    return ItemView(
        anchor=item.anchor, kind=item.kind, number=item.number, title=item.title, compact=item.is_break,
        heading=item_heading(item, locale), subtitle=item.subtitle, times=item_when(item, locale),
        clock=item_times(item), day_note=day_note(item, locale),
        start=time_text(item.start), room=room.name if room else None,
        background=[_last_word(p) for p in item.background], lang=_lang(agenda, item),
        questions_label=item.questions_label or locale.label("questions"),
        questions=list(item.questions), chairs=chairs(agenda, item), speakers=appearances,
        speakers_label=label, url=url, qr=qr_markup(url) if is_session and with_qr else None)


def _last_word(paragraph: str) -> tuple[str, str]:
    head, _, last = paragraph.rpartition(" ")
    return head, last


def _lang(agenda: Agenda, item: Item) -> str:
    """The item's language tag, unless the booklet's already says it ('en' under en-US)."""
    tag = (values.language_tag(item.language) or "").lower()
    document = agenda.event.text_language.lower()
    return "" if tag in ("", document, document.split("-")[0]) else str(item.language).strip()


def split_name(person: Person) -> tuple[str, str]:
    """('Lacroix', 'Jean-Pierre'), ('van der Grinten', 'Alexander'), ('Poisson', 'Jérôme
    (Goffi)'): the family name (`values.family_name_of` unless given) and the rest of the
    name as written, for the index."""
    name = " ".join(person.name.split())
    family = person.family_name or values.family_name_of(name)
    at = name.rfind(family)
    # Only as whole words: 'Dan' is not the family name inside 'Jordan'.
    while at > 0 and not (name[at - 1] == " " and not name[at + len(family):][:1].isalnum()):
        at = name.rfind(family, 0, at + len(family) - 1)
    rest = name[:at].rstrip() + name[at + len(family):] if at > 0 else ""
    if not any(c.isalnum() for c in rest):
        # Family name first ('林原 めぐみ'), one word ('Geert-Jan'), a handle ('@nick'), or a
        # family name not found in the name: print the name as written.
        return name, ""
    return family, rest


def _ref_label(item: Item, locale: Locale) -> str:
    return f"{locale.label('session')} {item.number}" if item.number is not None else item.title


def index_entries(agenda: Agenda, locale: Locale, compact: bool = False) -> list[IndexEntry]:
    """Every person who appears in the programme, by family name (`Person.sort_key`)."""
    # One pass over the items (as `Agenda.appearances` orders them: programme order, the
    # chair before the speakers) instead of one pass per person.
    found: dict[str, list[IndexRef]] = {}
    for _day, item in agenda.items():
        label = _ref_label(item, locale)
        # The compact booklet prints names in the item's own line; the full one under it.
        for pid, chair in [*((p, True) for p in item.chair), *((s.person, False) for s in item.speakers)]:
            anchor = item.anchor if compact else appearance_anchor(item.anchor, pid, chair)
            found.setdefault(pid, []).append(IndexRef(anchor, label, chair))
    out: list[IndexEntry] = []
    for person in sorted(agenda.people, key=lambda p: p.sort_key):
        refs = found.get(person.id, [])
        if not refs:
            continue
        family, given = split_name(person)
        # Names without a letter or digit sort last (`name_sort_key`): the last group.
        letter = values.index_letter(person.sort_key) or locale.label("other_names")
        out.append(IndexEntry(family, given, person.title, refs, letter))
    return out



def index_pages(anchors: dict[str, int]) -> Callable[[IndexEntry], list[tuple[int, str]]]:
    """Each person's pages in the laid-out booklet, each page once, in order, with the anchor
    of their first item on that page (what the printed number links to)."""

    def pages(entry: IndexEntry) -> list[tuple[int, str]]:
        found: dict[int, str] = {}
        for ref in entry.refs:
            found.setdefault(anchors[ref.anchor], ref.anchor)
        return sorted(found.items())

    return pages

def _place(agenda: Agenda) -> str:
    e = agenda.event
    return ", ".join(p for p in (e.city, e.country) if p)


def _day_view(agenda: Agenda, n: int, day: Day, locale: Locale, compact: bool) -> DayView:
    by_room = glance_by_room(day)
    return DayView(anchor=f"day-{n}", number=n, date=day.date,
                   long_date=locale.long_date(day.date),
                   # A compact booklet summarised by room never lists the items one by one.
                   items=[] if compact and by_room else
                   [_item_view(agenda, day, it, locale, with_qr=not compact)
                    for it in day.items],
                   rooms=room_days(agenda, day, with_qr=compact) if compact or by_room else [],
                   glance_by_room=by_room)


def booklet_view(agenda: Agenda, logo: str | None = None) -> BookletView:
    locale = locale_of(agenda)
    compact = is_compact(agenda)
    days = [_day_view(agenda, n, day, locale, compact)
            for n, day in enumerate(agenda.days, start=1)]
    first, last = agenda.days[0].date, agenda.days[-1].date
    e = agenda.event
    return BookletView(
        language=e.text_language, label_language=e.language, labels=locale.labels, title=e.title,
        subtitle=e.subtitle,
        dates=locale.date_range(first, last), place=_place(agenda), venue=e.venue,
        url=e.url, cover_qr=qr_markup(e.url), days=days,
        index=index_entries(agenda, locale, compact),
        show_rooms=any(it.room for _d, it in agenda.items()), logo=logo, compact=compact)
