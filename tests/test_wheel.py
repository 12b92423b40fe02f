"""The installed wheel carries templates and fonts and works from any folder."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest
from tests.conftest import ROOT, SEED


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    src = tmp_path_factory.mktemp("src") / "podium"
    # Build from a copy so that the checkout's own build/ and caches cannot leak in.
    shutil.copytree(ROOT, src, ignore=shutil.ignore_patterns(
        ".git", ".venv", "build", "dist", "__pycache__", "*.egg-info", ".*_cache"))
    subprocess.run([sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(out)],
                   cwd=src, check=True, capture_output=True)
    (path,) = out.glob("podium-*.whl")
    return path


def test_wheel_contains_templates_and_fonts(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    fonts = [n for n in names if n.startswith("podium/fonts/")]
    assert "podium/fonts/NotoSans-Regular.ttf" in fonts
    assert "podium/fonts/OFL.txt" in fonts
    bundled = sorted(p.name for p in (ROOT / "fonts").iterdir())
    assert sorted(n.removeprefix("podium/fonts/") for n in fonts) == bundled
    # The CMYK output profile of print.colour: cmyk, with its licence.
    assert {"podium/icc/podium-cmyk.icc", "podium/icc/README.md"} <= set(names)
    templates = sorted(n.removeprefix("podium/templates/") for n in names
                       if n.startswith("podium/templates/"))
    assert templates == sorted(str(p.relative_to(ROOT / "templates"))
                               for p in (ROOT / "templates").rglob("*") if p.is_file())


def test_installed_wheel_checks_the_seed_from_another_folder(wheel: Path, tmp_path: Path) -> None:
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    py = env_dir / "bin" / "python"
    subprocess.run([str(py), "-m", "pip", "install", "-q", str(wheel)], check=True,
                   capture_output=True)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    shutil.copy(SEED, elsewhere / "agenda.yaml")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    run = subprocess.run([str(env_dir / "bin" / "podium"), "check"], cwd=elsewhere, env=env,
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "agenda.yaml: ok: 2 days, 12 items, 36 people"
    where = subprocess.run([str(py), "-c", "import podium.resources as r; print(r.fonts_dir())"],
                           cwd=elsewhere, env=env, capture_output=True, text=True, check=True)
    assert str(env_dir) in where.stdout  # the installed copy, not the checkout
    # The starter agenda ships in the wheel: a new event checks as it is.
    made = subprocess.run([str(env_dir / "bin" / "podium"), "init", "new"], cwd=elsewhere, env=env,
                          capture_output=True, text=True)
    assert made.returncode == 0, made.stderr
    run = subprocess.run([str(env_dir / "bin" / "podium"), "check", "new"], cwd=elsewhere, env=env,
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "new/agenda.yaml: ok: 1 day, 6 items, 5 people, 3 attendees"
