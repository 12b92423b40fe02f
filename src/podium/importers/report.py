"""Import stage: what an import did, skipped or changed, for the organiser to read."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Note:
    """One thing the organiser should know about the import ("warning" or "info")."""

    level: str
    message: str

    def __str__(self) -> str:
        return f"{self.level}: {self.message}"


@dataclass
class Report:
    """Notes in the order they arose, plus the counts printed at the end."""

    notes: list[Note] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)

    def warn(self, message: str) -> None:
        self.notes.append(Note("warning", message))

    def info(self, message: str) -> None:
        self.notes.append(Note("info", message))

    @property
    def warnings(self) -> list[Note]:
        return [n for n in self.notes if n.level == "warning"]
