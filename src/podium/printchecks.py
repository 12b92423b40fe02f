"""Loading stage: the print options that need more than the schema, checked once at load.

The schema checks each value alone (stocks, QR contents, sheet names, with did-you-mean);
here: the logo file (inside the agenda's folder, readable, decoded once for every renderer)
and whether the booklet's imposition fits the chosen press sheet."""

from __future__ import annotations

from podium.load_paths import outside
from podium.logo import Logo, LogoError, read_logo
from podium.model import Agenda
from podium.press import AUTO, SHEETS, describe, fitting, layout, spread
from podium.problems import Problem
from podium.yamlsource import Located


def logo_problems(located: Located, allow_outside: bool) -> tuple[Logo | None, list[Problem]]:
    """The logo `print.logo` names, checked and decoded; or the one problem with it."""
    data = located.data if isinstance(located.data, dict) else {}
    settings = data.get("print")
    rel = settings.get("logo") if isinstance(settings, dict) else None
    if not isinstance(rel, str) or not rel.strip():
        return None, []
    base = located.source.path.parent
    why = None if allow_outside else outside(base, rel)
    if why:
        return None, [located.problem(("print", "logo"), why)]
    try:
        return read_logo(base / rel, rel), []
    except LogoError as exc:
        return None, [located.problem(("print", "logo"), str(exc))]


def logo_warnings(located: Located, logo: Logo | None) -> list[Problem]:
    if logo is None or logo.kind != "svg":
        return []
    return [located.problem(("print", "logo"), "an SVG logo prints on the booklet's cover "
                            "only; badges and door signs need a PNG or JPEG and print none",
                            severity="warning")]


def sheet_problems(located: Located, agenda: Agenda) -> list[Problem]:
    """`print.booklet_sheet` too small for two pages with their bleed and marks."""
    settings = agenda.print_
    name = settings.booklet_sheet
    if name == AUTO:
        return []
    bleed, marks = settings.booklet_bleed_mm, settings.booklet_crop_marks or bool(
        settings.booklet_bleed_mm)
    if layout(settings.paper, SHEETS[name], bleed, marks) is not None:
        return []
    w, h = spread(settings.paper)
    what = f"two {settings.paper} pages ({w:g} x {h:g} mm)"
    if bleed:
        what += f" with {bleed:g} mm bleed"
    if marks:
        what += " and crop marks" if bleed else " with crop marks"
    fits = fitting(spread(settings.paper), bleed, marks, us=settings.paper == "Letter")
    hint = f"; {fits[0][0]} ({describe(fits[0][0])}) would fit" if fits else ""
    return [located.problem(("print", "booklet_sheet"),
                            f"{what} do not fit on {name} ({describe(name)}){hint}")]
