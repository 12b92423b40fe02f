"""PDF stage: `print.colour: cmyk`, a written PDF turned into one for offset printing.

Every colour operator of every page and form becomes DeviceCMYK: black and greys print in
black ink alone (text, rules and QR modules are 0/0/0/100), other colours with full grey
replacement (the grey part of a colour in black ink, the rest in C, M and Y). RGB images
are tagged as sRGB (ICC-based, which PDF/X-4 allows), and the file gets podium's CMYK
output intent (icc/) and the PDF/X-4 marks: XMP identification, /Trapped, a TrimBox or
ArtBox on every page. One pass after the renderers, for ReportLab's and WeasyPrint's PDFs
alike."""

from __future__ import annotations

import datetime as dt
import io
from functools import cache
from importlib import resources
from pathlib import Path

import pikepdf

from podium.output import atomic_write_bytes
from podium.resources import cmyk_profile

PDFX_NS = "http://www.npes.org/pdfx/ns/id/"
CONDITION = "podium generic CMYK (formula, full GCR)"


def rgb_to_cmyk(r: float, g: float, b: float) -> tuple[float, float, float, float]:
    """Full grey replacement: k is the grey in the colour; a grey is black ink alone."""
    k = 1 - max(r, g, b)
    if k >= 1 - 1e-9:
        return 0.0, 0.0, 0.0, 1.0
    return ((1 - r - k) / (1 - k), (1 - g - k) / (1 - k), (1 - b - k) / (1 - k), k)


def _numbers(values: tuple[float, ...]) -> list[float]:
    return [round(v, 4) + 0.0 for v in values]


_RGB_OPS = {"rg": "k", "RG": "K"}
_GREY_OPS = {"g": "k", "G": "K"}


Instruction = pikepdf.ContentStreamInstruction | pikepdf.ContentStreamInlineImage


def _converted(instructions: list[Instruction]) -> list[Instruction] | None:
    """The instructions with every DeviceRGB and DeviceGray colour in DeviceCMYK; None when
    nothing changed."""
    out: list[Instruction] = []
    changed = False
    rgb_space = {"fill": False, "stroke": False}
    for inst in instructions:
        if isinstance(inst, pikepdf.ContentStreamInlineImage):
            out.append(inst)
            continue
        operands, op = list(inst.operands), str(inst.operator)
        if op in _RGB_OPS and len(operands) == 3:
            cmyk = rgb_to_cmyk(*(float(v) for v in operands))
            inst = pikepdf.ContentStreamInstruction(_numbers(cmyk), pikepdf.Operator(_RGB_OPS[op]))
            changed = True
        elif op in _GREY_OPS and len(operands) == 1:
            grey = float(operands[0])
            inst = pikepdf.ContentStreamInstruction(_numbers((0, 0, 0, 1 - grey)),
                                                    pikepdf.Operator(_GREY_OPS[op]))
            changed = True
        elif op in ("cs", "CS") and operands:
            side = "fill" if op == "cs" else "stroke"
            rgb_space[side] = operands[0] in (pikepdf.Name.DeviceRGB, pikepdf.Name.DeviceGray)
            if rgb_space[side]:
                inst = pikepdf.ContentStreamInstruction([pikepdf.Name.DeviceCMYK], inst.operator)
                changed = True
        elif op in ("sc", "scn", "SC", "SCN") and rgb_space["fill" if op.islower() else "stroke"]:
            values = [float(v) for v in operands]
            cmyk = rgb_to_cmyk(*values) if len(values) == 3 else (0, 0, 0, 1 - values[0])
            inst = pikepdf.ContentStreamInstruction(_numbers(cmyk), inst.operator)
            changed = True
        out.append(inst)
    return out if changed else None


@cache
def _srgb_profile() -> bytes:
    # The ICC's own sRGB profile, as WeasyPrint ships it for its PDF/A output.
    return resources.files("weasyprint").joinpath("pdf/sRGB2014.icc").read_bytes()


