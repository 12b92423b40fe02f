"""Command stage: `podium printed` (build, and record the build as what went to the printer)
and `podium changes` (what changed since, in words, and which printed pieces it touches)."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

import click

from podium.changes import comparison
from podium.changes.booklet_pages import BOOKLET, booklet_pieces
from podium.changes.facts import agenda_facts
from podium.changes.piece import Piece
from podium.changes.pieces import CARDS, SIGNS, current_pieces
from podium.changes.record import new_entry, record_path, write
from podium.changes.telling import badge_holders, describe, joined
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
    at = entry.recorded_at.strftime("%Y-%m-%d %H:%M UTC")
    click.echo(f"recorded what went to the printer at {at} in {display_name(where)} (record "
               f"{len(programme.history)}): {recorded(entry.pieces)}")


def recorded(pieces: list[Piece]) -> str:
    """'8 door signs, 33 badges (front and back), 12 seating plans, ... and 20 booklet pages'."""
    def count(test: Callable[[Piece], bool]) -> int:
        return sum(1 for p in pieces if test(p))

    said = [plural(n, what) for n, what in (
        (count(lambda p: p.output == SIGNS), "door sign"),
        (len(badge_holders(pieces)), "badge"),
        (count(lambda p: p.key.startswith("plan:")), "seating plan"),
        (count(lambda p: p.key.startswith("tent:")), "table tent"),
        (count(lambda p: p.output == CARDS), "screen card"),
        (count(lambda p: p.output == BOOKLET), "booklet page")) if n]
    return joined(said) if said else "nothing printed"


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
