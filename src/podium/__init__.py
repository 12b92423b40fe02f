"""podium: one agenda.yaml in; programme booklet, name badges, door signs and online agenda out."""

from __future__ import annotations

__version__ = "0.1.0"

from podium.build import build  # noqa: E402
from podium.load import Programme, load  # noqa: E402
from podium.problems import AgendaError, Problem  # noqa: E402

__all__ = ["AgendaError", "Problem", "Programme", "__version__", "build", "load"]
