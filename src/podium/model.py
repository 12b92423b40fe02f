"""Model stage: the typed agenda that every renderer reads, with a docstring for every field."""

from __future__ import annotations

import datetime as dt
import unicodedata
import zoneinfo
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PrivateAttr,
    model_validator,
)

from podium import values
from podium.printopts import PrintSettings

# Editors validate against the JSON Schema, so it describes what may be *written*:
# `json_schema_input_type` gives the accepted input forms, not the parsed types.
Date = Annotated[dt.date, BeforeValidator(values.parse_date, json_schema_input_type=Annotated[
    str, Field(pattern=r"^\d{4}-\d{2}-\d{2}$", examples=["2024-12-10"])])]
Time = Annotated[dt.time, BeforeValidator(values.parse_time, json_schema_input_type=Annotated[
    str, Field(pattern=r"^\d{1,2}:\d{2}$", examples=["09:30"])])]
Id = Annotated[str, AfterValidator(values.parse_id)]
Url = Annotated[str, AfterValidator(values.parse_url)]
TimeZone = Annotated[str, AfterValidator(values.parse_timezone)]
# Text is NFC-normalised on the way in: PDF fonts and search need composed characters.
Text = Annotated[str, AfterValidator(lambda s: unicodedata.normalize("NFC", s).strip())]
Paragraph = Annotated[str, AfterValidator(lambda s: " ".join(unicodedata.normalize("NFC", s).split()))]

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


class Room(Strict):
    """A room or hall."""

    id: Id
    """Short id that items use in `room`."""
    name: Text
    """Name printed on signs and in the programme."""


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
    return [value] if isinstance(value, str) else value


def _speaker_ref(value: Any) -> Any:
    if isinstance(value, list):
        return [{"person": v} if isinstance(v, str) else v for v in value]
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
    """Track or devroom the item belongs to (as named in the source schedule)."""
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
    _end_minutes: int | None = PrivateAttr(default=None)

    @model_validator(mode="wrap")
    @classmethod
    def _keep_minutes(cls, data: Any, handler: Any) -> Item:
        # `start` and `end` become times of day; the minutes keep "26:00" apart from "02:00".
        item: Item = handler(data)
        raw = data if isinstance(data, dict) else {}
        item._start_minutes = values.parse_minutes(raw.get("start", item.start))
        if item.end is not None:
            item._end_minutes = values.parse_minutes(raw.get("end", item.end))
        return item

    @property
    def start_minutes(self) -> int:
        """Minutes after the day's midnight; 1440 and more fall after midnight."""
        return self._start_minutes

    @property
    def end_minutes(self) -> int | None:
        return self._end_minutes

    @property
    def anchor(self) -> str:
        """The item's id in the online agenda: explicit or generated, unique in the agenda."""
        return self._anchor


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
    people: list[Person] = Field(default_factory=list)
    """Everyone named in the programme, once each."""
    days: list[Day]
    """The days of the event, in order."""
    attendees: str | None = None
    """Path (relative to this file) of a CSV of further badge holders with columns
    name,title,role,organisation,country,category."""
    print_: PrintSettings = Field(default_factory=PrintSettings, alias="print")
    """Output settings: paper, badge stock, colours, logo."""

    _people_index: dict[str, Person] = PrivateAttr(default_factory=dict)

    @model_validator(mode="after")
    def _assign_anchors(self) -> Agenda:
        self._people_index = {p.id: p for p in self.people}
        taken = {it.id for d in self.days for it in d.items if it.id}
        for day_index, day in enumerate(self.days):
            for item in day.items:
                if item.id:
                    item._anchor = item.id
                    continue
                base = f"session-{item.number}" if item.number is not None else values.slug(item.title)
                anchor = base if base not in taken else f"{base}-day{day_index + 1}"
                n = 2
                while anchor in taken:
                    anchor, n = f"{base}-{n}", n + 1
                taken.add(anchor)
                item._anchor = anchor
        return self

    # -- lookups for renderers -------------------------------------------------

    @property
    def tz(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.event.timezone)

    def person(self, person_id: str) -> Person:
        return self._people_index[person_id]

    def room(self, room_id: str | None) -> Room | None:
        return next((r for r in self.rooms if r.id == room_id), None) if room_id else None

    def items(self) -> list[tuple[Day, Item]]:
        """Every item with its day, in programme order."""
        return [(d, it) for d in self.days for it in d.items]

    def end_of(self, day: Day, item: Item) -> dt.time | None:
        """The item's end time of day: as given, else the start of the next item that day."""
        minutes = self.end_minutes_of(day, item)
        return None if minutes is None else _clock(minutes)

    def end_minutes_of(self, day: Day, item: Item) -> int | None:
        if item.end_minutes is not None:
            return item.end_minutes
        # By identity: `list.index` would compare pydantic models field by field.
        at = next(i for i, other in enumerate(day.items) if other is item)
        return day.items[at + 1].start_minutes if at + 1 < len(day.items) else None

    def _at(self, day: Day, minutes: int) -> dt.datetime:
        date = day.date + dt.timedelta(days=minutes // 1440)
        return dt.datetime.combine(date, _clock(minutes), tzinfo=self.tz)

    def start_datetime(self, day: Day, item: Item) -> dt.datetime:
        """When the item starts, as an aware datetime in the event's time zone."""
        return self._at(day, item.start_minutes)

    def end_datetime(self, day: Day, item: Item) -> dt.datetime | None:
        """When the item ends (None for an open-ended last item of a day)."""
        minutes = self.end_minutes_of(day, item)
        return None if minutes is None else self._at(day, minutes)

    def appearances(self, person_id: str) -> list[tuple[Day, Item, str, Speaker | None]]:
        """Where a person appears: (day, item, 'chair' or 'speaker', the speaker entry)."""
        out: list[tuple[Day, Item, str, Speaker | None]] = []
        for day, item in self.items():
            if person_id in item.chair:
                out.append((day, item, "chair", None))
            out.extend((day, item, "speaker", s) for s in item.speakers if s.person == person_id)
        return out

    def url_for_item(self, item: Item) -> str:
        """Where an item's QR code points."""
        return f"{self.event.url}#{item.anchor}"

    def url_for_person(self, person: Person) -> str:
        """Where a speaker's QR code points."""
        return f"{self.event.url}#person-{person.id}"


def _clock(minutes: int) -> dt.time:
    minutes %= 1440
    return dt.time(minutes // 60, minutes % 60)


def json_schema() -> dict[str, Any]:
    """The JSON Schema of agenda.yaml, for editors and `podium schema`."""
    schema = Agenda.model_json_schema(by_alias=True)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "podium agenda.yaml"
    return schema
