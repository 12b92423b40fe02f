"""Fuzzing: seeded random agendas and attendee CSVs through `load()` (what `podium check` runs),
and those it accepts through the renderers.

`load()` may accept a case or raise AgendaError; anything else fails, and so does a case
that runs past HANG seconds, an AgendaError with no problem or a problem with no line, and
a message that quotes a character no terminal should get. A build may raise AgendaError
with positioned problems, nothing else.

The default sizes take about a minute; PODIUM_FUZZ=full runs 10,000 agendas, 2,000 CSVs
and 500 builds (50 with the booklet). A failure names the seed; `fuzzing.agenda_case(seed)`
(or `csv_case`, `valid_agenda_case`) gives the case back.
"""

from __future__ import annotations

import os
import shutil
import signal
import time
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType

import pytest
import yaml
from tests import fuzzing
from tests.test_errors import GOOD

from podium import controls
from podium.fonts import bundled
from podium.load import Programme, load
from podium.pipeline import build
from podium.problems import AgendaError
from podium.renderers.site import webfonts
from podium.yamlsource import _pure_error, _syntax

FULL = os.environ.get("PODIUM_FUZZ") == "full"
AGENDAS = 10_000 if FULL else 4_000
CSVS = 2_000 if FULL else 800
BUILDS = 500 if FULL else 60
BOOKLETS = 50 if FULL else 6
HANG = 20.0
"""Seconds one case may take: a real small agenda loads in milliseconds, builds in one."""

FONTS = bundled()

KNOWN: dict[str, str] = {}
"""Crashes in renderer code not yet fixed, by a line of their traceback: counted, not failed
(each with an xfail test below holding the smallest input that shows it). Empty now: the one
found (a title with a line break broke agenda.ics) is fixed and tested below."""


class Hang(Exception):
    pass


@contextmanager
def deadline(seconds: float) -> Iterator[None]:
    def alarm(_signum: int, _frame: FrameType | None) -> None:
        raise Hang

    old = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def loaded(path: Path) -> tuple[Programme | None, str | None]:
    """(the programme, or None if refused; what is wrong with how it went, or None)."""
    start = time.perf_counter()
    try:
        with deadline(HANG):
            return load(path, fonts=FONTS), None
    except Hang:
        return None, f"still running after {HANG} s"
    except AgendaError as exc:
        if not exc.problems:
            return None, "AgendaError without a problem"
        for p in exc.problems:
            if not isinstance(p.line, int) or p.line < 1:
                return None, f"a problem without a line: {p!r}"
            if controls.FORBIDDEN.search(str(p).replace("\r", "")):
                return None, f"a message quotes a forbidden character: {p!r}"
        return None, None
    except Exception:
        return None, f"{traceback.format_exc()}(after {time.perf_counter() - start:.1f} s)"


def report(failures: list[tuple[int, str]], how: str) -> str:
    head = f"{len(failures)} failing cases; reproduce with tests.fuzzing.{how}(seed)\n"
    return head + "\n".join(f"seed {seed}: {what}" for seed, what in failures[:5])


def test_agendas_load_or_are_refused_with_positions(tmp_path: Path) -> None:
    path = tmp_path / "agenda.yaml"
    failures = []
    for seed in range(AGENDAS):
        path.write_bytes(fuzzing.agenda_case(seed))
        _, failure = loaded(path)
        if failure:
            failures.append((seed, failure))
    assert not failures, report(failures, "agenda_case")


def test_attendee_csvs_load_or_are_refused_with_rows(tmp_path: Path) -> None:
    (tmp_path / "agenda.yaml").write_text(GOOD + "attendees: a.csv\n", encoding="utf-8")
    failures = []
    for seed in range(1_000_000, 1_000_000 + CSVS):
        (tmp_path / "a.csv").write_bytes(fuzzing.csv_case(seed))
        _, failure = loaded(tmp_path / "agenda.yaml")
        if failure:
            failures.append((seed, failure))
    assert not failures, report(failures, "csv_case")


