"""PDF stage: PDF parts joined page by page into one file, streaming.

qpdf (through pikepdf) keeps every page it joins in memory until it saves (about 20 KB a
page here), so a join of 10,000 badges would grow with the count again. This writer reads
one part at a time with pikepdf and writes its objects straight to the output, renumbered;
it keeps only the cross-reference offsets and the list of pages. The first part gives the
catalogue and the document information (title, dates from the build epoch); the file id
is a digest of the bytes written, so the same parts give the same file. Each part's font
subsets get tags no other part uses (see `_retag`)."""

from __future__ import annotations

import hashlib
import re
from decimal import Decimal
from pathlib import Path
from typing import Any, BinaryIO

import pikepdf

_SUBSET = re.compile(r"^/([A-Z]{6})\+(.*)$")
_SUBSET_NAMES = ("/BaseFont", "/FontName")
_REFERENCE = re.compile(rb"\d+ \d+ R(?![A-Za-z0-9])")
_TAGGED = re.compile(rb"(/BaseFont |/FontName )(/[A-Z]{6}\+[^\s/\[\]<>()]*)")
_LENGTH = re.compile(rb"/Length \d+(?: \d+ R)?")


class Join:
    """A PDF being written from parts added one after another (`add`), then closed
    (`finish`): parts can be joined as they are drawn."""

    def __init__(self, out: BinaryIO) -> None:
        self.writer = _Writer(out)
        self.pages_number = self.writer.reserve()
        self.kids: list[int] = []
        self.catalogue = self.info = b""
        self.parts = 0

    def add(self, part: Path) -> None:
        """Append the pages of the PDF `part` (and the objects they use)."""
        writer, index = self.writer, self.parts
        with pikepdf.open(part) as pdf:
            if index == 0:
                writer.raw(b"%PDF-" + pdf.pdf_version.encode() + b"\n%\x93\x8c\x8b\x9e\n")
            root, info_dict = pdf.Root, pdf.trailer.get("/Info")
            skip = {root.objgen, root.Pages.objgen}
            if info_dict is not None:
                skip.add(info_dict.objgen)
            numbers = {obj.objgen: writer.reserve() for obj in pdf.objects
                       if isinstance(obj, pikepdf.Object) and obj.objgen not in skip
                       and obj.objgen != (0, 0)}
            # Pages point to their parent: the one page tree of the joined file.
            targets = {**numbers, root.Pages.objgen: self.pages_number}
            refs = {b"%d %d R" % key: b"%d 0 R" % n for key, n in targets.items()}
            for obj in pdf.objects:
                if isinstance(obj, pikepdf.Object) and obj.objgen in numbers:
                    writer.obj(numbers[obj.objgen], obj, targets, refs, index)
            self.kids += [numbers[page.obj.objgen] for page in pdf.pages]
            if index == 0:
                self.catalogue = _direct(root, numbers, index,
                                         {"/Pages": b"%d 0 R" % self.pages_number})
                self.info = _direct(info_dict, numbers, index) if info_dict is not None else b""
        self.parts += 1

    def finish(self) -> None:
        """Write the page tree, the catalogue, the information and the cross-references."""
        writer = self.writer
        writer.write(self.pages_number, b"<< /Type /Pages /Count %d /Kids [%s] >>" % (
            len(self.kids), b" ".join(b"%d 0 R" % k for k in self.kids)))
        root_number = writer.reserve()
        writer.write(root_number, self.catalogue)
        info_ref = b""
        if self.info:
            info_number = writer.reserve()
            writer.write(info_number, self.info)
            info_ref = b" /Info %d 0 R" % info_number
        writer.finish(b"/Root %d 0 R%s" % (root_number, info_ref))


