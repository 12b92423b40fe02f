"""`podium serve` as an organiser uses it: a new event from `podium init`, edited while the
server runs; only the outputs an edit touches are rewritten, a broken edit keeps the last good
outputs and shows its errors in the page, Ctrl-C stops it."""

from __future__ import annotations

import errno
import io
import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader
from tests.conftest import ROOT

from podium.context import BuildContext
from podium.load import load
from podium.output import Written
from podium.renderers import RENDERERS
from podium.serve.deps import fingerprints, touched
from podium.serve.session import Outcome, Session

DAY = "/days/2027-05-20.html"
"""The starter's day page, which lists its sessions."""
OUTPUTS = ("programme.pdf", "programme-imposed.pdf", "badges.pdf", "door-signs.pdf",
           "site/days/2027-05-20.html")


class Served:
    def __init__(self, folder: Path, proc: subprocess.Popen[str], url: str) -> None:
        self.folder, self.proc, self.url = folder, proc, url
        self.agenda = folder / "agenda.yaml"

    def get(self, path: str) -> bytes:
        with urllib.request.urlopen(self.url + path.lstrip("/"), timeout=30) as r:
            data: bytes = r.read()
            return data

    def state(self) -> dict[str, object]:
        value: dict[str, object] = json.loads(self.get("_podium/state"))
        return value

    def stamps(self) -> dict[str, int]:
        return {n: os.stat(self.folder / "build" / n).st_mtime_ns for n in OUTPUTS}

    def edit(self, old: str, new: str, file: str = "agenda.yaml") -> dict[str, object]:
        """Make the edit and wait until the rebuild it starts is done."""
        before = self.state()["version"]
        path = self.folder / file
        text = path.read_text(encoding="utf-8")
        assert old in text
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            state = self.state()
            if state["version"] != before and not state["building"]:
                return state
            time.sleep(0.05)
        raise AssertionError("no rebuild within 60 s")


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    folder = tmp_path_factory.mktemp("event")
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    subprocess.run([sys.executable, "-m", "podium", "init", str(folder)], check=True, env=env,
                   capture_output=True)
    proc = subprocess.Popen([sys.executable, "-m", "podium", "serve", "--port", "0"],
                            cwd=folder, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)
    assert proc.stdout is not None
    line = proc.stdout.readline()
    m = re.match(r"serving (http://127\.0\.0\.1:\d+/) ", line)
    assert m, (line, proc.stderr.read() if proc.poll() is not None else "")
    yield Served(folder, proc, m.group(1))
    if proc.poll() is None:
        proc.kill()
        proc.wait()


def test_the_site_and_the_previews_are_served(served: Served) -> None:
    page = served.get("/").decode()
    assert "Open Data for Cities" in page and "/_podium/live.js" in page
    assert "unregister" in served.get("/sw.js").decode()  # no cached pages while editing
    # The file on disk is the site as published: the reload script is added as it is sent.
    assert "_podium" not in (served.folder / "build/site/index.html").read_text(encoding="utf-8")
    preview = served.get("/_podium/").decode()
    for name in ("programme.pdf", "programme-imposed.pdf", "badges.pdf", "door-signs.pdf"):
        assert f"{name}</a>:" in preview
    src = re.search(r'src="(/_podium/page/door-signs\.pdf/1\.png\?v=\w+)"', preview)
    assert src
    image = Image.open(io.BytesIO(served.get(src.group(1))))
    assert image.format == "PNG" and image.width == 560 and image.width > image.height  # landscape


def test_a_title_edit_rewrites_the_site_booklet_and_signs_not_the_badges(served: Served) -> None:
    before = served.stamps()
    state = served.edit("title: Tools for Small Teams", "title: Tools for Very Small Teams")
    assert state["errors"] == []
    after = served.stamps()
    changed = {n for n in OUTPUTS if after[n] != before[n]}
    assert changed == {"programme.pdf", "programme-imposed.pdf", "door-signs.pdf",
                       "site/days/2027-05-20.html"}
    assert "Tools for Very Small Teams" in served.get(DAY).decode()


def test_an_attendee_edit_rewrites_only_the_badges(served: Served) -> None:
    before = served.stamps()
    served.edit("Jonas Berg", "Jonas Bergström", file="attendees.csv")
    after = served.stamps()
    assert {n for n in OUTPUTS if after[n] != before[n]} == {"badges.pdf"}


def test_a_broken_edit_keeps_the_outputs_and_shows_the_error(served: Served) -> None:
    before = served.stamps()
    kept = (served.folder / "build/programme.pdf").read_bytes()
    state = served.edit("  timezone: Europe/Lisbon", "  timezon: Europe/Lisbon")
    assert state["errors"] == [
        "agenda.yaml:13:3: event.timezon: unknown key 'timezon'; did you mean 'timezone'?"]
    assert served.stamps() == before
    assert (served.folder / "build/programme.pdf").read_bytes() == kept
    page = served.get(DAY).decode()
    assert '<pre id="podium-errors"' in page and "did you mean &#x27;timezone&#x27;" in page
    assert "Tools for Very Small Teams" in page  # the last good site, under the errors
    # Fixed again: the inputs are those of the outputs on disk, so nothing is rebuilt.
    state = served.edit("  timezon: Europe/Lisbon", "  timezone: Europe/Lisbon")
    assert state["errors"] == [] and served.stamps() == before
    assert "podium-errors" not in served.get(DAY).decode()


