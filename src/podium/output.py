"""Writing stage: the output folder, locked and switched from one complete set of outputs to
the next in one step; and the fixed build date for reproducible files.

The output folder (build/ by default) holds the outputs as links into a hidden folder:

    build/programme.pdf -> .podium/current/programme.pdf     one link per output, made once
    build/site          -> .podium/current/site
    build/.podium/lock                                        the build lock, with its pid
    build/.podium/current -> g000007                          the set readers see
    build/.podium/g000007/programme.pdf, site/, ...           one complete set of outputs

A build takes the lock (a second build into the same folder waits for it), then writes a new
generation, g000008, which is also its staging folder. The commit
1. carries over, as hard links, the outputs of g000007 this build did not make (--only);
2. flushes the new files to disk;
3. makes sure every output has its link (adopting, content unchanged, files an older podium
   left as plain files: each is swapped for a link in one rename);
4. replaces `current` with a link to g000008 in one rename(2): every output switches at once;
5. deletes g000007.
A build killed at any point leaves `current` on a complete old or new set; the next build,
once it holds the lock, deletes whatever else is in .podium/.

On a file system without symbolic links (FAT, exFAT, some network shares) the outputs are
plain files and folders, each replaced by one rename in turn (`Staging._commit_in_place`):
each is whole, but old and new ones may stand side by side for a moment.
"""

from __future__ import annotations

import contextlib
import ctypes
import dataclasses
import datetime as dt
import errno
import fcntl
import os
import re
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from podium.model import Agenda

STATE = ".podium"
"""The hidden folder, inside the output folder, that holds the generations and the lock."""
LOCK = "lock"
CURRENT = "current"
_GENERATION = re.compile(r"g(\d{6,})\Z")
_LEGACY = ".podium-"
"""Prefix of the staging folders of podium before generations, left in the output folder by
killed builds; removed once older than `_LEGACY_AGE` seconds (no lock says whose they are)."""
_LEGACY_AGE = 3600.0
_LATEST_EPOCH = 253402300799  # 9999-12-31T23:59:59Z

CHECKPOINTS = ("rendered", "carried", "synced", "adopted", "linked", "switched", "cleaned")
"""The steps of a commit, in order; `checkpoint` is called after each."""


def checkpoint(step: str) -> None:
    """Called as the commit passes each of `CHECKPOINTS`. Tests replace it to stop a build
    there (os._exit) and check what a kill at that point leaves behind."""


class OutputError(Exception):
    """The output folder cannot be used: the message is one line for the person building."""


class Busy(OutputError):
    """Another build holds the output folder's lock (and waiting was not wanted)."""

    def __init__(self, out_dir: Path, holder: int | None) -> None:
        self.holder = holder
        who = f"process {holder}" if holder else "another process"
        super().__init__(f"{out_dir}: another podium build ({who}) is writing into this folder; "
                         "run again when it is done, or leave out --no-wait to wait for it")


class BuildDateError(ValueError):
    """SOURCE_DATE_EPOCH is set to something that is not a usable timestamp."""


def build_epoch(agenda: Agenda) -> int:
    """The timestamp written into outputs: SOURCE_DATE_EPOCH if set, else the first day at
    midnight UTC. Never the clock, so the same agenda gives the same bytes."""
    env = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if env:
        try:
            value = int(env)
        except ValueError:
            raise BuildDateError(f"SOURCE_DATE_EPOCH must be a whole number of seconds since 1970, "
                                 f"not '{env}'") from None
        if not 0 <= value <= _LATEST_EPOCH:
            raise BuildDateError(f"SOURCE_DATE_EPOCH must be between 0 and {_LATEST_EPOCH} "
                                 f"(1970 to 9999), not {value}")
        return value
    first = agenda.days[0].date if agenda.days else dt.date(2000, 1, 1)
    return int(dt.datetime.combine(first, dt.time(), tzinfo=dt.UTC).timestamp())


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write `data` to `path` so that readers see the old file or the new one, never half."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        if exc.filename is None:  # a failed write(2) or fsync(2) names no file: name it
            raise OSError(exc.errno, exc.strerror or str(exc), str(path)) from exc
        raise
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


_STAGED = re.compile(rf"/(?:{re.escape(STATE)}/g\d{{6,}}|{re.escape(_LEGACY)}serve-[^/]+)(?=/|\Z)")


def shown(path: str | os.PathLike[str]) -> str:
    """`path` as the person building knows it: build/.podium/g000008/badges.pdf (and serve's
    build/.podium-serve-x1y2/programme.pdf) is build/badges.pdf."""
    return _STAGED.sub("", os.fspath(path))


