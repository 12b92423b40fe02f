"""Model stage: the `print:` section of agenda.yaml, settings shared by the printed outputs."""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from podium.press import AUTO, SHEETS
from podium.problems import did_you_mean

_HEX = re.compile(r"#[0-9A-Fa-f]{6}\Z")


def _colour(value: str) -> str:
    if not _HEX.match(value):
        raise ValueError(f"'{value}' is not a colour; write it as #RRGGBB, e.g. #1F4E79")
    return value.upper()


Colour = Annotated[str, AfterValidator(_colour)]

QR_MODES = ("agenda", "person", "none")


def _stock(value: str) -> str:
    from podium.renderers.badges.stocks import STOCKS  # data only (no drawing code)

    if value not in STOCKS:
        raise ValueError(f"unknown badge stock '{value}'{did_you_mean(value, STOCKS)} "
                         f"(choose from {', '.join(STOCKS)}; `podium stocks` lists them)")
    return value


def _qr_mode(value: str) -> str:
    mode = value.strip()
    if mode.startswith("column:"):
        if not mode.removeprefix("column:").strip():
            raise ValueError("'column:' names no column; write column:NAME, NAME a column "
                             "of the attendees CSV")
        return mode
    if mode not in QR_MODES:
        hint = did_you_mean(mode, [*QR_MODES, "column:"])
        raise ValueError(f"'{value}' is not a QR content{hint} (use agenda, person, "
                         "column:NAME or none)")
    return mode


def _sheet(value: str) -> str:
    if value != AUTO and value not in SHEETS:
        raise ValueError(f"unknown sheet '{value}'{did_you_mean(value, [AUTO, *SHEETS])} "
                         f"(choose from {AUTO}, {', '.join(SHEETS)})")
    return value


def _stock_choices(schema: dict[str, Any]) -> None:
    from podium.renderers.badges.stocks import STOCKS

    schema["enum"] = list(STOCKS)


QrMode = Annotated[str, AfterValidator(_qr_mode), Field(
    json_schema_extra={"pattern": r"^\s*(agenda|person|none|column:\s*\S.*)\s*$"})]

DEFAULT_CATEGORY_COLOURS = {
    "Speaker": "#1F4E79",
    "Chair": "#7A1F3D",
    "Delegate": "#2E6B30",
    "Organiser": "#B35900",
    "Press": "#5B2C83",
}


