"""Model stage: the `print:` section of agenda.yaml, settings shared by the printed outputs."""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

_HEX = re.compile(r"#[0-9A-Fa-f]{6}\Z")


def _colour(value: str) -> str:
    if not _HEX.match(value):
        raise ValueError(f"'{value}' is not a colour; write it as #RRGGBB, e.g. #1F4E79")
    return value.upper()


Colour = Annotated[str, AfterValidator(_colour)]

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
    badge_stock: str = "a6-4up-a4"
    """Badge sheet stock, by name (see `podium stocks`)."""
    offset_mm: tuple[float, float] = (0.0, 0.0)
    """Printer calibration offset (dx, dy) in millimetres, added to every badge position."""
    logo: str | None = None
    """Path (relative to the agenda) of a logo image printed on badges and signs."""
    category_colours: dict[str, Colour] = Field(
        default_factory=lambda: dict(DEFAULT_CATEGORY_COLOURS))
    """Band colour of each badge category, as #RRGGBB."""

    # -- name badges (podium build --only badges) ------------------------------------------
    badge_order: Literal["family", "csv"] = "family"
    """Badge order: by family name, or programme people then the attendees CSV as listed."""
    badge_remote: bool = False
    """Also print badges for people who only join by video link (remote in every item)."""
    badge_qr: dict[str, str] = Field(default_factory=dict)
    """QR code content per badge category: `agenda` (the online agenda), `person` (the
    person's entry in it; programme people only), `column:NAME` (a column of the attendees
    CSV, e.g. a check-in code) or `none`. Categories not listed use `badge_qr_default`."""
    badge_qr_default: str = "agenda"
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
    """Print crop and fold marks on programme-imposed.pdf; the sheets grow by 12 mm a side
    to make room, so print on a larger stock (SRA4 for an A5 booklet) and trim."""
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
