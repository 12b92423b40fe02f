"""Rendering stage of the booklet: HTML and stylesheets through WeasyPrint into PDF bytes.

Each build gets its own fetcher, and its own FontConfiguration unless it is handed a `Reuse`
(serve's long-lived booklet process: the fonts and the last index laid out, kept while what
they were made from is the same). The PDF's dates and identifier come from the build epoch,
never the clock."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from weasyprint import CSS, HTML
from weasyprint.document import Document
from weasyprint.text.fonts import FontConfiguration

from podium.pdf.subsets import retag
from podium.renderers.booklet.fetch import FolderFetcher
from podium.renderers.booklet.html import Source


@dataclass(frozen=True)
class Rendered:
    pdf: bytes
    pages: int
    fetched: list[str]
    refused: list[str]


AnchorPages = dict[str, int]
"""Page number (from 1) of every anchor in the laid-out body."""


def _anchor_pages(document: Document) -> AnchorPages:
    return {name: number for number, page in enumerate(document.pages, start=1)
            for name in page.anchors}


def iso_date(epoch: int) -> str:
    return dt.datetime.fromtimestamp(epoch, dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


FONT_FILES = (".ttf", ".otf", ".woff", ".woff2")


@dataclass
class Reuse:
    """What one long-lived process keeps between booklet builds. WeasyPrint's font
    configuration reads and registers each @font-face file once: kept while the stylesheets
    and the font files in the template folders are the same. The index (a compact booklet's
    tail) is laid out again only when its source or its first page differ: an edit that moves
    no page keeps it. The PDF is the same, byte for byte, as a build's without any reuse."""

    fonts_key: str = ""
    font_config: FontConfiguration | None = None
    tail_key: str = ""
    tail: Document | None = None

    def fonts(self, key: str) -> FontConfiguration:
        if self.font_config is None or key != self.fonts_key:
            # A face registered by an earlier stylesheet stays registered: start afresh.
            self.font_config, self.fonts_key = FontConfiguration(), key
            self.tail_key, self.tail = "", None
        return self.font_config


def _fonts_key(src: Source, folders: Iterable[Path]) -> str:
    """The stylesheets' text and every font file's path, size and time in `folders`."""
    h = hashlib.sha256()
    for text, path in src.stylesheets:
        h.update(f"{path}\0{len(text)}\0".encode() + text.encode() + b"\0")
    for folder in folders:
        for file in sorted(folder.rglob("*")) if folder.is_dir() else ():
            if file.suffix.lower() in FONT_FILES:
                st = file.stat()
                h.update(f"{file}\0{st.st_size}\0{st.st_mtime_ns}\0".encode())
    return h.hexdigest()


def _source_key(src: Source, first_page: int) -> str:
    h = hashlib.sha256(f"{src.base_dir}\0{first_page}\0".encode() + src.html.encode())
    for text, path in src.stylesheets:
        h.update(f"\0{path}\0".encode() + text.encode())
    return h.hexdigest()


def _layout(src: Source, fetcher: FolderFetcher, font_config: FontConfiguration) -> Document:
    base = src.base_dir.as_uri() + "/"
    sheets = [CSS(string=text, base_url=path.resolve().as_uri() if path else base,
                  url_fetcher=fetcher, font_config=font_config)
              for text, path in src.stylesheets]
    html = HTML(string=src.html, base_url=base, url_fetcher=fetcher)
    return html.render(stylesheets=sheets, font_config=font_config)


def _write(document: Document, *, epoch: int, title: str, html: str) -> bytes:
    stamp = iso_date(epoch)
    document.metadata.title = title
    document.metadata.created = stamp
    document.metadata.modified = stamp
    document.metadata.generator = "podium"
    identifier = hashlib.md5(html.encode() + stamp.encode(), usedforsecurity=False).digest()
    # Tagged PDF/UA-1: a structure tree in reading order (headings, lists, tables, figures
    # with their text), /Lang, the title shown by viewers, bookmarks from the headings.
    pdf: bytes = document.write_pdf(pdf_identifier=identifier, pdf_variant="pdf/ua-1")
    return retag(pdf)


def render_pdf(src: Source, *, folders: Iterable[Path], held: Mapping[Path, bytes] | None = None,
               epoch: int, title: str, revise: Callable[[AnchorPages], Source | None] | None = None,
               passes: int = 1, reuse: Reuse | None = None) -> Rendered:
    """Lay out and write the booklet; only `folders` and the `held` files can be read.
    `revise`, given the page of every anchor, may return a source to lay out instead (at
    most `passes` layouts in all)."""
    folders = list(folders)
    fetcher = FolderFetcher(folders, held)
    font_config = (reuse or Reuse()).fonts(_fonts_key(src, folders))
    document = _layout(src, fetcher, font_config)
    for _ in range(passes - 1):
        better = revise(_anchor_pages(document)) if revise is not None else None
        if better is None:
            break
        src = better
        document = _layout(src, fetcher, font_config)
    pdf = _write(document, epoch=epoch, title=title, html=src.html)
    return Rendered(pdf=pdf, pages=len(document.pages),
                    fetched=fetcher.fetched, refused=fetcher.refused)


def render_in_parts(body: Source, tail: Callable[[AnchorPages, int], Source], *,
                    folders: Iterable[Path], held: Mapping[Path, bytes] | None = None, epoch: int,
                    title: str, reuse: Reuse | None = None) -> Rendered:
    """Lay out `body`, then the tail that `tail(anchor pages, first page)` gives, and write
    both as one PDF.

    An index whose page numbers come from the laid-out body can print each page once and in
    order (CSS target-counter() cannot drop a repeated page), and it costs no second layout
    pass over the whole booklet."""
    folders, reuse = list(folders), reuse or Reuse()
    fetcher = FolderFetcher(folders, held)
    font_config = reuse.fonts(_fonts_key(body, folders))
    first = _layout(body, fetcher, font_config)
    anchors = _anchor_pages(first)
    tail_src = tail(anchors, len(first.pages) + 1)
    key = _source_key(tail_src, len(first.pages) + 1)
    if reuse.tail is None or key != reuse.tail_key:
        reuse.tail, reuse.tail_key = _layout(tail_src, fetcher, font_config), key
    second = reuse.tail
    document = first.copy([*first.pages, *second.pages])
    pdf = _write(document, epoch=epoch, title=title, html=body.html + tail_src.html)
    return Rendered(pdf=pdf, pages=len(document.pages),
                    fetched=fetcher.fetched, refused=fetcher.refused)
