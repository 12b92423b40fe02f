"""Rendering stage: the list of participants (participants.pdf)."""

from podium.context import BuildContext
from podium.output import Written


def render(ctx: BuildContext) -> list[Written]:
    return []
