"""Drawing stage of the table tents: one tent a sheet, two faces either side of the fold, the
far one turned 180 degrees so that each reads upright from its side of the table; rank above,
the name as large as it fits, organisation (or country) below."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from podium.model import Person
from podium.renderers.tents.kit import ACCENT, FAMILY, INK, RULE, SECOND, Kit, cap_size, draw
from podium.text import FitError, Layout

NAME_CAP_MM = 20.0
"""Capitals of a name of up to 22 characters are at least this tall on A4 (read from the
back rows of a hall, and by a camera)."""
FLOORS = ((22, NAME_CAP_MM), (32, 14.0), (48, 10.0))
"""(longest name, smallest cap height in mm on A4): a 30-character name cannot reach 20 mm
capitals on two lines of a 28 cm face, and still reads at 14 mm from the middle of a hall;
longer ones (often several people in one imported entry) at 10 mm from seven metres."""
LONGEST_NAME_CAP_MM = 8.0
"""The floor for anything longer, and for a name with a word too wide for its own floor
(an imported handle): read from five metres, the front rows."""
MAX_NAME_CAP_MM = 30.0
"""Short names stop growing here: a face is a name plate, not a poster."""
SIDE_MM, EDGE_MM, MARK_MM = 9.0, 7.0, 6.0
"""Margins of a face at its sides and at the fold and table edges; length of the fold marks,
which sit in the side margins, outside the faces."""
# (largest, smallest) sizes of the rank line and of the line below, in A4 points: the usual
# pair first, a smaller one when a long name needs the height.
LINE_SIZES = (((24.0, 14.0), (22.0, 13.0)), ((16.0, 11.0), (15.0, 10.0)))


class TentTooSmall(ValueError):
    """A person's name does not fit a face at the size floor, even on two lines."""

    def __init__(self, person: Person, message: str) -> None:
        self.person = person
        super().__init__(message)


@dataclass(frozen=True)
class Face:
    """The fitted texts of one face; both faces of a tent are the same."""

    rank: Layout | None
    name: Layout
    below: Layout | None
    gap: float
    below_floor: bool = False
    """The name is smaller than the floor for its length: a word of it alone is too wide."""

    @property
    def height(self) -> float:
        parts = [p.height for p in (self.rank, self.name, self.below) if p is not None]
        return sum(parts) + self.gap * (len(parts) - 1)


def below_line(person: Person) -> str | None:
    """What a tent says under the name: the organisation, else the country, else the role."""
    return person.organisation or person.country or person.role


def name_line(person: Person) -> str:
    return f"{person.name}, {person.suffix}" if person.suffix else person.name


def floor_mm(name: str) -> float:
    """The smallest cap height (mm, on A4) allowed for `name`."""
    return next((cap for longest, cap in FLOORS if len(name) <= longest), LONGEST_NAME_CAP_MM)


def _tall_script(kit: Kit, name: str) -> float:
    """1, or less for a name set in a script font whose lines are taller than Noto Sans's
    (Tibetan stacks: 2.8 ems against 1.36): its floor is the size at which its line is as
    tall as a Latin name's at the floor, since a face has no more height to give."""
    shaper = kit.shaper
    latin = sum(shaper.metrics(shaper.face(FAMILY, bold=True)))
    faces = {run.face for run in shaper.shape(name, FAMILY, bold=True).runs}
    tallest = max((sum(shaper.metrics(face)) for face in faces), default=latin)
    return min(1.0, latin / tallest)


def face_box(kit: Kit) -> tuple[float, float]:
    """(width, height) of the text area of one face."""
    return kit.width - 2 * SIDE_MM * mm * kit.scale, kit.height / 2 - 2 * EDGE_MM * mm * kit.scale


