"""PDF stage: the one package that writes PDF bytes and touches ReportLab's internals.

Modules: `pages` (page dictionaries from templates), `join` (the streaming join of PDF
parts)."""

from podium.pdf.join import Join
from podium.pdf.pages import TemplateCanvas

__all__ = ["Join", "TemplateCanvas"]
