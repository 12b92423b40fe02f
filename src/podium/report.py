"""Reporting stage: the build report, a table of the outputs, the preflight and what to do
next with each file; short on screen, in full in build/report.txt."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from podium.load import Programme
from podium.output import Written, atomic_write_bytes

REPORT_FILE = "report.txt"
FIRST_FEW = 3
"""Names shown on screen for a list of shrunk or wrapped names; the rest are counted."""


def plural(n: int, noun: str, many: str | None = None) -> str:
    """`1 day`, `2 days`; `many` for nouns that do not just take an s (`person`, `people`)."""
    return f"{n:,} {noun if n == 1 else many or noun + 's'}"


def size(n: int) -> str:
    if n < 1024:
        return f"{n} B"
    if n < 1024 * 1024:
        return f"{n / 1024:.1f} KB"
    return f"{n / 1024 / 1024:.1f} MB"


def table(rows: Sequence[Sequence[str]], right: Sequence[int] = ()) -> list[str]:
    """Rows as aligned columns (the columns in `right` aligned right), two spaces apart."""
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))] if rows else []
    out = []
    for r in rows:
        cells = [c.rjust(w) if i in right else c.ljust(w)
                 for i, (c, w) in enumerate(zip(r, widths, strict=True))]
        out.append("  ".join(cells).rstrip())
    return out


@dataclass
class Preflight:
    """A renderer's preflight text read back: its summary line and its named lists."""

    summary: str
    lists: list[tuple[str, list[str]]] = field(default_factory=list)

    @classmethod
    def parse(cls, text: str) -> Preflight:
        # The renderers write "summary" then "  label: a; b; c" lines (badges.preflight).
        first, *rest = text.splitlines() or [""]
        lists = []
        for line in rest:
            label, sep, items = line.strip().partition(": ")
            if sep:
                lists.append((label, [i for i in items.split("; ") if i]))
            elif line.strip():
                lists.append((line.strip(), []))
        return cls(first, lists)

    def lines(self, full: bool, where: str) -> list[str]:
        out = [self.summary]
        for label, items in self.lists:
            if not items:
                out.append(f"  {label}")
            elif len(items) == 1:
                out.append(f"  {label}: {items[0]}")
            elif full or len(items) <= FIRST_FEW:
                out.append(f"  {label}: {len(items)}: {'; '.join(items)}")
            else:
                shown = "; ".join(items[:FIRST_FEW])
                out.append(f"  {label}: {len(items)}: {shown} and {len(items) - FIRST_FEW} more "
                           f"(all in {where})")
        return out


_BADGE_STOCK = re.compile(r" of (\S+)\s*$")


def advice(name: str, programme: Programme, preflight: Preflight | None) -> str | None:
    """What to do next with the output called `name`, in the words of a print shop."""
    settings = programme.agenda.print_
    if name == "programme-imposed.pdf":
        two_up = {"A5": "A4", "A4": "A3", "Letter": "tabloid"}.get(settings.paper, "")
        paper = settings.booklet_sheet if settings.booklet_sheet != "auto" else (
            f"a sheet larger than {two_up}" if settings.booklet_crop_marks
            or settings.booklet_bleed_mm else two_up)
        trim = (", trim at the crop marks" if settings.booklet_crop_marks or settings.booklet_bleed_mm
                else "")
        return f"print on {paper}: duplex, flip on short edge, fold, staple{trim}"
    if name == "programme.pdf":
        return f"the booklet page by page ({settings.paper}): for screens, e-mail and the website"
    if name == "badges.pdf":
        stock = settings.badge_stock
        if preflight is not None and (m := _BADGE_STOCK.search(preflight.summary)):
            stock = m.group(1)
        sides = ("duplex, flip on long edge" if settings.badge_double_sided else "single-sided")
        return f"print at 100% (no fit to page) on {stock}, {sides}; cut at the marks"
    if name == "door-signs.pdf":
        return f"print at 100% on {settings.sign_paper} landscape, single-sided; one per door"
    if name == "tents.pdf":
        return (f"print at 100% on {settings.tent_paper}, single-sided; fold along the long "
                "middle at the marks")
    if name == "screen-cards.pdf":
        return "for the speakers on a video link: show on screen, or print at 100%"
    if name == "participants.pdf":
        return "the list of participants: print duplex, or share as it is"
    if name == "signin.pdf":
        per = "day" if settings.signin_by == "day" else "session"
        return f"print at 100% on {settings.signin_paper}; one sheet per {per}, at the entrance"
    if name == "site":
        return f"upload the folder's contents to {programme.agenda.event.url}"
    if name == "agenda.ics":
        return "calendar file, published with the site"
    return None


@dataclass
class Report:
    screen: list[str]
    full: list[str]


def build_report(written: Sequence[Written], programme: Programme, out_dir: Path) -> Report:
    """The report of one build: outputs, preflight, next steps; on screen and in full."""
    rows = [(plural(len(written), 'output'), "pages", "size")]
    rows += [(w.path.name + ("/" if w.path.is_dir() else ""),
              "" if w.pages is None else plural(w.pages, "page"), size(w.size)) for w in written]
    where = str(out_dir / REPORT_FILE)
    screen = table([(f"{rows[0][0]} in {out_dir}", *rows[0][1:]), *rows[1:]], right=(1, 2))
    full = table(rows, right=(1, 2))  # no folder: the same agenda gives the same report
    flights = {w.path.name: Preflight.parse(w.report) for w in written if w.report}
    if flights:
        screen.append("")
        full.append("")
        screen.append("preflight")
        full.append("preflight")
        for p in flights.values():
            screen += [f"  {line}" for line in p.lines(False, where)]
            full += [f"  {line}" for line in p.lines(True, where)]
    steps = [(f"{w.path.name}:", text) for w in written
             if (text := advice(w.path.name, programme, flights.get(w.path.name)))]
    if steps:
        block = ["", "next", *(f"  {line}" for line in table(steps))]
        screen += block
        full += block
    return Report(screen, full)


def write_full(report: Report, out_dir: Path) -> Path:
    """build/report.txt: beside the outputs, never inside one, so no output's bytes change."""
    path = out_dir / REPORT_FILE
    atomic_write_bytes(path, ("\n".join(report.full) + "\n").encode("utf-8"))
    return path
