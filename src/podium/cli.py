"""Command stage: the `podium` command line (check, build, import, schema, stocks)."""

from __future__ import annotations

import json
import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from typing import NoReturn

import click

from podium import __version__
from podium.context import BuildOptions
from podium.importers import FORMATS, ImportFailed, import_schedule
from podium.importers.write import write as write_agenda
from podium.load import Programme, load
from podium.model import json_schema
from podium.output import BuildDateError, OutputError, os_error_message
from podium.problems import AgendaError
from podium.stocks_command import stocks

EXIT_INPUT = 2

agenda_argument = click.argument(
    "agenda", required=False, default="agenda.yaml",
    type=click.Path(dir_okay=False, path_type=Path))

allow_outside_option = click.option(
    "--allow-outside", is_flag=True,
    help="Let the agenda name files outside its folder (attendees, print.logo).")


def _fail(message: str) -> NoReturn:
    """An environment or file-system failure: one line, exit 2."""
    click.echo(f"podium: {message}", err=True)
    sys.exit(EXIT_INPUT)


def _load_or_exit(agenda: Path, allow_outside: bool = False) -> Programme:
    try:
        programme = load(agenda, allow_outside=allow_outside)
    except OSError as exc:
        _fail(os_error_message(exc))
    except AgendaError as exc:
        for p in exc.problems:
            click.echo(str(p), err=True)
        errors = sum(p.is_error for p in exc.problems)
        click.echo(f"{errors} error{'s' * (errors != 1)} in {agenda}", err=True)
        sys.exit(EXIT_INPUT)
    for w in programme.warnings:
        click.echo(str(w), err=True)
    return programme


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'s' * (n != 1)}"


def _size(n: int) -> str:
    for unit in ("B", "KB", "MB"):
        if n < 1024 or unit == "MB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024  # type: ignore[assignment]
    return f"{n} B"  # pragma: no cover


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="podium")
def main() -> None:
    """Turn one agenda.yaml into a programme booklet, badges, door signs and an online agenda."""


@main.command()
@agenda_argument
@allow_outside_option
def check(agenda: Path, allow_outside: bool) -> None:
    """Check AGENDA (default ./agenda.yaml) and report every problem at once."""
    p = _load_or_exit(agenda, allow_outside)
    a = p.agenda
    items = sum(len(d.items) for d in a.days)
    extra = f", {len(p.attendees)} attendees" if p.attendees else ""
    click.echo(f"{agenda}: ok: {len(a.days)} days, {items} items, {len(a.people)} people{extra}")


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


@main.command(name="build")
@agenda_argument
@click.option("-o", "--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Output folder (default: build/ beside the agenda).")
@click.option("--only", default="", metavar="NAMES",
              help="Comma-separated outputs to build (default: all).")
@click.option("--people", default="", metavar="IDS",
              help="Badges only for these people (comma-separated ids or names), for reprints.")
@allow_outside_option
@click.option("--no-wait", is_flag=True,
              help="Fail at once if another build is writing into the output folder (default: wait).")
def build_command(agenda: Path, out_dir: Path | None, only: str, people: str, allow_outside: bool,
                  no_wait: bool) -> None:
    """Build every output of AGENDA (default ./agenda.yaml)."""
    # Here, not at the top: check, import and --help never load the renderers.
    from podium.pipeline import UnknownRenderer, build
    from podium.templating import TemplateFailed

    programme = _load_or_exit(agenda, allow_outside)
    target = out_dir or (agenda.parent / "build")
    names = [n.strip() for n in only.split(",") if n.strip()]
    options = BuildOptions.from_cli(people)

    def waiting(holder: int | None) -> None:
        who = f"process {holder}" if holder else "another process"
        click.echo(f"podium: waiting for {who}, which is building into {target}", err=True)

    try:
        with _terminated_as_exit():
            written = build(programme, target, names, options, wait=not no_wait, on_wait=waiting)
    except (UnknownRenderer, BuildDateError, OutputError, TemplateFailed) as exc:
        _fail(str(exc))
    except OSError as exc:
        _fail(os_error_message(exc, target))
    except AgendaError as exc:
        for p in exc.problems:
            click.echo(str(p), err=True)
        click.echo(f"nothing written: the build stopped on {len(exc.problems)} problem"
                   f"{'s' * (len(exc.problems) != 1)}", err=True)
        sys.exit(EXIT_INPUT)
    width = max((len(str(w.path)) for w in written), default=0)
    for w in written:
        pages = f"{w.pages} page{'s' * (w.pages != 1)}" if w.pages is not None else ""
        click.echo(f"wrote {w.path!s:<{width}}  {pages:>9}  {_size(w.size):>9}")
    for w in written:
        if w.report:
            click.echo(w.report)


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
    write_agenda(imported.agenda, out, header)
    c = report.counts
    click.echo(f"imported {source.name} ({imported.source.format}): {c['days']} days, {c['rooms']} rooms, "
               f"{c['events']} events, {c['people']} people; {_count(len(report.warnings), 'warning')} above "
               f"-> {out}", err=True)
    try:
        load(out)
    except AgendaError as exc:
        for p in exc.problems:
            click.echo(str(p), err=True)
        errors = sum(p.is_error for p in exc.problems)
        click.echo(f"{out} was written, but `podium check` finds {errors} error{'s' * (errors != 1)} "
                   "in it (listed above): fix them in the source or in the file", err=True)
        sys.exit(1)
