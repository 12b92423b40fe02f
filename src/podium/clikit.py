"""Command stage: what every podium command shares (loading with messages, exit codes, -q/-v,
Ctrl-C as exit 130)."""

from __future__ import annotations

import signal
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn, TypeVar

import click

from podium.load import Programme, load
from podium.output import os_error_message
from podium.problems import AgendaError, Problem
from podium.progress import NORMAL, QUIET, VERBOSE
from podium.report import plural

EXIT_INPUT = 2
EXIT_INTERRUPTED = 130
AGENDA = "agenda.yaml"

F = TypeVar("F", bound=Callable[..., Any])


def interrupted(what: str = "nothing written") -> NoReturn:
    """Ctrl-C: builds are all-or-nothing, so an interrupted one leaves the outputs as they were
    (serve may have committed some outputs of an edit already: `what` says which)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl-C must not cut the message
    click.echo(f"\ninterrupted: {what}", err=True)
    sys.exit(EXIT_INTERRUPTED)


class PodiumGroup(click.Group):
    """The `podium` group: Ctrl-C in any command ends it with exit 130 and no traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            interrupted()


def fail(message: str) -> NoReturn:
    """An environment or file-system failure: one line, exit 2."""
    click.echo(f"podium: {message}", err=True)
    sys.exit(EXIT_INPUT)


def agenda_path(given: Path) -> Path:
    """AGENDA as typed: a file, or a folder holding agenda.yaml."""
    return given / AGENDA if given.is_dir() else given


def missing_agenda(agenda: Path) -> str:
    folder = agenda.parent.resolve()
    return (f"no {agenda.name} in {folder}: start a new event there with `podium init`, "
            "or make one from a schedule export with `podium import FILE`")


def report_problems(agenda: Path, problems: list[Problem]) -> None:
    for p in problems:
        click.echo(str(p), err=True)
    errors = sum(p.is_error for p in problems)
    click.echo(f"{plural(errors, 'error')} in {agenda}", err=True)


def load_or_exit(agenda: Path, allow_outside: bool = False, *, quiet: bool = False) -> Programme:
    """The checked programme; every problem on stderr and exit 2 when there are errors."""
    if not agenda.exists():
        fail(missing_agenda(agenda))
    try:
        programme = load(agenda, allow_outside=allow_outside)
    except OSError as exc:
        fail(os_error_message(exc))
    except AgendaError as exc:
        report_problems(agenda, exc.problems)
        sys.exit(EXIT_INPUT)
    if not quiet:
        for w in programme.warnings:
            click.echo(str(w), err=True)
    return programme


agenda_argument = click.argument(
    "agenda", required=False, default=AGENDA,
    type=click.Path(path_type=Path))

allow_outside_option = click.option(
    "--allow-outside", is_flag=True,
    help="Let the agenda name files outside its folder (attendees, print.logo).")


def verbosity_options(f: F) -> F:
    """-q (errors only) and -v (every stage), stored as `verbosity`."""
    f = click.option("-v", "--verbose", "verbose", count=True,
                     help="Say more: each stage as it starts, and timings.")(f)
    f = click.option("-q", "--quiet", "quiet", is_flag=True,
                     help="Print errors only: no progress and no report.")(f)
    return f


def verbosity(quiet: bool, verbose: int) -> int:
    if quiet and verbose:
        raise click.UsageError("-q and -v ask for opposite things; give one of them")
    return QUIET if quiet else VERBOSE if verbose else NORMAL
