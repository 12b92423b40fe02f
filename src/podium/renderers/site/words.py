"""Presentation stage of the online agenda: the site's own labels in en, es and fr.

Kept beside the site rather than in podium.i18n, which holds what the printed pieces share;
`labels(locale)` gives both, the site's words winning."""

from __future__ import annotations

from podium.i18n import Locale

_WORDS: dict[str, dict[str, str]] = {
    "en": {
        "skip_to_content": "Skip to content",
        "site_nav": "Site",
        "rooms": "Rooms",
        "tracks": "Tracks",
        "now": "Now",
        "my_agenda": "My agenda",
        "search": "Search",
        "search_placeholder": "Sessions, speakers…",
        "people": "People",
        "previous_in_room": "Before in this room",
        "next_in_room": "Next in this room",
        "sessions": "Sessions",
        "filter_rooms": "Rooms",
        "filter_tracks": "Tracks",
        "exports": "Calendars and data",
        "whole_agenda_ics": "Whole agenda (iCalendar)",
        "room_calendar": "Room calendar",
        "track_calendar": "Track calendar",
        "calendar_folder": "All calendars",
        "schedule_xml": "Schedule XML (frab)",
        "schedule_json": "Schedule JSON (c3voc)",
        "now_playing": "Now",
        "up_next": "Next",
        "nothing_now": "Nothing on right now",
        "nothing_next": "Nothing more today",
        "whole_programme": "See the whole programme",
        "room_screen": "Room screen",
        "updates_with_js": "This page follows the clock when JavaScript is on; without it, it "
                           "shows the whole programme below.",
        "my_intro": "Star sessions on any page and they are listed here, kept in this browser "
                    "only. This needs JavaScript.",
        "my_empty": "No starred sessions yet.",
        "search_intro": "Search needs JavaScript. Without it, every speaker is listed below, and "
                        "the days, rooms and tracks are on the front page.",
        "day_filter_hint": "Show one room or one track:",
    },
    "es": {
        "skip_to_content": "Ir al contenido",
        "site_nav": "Sitio",
        "rooms": "Salas",
        "tracks": "Temáticas",
        "now": "Ahora",
        "my_agenda": "Mi agenda",
        "search": "Buscar",
        "search_placeholder": "Sesiones, oradores…",
        "people": "Personas",
        "previous_in_room": "Antes en esta sala",
        "next_in_room": "Después en esta sala",
        "sessions": "Sesiones",
        "filter_rooms": "Salas",
        "filter_tracks": "Temáticas",
        "exports": "Calendarios y datos",
        "whole_agenda_ics": "Agenda completa (iCalendar)",
        "room_calendar": "Calendario de la sala",
        "track_calendar": "Calendario de la temática",
        "calendar_folder": "Todos los calendarios",
        "schedule_xml": "Programa XML (frab)",
        "schedule_json": "Programa JSON (c3voc)",
        "now_playing": "Ahora",
        "up_next": "A continuación",
        "nothing_now": "Nada en este momento",
        "nothing_next": "Nada más hoy",
        "whole_programme": "Ver el programa completo",
        "room_screen": "Pantalla de sala",
        "updates_with_js": "Esta página sigue el reloj con JavaScript; sin él, muestra el programa"
                           " completo abajo.",
        "my_intro": "Marque sesiones con una estrella en cualquier página y aparecerán aquí, "
                    "guardadas solo en este navegador. Requiere JavaScript.",
        "my_empty": "Todavía no hay sesiones marcadas.",
        "search_intro": "La búsqueda requiere JavaScript. Sin él, abajo figuran todos los "
                        "oradores, y los días, salas y temáticas están en la portada.",
        "day_filter_hint": "Ver una sala o una temática:",
    },
    "fr": {
        "skip_to_content": "Aller au contenu",
        "site_nav": "Site",
        "rooms": "Salles",
        "tracks": "Thématiques",
        "now": "En ce moment",
        "my_agenda": "Mon programme",
        "search": "Rechercher",
        "search_placeholder": "Sessions, intervenants…",
        "people": "Personnes",
        "previous_in_room": "Avant dans cette salle",
        "next_in_room": "Ensuite dans cette salle",
        "sessions": "Sessions",
        "filter_rooms": "Salles",
        "filter_tracks": "Thématiques",
        "exports": "Calendriers et données",
        "whole_agenda_ics": "Programme complet (iCalendar)",
        "room_calendar": "Calendrier de la salle",
        "track_calendar": "Calendrier de la thématique",
        "calendar_folder": "Tous les calendriers",
        "schedule_xml": "Programme XML (frab)",
        "schedule_json": "Programme JSON (c3voc)",
        "now_playing": "En ce moment",
        "up_next": "Ensuite",
        "nothing_now": "Rien en ce moment",
        "nothing_next": "Plus rien aujourd’hui",
        "whole_programme": "Voir tout le programme",
        "room_screen": "Écran de salle",
        "updates_with_js": "Cette page suit l’horloge avec JavaScript ; sans lui, elle montre tout"
                           " le programme ci-dessous.",
        "my_intro": "Marquez des sessions d’une étoile sur n’importe quelle page : elles sont "
                    "listées ici, gardées dans ce navigateur seulement. JavaScript est requis.",
        "my_empty": "Aucune session marquée pour l’instant.",
        "search_intro": "La recherche requiert JavaScript. Sans lui, tous les intervenants sont "
                        "listés ci-dessous ; les jours, salles et thématiques sont en page "
                        "d’accueil.",
        "day_filter_hint": "Voir une salle ou une thématique :",
    },
}


def labels(locale: Locale) -> dict[str, str]:
    """Every label a site page may show, in the event's language."""
    return {**locale.labels, **_WORDS[locale.language]}
