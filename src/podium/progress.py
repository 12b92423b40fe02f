"""Command stage: progress of a build as it runs, a bar per output on a terminal, plain lines
in a pipe (CI logs), nothing with -q."""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import IO, Protocol

QUIET, NORMAL, VERBOSE = 0, 1, 2


class Display(Protocol):
    """What `pipeline.build(progress=...)` calls, plus the stages around the build."""

    def __call__(self, name: str, event: str) -> None: ...

    def note(self, text: str) -> None: ...


def _seconds(s: float) -> str:
    if s < 1:
        return f"{s * 1000:.0f} ms"
    return f"{s:.1f} s" if s < 60 else f"{int(s // 60)} min {s % 60:.0f} s"


class PlainLines:
    """One line as each output starts (with -v) and as it is done: readable in a log."""

    def __init__(self, stream: IO[str], verbosity: int, total: int) -> None:
        self.stream, self.verbosity, self.total = stream, verbosity, total
        self.started: dict[str, float] = {}
        self.done = 0

    def __call__(self, name: str, event: str) -> None:
        if event == "start":
            self.started[name] = time.perf_counter()
            if self.verbosity >= VERBOSE:
                self.write(f"building {name}…")
        elif event == "done":
            self.done += 1
            took = time.perf_counter() - self.started.get(name, time.perf_counter())
            if self.verbosity >= NORMAL:
                self.write(f"built {name} ({self.done}/{self.total}) in {_seconds(took)}")

    def note(self, text: str) -> None:
        if self.verbosity >= VERBOSE:
            self.write(text)

    def write(self, text: str) -> None:
        print(text, file=self.stream, flush=True)


class Silent:
    """-q: no progress at all (errors still reach stderr)."""

    def __call__(self, name: str, event: str) -> None:
        pass

    def note(self, text: str) -> None:
        pass


class RichBars:
    """A line per output on a terminal: a spinner and the time taken while it is built, a full
    bar once it is done; a bar over all outputs below."""

    def __init__(self, stream: IO[str], verbosity: int, names: Sequence[str]) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

        self.console = Console(file=stream)
        self.verbosity = verbosity
        self.bars = Progress(SpinnerColumn(finished_text="[green]✓"),
                             TextColumn("{task.description:<10}"), BarColumn(),
                             TextColumn("{task.fields[state]}"), TimeElapsedColumn(),
                             console=self.console, transient=False)
        self.tasks = {n: self.bars.add_task(n, total=1, start=False, state="waiting")
                      for n in names}

    def __call__(self, name: str, event: str) -> None:
        task = self.tasks.get(name)
        if task is None:
            return
        if event == "start":
            self.bars.start_task(task)
            self.bars.update(task, total=None, state="building")  # no steps known: a pulse
        elif event == "done":
            self.bars.update(task, total=1, completed=1, state="done")
            self.bars.stop_task(task)

    def note(self, text: str) -> None:
        if self.verbosity >= VERBOSE:
            self.bars.console.print(text, markup=False, highlight=False)


@contextmanager
def display(names: Sequence[str], verbosity: int = NORMAL,
            stream: IO[str] | None = None) -> Iterator[Display]:
    """The progress display for a build of `names`: bars on a terminal, lines otherwise. It
    goes to stdout with the report: stderr is for problems."""
    out = stream or sys.stdout
    if verbosity <= QUIET:
        yield Silent()
        return
    if not out.isatty():
        yield PlainLines(out, verbosity, len(names))
        return
    bars = RichBars(out, verbosity, names)
    with bars.bars:
        yield bars
