"""Test helper: where a QR code's URL lands in the built site/ folder.

Every QR code points at `event.url` or a page below it (podium.sitemap: sessions/ID.html,
people/ID.html, rooms/ROOM/DATE.html...), with an optional `#fragment`. These helpers map such
a URL to a file in site/ and an element id, and read a page's first heading as the static
HTML has it (no script runs), so tests can prove that every printed code opens its page."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

INDEX = "index.html"


@dataclass(frozen=True)
class Target:
    """A URL mapped into the site folder."""

    file: Path
    anchor: str
    """The fragment, '' when the URL has none."""


class _Ids(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name == "id" and value is not None:
                self.ids.add(value)


class _FirstHeading(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.done = False
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "h1" and not self.done:
            self.depth += 1
        elif self.depth:
            self.depth += tag not in ("br", "img", "wbr")

    def handle_endtag(self, tag: str) -> None:
        if self.depth:
            self.depth -= 1
            self.done = self.depth == 0

    def handle_data(self, data: str) -> None:
        if self.depth:
            self.parts.append(data)


def first_heading(path: Path) -> str:
    """The text of a page's first <h1>, spaces collapsed ('' when it has none)."""
    parser = _FirstHeading()
    parser.feed(path.read_text(encoding="utf-8"))
    parser.close()
    return " ".join(" ".join(parser.parts).split())


def ids_in(html: str) -> set[str]:
    """Every element id of an HTML document."""
    parser = _Ids()
    parser.feed(html)
    parser.close()
    return parser.ids


@lru_cache(maxsize=64)
def _ids_of_file(path: Path, mtime_ns: int, size: int) -> frozenset[str]:
    return frozenset(ids_in(path.read_text(encoding="utf-8")))


def file_ids(path: Path) -> frozenset[str]:
    st = path.stat()
    return _ids_of_file(path, st.st_mtime_ns, st.st_size)


def _base_parts(base: str) -> tuple[str, str]:
    """(scheme://host, folder path ending in '/') of the agenda's base URL."""
    parts = urlsplit(base)
    path = parts.path or "/"
    folder = path if path.endswith("/") else path.rsplit("/", 1)[0] + "/"
    return f"{parts.scheme}://{parts.netloc}".lower(), folder


def locate(url: str, base: str, site_dir: Path) -> Target | None:
    """The file and anchor in `site_dir` that `url` opens, or None if `url` is not under
    `base` (the event's URL). The page at `base` itself is site/index.html."""
    origin, folder = _base_parts(base)
    parts = urlsplit(url)
    if f"{parts.scheme}://{parts.netloc}".lower() != origin or parts.query:
        return None
    base_path = urlsplit(base).path or "/"
    path = parts.path or "/"
    if path == base_path or path + "/" == base_path:
        rel = INDEX
    elif path.startswith(folder):
        rel = unquote(path[len(folder):])
        if not rel or rel.endswith("/"):
            rel += INDEX
    else:
        return None
    if ".." in Path(rel).parts:
        return None
    return Target(site_dir / rel, unquote(parts.fragment))


def resolve(url: str, base: str, site_dir: Path) -> bool:
    """True if `url` is under `base` and opens an existing file and element of `site_dir`."""
    target = locate(url, base, site_dir)
    if target is None or not target.file.is_file():
        return False
    if not target.anchor:
        return True
    if target.file.suffix not in (".html", ".htm"):
        return False
    return target.anchor in file_ids(target.file)
