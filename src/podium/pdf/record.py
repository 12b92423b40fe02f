"""PDF stage: a page's content-stream operators appended as they are, recorded and replayed.

Drawing on a ReportLab canvas appends operators to the page being drawn. What is drawn the
same way at the same place again (a badge's title in the same slot of every sheet) can be
recorded once (`operator_mark`, then `operators_since`) and replayed (`replay_operators`):
the page gets the same operators, as long as what was drawn the first time left nothing
else behind (fonts are in the document after the first time; images are not replayable)."""

from __future__ import annotations

from collections.abc import Iterable

from reportlab.pdfgen.canvas import Canvas


def append_operators(canvas: Canvas, operators: str) -> None:
    """Append `operators` (PDF content-stream syntax) to the page as they are. They must
    leave the graphics state as they found it (or change only what no ReportLab call made
    afterwards reads, such as the fill colour set by `set_fill`)."""
    canvas._code.append(operators)


def operator_mark(canvas: Canvas) -> int:
    """Where the page's operators stand now (see `operators_since`)."""
    return len(canvas._code)


def operators_since(canvas: Canvas, mark: int) -> list[str]:
    """The operators appended to the page since `operator_mark` gave `mark`."""
    ops: list[str] = canvas._code[mark:]
    return ops


def replay_operators(canvas: Canvas, operators: Iterable[str]) -> None:
    """Append operators recorded by `operators_since` again."""
    canvas._code.extend(operators)
