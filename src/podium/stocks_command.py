"""Command stage: `podium stocks`, every badge stock and booklet press sheet with its sizes."""

from __future__ import annotations

import click

from podium.press import AUTO, SHEETS, describe
from podium.renderers.badges.stocks import STOCKS

PT_PER_MM = 72 / 25.4


def _mm(points: float) -> str:
    return f"{points / PT_PER_MM:.1f}".removesuffix(".0")


def stocks_text() -> str:
    """The listing `podium stocks` prints."""
    lines = ["Badge stocks (print.badge_stock): sheet, badge, badges per sheet"]
    width = max(len(name) for name in STOCKS)
    for name, s in STOCKS.items():
        sheet = f"{_mm(s.page[0])} x {_mm(s.page[1])} mm"
        badge = f"{_mm(s.badge[0])} x {_mm(s.badge[1])} mm"
        lines.append(f"  {name:<{width}}  sheet {sheet}, badge {badge}, {s.cols} x {s.rows} "
                     f"= {s.per_page}; {s.description}")
    lines += ["", "Booklet press sheets (print.booklet_sheet), landscape:"]
    width = max(len(name) for name in SHEETS)
    lines += [f"  {name:<{width}}  {describe(name)}" for name in SHEETS]
    lines.append(f"  {AUTO:<{width}}  (default) the smallest that holds two pages with their "
                 "bleed and marks")
    return "\n".join(lines)


@click.command()
def stocks() -> None:
    """List every badge stock and booklet press sheet with its sizes."""
    click.echo(stocks_text())
