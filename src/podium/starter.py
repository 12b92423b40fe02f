"""Starting stage: `podium init [DIR]`, a new event folder from the commented starter agenda
(templates/starter/) or from a schedule export (--from)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from podium.clikit import AGENDA, EXIT_INPUT, fail
from podium.importers import ImportFailed, import_schedule
from podium.importers.write import write as write_agenda
from podium.model import json_schema
from podium.output import atomic_write_bytes, os_error_message
from podium.report import plural
from podium.resources import templates_dir

SCHEMA = "agenda.schema.json"
STARTER = ("agenda.yaml", "attendees.csv")
"""The starter's files, in templates/starter/, copied as they are."""


def starter_files() -> dict[str, bytes]:
    folder = templates_dir() / "starter"
    return {name: (folder / name).read_bytes() for name in STARTER}


def _schema_bytes() -> bytes:
    return (json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def _refuse_existing(folder: Path, names: list[str]) -> None:
    there = [n for n in names if (folder / n).exists()]
    if there:
        click.echo(f"podium init: {folder} already has {', '.join(there)}; nothing written "
                   "(podium init never replaces a file: choose another folder, or move "
                   f"{'them' if len(there) > 1 else 'it'} away)", err=True)
        sys.exit(EXIT_INPUT)


@click.command(name="init")
@click.argument("folder", required=False, default=".",
                type=click.Path(file_okay=False, path_type=Path))
@click.option("--from", "source", type=click.Path(dir_okay=False, exists=True, path_type=Path),
              help="Start from a frab XML or pretalx JSON schedule export instead of the example.")
@click.option("--timezone", help="IANA time zone, when the export names none (with --from).")
@click.option("--url", help="Where the online agenda will live (with --from).")
def init_command(folder: Path, source: Path | None, timezone: str | None, url: str | None) -> None:
    """Start a new event in FOLDER (default: here): a commented agenda.yaml that builds as it
    is, an attendees.csv and the schema for editors. Never replaces a file."""
    if source is None and (timezone or url):
        raise click.UsageError("--timezone and --url go with --from FILE")
    files: dict[str, bytes] = {}
    if source is None:
        files = starter_files()
    files[SCHEMA] = _schema_bytes()
    _refuse_existing(folder, list(dict.fromkeys([AGENDA, *files])))
    try:
        folder.mkdir(parents=True, exist_ok=True)
        if source is not None:
            _import(source, folder / AGENDA, timezone, url)
        for name, data in files.items():
            atomic_write_bytes(folder / name, data)
    except OSError as exc:
        fail(os_error_message(exc))
    written = [AGENDA, *(n for n in files if n != AGENDA)]
    click.echo(f"wrote {plural(len(written), 'file')} in {folder}: {', '.join(written)}")
    where = "" if folder == Path(".") else f"cd {folder} && "
    click.echo(f"next: {where}podium serve   (builds, then rebuilds as you edit agenda.yaml)")


def _import(source: Path, out: Path, timezone: str | None, url: str | None) -> None:
    try:
        imported = import_schedule(source, None, timezone=timezone, url=url)
    except ImportFailed as exc:
        click.echo(f"podium init: {source}: {exc}", err=True)
        sys.exit(EXIT_INPUT)
    for note in imported.report.notes:
        click.echo(f"{source.name}: {note}", err=True)
    header = (f"Started by `podium init --from {source.name}` ({imported.source.format}).\n"
              f"yaml-language-server: $schema=./{SCHEMA}")
    write_agenda(imported.agenda, out, header)
