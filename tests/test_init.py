"""`podium init`: a new event folder that builds as it is, never written over."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest
from click.testing import CliRunner
from tests.conftest import ROOT

from podium.cli import main
from podium.load import load
from podium.pipeline import build

FIXTURE = ROOT / "tests/fixtures/schedules/debconf23-wafer-asia-kolkata-day1.xml"


def test_the_starter_builds_as_it_is(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["init", "event"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "wrote 3 files in event: agenda.yaml, attendees.csv, agenda.schema.json",
        "next: cd event && podium serve   (builds, then rebuilds as you edit agenda.yaml)"]
    text = (tmp_path / "event/agenda.yaml").read_text(encoding="utf-8")
    assert "# yaml-language-server: $schema=./agenda.schema.json" in text
    programme = load(tmp_path / "event/agenda.yaml")
    a = programme.agenda
    assert len(a.days) == 1 and len(a.rooms) == 2 and len(programme.attendees) == 3
    assert any(s.remote for d in a.days for i in d.items for s in i.speakers)
    # The only warning is the placeholder address, which the comment asks to change.
    assert [w.path for w in programme.warnings] == ["event.url"]
    written = {w.path.name: w for w in build(programme, tmp_path / "event/build")}
    assert {"programme.pdf", "badges.pdf", "door-signs.pdf", "site"} <= set(written)
    with pdfplumber.open(tmp_path / "event/build/badges.pdf") as pdf:
        words = " ".join(page.extract_text() or "" for page in pdf.pages)
    assert "Maria Costa" in words and "PRESS" in words.upper()
    assert "Yui Tanaka" not in words  # remote: no badge
    with pdfplumber.open(tmp_path / "event/build/programme.pdf") as pdf:
        words = " ".join(page.extract_text() or "" for page in pdf.pages)
    assert "What a City Should Publish" in words and "via VTC" in words


def test_init_refuses_to_overwrite(tmp_path: Path) -> None:
    (tmp_path / "agenda.yaml").write_text("mine\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["init", str(tmp_path)])
    assert result.exit_code == 2
    assert result.output.strip() == (
        f"podium init: {tmp_path} already has agenda.yaml; nothing written (podium init never "
        "replaces a file: choose another folder, or move it away)")
    assert (tmp_path / "agenda.yaml").read_text(encoding="utf-8") == "mine\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["agenda.yaml"]


def test_init_from_a_schedule_export(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["init", str(tmp_path / "dc"), "--from", str(FIXTURE),
                                       "--url", "https://agenda.debconf.test/"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "dc").iterdir()) == ["agenda.schema.json",
                                                                  "agenda.yaml"]
    text = (tmp_path / "dc/agenda.yaml").read_text(encoding="utf-8")
    assert text.startswith("# Started by `podium init --from debconf23-wafer-asia-kolkata-day1.xml`")
    assert "# yaml-language-server: $schema=./agenda.schema.json\n" in text
    programme = load(tmp_path / "dc/agenda.yaml")
    assert programme.agenda.event.timezone == "Asia/Kolkata"
    assert programme.agenda.event.url == "https://agenda.debconf.test/"


def test_timezone_without_from_is_a_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["init", str(tmp_path), "--timezone", "Europe/Oslo"])
    assert result.exit_code == 2
    assert "--timezone and --url go with --from FILE" in result.output
    assert list(tmp_path.iterdir()) == []
