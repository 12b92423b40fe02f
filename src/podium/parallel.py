"""Build stage: the chosen renderers run one after the other, or side by side in forked
processes on the cores this process may use, all writing into the one staging folder.

Each renderer runs in a process forked from the build (so it inherits the loaded programme,
the fonts and every import made so far at no cost), at most one per core, the first in the
registry's order first (the booklet, the longest, leads). The parent only hands out the work,
collects each renderer's list of outputs, and reports start and end through `progress`.
If any renderer fails, the others are stopped at once and the first failure is raised in the
parent as the renderer raised it (an AgendaError with its problems, an OSError with its file,
a template error at its file and line): the caller's staging then commits nothing.

Why plain forked processes and not a concurrent.futures pool: a pool cannot stop a task
that runs, and a build whose badges failed must not wait 16 s for a booklet it throws away;
a process per renderer is also started from the build's own state every time."""

from __future__ import annotations

import contextlib
import ctypes
import dataclasses
import gc
import multiprocessing
import os
import pickle
import signal
import sys
import traceback
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess

import jinja2

from podium.context import BuildContext
from podium.output import Written
from podium.problems import AgendaError, Problem
from podium.templating import failure

Render = Callable[[BuildContext], list[Written]]
Progress = Callable[[str, str], None]
"""Told (renderer name, "start") as a renderer starts and (name, "done") as it ends."""


def available_cores() -> int:
    """The cores this process may run on (its affinity mask: `taskset -c 0 podium build`
    builds on one), else the machine's count."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # not Linux
        return os.cpu_count() or 1


def render_one(ctx: BuildContext, render: Render) -> list[Written]:
    """Run one renderer, then (with `print.colour: cmyk`) turn each PDF it wrote to black ink
    and CMYK, a PDF/X-4, in the same process, so conversions run side by side too; a template
    that fails becomes one line with its file and line."""
    try:
        written = render(ctx)
    except jinja2.TemplateError as exc:
        raise failure(exc, ctx.template_dirs) from exc
    if ctx.programme.agenda.print_.colour == "cmyk":
        from podium.pdf.cmyk import to_cmyk

        for w in written:
            if w.path.suffix == ".pdf":
                to_cmyk(w.path)
    return written


def run(ctx: BuildContext, renderers: Mapping[str, Render], *, jobs: int | None = None,
        progress: Progress | None = None) -> list[Written]:
    """Every renderer's outputs, in the order of `renderers`; up to `jobs` at once (default:
    the available cores). One job, one renderer or no fork: in this process, in turn."""
    jobs = available_cores() if jobs is None else jobs
    if jobs <= 1 or len(renderers) <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        written: list[Written] = []
        for name, render in renderers.items():
            _tell(progress, name, "start")
            written += render_one(ctx, render)
            _tell(progress, name, "done")
        return written
    results = _side_by_side(ctx, renderers, min(jobs, len(renderers)), progress)
    return [w for name in renderers for w in results[name]]


def _tell(progress: Progress | None, name: str, what: str) -> None:
    if progress is not None:
        progress(name, what)


@dataclass(frozen=True)
class _AgendaFailed:
    # An AgendaError's constructor takes problems, not the message pickle would hand it.
    cls: type[AgendaError]
    problems: list[Problem]

    def again(self, name: str) -> BaseException:
        return self.cls(self.problems)


@dataclass(frozen=True)
class _OSFailed:
    # Pickling an OSError loses its second file name (a failed rename's target).
    cls: type[OSError]
    errno: int | None
    strerror: str | None
    filename: str | None
    filename2: str | None
    text: str

    def again(self, name: str) -> BaseException:
        if self.errno is None:
            return self.cls(self.text)
        return self.cls(self.errno, self.strerror, self.filename, None, self.filename2)


@dataclass(frozen=True)
class _Raised:
    exc: BaseException
    remote: str

    def again(self, name: str) -> BaseException:
        self.exc.__cause__ = RemoteTraceback(f"in the {name} renderer's process:\n{self.remote}")
        self.exc.__suppress_context__ = True
        return self.exc


@dataclass(frozen=True)
class _Broke:
    text: str

    def again(self, name: str) -> BaseException:
        return RuntimeError(f"the {name} renderer failed: {self.text}")


Failed = _AgendaFailed | _OSFailed | _Raised | _Broke
Outcome = list[Written] | Failed
"""What a renderer's process sends back: its outputs, or how it failed."""


