"""Reading stage: how much podium reads, so that no input costs far more than its size.

A real agenda is far below every limit: FOSDEM 2025 imported is 1.4 MB with 943 events,
its longest text 2,613 characters and its deepest value 6 levels down. Time and memory
grow with the size of the data; these limits keep the data no larger than the file
(twice the file at most, through aliases), and stop the inputs that grow faster.
"""

from __future__ import annotations

MAX_FILE_BYTES = 10_000_000
"""The largest agenda.yaml or attendees CSV read, in bytes (10 MB): seven FOSDEMs. A
larger file is refused before it is read, since every later stage costs time in
proportion to it."""

MAX_TEXT_CHARS = 100_000
"""The longest text (a YAML value or key, a CSV field), in characters: twenty long
abstracts. One 50 MB text used to keep the booklet busy for three minutes."""

MAX_LINE_CHARS = 1_000
"""The longest one-line text (a title, a name, an organisation, a question; a named column
of the attendees CSV), in characters: FOSDEM's longest title is 171. A title set in one
unbreakable piece costs the booklet time that grows faster than its length."""

MAX_ID_CHARS = 100
"""The longest id (and anchor made from a title) in characters: FOSDEM's are 8. Ids go into
every URL and QR code of the item or person."""

MAX_URL_CHARS = 500
"""The longest URL (event.url, an item's url), in characters: a printed QR code holds
event.url plus an anchor, at most about 2,300 bytes."""

FIRST_YEAR, LAST_YEAR = 1900, 2999
"""The years a day's date may fall in: 0001-01-01 and 9999-12-31 are valid dates, but the
day after the last (a talk at 25:00) and the year around the event (the calendar's time
zone rules) must exist too."""

MAX_DEPTH = 64
"""The deepest nesting of lists and mappings in agenda.yaml, the file's own mapping counted
(the schema needs 7). The parser's work per token grows with the depth (PyYAML's with its
square), and so does the size of every value's key path."""

VALUES_FLOOR = 50_000
BYTES_PER_VALUE = 10
"""A file may hold VALUES_FLOOR values (keys, texts, numbers, lists and mappings, with what
aliases repeat) plus one per BYTES_PER_VALUE bytes: FOSDEM's 1.4 MB hold 32,802 of the
185,519 allowed; real agendas spend 14 to 42 bytes on a value, hand-written ones 8 and
more. Every stage does some work per value, so a file written as `[a,a,a,...]` (2 bytes
a value) would otherwise cost ten times a real agenda of its size."""


def max_values(size: int) -> int:
    """How many values (or CSV rows) a file of `size` bytes may hold."""
    return VALUES_FLOOR + size // BYTES_PER_VALUE


ALIAS_FLOOR = 10_000
"""What YAML aliases (`*name`) may repeat, in values (each counts 1) and characters of
their text, when the file itself is smaller; otherwise they may repeat as much as the
file holds. So aliases at most double the data, and a 1 KB "billion laughs" file, which
would expand to a billion values, is refused after some thousand."""

MAX_REPORTED_CHARACTERS = 20
"""How many forbidden characters are reported one by one (a file saved as UTF-16 has a
NUL on every line); the rest are counted in one further message."""
