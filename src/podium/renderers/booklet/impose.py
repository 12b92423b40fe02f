"""Imposition stage of the booklet: pages laid two-up in saddle-stitch order with pikepdf.

Each page is placed as a form XObject (no re-rendering, so 200 pages take a fraction of a
second). Sheets print duplex, flipped on the short edge, then fold and staple."""

from __future__ import annotations

import datetime as dt
import io

import pikepdf

MM = 72 / 25.4
MARK_MARGIN = 12 * MM
"""Room around the trimmed sheet for crop marks, when they are asked for."""


def booklet_order(pages: int) -> list[int | None]:
    """Page indices in reading order, padded to a multiple of four with blanks (None) placed
    before the back cover so that it stays the last page of the folded booklet."""
    total = -(-pages // 4) * 4
    if pages < 2:
        return [*range(pages), *[None] * (total - pages)]
    return [*range(pages - 1), *[None] * (total - pages), pages - 1]


def sides(pages: int) -> list[tuple[int | None, int | None]]:
    """(left, right) page indices on each printed side, in printing order: side 1 holds the
    last page and the first, side 2 the second and the second-to-last, and so on."""
    seq = booklet_order(pages)
    total = len(seq)
    out = []
    for sheet in range(total // 4):
        out.append((seq[total - 1 - 2 * sheet], seq[2 * sheet]))
        out.append((seq[2 * sheet + 1], seq[total - 2 - 2 * sheet]))
    return out


def _pdf_date(epoch: int) -> str:
    return dt.datetime.fromtimestamp(epoch, dt.UTC).strftime("D:%Y%m%d%H%M%SZ")


def _marks(width: float, height: float, margin: float) -> bytes:
    """Crop marks at the four corners of the trimmed sheet and fold marks at its middle."""
    gap, length = 3 * MM, 8 * MM
    x0, y0, x1, y1 = margin, margin, margin + width, margin + height
    lines = []
    for x, y, dx, dy in ((x0, y0, -1, -1), (x1, y0, 1, -1), (x0, y1, -1, 1), (x1, y1, 1, 1)):
        lines.append((x + dx * gap, y, x + dx * (gap + length), y))
        lines.append((x, y + dy * gap, x, y + dy * (gap + length)))
    mid = margin + width / 2
    lines.append((mid, y1 + gap, mid, y1 + gap + length))
    lines.append((mid, y0 - gap, mid, y0 - gap - length))
    ops = "".join(f"{a:.2f} {b:.2f} m {c:.2f} {d:.2f} l S\n" for a, b, c, d in lines)
    return f"q 0 0 0 1 K 0.25 w\n{ops}Q\n".encode()


SHEETS = {"A5": (841.89, 595.28), "A4": (1190.55, 841.89), "Letter": (1224.0, 792.0)}
"""The printing sheet for each page size: A5 pages go on A4, A4 on A3, Letter on Tabloid.
(Two A5 pages are 1 mm narrower than A4; the pair is centred.)"""


def impose(pdf_bytes: bytes, *, epoch: int, title: str, paper: str | None = None,
           crop_marks: bool = False) -> bytes:
    """The booklet's pages two-up on sheets twice as wide, in saddle-stitch order."""
    src = pikepdf.open(io.BytesIO(pdf_bytes))
    box = [float(v) for v in src.pages[0].mediabox]
    width, height = box[2] - box[0], box[3] - box[1]
    sheet_w, sheet_h = SHEETS.get(paper or "", (2 * width, height))
    margin = MARK_MARGIN if crop_marks else 0.0
    if crop_marks:
        sheet_w, sheet_h = 2 * width + 2 * margin, height + 2 * margin
    x0, y0 = (sheet_w - 2 * width) / 2, (sheet_h - height) / 2
    out = pikepdf.new()
    # One form XObject per page, named by its number: the same input gives the same names
    # (pikepdf's add_overlay picks random ones).
    forms = {}
    for left, right in sides(len(src.pages)):
        ops = []
        xobjects = pikepdf.Dictionary()
        for slot, index in enumerate((left, right)):
            if index is None:
                continue
            if index not in forms:
                forms[index] = out.copy_foreign(src.pages[index].as_form_xobject())
            name = f"/P{index + 1}"
            xobjects[name] = forms[index]
            ops.append(f"q 1 0 0 1 {x0 + slot * width - box[0]:.4f} {y0 - box[1]:.4f} cm "
                       f"{name} Do Q\n")
        content = "".join(ops).encode()
        if crop_marks:
            content += _marks(2 * width, height, margin)
        page = pikepdf.Dictionary(
            Type=pikepdf.Name.Page,
            MediaBox=pikepdf.Array([0, 0, sheet_w, sheet_h]),
            TrimBox=pikepdf.Array([x0, y0, x0 + 2 * width, y0 + height]),
            Resources=pikepdf.Dictionary(XObject=xobjects),
            Contents=out.make_stream(content))
        out.pages.append(pikepdf.Page(page))
    date = _pdf_date(epoch)
    out.docinfo["/Title"] = title
    out.docinfo["/Creator"] = "podium"
    out.docinfo["/CreationDate"] = date
    out.docinfo["/ModDate"] = date
    buffer = io.BytesIO()
    out.save(buffer, deterministic_id=True, compress_streams=True,
             object_stream_mode=pikepdf.ObjectStreamMode.generate)
    return buffer.getvalue()
