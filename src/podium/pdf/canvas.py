"""PDF stage: the canvas every podium PDF is drawn on, writing the same bytes on every run."""

from __future__ import annotations

import time
import zlib
from typing import Any

from reportlab.lib.utils import TimeStamp

from podium.fonts import Face
from podium.pdf.fonts import PdfFonts
from podium.pdf.pages import TemplateCanvas

FLATE_LEVEL = 5
"""One below zlib's default (6): on 1,024 badge pages, a quarter less time compressing for
3% more bytes (fonts: the same size)."""


class PdfCanvas(TemplateCanvas):
    """A ReportLab canvas (plain pages written from templates, see `pages`) that also holds
    what its document's text has been shown with so far (see `podium.pdf.text`), so that
    it ends with the document."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.text_pieces: dict[tuple[str, str], tuple[str, str, str]] = {}
        """(subset font name, escaped character, PDF string) of each (font, character)."""
        self.shown_texts: dict[tuple[str, float, str], str] = {}
        """The operators showing each (font, size, simple text)."""


def new_canvas(path: Any, pagesize: tuple[float, float], fonts: PdfFonts, face: Face, *,
               epoch: int, title: str = "", author: str = "podium", lang: str = "") -> PdfCanvas:
    """A canvas that writes reproducible bytes: fixed ids, `epoch` as creation date, and a
    bundled face as starting font (else ReportLab references an unembedded Helvetica), and
    the document's title and language (/Lang, BCP 47) for readers and screen readers."""
    # Streams are compressed by the document's default filter (`_Flate`) rather than by
    # ReportLab's page compression, which adds an ASCII85 layer (a quarter larger, and
    # encoded again to bytes) and is switched off only process-wide (rl_config.useA85).
    canvas = PdfCanvas(path, pagesize=pagesize, invariant=1,
                       initialFontName=fonts.name(face), pageCompression=0, lang=lang or None)
    canvas._doc.defaultStreamFilters = [_FLATE]
    stamp = TimeStamp(invariant=True)
    stamp.t = epoch
    stamp.lt = time.gmtime(epoch)
    stamp.YMDhms = tuple(stamp.lt)[:6]
    canvas._doc._timeStamp = stamp
    canvas.setTitle(title)
    canvas.setAuthor(author)
    canvas.setCreator("podium")
    canvas.setProducer("podium")
    return canvas


class _Flate:
    """A ReportLab stream filter: Flate alone, at `FLATE_LEVEL`."""

    pdfname = "FlateDecode"

    def encode(self, data: str | bytes) -> bytes:
        return zlib.compress(data.encode("utf-8") if isinstance(data, str) else data,
                             FLATE_LEVEL)

    def decode(self, data: bytes) -> bytes:
        return zlib.decompress(data)


_FLATE = _Flate()
