"""Import stage: frab schedule XML and pretalx/c3voc schedule JSON into agenda.yaml data."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from podium.fonts import FontRegistry, bundled
from podium.importers.convert import Converter
from podium.importers.frab import read_frab
from podium.importers.pretalx import read_schedule_json
from podium.importers.report import Report
from podium.importers.source import ImportFailed, SourceSchedule

Reader = Callable[[Path], SourceSchedule]

READERS: dict[str, Reader] = {
    "frab": read_frab,
    "pretalx": read_schedule_json,
}
"""The readers by `--format` name: frab (schedule XML of every flavour) and pretalx (schedule
JSON of every flavour). A new format is one reader here and one prefix in `_SNIFF`."""

FORMATS = tuple(READERS)

_SNIFF = ((b"<", "frab"), (b"{", "pretalx"), (b"[", "pretalx"))
"""How a file starts, and the reader that takes it."""

__all__ = ["FORMATS", "READERS", "ImportFailed", "Imported", "detect_format", "import_schedule",
           "read_source"]


@dataclass
class Imported:
    """The agenda data of one import, with what the import did to get it."""

    agenda: dict[str, Any]
    report: Report
    source: SourceSchedule


def detect_format(path: Path) -> str:
    """`frab` for XML, `pretalx` for JSON, judged by the first characters of the file."""
    try:
        with path.open("rb") as f:
            head = f.read(512)
    except OSError as exc:
        raise ImportFailed(f"cannot read the file: {exc.strerror or exc}") from exc
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    found = next((name for prefix, name in _SNIFF if start.startswith(prefix)), None)
    if found is not None:
        return found
    shown = start[:20].decode("utf-8", "replace") or "nothing"
    raise ImportFailed(f"not a frab schedule XML or a schedule JSON (it starts with {shown!r}); "
                       "give --format frab or --format pretalx if it is one")


def read_source(path: Path, fmt: str | None = None) -> SourceSchedule:
    """Read the export in the given (or detected) format."""
    if not path.is_file():
        raise ImportFailed("file not found")
    fmt = fmt or detect_format(path)
    reader = READERS.get(fmt)
    if reader is None:
        raise ImportFailed(f"unknown format '{fmt}'; use one of {', '.join(FORMATS)}")
    return reader(path)


def import_schedule(path: Path, fmt: str | None = None, *, timezone: str | None = None,
                    url: str | None = None, fonts: FontRegistry | None = None) -> Imported:
    """Read a schedule export and convert it; every skipped or changed thing is in the report."""
    source = read_source(path, fmt)
    try:
        converter = Converter(source, fonts or bundled(), timezone=timezone, url=url)
    except ValueError as exc:
        raise ImportFailed(str(exc)) from exc
    agenda = converter.run()
    return Imported(agenda=agenda, report=converter.report, source=source)
