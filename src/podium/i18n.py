"""Presentation stage: printed labels and dates in the event's language (en, es, fr)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

from babel.dates import format_date as _babel_format_date

_LABELS: dict[str, dict[str, str]] = {
    "en": {
        "session": "Session", "chair": "Chair", "speakers": "Speakers", "panelists": "Panelists",
        "questions": "Questions", "background": "Background", "remote": "via VTC",
        "programme": "Programme", "at_a_glance": "At a glance", "speaker_index": "Speakers",
        "page": "Page", "next": "Next", "room": "Room", "day": "Day", "break": "Break",
        "online_agenda": "Online agenda", "scan": "Scan for the online agenda",
        "your_sessions": "Your sessions",
        "speaker_role": "Speaker", "add_to_calendar": "Add to calendar",
        "skip_to_programme": "Skip to the programme", "days": "Days", "local_time": "Local time",
        "continued": "continued", "page_of": "Page {page} of {pages}",
        "track": "Track", "time": "Time", "rooms_at_a_glance": "Rooms at a glance",
        "all_rooms": "All rooms", "other_names": "Other",
        "badges": "badges", "door_signs": "door signs",
        "category_speaker": "Speaker", "category_chair": "Chair", "category_delegate": "Delegate",
        "day_ends": "End of the day", "programme_ends": "End of the programme",
        "table_tents": "table tents", "screen_cards": "screen cards", "seating_plan": "Seating plan",
        "seat": "Seat", "audience": "Hall (audience)", "on_screen": "On screen, by video link",
        "fold": "fold", "list_of_participants": "List of participants", "participants": "participants",
        "video_link": "by video link", "sign_in_sheet": "Sign-in sheet", "sign_in_sheets": "sign-in sheets",
        "name": "Name", "organisation": "Organisation", "signature": "Signature", "number": "No.",
        "reprint": "reprint", "change_sheet": "Changes to the programme",
        "changes_since": "Changes since the print run of {date}", "change": "Change",
        "errata_title": "Changes since this programme was printed", "pages": "Pages",
        "all_changes": "All changes online",
    },
    "es": {
        "session": "Sesión", "chair": "Moderación", "speakers": "Oradores", "panelists": "Panelistas",
        "questions": "Preguntas", "background": "Contexto", "remote": "por videoconferencia",
        "programme": "Programa", "at_a_glance": "Resumen del día", "speaker_index": "Oradores",
        "page": "Página", "next": "A continuación", "room": "Sala", "day": "Día", "break": "Pausa",
        "online_agenda": "Agenda en línea", "scan": "Escanee para ver la agenda en línea",
        "your_sessions": "Sus sesiones",
        "speaker_role": "Ponencia", "add_to_calendar": "Añadir al calendario",
        "skip_to_programme": "Ir al programa", "days": "Días", "local_time": "Hora local",
        "continued": "continuación", "page_of": "Página {page} de {pages}",
        "track": "Temática", "time": "Horario", "rooms_at_a_glance": "Salas del día",
        "all_rooms": "Todas las salas", "other_names": "Otros",
        "badges": "acreditaciones", "door_signs": "carteles de sala",
        "category_speaker": "Ponente", "category_chair": "Moderación",
        "category_delegate": "Delegación",
        "day_ends": "Fin de la jornada", "programme_ends": "Fin del programa",
        "table_tents": "carteles de mesa", "screen_cards": "tarjetas de pantalla",
        "seating_plan": "Disposición de la mesa", "seat": "Asiento", "audience": "Sala (público)",
        "on_screen": "En pantalla, por videoconferencia", "fold": "doblar",
        "list_of_participants": "Lista de participantes", "participants": "participantes",
        "video_link": "por videoconferencia", "sign_in_sheet": "Hoja de firmas",
        "sign_in_sheets": "hojas de firmas", "name": "Nombre", "organisation": "Organización",
        "signature": "Firma", "number": "N.º",
        "reprint": "reimpresión", "change_sheet": "Cambios en el programa",
        "changes_since": "Cambios desde la impresión del {date}", "change": "Cambio",
        "errata_title": "Cambios desde la impresión de este programa", "pages": "Páginas",
        "all_changes": "Todos los cambios en línea",
    },
    "fr": {
        "session": "Session", "chair": "Présidence", "speakers": "Intervenants", "panelists": "Panélistes",
        "questions": "Questions", "background": "Contexte", "remote": "par visioconférence",
        "programme": "Programme", "at_a_glance": "Aperçu de la journée", "speaker_index": "Intervenants",
        "page": "Page", "next": "Ensuite", "room": "Salle", "day": "Jour", "break": "Pause",
        "online_agenda": "Programme en ligne", "scan": "Scannez pour le programme en ligne",
        "your_sessions": "Vos sessions",
        "speaker_role": "Intervention", "add_to_calendar": "Ajouter au calendrier",
        "skip_to_programme": "Aller au programme", "days": "Jours", "local_time": "Heure locale",
        "continued": "suite", "page_of": "Page {page} sur {pages}",
        "track": "Thématique", "time": "Horaire", "rooms_at_a_glance": "Salles du jour",
        "all_rooms": "Toutes les salles", "other_names": "Autres",
        "badges": "badges", "door_signs": "affiches de salle",
        "category_speaker": "Intervenant", "category_chair": "Présidence",
        "category_delegate": "Délégation",
        "day_ends": "Fin de la journée", "programme_ends": "Fin du programme",
        "table_tents": "chevalets de table", "screen_cards": "cartons d'écran",
        "seating_plan": "Plan de table", "seat": "Place", "audience": "Salle (public)",
        "on_screen": "À l'écran, par visioconférence", "fold": "plier",
        "list_of_participants": "Liste des participants", "participants": "participants",
        "video_link": "par visioconférence", "sign_in_sheet": "Feuille d'émargement",
        "sign_in_sheets": "feuilles d'émargement", "name": "Nom", "organisation": "Organisation",
        "signature": "Signature", "number": "N°",
        "reprint": "réimpression", "change_sheet": "Modifications du programme",
        "changes_since": "Modifications depuis l'impression du {date}", "change": "Modification",
        "errata_title": "Modifications depuis l'impression de ce programme", "pages": "Pages",
        "all_changes": "Toutes les modifications en ligne",
    },
}

LANGUAGES = tuple(_LABELS)

_ASSIGNED = frozenset({"Speaker", "Chair", "Delegate"})
"""The categories podium gives by itself (the keys of print.category_colours stay these)."""


@lru_cache(maxsize=1024)
def format_date(date: dt.date, pattern: str, locale: str) -> str:
    """Babel's `format_date`, remembered: every door sign and badge back prints the same
    few dates, and Babel parses the pattern and reads the locale's data each time."""
    return str(_babel_format_date(date, pattern, locale=locale))


