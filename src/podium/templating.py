"""Rendering stage: the one Jinja2 environment the booklet and the site are written with.

Agenda text is data, never markup: autoescape is on for every template but stylesheets
(escaping quotes in CSS would break font names), and an undefined name is an error.

Templates are read only from inside the template folders: a name with `..` in it, or a file
that is a link to somewhere outside its folder, is refused (`TemplateOutside`). A template
that fails becomes a `TemplateFailed` naming the file and line (`failure`)."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

import jinja2

from podium.problems import display_name


class TemplateOutside(jinja2.TemplateError):
    """A template name or link that leads outside the template folders (never looked up
    in the next folder, unlike a template that is not found)."""


class TemplateFailed(Exception):
    """A template could not be used; the message is one line: file:line: what went wrong."""


def _autoescape(name: str | None) -> bool:
    return not (name or "").endswith(".css")


def _shown(path: Path) -> str:
    """`path` relative to the current folder if it is below it, its links not followed."""
    try:
        return str(Path(os.path.abspath(path)).relative_to(Path.cwd()))
    except ValueError:
        return str(path)


class ConfinedLoader(jinja2.FileSystemLoader):
    """A FileSystemLoader that reads nothing outside its folders, links followed."""

    def get_source(self, environment: jinja2.Environment,
                   template: str) -> tuple[str, str, Callable[[], bool]]:
        pieces = template.replace("\\", "/").split("/")
        if ".." in pieces:
            raise TemplateOutside(f"template '{template}' is outside the template folders "
                                  "('..' is not allowed in a template name)")
        for folder in self.searchpath:
            candidate = Path(folder, *[p for p in pieces if p not in ("", ".")])
            if not candidate.is_file():
                continue
            root, real = Path(folder).resolve(), candidate.resolve()
            if not real.is_relative_to(root):
                raise TemplateOutside(f"template {_shown(candidate)} is a link to {real}, "
                                      f"outside the template folder {_shown(Path(folder))}")
            break
        return super().get_source(environment, template)


def environment(template_dirs: list[Path]) -> jinja2.Environment:
    """A Jinja environment for one build (no state shared between builds); the first folder
    that has a template wins (the user's own before the bundled one)."""
    return jinja2.Environment(
        loader=ConfinedLoader([str(d) for d in template_dirs]),
        autoescape=_autoescape, undefined=jinja2.StrictUndefined,
        trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)


def _template_frame(tb: TracebackType | None, template_dirs: list[Path]) -> tuple[str, int] | None:
    """The innermost frame of the traceback that runs a template file: (file, line). Jinja
    rewrites its tracebacks so that template code shows with its file and line."""
    roots = [d.resolve() for d in template_dirs]
    found = None
    while tb is not None:
        name = tb.tb_frame.f_code.co_filename
        if not name.startswith("<") and any(Path(name).resolve().is_relative_to(r) for r in roots):
            found = (name, tb.tb_lineno)
        tb = tb.tb_next
    return found


def failure(exc: jinja2.TemplateError, template_dirs: list[Path]) -> TemplateFailed:
    """`exc`, raised while rendering, as one line with the template file and line."""
    if isinstance(exc, jinja2.TemplateSyntaxError) and exc.filename:
        where: tuple[str, int] | None = (exc.filename, exc.lineno)
        what = f"template syntax error: {exc.message}"
    else:
        where = _template_frame(exc.__traceback__, template_dirs)
        if isinstance(exc, jinja2.TemplateNotFound):
            folders = ", ".join(display_name(d) for d in template_dirs)
            what = f"template error: no template '{exc.name}' in {folders}"
        else:
            what = f"template error: {exc.message or type(exc).__name__}"
    if where is None:
        return TemplateFailed(what)
    return TemplateFailed(f"{display_name(Path(where[0]))}:{where[1]}: {what}")
