"""Drawing stage of reprint/changes.pdf: the errata slip to lay into booklets already printed:
"Changes since this programme was printed", each change with the booklet pages it affects,
and a QR code to the changes page. On A6 when it all fits one A6 page, else on A5 pages;
each slip page is a page of its own size in changes.pdf, printed on that paper."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.pagesizes import A5, A6
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from podium.renderers.reprint.paper import ACCENT, INK, SECOND, Tools, draw_qr, qr_side
from podium.text import Layout


@dataclass(frozen=True)
class Paper:
    """A slip's page: its size, margin and type sizes (in points)."""

    name: str
    size: tuple[float, float]
    margin: float
    body: float
    title: float
    qr: float

    @property
    def inner(self) -> float:
        return float(self.size[0] - 2 * self.margin)

    @property
    def pages_w(self) -> float:
        """The column of page numbers, left of the words."""
        return self.body * 5.2


SMALL = Paper("A6", A6, 8 * mm, 8.5, 12.5, 15 * mm)
LARGE = Paper("A5", A5, 12 * mm, 10, 15, 18 * mm)


@dataclass(frozen=True)
class Entry:
    """One change on the slip: the booklet pages (as printed) and the words."""

    pages: tuple[int, ...]
    text: str


Part = tuple[Layout, tuple[float, float, float], float]


def _head(t: Tools, paper: Paper, since: str) -> list[Part]:
    w = paper.inner
    b = paper.body
    # The event's title leaves room for the page mark ("Page 2 of 3") on its right.
    return [(t.text(t.agenda.event.title, w * 0.75, b * 0.9, 6.5, lines=2, bold=True), ACCENT,
             0.0),
            (t.text(t.locale.label("errata_title"), w, paper.title, b, lines=3, bold=True),
             INK, 3.0),
            (t.text(since, w, b * 0.9, 6.5, lines=2), SECOND, 2.0)]


def _entry(t: Tools, paper: Paper, e: Entry) -> tuple[Layout | None, Layout]:
    b = paper.body
    pages = t.text(", ".join(map(str, e.pages)), paper.pages_w - b, b, 6.5, lines=4,
                   bold=True) if e.pages else None
    return pages, t.text(e.text, paper.inner - paper.pages_w, b, min(b, 7), lines=14)


def _columns(t: Tools, paper: Paper) -> tuple[Layout, Layout]:
    """The heads of the two columns: the booklet's pages, and the change."""
    b = paper.body * 0.8
    return (t.text(t.locale.label("pages"), paper.pages_w - paper.body, b, 6, bold=True),
            t.text(t.locale.label("change"), paper.inner - paper.pages_w, b, 6, bold=True))


def _foot(t: Tools, paper: Paper, url: str) -> tuple[Layout, Layout]:
    w = paper.inner - paper.qr - 10
    return (t.text(t.locale.label("all_changes"), w, paper.body, 6.5, lines=2, bold=True),
            t.text(url.removeprefix("https://"), w, paper.body * 0.85, 6, lines=3))


def _foot_height(t: Tools, paper: Paper, url: str) -> float:
    label, shown = _foot(t, paper, url)
    return max(qr_side(url, paper.qr), label.height + 2 + shown.height) + 10


def _pages(t: Tools, paper: Paper, entries: list[Entry], since: str,
           url: str) -> list[list[Entry]]:
    head = sum(x.height + gap for x, _, gap in _head(t, paper, since)) + 12 + \
        max(x.height for x in _columns(t, paper)) + 4
    usable = paper.size[1] - 2 * paper.margin - head
    foot = _foot_height(t, paper, url)
    out: list[list[Entry]] = [[]]
    room = usable
    for e in entries:
        pages, words = _entry(t, paper, e)
        h = max(words.height, pages.height if pages else 0.0) + paper.body * 0.6
        if h > room and out[-1]:
            out.append([])
            room = usable
        out[-1].append(e)
        room -= h
    if room < foot:
        out.append([])      # the code and its caption on a page of their own
    return out


def choose(t: Tools, entries: list[Entry], since: str, url: str) -> tuple[Paper,
                                                                         list[list[Entry]]]:
    """A6 when the slip fits one A6 page, else A5, over as many pages as it needs."""
    small = _pages(t, SMALL, entries, since, url)
    if len(small) == 1:
        return SMALL, small
    return LARGE, _pages(t, LARGE, entries, since, url)


def draw_slip(canvas: Canvas, t: Tools, entries: list[Entry], since: str, url: str) -> int:
    """Draw the slip's pages; return their count."""
    paper, pages = choose(t, entries, since, url)
    w, m = paper.inner, paper.margin
    for number, chunk in enumerate(pages, start=1):
        canvas.setPageSize(paper.size)
        top = paper.size[1] - m
        for layout, colour, gap in _head(t, paper, since):
            top = t.draw(canvas, layout, m, top - gap, w, colour)
        if len(pages) > 1:
            pager = t.text(t.locale.label("page_of").format(page=number, pages=len(pages)),
                           w, paper.body * 0.8, 6, lines=1)
            t.draw(canvas, pager, m, paper.size[1] - m, w, SECOND, align="right")
        top -= 6
        t.rule(canvas, m, m + w, top, 1.2, ACCENT)
        top -= 6
        heads = _columns(t, paper)
        t.draw(canvas, heads[0], m, top, paper.pages_w, ACCENT)
        t.draw(canvas, heads[1], m + paper.pages_w, top, w - paper.pages_w, ACCENT)
        top -= max(x.height for x in heads) + 4
        for e in chunk:
            pages_l, words = _entry(t, paper, e)
            if pages_l is not None:
                t.draw(canvas, pages_l, m, top, paper.pages_w - paper.body, ACCENT)
            top = min(t.draw(canvas, words, m + paper.pages_w, top, w - paper.pages_w),
                      top - (pages_l.height if pages_l else 0.0)) - paper.body * 0.6
        if number == len(pages):
            label, shown = _foot(t, paper, url)
            bottom = m
            qr_top = bottom + qr_side(url, paper.qr)
            t.rule(canvas, m, m + w, qr_top + 6)
            draw_qr(canvas, url, m + w, qr_top, paper.qr)
            y = t.draw(canvas, label, m, qr_top, w - paper.qr - 10)
            t.draw(canvas, shown, m, y - 2, w - paper.qr - 10, SECOND)
        canvas.showPage()
    return len(pages)
