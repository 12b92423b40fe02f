"""The commit: a build holds its output folder's lock, and readers see the old set of outputs
or the new one, never a mix and never one missing, whatever stops a build (kills included);
the next build removes what a killed one left."""

from __future__ import annotations

import errno
import fcntl
import hashlib
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from tests.conftest import ROOT
from tests.test_errors import GOOD

import podium.pipeline as pipeline
from podium import output
from podium.cli import main
from podium.context import BuildContext
from podium.output import CHECKPOINTS, Written, staged

# A stand-in for the renderers, fast and deterministic: run here and in child processes.
FAKE = r'''
import time
from podium.output import atomic_write_bytes


def write_outputs(stage, tag, names, hold=0.0):
    for name in names:
        if name == "site":
            site = stage.path("site")
            (site / "fonts").mkdir(parents=True)
            for i in range(8):
                (site / "fonts" / f"f{i}.woff2").write_bytes(f"font {i} {tag}\n".encode() * 200)
            (site / "index.html").write_text(f"<p>{tag}</p>\n", encoding="utf-8")
        else:
            atomic_write_bytes(stage.path(name), f"{name} of build {tag}\n".encode() * 500)
        time.sleep(hold / len(names))
'''
CHILD = FAKE + r'''
import os
import sys
from pathlib import Path

import podium.output as output

out, tag, names, stop, hold = Path(sys.argv[1]), sys.argv[2], sys.argv[3].split(","), sys.argv[4], \
    float(sys.argv[5])
if stop:
    output.checkpoint = lambda step: os._exit(70) if step == stop else None


def waiting(pid):
    print(f"waiting for {pid}", file=sys.stderr, flush=True)


with output.staged(out, on_wait=waiting) as stage:
    write_outputs(stage, tag, names, hold)
'''
_fake: dict[str, object] = {}
exec(FAKE, _fake)
write_outputs = _fake["write_outputs"]

ALL = ["programme.pdf", "agenda.ics", "badges.pdf", "site"]
ENV = {**os.environ, "PYTHONPATH": str(ROOT / "src")}


def fake_build(out: Path, tag: str, names: list[str]) -> None:
    with staged(out) as stage:
        write_outputs(stage, tag, names)


def child(out: Path, tag: str, names: list[str], stop: str = "", hold: float = 0.0
          ) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-c", CHILD, str(out), tag, ",".join(names), stop,
                             str(hold)], env=ENV, stderr=subprocess.PIPE, text=True)


def visible(out: Path) -> dict[str, str]:
    """What a reader of `out` sees: every file under each output name, links followed, by
    hash; podium's own .podium/ (and old .podium-* staging folders) left out, a dangling link
    counted as no output."""
    seen = {}
    for entry in sorted(out.iterdir()):
        # report.txt is the last build's report, written after the switch: not an output.
        if entry.name.startswith(".podium") or entry.name == "report.txt" or not entry.exists():
            continue
        if entry.is_dir():
            for top, _dirs, files in os.walk(entry, followlinks=True):
                for name in files:
                    path = Path(top, name)
                    seen[str(path.relative_to(out))] = hashlib.sha256(path.read_bytes()).hexdigest()
        else:
            seen[entry.name] = hashlib.sha256(entry.read_bytes()).hexdigest()
    return seen


def tidy(out: Path) -> None:
    """Only the lock, `current` and one generation in .podium/, no dangling link outside."""
    state = sorted(p.name for p in (out / ".podium").iterdir())
    assert state[:1] == ["current"] and state[2:] == ["lock"] and len(state) == 3, state
    assert os.readlink(out / ".podium/current") == state[1]
    assert all(p.exists() for p in out.iterdir()), "a dangling link"


@pytest.fixture(scope="module")
def sets(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, str]]:
    """What readers should see: before (no badges yet), after a build of three outputs onto it
    (site carried over), and two unrelated full builds."""
    root = tmp_path_factory.mktemp("sets")
    fake_build(root / "old", "old", ["programme.pdf", "agenda.ics", "site"])
    old = visible(root / "old")
    fake_build(root / "old", "new", ["programme.pdf", "agenda.ics", "badges.pdf"])
    new = visible(root / "old")
    fake_build(root / "a", "A", ALL)
    fake_build(root / "b", "B", ALL)
    return {"old": old, "new": new, "A": visible(root / "a"), "B": visible(root / "b")}


