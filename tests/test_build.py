"""Build plumbing: renderers run into a staging folder; all outputs land, or none do."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner
from tests.test_errors import GOOD

import podium.pipeline as build_module
from podium.cli import main
from podium.context import BuildContext
from podium.load import load
from podium.output import Written, atomic_write_bytes, build_epoch
from podium.pipeline import build


def _writer(name: str, payload: bytes) -> build_module.Renderer:
    def render(ctx: BuildContext) -> list[Written]:
        path = ctx.out(name)
        atomic_write_bytes(path, payload + str(ctx.epoch).encode())
        return [Written(path, pages=1)]
    return render


def _failing(ctx: BuildContext) -> list[Written]:
    raise RuntimeError("renderer broke")


@pytest.fixture
def programme(tmp_path: Path):  # type: ignore[no-untyped-def]
    (tmp_path / "agenda.yaml").write_text(GOOD, encoding="utf-8")
    return load(tmp_path / "agenda.yaml")


def test_build_writes_and_reports(programme, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(build_module, "RENDERERS", {"a": _writer("a.pdf", b"A"), "b": _writer("b.pdf", b"B")})
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    out = tmp_path / "out"
    written = build(programme, out)
    assert [w.path for w in written] == [out / "a.pdf", out / "b.pdf"]
    # Each output is a link into the one generation kept; no scratch is left behind.
    assert sorted(p.name for p in out.iterdir()) == [".podium", "a.pdf", "b.pdf"]
    assert sorted(p.name for p in (out / ".podium").iterdir()) == ["current", "g000001", "lock"]
    assert os.readlink(out / "a.pdf") == ".podium/current/a.pdf"
    # The build date is the first day at midnight UTC, never the clock.
    assert (out / "a.pdf").read_bytes() == b"A1741046400"


def test_failed_build_leaves_earlier_outputs_intact(programme, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "a.pdf").write_bytes(b"old A")
    monkeypatch.setattr(build_module, "RENDERERS", {"a": _writer("a.pdf", b"new"), "z": _failing})
    with pytest.raises(RuntimeError, match="renderer broke"):
        build(programme, out)
    assert (out / "a.pdf").read_bytes() == b"old A"
    assert not (out / "a.pdf").is_symlink()
    # Only the (released) lock is left of the failed build: its generation is gone.
    assert sorted(p.name for p in out.iterdir()) == [".podium", "a.pdf"]
    assert [p.name for p in (out / ".podium").iterdir()] == ["lock"]


def test_only_and_unknown_output(programme, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    renderers = {"badges": _writer("b.pdf", b"B"), "a": _writer("a.pdf", b"A")}
    monkeypatch.setattr(build_module, "RENDERERS", renderers)
    assert [w.path.name for w in build(programme, tmp_path / "o", ["badges"])] == ["b.pdf"]
    with pytest.raises(build_module.UnknownRenderer, match="did you mean 'badges'"):
        build(programme, tmp_path / "o", ["badgse"])


def test_cli_build_unknown_output_exits_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(build_module, "RENDERERS", {"badges": _writer("b.pdf", b"B")})
    (tmp_path / "agenda.yaml").write_text(GOOD, encoding="utf-8")
    result = CliRunner().invoke(main, ["build", "--only", "badgse"])
    assert result.exit_code == 2
    assert "unknown output 'badgse'; did you mean 'badges'?" in result.output
    result = CliRunner().invoke(main, ["build", "--only", "badges"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "build" / "b.pdf").is_file()
    assert "b.pdf" in result.output and "1 page" in result.output


def test_source_date_epoch(programme, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert build_epoch(programme.agenda) == 1700000000
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "soon")
    with pytest.raises(ValueError, match="SOURCE_DATE_EPOCH"):
        build_epoch(programme.agenda)


def test_atomic_write_replaces_whole_file(tmp_path: Path) -> None:
    target = tmp_path / "x.pdf"
    atomic_write_bytes(target, b"one")
    atomic_write_bytes(target, b"two")
    assert target.read_bytes() == b"two"
    assert os.listdir(tmp_path) == ["x.pdf"]


def test_schema_command_documents_every_field() -> None:
    result = CliRunner().invoke(main, ["schema"])
    assert result.exit_code == 0
    schema = json.loads(result.output)
    assert set(schema["properties"]) >= {"event", "people", "days", "rooms", "attendees", "print"}
    defs = schema["$defs"]
    for model in ("Event", "Person", "Item", "Speaker", "Day", "Room", "PrintSettings"):
        for name, prop in defs[model]["properties"].items():
            assert prop.get("description"), f"{model}.{name} has no description"
    assert defs["Item"]["properties"]["kind"]["enum"] == ["session", "break", "meal", "ceremony"]


def test_version() -> None:
    result = CliRunner().invoke(main, ["--version"])
    assert result.exit_code == 0
    assert result.output.startswith("podium, version ")


def test_committed_schema_is_current() -> None:
    """agenda.schema.json (for editors) matches the model; regenerate with
    `podium schema > agenda.schema.json`."""
    from tests.conftest import ROOT

    result = CliRunner().invoke(main, ["schema"])
    assert (ROOT / "agenda.schema.json").read_text(encoding="utf-8") == result.output


def test_seed_validates_against_the_json_schema() -> None:
    """What editors check (the JSON Schema) accepts what podium accepts."""
    import jsonschema
    from tests.conftest import SEED

    from podium.model import json_schema
    from podium.yamlsource import read_yaml

    located, problems = read_yaml(SEED)
    assert located is not None and not problems
    jsonschema.validate(located.data, json_schema())
