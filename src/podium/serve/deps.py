"""Watching stage: which outputs an edit touches, from what each renderer declares it reads
(sections of agenda.yaml, print settings, files, templates), compared as fingerprints."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from podium.changes import record_path
from podium.load import Programme


@dataclass(frozen=True)
class Reads:
    """What one renderer reads. A key or file that no renderer declares counts for all of
    them: an edit podium cannot place rebuilds everything, never too little."""

    sections: frozenset[str]
    """Top-level keys of agenda.yaml."""
    print_keys: tuple[str, ...] = ()
    """Keys of `print:`, or prefixes of them ending in `_`."""
    files: tuple[str, ...] = ()
    """Settings naming a file whose bytes count (attendees, print.logo)."""
    templates: tuple[str, ...] = ()
    """Prefixes of paths in the user's templates/ folder."""


_PROGRAMME = frozenset({"event", "rooms", "tracks", "people", "days"})

READS: dict[str, Reads] = {
    "booklet": Reads(_PROGRAMME, ("paper", "booklet_", "logo"), ("logo",), ("booklet",)),
    # Badges read the days only for who appears where (chair, speakers, remote) unless
    # their backs list sessions: see `_project`.
    "badges": Reads(frozenset({"event", "people", "days", "attendees"}),
                    ("badge_", "category_colours", "offset_mm", "logo"),
                    ("attendees", "logo")),
    "signs": Reads(_PROGRAMME, ("sign_", "logo"), ("logo",)),
    "site": Reads(_PROGRAMME, (), (), ("site/",)),
    "tents": Reads(_PROGRAMME, ("tent_",)),
    "participants": Reads(_PROGRAMME | {"attendees"}, ("participants_",), ("attendees",),
                          ("participants",)),
    "signin": Reads(_PROGRAMME | {"attendees"}, ("signin_",), ("attendees",)),
    # What the signs, badges and tents read (it reprints them), and the record (MARKED).
    "reprint": Reads(_PROGRAMME | {"attendees"},
                     ("sign_", "badge_", "category_colours", "offset_mm", "tent_", "logo"),
                     ("attendees", "logo")),
}
MARKED = frozenset({"site", "reprint"})
"""Outputs that show what differs from the printed record (`podium printed`): they read it too."""
LATER = frozenset({"booklet", "participants"})
"""Outputs slow enough (WeasyPrint) that serve rebuilds them after the others are shown."""
_TEMPLATE_PREFIXES = tuple(p for r in READS.values() for p in r.templates)


def _claims(prefixes: Iterable[str], key: str) -> bool:
    return any(key == p or (p.endswith("_") and key.startswith(p)) for p in prefixes)


def _file_digest(base: Path, rel: Any) -> str:
    if not isinstance(rel, str) or not rel.strip():
        return ""
    try:
        return hashlib.sha256((base / rel).read_bytes()).hexdigest()
    except OSError:
        return "missing"


def _templates(base: Path) -> dict[str, str]:
    folder = base / "templates"
    if not folder.is_dir():
        return {}
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _appearances_only(days: Any) -> Any:
    """The days as far as badges without backs see them: who is in which item, and how (and
    the dates: the first one is the build date written into every PDF)."""
    if not isinstance(days, list):
        return days
    return [{"date": day.get("date"),
             "items": [{k: item.get(k) for k in ("chair", "speakers")}
                       for item in day.get("items") or [] if isinstance(item, dict)]}
            if isinstance(day, dict) else day for day in days]


def _project(name: str, reads: Reads | None, data: dict[str, Any], base: Path,
             templates: dict[str, str]) -> dict[str, Any]:
    settings = data.get("print") if isinstance(data.get("print"), dict) else {}
    assert isinstance(settings, dict)
    if reads is None:  # a renderer that declares nothing reads everything
        return {"data": data, "templates": templates,
                "files": {k: _file_digest(base, v) for k, v in
                          (("attendees", data.get("attendees")), ("logo", settings.get("logo")))}}
    claimed = {s for r in READS.values() for s in r.sections} | {"print"}
    out: dict[str, Any] = {k: v for k, v in data.items()
                           if k in reads.sections or k not in claimed}
    if name == "badges" and not settings.get("badge_double_sided"):
        out["days"] = _appearances_only(data.get("days"))
    every_prefix = [p for r in READS.values() for p in r.print_keys]
    out["print"] = {k: v for k, v in settings.items()
                    if _claims(reads.print_keys, k) or not _claims(every_prefix, k)}
    paths = {"attendees": data.get("attendees"), "logo": settings.get("logo")}
    out["files"] = {f: _file_digest(base, paths.get(f)) for f in reads.files}
    # A template of no declared prefix (a macro file, say) counts for all that use templates.
    out["templates"] = {t: d for t, d in templates.items() if reads.templates and (
        t.startswith(reads.templates) or not t.startswith(_TEMPLATE_PREFIXES))}
    return out


def fingerprints(programme: Programme, names: Iterable[str]) -> dict[str, str]:
    """A digest per renderer of everything it reads: equal digests, equal output."""
    located = programme.located
    data = located.data if located is not None and isinstance(located.data, dict) else {}
    base = programme.base_dir
    templates = _templates(base)
    record = _file_digest(base, record_path(programme.source).name)
    out = {}
    for name in names:
        projected = _project(name, READS.get(name), data, base, templates)
        if name in MARKED:
            projected["record"] = record
        text = json.dumps(projected, sort_keys=True, default=str, ensure_ascii=False)
        out[name] = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return out


def touched(before: dict[str, str], now: dict[str, str]) -> list[str]:
    """The renderers whose inputs changed (all of them after a failed or no build)."""
    return [n for n, digest in now.items() if before.get(n) != digest]
