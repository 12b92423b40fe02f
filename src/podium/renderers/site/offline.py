"""Offline stage of the online agenda: sw.js, the service worker that keeps the site.

Its precache list is every page, style, script, font and the search index, in sorted
order, each with a short hash of its bytes. Left out: sw.js itself; search.js, the index's
copy for file://, where no worker runs; and the calendars and schedule exports, data for
other programs, which at FOSDEM scale would be a third of the download (4 MB in a thousand
files). The version is a hash of that list. So an unchanged site writes the same sw.js byte for byte, and any
change to any file changes sw.js, which is how a browser learns to fetch the new site; the
worker then copies the files whose hash did not change from its old cache instead of
downloading them again."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from markupsafe import Markup

from podium.renderers.site import search
from podium.templating import environment

WORKER = "sw.js"
WORKER_TEMPLATE = "site/sw.js"
_LEFT_OUT = frozenset({WORKER, search.SCRIPT, "schedule.xml", "schedule.json"})
_LEFT_OUT_SUFFIXES = (".ics",)


def precache(site: Path) -> list[tuple[str, str]]:
    """(path relative to the site, first 12 hex digits of its SHA-256), sorted by path."""
    files = []
    for path in site.rglob("*"):
        name = path.relative_to(site).as_posix()
        if path.is_file() and name not in _LEFT_OUT and not name.endswith(_LEFT_OUT_SUFFIXES):
            files.append((name, hashlib.sha256(path.read_bytes()).hexdigest()[:12]))
    return sorted(files)


def version(files: list[tuple[str, str]]) -> str:
    lines = "".join(f"{name}\t{digest}\n" for name, digest in files)
    return hashlib.sha256(lines.encode("utf-8")).hexdigest()[:16]


def worker_text(files: list[tuple[str, str]], template_dirs: list[Path]) -> str:
    listed = Markup(json.dumps(files, ensure_ascii=False, separators=(",", ":")))
    return environment(template_dirs).get_template(WORKER_TEMPLATE).render(
        version=version(files), files=listed)


def write(site: Path, template_dirs: list[Path]) -> None:
    """sw.js for the files now in `site`."""
    files = precache(site)
    (site / WORKER).write_text(worker_text(files, template_dirs), encoding="utf-8")
