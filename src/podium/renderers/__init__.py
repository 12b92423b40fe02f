"""Rendering stage: the registry of renderers, each turning a programme into output files.

A renderer is a plain function registered here by name; `podium build --only NAME` picks
from this dict, so adding an output never means another `if` elsewhere."""

from __future__ import annotations

from collections.abc import Callable

from podium.context import BuildContext
from podium.output import Written

Renderer = Callable[[BuildContext], list[Written]]

# Imported after `Renderer` exists; the order of the dict is the build order.
from podium.renderers import (  # noqa: E402
    badges,
    booklet,
    participants,
    reprint,
    signin,
    signs,
    site,
    tents,
)

RENDERERS: dict[str, Renderer] = {
    "booklet": booklet.render,
    "badges": badges.render,
    "signs": signs.render,
    "site": site.render,
    "tents": tents.render,
    "participants": participants.render,
    "signin": signin.render,
    "reprint": reprint.render,
}

FOLDERS: dict[str, tuple[str, ...]] = {"reprint": (reprint.FOLDER,)}
"""Outputs a renderer may leave unmade (reprint/ when nothing changed): a build that runs it
never carries them over from the last build, so none outlives what it was made for."""
