"""Rendering stage: the list of participants (participants.pdf, A4): everyone in the
programme and the attendees CSV, grouped by country or organisation
(`print.participants_group`), by family name within each group, those who take part by
video link marked; a cover and page numbers, labels in `event.language`.

view (who, where, in what order) -> HTML + CSS (Jinja2 templates, the user's first) ->
WeasyPrint, through the booklet's stylesheet helpers and its fetch gate."""

from __future__ import annotations

from podium.context import BuildContext
from podium.emoji import text_presentation
from podium.output import Written, atomic_write_bytes
from podium.renderers.booklet.html import Source, find, font_faces, with_fallbacks
from podium.renderers.participants.view import ListView, list_view
from podium.resources import fonts_dir
from podium.templating import environment

OUTPUT = "participants.pdf"
TEMPLATE = "participants.html.j2"
STYLESHEET = "participants.css"


def page_numbers(label: str) -> str:
    """The page footer rule from the label 'Page {page} of {pages}' (CSS counters)."""
    parts = []
    for piece in label.replace("{pages}", "\0pages\0").replace("{page}", "\0page\0").split("\0"):
        if piece in ("page", "pages"):
            parts.append(f"counter({piece})")
        elif piece:
            parts.append('"' + piece.replace("\\", "\\\\").replace('"', '\\"') + '"')
    return f"@page {{ @bottom-center {{ content: {' '.join(parts)}; }} }}\n" \
           "@page :first { @bottom-center { content: none; } }\n"


def source(ctx: BuildContext, view: ListView) -> Source:
    env = environment(ctx.template_dirs)
    template = env.get_template(TEMPLATE)
    html = text_presentation(template.render(p=view))
    css_path = find(ctx.template_dirs, STYLESHEET)
    return Source(html=html, base_dir=css_path.resolve().parent, stylesheets=[
        (font_faces(ctx.fonts), None),
        (with_fallbacks(css_path.read_text(encoding="utf-8"), ctx.fonts), css_path),
        (page_numbers(view.labels["page_of"]), None),
    ])


def render(ctx: BuildContext) -> list[Written]:
    """Write participants.pdf."""
    # WeasyPrint takes 0.6 s to import: only builds that make the list pay for it.
    from podium.renderers.booklet.pdf import render_pdf

    agenda = ctx.programme.agenda
    view = list_view(ctx.programme)
    rendered = render_pdf(source(ctx, view), folders=[*ctx.template_dirs, fonts_dir()],
                          epoch=ctx.epoch,
                          title=f"{agenda.event.title}: {view.labels['list_of_participants']}")
    atomic_write_bytes(ctx.out(OUTPUT), rendered.pdf)
    return [Written(ctx.out(OUTPUT), rendered.pages,
                    report=f"{view.count} participant{'s' * (view.count != 1)} in "
                           f"{len(view.groups)} group{'s' * (len(view.groups) != 1)}")]
