"""Model stage: the typed agenda that every renderer reads, with a docstring for every field."""

from __future__ import annotations

import bisect
import datetime as dt
import unicodedata
import zoneinfo
from typing import Annotated, Any, Literal, TypeVar

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PrivateAttr,
    model_validator,
)

from podium import sane, sitemap, values
from podium.limits import MAX_ID_CHARS
from podium.printopts import Colour, PrintSettings

# Editors validate against the JSON Schema, so it describes what may be *written*:
# `json_schema_input_type` gives the accepted input forms, not the parsed types.
Date = Annotated[dt.date, BeforeValidator(values.parse_date, json_schema_input_type=Annotated[
    str, Field(pattern=r"^\d{4}-\d{2}-\d{2}$", examples=["2024-12-10"])]), AfterValidator(sane.in_years)]
Time = Annotated[dt.time, BeforeValidator(values.parse_time, json_schema_input_type=Annotated[
    str, Field(pattern=r"^\d{1,2}:\d{2}$", examples=["09:30"])])]
Id = Annotated[str, BeforeValidator(sane.not_a_float), AfterValidator(values.parse_id), sane.ID_LENGTH]
Url = Annotated[str, AfterValidator(values.parse_url), sane.URL_LENGTH]
TimeZone = Annotated[str, AfterValidator(values.parse_timezone)]
# Text is NFC-normalised on the way in: PDF fonts and search need composed characters.
Text = Annotated[str, AfterValidator(lambda s: unicodedata.normalize("NFC", s).strip()), sane.ONE_LINE]
Paragraph = Annotated[str, AfterValidator(lambda s: " ".join(unicodedata.normalize("NFC", s).split()))]

_T = TypeVar("_T")
ContentLanguage = Annotated[str, AfterValidator(values.parse_language)]
ItemKind = Literal["session", "break", "meal", "ceremony"]
Language = Literal["en", "es", "fr"]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", use_attribute_docstrings=True,
                              coerce_numbers_to_str=True, populate_by_name=True,
                              frozen=False)


class Event(Strict):
    """The event as a whole."""

    title: Text
    """Name of the event, as printed on the cover and every badge."""
    subtitle: Text | None = None
    """A second line under the title."""
    venue: Text | None = None
    """Building or conference centre."""
    city: Text | None = None
    """City where the event takes place."""
    country: Text | None = None
    """Country where the event takes place."""
    timezone: TimeZone
    """IANA time zone of every time in the agenda, e.g. America/Montevideo."""
    url: Url
    """Base URL of the online agenda; every QR code points at or below it."""
    language: Language = "en"
    """Language of printed labels and dates: en, es or fr."""
    content_language: ContentLanguage | None = None
    """Language of the agenda's own text (titles, background, questions), as a BCP 47 tag:
    en-GB, en-US, es, fr, de... Hyphenation and the PDFs' /Lang follow it; an item's own
    `language` wins for that item. Default: `language` (English as en-US, whose hyphenation
    patterns break words better than en-GB's)."""

    @property
    def text_language(self) -> str:
        """`content_language`, or the default it stands for."""
        return self.content_language or ("en-US" if self.language == "en" else self.language)


class Room(Strict):
    """A room or hall."""

    id: Id
    """Short id that items use in `room`."""
    name: Text
    """Name printed on signs and in the programme."""


class Track(Strict):
    """A track (devroom, stream, theme) that items belong to."""

    id: Id
    """Short id that items use in `track`."""
    name: Text
    """Name shown on the site, in the booklet and on signs."""
    colour: Colour | None = None
    """Colour of the track, as #RRGGBB; always shown beside the name, never alone."""


