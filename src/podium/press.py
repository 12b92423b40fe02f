"""Model stage: the press sheets the booklet is imposed on, and what room its marks need.

Everything here is in millimetres and landscape (width >= height): a spread of two pages
lies on the sheet the long way. `print.booklet_sheet` names one of `SHEETS`; `layout` says
where the trimmed spread, the bleed and the crop and fold marks fall on it, or that they do
not fit, so that the agenda's load can say which sheet would."""

from __future__ import annotations

from dataclasses import dataclass

PAGES: dict[str, tuple[float, float]] = {
    "A5": (148.0, 210.0), "A4": (210.0, 297.0), "Letter": (215.9, 279.4)}
"""Trimmed page sizes of the booklet (`print.paper`), portrait."""

SHEETS: dict[str, tuple[float, float]] = {
    "A4": (297.0, 210.0),
    "SRA4": (320.0, 225.0),
    "A3": (420.0, 297.0),
    "SRA3": (450.0, 320.0),
    "letter": (279.4, 215.9),
    "legal": (355.6, 215.9),
    "tabloid": (431.8, 279.4),
    "12x18in": (457.2, 304.8),
    "13x19in": (482.6, 330.2),
    "A2": (594.0, 420.0),
    "SRA2": (640.0, 450.0),
}
"""Press and office sheets by name (mm, landscape): ISO A and SRA (A plus room for marks
and grip), US office sizes, and the US press sizes 12x18 and 13x19 inches."""

AUTO = "auto"
"""`booklet_sheet: auto`: the smallest sheet above that holds the imposition, of the
paper's own family first (A4 for two A5 pages, SRA4 with marks; tabloid for Letter)."""

MARK_MIN, MARK_MAX = 3.0, 8.0
"""Length of a crop mark: 8 mm when the sheet has room, never under 3 mm."""
MARK_OFFSET = 2.0
"""The least gap between the trim and a mark; a mark never starts inside the bleed."""
EDGE = 0.5
"""Room left between a mark's end and the sheet's edge."""


@dataclass(frozen=True)
class Layout:
    """Where things fall on a sheet (mm, origin at the sheet's lower left)."""

    sheet: tuple[float, float]
    spread: tuple[float, float]
    """Width and height of the trimmed spread (two pages)."""
    origin: tuple[float, float]
    """Lower left corner of the trimmed spread."""
    bleed: float
    marks: bool
    offset: float
    """Gap between the trim and each mark."""
    length: float
    """Length of each mark (0 without marks)."""


def spread(paper: str) -> tuple[float, float]:
    w, h = PAGES[paper]
    return 2 * w, h


def room_needed(bleed: float, marks: bool) -> float:
    """The least margin around the trimmed spread, each side, in mm."""
    if not marks:
        return bleed
    return max(MARK_OFFSET, bleed) + MARK_MIN + EDGE


def layout(paper: str, sheet: tuple[float, float], bleed: float, marks: bool) -> Layout | None:
    """The spread of `paper` pages centred on `sheet`, with its bleed and (when `marks`)
    crop and fold marks; None when they do not fit."""
    return place(spread(paper), sheet, bleed, marks)


def place(two: tuple[float, float], sheet: tuple[float, float], bleed: float,
          marks: bool) -> Layout | None:
    """`layout` for a spread of any size."""
    sw, sh = two
    margin = min(sheet[0] - sw, sheet[1] - sh) / 2
    need = room_needed(bleed, marks)
    if margin < need - 0.01:  # points rounded to two places in the page boxes
        return None
    offset = max(MARK_OFFSET, bleed) if marks else 0.0
    length = min(MARK_MAX, margin - offset - EDGE) if marks else 0.0
    return Layout(sheet, (sw, sh), ((sheet[0] - sw) / 2, (sheet[1] - sh) / 2), bleed, marks,
                  offset, length)


def auto_sheet(two: tuple[float, float], bleed: float, marks: bool, *, us: bool = False
               ) -> tuple[str, tuple[float, float]]:
    """The sheet `auto` stands for: the smallest named sheet of the paper's family that
    holds the spread with its bleed and marks (A4 for two A5 pages, SRA4 with marks), else
    the spread with room around it."""
    fits = fitting(two, bleed, marks, us=us)
    if fits:
        return fits[0]
    room = 2 * max(room_needed(bleed, marks), MARK_OFFSET + MARK_MAX + EDGE if marks else 0)
    return AUTO, (two[0] + room, two[1] + room)


def fitting(two: tuple[float, float], bleed: float, marks: bool, *, us: bool = False
            ) -> list[tuple[str, tuple[float, float]]]:
    """Named sheets that hold the imposition, smallest first, those of the paper's own
    family (ISO for A5 and A4, US for Letter: `us`) before the others."""
    fits = [(name, size) for name, size in SHEETS.items()
            if place(two, size, bleed, marks) is not None]
    return sorted(fits, key=lambda f: (_is_us(f[0]) != us, f[1][0] * f[1][1]))


def _is_us(name: str) -> bool:
    return name in ("letter", "legal", "tabloid") or name.endswith("in")




def describe(name: str) -> str:
    w, h = SHEETS[name]
    if _is_us(name):
        return f"{w / 25.4:g} x {h / 25.4:g} in"
    return f"{w:g} x {h:g} mm"
