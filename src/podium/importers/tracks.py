"""Import stage: the source's tracks as agenda.yaml `tracks:` (id, name, colour), ids for items."""

from __future__ import annotations

import re
from collections.abc import Callable

from podium import values
from podium.importers.report import Report
from podium.importers.source import SourceSchedule
from podium.importers.text import clean_line

_LONG = re.compile(r"#[0-9A-Fa-f]{6}\Z")
_SHORT = re.compile(r"#([0-9A-Fa-f])([0-9A-Fa-f])([0-9A-Fa-f])\Z")


def colour(text: str) -> str | None:
    """A source colour as podium's #RRGGBB (#abc counts as #AABBCC); None when it is none."""
    text = text.strip()
    if _LONG.match(text):
        return text.upper()
    short = _SHORT.match(text)
    if short:
        return "#" + "".join(c * 2 for c in short.groups()).upper()
    return None


class Tracks:
    """The tracks that events name: the source's listed ones first, in its order, then those
    only events name, in the order they first appear. A listed track no event names is left
    out (a hall's export often lists the whole congress's tracks)."""

    def __init__(self, source: SourceSchedule, report: Report) -> None:
        used = dict.fromkeys(n for n in (clean_line(e.track) for e in source.events) if n)
        colours: dict[str, str | None] = {}
        for listed in source.tracks:
            name = clean_line(listed.name)
            if not name or name not in used:
                continue
            found = colour(listed.colour) if listed.colour else None
            if listed.colour and found is None:
                report.warn(f"track '{name}': its colour '{listed.colour}' is not a #RRGGBB "
                            "colour; left out")
            if colours.get(name) is None:
                colours[name] = found
        self.names = [*colours, *(n for n in used if n not in colours)]
        self.colours = colours
        self.ids: dict[str, str] = {}
        for name in self.names:
            base = values.slug(name)
            ident, n = base, 2
            while ident in self.ids.values():
                ident, n = f"{base}-{n}", n + 1
            self.ids[name] = ident

    def id_of(self, name: str) -> str | None:
        """The id an item names for its source track (None for an event with no track)."""
        return self.ids.get(clean_line(name))

    def entries(self, fix: Callable[[str, str], str]) -> list[dict[str, str]]:
        """agenda.yaml's `tracks:` (names through the glyph check, like every printed text)."""
        out = []
        for name in self.names:
            entry = {"id": self.ids[name], "name": fix(name, f"track '{name}'")}
            found = self.colours.get(name)
            if found:
                entry["colour"] = found
            out.append(entry)
        return out