def test_the_long_poll_answers_when_a_rebuild_is_done(served: Served) -> None:
    seen = served.state()["version"]
    assert json.loads(served.get(f"/_podium/wait?v={int(str(seen)) - 1}"))["version"] == seen


def test_in_chromium_pages_reload_and_previews_follow(served: Served) -> None:
    from tests.browsing import CHROMIUM_FLAGS, chromium_path

    executable = chromium_path()
    if executable is None:
        pytest.skip("chromium not installed: apt-get install -y chromium")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        page.goto(served.url + "_podium/")
        page.frame_locator("iframe").locator("text=Open Data for Cities").first.wait_for()
        first_src = page.locator('img[alt^="door-signs.pdf"]').first.get_attribute("src")
        page.wait_for_function("() => [...document.images].slice(0, 3).every("
                               "i => i.complete && i.naturalWidth > 0)")
        day = browser.new_page()
        day.goto(served.url + DAY.lstrip("/"))
        day.locator("text=What a City Should Publish").first.wait_for()
        served.edit("title: What a City Should Publish", "title: What Cities Should Publish")
        day.locator("text=What Cities Should Publish").first.wait_for(timeout=30_000)
        page.wait_for_function(f"() => document.querySelector('img[alt^=\"door-signs.pdf\"]')"
                               f".getAttribute('src') !== {json.dumps(first_src)}", timeout=30_000)
        served.edit("  timezone: Europe/Lisbon", "  timezon: Europe/Lisbon")
        day.locator("#podium-errors").wait_for(timeout=30_000)
        assert "did you mean 'timezone'?" in day.locator("#podium-errors").inner_text()
        assert day.locator("text=What Cities Should Publish").first.is_visible()
        page.frame_locator("iframe").locator("#podium-errors").wait_for(timeout=30_000)
        served.edit("  timezon: Europe/Lisbon", "  timezone: Europe/Lisbon")
        day.locator("#podium-errors").wait_for(state="detached", timeout=30_000)
        browser.close()


def test_ctrl_c_stops_the_server(served: Served) -> None:
    served.proc.send_signal(signal.SIGINT)
    _, err = served.proc.communicate(timeout=30)
    assert served.proc.returncode == 130
    assert "stopped serving; the outputs in build are from the last good build" in err
    assert "Traceback" not in err, err


def test_fingerprints_follow_what_each_renderer_reads(tmp_path: Path) -> None:
    subprocess.run([sys.executable, "-m", "podium", "init", str(tmp_path)], check=True,
                   env={**os.environ, "PYTHONPATH": str(ROOT / "src")}, capture_output=True)
    agenda = tmp_path / "agenda.yaml"
    first = fingerprints(load(agenda), RENDERERS)
    text = agenda.read_text(encoding="utf-8")

    def after(old: str, new: str) -> list[str]:
        agenda.write_text(text.replace(old, new, 1), encoding="utf-8")
        return touched(first, fingerprints(load(agenda), RENDERERS))

    assert after("badge_stock: a6-4up-a4", "badge_stock: avery-5392") == ["badges", "reprint"]
    assert after("paper: A5", "paper: A4") == ["booklet"]
    assert after("name: Studio B", "name: Studio C") == [n for n in RENDERERS if n != "badges"]
    assert after("name: Ana Silva", "name: Ana Sousa") == list(RENDERERS)
    # Badges with backs list the sessions: then a title is theirs too.
    agenda.write_text(text + "  badge_double_sided: true\n", encoding="utf-8")
    backs = fingerprints(load(agenda), RENDERERS)
    agenda.write_text(text.replace("Tools for Small", "Tools for Tiny") +
                      "  badge_double_sided: true\n", encoding="utf-8")
    assert touched(backs, fingerprints(load(agenda), RENDERERS)) == list(RENDERERS)
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "booklet.css").write_text("body {}", encoding="utf-8")
    agenda.write_text(text, encoding="utf-8")
    assert touched(first, fingerprints(load(agenda), RENDERERS)) == ["booklet"]


def test_a_print_run_recorded_beside_serve_rebuilds_what_marks_changes(tmp_path: Path) -> None:
    """`podium printed` while serve runs: the site's marks and reprint/ follow the new record;
    nothing else is rebuilt, and serve watches the record file."""
    from podium.changes.record import record_path
    from podium.serve.session import Session

    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "SOURCE_DATE_EPOCH": "1733000000"}
    subprocess.run([sys.executable, "-m", "podium", "init", str(tmp_path)], check=True, env=env,
                   capture_output=True)
    agenda = tmp_path / "agenda.yaml"
    first = fingerprints(load(agenda), RENDERERS)
    subprocess.run([sys.executable, "-m", "podium", "printed", "-q", str(agenda)], check=True,
                   env=env, capture_output=True)
    assert record_path(agenda).is_file()
    assert touched(first, fingerprints(load(agenda), RENDERERS)) == ["site", "reprint"]
    session = Session(agenda, tmp_path / "build")
    assert record_path(agenda).resolve() in session.watched()


