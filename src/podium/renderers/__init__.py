"""Rendering stage: the registry of renderers, each turning a programme into output files.

A renderer is a plain function registered here by name; `podium build --only NAME` picks
from this dict, so adding an output never means another `if` elsewhere."""

from __future__ import annotations

from collections.abc import Callable

from podium.context import BuildContext
from podium.output import Written

Renderer = Callable[[BuildContext], list[Written]]

RENDERERS: dict[str, Renderer] = {}

from podium.renderers import signs  # noqa: E402  (renderers import this module's types)

RENDERERS["signs"] = signs.render