class _Converter:
    def __init__(self, pdf: pikepdf.Pdf) -> None:
        self.pdf = pdf
        self.seen: set[tuple[int, int]] = set()
        self._srgb: pikepdf.Stream | None = None

    def srgb(self) -> pikepdf.Array:
        if self._srgb is None:
            self._srgb = self.pdf.make_stream(_srgb_profile())
            self._srgb.N = 3
        return pikepdf.Array([pikepdf.Name.ICCBased, self._srgb])

    def content(self, owner: pikepdf.Object | pikepdf.Page) -> None:
        """Convert the content of a page or form and everything its resources draw."""
        if isinstance(owner, pikepdf.Page):
            owner = owner.obj
        key = owner.objgen
        if key != (0, 0):
            if key in self.seen:
                return
            self.seen.add(key)
        self.group(owner)
        new = _converted(pikepdf.parse_content_stream(owner))
        if new is not None:
            data = pikepdf.unparse_content_stream(new)
            if isinstance(owner, pikepdf.Stream):
                owner.write(data)
            else:
                owner.Contents = self.pdf.make_stream(data)
        resources_ = owner.get("/Resources")
        if resources_ is None:
            return
        for xobject in (resources_.get("/XObject") or {}).values():
            if xobject.get("/Subtype") == pikepdf.Name.Form:
                self.content(xobject)
            elif xobject.get("/Subtype") == pikepdf.Name.Image:
                self.image(xobject)
        for pattern in (resources_.get("/Pattern") or {}).values():
            if isinstance(pattern, pikepdf.Stream) and pattern.get("/PatternType") == 1:
                self.content(pattern)

    def image(self, image: pikepdf.Object) -> None:
        if image.get("/ColorSpace") == pikepdf.Name.DeviceRGB:
            image.ColorSpace = self.srgb()

    def group(self, owner: pikepdf.Object) -> None:
        group = owner.get("/Group")
        if group is not None and group.get("/CS") in (pikepdf.Name.DeviceRGB,
                                                      pikepdf.Name.DeviceGray):
            group.CS = pikepdf.Name.DeviceCMYK


def _iso(pdf_date: str) -> str:
    """'D:20241210000000Z' (or with +00'00') as XMP writes it."""
    digits = pdf_date.removeprefix("D:")[:14]
    when = dt.datetime.strptime(digits, "%Y%m%d%H%M%S")
    return when.strftime("%Y-%m-%dT%H:%M:%SZ")


def to_cmyk(path: Path) -> None:
    """Rewrite the PDF at `path` in place for offset printing (see the module)."""
    with pikepdf.open(path) as pdf:
        converter = _Converter(pdf)
        for page in pdf.pages:
            converter.content(page)
            if "/TrimBox" not in page.obj and "/ArtBox" not in page.obj:
                page.obj.ArtBox = page.mediabox
        profile = pdf.make_stream(cmyk_profile().read_bytes())
        profile.N = 4
        pdf.Root.OutputIntents = pikepdf.Array([pikepdf.Dictionary(
            Type=pikepdf.Name.OutputIntent, S=pikepdf.Name.GTS_PDFX,
            OutputConditionIdentifier=pikepdf.String("Custom"),
            OutputCondition=pikepdf.String(CONDITION), Info=pikepdf.String(CONDITION),
            RegistryName=pikepdf.String(""), DestOutputProfile=profile)])
        info = pdf.docinfo
        info.Trapped = pikepdf.Name("/False")
        info.GTS_PDFXVersion = pikepdf.String("PDF/X-4")
        created = str(info.get("/CreationDate", "D:19700101000000Z"))
        modified = str(info.get("/ModDate", created))
        with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as meta:
            meta.register_xml_namespace(PDFX_NS, "pdfxid")
            meta[f"{{{PDFX_NS}}}GTS_PDFXVersion"] = "PDF/X-4"
            meta["xmp:CreateDate"] = _iso(created)
            meta["xmp:ModifyDate"] = _iso(modified)
            meta["xmp:MetadataDate"] = _iso(modified)
            meta["pdf:Trapped"] = "False"
            if "/Title" in info:
                meta["dc:title"] = str(info.Title)
        buffer = io.BytesIO()
        pdf.save(buffer, deterministic_id=True, compress_streams=True, force_version="1.6",
                 object_stream_mode=pikepdf.ObjectStreamMode.generate)
    atomic_write_bytes(path, buffer.getvalue())  # a new file: never through a link
