"""PDF stage: font subset tags from what each subset holds, for PDFs written elsewhere.

WeasyPrint tags a subset from the font's name alone, so two booklets (English and Spanish
labels, say) embed different subsets of Noto Sans under one tag, and a print shop's merge
keeps one of them: the other file's missing glyphs print as blanks. Each tag here is a
digest of the font's name and its embedded program."""

from __future__ import annotations

import hashlib
import io
import string

import pikepdf


def tag_of(name: str, program: bytes) -> str:
    """Six capitals from the font's name and embedded program."""
    number = int.from_bytes(hashlib.sha256(name.encode() + b"\0" + program).digest()[:8], "big")
    letters = []
    for _ in range(6):
        number, k = divmod(number, 26)
        letters.append(string.ascii_uppercase[k])
    return "".join(letters)


def _retag(font: pikepdf.Dictionary, done: dict[tuple[int, int], str]) -> None:
    base = str(font.get("/BaseFont", ""))
    tag, plus, name = base.lstrip("/").partition("+")
    if not plus or len(tag) != 6:
        return
    holder = font.DescendantFonts[0] if "/DescendantFonts" in font else font
    descriptor = holder.get("/FontDescriptor")
    if descriptor is None:
        return
    program = (descriptor.get("/FontFile2") or descriptor.get("/FontFile3")
               or descriptor.get("/FontFile"))
    if program is None:
        return
    key = program.objgen
    if key not in done:
        done[key] = tag_of(name, program.read_raw_bytes())
    new = pikepdf.Name(f"/{done[key]}+{name}")
    font.BaseFont = new
    if holder is not font:
        holder.BaseFont = new
    descriptor.FontName = new


def retag(data: bytes) -> bytes:
    """The PDF with every subset font's tag taken from its program (see the module)."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        done: dict[tuple[int, int], str] = {}
        seen: set[tuple[int, int]] = set()
        for obj in pdf.objects:
            if (isinstance(obj, pikepdf.Dictionary) and obj.get("/Type") == pikepdf.Name.Font
                    and obj.objgen not in seen):
                seen.add(obj.objgen)
                _retag(obj, done)
        buffer = io.BytesIO()
        pdf.save(buffer, deterministic_id=True, compress_streams=True,
                 object_stream_mode=pikepdf.ObjectStreamMode.preserve)
        return buffer.getvalue()
