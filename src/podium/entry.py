"""Command stage: the `podium` program itself; Ctrl-C while it starts ends as it would later
(exit 130, no traceback)."""

from __future__ import annotations

import os
import signal
import sys
from types import FrameType


def _while_starting(signum: int, frame: FrameType | None) -> None:
    # Nothing is written before the command runs: leave at once, whatever was being imported
    # (a KeyboardInterrupt raised inside importlib can escape half-handled).
    os.write(2, b"\ninterrupted: nothing written\n")
    os._exit(130)


def run() -> None:
    before = signal.signal(signal.SIGINT, _while_starting)
    from podium.cli import main

    signal.signal(signal.SIGINT, before)
    sys.exit(main())
