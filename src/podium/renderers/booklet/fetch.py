"""Rendering stage of the booklet: the only door through which WeasyPrint may read a file.

Agenda text is escaped, so it can never become a link; this fetcher is the second lock: it
serves files from the template folders, the bundled fonts and files held in memory (the
logo, as read when the agenda loaded) only, and refuses every other URL (http:, ftp:,
data: and any file elsewhere)."""

from __future__ import annotations

import mimetypes
from collections.abc import Iterable, Mapping
from pathlib import Path
from urllib.parse import unquote, urlsplit

from weasyprint.urls import URLFetcher, URLFetcherResponse


class RefusedURL(ValueError):
    """A URL outside the folders the booklet may read."""


class FolderFetcher(URLFetcher):  # type: ignore[misc]
    """Serve `file:` URLs below `folders` (or one of `held`, from its bytes); refuse the rest.

    `fetched` and `refused` record every request, so a build can be audited."""

    def __init__(self, folders: Iterable[Path], held: Mapping[Path, bytes] | None = None) -> None:
        super().__init__(allowed_protocols=("file",))
        self.folders = tuple(p.resolve() for p in folders)
        self.held = {p.resolve(): data for p, data in (held or {}).items()}
        self.fetched: list[str] = []
        self.refused: list[str] = []

    def allows(self, path: Path) -> bool:
        real = path.resolve()
        return real in self.held or any(real.is_relative_to(f) for f in self.folders)

    def fetch(self, url: str, headers: object = None) -> URLFetcherResponse:
        parts = urlsplit(url)
        path = Path(unquote(parts.path))
        held = self.held.get(path.resolve()) if parts.scheme == "file" else None
        if held is None and (parts.scheme != "file" or parts.netloc not in ("", "localhost")
                             or not self.allows(path) or not path.is_file()):
            self.refused.append(url)
            raise RefusedURL(f"the booklet may not read {url}")
        self.fetched.append(url)
        kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        if path.suffix == ".ttf":
            kind = "font/ttf"
        return URLFetcherResponse(url, held if held is not None else path.read_bytes(),
                                  {"Content-Type": kind})