class Person(Strict):
    """A speaker, chair or other named participant, defined once and referred to by id."""

    id: Id
    """Short id used by `chair` and `speakers`; also the person's anchor in the online agenda."""
    name: Text
    """Full name as it should be printed, given name first (e.g. Jean-Pierre Lacroix)."""
    title: Text | None = None
    """Rank or honorific printed before the name (Ambassador, Brigadier General, Dr.)."""
    suffix: Text | None = None
    """Post-nominal printed after the name (PhD)."""
    role: Text | None = None
    """Position or function (Under-Secretary-General)."""
    organisation: Text | None = None
    """Organisation the person belongs to."""
    country: Text | None = None
    """Country the person represents or comes from."""
    category: Text | None = None
    """Badge category (Speaker, Chair, Delegate, Organiser, Press...); by default derived
    from the programme: Chair for people who only chair, Speaker otherwise."""
    family_name: Text | None = None
    """Family name as printed in the speaker index ("van der Berg", "Guðmundsdóttir"), when
    podium reads `name` wrongly; it sorts without lower-case particles in front (under B)."""
    sort_as: Text | None = None
    """How to sort this person when family_name is not enough, e.g. 'Berg, van der'."""

    @property
    def sort_key(self) -> tuple[str, str]:
        """Where the person goes in the index and in badge order (`values.name_sort_key`)."""
        return values.name_sort_key(self.name, self.family_name, self.sort_as)


class Speaker(Strict):
    """One person's appearance in an item."""

    person: Id
    """Id of the person (from `people`)."""
    remote: bool = False
    """True when the person joins by video link ("via VTC")."""
    role: Text | None = None
    """How the person is described in this item, when it differs from their usual description:
    printed instead of their role, organisation and country under this item."""


def _one_or_many(value: Any) -> Any:
    return [value] if sane.is_ref(value) else value


def _speaker_ref(value: Any) -> Any:
    if isinstance(value, list):
        return [{"person": v} if sane.is_ref(v) else v for v in value]
    return value


class Item(Strict):
    """Something on the programme: a session, a break, a meal or a ceremony."""

    id: Id | None = None
    """Stable id, used as the item's anchor in the online agenda (default: session-N or a slug
    of the title)."""
    start: Time
    """Start time, HH:MM on the 24-hour clock."""
    end: Time | None = None
    """End time, HH:MM; by default the start of the next item of the day."""
    kind: ItemKind = "session"
    """One of session, break, meal, ceremony."""
    number: int | None = None
    """Session number as printed (Session 3)."""
    title: Text
    """Title in normal capitalisation."""
    room: Id | None = None
    """Id of the room (from `rooms`); may be left out when the event has one room."""
    background: Annotated[list[Paragraph], BeforeValidator(
        values.split_paragraphs, json_schema_input_type=str | list[str])] = Field(default_factory=list)
    """Background text: a list of paragraphs, or one text with paragraphs separated by blank lines."""
    questions_label: Text | None = None
    """Heading printed above the questions (Key Questions, Guiding questions)."""
    questions: list[Text] = Field(default_factory=list)
    """Questions the session addresses, one per entry."""
    chair: Annotated[list[Id], BeforeValidator(
        _one_or_many, json_schema_input_type=str | list[str])] = Field(default_factory=list)
    """Person id of the chair, or a list of them."""
    speakers: Annotated[list[Speaker], BeforeValidator(
        _speaker_ref, json_schema_input_type=list[str | Speaker])] = Field(default_factory=list)
    """Speakers or panelists in order: a person id, or {person, remote, role}."""
    subtitle: Text | None = None
    """A second line under the title."""
    track: Text | None = None
    """Id of the item's track (from `tracks`); when the agenda lists no `tracks`, the track's
    name as the source schedule gives it."""
    format: Text | None = None
    """What sort of session it is, in the source schedule's words (Talk, Workshop, Lightning talk);
    `kind` is podium's own coarse category."""
    language: Text | None = None
    """Language the item is held in, e.g. en or de (the printed labels follow `event.language`)."""
    url: Url | None = None
    """The item's own page in the system it was imported from (pretalx, frab, pentabarf)."""
    guid: Text | None = None
    """The item's key in the source schedule (frab/pretalx guid), when `id` is not that key
    itself, kept so that a re-import can be compared with this file."""

    _anchor: str = PrivateAttr(default="")
    _start_minutes: int = PrivateAttr(default=0)
    _written_end: int | None = PrivateAttr(default=None)
    _end_minutes: int | None = PrivateAttr(default=None)
    _day_date: dt.date | None = PrivateAttr(default=None)
    _start_at: dt.datetime | None = PrivateAttr(default=None)
    _end_at: dt.datetime | None = PrivateAttr(default=None)

    @model_validator(mode="wrap")
    @classmethod
    def _keep_minutes(cls, data: Any, handler: Any) -> Item:
        # `start` and `end` become times of day; the minutes keep "26:00" apart from "02:00".
        item: Item = handler(data)
        raw = data if isinstance(data, dict) else {}
        item._start_minutes = values.parse_minutes(raw.get("start", item.start))
        if item.end is not None:
            item._written_end = values.parse_minutes(raw.get("end", item.end))
        return item

    @property
    def start_minutes(self) -> int:
        """Minutes after the programme day's midnight; 1440 and more fall after midnight."""
        return self._start_minutes

    @property
    def end_minutes(self) -> int | None:
        """Minutes after the programme day's midnight at which the item ends: `end` as written,
        else the next later start that day; None for an open-ended last item."""
        return self._end_minutes

    @property
    def end_time(self) -> dt.time | None:
        """The end as a time of day (what `end_minutes` reads on a clock)."""
        return None if self._end_minutes is None else _clock(self._end_minutes)

    @property
    def day_date(self) -> dt.date:
        """The date of the programme day the item is listed under (a 01:00 talk of a day that
        runs past midnight keeps the date of the day before)."""
        return _set(self._day_date)

    @property
    def start_at(self) -> dt.datetime:
        """When the item starts: an aware datetime in the event's time zone, worked out once
        when the agenda is loaded. Every renderer takes dates and weekdays from here."""
        return _set(self._start_at)

    @property
    def end_at(self) -> dt.datetime | None:
        """When the item ends (None for an open-ended last item of a day)."""
        return self._end_at

    @property
    def date(self) -> dt.date:
        """The calendar date the item starts on (the day after `day_date` past midnight)."""
        return self.start_at.date()

    @property
    def after_midnight(self) -> bool:
        """The item starts on the calendar day after its programme day (start 24:00 or later)."""
        return self._start_minutes >= 1440

    @property
    def is_break(self) -> bool:
        """A break or a meal: printed as one quiet line, never a session of its own."""
        return self.kind in ("break", "meal")

    @property
    def anchor(self) -> str:
        """The item's id in the online agenda: explicit or generated, unique in the agenda."""
        return self._anchor