class PrintSettings(BaseModel):
    """Output settings shared by the printed pieces."""

    model_config = ConfigDict(extra="forbid", use_attribute_docstrings=True)

    paper: Literal["A5", "A4", "Letter"] = "A5"
    """Page size of the programme booklet."""
    sign_paper: Literal["A4", "A3", "Letter"] = "A4"
    """Page size of the door signs (landscape)."""
    badge_stock: Annotated[str, AfterValidator(_stock), Field(
        json_schema_extra=_stock_choices)] = "a6-4up-a4"
    """Badge sheet stock, by name (see `podium stocks`)."""
    offset_mm: tuple[float, float] = (0.0, 0.0)
    """Printer calibration offset (dx, dy) in millimetres, added to every badge position."""
    logo: str | None = None
    """Path (relative to the agenda) of a PNG, JPEG or SVG logo printed on the booklet's
    cover, badges and signs (an SVG on the booklet only)."""
    colour: Literal["rgb", "cmyk"] = "rgb"
    """`rgb` for office printers; `cmyk` for offset: text, rules and QR codes print in pure
    black ink (K), colours as CMYK, and the booklet is a PDF/X-4."""
    category_colours: dict[str, Colour] = Field(
        default_factory=lambda: dict(DEFAULT_CATEGORY_COLOURS))
    """Band colour of each badge category, as #RRGGBB."""

    # -- name badges (podium build --only badges) ------------------------------------------
    badge_order: Literal["family", "csv"] = "family"
    """Badge order: by family name, or programme people then the attendees CSV as listed."""
    badge_remote: bool = False
    """Also print badges for people who only join by video link (remote in every item)."""
    badge_qr: dict[str, QrMode] = Field(default_factory=dict)
    """QR code content per badge category: `agenda` (the online agenda), `person` (the
    person's entry in it; programme people only), `column:NAME` (a column of the attendees
    CSV, e.g. a check-in code) or `none`. Categories not listed use `badge_qr_default`."""
    badge_qr_default: QrMode = "agenda"
    """QR code content for categories not named in `badge_qr`."""
    badge_bleed_mm: float = Field(default=0.0, ge=0, le=5)
    """Bleed of the category band past the badge edge, in mm (kept within the gap)."""
    badge_cut_marks: bool = True
    """Cut marks in the sheet margins, outside the badges."""
    badge_double_sided: bool = False
    """Print a back for every badge, for long-edge duplex (columns mirrored)."""
    badge_back: Literal["sessions", "glance"] = "sessions"
    """What the back shows: the person's own sessions (else the day at a glance), or the
    day at a glance for everyone."""

    # -- programme booklet (podium build --only booklet) ------------------------------
    booklet_detail: Literal["auto", "full", "compact"] = "auto"
    """How much of each item the booklet prints: `full` (background, questions, every
    speaker's affiliation, a QR code per session), `compact` (one entry per item: time, title,
    subtitle and speakers, room by room, a QR code per room and day) or `auto` (the default:
    full up to 60 items, compact above)."""
    booklet_crop_marks: bool = False
    """Print crop and fold marks on programme-imposed.pdf (bleed turns them on too); they
    need room around the pages, so choose a larger `booklet_sheet` (SRA4 for A5) and trim."""
    booklet_sheet: Annotated[str, AfterValidator(_sheet), Field(
        json_schema_extra={"enum": [AUTO, *SHEETS]})] = AUTO
    """Press sheet of programme-imposed.pdf: SRA4 (320 x 225 mm), SRA3, A4, A3, letter,
    tabloid, 12x18in, ... (`podium stocks` lists them). `auto`: the smallest that holds two
    pages with their bleed and marks (A4 for A5 pages, SRA4 with marks)."""
    booklet_bleed_mm: float = Field(default=0.0, ge=0, le=5)
    """Bleed of the booklet pages in mm (3 is usual): page backgrounds (a coloured cover in
    your own stylesheet, say) print this far past the trim line on the imposed sheets, so
    trimming leaves no white sliver; nothing bleeds across the fold. programme.pdf keeps it
    outside its CropBox, so it still reads as plain pages on screen."""

    # -- door signs (renderers/signs) ------------------------------------------------
    sign_mode: Literal["auto", "session", "room-day"] = "auto"
    """Door signs: `session` prints one sign per session; `room-day` one sign per room and day
    listing that room's items (split over numbered pages when long); `auto` (the default)
    chooses `session` when the programme uses at most one room, else `room-day`."""
    sign_breaks: bool = False
    """Door signs: give breaks and meals their own session sign too (default: no; the welcome,
    closing and every session always get one, and room-day lists always show breaks)."""

    # -- table tents, list of participants, sign-in sheets ----------------------------
    tent_paper: Literal["A4", "Letter"] = "A4"
    """Paper of the table tents: one tent a sheet, folded along its long middle."""
    tent_order: Literal["centre", "programme"] = "centre"
    """Seating order of a panel, left to right as the hall sees it: `centre` puts the chair
    (or chairs) in the middle with the panelists shared out either side, in programme order;
    `programme` seats the chair first, then the panelists as the agenda lists them."""
    tent_scope: Literal["session", "event"] = "session"
    """`session`: one tent per person per session they sit on in person, grouped by session,
    each group after its seating plan; `event`: one tent per person for the whole event,
    by family name, after the seating plans of every session."""
    participants_group: Literal["country", "organisation"] = "country"
    """How the list of participants groups people: by `country` (an attendee's delegation,
    else their country, else their organisation) or by `organisation`."""
    signin_paper: Literal["A4", "Letter"] = "A4"
    """Paper of the sign-in sheets (portrait)."""
    signin_by: Literal["day", "session"] = "day"
    """Sign-in sheets per programme day, or per session (an item with a chair or speakers)."""
    signin_blank_rows: int = Field(default=5, ge=0, le=50)
    """Blank rows for walk-ins at the end of each sign-in sheet, at least this many: the
    last page is filled with them."""
