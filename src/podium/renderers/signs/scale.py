"""Report stage of the door signs: the build's type scale, and the signs set smaller."""

from __future__ import annotations

from typing import TYPE_CHECKING

from podium.renderers.signs.kit import Kit
from podium.renderers.signs.plan import SessionSign
from podium.text.wrap import round_down

if TYPE_CHECKING:
    from podium.renderers.signs.session import Scale, SignNotes


def scale_report(kit: Kit, scale: Scale, signs: list[SessionSign],
                 notes: list[SignNotes]) -> list[str]:
    """'signs: type scale time 88 pt, title 48 pt, names 18 pt, organisations 12 pt', then
    one line per field set smaller on some sign, naming the signs (or people)."""
    def s(size: float) -> float:
        return round_down(kit.page.pt(size), 0.5)   # as set: whole half points

    lines = [f"door signs: type scale time {s(scale.time):g} pt, title {s(scale.title):g} pt, "
             f"names {s(scale.step[0]):g} pt, organisations {s(scale.step[1]):g} pt"]
    pairs = list(zip(signs, notes, strict=True))
    for field in ("time", "title", "names"):
        smaller = [f"{sign.item.anchor} {n.smaller[field]:g} pt" for sign, n in pairs
                   if field in n.smaller]
        if smaller:
            lines.append(f"  {field} smaller than the scale, to fit: {'; '.join(smaller)}")
    orgs = [f"{name} on {sign.item.anchor} {size:g} pt" for sign, n in pairs
            for name, size in n.orgs]
    if orgs:
        lines.append(f"  organisations smaller than the scale, to fit: {'; '.join(orgs)}")
    return lines
