"""Failures of the environment, the file system and the user's templates: each one line
(`podium: ...`), exit 2, no traceback, the output folder as it was; and files an agenda names
stay inside its folder unless --allow-outside."""

from __future__ import annotations

import ctypes
import errno
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from tests.conftest import ROOT
from tests.test_errors import GOOD

import podium.pipeline as pipeline
from podium import output
from podium.cli import main
from podium.context import BuildContext
from podium.output import Written, atomic_write_bytes


def _files(ctx: BuildContext) -> list[Written]:
    for name in ("a.pdf", "b.pdf"):
        atomic_write_bytes(ctx.out(name), f"new {name}".encode())
    return [Written(ctx.out("a.pdf")), Written(ctx.out("b.pdf"))]


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """tmp_path as the current folder, with the small agenda in it."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "agenda.yaml").write_text(GOOD, encoding="utf-8")
    return tmp_path


def build(*args: str) -> Result:
    return CliRunner().invoke(main, ["build", *args])


def one_line(result: Result) -> str:
    """The one message of a failed build (exit 2, no traceback), without the `podium: `."""
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("podium: "), lines
    return lines[0].removeprefix("podium: ")


# -- disk full --------------------------------------------------------------------------------

def _full_disk(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every atomic write lands on /dev/full, where write(2) fails with ENOSPC: a real full
    disk, as the kernel reports it."""
    real = tempfile.mkstemp

    def mkstemp(prefix: str, suffix: str, dir: Path) -> tuple[int, str]:
        fd, path = real(prefix=prefix, suffix=suffix, dir=dir)
        os.dup2(os.open("/dev/full", os.O_WRONLY), fd)
        return fd, path

    monkeypatch.setattr(output.tempfile, "mkstemp", mkstemp)


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full to fill")
def test_disk_full_in_an_atomic_write(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pipeline, "RENDERERS", {"files": _files})
    assert build().exit_code == 0
    before = {p: p.read_bytes() for p in (folder / "build").glob("*.pdf")}
    _full_disk(monkeypatch)
    assert one_line(build()) == f"{Path('build/a.pdf')}: No space left on device"
    assert {p: p.read_bytes() for p in (folder / "build").glob("*.pdf")} == before
    assert sorted(p.name for p in (folder / "build/.podium").iterdir()) == ["current", "g000001", "lock"]


def test_disk_full_while_the_site_is_written(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The site's files are plain writes: a full disk there names no file (write(2) does not)."""
    real = Path.write_bytes

    def write_bytes(self: Path, data: bytes) -> int:
        if ".podium" in self.parts:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real(self, data)

    monkeypatch.setattr(Path, "write_bytes", write_bytes)
    assert one_line(build("--only", "site")) == "building into build: No space left on device"
    assert [p.name for p in (folder / "build/.podium").iterdir()] == ["lock"]


def test_disk_full_when_flushing_the_new_outputs(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pipeline, "RENDERERS", {"files": _files})

    def syncfs(root: Path) -> bool:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(root))

    monkeypatch.setattr(output, "_syncfs", syncfs)
    assert one_line(build()).endswith(": No space left on device")
    assert not (folder / "build/a.pdf").exists()


