"""Imposition stage of the booklet: pages laid two-up in saddle-stitch order with pikepdf.

Each page is placed as a form XObject (no re-rendering, so 200 pages take a fraction of a
second). Sheets print duplex, flipped on the short edge, then fold and staple."""

from __future__ import annotations

import datetime as dt
import io

import pikepdf

from podium.press import AUTO, SHEETS, Layout, auto_sheet, place

MM = 72 / 25.4


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


def _marks(x0: float, y0: float, width: float, height: float, spot: Layout) -> bytes:
    """Crop marks at the four corners of the trimmed spread (points, lower left at x0, y0)
    and dashed fold marks at its middle, each starting `spot.offset` from the trim (outside
    the bleed) and ending inside the sheet."""
    x1, y1 = x0 + width, y0 + height
    gap, length = spot.offset * MM, spot.length * MM
    crops = []
    for x, y, dx, dy in ((x0, y0, -1, -1), (x1, y0, 1, -1), (x0, y1, -1, 1), (x1, y1, 1, 1)):
        crops.append((x + dx * gap, y, x + dx * (gap + length), y))
        crops.append((x, y + dy * gap, x, y + dy * (gap + length)))
    mid = (x0 + x1) / 2
    folds = [(mid, y1 + gap, mid, y1 + gap + length), (mid, y0 - gap, mid, y0 - gap - length)]

    def strokes(lines: list[tuple[float, float, float, float]]) -> str:
        return "".join(f"{a:.2f} {b:.2f} m {c:.2f} {d:.2f} l S\n" for a, b, c, d in lines)

    return f"q 0 0 0 1 K 0.25 w\n{strokes(crops)}[2 1.5] 0 d\n{strokes(folds)}Q\n".encode()


def _box(page: pikepdf.Page, key: str) -> list[float]:
    box = page.obj.get(key) or page.mediabox
    return [float(v) for v in box]


def impose(pdf_bytes: bytes, *, epoch: int, title: str, sheet: str = AUTO,
           crop_marks: bool = False, us: bool = False, lang: str = "") -> bytes:
    """The booklet's pages two-up on the press sheet `sheet` (a name in `podium.press`;
    `auto`: the spread's own size, or the smallest sheet that holds the marks, US sizes
    first when `us`), in saddle-stitch order. Pages with bleed (a MediaBox larger than
    their TrimBox) keep it on their outer edges, never across the fold; bleed turns the
    marks on. ValueError when the sheet is too small (the agenda's load says so first)."""
    src = pikepdf.open(io.BytesIO(pdf_bytes))
    media, trim = _box(src.pages[0], "/MediaBox"), _box(src.pages[0], "/TrimBox")
    width, height = trim[2] - trim[0], trim[3] - trim[1]
    bleed = max(0.0, trim[0] - media[0])
    marks = crop_marks or bleed > 0
    two, bleed_mm = (2 * width / MM, height / MM), round(bleed / MM, 3)
    size = auto_sheet(two, bleed_mm, marks, us=us)[1] if sheet == AUTO else SHEETS[sheet]
    spot = place(two, size, bleed_mm, marks)
    if spot is None:
        raise ValueError(f"two pages with their bleed and marks do not fit on {sheet}")
    sheet_w, sheet_h = size[0] * MM, size[1] * MM
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
                form = src.pages[index].as_form_xobject()
                # qpdf bounds the form by the TrimBox; keep the bleed, the clip below trims.
                form.BBox = src.pages[index].mediabox
                forms[index] = out.copy_foreign(form)
            name = f"/P{index + 1}"
            xobjects[name] = forms[index]
            # Clip to the trim plus the bleed on the three outer sides of this half.
            cx = x0 + slot * width - (bleed if slot == 0 else 0)
            clip = f"{cx:.4f} {y0 - bleed:.4f} {width + bleed:.4f} {height + 2 * bleed:.4f} re W n "
            ops.append(f"q {clip}1 0 0 1 {x0 + slot * width - trim[0]:.4f} {y0 - trim[1]:.4f} cm "
                       f"{name} Do Q\n")
        content = "".join(ops).encode()
        if marks:
            content += _marks(x0, y0, 2 * width, height, spot)
        page = pikepdf.Dictionary(
            Type=pikepdf.Name.Page,
            MediaBox=pikepdf.Array([0, 0, sheet_w, sheet_h]),
            TrimBox=pikepdf.Array([x0, y0, x0 + 2 * width, y0 + height]),
            BleedBox=pikepdf.Array([x0 - bleed, y0 - bleed, x0 + 2 * width + bleed,
                                    y0 + height + bleed]),
            Resources=pikepdf.Dictionary(XObject=xobjects),
            Contents=out.make_stream(content))
        out.pages.append(pikepdf.Page(page))
    if lang or "/Lang" in src.Root:
        out.Root.Lang = pikepdf.String(lang or str(src.Root.Lang))
    return _save(out, epoch=epoch, title=title)


def crop_to_trim(pdf_bytes: bytes) -> bytes:
    """The same PDF with each page's CropBox set to its TrimBox, so that pages rendered with
    bleed read as plain pages on screen; the bleed stays in the file for printing."""
    pdf = pikepdf.open(io.BytesIO(pdf_bytes))
    for page in pdf.pages:
        if "/TrimBox" in page.obj:
            page.obj["/CropBox"] = page.obj["/TrimBox"]
    buffer = io.BytesIO()
    pdf.save(buffer, deterministic_id=True, compress_streams=True)
    return buffer.getvalue()


def _save(out: pikepdf.Pdf, *, epoch: int, title: str) -> bytes:
    date = _pdf_date(epoch)
    out.docinfo["/Title"] = title
    out.docinfo["/Creator"] = "podium"
    out.docinfo["/CreationDate"] = date
    out.docinfo["/ModDate"] = date
    buffer = io.BytesIO()
    out.save(buffer, deterministic_id=True, compress_streams=True,
             object_stream_mode=pikepdf.ObjectStreamMode.generate)
    return buffer.getvalue()
