"""Script stage of the online agenda: app.js (stars, search, my agenda) in the event's
language, with the search index and, last, the service worker that caches it all.

The pages work without any of it: app.js only adds to them (a star button on each item,
results under the search box, the starred list on my.html); everything it says comes from
the labels here, written into app.js as JSON, so a page never waits for a second file to
be able to say "Star"."""

from __future__ import annotations

import json
from pathlib import Path

from markupsafe import Markup

from podium import sitemap
from podium.model import Agenda
from podium.present import locale_of
from podium.renderers.site import offline, search
from podium.templating import environment

SCRIPT_TEMPLATE = "site/app.js"
SCRIPT = "app.js"

_LABELS: dict[str, dict[str, str]] = {
    "en": {
        "star": "Star", "starred": "Starred", "loading": "Loading the index…",
        "failed": "The search index could not be loaded.", "none": "Nothing found.",
        "one": "1 result", "many": "{n} results", "all": "All results", "more": "Show all {n} results",
        "person": "Person", "session": "Session",
        "download": "Download my agenda (.ics)", "calendar": "My agenda",
        "count_one": "1 starred session", "count_many": "{n} starred sessions",
        "empty": "No starred sessions yet: press the star beside a session on any page.",
        "clear": "Remove all stars", "speakers": "Speakers", "close": "Close the results",
    },
    "es": {
        "star": "Marcar", "starred": "Marcada", "loading": "Cargando el índice…",
        "failed": "No se pudo cargar el índice de búsqueda.", "none": "Sin resultados.",
        "one": "1 resultado", "many": "{n} resultados", "all": "Todos los resultados",
        "more": "Ver los {n} resultados",
        "person": "Persona", "session": "Sesión",
        "download": "Descargar mi agenda (.ics)", "calendar": "Mi agenda",
        "count_one": "1 sesión marcada", "count_many": "{n} sesiones marcadas",
        "empty": "Aún no hay sesiones marcadas: pulse la estrella junto a una sesión en "
                 "cualquier página.",
        "clear": "Quitar todas las marcas", "speakers": "Oradores",
        "close": "Cerrar los resultados",
    },
    "fr": {
        "star": "Marquer", "starred": "Marquée", "loading": "Chargement de l’index…",
        "failed": "L’index de recherche n’a pas pu être chargé.", "none": "Aucun résultat.",
        "one": "1 résultat", "many": "{n} résultats", "all": "Tous les résultats",
        "more": "Voir les {n} résultats",
        "person": "Personne", "session": "Session",
        "download": "Télécharger mon programme (.ics)", "calendar": "Mon programme",
        "count_one": "1 session marquée", "count_many": "{n} sessions marquées",
        "empty": "Aucune session marquée : touchez l’étoile à côté d’une session, sur "
                 "n’importe quelle page.",
        "clear": "Retirer toutes les marques", "speakers": "Intervenants",
        "close": "Fermer les résultats",
    },
}


def labels(agenda: Agenda) -> dict[str, str]:
    """The script's words in the event's language (English for a language podium lacks)."""
    return _LABELS.get(agenda.event.language, _LABELS["en"])


def text(agenda: Agenda) -> str:
    """Every character the script may put on a page, for the font subsetter."""
    return " ".join(labels(agenda).values()) + "0123456789"


def script_text(agenda: Agenda, template_dirs: list[Path]) -> str:
    """app.js, its labels and the key its stars are kept under written in."""
    # Where results link to, from the one module that holds the URL scheme.
    paths = {"item": sitemap.item_path("{}").split("{}"),
             "person": sitemap.person_path("{}").split("{}"), "search": sitemap.SEARCH}
    settings = {"labels": labels(agenda), "event": agenda.event.url, "paths": paths,
                "digits": [search.LAST_DIGITS, search.MORE_DIGITS]}
    # JSON is a JavaScript expression; Markup keeps the HTML escaping out of a script file.
    data = Markup(json.dumps(settings, ensure_ascii=False, sort_keys=True))
    return environment(template_dirs).get_template(SCRIPT_TEMPLATE).render(settings=data)


def write(site: Path, agenda: Agenda, template_dirs: list[Path], epoch: int) -> None:
    """app.js, search.json and search.js, then sw.js listing every file in `site`: call it
    after every other file of the site is written."""
    (site / SCRIPT).write_text(script_text(agenda, template_dirs), encoding="utf-8")
    index, script = search.index_bytes(agenda, locale_of(agenda), epoch)
    (site / search.INDEX).write_bytes(index)
    (site / search.SCRIPT).write_bytes(script)
    offline.write(site, template_dirs)
