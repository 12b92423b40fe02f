"""Resource stage: where the bundled templates, fonts and ICC profile are, installed or in a checkout."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _find(name: str) -> Path:
    # A wheel carries them inside the package; a source checkout keeps them at the top.
    for candidate in (_PACKAGE / name, _PACKAGE.parent.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"podium's bundled {name}/ folder is missing; reinstall podium")


def fonts_dir() -> Path:
    """The folder of bundled fonts."""
    return _find("fonts")


def templates_dir() -> Path:
    """The folder of bundled templates and stylesheets."""
    return _find("templates")


def cmyk_profile() -> Path:
    """The CMYK output profile of `print.colour: cmyk` (icc/README.md says what it is)."""
    return _find("icc") / "podium-cmyk.icc"
