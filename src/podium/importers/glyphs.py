"""Import stage: characters the bundled fonts cannot draw, replaced or removed and reported.

Nothing is dropped or changed silently. A character is left alone when any bundled font draws
it (`FontRegistry.missing` already looks in every one). What no font draws is, in this order:
folded by NFKC when the folded text is drawable (ﬁ -> fi); replaced by a readable stand-in
(≠ -> !=); removed when it is purely decorative (an emoji with its joiners and modifiers); and
otherwise printed as a visible token ("[U+10000]"), so that the reader sees something is
missing. Each change is warned once per owner (an event, a room, a person) and character,
naming every field it was found in, and counted in `Report.characters`."""

from __future__ import annotations

import dataclasses
import unicodedata
from dataclasses import dataclass

from podium.emoji import ZWJ, is_decorative, is_glue
from podium.fonts import FontRegistry, describe_char
from podium.importers.lost import LOST, mojibake
from podium.importers.report import Report

# Plain-text stand-ins for symbols that appear in schedules. Most are drawn by the bundled
# symbol fonts and never reach this table; it is what remains when a registry lacks them, and
# it names emoji that carry meaning (a tick, a cross, a plus) so that they are not removed.
_STAND_INS = {
    "≠": "!=", "≤": "<=", "≥": ">=", "≈": "~=", "≡": "==", "≔": ":=", "∞": "infinity",
    "→": "->", "←": "<-", "↔": "<->", "⇒": "=>", "⇐": "<=", "⇔": "<=>", "⟶": "->", "⟵": "<-",
    "⟹": "=>", "↑": "^", "↓": "v", "➜": "->", "➡": "->", "⬅": "<-",
    "✓": "(yes)", "✔": "(yes)", "✅": "(yes)", "☑": "(yes)", "✗": "(no)", "✘": "(no)",
    "❌": "(no)", "❎": "(no)", "★": "*", "☆": "*", "⭐": "*", "✱": "*",
    "➕": "+", "➖": "-", "➗": "÷", "✖": "×", "❓": "?", "❔": "?", "❗": "!", "❕": "!",
    "™": "(TM)", "©": "(C)", "®": "(R)", "…": "...", "•": "*",
    "─": "-", "━": "-", "│": "|", "┃": "|", "═": "=", "║": "|",
}


def token(char: str) -> str:
    """What a character that is neither drawable nor decorative prints as: visible, ASCII."""
    return f"[U+{ord(char):04X}]"


@dataclass
class Glyphs:
    """Makes every imported text drawable by `fonts`, noting each change where it happened."""

    fonts: FontRegistry
    report: Report
    # Per (owner, character): the fields it was found in, for the one warning about it.
    _seen: dict[tuple[str, str], list[str]] = dataclasses.field(default_factory=dict, repr=False)

    def fix(self, text: str, where: str, field: str = "") -> str:
        """`text` made drawable. `where` names its owner (e.g. "event e12 ('P ≠ NP')") and
        `field` the part of it (title, abstract, ...): one warning per owner and character."""
        text = unicodedata.normalize("NFC", text)
        self._check_lost(text, where, field)
        gaps = set(self.fonts.missing(text))
        if not gaps:
            return text
        out: list[str] = []
        removed = False
        i = 0
        while i < len(text):
            char = text[i]
            if char not in gaps:
                out.append(char)
                i += 1
            elif (stand_in := self._stand_in(char)) is not None:
                out.append(stand_in)
                self.report.characters.replaced[(char, stand_in)] += 1
                self._warn(where, field, char, f"printed as '{stand_in}'")
                i += 1
            elif is_glue(char):
                # A selector or skin tone after a character that was kept: that character
                # is drawn in its plain (text) presentation.
                self.report.characters.glue += 1
                removed = True
                i += 1
            elif is_decorative(char):
                end = _sequence_end(text, i)
                self.report.characters.removed[char] += 1
                self._warn(where, field, char, "removed (an emoji: decoration only)")
                removed = True
                i = end
            else:
                out.append(token(char))
                self.report.characters.replaced[(char, token(char))] += 1
                self._warn(where, field, char, f"printed as '{token(char)}' so that the gap shows")
                i += 1
        fixed = "".join(out)
        if not removed:
            return fixed
        # A removed emoji leaves doubled or trailing spaces behind.
        return "\n".join(" ".join(line.split()) for line in fixed.split("\n"))

    def _stand_in(self, char: str) -> str | None:
        folded = unicodedata.normalize("NFKC", char)
        if folded != char and not self.fonts.missing(folded):
            return folded
        stand_in = _STAND_INS.get(char)
        if stand_in is not None and not self.fonts.missing(stand_in):
            return stand_in
        return None

    def _warn(self, where: str, field: str, char: str, action: str) -> None:
        self.report.warn(f"{where}: no bundled font draws {describe_char(char)}"
                         f"{self._fields(where, char, field)}; {action}", key=("glyph", where, char))

    def _check_lost(self, text: str, where: str, field: str) -> None:
        for char, (name, meaning) in LOST.items():
            if char in text:
                self.report.warn(f"{where}: the source holds {name}{self._fields(where, char, field)}: "
                                 f"{meaning} (kept as it is: fix it in the source or in the agenda)",
                                 key=("lost", where, char))
        for garbled, meant in mojibake(text):
            self.report.warn(f"{where}: '{garbled}'{self._fields(where, garbled, field)} looks like "
                             f"'{meant}' decoded with the wrong character set before import (kept as "
                             "it is: fix it in the source or in the agenda)",
                             key=("mojibake", where, garbled))

    def _fields(self, where: str, found: str, field: str) -> str:
        """" in its title and abstract": every field of `where` that held `found` so far."""
        fields = self._seen.setdefault((where, found), [])
        if field and field not in fields:
            fields.append(field)
        if not fields:
            return ""
        names = fields[0] if len(fields) == 1 else ", ".join(fields[:-1]) + " and " + fields[-1]
        return f" in its {names}"


def _sequence_end(text: str, start: int) -> int:
    """Where the emoji starting at `start` ends: its selectors, skin tones, tags and keycap,
    a second regional indicator (a flag is a pair), and pictographs joined to it by ZWJ."""
    i = start + 1
    if _regional(text[start]) and i < len(text) and _regional(text[i]):
        i += 1
    while i < len(text):
        if text[i] == ZWJ and i + 1 < len(text) and is_decorative(text[i + 1]) \
                and not is_glue(text[i + 1]):
            i += 2
        elif is_glue(text[i]) and text[i] != ZWJ:
            i += 1
        else:
            break
    return i


def _regional(char: str) -> bool:
    return 0x1F1E6 <= ord(char) <= 0x1F1FF
