"""Watching stage: the edits that count, as sets of changed files (watchfiles; an editor that
saves by replacing the file is seen too, since the folder is watched, not the file)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import watchfiles

from podium.serve.session import Session

DEBOUNCE_MS = 80
"""Changes this close together are one edit (an editor writes, then renames)."""


def changes(session: Session, out_dir: Path) -> Iterator[set[Path]]:
    """Each edit to the agenda, the files it names or the user's templates, until Ctrl-C."""
    base = session.agenda.parent.resolve()
    skip = out_dir.resolve()
    templates = base / "templates"

    def counts(change: watchfiles.Change, raw: str) -> bool:
        path = Path(raw)
        if path.is_relative_to(skip) or path.name.startswith(".#") or path.name.endswith("~"):
            return False
        return path in session.watched() or path.is_relative_to(templates)

    folders = {base} | {p.parent for p in session.watched() if p.parent.is_dir()}
    for batch in watchfiles.watch(*sorted(folders), watch_filter=counts, debounce=DEBOUNCE_MS,
                                  step=20, raise_interrupt=True):
        yield {Path(raw) for _, raw in batch}
