"""podium: one agenda.yaml in; programme booklet, name badges, door signs and online agenda out."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = ["AgendaError", "Problem", "Programme", "__version__", "build", "load"]

if TYPE_CHECKING:
    from podium.load import Programme, load
    from podium.pipeline import build
    from podium.problems import AgendaError, Problem

# The public names are imported on first use: `podium check` and `podium --help` must not
# pay for the renderers (ReportLab, WeasyPrint, icalendar) they never run.
_LAZY = {"Programme": "podium.load", "load": "podium.load", "build": "podium.pipeline",
         "AgendaError": "podium.problems", "Problem": "podium.problems"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'podium' has no attribute {name!r}")
