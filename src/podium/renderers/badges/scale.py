"""Layout stage: a badges build's type scale — one size per field for every badge.

Each field (category, rank, name, role, organisation) has a design size (its largest) and a
floor. The size a build uses is the largest at which every badge whose field can fit at the
floor fits, that is the largest size that fits the most badges: the smallest of the
badges' own largest sizes that are not below the floor. A badge whose field cannot fit even
at the floor shrinks that field alone, and the report lists it."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from podium.text import FitError, Fitter
from podium.text.wrap import round_down

STEP = 0.25
"""Sizes are whole quarter points."""
FIELDS = ("category", "rank", "name", "role", "organisation")


@dataclass(frozen=True)
class Field:
    """How one field is set: design size and floor (points), lines it may take at the
    scale's size, and weight."""

    name: str
    most: float
    floor: float
    lines: int
    bold: bool = False


@dataclass(frozen=True)
class TypeScale:
    """The size of each field on every badge of the build (points), by field name."""

    sizes: tuple[tuple[str, float], ...]

    def __post_init__(self) -> None:
        object.__setattr__(self, "sizes", tuple((n, round_down(s, STEP)) for n, s in self.sizes))

    def __getitem__(self, field: str) -> float:
        return dict(self.sizes)[field]

    def describe(self) -> str:
        return ", ".join(f"{name} {size:g} pt" for name, size in self.sizes)


def clean(text: str) -> str:
    """The text as the fitting engine sets it (NFC, single spaces)."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def own_size(fitter: Fitter, field: Field, text: str, width: float) -> float:
    """The largest size (at most the design size, in STEPs) at which `text` fits `width` on
    the field's lines; 0 when not even at the floor."""
    text = clean(text)
    most = round_down(field.most, STEP)
    if not text:
        return most
    if field.lines == 1:
        em = fitter.shaper.shape(text, fitter.family, bold=field.bold).width
        return min(most, round_down(width / em, STEP)) if em > 0 else most
    try:
        return fitter.largest(text, width=width, max_size=most, min_size=field.floor,
                              max_lines=field.lines, bold=field.bold, step=STEP).size
    except FitError:
        return 0.0


Lowest = dict[str, float | None]
"""For each field, the smallest own size of its texts that is at least the floor (None: no
text reaches the floor, or there is none)."""


def lowest(fitter: Fitter, fields: Iterable[Field], texts: Callable[[str], Iterable[str]],
           width: Callable[[str], float]) -> Lowest:
    """What `choose` takes the least of, for one part of a build's badges: parts measured
    apart (in the badge workers) and combined give the scale of the whole."""
    found: Lowest = {}
    for field in fields:
        w = width(field.name)
        own = [s for t in dict.fromkeys(texts(field.name)) if t
               for s in [own_size(fitter, field, t, w)] if s >= field.floor - 1e-9]
        found[field.name] = min(own, default=None)
    return found


def combine(fields: Iterable[Field], parts: Iterable[Lowest]) -> TypeScale:
    """The scale of the badges of all `parts`: the least of each field's sizes."""
    parts = list(parts)
    sizes = []
    for field in fields:
        own = [s for part in parts for s in [part.get(field.name)] if s is not None]
        sizes.append((field.name, min(own, default=field.most)))
    return TypeScale(tuple(sizes))


def choose(fitter: Fitter, fields: Iterable[Field], texts: Callable[[str], Iterable[str]],
           width: Callable[[str], float]) -> TypeScale:
    """The build's scale: for each field, the smallest own size of its texts (`texts(name)`,
    each in `width(name)`) that is at least the floor; the design size if no text reaches
    the floor or there is none."""
    fields = list(fields)
    return combine(fields, [lowest(fitter, fields, texts, width)])
