"""Shared fixtures: the repository's own agenda and helpers to write small agendas."""

from __future__ import annotations

import os
import tempfile
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from podium.load import Programme, load

# Subset web fonts are cached between builds; the tests keep theirs out of the user's cache.
os.environ.setdefault("PODIUM_CACHE_DIR", tempfile.mkdtemp(prefix="podium-test-cache-"))

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "agenda.yaml"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def seed() -> Programme:
    """The Montevideo programme as shipped in agenda.yaml."""
    return load(SEED)


@pytest.fixture
def write_agenda(tmp_path: Path) -> Callable[[str], Path]:
    """Write a YAML text (dedented) to tmp_path/agenda.yaml and return its path."""

    def write(text: str, name: str = "agenda.yaml") -> Path:
        path = tmp_path / name
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return path

    return write
