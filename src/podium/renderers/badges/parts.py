"""Layout stage: what a badge is drawn in and with — its box, the build's plan, fixed places,
and the notes the preflight report reads."""

from __future__ import annotations

from dataclasses import dataclass, field

from podium.renderers.badges.scale import TypeScale


@dataclass
class Notes:
    """What the preflight report says about one badge."""

    name_size: float = 0.0
    wrapped: bool = False
    smaller: dict[str, float] = field(default_factory=dict)
    """Fields set below the build's type scale on this badge, with their sizes."""
    fallback: set[str] = field(default_factory=set)


@dataclass(frozen=True)
class Plan:
    """What every badge of a build is set with: the type scale and the side of the largest
    QR code (with its quiet zone; 0 without codes). Small, so it pickles for workers."""

    scale: TypeScale
    qr_side: float


@dataclass(frozen=True)
class Slots:
    """Fixed places on a badge: the rank's and the name's baselines, the bottom of the
    text (above the QR code on portrait badges) and the text's width."""

    rank_base: float
    name_base: float
    bottom: float
    width: float


@dataclass(frozen=True)
class Box:
    x: float
    y: float
    w: float
    h: float

    @property
    def top(self) -> float:
        return self.y + self.h

def qr_bounds(codes: list[str | None]) -> list[str]:
    """Texts whose QR codes are at least as large as any of `codes`'s, without encoding
    each (10,000 distinct check-in codes): byte mode can always encode a text, so the
    encoder never needs more modules than byte mode at the longest text's length; lower-case
    letters are encoded in byte mode, and a text beyond ASCII also carries the UTF-8
    declaration, so a text of as many bytes of 'é' bounds those."""
    longest = max((len(c.encode()) for c in codes if c), default=0)
    if not longest:
        return []
    out = ["a" * longest]
    if any(c and not c.isascii() for c in codes):
        out.append("é" * -(-longest // 2))
    return out


__all__ = ["Box", "Notes", "Plan", "Slots", "qr_bounds"]
