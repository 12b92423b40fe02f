"""Import stage: what an import did, skipped or changed, for the organiser to read."""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Note:
    """One thing the organiser should know about the import ("warning" or "info")."""

    level: str
    message: str

    def __str__(self) -> str:
        return f"{self.level}: {self.message}"


def _listed(counts: Counter[str], shown: int = 8) -> str:
    parts = [f"{text} x{n}" for text, n in counts.most_common(shown)]
    if len(counts) > shown:
        parts.append(f"{len(counts) - shown} more")
    return ", ".join(parts)


@dataclass
class CharacterChanges:
    """Every character the import replaced or removed because no bundled font draws it,
    counted by occurrence (a character in three events counts three times)."""

    replaced: Counter[tuple[str, str]] = field(default_factory=Counter)
    """(character, what was printed instead) -> occurrences."""
    removed: Counter[str] = field(default_factory=Counter)
    """Decorative sequences (an emoji with its joiners and modifiers) -> occurrences."""
    glue: int = 0
    """Variation selectors and modifiers removed from a character that was kept."""

    def __bool__(self) -> bool:
        return bool(self.replaced or self.removed or self.glue)

    def summary(self) -> str:
        """One line, e.g. "replaced 4 characters (≠ -> '!=' x3, ...); removed 2 emoji (💌 x2)"."""
        parts = []
        if self.replaced:
            shown = Counter({f"{c} -> '{s}'": n for (c, s), n in self.replaced.items()})
            parts.append(f"replaced {self.replaced.total()} characters no bundled font draws "
                         f"({_listed(shown)})")
        if self.removed:
            parts.append(f"removed {self.removed.total()} emoji ({_listed(self.removed)})")
        if self.glue:
            parts.append(f"dropped {self.glue} emoji variation selectors or modifiers from "
                         "characters that were kept")
        return "; ".join(parts)


@dataclass
class Report:
    """Notes in the order they arose, plus the counts printed at the end."""

    notes: list[Note] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    characters: CharacterChanges = field(default_factory=CharacterChanges)
    _keyed: dict[Hashable, int] = field(default_factory=dict, repr=False)

    def warn(self, message: str, *, key: Hashable | None = None) -> None:
        """Add a warning; a later warning with the same `key` rewrites the first in place
        (one warning per event and character, however many of its fields hold it)."""
        if key is not None and key in self._keyed:
            self.notes[self._keyed[key]] = Note("warning", message)
            return
        if key is not None:
            self._keyed[key] = len(self.notes)
        self.notes.append(Note("warning", message))

    def info(self, message: str) -> None:
        self.notes.append(Note("info", message))

    @property
    def warnings(self) -> list[Note]:
        return [n for n in self.notes if n.level == "warning"]