def pdf_text(pdf: Path) -> str:
    return " ".join(" ".join((p.extract_text() or "").split()) for p in PdfReader(pdf).pages)


def _started(tmp_path: Path) -> tuple[Path, Session]:
    """A new event from `podium init`, built once by a serve session."""
    subprocess.run([sys.executable, "-m", "podium", "init", str(tmp_path)], check=True,
                   env={**os.environ, "PYTHONPATH": str(ROOT / "src")}, capture_output=True)
    session = Session(tmp_path / "agenda.yaml", tmp_path / "build")
    assert session.rebuild().errors == []
    return tmp_path / "agenda.yaml", session


def _retitle(agenda: Path, old: str, new: str) -> None:
    agenda.write_text(agenda.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")


def test_the_quick_outputs_are_shown_while_the_booklet_renders(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    agenda, session = _started(tmp_path)
    out = tmp_path / "build"
    go, begun = tmp_path / "go", tmp_path / "booklet-begun"
    booklet, signs = RENDERERS["booklet"], RENDERERS["signs"]

    def wait_for(path: Path) -> bool:
        deadline = time.monotonic() + 60
        while not path.exists() and time.monotonic() < deadline:
            time.sleep(0.02)
        return path.exists()

    def held_booklet(ctx: BuildContext) -> list[Written]:
        # Runs in the booklet's own process: it may finish only once the test has looked.
        begun.touch()
        wait_for(go)
        return booklet(ctx)

    def signs_once_the_booklet_began(ctx: BuildContext) -> list[Written]:
        # The booklet does not wait for the quick outputs: it is rendering before they are.
        assert wait_for(begun), "the booklet had not begun while the signs were built"
        return signs(ctx)

    monkeypatch.setitem(RENDERERS, "booklet", held_booklet)
    monkeypatch.setitem(RENDERERS, "signs", signs_once_the_booklet_began)
    booklet_before = (out / "programme.pdf").read_bytes()
    seen = session.version
    _retitle(agenda, "title: Tools for Small Teams", "title: Tools for Very Small Teams")
    outcome: list[Outcome] = []
    worker = threading.Thread(target=lambda: outcome.append(session.rebuild()))
    worker.start()
    try:
        seen = session.wait(seen, timeout=60)
        assert session.building  # shown while the booklet is still rendering
        assert "Tools for Very Small Teams" in (out / "site" / DAY.lstrip("/")).read_text(
            encoding="utf-8")
        assert "Tools for Very Small Teams" in pdf_text(out / "door-signs.pdf")
        assert (out / "programme.pdf").read_bytes() == booklet_before
        # Ctrl-C now would say what this edit has already rebuilt, and what it has not.
        done, _, kept = session.interrupted().partition(" rebuilt from this edit; ")
        assert "site" in done.split(", ") and "signs" in done.split(", ")
        assert kept.startswith("booklet, participants") and "kept from the last good" in kept
    finally:
        go.touch()
        worker.join(120)
    assert outcome and outcome[0].errors == []
    assert "Tools for Very Small Teams" in pdf_text(out / "programme.pdf")
    assert "Tools for Very Small Teams" in pdf_text(out / "programme-imposed.pdf")
    assert not list(out.glob(".podium-*"))  # the scratch folder is gone


def test_a_failing_booklet_keeps_the_last_good_booklet(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    agenda, session = _started(tmp_path)
    out = tmp_path / "build"

    def full_disk(ctx: BuildContext) -> list[Written]:
        (ctx.out("programme.pdf")).write_bytes(b"half a booklet")
        raise OSError(errno.ENOSPC, "No space left on device", str(ctx.out("programme.pdf")))

    monkeypatch.setitem(RENDERERS, "booklet", full_disk)
    kept = {n: (out / n).read_bytes() for n in ("programme.pdf", "programme-imposed.pdf")}
    _retitle(agenda, "title: Tools for Small Teams", "title: Tools for Very Small Teams")
    outcome = session.rebuild()
    assert outcome.errors == [f"{out / 'programme.pdf'}: No space left on device"]
    assert session.errors == outcome.errors and not session.building
    assert {n: (out / n).read_bytes() for n in kept} == kept
    assert "Tools for Very Small Teams" in pdf_text(out / "door-signs.pdf")  # committed before
    assert not list(out.glob(".podium-*"))
    # The booklet is owed, and the list of participants stopped with it: once the booklet
    # renders again, the next save rebuilds those two only.
    monkeypatch.undo()
    outcome = session.rebuild()
    assert outcome.errors == [] and outcome.rebuilt == ["booklet", "participants"]
    assert "Tools for Very Small Teams" in pdf_text(out / "programme.pdf")
