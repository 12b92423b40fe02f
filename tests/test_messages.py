"""The messages a person meets while working, tried one by one: YAML structure mistakes in
plain words, a missing agenda, a misspelt required key, command-line mistakes, plurals,
progress and the report, Ctrl-C."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from tests.conftest import ROOT, SEED

from podium.cli import main
from podium.renderers import RENDERERS

ENV = {**os.environ, "PYTHONPATH": str(ROOT / "src")}

YAML_CASES = {
    "key indented under a value": (
        "event:\n  title: X\n    city: Y\n  timezone: Europe/Berlin\n",
        "agenda.yaml:3:9: YAML syntax: 'city:' on line 3 is indented more than 'title:' on line "
        "2, so it reads as part of title's value; indent it 2 spaces like 'title:' (or put "
        "title's value in quotes if the colon belongs to it)"),
    "key between two levels": (
        "event:\n  title: X\n city: Y\n  timezone: Europe/Berlin\n",
        "agenda.yaml:3:2: YAML syntax: 'city:' on line 3 is indented 1 space, which lines up "
        "with no block above it (the block started on line 1); indent it 2 spaces (like line 2) "
        "or 0 spaces (like line 1)"),
    "list item one space short": (
        "days:\n  - date: 2025-01-01\n    items:\n      - id: a\n        start: \"09:00\"\n"
        "     - id: b\n",
        "agenda.yaml:6:6: YAML syntax: the list item on line 6 is indented 5 spaces, but the "
        "list it continues ('- id: a' on line 4) is indented 6 spaces; line the dashes up"),
    "line without a colon": (
        "event:\n  title: X\n  A line without a colon\n  timezone: Europe/Berlin\n",
        "agenda.yaml:4:3: YAML syntax: 'A line without a colon' on line 3 is neither 'key: "
        "value' nor a list item ('- …'); a text that continues on the next lines must be "
        "indented more than its key, or be in quotes"),
    "colon in a title": (
        "event:\n  title: Keynote: the future\n  timezone: Europe/Berlin\n",
        "agenda.yaml:2:17: YAML syntax: the text after 'title:' holds ': ', which YAML reads as "
        "another key; put the text in quotes: title: \"Keynote: the future\""),
    "key where a list item belongs": (
        "people:\n  - id: a\n    name: A\n  id: b\n",
        "agenda.yaml:4:3: YAML syntax: 'id:' on line 4 is a key where the list that started on "
        "line 2 expects another item; start it with '- ' to begin a new item, or indent it like "
        "the keys of '- id: a' on line 2"),
    "dash one space too far": (
        "people:\n  - id: a\n    name: A\n   - id: b\n",
        "agenda.yaml:4:4: YAML syntax: the list item on line 4 is indented 3 spaces, but the "
        "list it continues ('- id: a' on line 2) is indented 2 spaces; line the dashes up"),
    "quote never closed": (
        "event:\n  title: \"Unclosed\n  timezone: Europe/Berlin\n",
        "agenda.yaml:4:1: YAML syntax: the \" opened on line 2 is never closed; put another \" at "
        "the end of its text"),
}


def check(folder: Path, monkeypatch: pytest.MonkeyPatch, *args: str) -> tuple[int, list[str]]:
    monkeypatch.chdir(folder)
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output.splitlines()


@pytest.mark.parametrize("case", YAML_CASES)
def test_yaml_structure_mistakes_in_plain_words(case: str, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    text, expected = YAML_CASES[case]
    (tmp_path / "agenda.yaml").write_text(text, encoding="utf-8")
    assert check(tmp_path, monkeypatch, "check") == (2, [expected, "1 error in agenda.yaml"])


def test_a_missing_agenda_names_the_folder_and_the_way_out(tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    expected = [f"podium: no agenda.yaml in {tmp_path.resolve()}: start a new event there with "
                "`podium init`, or make one from a schedule export with `podium import FILE`"]
    assert check(tmp_path, monkeypatch, "build") == (2, expected)
    assert check(tmp_path, monkeypatch, "serve") == (2, expected)
    assert not (tmp_path / "build").exists()


def test_a_folder_is_read_as_its_agenda(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "ev").mkdir()
    (tmp_path / "ev/agenda.yaml").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    code, lines = check(tmp_path, monkeypatch, "check", "ev")
    assert (code, lines[-1]) == (0, "ev/agenda.yaml: ok: 2 days, 12 items, 36 people")


def test_a_misspelt_required_key_is_one_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = SEED.read_text(encoding="utf-8").replace("  timezone: America", "  timezon: America")
    (tmp_path / "agenda.yaml").write_text(text, encoding="utf-8")
    code, lines = check(tmp_path, monkeypatch, "check")
    assert code == 2
    assert [line for line in lines if "warning:" not in line] == [
        "agenda.yaml:7:3: event.timezon: unknown key 'timezon'; did you mean 'timezone'?",
        "1 error in agenda.yaml"]


def test_plurals(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = ("event: {title: T, timezone: Europe/Oslo, url: 'https://agenda.oslo-meetup.no/'}\n"
            "people: [{id: a, name: Ann Berg}]\n"
            "days: [{date: 2025-01-02, items: [{start: '09:00', title: Only, speakers: [a]}]}]\n")
    (tmp_path / "agenda.yaml").write_text(text, encoding="utf-8")
    assert check(tmp_path, monkeypatch, "check") == (0, ["agenda.yaml: ok: 1 day, 1 item, 1 person"])


def test_command_line_mistakes_are_reported_as_such(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    code, lines = check(ROOT, monkeypatch, "build", "-o", str(tmp_path / "out"), "--only", "bookelt")
    assert (code, lines[-1]) == (2, "Error: Invalid value for '--only': unknown output 'bookelt'; "
                                    f"did you mean 'booklet'? (choose from {', '.join(RENDERERS)})")
    code, lines = check(ROOT, monkeypatch, "build", "-o", str(tmp_path / "out"), "--only", "badges",
                        "--people", "lacroix,castaingdebt")
    assert code == 2
    assert lines[-2:] == ["Error: Invalid value for '--people': no badge holder 'castaingdebt' in "
                          "agenda.yaml; did you mean 'castaingdebat'?",
                          "(give a person id, an attendee's name or row-N)"]
    code, lines = check(ROOT, monkeypatch, "build", "-o", str(tmp_path / "out"), "--only", "site",
                        "--people", "lacroix")
    assert (code, lines[-1]) == (2, "Error: Invalid value for '--people': it chooses whose badges "
                                    "to print; add badges to --only")
    assert not (tmp_path / "out").exists()  # checked before anything is built
    code, lines = check(ROOT, monkeypatch, "build", "--help")
    assert f"Outputs: {', '.join(RENDERERS)}." in " ".join(" ".join(lines).split())


def test_progress_in_a_pipe_and_the_report(tmp_path: Path) -> None:
    run = subprocess.run([sys.executable, "-m", "podium", "build", str(SEED), "-o", str(tmp_path),
                          "--only", "badges,signs"], env=ENV, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    progress = [line for line in run.stdout.splitlines() if line.startswith("built ")]
    # Side by side, either may finish first: the count goes up in the order they end.
    said = [line.split(" in ")[0] for line in progress]
    assert [s.rsplit(" ", 1)[1] for s in said] == ["(1/2)", "(2/2)"]
    assert sorted(s.rsplit(" ", 1)[0] for s in said) == ["built badges", "built signs"]
    out = [line for line in run.stdout.splitlines() if not line.startswith("built ")]
    assert out[0].split() == ["2", "outputs", "in", str(tmp_path), "pages", "size"]
    assert out[1].split()[:3] == ["badges.pdf", "9", "pages"]
    assert "preflight" in out and "next" in out
    assert ("  badges.pdf:      print at 100% (no fit to page) on a6-4up-a4, single-sided; cut at "
            "the marks") in out
    full = (tmp_path / "report.txt").read_text(encoding="utf-8").splitlines()
    # The same report, without the folder (the same agenda gives the same report.txt).
    assert full[0].split() == ["2", "outputs", "pages", "size"]
    assert [line.split() for line in full[1:]] == [line.split() for line in out[1:]]
    quiet = subprocess.run([sys.executable, "-m", "podium", "build", str(SEED), "-o", str(tmp_path),
                            "--only", "signs", "-q"], env=ENV, capture_output=True, text=True)
    assert (quiet.returncode, quiet.stdout, quiet.stderr) == (0, "", "")


def test_many_shrunk_names_show_a_few_and_the_rest_in_the_report(tmp_path: Path) -> None:
    from podium.report import Preflight

    names = [f"Person Number {i} (20 pt)" for i in range(10)]
    text = "badges: 10 (Delegate 10) on 3 pages of a6-4up-a4\n  names shrunk to fit: " + "; ".join(names)
    p = Preflight.parse(text)
    assert p.lines(False, "build/report.txt")[1] == (
        "  names shrunk to fit: 10: Person Number 0 (20 pt); Person Number 1 (20 pt); "
        "Person Number 2 (20 pt) and 7 more (all in build/report.txt)")
    assert p.lines(True, "build/report.txt")[1] == f"  names shrunk to fit: 10: {'; '.join(names)}"
    one = Preflight.parse("badges: 1 (Speaker 1) on 1 page of a6-4up-a4\n"
                          "  fallback fonts (badges): Noto Sans Arabic (1)")
    assert one.lines(False, "x")[1] == "  fallback fonts (badges): Noto Sans Arabic (1)"


def _interrupt(args: list[str], after: str | None, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    proc = subprocess.Popen([sys.executable, "-m", "podium", *args], env=ENV, cwd=tmp_path,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)
    assert proc.stdout is not None
    seen = []
    if after is None:
        time.sleep(0.3)  # while Python imports podium
    else:
        for line in proc.stdout:
            seen.append(line)
            if after in line:
                break
        time.sleep(0.3)
    os.killpg(proc.pid, signal.SIGINT)  # as Ctrl-C does: to every process of the group
    out, err = proc.communicate(timeout=60)
    return subprocess.CompletedProcess(args, proc.returncode, "".join(seen) + out, err)


def test_ctrl_c_during_a_build_exits_130_with_nothing_written(tmp_path: Path) -> None:
    run = _interrupt(["build", str(SEED), "-o", "out", "-v"], "building booklet", tmp_path)
    assert run.returncode == 130, run.stderr
    assert run.stderr.rstrip().endswith("interrupted: nothing written")
    assert "Traceback" not in run.stderr and "Aborted" not in run.stderr
    out = tmp_path / "out"
    assert sorted(p.name for p in out.iterdir()) == [".podium"]
    assert sorted(p.name for p in (out / ".podium").iterdir()) == ["lock"]


def test_ctrl_c_inside_an_extension_import_while_starting_is_130(
        monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]) -> None:
    """Seen in CI: the signal came while zint's C extension initialised, and the SystemExit
    came out as "ImportError: initialization failed" with a traceback and exit 1."""
    import builtins

    from podium import entry

    real = builtins.__import__

    def importing(name: str, *args: object, **kwargs: object) -> object:
        if name == "podium.cli":
            try:
                entry._while_starting(signal.SIGINT, None)
            except SystemExit as exc:
                raise ImportError("initialization failed") from exc
        return real(name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(builtins, "__import__", importing)
    monkeypatch.setattr(entry, "_STOPPED", [])
    try:
        with pytest.raises(SystemExit) as caught:
            entry.run()
    finally:
        signal.signal(signal.SIGINT, signal.default_int_handler)
    assert caught.value.code == 130
    assert capfd.readouterr().err == "\ninterrupted: nothing written\n"


def test_ctrl_c_while_starting_exits_130(tmp_path: Path) -> None:
    run = _interrupt(["check", str(SEED)], None, tmp_path)
    if run.returncode == 0:
        pytest.skip("the check was done before the signal came")
    assert run.returncode == 130, run.stderr
    assert run.stderr.strip() == "interrupted: nothing written"


def test_serve_on_a_port_in_use_says_so_and_builds_nothing(tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    import socket

    (tmp_path / "agenda.yaml").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        code, lines = check(tmp_path, monkeypatch, "serve", "--port", str(port), "-q")
    assert (code, lines) == (2, [f"podium: port {port} on 127.0.0.1 is in use; give another with "
                                 "--port (0: any free one)"])
    assert not (tmp_path / "build").exists()
