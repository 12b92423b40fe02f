"""Record stage: the booklet's pages as printed pieces, read from the built programme.pdf
(a page's items are the anchors WeasyPrint placed on it; its digest is its text).

Subjects of a page: `item:X` for any part of item X on it, `when:X` where X's time, title and
room are printed (its heading, its day's glance), `people:X` where its chair and speakers
are, `person:P` where P's entry is (under an item), `index:P` where P is in the speakers'
index (a page of links and no anchors)."""

from __future__ import annotations

import re
from pathlib import Path

from podium.changes.piece import Piece, digest
from podium.model import Agenda

BOOKLET = "programme.pdf"


def _subjects(anchor: str, day_items: dict[str, list[str]]) -> list[str]:
    if anchor in day_items:                       # a day's glance lists all its items
        return [s for a in day_items[anchor] for s in (f"item:{a}", f"when:{a}")]
    item, sep, person = anchor.partition("--")
    if sep:
        return [f"item:{item}", f"people:{item}", f"person:{person.removeprefix('chair-')}"]
    if re.search(r"-q[0-9]+$", anchor):
        return [f"item:{re.sub(r'-q[0-9]+$', '', anchor)}"]
    return [f"item:{anchor}", f"when:{anchor}"]


def _index_entries(anchor: str, people: dict[str, list[str]]) -> list[str]:
    """`index:P` for a link to P's entry under an item; a compact booklet's index links to
    the item's row: every person of the item, then (which of them the line names is not
    known)."""
    item, sep, person = anchor.partition("--")
    if sep:
        return [f"index:{person.removeprefix('chair-')}"]
    return [f"index:{p}" for p in people.get(item, [])]


def _links(page: object) -> list[str]:
    """The anchors the page's links go to (the index's page numbers)."""
    out = []
    for annot in page.get("/Annots") or []:  # type: ignore[attr-defined]
        dest = annot.get_object().get("/Dest")
        if isinstance(dest, str):
            out.append(dest)
    return out


def booklet_pieces(pdf: Path, agenda: Agenda) -> list[Piece]:
    """One piece per page of `pdf`; a page without anchors or links (the cover) has no
    subjects: only a change to the whole event touches it."""
    import pypdf
    import pypdfium2

    reader = pypdf.PdfReader(pdf)
    placed: dict[int, list[tuple[float, str]]] = {}
    for name, dest in reader.named_destinations.items():
        top = float(dest.get("/Top") or 0)
        page = reader.get_destination_page_number(dest)
        if page is not None:
            placed.setdefault(page, []).append((-top, str(name)))
    # Top to bottom, as the page reads.
    on_page = {page: [name for _, name in sorted(found)] for page, found in placed.items()}
    # An anchor this close to the highest one of the booklet starts its page: nothing
    # of the item before goes on above it.
    head = max((-top for found in placed.values() for top, _ in found), default=0.0) - 24
    first_top = {page: -min(found)[0] for page, found in placed.items()}
    day_items = {f"day-{n}": [it.anchor for it in day.items]
                 for n, day in enumerate(agenda.days, start=1)}
    known = {it.anchor for _, it in agenda.items()}
    people = {it.anchor: [*it.chair, *(s.person for s in it.speakers)] for _, it in agenda.items()}
    # A compact booklet lists each item as a row with its speakers, and no anchor of theirs.
    compact = not any("--" in name for names in on_page.values() for name in names)
    document = pypdfium2.PdfDocument(pdf)
    out: list[Piece] = []
    try:
        last_item: str | None = None
        glance: list[str] = []
        for index in range(len(document)):
            text_page = document[index].get_textpage()
            text = text_page.get_text_range()
            text_page.close()
            subjects: list[str] = []
            anchors = on_page.get(index, [])
            links = _links(reader.pages[index]) if not anchors else []
            if glance and not anchors:
                # The day's glance goes on (the rooms of a big day fill pages).
                subjects += glance
            elif links:
                # An index page: the people it lists.
                subjects += [s for a in dict.fromkeys(links) for s in _index_entries(a, people)]
                last_item = None
            elif last_item and (not anchors or first_top[index] < head):
                # The page goes on with the item the page before ended in.
                subjects.append(f"item:{last_item}")
            if anchors:
                glance = []
            for a in anchors:
                subjects += _subjects(a, day_items)
                if a in day_items:
                    glance += _subjects(a, day_items)
                elif compact and a in known:
                    subjects += [f"people:{a}", *(f"person:{p}" for p in people[a])]
            own = [a.partition("--")[0] for a in anchors if a not in day_items]
            items = [re.sub(r"-q[0-9]+$", "", a) for a in own]
            last_item = next((a for a in reversed(items) if a in known), None) \
                if anchors and not any(a in day_items for a in anchors) else None
            out.append(Piece(BOOKLET, f"page:{index + 1}", f"booklet page {index + 1}",
                             tuple(dict.fromkeys(subjects)), digest(text)))
    finally:
        document.close()
    return out
