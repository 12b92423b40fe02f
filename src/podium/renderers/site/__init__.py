"""Rendering stage: the online agenda, site/ (a static page every QR code opens) and agenda.ics.

The stages, in order:
1. turn the agenda into plain values for the page (view.py);
2. render index.html and site.css from the Jinja templates (user's folder first);
3. cut the bundled fonts down to the characters used and write them to site/fonts/;
4. write agenda.ics (ics.py), beside site/ and inside it for the page's link, with one
   calendar per room and per track in site/calendars/;
5. write schedule.xml and schedule.json (exports.py) into site/.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from markupsafe import Markup

from podium import qr
from podium.context import BuildContext
from podium.model import Agenda
from podium.output import Written
from podium.present import locale_of
from podium.renderers.site import exports, ics, webfonts
from podium.renderers.site.view import page_view
from podium.templating import environment

SITE = "site"
CALENDAR = "agenda.ics"
PAGE_TEMPLATE = "site/index.html.j2"
STYLE_TEMPLATE = "site/site.css"


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def page_html(agenda: Agenda, template_dirs: list[Path]) -> str:
    """index.html as text."""
    page = page_view(agenda, locale_of(agenda))                                   # 1
    env = environment(template_dirs)
    # The one piece of markup the page is handed: podium's own SVG of the agenda's QR code
    # (its text, the URL, is escaped inside it).
    code = Markup(qr.svg(qr.encode(agenda.event.url), colour="#1c2430"))
    return env.get_template(PAGE_TEMPLATE).render(page=page, event=page.event,    # 2
                                                  labels=page.labels, calendar=CALENDAR,
                                                  qr_svg=code)


def page_css(template_dirs: list[Path], fonts: list[webfonts.WebFont]) -> str:
    """site.css as text, declaring the faces the page ships."""
    return environment(template_dirs).get_template(STYLE_TEMPLATE).render(
        fonts=fonts, families=webfonts.families(fonts))


def page_texts(agenda: Agenda, template_dirs: list[Path],
               fonts: list[webfonts.WebFont]) -> tuple[str, str]:
    """index.html and site.css as text."""
    return page_html(agenda, template_dirs), page_css(template_dirs, fonts)


def render(ctx: BuildContext) -> list[Written]:
    agenda = ctx.programme.agenda
    html = page_html(agenda, ctx.template_dirs)
    # The page's own text decides which script and symbol faces it ships.
    fonts = webfonts.plan(ctx.fonts, html)
    css = page_css(ctx.template_dirs, fonts)
    site = ctx.out(SITE)
    _write(site / "index.html", html.encode("utf-8"))
    _write(site / "site.css", css.encode("utf-8"))
    text = html + css                                                             # 3
    cache = webfonts.cache_dir()
    for webfont in fonts:
        _write(site / "fonts" / webfont.file, webfonts.subset_bytes(webfont, text, cache))
    licence = webfonts.licence_file(fonts)
    if licence is not None:
        shutil.copyfile(licence, site / "fonts" / licence.name)
    calendar = ctx.out(CALENDAR)                                                  # 4
    files = ics.calendars(agenda, locale_of(agenda), ctx.epoch)
    _write(calendar, files[CALENDAR])
    # Copies inside site/ so that the page's links work once the folder is published.
    files.update(exports.export_files(agenda, ctx.epoch))                         # 5
    for name, data in files.items():
        _write(site / name, data)
    return [Written(site), Written(calendar)]
