"""Real schedules, imported, build every printed output (the corpus files that are small
enough for the test suite; bench/fosdem_build.py covers FOSDEM)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from tests.conftest import SHARED

from podium.cli import main

CORPUS = SHARED / "corpus"

CASES = {
    "rc3-channels-2020.pretalx.schedule.json": "booklet,badges,signs,site",
    "39c3-himmel.schedule.xml": "badges,signs,site",
}


@pytest.mark.parametrize("name", list(CASES))
def test_imported_schedule_builds(name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = CORPUS / name
    if not source.is_file():
        pytest.skip(f"test corpus not found at {CORPUS}")
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    imported = runner.invoke(main, ["import", str(source), "-o", "agenda.yaml"])
    assert imported.exit_code == 0, imported.output
    built = runner.invoke(main, ["build", "--only", CASES[name]])
    assert built.exit_code == 0, built.output
    outputs = {p.name for p in (tmp_path / "build").iterdir()}
    expected = {"badges": "badges.pdf", "signs": "door-signs.pdf", "site": "site",
                "booklet": "programme.pdf"}
    assert {expected[n] for n in CASES[name].split(",")} <= outputs