def test_outputs_are_links_into_one_generation(tmp_path: Path) -> None:
    out = tmp_path / "out"
    fake_build(out, "1", ALL)
    assert sorted(p.name for p in out.iterdir()) == [".podium", *sorted(ALL)]
    for name in ALL:
        assert os.readlink(out / name) == f".podium/current/{name}"
    fake_build(out, "2", ALL)
    tidy(out)
    assert os.readlink(out / ".podium/current") == "g000002"
    assert (out / "site/index.html").read_text(encoding="utf-8") == "<p>2</p>\n"


def test_only_carries_the_other_outputs_over_as_hard_links(tmp_path: Path) -> None:
    out = tmp_path / "out"
    fake_build(out, "1", ALL)
    before = {n: os.stat(out / n).st_ino for n in ("badges.pdf", "site/index.html")}
    fake_build(out, "2", ["programme.pdf"])
    assert (out / "programme.pdf").read_bytes().startswith(b"programme.pdf of build 2")
    assert (out / "badges.pdf").read_bytes().startswith(b"badges.pdf of build 1")
    assert {n: os.stat(out / n).st_ino for n in before} == before
    tidy(out)


def test_a_reader_keeps_the_file_it_opened(tmp_path: Path) -> None:
    out = tmp_path / "out"
    fake_build(out, "1", ALL)
    with (out / "programme.pdf").open("rb") as fh:
        fake_build(out, "2", ALL)
        assert fh.read().startswith(b"programme.pdf of build 1")
    assert (out / "programme.pdf").read_bytes().startswith(b"programme.pdf of build 2")


def test_concurrent_builds_leave_one_whole_set(tmp_path: Path, sets: dict[str, dict[str, str]]) -> None:
    out = tmp_path / "out"
    waited = 0
    for _round in range(3):
        a, b = child(out, "A", ALL, hold=0.3), child(out, "B", ALL, hold=0.3)
        errors = {p.pid: p.communicate()[1] for p in (a, b)}
        assert a.returncode == b.returncode == 0, errors
        assert visible(out) in (sets["A"], sets["B"])
        tidy(out)
        for pid, err in errors.items():
            other = b.pid if pid == a.pid else a.pid
            assert err in ("", f"waiting for {other}\n"), err  # once, naming the holder
            waited += bool(err)
    assert waited, "the two builds never overlapped"


def test_concurrent_podium_builds_match_single_builds(tmp_path: Path) -> None:
    """The real command: two builds with different dates into one folder, against each build
    made alone."""
    (tmp_path / "agenda.yaml").write_text(GOOD, encoding="utf-8")

    def podium(out: str, epoch: str) -> subprocess.Popen[str]:
        return subprocess.Popen([sys.executable, "-m", "podium", "build", "--only", "site,signs",
                                 "-o", out], cwd=tmp_path, env={**ENV, "SOURCE_DATE_EPOCH": epoch},
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)

    refs = [podium("one", "1700000000"), podium("two", "1800000000")]
    builds = [podium("both", "1700000000"), podium("both", "1800000000")]
    for p in refs + builds:
        assert p.wait() == 0, p.communicate()[1]
    one, two = visible(tmp_path / "one"), visible(tmp_path / "two")
    assert one.keys() == two.keys() and one != two
    assert visible(tmp_path / "both") in (one, two)
    tidy(tmp_path / "both")


@pytest.mark.parametrize("step", CHECKPOINTS)
def test_kill_inside_the_commit(step: str, tmp_path: Path, sets: dict[str, dict[str, str]]) -> None:
    out = tmp_path / "out"
    fake_build(out, "old", ["programme.pdf", "agenda.ics", "site"])
    killed = child(out, "new", ["programme.pdf", "agenda.ics", "badges.pdf"], stop=step)
    assert killed.wait() == 70, killed.communicate()[1]
    switched = CHECKPOINTS.index(step) >= CHECKPOINTS.index("switched")
    assert visible(out) == sets["new" if switched else "old"]
    # The next build takes what is there for what it is and removes the rest.
    fake_build(out, "next", ["programme.pdf"])
    tidy(out)
    assert (out / "programme.pdf").read_bytes().startswith(b"programme.pdf of build next")
    assert (out / "badges.pdf").exists() == switched


