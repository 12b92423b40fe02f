"""Test helper: what a phone would read off printed pages (every QR code, page by page)."""

from __future__ import annotations

from pathlib import Path

import pypdfium2
import zxingcpp

DPI = 150
"""Pages are rasterised as a modest office scanner would (the NOTES measure 7 ms a page)."""


def qr_codes(pdf: Path) -> list[list[str]]:
    """The text of every QR code on each page of `pdf`, in the order zxing finds them."""
    doc = pypdfium2.PdfDocument(str(pdf))
    try:
        return [[code.text for code in zxingcpp.read_barcodes(
                    page.render(scale=DPI / 72).to_pil(), formats=zxingcpp.BarcodeFormat.QRCode)]
                for page in doc]
    finally:
        doc.close()