def test_partial_reads_of_a_syntax_error_agree_with_pyyaml() -> None:
    """A large file that libyaml refuses is read again by PyYAML only over the part that
    failed (yamlsource._pure_error); where that finds the error, it is PyYAML's own."""
    fast = getattr(yaml, "CSafeLoader", None)
    if fast is None:
        pytest.skip("no libyaml")
    compared = 0
    for seed in range(2_000_000, 2_000_000 + AGENDAS // 5):
        text = fuzzing.agenda_case(seed).decode("utf-8", "replace")
        text, _ = controls.in_file(text)
        try:
            for _ in yaml.parse(text, Loader=fast):
                pass
            continue
        except yaml.YAMLError as exc:
            partial, mark = _pure_error(text, exc), getattr(exc, "problem_mark", None)
        if partial is None or mark is None:
            continue
        try:
            for _ in yaml.parse(text, Loader=yaml.SafeLoader):
                pass
            whole = None
        except yaml.MarkedYAMLError as exc:
            whole = exc
        # Where the partial read finds an error, the whole file has one.
        assert whole is not None and whole.problem_mark is not None, seed
        if (whole.problem_mark.line, whole.problem_mark.column) < (mark.line, mark.column):
            continue  # PyYAML refuses, earlier, what libyaml reads (a tab in a flow list)
        assert str(_syntax(partial, "f")) == str(_syntax(whole, "f")), seed
        compared += 1
    assert compared > AGENDAS // 100


@pytest.fixture
def quick_webfonts(monkeypatch: pytest.MonkeyPatch) -> None:
    """Subsetting depends only on which characters appear, not on what the fuzzer tests:
    each face is subset once, to ASCII, for every build."""
    real = webfonts.subset_bytes
    cache: dict[str, bytes] = {}

    def subset_once(webfont: webfonts.WebFont, text: str, folder: Path | None = None) -> bytes:
        if webfont.file not in cache:
            cache[webfont.file] = real(webfont, "")
        return cache[webfont.file]

    monkeypatch.setattr(webfonts, "subset_bytes", subset_once)


def _build_failure(programme: Programme, out: Path, only: list[str]) -> str | None:
    try:
        with deadline(HANG * 3):
            build(programme, out, only)
    except Hang:
        return f"{only}: still running after {HANG * 3} s"
    except AgendaError as exc:
        unplaced = [p for p in exc.problems if not isinstance(p.line, int) or p.line < 1]
        return f"{only}: problems without a line: {unplaced}" if unplaced or not exc.problems else None
    except Exception:
        return f"{only}: {traceback.format_exc()}"
    return None


@pytest.mark.usefixtures("quick_webfonts")
def test_accepted_agendas_build(tmp_path: Path) -> None:
    path = tmp_path / "agenda.yaml"
    failures, built, booklets, seed = [], 0, 0, 3_000_000
    while built < BUILDS:
        seed += 1
        path.write_text(fuzzing.valid_agenda_case(seed), encoding="utf-8")
        programme, failure = loaded(path)
        if failure:
            failures.append((seed, failure))
        if programme is None:
            continue
        built += 1
        only = ["badges", "signs", "site"] + (["booklet"] if booklets < BOOKLETS else [])
        booklets += "booklet" in only
        failure = _build_failure(programme, tmp_path / "out", only)
        if failure and not any(signature in failure for signature in KNOWN):
            failures.append((seed, failure))
        shutil.rmtree(tmp_path / "out", ignore_errors=True)
    assert seed - 3_000_000 < BUILDS * 3, "too few generated agendas load"
    assert not failures, report(failures, "valid_agenda_case")


@pytest.mark.usefixtures("quick_webfonts")
def test_an_event_title_with_a_line_break_builds_the_site(tmp_path: Path) -> None:
    text = GOOD.replace("title: Test Conference", 'title: "Test\\nConference"')
    (tmp_path / "agenda.yaml").write_text(text, encoding="utf-8")
    build(load(tmp_path / "agenda.yaml"), tmp_path / "out", ["site"])
    ics = (tmp_path / "out" / "agenda.ics").read_bytes()
    assert b"X-WR-CALNAME:Test Conference\r\n" in ics
