"""Reading stage: the attendees CSV, further badge holders beyond the programme's people."""

from __future__ import annotations

import csv
import io
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from podium import attendee_values, controls
from podium.limits import (
    BYTES_PER_VALUE,
    MAX_FILE_BYTES,
    MAX_LINE_CHARS,
    MAX_TEXT_CHARS,
    VALUES_FLOOR,
    max_values,
)
from podium.problems import Problem, SourceFile, did_you_mean, display_name
from podium.values import name_sort_key

COLUMNS = ("name", "title", "role", "organisation", "country", "category", "delegation",
           "remote")
DEFAULT_CATEGORY = "Delegate"


@dataclass(frozen=True)
class Attendee:
    """One row of the attendees CSV."""

    name: str
    title: str | None = None
    role: str | None = None
    organisation: str | None = None
    country: str | None = None
    category: str = DEFAULT_CATEGORY
    row: int = 0
    delegation: str | None = None
    """The delegation or organisation the person comes with, as the list of participants
    groups them (a country's delegation, say); none: their country, else organisation."""
    remote: bool = False
    """Takes part by video link only: marked in the list of participants, left off
    sign-in sheets."""
    extra: dict[str, str] = field(default_factory=dict, hash=False, compare=False)
    """Any further columns (a check-in code, say), kept for badge QR codes."""

    @property
    def sort_key(self) -> tuple[str, str]:
        return name_sort_key(self.name)


def _clean(value: str | None) -> str | None:
    if value is None:
        return None
    text = unicodedata.normalize("NFC", value).strip()
    return text or None


@contextmanager
def _field_limit(limit: int) -> Iterator[None]:
    # The csv module refuses fields over 131,072 characters with an exception that names no
    # row; with the limit raised to the file's size, podium measures fields itself.
    old = csv.field_size_limit(limit)
    try:
        yield
    finally:
        csv.field_size_limit(old)


@dataclass
class _Record:
    row: int  # 1 is the header; a quoted field over several lines is still one row
    first: int  # the file's lines it spans
    last: int
    cells: list[str]


def _records(source: SourceFile, problems: list[Problem]) -> list[_Record]:
    """The file's rows; a row the csv module refuses is a problem at its number."""
    reader = csv.reader(io.StringIO(source.text, newline=""))
    most = max_values(len(source.text))
    out: list[_Record] = []
    with _field_limit(MAX_FILE_BYTES):
        while True:
            first = reader.line_num + 1
            try:
                cells = next(reader)
            except StopIteration:
                break
            except csv.Error as exc:  # pragma: no cover - non-strict reading refuses nothing known
                problems.append(Problem(source.name, len(out) + 1, None, "", f"not CSV: {exc}"))
                continue
            if len(out) == most:
                problems.append(Problem(source.name, len(out) + 1, None, "", f"more than {most:,} rows; "
                                        f"a file of this size may hold {VALUES_FLOOR:,} plus one per "
                                        f"{BYTES_PER_VALUE} bytes; the rest is not read"))
                break
            out.append(_Record(len(out) + 1, first, reader.line_num, cells))
    if out and out[-1].last > out[-1].first and _never_closed(source.text):
        last = out.pop()
        problems.append(Problem(source.name, last.row, None, "", "a quote opened in this row is never "
                                f"closed, so lines {last.first}-{last.last} would be one field; close "
                                'it, or write a quote inside a field as ""'))
    return out


