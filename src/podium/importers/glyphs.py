"""Import stage: characters the bundled fonts cannot draw, replaced or removed and reported."""

from __future__ import annotations

import unicodedata
from collections import Counter
from dataclasses import dataclass, field

from podium.fonts import FontRegistry, describe_char
from podium.importers.report import Report

# Plain-text stand-ins for symbols that appear in schedules but not in Noto Sans/Serif.
_STAND_INS = {
    "→": "->", "←": "<-", "↔": "<->", "⇒": "=>", "⇐": "<=", "⟶": "->",
    "✓": "(yes)", "✔": "(yes)", "✗": "(no)", "✘": "(no)", "★": "*", "☆": "*",
}
# Joiners and selectors that only shape an emoji; they go with it, unreported.
_EMOJI_GLUE = {"\u200d", "\ufe0e", "\ufe0f", "\u20e3"}


@dataclass
class Glyphs:
    """Makes every imported text drawable by `fonts`, noting each change where it happened."""

    fonts: FontRegistry
    report: Report
    removed: Counter[str] = field(default_factory=Counter)

    def fix(self, text: str, where: str) -> str:
        text = unicodedata.normalize("NFC", text)
        gaps = self.fonts.missing(text)
        if not gaps:
            return text
        changes: list[str] = []
        for char in gaps:
            if char in _EMOJI_GLUE:
                text = text.replace(char, "")
                continue
            stand_in = self._stand_in(char)
            if stand_in is not None:
                text = text.replace(char, stand_in)
                changes.append(f"{describe_char(char)} -> '{stand_in}'")
            else:
                text = text.replace(char, "")
                self.removed[char] += 1
                changes.append(f"{describe_char(char)} removed")
        if changes:
            self.report.warn(f"{where}: no bundled font draws {'; '.join(changes)}")
        # A removed emoji leaves doubled or trailing spaces behind.
        return "\n".join(" ".join(line.split()) for line in text.split("\n"))

    def _stand_in(self, char: str) -> str | None:
        folded = unicodedata.normalize("NFKC", char)
        if folded != char and not self.fonts.missing(folded):
            return folded
        stand_in = _STAND_INS.get(char)
        if stand_in is not None and not self.fonts.missing(stand_in):
            return stand_in
        return None
