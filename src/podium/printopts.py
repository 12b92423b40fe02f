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

    # -- door signs (renderers/signs) ------------------------------------------------
    sign_mode: Literal["auto", "session", "room-day"] = "auto"
    """Door signs: `session` prints one sign per session; `room-day` one sign per room and day
    listing that room's items (split over numbered pages when long); `auto` (the default)
    chooses `session` when the programme uses at most one room, else `room-day`."""
    sign_breaks: bool = False
    """Door signs: give breaks and meals their own session sign too (default: no; the welcome,
    closing and every session always get one, and room-day lists always show breaks)."""
