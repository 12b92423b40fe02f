"""Loading stage: agenda.yaml (and its attendees CSV) in, a checked `Programme` out.

The stages, in order:
1. read the YAML with the position of every key and value, within `podium.limits` (a file
   past a limit stops here), reporting characters no output can carry (`podium.controls`);
2. validate it against the typed schema;
3. read the attendees CSV it names, if any (within the same limits), and the logo
   (`printchecks`: format and pixel count before decoding, decoded once); both must be
   inside the agenda's folder (links followed) unless the person building allows other
   places (--allow-outside); the booklet's press sheet must hold its imposition; the
   printed record beside the agenda (`agenda.printed.json`), if there is one;
4. cross-check ids, references and times on the raw data (so they run even after 2 fails);
5. check that the bundled fonts can draw every character (and that CSV columns printed as
   QR codes fit in one);
6. raise `AgendaError` with every problem found, or return the programme and its warnings.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from podium import printchecks
from podium.attendees import Attendee, read_attendees
from podium.changes.record import Entry, record_path
from podium.changes.record import read as read_record
from podium.checks import cross_check
from podium.fonts import FontRegistry, bundled, describe_char
from podium.limits import MAX_URL_CHARS
from podium.load_paths import outside
from podium.logo import Logo
from podium.model import Agenda
from podium.problems import AgendaError, Problem, display_name, sort_problems
from podium.schema_errors import schema_problems
from podium.yamlsource import Located, Path_, format_path, read_yaml


@dataclass
class Programme:
    """A loaded, checked agenda and everything it refers to."""

    agenda: Agenda
    source: Path
    attendees: list[Attendee] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    located: Located | None = field(default=None, repr=False, compare=False)
    """Where each key and value of the agenda file is, for renderers' error messages."""
    logo: Logo | None = field(default=None, repr=False, compare=False)
    """`print.logo`, checked and decoded at load; the renderers draw this one."""
    history: list[Entry] = field(default_factory=list, repr=False, compare=False)
    """What went to the printer, oldest first (`agenda.printed.json`; see podium.changes)."""
    compared: Any = field(default=None, repr=False, compare=False)
    """The programme against `history`, once worked out (`podium.changes.comparison`)."""

    def problem(self, path: Path_, message: str) -> Problem:
        """A problem at `path` of the agenda (e.g. ("people", 3, "name")), positioned."""
        if self.located is not None:
            return self.located.problem(path, message)
        return Problem(display_name(self.source), 1, None, format_path(path), message)

    @property
    def base_dir(self) -> Path:
        """The folder of the agenda file; relative paths in it start here."""
        return self.source.parent


def _strings(data: Any) -> Iterator[tuple[Path_, str]]:
    """Every text in `data` with its path, in order (a loop, not recursion: values nest 64 deep)."""
    stack: list[tuple[Path_, Any]] = [((), data)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, str):
            yield path, value
        elif isinstance(value, dict):
            stack.extend(((*path, k), v) for k, v in reversed(value.items()))
        elif isinstance(value, list):
            stack.extend(((*path, i), value[i]) for i in range(len(value) - 1, -1, -1))


def coverage_problems(located: Located, fonts: FontRegistry) -> list[Problem]:
    """A positioned error for each text that holds a character no bundled font can draw."""
    texts = [(path, unicodedata.normalize("NFC", text)) for path, text in _strings(located.data)]
    # One look at every character at once; as a rule the fonts draw them all. (A line break
    # between texts keeps a combining mark from composing with the text before.)
    if not fonts.missing("\n".join(text for _, text in texts)):
        return []
    out = []
    for path, text in texts:
        gaps = fonts.missing(text)
        if gaps:
            chars = ", ".join(describe_char(c) for c in gaps)
            out.append(located.problem(path, f"no bundled font can draw {chars} in '{text.strip()}'"))
    return out


def _attendee_problems(located: Located, allow_outside: bool = False
                       ) -> tuple[list[Attendee], list[Problem]]:
    data = located.data if isinstance(located.data, dict) else {}
    rel = data.get("attendees")
    if not isinstance(rel, str) or not rel.strip():
        return [], []
    path = located.source.path.parent / rel
    why = None if allow_outside else outside(located.source.path.parent, rel)
    if why:
        return [], [located.problem(("attendees",), why)]
    if not path.is_file():
        return [], [located.problem(("attendees",), f"file '{rel}' not found (looked in {path.parent})")]
    return read_attendees(path)


def _attendee_coverage(attendees: list[Attendee], fonts: FontRegistry, csv_name: str) -> list[Problem]:
    out = []
    for a in attendees:
        for label in ("name", "title", "role", "organisation", "country", "category"):
            text = getattr(a, label) or ""
            gaps = fonts.missing(text)
            if gaps:
                chars = ", ".join(describe_char(c) for c in gaps)
                out.append(Problem(csv_name, a.row, None, label,
                                   f"no bundled font can draw {chars} in '{text}'"))
    return out


def _qr_columns(agenda: Agenda, attendees: list[Attendee], csv_name: str) -> list[Problem]:
    """A CSV column that print.badge_qr prints as a QR code must fit in one (a URL's length)."""
    settings = agenda.print_
    modes = [*settings.badge_qr.values(), settings.badge_qr_default]
    columns = {m.strip().removeprefix("column:").strip().lower() for m in modes
               if m.strip().startswith("column:")}
    return [Problem(csv_name, a.row, None, column, f"'{value[:40]}…' is {len(value):,} characters "
                    f"long; a badge's QR code holds at most {MAX_URL_CHARS} (print.badge_qr prints "
                    "this column)")
            for a in attendees for column in sorted(columns)
            if len(value := a.extra.get(column, "")) > MAX_URL_CHARS]


def load(path: str | Path, *, fonts: FontRegistry | None = None,
         allow_outside: bool = False) -> Programme:
    """Load and check an agenda; raise `AgendaError` listing every error at once. Files it
    names must be inside its folder unless `allow_outside`."""
    source = Path(path)
    if not source.is_file():
        raise AgendaError([Problem(str(source), 1, None, "", "file not found")])
    fonts = fonts or bundled()
    located, problems = read_yaml(source)                                  # 1
    if located is None:
        raise AgendaError(problems)
    agenda, schema = schema_problems(located)                              # 2
    problems += schema
    attendees, csv_problems = _attendee_problems(located, allow_outside)   # 3
    problems += csv_problems
    logo, logo_problems = printchecks.logo_problems(located, allow_outside)
    problems += logo_problems + printchecks.logo_warnings(located, logo)
    problems += printchecks.sheet_problems(located, agenda) if agenda is not None else []
    history: list[Entry] = []
    try:
        history = read_record(record_path(source))
    except AgendaError as exc:
        problems += exc.problems
    problems += cross_check(located, {a.name for a in attendees})          # 4
    problems += coverage_problems(located, fonts)                          # 5
    if attendees:
        csv_name = display_name(located.source.path.parent / str(located.data["attendees"]))
        problems += _attendee_coverage(attendees, fonts, csv_name)
        problems += _qr_columns(agenda, attendees, csv_name) if agenda is not None else []
    problems = sort_problems(problems)                                     # 6
    errors = [p for p in problems if p.is_error]
    if errors or agenda is None:
        raise AgendaError(problems)
    return Programme(agenda=agenda, source=source, attendees=attendees,
                     warnings=[p for p in problems if not p.is_error], located=located,
                     logo=logo, history=history)