def fit_face(kit: Kit, person: Person) -> Face:
    """The person's face: the name on one line if its capitals reach NAME_CAP_MM, else as
    large as it fits on one or two lines (two big lines beat one small one) down to its
    floor (`floor_mm`), else down to LONGEST_NAME_CAP_MM (a single word too wide for its
    floor: `Face.below_floor`, which the build reports); the rank and the line below give
    way first. TentTooSmall if nothing fits."""
    s, f = kit.pt, kit.fitter
    width, height = face_box(kit)
    name = name_line(person)
    tall = _tall_script(kit, name)
    preferred = cap_size(NAME_CAP_MM) * kit.scale * tall
    floors = [(floor_mm(name), False), (LONGEST_NAME_CAP_MM, True)]
    top = cap_size(MAX_NAME_CAP_MM) * kit.scale
    gap = s(7)
    for cap_mm, below_floor in floors[:1] if floors[0][0] == LONGEST_NAME_CAP_MM else floors:
        floor = cap_size(cap_mm) * kit.scale * tall
        for (rank_max, rank_min), (below_max, below_min) in LINE_SIZES:
            try:
                rank = f.fit(person.title, width=width, max_size=s(rank_max),
                             min_size=s(rank_min), max_lines=2, bold=True,
                             line_height=1.15) if person.title else None
                text = below_line(person)
                below = f.fit(text, width=width, max_size=s(below_max), min_size=s(below_min),
                              max_lines=2, line_height=1.15) if text else None
            except FitError:
                continue
            room = height - sum(p.height + gap for p in (rank, below) if p is not None)
            for lines, least in ((1, preferred), (2, floor)):
                try:
                    layout = f.largest(name, width=width, max_size=top, min_size=least,
                                       max_lines=lines, bold=True, max_height=room,
                                       line_height=1.0)
                except FitError:
                    continue
                return Face(rank, layout, below, gap, below_floor)
    raise TentTooSmall(person, f"the name '{name}' does not fit a table tent on two lines with "
                       f"capitals of {LONGEST_NAME_CAP_MM * kit.scale:.0f} mm or more "
                       f"({cap_size(LONGEST_NAME_CAP_MM) * kit.scale * tall:.0f} pt) (with the "
                       "rank and organisation); give a shorter name (initials for given names), "
                       "or a shorter title or organisation")


def draw_tent(kit: Kit, canvas: Canvas, face: Face, note: str) -> None:
    """One sheet: the near face on the lower half, the far face on the upper half turned
    180 degrees, fold marks at the middle outside both, `note` (session and seat, for the
    staff who set the table) small in the near face's margin."""
    half = kit.height / 2
    _draw_face(kit, canvas, face)
    canvas.saveState()
    canvas.translate(kit.width, kit.height)
    canvas.rotate(180)
    _draw_face(kit, canvas, face)
    canvas.restoreState()
    canvas.setStrokeColorRGB(*RULE)
    canvas.setLineWidth(0.6)
    mark = MARK_MM * mm * kit.scale
    canvas.line(0, half, mark, half)
    canvas.line(kit.width - mark, half, kit.width, half)
    if note:
        layout = kit.fitter.fit(note, width=half - 2 * EDGE_MM * mm, max_size=7.0,
                                min_size=5.0)
        canvas.saveState()
        canvas.translate(4 * mm * kit.scale + layout.ascent, EDGE_MM * mm * kit.scale)
        canvas.rotate(90)
        draw(canvas, kit.fonts, layout, 0, 0, layout.width, RULE)
        canvas.restoreState()


def _draw_face(kit: Kit, canvas: Canvas, face: Face) -> None:
    """A face on the lower half of the sheet (its top edge is the fold), centred."""
    width, height = face_box(kit)
    x = SIDE_MM * mm * kit.scale
    top = kit.height / 2 - EDGE_MM * mm * kit.scale - (height - face.height) / 2
    if face.rank is not None:
        top = draw(canvas, kit.fonts, face.rank, x, top, width, ACCENT, "center") - face.gap
    top = draw(canvas, kit.fonts, face.name, x, top, width, INK, "center") - face.gap
    if face.below is not None:
        draw(canvas, kit.fonts, face.below, x, top, width, SECOND, "center")
