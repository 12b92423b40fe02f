"""Serving stage: one serve session, loading and rebuilding what each edit touches, keeping the
last good outputs (and telling why) when an edit breaks the agenda."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from podium.changes import comparison, record_path
from podium.context import BuildContext
from podium.fonts import bundled
from podium.load import Programme, load
from podium.output import BuildDateError, OutputError, Scratch, build_epoch, os_error_message
from podium.parallel import Worker, available_cores
from podium.pipeline import build
from podium.problems import AgendaError
from podium.renderers import RENDERERS
from podium.serve.deps import LATER, fingerprints, touched
from podium.templating import TemplateFailed


@dataclass
class Outcome:
    """What one rebuild did."""

    rebuilt: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0


class Session:
    """The state the server shows: a version number that changes after every rebuild (the
    browser waits for it), the errors of the last edit, the outputs' folder."""

    def __init__(self, agenda: Path, out_dir: Path, *, allow_outside: bool = False,
                 progress: Callable[[str, str], None] | None = None) -> None:
        self.agenda, self.out_dir, self.allow_outside = agenda, out_dir, allow_outside
        self.progress = progress
        self.version = 0
        self.errors: list[str] = []
        self.warnings: list[str] = []
        self.building = False
        self.built: dict[str, str] = {}
        """The fingerprint of each renderer's inputs as of its last good build."""
        self.asked: list[str] = []
        """The outputs the rebuild under way (or the last one) makes."""
        self.underway: list[str] = []
        """Those of `asked` not committed yet."""
        self.programme: Programme | None = None
        self.changed = threading.Condition()
        self.workers = {n: Worker(n, RENDERERS, progress) for n in RENDERERS if n in LATER}
        """The slow renderers, each in a process kept from one edit to the next."""

    def close(self) -> None:
        """End the slow renderers' processes (serve stops)."""
        for worker in self.workers.values():
            worker.close()

    def _publish(self, errors: list[str], building: bool = False) -> None:
        with self.changed:
            self.errors = errors
            self.building = building
            self.version += 1
            self.changed.notify_all()

    def wait(self, seen: int, timeout: float) -> int:
        """The version once it differs from `seen`, or after `timeout` seconds."""
        with self.changed:
            self.changed.wait_for(lambda: self.version != seen, timeout=timeout)
            return self.version

    def watched(self) -> set[Path]:
        """The files whose edits count: the agenda, its printed record (`podium printed` run
        beside serve), the attendees CSV, the logo (templates/ is watched as a folder)."""
        out = {self.agenda.resolve(), record_path(self.agenda).resolve()}
        if self.programme is not None:
            a = self.programme.agenda
            for rel in (a.attendees, a.print_.logo):
                if rel:
                    out.add((self.agenda.parent / rel).resolve())
        return out

    def rebuild(self) -> Outcome:
        """Load the agenda and rebuild the outputs whose inputs changed since their last good
        build; on errors, leave every output as it was."""
        started = time.perf_counter()
        with self.changed:
            self.building = True
        self.asked, self.underway = [], []
        try:
            programme = load(self.agenda, allow_outside=self.allow_outside)
        except AgendaError as exc:
            self.warnings = [str(p) for p in exc.problems if not p.is_error]
            return self._failed([str(p) for p in exc.problems if p.is_error], started)
        except OSError as exc:
            return self._failed([os_error_message(exc)], started)
        self.programme = programme
        self.warnings = [str(w) for w in programme.warnings]
        now = fingerprints(programme, RENDERERS)
        names = touched(self.built, now)
        self.asked, self.underway = list(names), list(names)
        try:
            self._build(programme, now, names)
        except AgendaError as exc:
            return self._failed([str(p) for p in exc.problems if p.is_error], started)
        except (BuildDateError, OutputError, TemplateFailed) as exc:
            return self._failed([str(exc)], started)
        except OSError as exc:
            return self._failed([os_error_message(exc, self.out_dir)], started)
        self._publish([])
        return Outcome(rebuilt=names, seconds=time.perf_counter() - started)

    def _build(self, programme: Programme, now: dict[str, str], names: list[str]) -> None:
        """Build `names`: the first slow one (WeasyPrint, seconds) starts rendering at once in
        its worker's process, beside the quick ones, which are committed (and shown) first;
        each slow one is committed as it is done. Every commit is a generation of its own,
        so a failure keeps the outputs of the commits before it."""
        quick = [n for n in names if n not in LATER]
        slow = [n for n in names if n in LATER]
        if not names:
            return
        if not slow:
            build(programme, self.out_dir, quick, progress=self.progress)
            self.built.update({n: now[n] for n in quick})
            return
        # As `build` does, before any renderer forks: the date and the printed comparison.
        epoch = build_epoch(programme.agenda)
        comparison(programme)
        warm_weasyprint()  # imported here once, not in every slow renderer's process
        scratch = Scratch(self.out_dir)
        ctx = BuildContext(programme=programme, fonts=bundled(), epoch=epoch, stage=scratch)
        running = [self.workers[slow[0]]]
        running[0].start(ctx)
        try:
            if quick:
                # The booklet keeps a core of its own: the quick outputs share the others.
                build(programme, self.out_dir, quick, progress=self.progress,
                      jobs=max(1, available_cores() - 1))
                self.built.update({n: now[n] for n in quick})
                self.underway = slow
                self._publish([], building=True)
            for n in slow[1:]:
                running.append(self.workers[n])
                self.workers[n].start(ctx)
            for number, done in enumerate(running, 1):
                scratch.commit(done.result())
                self.built[done.name] = now[done.name]
                self.underway = [n for n in self.underway if n != done.name]
                if number < len(running):
                    self._publish([], building=True)
        finally:
            for r in running:
                r.stop()
            scratch.remove()

    def interrupted(self) -> str:
        """What a Ctrl-C now leaves: nothing written, or the outputs of this edit already
        committed and those that keep their last good version."""
        done = [n for n in self.asked if n not in self.underway]
        if not done:
            return "nothing written"
        return (f"{', '.join(done)} rebuilt from this edit; {', '.join(self.underway)} "
                "kept from the last good build")

    def _failed(self, errors: list[str], started: float) -> Outcome:
        self._publish(errors)
        return Outcome(errors=errors, seconds=time.perf_counter() - started)

    def pdfs(self) -> list[str]:
        """The PDFs in the output folder, in build order."""
        return sorted((p.name for p in self.out_dir.glob("*.pdf")), key=_pdf_order)


_ORDER = ("programme.pdf", "programme-imposed.pdf", "badges.pdf", "door-signs.pdf")


def warm_weasyprint() -> None:
    """Import WeasyPrint (0.6 s) in serve's own process, so that the slow renderers' processes,
    forked from it, start with it loaded."""
    import podium.renderers.booklet.pdf  # noqa: F401


def _pdf_order(name: str) -> tuple[int, str]:
    return (_ORDER.index(name) if name in _ORDER else len(_ORDER), name)
