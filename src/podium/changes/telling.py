"""Command stage: a comparison as `podium changes` prints it: each change, then indented the
printed pieces it touches (grouped by kind, long lists cut short), then what to reprint."""

from __future__ import annotations

from collections.abc import Iterable

from podium.changes.booklet_pages import BOOKLET
from podium.changes.compare import Comparison
from podium.changes.piece import Piece
from podium.changes.pieces import BADGES, CARDS, SIGNS, TENTS
from podium.report import plural

NAMED = 4
"""Names shown of a long list before 'and N more'."""
LONGEST = 60
"""Characters of one name (a session's heading) before it is cut with '…'."""


def _short(name: str) -> str:
    return name if len(name) <= LONGEST else name[:LONGEST - 1].rstrip() + "…"


def names(found: list[str]) -> str:
    """'A, B and C', or 'A, B, C, D and 33 more'."""
    shown = [_short(n) for n in found]
    if len(shown) > NAMED + 1:
        return f"{', '.join(shown[:NAMED])} and {len(shown) - NAMED} more"
    return joined(shown)


def joined(found: list[str]) -> str:
    """'A, B and C', every one."""
    return found[0] if len(found) == 1 else f"{', '.join(found[:-1])} and {found[-1]}"


def page_ranges(numbers: Iterable[int]) -> str:
    """'2, 7–8, 11'."""
    out: list[str] = []
    run: list[int] = []
    for n in sorted(set(numbers)):
        if run and n != run[-1] + 1:
            out.append(_run(run))
            run = []
        run.append(n)
    if run:
        out.append(_run(run))
    return ", ".join(out)


def _run(run: list[int]) -> str:
    return str(run[0]) if len(run) == 1 else f"{run[0]}–{run[-1]}"


def _after(label: str, prefix: str) -> str:
    return label.removeprefix(prefix)


def badge_holders(pieces: Iterable[Piece]) -> dict[str, tuple[str, set[str]]]:
    """Badge pieces by holder: key -> (name, sides), in print order."""
    out: dict[str, tuple[str, set[str]]] = {}
    for p in pieces:
        if p.output != BADGES:
            continue
        holder, _, side = p.key.rpartition(":")
        name = _after(p.label, "badge of ").rsplit(" (", 1)[0]
        out.setdefault(holder, (name, set()))[1].add(side)
    return out


def _counted(count: int, one: str, many: str, found: list[str]) -> str:
    return f"{count} {many}: {names(found)}" if count > 1 else f"{one}: {names(found)}"


def group(pieces: list[Piece]) -> list[str]:
    """The pieces as a few lines: door signs, badges (by side), tents, cards, booklet pages."""
    lines: list[str] = []
    signs = [_after(p.label, "door sign: ") for p in pieces if p.output == SIGNS]
    if signs:
        lines.append(_counted(len(signs), "door sign", "door signs", signs))
    holders = badge_holders(pieces)
    # Single-sided badges have no back to tell apart from the front.
    sided = any("back" in got for _, got in holders.values())
    for sides, words in (({"front", "back"}, " (front and back)"),
                         ({"front"}, " (front)" if sided else ""), ({"back"}, " (back)")):
        found = [name for name, got in holders.values() if got == sides]
        if found:
            lines.append(_counted(len(found), f"badge{words}", f"badges{words}", found))
    for output, prefix, one, many in ((TENTS, "seating plan: ", "seating plan", "seating plans"),
                                      (TENTS, "table tent of ", "table tent", "table tents"),
                                      (CARDS, "screen card of ", "screen card", "screen cards")):
        # 'table tent of Ann Lee (Session 3: ...)': the change above names the session.
        found = [_after(p.label, prefix).split(" (", 1)[0] for p in pieces
                 if p.output == output and p.label.startswith(prefix)]
        if found:
            lines.append(_counted(len(found), one, many, found))
    known = {SIGNS, BADGES, TENTS, CARDS, BOOKLET}
    others = [p.label for p in pieces if p.output not in known]
    if others:
        lines.append(names(others))
    pages = [int(p.key.removeprefix("page:")) for p in pieces if p.output == BOOKLET
             and p.key.removeprefix("page:").isdigit()]
    if pages:
        lines.append(f"booklet page{'s' if len(pages) > 1 else ''} {page_ranges(pages)}")
    return lines


def to_reprint(c: Comparison) -> str:
    """'1 door sign, 5 badges and 1 seating plan; booklet pages 2, 7–8 (errata slip)'."""
    counts = [(len([p for p in c.changed if p.output == SIGNS]), "door sign"),
              (len(badge_holders(c.changed)), "badge"),
              (len([p for p in c.changed if p.key.startswith("plan:")]), "seating plan"),
              (len([p for p in c.changed if p.key.startswith("tent:")]), "table tent"),
              (len([p for p in c.changed if p.output == CARDS]), "screen card")]
    said = [plural(n, what) for n, what in counts if n]
    pages = [int(p.key.removeprefix("page:")) for p, _ in c.booklet
             if p.key.removeprefix("page:").isdigit()]
    text = joined(said) if said else "nothing printed separately"
    if pages:
        text += f"; booklet page{'s' if len(pages) > 1 else ''} {page_ranges(pages)} (errata slip)"
    return text


def describe(c: Comparison, record_name: str) -> list[str]:
    """The changes as `podium changes` prints them."""
    at = c.record.recorded_at.strftime("%Y-%m-%d %H:%M UTC")
    since = f"since the print run of {at} ({record_name}, record {len(c.history)})"
    if not c.any:
        return [f"no changes {since}"]
    lines = [f"{plural(len(c.changes), 'change')} {since}:"]
    gone = {(p.output, p.key) for p in c.gone}
    for change in c.changes:
        lines.append(f"- {change.text}")
        again = group([p for p in change.touched if (p.output, p.key) not in gone])
        away = group([p for p in change.touched if (p.output, p.key) in gone])
        lines += [f"    {line}" for line in again] + [f"    no longer printed: {line}"
                                                      for line in away]
        if not change.touched:
            lines.append("    (no printed piece shows it)")
    if c.unexplained:
        lines.append("- printed pieces that show something else, which no change above explains "
                     "(a print setting, a font, another podium version):")
        lines += [f"    {line}" for line in group(c.unexplained)]
    lines.append(f"to reprint: {to_reprint(c)}; `podium build` writes them to reprint/")
    if c.gone:
        lines.append(f"no longer printed (take down or set aside): {'; '.join(group(c.gone))}")
    return lines
