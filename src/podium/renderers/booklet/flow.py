"""Presentation stage of the booklet: a question list split across pages goes on in a new
box that repeats its label with "(continued)".

CSS cannot repeat content in the fragment of a box on the next page, so the booklet is laid
out, each list whose questions fall on two pages is cut where the page turns, and the
booklet is laid out again with the cut list as two boxes; the cut is where the break
already was, so nothing before it moves."""

from __future__ import annotations

import dataclasses

from podium.renderers.booklet.view import BookletView, ItemView

MAX_PASSES = 4
"""Layouts at most: the first, and up to three with cuts (each settles the cuts up to the
first one the repeated label moved: a list over three pages, or one whose later cut moved,
needs more than one)."""


def question_breaks(item: ItemView, anchors: dict[str, int]) -> tuple[int, ...]:
    """Indices of the questions that open a page of their list (the first excepted), from
    the page of each question's anchor. A cut made earlier that no longer falls where the
    page turns (the repeated label moved the text after it) is dropped."""
    pages = [anchors.get(f"{item.anchor}-q{n + 1}") for n in range(len(item.questions))]
    cuts: set[int] = set()
    for n in range(1, len(pages)):
        before, here = pages[n - 1], pages[n]
        if before is not None and here is not None and here > before:
            cuts.add(n)
    return tuple(sorted(cuts))


def with_continued_lists(view: BookletView, anchors: dict[str, int]) -> BookletView | None:
    """The view with every list cut where its pages turn; None when no new cut is needed."""
    changed = False
    days = []
    for day in view.days:
        items = []
        for item in day.items:
            cuts = question_breaks(item, anchors) if len(item.questions) > 1 else ()
            if cuts != item.question_breaks:
                changed = True
                item = dataclasses.replace(item, question_breaks=cuts)
            items.append(item)
        days.append(dataclasses.replace(day, items=items))
    return dataclasses.replace(view, days=days) if changed else None
