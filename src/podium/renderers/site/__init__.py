"""Rendering stage: the online agenda, site/ (a static site every QR code opens) and agenda.ics.

The stages, in order:
1. turn the agenda into plain values (view.py), with what changed since the print run
   (marks.py, from podium.changes), and the list of pages (pages.py);
2. render every page from its Jinja template (user's folder first), each extending base.html.j2;
3. cut the bundled fonts down to the characters of all pages at once, and write site.css;
4. write agenda.ics (ics.py), beside site/ and inside it, one calendar per room and per track
   in site/calendars/, and one per session (itemcal.py); each event's SEQUENCE and
   LAST-MODIFIED come from the printed record;
5. write schedule.xml and schedule.json (exports.py) into site/.

The URL scheme is podium.sitemap's; every page links relatively (its `root` leads back to the
site's top), so the site works from file:// and from any folder of a static host."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

from markupsafe import Markup

from podium import qr, sitemap
from podium.changes import comparison
from podium.changes.compare import Comparison
from podium.context import BuildContext
from podium.model import Agenda
from podium.output import Written
from podium.present import locale_of
from podium.renderers.site import app, exports, ics, itemcal, marks, webfonts, words
from podium.renderers.site.pages import Site
from podium.renderers.site.view import Views
from podium.templating import environment

SITE = "site"
CALENDAR = "agenda.ics"
STYLE_TEMPLATE = "site/site.css"
SCRIPTS = ("screens.js",)
"""Scripts of this stage, copied from templates/site/ (app.js is written by the site's script stage)."""


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def site_changes(agenda: Agenda, found: Comparison | None) -> marks.SiteChanges:
    """What the pages mark as changed since the print run (nothing without a record)."""
    if found is None:
        return marks.NONE
    pages = marks.Pages(people={p.id for p in agenda.people if agenda.appearances(p.id)},
                        rooms={it.room for _d, it in agenda.items() if it.room})
    locale = locale_of(agenda)
    return marks.site_changes(found, locale, words.labels(locale), pages)


def page_texts(agenda: Agenda, template_dirs: list[Path],
               changes: marks.SiteChanges = marks.NONE) -> Iterator[tuple[str, str]]:
    """(path under site/, HTML) of every page."""
    locale = locale_of(agenda)
    views = Views(agenda, locale, changes.marks)
    env = environment(template_dirs)
    common = {
        "event": views.event, "labels": words.labels(locale), "language": agenda.event.language,
        "changes": changes,
        "has_tracks": bool(views.tracks),
        "has_rooms": any(it.room for it in views.items), "calendar": CALENDAR,
        # The one piece of markup a page is handed: podium's own SVG of the agenda's QR
        # code (its text, the URL, is escaped inside it).
        "qr_svg": Markup(qr.svg(qr.encode(agenda.event.url), colour="#1c2430")),
    }
    for page in Site(views, changes).pages():
        html = env.get_template(page.template).render(
            **common, **page.values, root=sitemap.root_of(page.path),
            canonical=sitemap.absolute(agenda.event.url, page.path))
        yield page.path, html


def page_css(template_dirs: list[Path], fonts: list[webfonts.WebFont], agenda: Agenda) -> str:
    """site.css as text, declaring the faces the site ships and each track's colour."""
    tracks = [t for t in agenda.tracks_used() if t.colour]
    return environment(template_dirs).get_template(STYLE_TEMPLATE).render(
        fonts=fonts, families=webfonts.families(fonts), tracks=tracks)


def render(ctx: BuildContext) -> list[Written]:
    agenda = ctx.programme.agenda
    site = ctx.out(SITE)
    chars: set[str] = set()
    found = comparison(ctx.programme)
    for path, html in page_texts(agenda, ctx.template_dirs, site_changes(agenda, found)):  # 1, 2
        _write(site / path, html.encode("utf-8"))
        chars |= set(html)
    chars |= set(app.text(agenda))
    text = "".join(sorted(chars))
    # The pages' own text decides which script and symbol faces the site ships.
    fonts = webfonts.plan(ctx.fonts, text)                                        # 3
    css = page_css(ctx.template_dirs, fonts, agenda)
    _write(site / "site.css", css.encode("utf-8"))
    text += css
    cache = webfonts.cache_dir()
    for webfont in fonts:
        _write(site / "fonts" / webfont.file, webfonts.subset_bytes(webfont, text, cache))
    licence = webfonts.licence_file(fonts)
    if licence is not None:
        shutil.copyfile(licence, site / "fonts" / licence.name)
    for name in SCRIPTS:
        # The user's templates folder first, as for the templates.
        source = next(f for d in ctx.template_dirs if (f := d / "site" / name).is_file())
        shutil.copyfile(source, site / name)
    locale = locale_of(agenda)
    calendar = ctx.out(CALENDAR)                                                  # 4
    files = ics.calendars(agenda, locale, ctx.epoch, ics.revisions(agenda, found, ctx.epoch))
    _write(calendar, files[CALENDAR])
    # Copies inside site/ so that the pages' links work once the folder is published.
    files.update(exports.export_files(agenda, ctx.epoch, exports.programme_revision(found)))  # 5
    for name, data in files.items():
        _write(site / name, data)
    for anchor, item_data in itemcal.item_calendars(agenda, files[CALENDAR]).items():
        _write(site / sitemap.item_calendar_path(anchor), item_data)
    # Last, since the service worker lists every file of the site.
    app.write(site, agenda, ctx.template_dirs, ctx.epoch)
    return [Written(site), Written(calendar)]
