"""PDF stage: page dictionaries written from the bytes ReportLab wrote for the first one.

ReportLab builds and formats every page dictionary (media box, resources, parent, contents)
object by object, which costs about as much as compressing a badge sheet's contents. The
pages of a podium document differ, as a rule, only in their contents: `TemplateCanvas`
lets ReportLab write the first page of each kind itself, keeps the bytes around the
contents reference, and writes later pages of the same kind from them. A page that uses
anything more (images, annotations, transparency, boxes) is written by ReportLab as usual,
and so is every page if its bytes do not hold the contents reference exactly once. The
objects are registered in the order ReportLab registers them, so the file is the same."""

from __future__ import annotations

from typing import Any

from reportlab.pdfbase.pdfdoc import PDFPage, PDFStream
from reportlab.pdfbase.pdfdoc import format as pdf_format
from reportlab.pdfgen.canvas import Canvas

_PLAIN_EMPTY = ("Annots", "XObjects", "ExtGState", "_colorsUsed", "_shadingsUsed", "Contents",
                "Resources", "CropBox", "ArtBox", "TrimBox", "BleedBox", "Dur", "Thumb", "B",
                "Hid", "AA", "PieceInfo", "LastModified", "SeparationInfo", "ID", "PZ")
"""Attributes of a page that must be unset for its dictionary to follow the template."""


class TemplateCanvas(Canvas):  # type: ignore[misc]  # ReportLab is untyped
    """A ReportLab canvas whose plain pages are written from a template (see module)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.page_templates: dict[tuple[Any, ...], tuple[bytes, bytes] | None] = {}
        """The bytes before and after the contents reference of the first page of each
        kind (None: not one reference), shared by the document's pages."""

    def showPage(self) -> None:
        super().showPage()
        page = self._doc.Pages.pages[-1]
        if type(page) is PDFPage:
            page.__class__ = _TemplatePage
            page.templates = self.page_templates


def _kind(page: PDFPage) -> tuple[Any, ...] | None:
    """What a plain page's dictionary depends on besides its contents; None if the page
    is not plain."""
    if (page.Override_default_compilation or page.compression or not page.stream
            or any(getattr(page, name, None) for name in _PLAIN_EMPTY)):
        return None
    trans = page.Trans
    if trans is not None and getattr(trans, "dict", None):
        return None
    return (page.pagewidth, page.pageheight, page.Rotate, bool(page.hasImages),
            page.MediaBox is None, page.Parent is None)


class _TemplatePage(PDFPage):  # type: ignore[misc]
    Contents: Any
    templates: dict[tuple[Any, ...], tuple[bytes, bytes] | None]
    """Its canvas's `page_templates` (set when the page is made)."""

    def format(self, document: Any) -> bytes:
        kind = _kind(self)
        if kind is None:
            return super().format(document)  # type: ignore[no-any-return]
        templates = self.templates
        if kind not in templates:
            out: bytes = super().format(document)
            marker = b"/Contents " + pdf_format(document.Reference(self.Contents), document) + b" "
            parts = out.split(marker)
            templates[kind] = (parts[0], parts[1]) if len(parts) == 2 else None
            return out
        template = templates[kind]
        if template is None:
            return super().format(document)  # type: ignore[no-any-return]
        # What check_format would make of a plain page: its stream, unfiltered here (the
        # document's default filters apply), registered as ReportLab registers it.
        stream = PDFStream()
        stream.content = self.stream
        stream.__Comment__ = "page stream"
        self.Contents = stream
        head, tail = template
        ref: bytes = pdf_format(document.Reference(stream), document)
        return head + b"/Contents " + ref + b" " + tail
