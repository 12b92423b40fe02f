"""Writing stage: atomic, all-or-nothing output and the fixed build date for reproducible files."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from podium.model import Agenda


def build_epoch(agenda: Agenda) -> int:
    """The timestamp written into outputs: SOURCE_DATE_EPOCH if set, else the first day at
    midnight UTC. Never the clock, so the same agenda gives the same bytes."""
    env = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if env:
        try:
            return int(env)
        except ValueError as exc:
            raise ValueError(f"SOURCE_DATE_EPOCH must be a whole number of seconds, not '{env}'") from exc
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
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


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


class Staging:
    """A scratch folder inside the output folder. Renderers write there; `commit` moves each
    output into place with a rename, and only once every renderer has succeeded."""

    def __init__(self, out_dir: Path) -> None:
        out_dir.mkdir(parents=True, exist_ok=True)
        self.out_dir = out_dir
        self.dir = Path(tempfile.mkdtemp(prefix=".podium-", dir=out_dir))

    def path(self, name: str) -> Path:
        """Where a renderer writes the output that will be called `name`."""
        return self.dir / name

    def commit(self) -> None:
        for staged in sorted(self.dir.iterdir()):
            final = self.out_dir / staged.name
            if staged.is_dir():
                # A folder cannot be swapped in one rename: move the old one aside first.
                old = None
                if final.exists():
                    old = self.dir / f".old-{staged.name}"
                    os.replace(final, old)
                os.replace(staged, final)
                if old is not None:
                    shutil.rmtree(old)
            else:
                os.chmod(staged, 0o644)
                os.replace(staged, final)

    def discard(self) -> None:
        shutil.rmtree(self.dir, ignore_errors=True)


@contextmanager
def staged(out_dir: Path) -> Iterator[Staging]:
    """Stage outputs; commit them all if the block succeeds, leave the folder untouched if not."""
    stage = Staging(out_dir)
    try:
        yield stage
        stage.commit()
    finally:
        stage.discard()
