"""Test helper: every mark a page prints, read from its content stream — QR codes apart.

A QR code is found as podium draws it: one filled path of axis-aligned rectangles, each
one module high (ReportLab's `re` runs, or WeasyPrint's `m h v h z` subpaths from the
SVG). Everything else painted (filled or stroked paths, images, text) is "other ink", in
page coordinates (points, y up)."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import pdfplumber
import pikepdf

Rect = tuple[float, float, float, float]
"""x0, y0, x1, y1."""
Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
QR_RECTS = 30
"""A filled path of at least this many module-high rectangles is a QR code."""


def _mul(m: Matrix, n: Matrix) -> Matrix:
    """m then n (PDF order: a point is transformed by m, then by n)."""
    a, b, c, d, e, f = m
    A, B, C, D, E, F = n
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D,
            e * A + f * C + E, e * B + f * D + F)


def _apply(m: Matrix, x: float, y: float) -> tuple[float, float]:
    a, b, c, d, e, f = m
    return a * x + c * y + e, b * x + d * y + f


def _bbox(points: list[tuple[float, float]]) -> Rect:
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    return min(xs), min(ys), max(xs), max(ys)


@dataclass
class Qr:
    dark: Rect
    module: float


@dataclass
class Page:
    codes: list[Qr] = field(default_factory=list)
    other: list[Rect] = field(default_factory=list)
    size: tuple[float, float] = (0.0, 0.0)


def _white(colour: tuple[float, ...]) -> bool:
    if len(colour) == 1:
        return colour[0] >= 0.999
    if len(colour) == 3:
        return min(colour) >= 0.999
    if len(colour) == 4:
        return max(colour) <= 0.001
    return False


def _walk(stream_owner: pikepdf.Object, resources: pikepdf.Object, ctm: Matrix,
          out: Page) -> None:
    stack: list[tuple[Matrix, tuple[float, ...], float]] = []
    fill: tuple[float, ...] = (0.0,)
    width = 1.0
    subpaths: list[list[tuple[float, float]]] = []
    current: list[tuple[float, float]] = []
    rect_ops: list[list[tuple[float, float]]] = []
    for operands, op in pikepdf.parse_content_stream(stream_owner):
        name = str(op)
        v = [float(o) for o in operands if isinstance(o, (int, float, Decimal))
             and not isinstance(o, bool)]
        if name == "q":
            stack.append((ctm, fill, width))
        elif name == "Q":
            ctm, fill, width = stack.pop()
        elif name == "cm":
            ctm = _mul(tuple(v), ctm)  # type: ignore[arg-type]
        elif name in ("rg", "g", "k", "sc", "scn"):
            fill = tuple(v)
        elif name == "w":
            width = v[0]
        elif name == "m":
            if current:
                subpaths.append(current)
            current = [_apply(ctm, v[0], v[1])]
        elif name == "l":
            current.append(_apply(ctm, v[0], v[1]))
        elif name in ("c", "v", "y"):
            pts = list(zip(v[::2], v[1::2], strict=True))
            current += [_apply(ctm, x, y) for x, y in pts]
        elif name == "h":
            pass
        elif name == "re":
            x, y, w, h = v
            corners = [_apply(ctm, px, py) for px, py in
                       ((x, y), (x + w, y), (x + w, y + h), (x, y + h))]
            rect_ops.append(corners)
        elif name in ("S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "n"):
            if current:
                subpaths.append(current)
            paths = subpaths + rect_ops
            stroked = name in ("S", "s", "B", "B*", "b", "b*")
            filled = name not in ("S", "s", "n")
            if paths and name != "n" and not (filled and not stroked and _white(fill)):
                _paint(paths, stroked, width * math.sqrt(abs(ctm[0] * ctm[3] - ctm[1] * ctm[2])),
                       filled and not stroked, out, even_odd=name.endswith("*"))
            subpaths, current, rect_ops = [], [], []
        elif name == "Do":
            xobj = resources.XObject[operands[0]]
            if xobj.Subtype == "/Image":
                out.other.append(_bbox([_apply(ctm, x, y) for x, y in
                                        ((0, 0), (1, 0), (0, 1), (1, 1))]))
            else:
                m = tuple(float(x) for x in xobj.get("/Matrix", IDENTITY))
                _walk(xobj, xobj.get("/Resources", resources), _mul(m, ctm), out)  # type: ignore[arg-type]


def _is_rect(points: list[tuple[float, float]]) -> Rect | None:
    pts = list(dict.fromkeys((round(x, 4), round(y, 4)) for x, y in points))
    if len(pts) != 4:
        return None
    xs, ys = {p[0] for p in pts}, {p[1] for p in pts}
    if len(xs) != 2 or len(ys) != 2:
        return None
    return min(xs), min(ys), max(xs), max(ys)


def _ring(paths: list[list[tuple[float, float]]]) -> list[Rect] | None:
    """The four sides of a frame filled even-odd as two nested rectangles (a border as
    WeasyPrint draws it), or None."""
    if len(paths) != 2:
        return None
    a, b = (_is_rect(p) for p in paths)
    if a is None or b is None:
        return None
    def area(r: Rect) -> float:
        return (r[2] - r[0]) * (r[3] - r[1])

    outer, inner = (a, b) if area(a) >= area(b) else (b, a)
    if not (outer[0] <= inner[0] and outer[1] <= inner[1] and outer[2] >= inner[2]
            and outer[3] >= inner[3]):
        return None
    sides = [(outer[0], outer[1], inner[0], outer[3]), (inner[2], outer[1], outer[2], outer[3]),
             (outer[0], outer[1], outer[2], inner[1]), (outer[0], inner[3], outer[2], outer[3])]
    return [r for r in sides if r[2] - r[0] > 1e-6 and r[3] - r[1] > 1e-6]


def _paint(paths: list[list[tuple[float, float]]], stroked: bool, line: float,
           fill_only: bool, out: Page, even_odd: bool = False) -> None:
    paths = [p for p in paths if len(p) > 1]
    ring = _ring(paths) if even_odd and fill_only else None
    if ring is not None:
        out.other += ring
        return
    rects = [_is_rect(p) for p in paths]
    if fill_only and len(rects) >= QR_RECTS and all(r is not None for r in rects):
        boxes = [r for r in rects if r is not None]
        module = min(r[3] - r[1] for r in boxes)
        if all(abs((r[3] - r[1]) - module) < 1e-3 for r in boxes):
            out.codes.append(Qr(_bbox([(r[0], r[1]) for r in boxes]
                                      + [(r[2], r[3]) for r in boxes]), module))
            return
    for p in paths:
        if not stroked:
            out.other.append(_bbox(p))
            continue
        # A stroke is ink along its segments only (a trim outline round a badge is not ink
        # over the badge): each segment of the path, closed, as its box widened by half the
        # line (curves by their control polygon, which holds them).
        grow = line / 2
        for (ax, ay), (bx, by) in zip(p, [*p[1:], p[0]], strict=True):
            out.other.append((min(ax, bx) - grow, min(ay, by) - grow, max(ax, bx) + grow,
                              max(ay, by) + grow))


def pages(pdf: Path, *, text: bool = True) -> list[Page]:
    """Every page's QR codes and other marks (text as pdfplumber places its characters;
    `text=False` leaves text out, for a caller that has read it already)."""
    found = []
    with pikepdf.open(pdf) as doc:
        for page in doc.pages:
            out = Page()
            box = [float(v) for v in page.mediabox]
            out.size = (box[2] - box[0], box[3] - box[1])
            _walk(page, page.Resources, IDENTITY, out)
            found.append(out)
    if not text:
        return found
    with pdfplumber.open(pdf) as doc:
        for out, page in zip(found, doc.pages, strict=True):
            h = page.height
            out.other += [(c["x0"], h - c["bottom"], c["x1"], h - c["top"]) for c in page.chars
                          if c["text"].strip()]
    return found


def gap(a: Rect, b: Rect) -> float:
    """The distance between two rectangles (0 if they touch or overlap)."""
    dx = max(0.0, b[0] - a[2], a[0] - b[2])
    dy = max(0.0, b[1] - a[3], a[1] - b[3])
    return math.hypot(dx, dy)


def qr_problems(pdf: Path, *, min_module: float = 0.5 * 72 / 25.4,
                quiet: int = 4) -> tuple[int, list[str]]:
    """(QR codes found, what is wrong with them): a module under `min_module`, or other ink
    (another code included) nearer the dark modules than `quiet` modules."""
    count, problems = 0, []
    for number, page in enumerate(pages(pdf), start=1):
        for k, code in enumerate(page.codes):
            count += 1
            if code.module < min_module - 1e-3:
                problems.append(f"p{number}: module {code.module / 72 * 25.4:.3f} mm")
            others = page.other + [c.dark for j, c in enumerate(page.codes) if j != k]
            near = min((gap(code.dark, o) for o in others), default=math.inf)
            if near < quiet * code.module - 1e-3:
                problems.append(f"p{number}: other ink {near / code.module:.2f} modules from a "
                                f"code at {code.dark[0]:.0f},{code.dark[1]:.0f}")
    return count, problems
