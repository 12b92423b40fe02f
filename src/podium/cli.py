"""Command stage: the `podium` command line (check, build, import, schema; init, serve and
stocks live in their own modules)."""

from __future__ import annotations

import json
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from typing import Any, TypeVar

import click

from podium import __version__
from podium.clikit import (
    EXIT_INPUT,
    PodiumGroup,
    agenda_argument,
    agenda_path,
    allow_outside_option,
    fail,
    load_or_exit,
    verbosity,
    verbosity_options,
)
from podium.context import BuildOptions, OptionError
from podium.importers import FORMATS, ImportFailed, import_schedule
from podium.importers.write import write as write_agenda
from podium.load import Programme, load
from podium.model import json_schema
from podium.output import BuildDateError, OutputError, Written, os_error_message
from podium.problems import AgendaError
from podium.progress import QUIET, VERBOSE, display
from podium.report import build_report, plural, write_full
from podium.stocks_command import stocks

F = TypeVar("F", bound=Callable[..., Any])


class OnlyOption(click.Option):
    """--only, whose help lists the outputs (the renderers are imported only to show it)."""

    def get_help_record(self, ctx: click.Context) -> tuple[str, str] | None:
        from podium.renderers import RENDERERS

        record = super().get_help_record(ctx)
        if record is None:
            return None
        return record[0], f"{record[1]} Outputs: {', '.join(RENDERERS)}."


@click.group(cls=PodiumGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="podium")
def main() -> None:
    """Turn one agenda.yaml into a programme booklet, badges, door signs and an online agenda."""


@main.command()
@agenda_argument
@allow_outside_option
def check(agenda: Path, allow_outside: bool) -> None:
    """Check AGENDA (default ./agenda.yaml, or a folder holding one) and report every problem
    at once."""
    agenda = agenda_path(agenda)
    p = load_or_exit(agenda, allow_outside)
    a = p.agenda
    items = sum(len(d.items) for d in a.days)
    extra = f", {plural(len(p.attendees), 'attendee')}" if p.attendees else ""
    click.echo(f"{agenda}: ok: {plural(len(a.days), 'day')}, {plural(items, 'item')}, "
               f"{plural(len(a.people), 'person', 'people')}{extra}")


