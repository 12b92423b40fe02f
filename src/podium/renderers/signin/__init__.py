"""Rendering stage: sign-in sheets (signin.pdf)."""

from podium.context import BuildContext
from podium.output import Written


def render(ctx: BuildContext) -> list[Written]:
    return []