class _Writer:
    def __init__(self, out: BinaryIO) -> None:
        self.out = out
        self.at = 0
        self.offsets: dict[int, int] = {}
        self.count = 0
        self.digest = hashlib.md5(usedforsecurity=False)

    def reserve(self) -> int:
        self.count += 1
        return self.count

    def raw(self, data: bytes) -> None:
        self.out.write(data)
        self.digest.update(data)
        self.at += len(data)

    def write(self, number: int, body: bytes, stream: bytes | None = None) -> None:
        self.offsets[number] = self.at
        self.raw(b"%d 0 obj\n%s\n" % (number, body))
        if stream is not None:
            self.raw(b"stream\n" + stream + b"\nendstream\n")
        self.raw(b"endobj\n")

    def obj(self, number: int, obj: Any, numbers: dict[tuple[int, int], int],
            refs: dict[bytes, bytes], part: int) -> None:
        if isinstance(obj, pikepdf.Stream):
            data = obj.read_raw_bytes()
            head = obj.stream_dict
            body = _renumbered(head.unparse(), refs, part)
            if body is None:
                body = _direct(head, numbers, part)
            # The raw bytes are copied as they are; their length is counted here.
            self.write(number, _LENGTH.sub(b"/Length %d" % len(data), body), data)
        else:
            body = _renumbered(obj.unparse(resolved=True), refs, part)
            self.write(number, body if body is not None else _direct(obj, numbers, part))

    def finish(self, trailer: bytes) -> None:
        file_id = self.digest.hexdigest().encode()
        start = self.at
        lines = [b"xref\n0 %d\n0000000000 65535 f \n" % (self.count + 1)]
        lines += [b"%010d 00000 n \n" % self.offsets[n] for n in range(1, self.count + 1)]
        self.raw(b"".join(lines))
        self.raw(b"trailer\n<< /Size %d %s /ID [<%s><%s>] >>\nstartxref\n%d\n%%%%EOF\n" % (
            self.count + 1, trailer, file_id, file_id, start))


def _renumbered(syntax: bytes, refs: dict[bytes, bytes], part: int) -> bytes | None:
    """`syntax` (an object's own PDF syntax, from qpdf) with its references renumbered and
    its font subsets retagged, by pattern: pages, fonts and descriptors hold no strings, so
    "N G R" there is always a reference. None if the object holds a string (in which such a
    pattern could be text); `_direct` then walks it member by member."""
    if b"(" in syntax or b"<" in syntax.replace(b"<<", b"").replace(b">>", b""):
        return None
    syntax = _REFERENCE.sub(lambda found: refs[found[0]], syntax)
    if part == 0:
        return syntax
    return _TAGGED.sub(lambda found: found[1] + _retag(found[2].decode(), part).unparse(),
                       syntax)


def _value(obj: Any, numbers: dict[tuple[int, int], int], part: int) -> bytes:
    if isinstance(obj, pikepdf.Object) and obj.is_indirect:
        return b"%d 0 R" % numbers[obj.objgen]
    return _direct(obj, numbers, part)


def _direct(obj: Any, numbers: dict[tuple[int, int], int], part: int,
            overrides: dict[str, bytes] | None = None) -> bytes:
    """The PDF syntax of `obj` itself, its indirect members as renumbered references."""
    if isinstance(obj, bool):
        return b"true" if obj else b"false"
    if isinstance(obj, int):
        return b"%d" % obj
    if isinstance(obj, Decimal):
        return format(obj, "f").encode()
    if obj is None:
        return b"null"
    if isinstance(obj, pikepdf.Dictionary):
        entries = []
        for key, value in obj.items():
            if overrides and key in overrides:
                text = overrides[key]
            elif key in _SUBSET_NAMES and isinstance(value, pikepdf.Name):
                text = _retag(str(value), part).unparse()
            else:
                text = _value(value, numbers, part)
            entries.append(pikepdf.Name(key).unparse() + b" " + text)
        entries += [pikepdf.Name(k).unparse() + b" " + v for k, v in (overrides or {}).items()
                    if k not in obj]
        return b"<< " + b" ".join(entries) + b" >>"
    if isinstance(obj, pikepdf.Array):
        return b"[" + b" ".join(_value(v, numbers, part) for v in obj) + b"]"
    data: bytes = obj.unparse()
    return data


def _retag(name: str, part: int) -> pikepdf.Name:
    """Every part numbers its font subsets from AAAAAA, and a PDF must not give two
    different subsets one tag (a printer may cache fonts by name and draw wrong glyphs):
    the subset of part P with tag T becomes P * 26**3 + T, read as base-26 numbers."""
    found = _SUBSET.match(name)
    if not found or part == 0:
        return pikepdf.Name(name)
    subset = 0
    for char in found[1]:
        subset = subset * 26 + ord(char) - ord("A")
    value = part * 26 ** 3 + subset % 26 ** 3
    letters = []
    for _ in range(6):
        value, digit = divmod(value, 26)
        letters.append(chr(ord("A") + digit))
    return pikepdf.Name(f"/{''.join(reversed(letters))}+{found[2]}")
