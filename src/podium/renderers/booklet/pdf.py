"""Rendering stage of the booklet: HTML and stylesheets through WeasyPrint into PDF bytes.

Each build gets its own FontConfiguration and fetcher (no state shared between builds), and
the PDF's dates and identifier come from the build epoch, never the clock."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration

from podium.renderers.booklet.fetch import FolderFetcher
from podium.renderers.booklet.html import Source


@dataclass(frozen=True)
class Rendered:
    pdf: bytes
    pages: int
    fetched: list[str]
    refused: list[str]


def iso_date(epoch: int) -> str:
    return dt.datetime.fromtimestamp(epoch, dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def render_pdf(src: Source, *, folders: Iterable[Path], files: Iterable[Path] = (),
               epoch: int, title: str) -> Rendered:
    """Lay out and write the booklet; only `folders` and `files` can be read."""
    fetcher = FolderFetcher(folders, files)
    font_config = FontConfiguration()
    base = src.base_dir.as_uri() + "/"
    sheets = [CSS(string=text, base_url=path.resolve().as_uri() if path else base,
                  url_fetcher=fetcher, font_config=font_config)
              for text, path in src.stylesheets]
    html = HTML(string=src.html, base_url=base, url_fetcher=fetcher)
    document = html.render(stylesheets=sheets, font_config=font_config)
    stamp = iso_date(epoch)
    document.metadata.title = title
    document.metadata.created = stamp
    document.metadata.modified = stamp
    document.metadata.generator = "podium"
    identifier = hashlib.md5(src.html.encode() + stamp.encode(), usedforsecurity=False).digest()
    pdf = document.write_pdf(pdf_identifier=identifier)
    return Rendered(pdf=pdf, pages=len(document.pages),
                    fetched=fetcher.fetched, refused=fetcher.refused)
