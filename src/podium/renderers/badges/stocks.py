"""Layout stage: badge sheet stocks as data — page, badge size, grid, margins, gaps, corners."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.units import inch, mm


@dataclass(frozen=True)
class Stock:
    """A sheet of badges. Lengths in points; the grid is centred on the page unless margins
    are given. Cells run left to right, top to bottom."""

    name: str
    description: str
    page: tuple[float, float]
    badge: tuple[float, float]
    cols: int
    rows: int
    gap: tuple[float, float] = (0.0, 0.0)
    """Space between neighbouring badges, across and down (N-1 gaps per row, not N)."""
    margin: tuple[float, float] | None = None
    """Left and top margin; None centres the grid on the page."""
    radius: float = 0.0
    """Corner radius of the die-cut badge (drawn as the trim outline only when > 0)."""
    edge_to_edge: bool = False
    """Printed on a badge printer that prints to the edge of the card: the colour band runs
    to the trim. Any other stock keeps all ink `SAFE` from the sheet edge (`inset`)."""

    @property
    def margins(self) -> tuple[float, float, float, float]:
        """Sheet edge to the grid: left, bottom, right, top."""
        left, top = self.origin
        grid_w = self.cols * self.badge[0] + (self.cols - 1) * self.gap[0]
        grid_h = self.rows * self.badge[1] + (self.rows - 1) * self.gap[1]
        return left, top - grid_h, self.page[0] - left - grid_w, self.page[1] - top

    @property
    def inset(self) -> float:
        """How far every badge's artwork stays inside its trim, the same on all four sides
        of every badge (so that all badges of a sheet look alike): enough to keep all ink
        `SAFE` from the sheet edge where the grid comes closer to it than that."""
        if self.edge_to_edge:
            return 0.0
        return float(max(0.0, SAFE - min(self.margins)))

    def safe_area(self) -> tuple[float, float, float, float]:
        """(x0, y0, x1, y1) of the sheet within which all ink is drawn."""
        if self.edge_to_edge:
            return 0.0, 0.0, self.page[0], self.page[1]
        return SAFE, SAFE, self.page[0] - SAFE, self.page[1] - SAFE

    @property
    def per_page(self) -> int:
        return self.cols * self.rows

    @property
    def origin(self) -> tuple[float, float]:
        """Left edge of the first column and top edge of the first row (from page bottom)."""
        grid_w = self.cols * self.badge[0] + (self.cols - 1) * self.gap[0]
        grid_h = self.rows * self.badge[1] + (self.rows - 1) * self.gap[1]
        if self.margin is None:
            left, top = (self.page[0] - grid_w) / 2, (self.page[1] - grid_h) / 2
        else:
            left, top = self.margin
        return left, self.page[1] - top

    def cell(self, index: int, *, mirrored: bool = False) -> tuple[float, float, float, float]:
        """(x, y, width, height) of badge `index` on its page (y is the bottom edge). A
        mirrored sheet swaps the columns: the back of a badge printed long-edge duplex."""
        slot = index % self.per_page
        row, col = divmod(slot, self.cols)
        if mirrored:
            col = self.cols - 1 - col
        left, top = self.origin
        w, h = self.badge
        x = left + col * (w + self.gap[0])
        y = top - (row + 1) * h - row * self.gap[1]
        return x, y, w, h

    def cells(self) -> list[tuple[float, float, float, float]]:
        return [self.cell(i) for i in range(self.per_page)]


SAFE = 5 * mm
"""No ink nearer the sheet edge than this on office printers (most clip about 4 mm)."""
A4 = (210 * mm, 297 * mm)
A6 = (105 * mm, 148 * mm)
LETTER = (8.5 * inch, 11 * inch)

STOCKS: dict[str, Stock] = {s.name: s for s in (
    # Cut edge to edge, so the artwork keeps a 5 mm white border inside every badge.
    Stock("a6-4up-a4", "A6 badges (105 x 148 mm), 4 to an A4 sheet, cut edge to edge; "
          "artwork 5 mm inside each badge", A4, A6, 2, 2),
    Stock("avery-5392", "Avery 5392 / 74459 inserts, 4 x 3 in, 6 to a US Letter sheet",
          LETTER, (4 * inch, 3 * inch), 2, 3, margin=(0.25 * inch, 1 * inch)),
    Stock("90x55-10up-a4", "90 x 55 mm cards, 10 to an A4 sheet (2 x 5), rounded corners",
          A4, (90 * mm, 55 * mm), 2, 5, gap=(6 * mm, 2 * mm), radius=3 * mm),
    Stock("a6-single", "one A6 badge per A6 page, for badge printers that print to the edge",
          A6, A6, 1, 1, edge_to_edge=True),
    Stock("4x3in-single", "one 4 x 3 in badge per page, for badge printers that print to the "
          "edge", (4 * inch, 3 * inch), (4 * inch, 3 * inch), 1, 1, edge_to_edge=True),
)}


def stock_named(name: str) -> Stock:
    """The stock called `name`; KeyError lists the choices."""
    try:
        return STOCKS[name]
    except KeyError:
        raise KeyError(f"unknown badge stock '{name}' (choose from {', '.join(STOCKS)})") from None
