"""Reading stage: characters no output can carry (control characters, surrogates, noncharacters).

A PDF, a web page or a terminal either drops such a character, prints a box, or does
something worse (ESC starts terminal escape sequences); they come from copy and paste,
from a spreadsheet export or from escapes such as "\\e" and "\\ud83d" in YAML. Each is
reported where it stands and replaced by U+FFFD, so that later stages, whose messages
quote the text, never see it.
"""

from __future__ import annotations

import re

# Tab, line feed and carriage return are how text is laid out; everything else in C0,
# DEL, C1 (U+0085 is a line break only to YAML 1.1), UTF-16 halves, and the 66
# noncharacters, which Unicode reserves for a program's own use.
_NONCHARACTERS = "\ufdd0-\ufdef" + "".join(
    f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(17))
FORBIDDEN = re.compile(f"[\x00-\x08\x0b-\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff{_NONCHARACTERS}]")
"""Characters of a file or text that are refused; CR is allowed in a file (CRLF line ends)."""
FORBIDDEN_IN_TEXT = re.compile(f"[\r{FORBIDDEN.pattern[1:-1]}]")
"""The same in a value read from the file: a CR there was written as the escape "\\r"."""

REPLACEMENT = "\ufffd"

# Line breaks as YAML counts them, so that positions agree with the parser's.
_BREAK = re.compile("\r\n|[\r\n\u2028\u2029]")

_C0 = ["NUL", "SOH", "STX", "ETX", "EOT", "ENQ", "ACK", "BEL", "BS", "TAB", "LF", "VT", "FF", "CR",
       "SO", "SI", "DLE", "DC1", "DC2", "DC3", "DC4", "NAK", "SYN", "ETB", "CAN", "EM", "SUB", "ESC",
       "FS", "GS", "RS", "US"]


def describe(text: str, at: int, times: str = "") -> str:
    """What is wrong with the character at `at` of `text` (one of FORBIDDEN_IN_TEXT), and
    what to do; `times` (", 3 times on this line") goes between the two."""
    char = text[at]
    code = ord(char)
    if code < 0x20 or code == 0x7F:
        name = _C0[code] if code < 0x20 else "DEL"
        what = f"control character U+{code:04X} ({name})"
        advice = "remove it: text holds no control characters other than tab and line breaks"
    elif code < 0xA0:
        what = f"control character U+{code:04X} (C1 control)"
        advice = "remove it: it is often a Windows-1252 quote or dash decoded wrongly"
    elif 0xD800 <= code <= 0xDBFF and text[at + 1:at + 2] and 0xDC00 <= ord(text[at + 1]) <= 0xDFFF:
        whole = 0x10000 + ((code - 0xD800) << 10) + (ord(text[at + 1]) - 0xDC00)
        what = f"UTF-16 surrogate pair U+{code:04X} U+{ord(text[at + 1]):04X}"
        advice = f"write the character itself, or the escape \\U{whole:08X}"
    elif 0xD800 <= code <= 0xDFFF:
        what = f"lone UTF-16 surrogate U+{code:04X}"
        advice = "remove it: no output can carry it"
    else:
        what = f"noncharacter U+{code:04X}"
        advice = "remove it: no output can carry it"
    return f"{what}{times}; {advice}"


def first_of_each(text: str) -> list[tuple[int, int]]:
    """(index of its first occurrence, occurrences) of each distinct forbidden character in
    `text`, in order (a low surrogate after a high one is part of the pair, not counted)."""
    seen: dict[str, list[int]] = {}
    for m in FORBIDDEN_IN_TEXT.finditer(text):
        c = m.group()
        if 0xDC00 <= ord(c) <= 0xDFFF and m.start() and 0xD800 <= ord(text[m.start() - 1]) <= 0xDBFF:
            continue
        entry = seen.setdefault(c, [m.start(), 0])
        entry[1] += 1
    return [(at, count) for at, count in seen.values()]


def clean(text: str) -> str:
    """`text` with every forbidden character replaced by U+FFFD."""
    return FORBIDDEN_IN_TEXT.sub(REPLACEMENT, text)


def in_file(text: str) -> tuple[str, list[tuple[int, int, str]]]:
    """The file's text with forbidden characters replaced, and for each line that held any,
    for each distinct character on it: (line, column, message), both from 1."""
    if FORBIDDEN.search(text) is None:
        return text, []
    # One message per line and character: the first place, and how often.
    places: dict[tuple[int, str], list[int]] = {}
    line, start = 1, 0
    breaks = _BREAK.finditer(text)
    next_break = next(breaks, None)
    for m in FORBIDDEN.finditer(text):
        while next_break is not None and next_break.end() <= m.start():
            line, start = line + 1, next_break.end()
            next_break = next(breaks, None)
        place = places.setdefault((line, m.group()), [m.start() - start + 1, m.start(), 0])
        place[2] += 1
    listed = [(ln, col, describe(text, at, f", {n} times on this line" if n > 1 else ""))
              for (ln, _c), (col, at, n) in places.items()]
    return FORBIDDEN.sub(REPLACEMENT, text), listed
