"""Rendering stage: what every renderer is handed (programme, fonts, build date, staging)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from podium.fonts import FontRegistry
from podium.load import Programme
from podium.output import Scratch, Staging
from podium.resources import templates_dir


class OptionError(ValueError):
    """A command-line option names something that is not there (`--people okafr`): reported
    as a mistake on the command line, not at a line of the agenda."""

    def __init__(self, option: str, message: str) -> None:
        self.option = option
        super().__init__(message)


@dataclass(frozen=True)
class BuildOptions:
    """What the command line asks of one build, beyond the agenda's own `print` settings."""

    people: tuple[str, ...] = ()
    """Badges only for these people (ids or names), for reprints; empty: everyone."""
    start_slot: int = 1
    """The first free slot (from 1) of the badge sheet that reprint/badges.pdf starts on."""

    @classmethod
    def from_cli(cls, people: str = "", start_slot: int = 1) -> BuildOptions:
        """`--people "lacroix, María Paz"` as typed."""
        return cls(people=tuple(w.strip() for w in people.split(",") if w.strip()),
                   start_slot=start_slot)


@dataclass(frozen=True)
class BuildContext:
    """Everything a renderer may use; renderers share no other state."""

    programme: Programme
    fonts: FontRegistry
    epoch: int
    """Seconds since 1970 written as the creation date of every output."""
    stage: Staging | Scratch
    """Where outputs are written: a build's new generation (serve's slow outputs: a scratch
    folder, moved into a generation once rendered)."""
    options: BuildOptions = field(default_factory=BuildOptions)
    """Options given on the command line (for example `people` for badge reprints)."""
    kept: dict[str, Any] = field(default_factory=dict, compare=False)
    """What a renderer keeps from one build to the next in a process that lives on (serve's
    booklet worker), under the renderer's name; empty in `podium build`, so that a build
    never depends on one before it."""

    def out(self, name: str) -> Path:
        """The staged path of an output file called `name`."""
        return self.stage.path(name)

    @property
    def template_dirs(self) -> list[Path]:
        """Template folders, the user's own (beside the agenda) before the bundled one."""
        user = self.programme.base_dir / "templates"
        return [user, templates_dir()] if user.is_dir() else [templates_dir()]
