"""Rendering stage: the one Jinja2 environment the booklet and the site are written with.

Agenda text is data, never markup: autoescape is on for every template but stylesheets
(escaping quotes in CSS would break font names), and an undefined name is an error."""

from __future__ import annotations

from pathlib import Path

import jinja2


def _autoescape(name: str | None) -> bool:
    return not (name or "").endswith(".css")


def environment(template_dirs: list[Path]) -> jinja2.Environment:
    """A Jinja environment for one build (no state shared between builds); the first folder
    that has a template wins (the user's own before the bundled one)."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(d) for d in template_dirs]),
        autoescape=_autoescape, undefined=jinja2.StrictUndefined,
        trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