def test_disk_full_when_flushing_file_by_file(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Where there is no syncfs(2), every file is flushed on its own; a failure there too."""
    monkeypatch.setattr(pipeline, "RENDERERS", {"files": _files})
    monkeypatch.setattr(output, "_syncfs", lambda root: False)
    calls = []

    def fsync(fd: int) -> None:
        calls.append(fd)
        if len(calls) > 2:  # the renderers' own two writes pass; the commit's flush fails
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(output.os, "fsync", fsync)
    assert one_line(build()).endswith(": No space left on device")
    assert not (folder / "build/a.pdf").exists()


# -- the output folder ------------------------------------------------------------------------

def test_output_on_a_dangling_link(folder: Path) -> None:
    (folder / "out").symlink_to(folder / "gone")
    assert one_line(build("-o", "out")) == (
        f"out: a symbolic link to {folder / 'gone'}, which does not exist; make that folder or "
        "choose another with -o")


def test_output_under_a_file(folder: Path) -> None:
    (folder / "plain").write_text("x", encoding="utf-8")
    assert one_line(build("-o", "plain/out")) == "plain/out: cannot make the folder: Not a directory"


def _as_plain_root() -> None:
    """Root without CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH (dropped from the bounding set
    before exec): permissions apply to it as to anyone."""
    libc = ctypes.CDLL(None, use_errno=True)
    for cap in (1, 2):
        if libc.prctl(24, cap, 0, 0, 0) != 0:  # PR_CAPBSET_DROP
            raise OSError(ctypes.get_errno(), "cannot drop a capability")


def test_output_folder_without_write_permission(folder: Path) -> None:
    """chmod 0o500 stops anyone but root; as root, the build runs without the capabilities
    that let root write anywhere."""
    (folder / "out").mkdir()
    (folder / "out").chmod(0o500)
    script = "from podium.cli import main; main(['build', '-o', 'out', '--only', 'site'])"
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    demote = _as_plain_root if os.geteuid() == 0 else None
    try:
        probe = subprocess.run([sys.executable, "-c", "open('out/x', 'w')"], cwd=folder, env=env,
                               preexec_fn=demote, capture_output=True, text=True)
    except subprocess.SubprocessError as exc:
        pytest.skip(f"running as root, and cannot drop root's capabilities here: {exc}")
    if probe.returncode == 0:
        pytest.skip("this process can write into a folder of mode 0o500")
    try:
        run = subprocess.run([sys.executable, "-c", script], cwd=folder, env=env, preexec_fn=demote,
                             capture_output=True, text=True)
    finally:
        (folder / "out").chmod(0o755)
    lines = [line for line in run.stderr.splitlines() if "warning:" not in line]
    assert run.returncode == 2, run.stderr
    assert lines == ["podium: out: cannot write in this folder: Permission denied"]
    assert list((folder / "out").iterdir()) == []


def test_source_date_epoch_that_is_not_a_number(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "abc")
    assert one_line(build()) == "SOURCE_DATE_EPOCH must be a whole number of seconds since 1970, not 'abc'"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "-5")
    assert one_line(build()) == "SOURCE_DATE_EPOCH must be between 0 and 253402300799 (1970 to 9999), not -5"
    assert not (folder / "build").exists()


def test_agenda_that_cannot_be_read(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = Path.read_bytes

    def read_bytes(self: Path) -> bytes:
        if self.name == "agenda.yaml":
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(self))
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    for command in ("check", "build"):
        result = CliRunner().invoke(main, [command])
        assert one_line(result) == "agenda.yaml: Permission denied"


# -- templates -----------------------------------------------------------------------------

SITE_PAGE = "templates/site/index.html.j2"


def _template(folder: Path, text: str, name: str = SITE_PAGE) -> None:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_template_with_a_syntax_error(folder: Path) -> None:
    _template(folder, "<html>\n<p>{{ event.title }}</p>\n{% if %}\n")
    assert one_line(build("--only", "site")) == (
        f"{Path(SITE_PAGE)}:3: template syntax error: Expected an expression, got 'end of statement block'")
    assert not (folder / "build/site").exists()


def test_template_with_an_undefined_name(folder: Path) -> None:
    _template(folder, "<html>\n<p>{{ event.title }}</p>\n<p>{{ evnet.title }}</p>\n")
    assert one_line(build("--only", "site")) == f"{Path(SITE_PAGE)}:3: template error: 'evnet' is undefined"


def test_undefined_name_in_an_included_template(folder: Path) -> None:
    _template(folder, "<html>\n{% include 'site/part.html' %}\n")
    _template(folder, "one\ntwo {{ event.nothing_here }}\n", "templates/site/part.html")
    message = one_line(build("--only", "site"))
    assert message.startswith(f"{Path('templates/site/part.html')}:2: template error: ")
    assert "has no attribute 'nothing_here'" in message


def test_booklet_template_errors_are_one_line_too(folder: Path) -> None:
    _template(folder, "{% extends 'booklet.html.j2' %}{% block nope %}{{ missing }}{% endblock %}\n"
              "{% for %}\n", "templates/booklet.html.j2")
    assert one_line(build("--only", "booklet")).startswith(
        f"{Path('templates/booklet.html.j2')}:2: template syntax error: ")


def test_include_that_climbs_out_of_the_templates(folder: Path) -> None:
    (folder / "secret.txt").write_text("the secret", encoding="utf-8")
    _template(folder, "<html>\n\n{% include '../../secret.txt' %}\n")
    assert one_line(build("--only", "site")) == (
        f"{Path(SITE_PAGE)}:3: template error: template '../../secret.txt' is outside the template "
        "folders ('..' is not allowed in a template name)")


def test_template_link_that_points_outside(folder: Path) -> None:
    (folder / "secret.html").write_text("the secret {{ event.title }}", encoding="utf-8")
    _template(folder, "<html>\n{% include 'site/part.html' %}\n")
    (folder / "templates/site/part.html").symlink_to(folder / "secret.html")
    assert one_line(build("--only", "site")) == (
        f"{Path(SITE_PAGE)}:2: template error: template {Path('templates/site/part.html')} is a link to "
        f"{(folder / 'secret.html').resolve()}, outside the template folder templates")
    # The page itself a link: refused before anything is read.
    (folder / SITE_PAGE).unlink()
    (folder / SITE_PAGE).symlink_to(folder / "secret.html")
    assert "is a link to" in one_line(build("--only", "site"))
    # A link that stays inside the folder is fine.
    (folder / SITE_PAGE).unlink()
    _template(folder, "<html>{{ event.title }}\n", "templates/site/real.html.j2")
    (folder / SITE_PAGE).symlink_to("real.html.j2")
    assert build("--only", "site").exit_code == 0
    assert "Test Conference" in (folder / "build/site/index.html").read_text(encoding="utf-8")


# -- files the agenda names ---------------------------------------------------------------------

CSV = "name,category\nAnn Lee,Press\n"


def _agenda(folder: Path, extra: str) -> None:
    (folder / "agenda.yaml").write_text(GOOD + extra, encoding="utf-8")


def _check(*args: str) -> Result:
    return CliRunner().invoke(main, ["check", *args])


@pytest.mark.parametrize("where", ["../outside.csv", "ABSOLUTE", "link.csv"])
def test_attendees_outside_the_agenda_folder(where: str, tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "event"
    folder.mkdir()
    monkeypatch.chdir(folder)
    (tmp_path / "outside.csv").write_text(CSV, encoding="utf-8")
    (folder / "link.csv").symlink_to(tmp_path / "outside.csv")
    rel = str(tmp_path / "outside.csv") if where == "ABSOLUTE" else where
    _agenda(folder, f"attendees: {rel}\n")
    result = _check()
    assert result.exit_code == 2
    how = f"'{rel}' leads to {tmp_path / 'outside.csv'}," if where == "link.csv" else f"'{rel}' is"
    assert result.output.splitlines()[0] == (
        f"agenda.yaml:25:12: attendees: {how} outside the agenda's folder ({folder.resolve()}); "
        "put the file there, or give --allow-outside to read files anywhere")
    allowed = _check("--allow-outside")
    assert allowed.exit_code == 0, allowed.output
    assert "1 attendee\n" in allowed.output


def test_reading_etc_passwd_as_attendees_is_refused(folder: Path) -> None:
    _agenda(folder, "attendees: ../../../../../../etc/passwd\n")
    result = build()
    assert result.exit_code == 2
    assert "attendees: '../../../../../../etc/passwd' is outside the agenda's folder" in result.output
    assert "root:" not in result.output
    assert not (folder / "build").exists()


def test_attendees_inside_the_folder_by_a_detour(folder: Path) -> None:
    (folder / "lists").mkdir()
    (folder / "lists/a.csv").write_text(CSV, encoding="utf-8")
    _agenda(folder, "attendees: lists/../lists/a.csv\n")
    assert _check().exit_code == 0


@pytest.mark.parametrize("logo", ["/etc/hostname", "../logo.png"])
def test_logo_outside_the_agenda_folder(logo: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "event"
    folder.mkdir()
    monkeypatch.chdir(folder)
    _agenda(folder, f"print:\n  logo: {logo}\n")
    result = _check()
    assert result.exit_code == 2
    assert result.output.splitlines()[0] == (
        f"agenda.yaml:26:9: print.logo: '{logo}' is outside the agenda's folder ({folder.resolve()}); "
        "put the file there, or give --allow-outside to read files anywhere")
    # Allowed outside, the file is still checked as an image (/etc/hostname is none; the
    # other is not there).
    allowed = _check("--allow-outside")
    assert allowed.exit_code == 2 and "outside" not in allowed.output
    assert allowed.output.startswith(f"agenda.yaml:26:9: print.logo: '{logo}' is not a PNG, "
                                     "JPEG or SVG image" if logo.startswith("/") else
                                     f"agenda.yaml:26:9: print.logo: logo file '{logo}' not found")


def test_build_allow_outside_reads_a_logo_elsewhere(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from PIL import Image

    folder = tmp_path / "event"
    folder.mkdir()
    monkeypatch.chdir(folder)
    Image.new("RGB", (300, 100), (20, 60, 120)).save(tmp_path / "logo.png")
    _agenda(folder, "print:\n  logo: ../logo.png\n")
    assert build("--only", "signs").exit_code == 2
    result = build("--only", "signs", "--allow-outside")
    assert result.exit_code == 0, result.output
    assert (folder / "build/door-signs.pdf").stat().st_size > 0


def test_allow_outside_is_documented() -> None:
    for command in ("check", "build"):
        assert "--allow-outside" in CliRunner().invoke(main, [command, "--help"]).output
    assert "--no-wait" in CliRunner().invoke(main, ["build", "--help"]).output
