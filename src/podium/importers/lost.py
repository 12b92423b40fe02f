"""Import stage: text that was lost or garbled before the import saw it.

A replacement character or a mis-decoded sequence is drawable, so nothing else would notice
it: the organiser must fix the source (or the agenda) by hand, and needs to be told where."""

from __future__ import annotations

import re

# Characters a decoder or converter writes in place of what it could not read or keep.
LOST = {
    "\ufffd": ("U+FFFD REPLACEMENT CHARACTER", "text was already lost before import"),
    "\ufffc": ("U+FFFC OBJECT REPLACEMENT CHARACTER",
                "an embedded object (an image, an icon) was lost before import"),
    "\u001a": ("U+001A SUBSTITUTE", "a character was already lost before import"),
}

# UTF-8 read as Windows-1252 or Latin-1: a lead byte shown as Â Ã Ä Å (U+0080–017F) or as
# â followed by € or ‚ (U+2000–20FF: quotes, dashes, €), then continuation bytes shown as
# Windows-1252 or Latin-1 characters. Each candidate is decoded back to be sure.
_CONTINUATION = "\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc" \
                "\u2013\u2014\u2018-\u201a\u201c-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a" \
                "\u20ac\u2122"
_CANDIDATE = re.compile(f"[\u00c2-\u00c5][{_CONTINUATION}]|\u00e2[\u20ac\u201a][{_CONTINUATION}]")


def _redecoded(seq: str) -> str | None:
    for codec in ("cp1252", "latin-1"):
        try:
            text = seq.encode(codec).decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
        # Only the characters such a sequence usually stands for: Latin-1 letters, Latin
        # Extended-A, and general punctuation (’ “ – …) or €. Anything else is a coincidence.
        if all(0xA0 <= ord(c) <= 0x17F or 0x2000 <= ord(c) <= 0x20CF for c in text):
            return text
    return None


def mojibake(text: str) -> list[tuple[str, str]]:
    """(garbled sequence, what it probably was) for each distinct one in `text`, in order."""
    if not any(c in text for c in "\u00c2\u00c3\u00c4\u00c5\u00e2"):
        return []  # the common case, without a regular-expression scan
    found: dict[str, str] = {}
    for match in _CANDIDATE.finditer(text):
        meant = _redecoded(match.group())
        if meant is not None:
            found.setdefault(match.group(), meant)
    return list(found.items())