def _set(value: _T | None) -> _T:
    if value is None:
        raise RuntimeError("item times are worked out when the Agenda is validated")
    return value


class Day(Strict):
    """One day of the event."""

    date: Date
    """The date, YYYY-MM-DD."""
    items: list[Item]
    """Everything on the programme that day, in order."""


class Agenda(Strict):
    """The whole agenda file."""

    event: Event
    """The event: title, place, time zone, online agenda URL, language."""
    rooms: list[Room] = Field(default_factory=list)
    """Rooms, when the event uses more than one (or signs should name one)."""
    tracks: list[Track] = Field(default_factory=list)
    """Tracks, with a name and colour each, when items name a `track` by id."""
    people: list[Person] = Field(default_factory=list)
    """Everyone named in the programme, once each."""
    days: Annotated[list[Day], AfterValidator(sane.some), Field(json_schema_extra={"minItems": 1})]
    """The days of the event, in order (at least one)."""
    attendees: str | None = None
    """Path (relative to this file) of a CSV of further badge holders with columns
    name,title,role,organisation,country,category."""
    print_: PrintSettings = Field(default_factory=PrintSettings, alias="print")
    """Output settings: paper, badge stock, colours, logo."""

    _people_index: dict[str, Person] = PrivateAttr(default_factory=dict)
    _tracks_index: dict[str, Track] = PrivateAttr(default_factory=dict)
    _appearances: dict[str, list[tuple[Day, Item, str, Speaker | None]]] = PrivateAttr(
        default_factory=dict)

    @model_validator(mode="after")
    def _settle(self) -> Agenda:
        self._people_index = {p.id: p for p in self.people}
        self._tracks_index = {t.id: t for t in self.tracks}
        self._assign_anchors()
        self._assign_times()
        self._index_appearances()
        return self

    def _index_appearances(self) -> None:
        index: dict[str, list[tuple[Day, Item, str, Speaker | None]]] = {}
        for day, item in self.items():
            for pid in item.chair:
                index.setdefault(pid, []).append((day, item, "chair", None))
            for s in item.speakers:
                index.setdefault(s.person, []).append((day, item, "speaker", s))
        self._appearances = index

    def _assign_times(self) -> None:
        """Each item's end and its absolute start and end, once, in the event's time zone."""
        tz = self.tz
        for day in self.days:
            starts = sorted({it.start_minutes for it in day.items})
            for item in day.items:
                end = item._written_end
                if end is None:
                    # Open-ended: until the next later start that day (a parallel item starting
                    # at the same time is not where this one ends).
                    later = bisect.bisect_right(starts, item.start_minutes)
                    end = starts[later] if later < len(starts) else None
                item._end_minutes = end
                item._day_date = day.date
                try:
                    item._start_at = _at(day.date, item.start_minutes, tz)
                    item._end_at = None if end is None else _at(day.date, end, tz)
                except OverflowError:
                    # Raised as a ValueError, pydantic reports it like any other bad value.
                    raise ValueError(f"'{item.title}' on {day.date} runs past the last date a "
                                     "calendar can hold") from None

    def _assign_anchors(self) -> None:
        taken = {it.id for d in self.days for it in d.items if it.id}
        for day_index, day in enumerate(self.days):
            for item in day.items:
                if item.id:
                    item._anchor = item.id
                    continue
                base = f"session-{item.number}" if item.number is not None else values.slug(item.title)
                # A long title makes a long slug; the anchor goes into every QR code for the item.
                base = base[:MAX_ID_CHARS].rstrip("-")
                anchor = base if base not in taken else f"{base}-day{day_index + 1}"
                n = 2
                while anchor in taken:
                    anchor, n = f"{base}-{n}", n + 1
                taken.add(anchor)
                item._anchor = anchor

    # -- lookups for renderers -------------------------------------------------

    @property
    def tz(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.event.timezone)

    def person(self, person_id: str) -> Person:
        return self._people_index[person_id]

    def room(self, room_id: str | None) -> Room | None:
        return next((r for r in self.rooms if r.id == room_id), None) if room_id else None

    def track_of(self, item: Item) -> Track | None:
        """The item's track: the listed one with its id, else one named by the item alone."""
        if item.track is None:
            return None
        return self._tracks_index.get(item.track) or Track(id=values.slug(item.track), name=item.track)

    def tracks_used(self) -> list[Track]:
        """Every track that some item belongs to, listed ones first in their order."""
        used = {t.id: t for _, it in self.items() if (t := self.track_of(it)) is not None}
        listed = [t for t in self.tracks if t.id in used]
        return listed + [t for t in used.values() if t.id not in self._tracks_index]

    def items(self) -> list[tuple[Day, Item]]:
        """Every item with its day, in programme order."""
        return [(d, it) for d in self.days for it in d.items]

    def appearances(self, person_id: str) -> list[tuple[Day, Item, str, Speaker | None]]:
        """Where a person appears: (day, item, 'chair' or 'speaker', the speaker entry), in
        programme order (looked up in an index made once, not by scanning every item)."""
        return list(self._appearances.get(person_id, ()))

    def url_for_item(self, item: Item) -> str:
        """Where an item's QR code points: its own page (sitemap.item_path)."""
        return sitemap.absolute(self.event.url, sitemap.item_path(item.anchor))

    def url_for_person(self, person: Person) -> str:
        """Where a speaker's QR code points: their own page."""
        return sitemap.absolute(self.event.url, sitemap.person_path(person.id))

    def url_for_room_day(self, room_id: str | None, date: dt.date) -> str:
        """Where a room-day door sign's QR code points: that room's day (the day itself for
        items without a room)."""
        return sitemap.absolute(self.event.url, sitemap.room_day_path(room_id, date))


def _at(date: dt.date, minutes: int, tz: zoneinfo.ZoneInfo) -> dt.datetime:
    """The wall-clock moment `minutes` after the programme day's midnight."""
    date += dt.timedelta(days=minutes // 1440)
    return dt.datetime.combine(date, _clock(minutes), tzinfo=tz)


def _clock(minutes: int) -> dt.time:
    minutes %= 1440
    return dt.time(minutes // 60, minutes % 60)


def json_schema() -> dict[str, Any]:
    """The JSON Schema of agenda.yaml, for editors and `podium schema`."""
    schema = Agenda.model_json_schema(by_alias=True)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "podium agenda.yaml"
    return schema
