"""Renderers side by side: each in its own process at once, outputs collected, one failure
stops the rest and commits nothing, reported as it was raised; the same bytes as in turn."""

from __future__ import annotations

import errno
import os
import time
from pathlib import Path

import pytest
from tests.test_errors import GOOD

import podium.pipeline as pipeline
from podium.context import BuildContext
from podium.load import Programme, load
from podium.output import Written, atomic_write_bytes
from podium.parallel import available_cores
from podium.problems import AgendaError, Problem

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def programme(tmp_path: Path) -> Programme:
    (tmp_path / "agenda.yaml").write_text(GOOD, encoding="utf-8")
    return load(tmp_path / "agenda.yaml")


def _pid_writer(name: str) -> pipeline.Renderer:
    def render(ctx: BuildContext) -> list[Written]:
        path = ctx.out(name)
        atomic_write_bytes(path, str(os.getpid()).encode())
        return [Written(path, pages=1)]
    return render


def _waits_for(other: str, mine: str) -> pipeline.Renderer:
    """Writes `mine`, then waits (at most 20 s) until the renderer writing `other` has run:
    in turn the first of two such renderers would wait for nothing and fail."""
    def render(ctx: BuildContext) -> list[Written]:
        atomic_write_bytes(ctx.out(mine), b"here")
        deadline = time.monotonic() + 20
        while not ctx.out(other).exists():
            if time.monotonic() > deadline:
                raise RuntimeError(f"{other} never appeared beside {mine}")
            time.sleep(0.01)
        return [Written(ctx.out(mine))]
    return render


def test_renderers_run_at_the_same_time_in_other_processes(
        programme: Programme, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pipeline, "RENDERERS", {"a": _waits_for("b.txt", "a.txt"),
                                                "b": _waits_for("a.txt", "b.txt"),
                                                "pid": _pid_writer("pid.txt")})
    told: list[tuple[str, str, int]] = []
    written = pipeline.build(programme, tmp_path / "out", jobs=2,
                             progress=lambda name, what: told.append((name, what, os.getpid())))
    out = tmp_path / "out"
    # The outputs come back in the registry's order, at their final places.
    assert [w.path for w in written] == [out / "a.txt", out / "b.txt", out / "pid.txt"]
    assert int((out / "pid.txt").read_text()) != os.getpid()
    # Progress is told in this process: every renderer starts, then is done; at most two run.
    assert {pid for _, _, pid in told} == {os.getpid()}
    assert sorted(told) == sorted((n, w, os.getpid()) for n in ("a", "b", "pid")
                                  for w in ("start", "done"))
    running = 0
    for _, what, _ in told:
        running += 1 if what == "start" else -1
        assert 0 <= running <= 2
    assert [n for n, w, _ in told if w == "start"] == ["a", "b", "pid"]


def test_one_job_runs_in_turn_in_this_process(programme: Programme, tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pipeline, "RENDERERS", {"pid": _pid_writer("pid.txt"),
                                                "again": _pid_writer("again.txt")})
    told: list[tuple[str, str]] = []
    pipeline.build(programme, tmp_path / "out", jobs=1,
                   progress=lambda name, what: told.append((name, what)))
    assert int((tmp_path / "out" / "pid.txt").read_text()) == os.getpid()
    assert told == [("pid", "start"), ("pid", "done"), ("again", "start"), ("again", "done")]


def _sleeps(ctx: BuildContext) -> list[Written]:
    atomic_write_bytes(ctx.out("slow.pdf"), b"slow")
    time.sleep(60)
    return [Written(ctx.out("slow.pdf"))]


def _problem(ctx: BuildContext) -> list[Written]:
    raise AgendaError([Problem("agenda.yaml", 7, 3, "print.logo", "logo file 'x.png' not found"),
                       Problem("agenda.yaml", 2, 1, "event.title", "too long")])


def _disk_full(ctx: BuildContext) -> list[Written]:
    raise OSError(errno.ENOSPC, "No space left on device", str(ctx.out("a.pdf")), None,
                  str(ctx.out("b.pdf")))


def _bug(ctx: BuildContext) -> list[Written]:
    return [Written(ctx.out("x"))][5]


@pytest.mark.parametrize("failing", [_problem, _disk_full, _bug])
def test_a_failure_stops_the_others_and_commits_nothing(
        failing: pipeline.Renderer, programme: Programme, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "slow.pdf").write_bytes(b"old")
    monkeypatch.setattr(pipeline, "RENDERERS", {"slow": _sleeps, "bad": failing})
    start = time.monotonic()
    with pytest.raises((AgendaError, OSError, IndexError)) as caught:
        pipeline.build(programme, out, jobs=2)
    assert time.monotonic() - start < 30        # the 60-second renderer was stopped
    assert (out / "slow.pdf").read_bytes() == b"old"
    assert sorted(p.name for p in out.iterdir()) == [".podium", "slow.pdf"]
    assert [p.name for p in (out / ".podium").iterdir()] == ["lock"]
    exc = caught.value
    if failing is _problem:
        assert isinstance(exc, AgendaError)
        assert [str(p) for p in exc.problems] == [
            "agenda.yaml:2:1: event.title: too long",
            "agenda.yaml:7:3: print.logo: logo file 'x.png' not found"]
    elif failing is _disk_full:
        assert isinstance(exc, OSError) and exc.errno == errno.ENOSPC
        assert exc.filename.endswith("a.pdf") and exc.filename2.endswith("b.pdf")
    else:
        assert isinstance(exc, IndexError)
        assert "_bug" in str(exc.__cause__)     # the child's traceback, as the cause


def test_a_template_error_in_a_child_is_reported_at_its_line(tmp_path: Path) -> None:
    (tmp_path / "agenda.yaml").write_text(GOOD, encoding="utf-8")
    (tmp_path / "templates" / "site").mkdir(parents=True)
    (tmp_path / "templates" / "site" / "index.html.j2").write_text(
        "<p>\n{{ page.no_such_thing.title }}\n", encoding="utf-8")
    programme = load(tmp_path / "agenda.yaml")
    from podium.templating import TemplateFailed
    with pytest.raises(TemplateFailed, match=r"index\.html\.j2:2: template error"):
        pipeline.build(programme, tmp_path / "out", ["signs", "site"], jobs=2)
    assert not (tmp_path / "out" / "site").exists()


def test_the_same_bytes_side_by_side_as_in_turn(tmp_path: Path) -> None:
    # The ReportLab outputs share font registrations and caches when drawn in turn; the
    # booklet too is compared, with every output, by scripts/compare_outputs.py.
    seed = load(ROOT / "agenda.yaml")
    only = ["badges", "signs", "site"]
    pipeline.build(seed, tmp_path / "turn", only, jobs=1)
    pipeline.build(seed, tmp_path / "side", only, jobs=2)
    names = sorted(p.name for p in (tmp_path / "turn").iterdir() if p.name != ".podium")
    assert names == ["agenda.ics", "badges.pdf", "door-signs.pdf", "site"]
    turn, side = ((tmp_path / b / ".podium" / "current").resolve() for b in ("turn", "side"))
    files = sorted(p.relative_to(turn) for p in turn.rglob("*") if p.is_file())
    assert len(files) > 8
    assert files == sorted(p.relative_to(side) for p in side.rglob("*") if p.is_file())
    for file in files:
        assert (turn / file).read_bytes() == (side / file).read_bytes(), file


def test_available_cores_follows_the_affinity_mask() -> None:
    if not hasattr(os, "sched_getaffinity"):
        pytest.skip("no affinity mask on this system")
    assert available_cores() == len(os.sched_getaffinity(0))