def os_error_message(exc: OSError, out_dir: Path | None = None) -> str:
    """One line for a failed file operation: the file (as the person knows it) and why."""
    why = exc.strerror or str(exc)
    if exc.filename is not None:
        where = shown(exc.filename)
        if exc.filename2 is not None:
            where += f" -> {shown(exc.filename2)}"
        return f"{where}: {why}"
    return f"building into {out_dir}: {why}" if out_dir is not None else why


@dataclass(frozen=True)
class Written:
    """One output a renderer produced."""

    path: Path
    pages: int | None = None
    report: str | None = None
    """A short preflight text for the person printing (badges: counts, shrunk names...)."""

    @property
    def size(self) -> int:
        if self.path.is_dir():
            return sum(p.stat().st_size for p in self.path.rglob("*") if p.is_file())
        return self.path.stat().st_size


# -- the lock -----------------------------------------------------------------------------

class _Lock:
    """An exclusive flock(2) on `path`, which then holds the pid of the process that has it.
    The kernel lets go when the process ends, however it ends: a lock is never stale."""

    def __init__(self, path: Path, out_dir: Path, wait: bool,
                 on_wait: Callable[[int | None], None] | None) -> None:
        try:
            self.fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
        except OSError as exc:
            raise OutputError(f"{out_dir}: cannot write in this folder: "
                              f"{exc.strerror or exc}") from exc
        try:
            try:
                fcntl.flock(self.fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                holder = self._holder()
                if not wait:
                    raise Busy(out_dir, holder) from None
                if on_wait is not None:
                    on_wait(holder)
                fcntl.flock(self.fd, fcntl.LOCK_EX)
            os.ftruncate(self.fd, 0)
            os.pwrite(self.fd, f"{os.getpid()}\n".encode(), 0)
        except BaseException:
            os.close(self.fd)
            raise

    def _holder(self) -> int | None:
        # The holder writes its pid just after it takes the lock: give it a moment.
        for _ in range(20):
            text = os.pread(self.fd, 32, 0).decode("ascii", "replace").strip()
            if text.isdigit():
                return int(text)
            time.sleep(0.01)
        return None

    def release(self) -> None:
        with contextlib.suppress(OSError):
            os.ftruncate(self.fd, 0)
        os.close(self.fd)


# -- file-system steps --------------------------------------------------------------------

def _remove(path: Path) -> None:
    """Remove a file, link or folder (never following a link); nothing if absent."""
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    elif os.path.lexists(path):
        path.unlink()


def _link_or_copy(src: str, dst: str) -> None:
    try:
        os.link(src, dst)
    except OSError:  # a file system without hard links
        shutil.copy2(src, dst)


def _carry(src: Path, dst: Path) -> None:
    """Put `src` (a file or a folder, a link to one followed) at `dst`, as hard links."""
    if src.is_dir():
        shutil.copytree(src, dst, symlinks=True, copy_function=_link_or_copy)
    else:
        _link_or_copy(str(src.resolve()), str(dst))


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    except OSError as exc:
        if exc.errno != errno.EINVAL:  # a file system that cannot sync this kind of file
            raise OSError(exc.errno, exc.strerror, str(path)) from exc
    finally:
        os.close(fd)


def _syncfs(root: Path) -> bool:
    """Flush the whole file system holding `root` with one syncfs(2), where there is one."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        syncfs = libc.syncfs
    except (OSError, AttributeError):
        return False
    fd = os.open(root, os.O_RDONLY)
    try:
        if syncfs(fd) == 0:
            return True
        err = ctypes.get_errno()
        if err == errno.ENOSYS:
            return False
        raise OSError(err, os.strerror(err), str(root))
    finally:
        os.close(fd)


def _sync_tree(root: Path) -> None:
    """Flush every file and folder under `root` to disk, so that a power cut after the
    switch cannot leave the new generation's names pointing at empty files."""
    # One syncfs instead of an fsync per file: a site of 3,000 files took 10 s of fsyncs.
    if _syncfs(root):
        return
    for folder, dirs, files in os.walk(root):
        for name in files:
            if not os.path.islink(os.path.join(folder, name)):
                _fsync(Path(folder, name))
        for name in dirs:
            if not os.path.islink(os.path.join(folder, name)):
                _fsync(Path(folder, name))
    _fsync(root)


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(a: Path, b: Path) -> bool:
    """Swap two names in one step (renameat2 RENAME_EXCHANGE, Linux); False where the
    system or the file system cannot."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p,
                          ctypes.c_uint]
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):
        return False
    raise OSError(err, os.strerror(err), str(b))


def _links_work(state: Path) -> bool:
    """Whether the file system of `state` has symbolic links."""
    probe = state / "link-probe"
    _remove(probe)
    try:
        os.symlink(CURRENT, probe)
    except OSError as exc:
        if exc.errno in (errno.EPERM, errno.EOPNOTSUPP, errno.ENOTSUP, errno.ENOSYS, errno.EINVAL):
            return False
        raise
    probe.unlink()
    return True


def _generation(state: Path) -> Path | None:
    """The generation `current` points at, if it is there."""
    try:
        name = os.readlink(state / CURRENT)
    except OSError:
        return None
    folder = state / name
    return folder if _GENERATION.match(name) and folder.is_dir() else None


def _next_number(state: Path) -> int:
    numbers = [int(m.group(1)) for p in state.iterdir() if (m := _GENERATION.match(p.name))]
    return max(numbers, default=0) + 1


def _link_target(name: str) -> str:
    return f"{STATE}/{CURRENT}/{name}"


def _is_ours(visible: Path) -> bool:
    try:
        return os.readlink(visible) == _link_target(visible.name)
    except OSError:
        return False


def _prepare(out_dir: Path) -> Path:
    """The output folder, made if need be, and its state folder; OutputError if unusable."""
    if out_dir.is_symlink() and not out_dir.exists():
        raise OutputError(f"{out_dir}: a symbolic link to {os.readlink(out_dir)}, which does not "
                          "exist; make that folder or choose another with -o")
    if out_dir.exists() and not out_dir.is_dir():
        raise OutputError(f"{out_dir}: not a folder; choose another with -o")
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"{out_dir}: cannot make the folder: {exc.strerror or exc}") from exc
    state = out_dir / STATE
    if state.is_symlink() or (state.exists() and not state.is_dir()):
        raise OutputError(f"{state}: expected podium's own folder here; move this away")
    try:
        state.mkdir(exist_ok=True)
    except OSError as exc:
        raise OutputError(f"{out_dir}: cannot write in this folder: {exc.strerror or exc}") from exc
    return state


class Staging:
    """A build's hold on its output folder: the lock, and the new generation renderers write
    into (`path`). `commit` switches the folder to it in one step; `discard` lets go."""

    def __init__(self, out_dir: Path, *, wait: bool = True,
                 on_wait: Callable[[int | None], None] | None = None) -> None:
        self.out_dir = out_dir
        self.state = _prepare(out_dir)
        self._lock: _Lock | None = _Lock(self.state / LOCK, out_dir, wait, on_wait)
        self.owned: set[str] = set()
        """Outputs this build makes or, making none, removes: never carried over (`own`)."""
        try:
            self.previous = _generation(self.state)
            self._tidy()
            self.dir = self.state / f"g{_next_number(self.state):06d}"
            self.dir.mkdir()
        except BaseException:
            self._lock.release()
            raise

    def own(self, name: str) -> None:
        """This build makes the output `name` or, if it makes none, removes the last one
        (reprint/ when nothing changed any more), rather than carry it over."""
        self.owned.add(name)

    def path(self, name: str) -> Path:
        """Where a renderer writes the output that will be called `name`."""
        return self.dir / name

    def _tidy(self) -> None:
        """Remove what killed builds left: everything in .podium/ but the lock and the
        current generation, links of outputs that generation lacks, and old staging folders."""
        keep = {LOCK, CURRENT} | ({self.previous.name} if self.previous else set())
        current = self.state / CURRENT
        if current.exists() and not current.is_symlink():
            keep.discard(CURRENT)
        for entry in self.state.iterdir():
            if entry.name not in keep:
                _remove(entry)
        now = time.time()
        for entry in self.out_dir.iterdir():
            if _is_ours(entry) and not (self.previous and os.path.lexists(self.previous / entry.name)):
                entry.unlink()
            elif entry.name.startswith(_LEGACY) and entry.is_dir() and not entry.is_symlink() \
                    and now - entry.stat().st_mtime > _LEGACY_AGE:
                shutil.rmtree(entry, ignore_errors=True)

    def _install_link(self, name: str) -> None:
        """Make `out_dir/name` the link into `current`, in one rename (one exchange for a
        folder); whatever it was before is gone."""
        visible = self.out_dir / name
        link = self.state / f"link-{name}"
        _remove(link)
        os.symlink(_link_target(name), link)  # relative: it resolves once moved beside `name`
        if visible.is_dir() and not visible.is_symlink():
            old = link
            if not _exchange(link, visible):
                # No atomic exchange here: the folder is missing between these two renames.
                old = self.state / f"old-{name}"
                os.rename(visible, old)
                os.rename(link, visible)
            _remove(old)  # the old folder, its content adopted
        else:
            os.replace(link, visible)

    def _adopt(self, names: list[str]) -> None:
        """Outputs of these names that are not our links (plain files from an older podium, or
        put there by hand) move into the current generation, as hard links, and are replaced
        by links that show the same bytes: readers see no change until the switch."""
        foreign = [n for n in names if os.path.lexists(self.out_dir / n)
                   and not _is_ours(self.out_dir / n)]
        if not foreign:
            return
        into = self.previous
        if into is None:
            into = self.state / f"g{_next_number(self.state):06d}"
            into.mkdir()
        for name in foreign:
            _remove(into / name)
            if (self.out_dir / name).exists():
                _carry(self.out_dir / name, into / name)
        if self.previous is None:
            self._point_current_at(into)
            self.previous = into
        for name in foreign:
            self._install_link(name)

    def _point_current_at(self, generation: Path) -> None:
        new = self.state / "current.new"
        _remove(new)
        os.symlink(generation.name, new)
        os.replace(new, self.state / CURRENT)
        _fsync(self.state)

    def commit(self) -> None:
        checkpoint("rendered")
        if not _links_work(self.state):
            self._commit_in_place()
            return
        built = sorted(p.name for p in self.dir.iterdir())
        carried = []
        if self.previous is not None:
            for old in sorted(self.previous.iterdir()):
                if not os.path.lexists(self.dir / old.name) and old.name not in self.owned:
                    _carry(old, self.dir / old.name)
                    carried.append(old.name)
        checkpoint("carried")
        _sync_tree(self.dir)
        checkpoint("synced")
        self._adopt(built)
        checkpoint("adopted")
        for name in built + carried:
            if not os.path.lexists(self.out_dir / name):
                self._install_link(name)  # a new output: its link dangles until the switch
        _fsync(self.out_dir)
        checkpoint("linked")
        self._point_current_at(self.dir)
        checkpoint("switched")
        for name in sorted(self.owned.difference(built)):
            if _is_ours(self.out_dir / name):
                (self.out_dir / name).unlink()  # its link, which now leads nowhere
        for entry in self.state.iterdir():
            if entry.name not in (LOCK, CURRENT, self.dir.name):
                _remove(entry)
        checkpoint("cleaned")

    def _commit_in_place(self) -> None:
        """Where no link can be made (FAT, exFAT, some network shares): each output is moved
        into place by one rename (a folder by one exchange where the system has it), one
        after the other. Each output is whole, old or new, but for a moment (or after a kill
        in between) some are old and some new."""
        _sync_tree(self.dir)
        checkpoint("synced")
        for staged in sorted(self.dir.iterdir()):
            visible = self.out_dir / staged.name
            if visible.is_dir() and not visible.is_symlink():
                aside = self.state / f"old-{staged.name}"
                if not _exchange(staged, visible):
                    os.rename(visible, aside)
                    os.rename(staged, visible)
                    staged = aside
                _remove(staged)  # the old folder, now out of sight
            else:
                os.replace(staged, visible)
        for name in sorted(self.owned):
            if not os.path.lexists(self.dir / name):
                _remove(self.out_dir / name)
        _fsync(self.out_dir)
        checkpoint("switched")
        _remove(self.dir)
        checkpoint("cleaned")

    def discard(self) -> None:
        """Delete the new generation unless it became the current one; release the lock."""
        if self._lock is None:
            return
        try:
            if _generation(self.state) != self.dir:
                shutil.rmtree(self.dir, ignore_errors=True)
        finally:
            self._lock.release()
            self._lock = None


class Scratch:
    """Where serve renders a slow output while a build of the quick ones holds the lock: a
    folder of the output folder, named like the old staging folders (so that a build removes
    it once an hour old, if a killed serve left it); `commit` moves what was rendered into a
    new generation, committed as a build commits its own."""

    def __init__(self, out_dir: Path) -> None:
        self.out_dir = out_dir
        _prepare(out_dir)
        self.dir = Path(tempfile.mkdtemp(prefix=f"{_LEGACY}serve-", dir=out_dir))

    def path(self, name: str) -> Path:
        return self.dir / name

    def commit(self, written: list[Written]) -> list[Written]:
        """Switch the output folder to a generation that has `written` (rendered here) in
        place of the older versions; the outputs at their final places."""
        final = []
        with staged(self.out_dir) as stage:
            for w in written:
                name = w.path.relative_to(self.dir)
                target = stage.dir / name
                target.parent.mkdir(parents=True, exist_ok=True)
                os.replace(w.path, target)
                final.append(dataclasses.replace(w, path=self.out_dir / name))
        return final

    def remove(self) -> None:
        shutil.rmtree(self.dir, ignore_errors=True)


@contextmanager
def staged(out_dir: Path, *, wait: bool = True,
           on_wait: Callable[[int | None], None] | None = None) -> Iterator[Staging]:
    """Lock `out_dir` and stage outputs; commit them all if the block succeeds, leave the
    folder as it was if not. With `wait` false, raise `Busy` rather than wait for the lock
    (`on_wait` is told the pid of its holder once, before waiting)."""
    stage = Staging(out_dir, wait=wait, on_wait=on_wait)
    try:
        yield stage
        stage.commit()
    finally:
        stage.discard()