class RemoteTraceback(Exception):
    """The traceback of an exception raised in a renderer's process, attached as its cause."""

    def __str__(self) -> str:
        return str(self.args[0])


def _side_by_side(ctx: BuildContext, renderers: Mapping[str, Render], jobs: int,
                  progress: Progress | None) -> dict[str, list[Written]]:
    context = multiprocessing.get_context("fork")
    waiting = list(renderers.items())
    running: dict[Connection, tuple[str, BaseProcess]] = {}
    results: dict[str, list[Written]] = {}
    # Objects made so far (the programme, fonts, shaping tables) are kept out of garbage
    # collection while the renderers run: collecting them in a child would write to every
    # memory page that holds them, copying pages it shares with this process.
    thaw = gc.get_freeze_count() == 0
    gc.freeze()
    try:
        while waiting or running:
            while waiting and len(running) < jobs:
                name, render = waiting.pop(0)
                receive, send = context.Pipe(duplex=False)
                process: BaseProcess = context.Process(target=_child, args=(send, ctx, render),
                                          name=f"podium-{name}")
                _tell(progress, name, "start")
                process.start()
                send.close()
                running[receive] = (name, process)
            for ready in wait(list(running)):
                assert isinstance(ready, Connection)
                name, process = running.pop(ready)
                outcome = _receive(ready, process)
                process.join()
                if not isinstance(outcome, list):
                    raise outcome.again(name)
                results[name] = outcome
                _tell(progress, name, "done")
    finally:
        for _, process in running.values():
            if process.is_alive():
                process.terminate()     # another renderer failed, or the build was stopped
        for receive, (_, process) in running.items():
            process.join()
            receive.close()
        if thaw:
            gc.unfreeze()
    return results


class Worker:
    """One renderer in a forked process that lives as long as serve and renders each build it
    is sent: what the renderer keeps between builds (`BuildContext.kept`: WeasyPrint's fonts,
    the booklet's last index) is there for the next edit. The programme goes over a pipe
    (FOSDEM's pickles in 0.08 s); a build stopped half way ends the process, and the next
    build starts a new one, as does a renderer replaced in `renderers` (tests do)."""

    def __init__(self, name: str, renderers: Mapping[str, Render],
                 progress: Progress | None) -> None:
        self.name, self._renderers, self._progress = name, renderers, progress
        self._render = renderers[name]
        self._pipe: Connection | None = None
        self._process: BaseProcess | None = None
        self._busy = False
        self._here: BuildContext | None = None
        self._kept: dict[str, object] = {}

    @property
    def pid(self) -> int | None:
        """The worker's process, while there is one."""
        return self._process.pid if self._process is not None else None

    def start(self, ctx: BuildContext) -> None:
        """Send the worker a build (starting its process first if there is none)."""
        _tell(self._progress, self.name, "start")
        if self._renderers[self.name] is not self._render:
            self.close()
            self._render, self._kept = self._renderers[self.name], {}
        if "fork" not in multiprocessing.get_all_start_methods():
            self._here = dataclasses.replace(ctx, kept=self._kept)  # rendered in result()
            return
        if self._process is None or not self._process.is_alive():
            self._spawn()
        assert self._pipe is not None
        self._pipe.send((ctx.programme, ctx.fonts, ctx.epoch, ctx.stage, ctx.options))
        self._busy = True

    def result(self) -> list[Written]:
        """Wait for the build sent: its outputs, or its failure raised as `run` raises it."""
        if self._here is not None:
            ctx, self._here = self._here, None
            written = render_one(ctx, self._render)
            _tell(self._progress, self.name, "done")
            return written
        assert self._pipe is not None and self._process is not None and self._busy
        try:
            outcome: Outcome = self._pipe.recv()
        except EOFError:
            self._process.join()
            outcome = _Broke(f"its process ended without a result (exit code "
                             f"{self._process.exitcode})")
            self.stop()
        self._busy = False
        if not isinstance(outcome, list):
            raise outcome.again(self.name)
        _tell(self._progress, self.name, "done")
        return outcome

    def stop(self) -> None:
        """End the process if a build is still running in it (the build failed or was
        stopped: what it was writing is thrown away)."""
        if self._busy or self._process is None or not self._process.is_alive():
            self.close()

    def close(self) -> None:
        """End the process (serve stops)."""
        if self._process is not None:
            if self._process.is_alive():
                self._process.terminate()
            self._process.join()
        if self._pipe is not None:
            self._pipe.close()
        self._pipe, self._process, self._busy = None, None, False

    def _spawn(self) -> None:
        context = multiprocessing.get_context("fork")
        mine, its = context.Pipe(duplex=True)
        process = context.Process(target=_work, args=(its, self._render), daemon=True,
                                  name=f"podium-{self.name}")
        thaw = gc.get_freeze_count() == 0
        gc.freeze()  # as in _side_by_side: the child's collections must not copy shared pages
        try:
            process.start()
        finally:
            if thaw:
                gc.unfreeze()
        its.close()
        self._pipe, self._process = mine, process


