"""Command stage: `podium printed` (build, and record the build as what went to the printer)
and `podium changes` (what changed since, in words, and which printed pieces it touches)."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import click

from podium.changes import comparison
from podium.changes.booklet_pages import BOOKLET, booklet_pieces
from podium.changes.compare import Comparison
from podium.changes.facts import agenda_facts
from podium.changes.pieces import current_pieces
from podium.changes.record import new_entry, record_path, write
from podium.clikit import (
    agenda_argument,
    agenda_path,
    allow_outside_option,
    fail,
    load_or_exit,
    verbosity,
    verbosity_options,
)
from podium.context import BuildOptions
from podium.output import os_error_message
from podium.problems import display_name
from podium.report import plural

EXIT_CHANGED = 1


def _now() -> int:
    """When the record is made: SOURCE_DATE_EPOCH when set (tests, reproducible records),
    else the clock (the record is not an output: nothing built depends on it)."""
    given = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    return int(given) if given.isdigit() else int(time.time())


@click.command(name="printed")
@agenda_argument
@click.option("-o", "--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Output folder (default: build/ beside the agenda).")
@allow_outside_option
@verbosity_options
def printed_command(agenda: Path, out_dir: Path | None, allow_outside: bool, quiet: bool,
                    verbose: int) -> None:
    """Build every output of AGENDA and record them as what went to the printer, in
    AGENDA.printed.json beside it; `podium changes` and build/reprint/ compare with it."""
    from podium.cli import run_build

    level = verbosity(quiet, verbose)
    agenda = agenda_path(agenda)
    programme = load_or_exit(agenda, allow_outside, quiet=quiet)
    target = out_dir or (agenda.parent / "build")
    text = agenda.read_text(encoding="utf-8")
    entry = new_entry(text, agenda_facts(programme.agenda, programme.attendees),
                      current_pieces(programme), _now())
    # Built against the new entry: nothing differs from it, so no reprint/ and no marks.
    programme.history = [*programme.history, entry]
    programme.compared = None
    run_build(programme, target, [], BuildOptions(), no_wait=False, level=level)
    booklet = target / BOOKLET
    if booklet.is_file():
        entry.pieces += booklet_pieces(booklet, programme.agenda)
    where = record_path(agenda)
    try:
        write(where, programme.history, agenda.name)
    except OSError as exc:
        fail(os_error_message(exc))
    counts: dict[str, int] = {}
    for p in entry.pieces:
        counts[p.output] = counts.get(p.output, 0) + 1
    what = ", ".join(f"{n} from {o}" for o, n in counts.items())
    click.echo(f"recorded as printed ({plural(len(programme.history), 'record')} in "
               f"{display_name(where)}): {plural(len(entry.pieces), 'piece')}: {what}")


def describe(c: Comparison, record_name: str) -> list[str]:
    """The changes as `podium changes` prints them."""
    at = c.record.recorded_at.strftime("%Y-%m-%d %H:%M UTC")
    if not c.any:
        return [f"no changes since the print run of {at} ({record_name})"]
    lines = [f"{plural(len(c.changes), 'change')} since the print run of {at} ({record_name}):"]
    for change in c.changes:
        lines.append(f"- {change.text}")
        if change.pieces:
            lines.append(f"    reprint: {'; '.join(dict.fromkeys(change.pieces))}")
    for p in c.unexplained:
        lines.append(f"- {p.label}: what it shows changed")
    signs = sorted(c.changed_keys("door-signs.pdf"))
    badges = {k.rsplit(":", 1)[0] for k in c.changed_keys("badges.pdf")}
    gone = [p.label for p in c.gone]
    pages = [p.key.removeprefix("page:") for p, _ in c.booklet]
    lines.append(f"to reprint: {plural(len(signs), 'door sign')}, {plural(len(badges), 'badge')}"
                 + (f"; booklet pages {', '.join(pages)} (errata slip)" if pages else "")
                 + "; `podium build` writes them to reprint/")
    if gone:
        lines.append(f"to take down: {'; '.join(gone)}")
    return lines


@click.command(name="changes")
@agenda_argument
@allow_outside_option
def changes_command(agenda: Path, allow_outside: bool) -> None:
    """Say what changed in AGENDA since it was recorded as printed, and which printed pieces
    show it. Exit 0 when nothing changed, 1 when something did."""
    agenda = agenda_path(agenda)
    programme = load_or_exit(agenda, allow_outside)
    where = record_path(agenda)
    found = comparison(programme)
    if found is None:
        click.echo(f"podium changes: no printed record ({display_name(where)}): run "
                   "`podium printed` when the outputs go to the printer", err=True)
        sys.exit(2)
    click.echo("\n".join(describe(found, display_name(where))))
    sys.exit(EXIT_CHANGED if found.any else 0)
