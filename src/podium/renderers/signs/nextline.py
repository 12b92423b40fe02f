"""Drawing stage of the door signs: the footer line saying what comes next in the room."""

from __future__ import annotations

from reportlab.pdfgen.canvas import Canvas

from podium.model import Day, Item
from podium.present import item_heading, item_when
from podium.renderers.signs.kit import ACCENT, INK, SECOND, Kit, TextTooLong, draw
from podium.text import FitError, Layout


def next_line(kit: Kit, day: Day, nxt: Item | None, following: tuple[Day, Item] | None
              ) -> tuple[Layout, ...] | None:
    """'NEXT  11:45–13:00  Session 2: The Future of ...' as three layouts on one baseline;
    on the day's last sign, what comes next on a later day ('NEXT  Wed 11 Dec, 08:30
    Session 5: ...'), or that the day or the programme ends. `nxt` follows later that `day`
    in the room, `following` on a later day."""
    p, s = kit.page, kit.page.pt
    loc = kit.locale
    if nxt is None and following is None:
        last = day is kit.agenda.days[-1]
        text = loc.label("programme_ends" if last else "day_ends").upper()
        return (kit.fitter.largest(text, width=p.inner, max_size=s(13), min_size=s(10),
                                   bold=True),)
    label = kit.fitter.largest(loc.label("next").upper(), width=p.inner / 4,
                    max_size=s(13), min_size=s(10), bold=True)
    if nxt is not None:
        item, when_text = nxt, item_when(nxt, loc)
    else:
        assert following is not None
        later, item = following
        when_text = f"{loc.day_short(later.date)}, {item_when(item, loc)}"
    when = kit.fitter.largest(when_text, width=p.inner / 3, max_size=s(16), min_size=s(12),
                              bold=True)
    title = item_heading(item, loc)
    rest = p.inner - label.width - when.width - s(40)
    try:
        what = kit.fitter.largest(title, width=rest, max_size=s(16), min_size=s(10), max_lines=3)
    except FitError:
        raise TextTooLong(item, "the title does not fit the 'next' line of the sign before "
                          "it (3 lines at 10 pt); shorten it") from None
    return label, when, what


def footer_height(parts: tuple[Layout, ...]) -> float:
    ascent = max(p.ascent for p in parts)
    return ascent + max(p.height - p.ascent for p in parts)


def draw_next(kit: Kit, canvas: Canvas, parts: tuple[Layout, ...], top: float) -> None:
    s = kit.page.pt
    x = kit.page.left
    # One baseline for the parts: each box top is placed from its own ascent.
    base = top - max(part.ascent for part in parts)
    label = parts[0]
    draw(canvas, kit.fonts, label, x, base + label.ascent, label.width, ACCENT)
    if len(parts) == 1:
        return
    _, when, what = parts
    x += label.width + s(16)
    draw(canvas, kit.fonts, when, x, base + when.ascent, when.width, INK)
    x += when.width + s(20)
    draw(canvas, kit.fonts, what, x, base + what.ascent, kit.page.right - x, SECOND)