def _work(pipe: Connection, render: Render) -> None:
    """In the worker's process: render every build sent, until the pipe closes."""
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _die_with_parent()
    kept: dict[str, object] = {}
    while True:
        try:
            programme, fonts, epoch, stage, options = pipe.recv()
        except EOFError:
            return
        ctx = BuildContext(programme=programme, fonts=fonts, epoch=epoch, stage=stage,
                           options=options, kept=kept)
        try:
            outcome: Outcome = render_one(ctx, render)
        except BaseException as exc:  # every failure goes to the parent, which decides
            outcome = _failure(exc)
        try:
            pipe.send(outcome)
        except Exception as exc:  # outputs or problems that do not pickle: a bug, say so
            pipe.send(_Broke(f"its result could not be sent back: {exc!r}"))


def _receive(pipe: Connection, process: BaseProcess) -> Outcome:
    try:
        outcome: Outcome = pipe.recv()
    except EOFError:
        process.join()
        outcome = _Broke(f"its process ended without a result (exit code {process.exitcode})")
    finally:
        pipe.close()
    return outcome


def _child(send: Connection, ctx: BuildContext, render: Render) -> None:
    """In the forked process: render, send back the outputs or what went wrong."""
    # The build stops its children itself (on a failure, Ctrl-C or SIGTERM): no handler
    # inherited from the command line may turn that into a traceback here.
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _die_with_parent()
    try:
        outcome: Outcome = render_one(ctx, render)
    except BaseException as exc:  # every failure goes to the parent, which decides
        outcome = _failure(exc)
    try:
        send.send(outcome)
    except Exception as exc:  # outputs or problems that do not pickle: a bug, say so
        send.send(_Broke(f"its result could not be sent back: {exc!r}"))
    send.close()


_PR_SET_PDEATHSIG = 1


def _die_with_parent() -> None:
    """Ask Linux to kill this process if the build is killed (SIGKILL cannot be caught), so
    that no renderer goes on writing into a staging folder the next build removes."""
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)


def _name(filename: object) -> str | None:
    if filename is None:
        return None
    return os.fsdecode(filename) if isinstance(filename, str | bytes) else str(filename)


def _failure(exc: BaseException) -> Failed:
    """`exc` in a form that crosses the pipe and can be raised again as it was."""
    if isinstance(exc, AgendaError):
        return _AgendaFailed(type(exc), exc.problems)
    if isinstance(exc, OSError):
        return _OSFailed(type(exc), exc.errno, exc.strerror, _name(exc.filename),
                         _name(exc.filename2), str(exc))
    remote = "".join(traceback.format_exception(exc))
    try:
        again = pickle.loads(pickle.dumps(exc))
    except Exception:
        return _Broke(f"{type(exc).__name__}: {exc}\n{remote}")
    if type(again) is not type(exc) or str(again) != str(exc):
        return _Broke(f"{type(exc).__name__}: {exc}\n{remote}")
    return _Raised(again, remote)
