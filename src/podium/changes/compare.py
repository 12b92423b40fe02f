"""Comparison stage: the programme against its printed record: what changed, which printed
pieces show it, and each item's revision count for calendars (SEQUENCE, LAST-MODIFIED)."""

from __future__ import annotations

import dataclasses
import itertools
from dataclasses import dataclass, field

from podium.changes.booklet_pages import BOOKLET
from podium.changes.diff import EVERYTHING, Change, diff
from podium.changes.facts import Facts, agenda_facts
from podium.changes.piece import Piece
from podium.changes.pieces import BADGES, CARDS, SIGNS, TENTS, current_pieces
from podium.changes.record import Entry
from podium.load import Programme


@dataclass
class Comparison:
    """The programme now, against the newest record of what was printed."""

    record: Entry
    history: list[Entry]
    facts: Facts
    changes: list[Change]
    changed: list[Piece]
    """Pieces printed from the programme now whose content differs from the record's, or
    that are new, in print order."""
    gone: list[Piece]
    """Pieces of the record that the programme no longer prints (a cancelled session's sign)."""
    booklet: list[tuple[Piece, list[Change]]] = field(default_factory=list)
    """Booklet pages of the record that show something changed, with the changes."""
    unexplained: list[Piece] = field(default_factory=list)
    """Changed pieces that no change in words accounts for (a layout setting, a font)."""

    @property
    def any(self) -> bool:
        return bool(self.changes or self.changed or self.gone)

    def changed_keys(self, output: str) -> set[str]:
        return {p.key for p in self.changed if p.output == output}

    def item_changes(self, anchor: str) -> list[Change]:
        return [c for c in self.changes if c.item == anchor]

    def sequence(self, anchor: str) -> int:
        """How many times the item has changed: between each two records, and since the
        last one (an item new in a record starts at 0)."""
        count = 0
        states = [e.facts.get("items", {}) for e in self.history] + [self.facts["items"]]
        for before, after in itertools.pairwise(states):
            if anchor in before and anchor in after and before[anchor] != after[anchor]:
                count += 1
        return count

    def last_modified(self, anchor: str, build_epoch: int) -> int | None:
        """When the item last changed, as the record knows it: the time of the record that
        first held it as it is now, or the build's date for a change not yet recorded; None
        for an item unchanged since the first record (calendars need no LAST-MODIFIED)."""
        states = [e.facts.get("items", {}) for e in self.history]
        now = self.facts["items"].get(anchor)
        if not states or states[-1].get(anchor) != now:
            return max(build_epoch, self.record.epoch)
        when = None
        for k in range(len(states) - 1, 0, -1):
            if states[k].get(anchor) == now and states[k - 1].get(anchor) != now:
                if anchor in states[k - 1]:
                    when = self.history[k].epoch
                break
            if states[k - 1].get(anchor) != now:
                break
        return when


def _touches(piece: Piece, change: Change) -> bool:
    return EVERYTHING in change.subjects or bool(change.subjects & set(piece.subjects))


def _on_page(page: Piece, change: Change, exact: bool) -> bool:
    """Whether a booklet page shows the change: by the pages' own subjects (booklet_pages.py),
    or, in a record made before pages had them, by any subject in common."""
    if EVERYTHING in change.subjects:
        return True
    return bool((change.pages if exact and change.pages else change.subjects) & set(page.subjects))


MADE = (SIGNS, BADGES, TENTS, CARDS)
"""The outputs whose pieces are worked out afresh; a record's pieces of any other output (the
booklet's pages, or an output an older podium made) are compared by subject only."""


def compare(programme: Programme, history: list[Entry]) -> Comparison:
    """`programme` against the newest entry of `history` (which must not be empty)."""
    record = history[-1]
    facts = agenda_facts(programme.agenda, programme.attendees)
    changes = diff(record.facts, facts)
    now = current_pieces(programme)
    before = {(p.output, p.key): p for p in record.pieces}
    changed = [p for p in now if (b := before.get((p.output, p.key))) is None
               or b.digest != p.digest]
    keys_now = {(p.output, p.key) for p in now}
    gone = [p for p in record.pieces if p.output in MADE and (p.output, p.key) not in keys_now]
    booklet = []
    pages = [p for p in record.pieces if p.output == BOOKLET]
    exact = any(s.startswith("when:") for p in pages for s in p.subjects)
    for page in pages:
        hits = [c for c in changes if _on_page(page, c, exact)]
        if hits:
            booklet.append((page, hits))
    # A piece shows a change if it shows its subject now or showed it when printed (a
    # sign whose next item was the break now cancelled).
    seen = [dataclasses.replace(p, subjects=tuple(dict.fromkeys(
        [*p.subjects, *(before[k].subjects if (k := (p.output, p.key)) in before else ())])))
        for p in changed] + gone
    explained: set[tuple[str, str]] = set()
    for c in changes:
        for p in seen:
            if _touches(p, c):
                c.touched.append(p)
                explained.add((p.output, p.key))
        c.touched += [page for page, hits in booklet if c in hits]
        c.pieces = [p.label for p in c.touched]
    unexplained = [p for p in [*changed, *gone] if (p.output, p.key) not in explained]
    return Comparison(record, history, facts, changes, changed, gone, booklet, unexplained)
