"""podium: one agenda.yaml in; programme booklet, name badges, door signs and online agenda out."""

from __future__ import annotations

__version__ = "0.1.0"

from podium.load import Programme, load
from podium.pipeline import build
from podium.problems import AgendaError, Problem

__all__ = ["AgendaError", "Problem", "Programme", "__version__", "build", "load"]