@dataclass(frozen=True)
class Locale:
    """Labels and date formats for one language."""

    language: str

    def label(self, key: str) -> str:
        """A printed label, such as 'Chair' or 'via VTC'."""
        return _LABELS[self.language][key]

    def category(self, name: str) -> str:
        """A badge category as printed: the ones podium assigns (Speaker, Chair, Delegate) in
        the event's language, the organiser's own as written."""
        key = f"category_{name.lower()}"
        return _LABELS[self.language].get(key, name) if name in _ASSIGNED else name

    @property
    def labels(self) -> dict[str, str]:
        return dict(_LABELS[self.language])

    def long_date(self, date: dt.date) -> str:
        """'Tuesday, 10 December 2024' / 'martes, 10 de diciembre de 2024'."""
        if self.language == "en":
            # Babel's English 'full' is US order (December 10); an international event reads
            # day-month-year.
            return format_date(date, "EEEE, d MMMM y", locale="en_GB")
        return format_date(date, "full", locale=self.language)

    def weekday(self, date: dt.date) -> str:
        return format_date(date, "EEEE", locale=self.language)

    def weekday_day(self, date: dt.date) -> str:
        """'Sun 28' / 'dom 28' / 'dim. 28': the calendar day of an item past midnight."""
        return format_date(date, "EEE d", locale="en_GB" if self.language == "en" else self.language)

    def day_short(self, date: dt.date) -> str:
        """'Wed 11 Dec' / 'mié 11 dic' / 'mer. 11 déc.': another day, on a 'next' line."""
        return format_date(date, "EEE d MMM",
                           locale="en_GB" if self.language == "en" else self.language)

    def short_date(self, date: dt.date) -> str:
        """'10 December' / '10 de diciembre'."""
        if self.language == "en":
            return format_date(date, "d MMMM", locale="en_GB")
        return format_date(date, "d MMMM" if self.language == "fr" else "d 'de' MMMM",
                           locale=self.language)

    def date_range(self, first: dt.date, last: dt.date) -> str:
        """'10-11 December 2024', for covers and signs."""
        year = f"{' de' if self.language == 'es' else ''} {last.year}"
        if first == last:
            return f"{self.short_date(first)}{year}"
        if (first.year, first.month) == (last.year, last.month):
            return f"{first.day}–{self.short_date(last)}{year}"
        return f"{self.short_date(first)} – {self.short_date(last)}{year}"


def time_text(t: dt.time) -> str:
    """Times print on the 24-hour clock, as the agenda writes them."""
    return t.strftime("%H:%M")


def time_range(start: dt.time, end: dt.time | None) -> str:
    return f"{time_text(start)}–{time_text(end)}" if end else time_text(start)
