"""Reading stage: the attendees CSV, further badge holders beyond the programme's people."""

from __future__ import annotations

import csv
import io
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from podium.problems import Problem, SourceFile, did_you_mean, display_name
from podium.values import name_sort_key

COLUMNS = ("name", "title", "role", "organisation", "country", "category")
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


def read_attendees(path: Path) -> tuple[list[Attendee], list[Problem]]:
    """Read the CSV; every problem is reported as FILE:ROW: message (row 1 is the header)."""
    try:
        source = SourceFile.read(path)
    except FileNotFoundError:
        return [], [Problem(display_name(path), 1, None, "", "file not found")]
    except UnicodeDecodeError as exc:
        return [], [Problem(display_name(path), 1, None, "",
                            f"not UTF-8 text ({exc.reason} at byte {exc.start}); save it as CSV UTF-8")]
    reader = csv.reader(io.StringIO(source.text, newline=""))
    rows = list(reader)
    if not rows:
        return [], [Problem(source.name, 1, None, "", "the file is empty; expected a header row "
                            f"with {','.join(COLUMNS)}")]
    header = [h.strip().lower() for h in rows[0]]
    problems: list[Problem] = []
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
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
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
        out.append(Attendee(
            name=name, title=cells.get("title"), role=cells.get("role"),
            organisation=cells.get("organisation"), country=cells.get("country"),
            category=cells.get("category") or DEFAULT_CATEGORY, row=number,
            extra={h: v for h, v in cells.items() if h not in COLUMNS and h and v},
        ))
    return out, problems
