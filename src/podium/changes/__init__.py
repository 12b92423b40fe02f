"""Record and comparison stage: what went to the printer (`podium printed`), what changed
since (`podium changes`), and what to print again (`build/reprint/`).

The public API: `comparison(programme)` (None without a record) and `record_path`; the
types are `compare.Comparison`, `diff.Change` and `pieces.Piece`. Loading reads the record
(record.py) without importing the rest, which needs the loaded programme."""

from __future__ import annotations

from typing import TYPE_CHECKING

from podium.changes.record import record_path

if TYPE_CHECKING:
    from podium.changes.compare import Comparison
    from podium.load import Programme

__all__ = ["comparison", "record_path"]


def comparison(programme: Programme) -> Comparison | None:
    """The programme against its newest printed record, worked out once per programme."""
    from podium.changes.compare import compare

    if not programme.history:
        return None
    if programme.compared is None:
        programme.compared = compare(programme, programme.history)
    found: Comparison = programme.compared
    return found