@pytest.mark.parametrize("step", CHECKPOINTS)
def test_kill_while_taking_over_a_folder_of_plain_files(step: str, tmp_path: Path,
                                                        sets: dict[str, dict[str, str]]) -> None:
    """A folder an older podium wrote (plain files, and a staging folder it left) becomes
    links without a reader noticing, until the switch."""
    out = tmp_path / "out"
    fake_build(tmp_path / "made", "old", ["programme.pdf", "agenda.ics", "site"])
    out.mkdir()
    for entry in (tmp_path / "made").iterdir():
        if entry.name != ".podium":
            (shutil.copytree if entry.is_dir() else shutil.copyfile)(entry, out / entry.name)
    left = out / ".podium-k2j4h7x1"
    left.mkdir()
    (left / "programme.pdf").write_bytes(b"half")
    os.utime(left, (time.time() - 7200, time.time() - 7200))
    assert visible(out) == sets["old"]
    killed = child(out, "new", ["programme.pdf", "agenda.ics", "badges.pdf"], stop=step)
    assert killed.wait() == 70, killed.communicate()[1]
    switched = CHECKPOINTS.index(step) >= CHECKPOINTS.index("switched")
    assert visible(out) == sets["new" if switched else "old"]
    assert not left.exists()
    fake_build(out, "next", ["programme.pdf", "agenda.ics", "site"])
    tidy(out)
    assert all((out / n).is_symlink() for n in ("programme.pdf", "agenda.ics", "site"))


@pytest.mark.parametrize("exchange", [True, False])
def test_taking_over_a_folder_of_plain_files(exchange: bool, tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """Without renameat2 (not Linux, or a file system without it) a plain site/ is swapped
    for its link by two renames: missing for a moment, once."""
    if not exchange:
        monkeypatch.setattr(output, "_exchange", lambda a, b: False)
    out = tmp_path / "out"
    (out / "site").mkdir(parents=True)
    (out / "site/index.html").write_text("old", encoding="utf-8")
    (out / "badges.pdf").write_bytes(b"old badges")
    fake_build(out, "new", ["site"])
    assert os.readlink(out / "site") == ".podium/current/site"
    assert (out / "site/index.html").read_text(encoding="utf-8") == "<p>new</p>\n"
    assert (out / "badges.pdf").read_bytes() == b"old badges" and not (out / "badges.pdf").is_symlink()
    tidy(out)


def test_a_file_system_without_links_gets_plain_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                      sets: dict[str, dict[str, str]]) -> None:
    """FAT and exFAT have no symbolic links: each output is replaced in place, whole."""
    def symlink(*args: object, **kwargs: object) -> None:
        raise PermissionError(errno.EPERM, os.strerror(errno.EPERM))

    monkeypatch.setattr(output.os, "symlink", symlink)
    out = tmp_path / "out"
    fake_build(out, "old", ["programme.pdf", "agenda.ics", "site"])
    assert visible(out) == sets["old"]
    fake_build(out, "new", ["programme.pdf", "agenda.ics", "badges.pdf"])
    assert visible(out) == sets["new"]
    assert not any(p.is_symlink() for p in out.iterdir())
    assert [p.name for p in (out / ".podium").iterdir()] == ["lock"]


def test_a_recent_old_style_staging_folder_is_left_alone(tmp_path: Path) -> None:
    """Another (older) podium may still be writing it: no lock says whose it is."""
    out = tmp_path / "out"
    (out / ".podium-abcdefgh").mkdir(parents=True)
    fake_build(out, "1", ["badges.pdf"])
    assert (out / ".podium-abcdefgh").is_dir()


# -- signals and the lock, through the command line ----------------------------------------

