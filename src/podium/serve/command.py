"""Serving stage: `podium serve`, build, serve on 127.0.0.1, watch the agenda and the files it
names, rebuild what each edit touches, until Ctrl-C."""

from __future__ import annotations

import errno
import signal
import sys
import threading
from pathlib import Path
from typing import TYPE_CHECKING

import click

from podium.clikit import (
    AGENDA,
    EXIT_INTERRUPTED,
    agenda_argument,
    agenda_path,
    allow_outside_option,
    fail,
    interrupted,
    missing_agenda,
    verbosity,
    verbosity_options,
)
from podium.progress import NORMAL, QUIET, VERBOSE, PlainLines
from podium.report import plural

if TYPE_CHECKING:
    from podium.serve.session import Session


def _say(level: int, at: int, text: str, err: bool = False) -> None:
    if level >= at:
        click.echo(text, err=err)


@click.command(name="serve")
@agenda_argument
@click.option("-o", "--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Output folder (default: build/ beside the agenda).")
@click.option("-p", "--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
              help="Port on 127.0.0.1 (0: any free one).")
@allow_outside_option
@verbosity_options
def serve_command(agenda: Path, out_dir: Path | None, port: int, allow_outside: bool,
                  quiet: bool, verbose: int) -> None:
    """Build AGENDA, serve the site and a preview of every PDF on 127.0.0.1, and rebuild what
    each edit touches as you save (agenda.yaml, the attendees CSV, the logo, templates/).
    Ctrl-C stops."""
    # Here, not at the top: the renderers load only when a command builds.
    from podium.serve.http import PREFIX, Server
    from podium.serve.session import Session
    from podium.serve.watch import changes

    level = verbosity(quiet, verbose)
    agenda = agenda_path(agenda)
    if not agenda.is_file():
        fail(missing_agenda(agenda))
    target = out_dir or (agenda.parent / "build")
    lines = PlainLines(sys.stderr, level, 0)
    session = Session(agenda, target, allow_outside=allow_outside,
                      progress=lines if level >= VERBOSE else None)
    try:  # the port first: a second serve must not rebuild the folder the first one shows
        server = Server(session, port)
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            fail(f"port {port} on 127.0.0.1 is in use; give another with --port (0: any free one)")
        fail(f"cannot serve on 127.0.0.1:{port}: {exc.strerror or exc}")
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    thread = threading.Thread(target=server.serve_forever, name="podium-http", daemon=True)
    thread.start()
    _rebuild(session, level, first=True)
    _say(level, QUIET, f"serving {url} (the site) and {url}{PREFIX.lstrip('/')} (the site "
         "beside every PDF); Ctrl-C stops")
    try:
        for changed in changes(session, target):
            names = ", ".join(sorted({p.name for p in changed}))
            _say(level, NORMAL, f"{names} changed", err=True)
            _rebuild(session, level)
    except KeyboardInterrupt:
        building = session.building
        server.shutdown()
        server.server_close()
        session.close()
        if building:
            interrupted(session.interrupted())
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        click.echo(f"\nstopped serving; the outputs in {target} are from the last good build",
                   err=True)
        sys.exit(EXIT_INTERRUPTED)


def _rebuild(session: Session, level: int, first: bool = False) -> None:
    outcome = session.rebuild()
    if outcome.errors:
        for e in outcome.errors:
            click.echo(e, err=True)
        kept = "nothing built yet" if first else "kept the last good outputs"
        click.echo(f"{plural(len(outcome.errors), 'error')} in {session.agenda.name or AGENDA}; "
                   f"{kept} (fix and save to rebuild)", err=True)
        return
    if first:
        for w in session.warnings:
            _say(level, NORMAL, w, err=True)
    if outcome.rebuilt:
        _say(level, NORMAL, f"built {', '.join(outcome.rebuilt)} in {outcome.seconds:.1f} s",
             err=True)
    else:
        _say(level, NORMAL, "no output reads what changed; nothing rebuilt", err=True)