def _never_closed(text: str) -> bool:
    """The file ends inside a quoted field (the lenient reader takes the rest as the field)."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    with _field_limit(MAX_FILE_BYTES):
        while True:
            try:
                next(reader)
            except StopIteration:
                return False
            except csv.Error as exc:
                if "unexpected end of data" in str(exc):
                    return True


def _check_cells(source: SourceFile, record: _Record, header: list[str]) -> list[Problem]:
    """Fields too long (they are cut short), with characters no output can carry (replaced by
    U+FFFD), or, in the named columns, with a line break: a quote left open in the row."""
    out = []
    for i, value in enumerate(record.cells):
        column = header[i] if i < len(header) and header[i] else f"column {i + 1}"

        def problem(message: str, column: str = column) -> None:
            out.append(Problem(source.name, record.row, None, column, message))

        too_long = len(value) > MAX_TEXT_CHARS
        if too_long:
            problem(f"a text of {len(value):,} characters; the longest podium reads is {MAX_TEXT_CHARS:,}")
            value = value[:MAX_TEXT_CHARS]
        if controls.FORBIDDEN.search(value):
            # CR is allowed as part of a line break in the file (CRLF), so in a field too.
            for at, count in controls.first_of_each(value.replace("\r", "")):
                times = f", {count} times in this field" if count > 1 else ""
                problem(controls.describe(value.replace("\r", ""), at, times))
            value = controls.FORBIDDEN.sub(controls.REPLACEMENT, value)
        if column in COLUMNS and ("\n" in value or "\r" in value):
            problem(f"a line break in the field: a quote opened in this row closes only on line "
                    f"{record.last} of the file, taking in the lines between; close the quote where "
                    "the field ends")
        if column in COLUMNS and len(value.strip()) > MAX_LINE_CHARS and not too_long:
            # As in agenda.yaml: a name or title is one line, printed in one piece.
            problem(f"'{' '.join(value[:40].split())}…' is {len(value.strip()):,} characters long; "
                    f"a one-line text (a name, a title) has at most {MAX_LINE_CHARS:,}")
            value = value.strip()[:MAX_LINE_CHARS]
        record.cells[i] = value
    return out


def read_attendees(path: Path) -> tuple[list[Attendee], list[Problem]]:
    """Read the CSV; every problem is reported as FILE:ROW: message (row 1 is the header)."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return [], [Problem(display_name(path), 1, None, "", f"the file is {size:,} bytes; the "
                                f"largest attendees file podium reads is {MAX_FILE_BYTES:,} bytes")]
        source = SourceFile.read(path)
    except FileNotFoundError:
        return [], [Problem(display_name(path), 1, None, "", "file not found")]
    except UnicodeDecodeError as exc:
        return [], [Problem(display_name(path), 1, None, "",
                            f"not UTF-8 text ({exc.reason} at byte {exc.start}); save it as CSV UTF-8")]
    problems: list[Problem] = []
    records = _records(source, problems)
    if not records:
        return [], [*problems, Problem(source.name, 1, None, "", "the file is empty; expected a header "
                                       f"row with {','.join(COLUMNS)}")]
    problems += _check_cells(source, records[0], [])
    header = [h.strip().lower() for h in records[0].cells]
    for h in header:
        if h not in COLUMNS and not h:
            problems.append(Problem(source.name, 1, None, "", "a column has no name"))
    if "name" not in header:
        hint = next((did_you_mean("name", [h]) for h in header if did_you_mean("name", [h])), "")
        problems.append(Problem(source.name, 1, None, "", f"no 'name' column{hint} "
                                f"(columns are {','.join(COLUMNS)})"))
        return [], problems
    for h in header:
        if h and h not in COLUMNS and did_you_mean(h, COLUMNS):
            problems.append(Problem(source.name, 1, None, "",
                                    f"unknown column '{h}'{did_you_mean(h, COLUMNS)}", "warning"))
    out: list[Attendee] = []
    seen: dict[tuple[str, str | None], int] = {}
    for record in records[1:]:
        number, row = record.row, record.cells
        if not any(cell.strip() for cell in row):
            continue
        problems += _check_cells(source, record, header)
        if len(row) > len(header):
            problems.append(Problem(source.name, number, None, "",
                                    f"{len(row)} fields but the header has {len(header)}"))
            continue
        cells = {h: _clean(v) for h, v in zip(header, row, strict=False)}
        name = cells.get("name")
        if not name:
            problems.append(Problem(source.name, number, None, "name", "empty name"))
            continue
        key = (name.casefold(), (cells.get("organisation") or "").casefold())
        if key in seen:
            problems.append(Problem(source.name, number, None, "name",
                                    f"'{name}' is listed twice (first on row {seen[key]})"))
            continue
        seen[key] = number
        remote, why = attendee_values.remote_value(cells.get("remote"))
        if why:
            problems.append(Problem(source.name, number, None, "remote", why))
        if cells.get("country") and (why := attendee_values.country_problem(cells["country"] or "")):
            problems.append(Problem(source.name, number, None, "country", why, "warning"))
        out.append(Attendee(
            name=name, title=cells.get("title"), role=cells.get("role"),
            organisation=cells.get("organisation"), country=cells.get("country"),
            category=cells.get("category") or DEFAULT_CATEGORY, row=number,
            delegation=cells.get("delegation"), remote=remote,
            extra={h: v for h, v in cells.items() if h not in COLUMNS and h and v},
        ))
    return out, problems