SLOW_CLI = r'''
import sys, time
from pathlib import Path
import podium.pipeline as pipeline
from podium.cli import main
from podium.output import Written, atomic_write_bytes

def slow(ctx):
    atomic_write_bytes(ctx.out("badges.pdf"), b"new badges")
    Path(sys.argv[3]).touch()
    time.sleep(60)
    return [Written(ctx.out("badges.pdf"))]

pipeline.RENDERERS = {"badges": slow}
main(["build", sys.argv[1], "-o", sys.argv[2]])
'''


@pytest.mark.parametrize("how", [signal.SIGTERM, signal.SIGKILL])
def test_a_signal_mid_build_leaves_the_old_set(how: signal.Signals, tmp_path: Path) -> None:
    (tmp_path / "agenda.yaml").write_text(GOOD, encoding="utf-8")
    out, ready = tmp_path / "out", tmp_path / "ready"
    fake_build(out, "old", ALL)
    before = visible(out)
    proc = subprocess.Popen([sys.executable, "-c", SLOW_CLI, str(tmp_path / "agenda.yaml"), str(out),
                             str(ready)], env=ENV, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 30
    while not ready.exists():
        assert proc.poll() is None and time.monotonic() < deadline, proc.communicate()[1]
        time.sleep(0.05)
    staging = out / ".podium/g000002"
    assert (staging / "badges.pdf").read_bytes() == b"new badges"
    proc.send_signal(how)
    code = proc.wait(10)
    assert visible(out) == before
    if how == signal.SIGTERM:
        # Ended as an exception would: its files deleted, the lock let go.
        assert code == 128 + signal.SIGTERM, proc.communicate()[1]
        assert "Traceback" not in proc.communicate()[1]
        assert not staging.exists()
    else:
        assert code == -signal.SIGKILL
        assert staging.exists()  # SIGKILL cannot be caught: the next build removes it
    fake_build(out, "next", ["programme.pdf"])
    tidy(out)
    assert (out / "badges.pdf").read_bytes().startswith(b"badges.pdf of build old")


@pytest.fixture
def holder(tmp_path: Path) -> Iterator[int]:
    """Another process holds tmp_path/out's lock (this process, as pid 4242)."""
    (tmp_path / "out/.podium").mkdir(parents=True)
    fd = os.open(tmp_path / "out/.podium/lock", os.O_RDWR | os.O_CREAT)
    fcntl.flock(fd, fcntl.LOCK_EX)
    os.write(fd, b"4242\n")
    yield fd
    os.close(fd)


def _one(ctx: BuildContext) -> list[Written]:
    output.atomic_write_bytes(ctx.out("badges.pdf"), b"badges")
    return [Written(ctx.out("badges.pdf"))]


def test_no_wait_names_the_build_that_holds_the_folder(tmp_path: Path, holder: int,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(pipeline, "RENDERERS", {"badges": _one})
    (tmp_path / "agenda.yaml").write_text(GOOD, encoding="utf-8")
    result = CliRunner().invoke(main, ["build", "-o", "out", "--no-wait"])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "podium: out: another podium build (process 4242) is writing into this folder; run again "
        "when it is done, or leave out --no-wait to wait for it"]
    assert sorted(p.name for p in (tmp_path / "out/.podium").iterdir()) == ["lock"]


def test_a_second_build_waits_and_says_so_once(tmp_path: Path, holder: int,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(pipeline, "RENDERERS", {"badges": _one})
    (tmp_path / "agenda.yaml").write_text(GOOD, encoding="utf-8")
    release = threading.Timer(0.5, lambda: fcntl.flock(holder, fcntl.LOCK_UN))
    release.start()
    started = time.monotonic()
    result = CliRunner().invoke(main, ["build", "-o", "out"])
    release.join()
    assert result.exit_code == 0, result.output
    assert time.monotonic() - started >= 0.5
    assert result.stderr.splitlines() == ["podium: waiting for process 4242, which is building into out"]
    assert (tmp_path / "out/badges.pdf").read_bytes() == b"badges"
    assert (tmp_path / "out/.podium/lock").read_bytes() == b""  # let go, no pid left in it