@contextmanager
def _terminated_as_exit() -> Iterator[None]:
    """SIGTERM ends the build as an exception would, so that it deletes its staged files
    and lets go of the folder (SIGKILL cannot be caught: the next build tidies up)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum: int, frame: FrameType | None) -> None:
        raise SystemExit(128 + signum)

    before = signal.signal(signal.SIGTERM, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, before)


def _outputs(ctx: click.Context, param: click.Parameter, value: str) -> list[str]:
    from podium.pipeline import UnknownRenderer, choose

    names = [n.strip() for n in value.split(",") if n.strip()]
    try:
        choose(names)
    except UnknownRenderer as exc:
        raise click.BadParameter(str(exc), ctx, param) from None
    return names


def _check_people(programme: Programme, options: BuildOptions, only: list[str]) -> None:
    """--people before anything is built: a typo must not cost a whole booklet first."""
    from podium.renderers.badges.holders import holders

    if only and "badges" not in only:
        raise click.BadParameter("it chooses whose badges to print; add badges to --only",
                                 param_hint="'--people'")
    try:
        holders(programme, programme.agenda.print_, options.people)
    except OptionError as exc:
        raise click.BadParameter(str(exc), param_hint=f"'{exc.option}'") from None


def _check_start_slot(programme: Programme, options: BuildOptions) -> None:
    """--start-slot within a sheet of the badge stock, before anything is built."""
    from podium.renderers.badges.stocks import stock_named

    try:
        stock = stock_named(programme.agenda.print_.badge_stock)
    except KeyError:
        return      # the badges renderer reports the stock at its line
    if options.start_slot > stock.per_page:
        raise click.BadParameter(f"a sheet of {stock.name} has {stock.per_page} slots; "
                                 f"give 1 to {stock.per_page}", param_hint="'--start-slot'")


def start_slot_option(f: F) -> F:
    return click.option("--start-slot", default=1, show_default=True, metavar="N",
                        type=click.IntRange(min=1),
                        help="reprint/badges.pdf starts at slot N of a partly used sheet.")(f)


@main.command(name="build")
@agenda_argument
@click.option("-o", "--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Output folder (default: build/ beside the agenda).")
@click.option("--only", default="", metavar="NAMES", callback=_outputs, cls=OnlyOption,
              help="Comma-separated outputs to build (default: all).")
@click.option("--people", default="", metavar="IDS",
              help="Badges only for these people (comma-separated ids or names), for reprints.")
@start_slot_option
@allow_outside_option
@click.option("--no-wait", is_flag=True,
              help="Fail at once if another build is writing into the output folder (default: wait).")
@verbosity_options
def build_command(agenda: Path, out_dir: Path | None, only: list[str], people: str,
                  start_slot: int, allow_outside: bool, no_wait: bool, quiet: bool,
                  verbose: int) -> None:
    """Build every output of AGENDA (default ./agenda.yaml, or a folder holding one).
    After `podium printed`, also reprint/ with what changed since."""
    level = verbosity(quiet, verbose)
    agenda = agenda_path(agenda)
    programme = load_or_exit(agenda, allow_outside, quiet=level == QUIET)
    run_build(programme, out_dir or (agenda.parent / "build"), only,
              BuildOptions.from_cli(people, start_slot), no_wait=no_wait, level=level)


def run_build(programme: Programme, target: Path, only: list[str], options: BuildOptions, *,
              no_wait: bool, level: int) -> list[Written]:
    """Build into `target` with progress and the report, as `podium build` does; a failure
    exits with its message."""
    # Here, not at the top: check, import and --help never load the renderers.
    from podium.pipeline import build, choose
    from podium.templating import TemplateFailed

    def waiting(holder: int | None) -> None:
        who = f"process {holder}" if holder else "another process"
        click.echo(f"podium: waiting for {who}, which is building into {target}", err=True)

    if options.people:
        _check_people(programme, options, only)
    _check_start_slot(programme, options)
    try:
        with _terminated_as_exit(), display(list(choose(only)), level) as shown:
            written = build(programme, target, only, options, wait=not no_wait, on_wait=waiting,
                            progress=shown)
    except OptionError as exc:
        raise click.BadParameter(str(exc), param_hint=f"'{exc.option}'") from None
    except (BuildDateError, OutputError, TemplateFailed) as exc:
        fail(str(exc))
    except OSError as exc:
        fail(os_error_message(exc, target))
    except AgendaError as exc:
        for p in exc.problems:
            click.echo(str(p), err=True)
        click.echo(f"nothing written: the build stopped on {plural(len(exc.problems), 'problem')}",
                   err=True)
        sys.exit(EXIT_INPUT)
    report = build_report(written, programme, target)
    try:
        where = write_full(report, target)
    except OSError as exc:
        fail(os_error_message(exc, target))
    if level > QUIET:
        click.echo("\n".join(report.screen))
        if level >= VERBOSE:
            click.echo(f"(the full report is in {where})")
    return written


main.add_command(stocks)


@main.command()
def schema() -> None:
    """Print the JSON Schema of agenda.yaml (for editor autocompletion)."""
    click.echo(json.dumps(json_schema(), indent=2, ensure_ascii=False))


@main.command(name="import")
@click.argument("source", type=click.Path(dir_okay=False, path_type=Path))
@click.option("-o", "--out", "out", default="agenda.yaml", show_default=True,
              type=click.Path(dir_okay=False, path_type=Path), help="The agenda file to write.")
@click.option("--format", "fmt", type=click.Choice(FORMATS),
              help="frab (schedule XML) or pretalx (schedule JSON); detected when left out.")
@click.option("--timezone", help="IANA time zone, when the source names none (pretalx JSON).")
@click.option("--url", help="Where the online agenda will live (default: the source's base URL).")
@click.option("--force", is_flag=True, help="Replace the output file if it exists.")
def import_command(source: Path, out: Path, fmt: str | None, timezone: str | None, url: str | None,
                   force: bool) -> None:
    """Import a frab schedule XML or pretalx schedule JSON into an agenda.yaml."""
    if out.exists() and not force:
        click.echo(f"podium import: {out} exists; give --force to replace it, or -o another file",
                   err=True)
        sys.exit(EXIT_INPUT)
    try:
        imported = import_schedule(source, fmt, timezone=timezone, url=url)
    except ImportFailed as exc:
        click.echo(f"podium import: {source}: {exc}", err=True)
        sys.exit(EXIT_INPUT)
    report = imported.report
    for note in report.notes:
        click.echo(f"{source.name}: {note}", err=True)
    if report.characters:
        click.echo(f"{source.name}: {report.characters.summary()}", err=True)
    header = (f"Imported by `podium import` from {source.name} ({imported.source.format}).\n"
              "Edit it freely; importing again replaces it (with --force).")
    try:
        write_agenda(imported.agenda, out, header)
    except OSError as exc:
        fail(os_error_message(exc))
    c = report.counts
    click.echo(f"imported {source.name} ({imported.source.format}): {plural(c['days'], 'day')}, "
               f"{plural(c['rooms'], 'room')}, {plural(c['events'], 'event')}, "
               f"{plural(c['people'], 'person', 'people')}; "
               f"{plural(len(report.warnings), 'warning')} above -> {out}", err=True)
    try:
        load(out)
    except AgendaError as exc:
        for p in exc.problems:
            click.echo(str(p), err=True)
        errors = sum(p.is_error for p in exc.problems)
        click.echo(f"{out} was written, but `podium check` finds {plural(errors, 'error')} "
                   "in it (listed above): fix them in the source or in the file", err=True)
        sys.exit(1)


def _register() -> None:
    # init and serve live in their own modules (which import clikit, never this one).
    from podium.changes.command import changes_command, printed_command
    from podium.serve.command import serve_command
    from podium.starter import init_command

    main.add_command(init_command)
    main.add_command(serve_command)
    main.add_command(printed_command)
    main.add_command(changes_command)


_register()
