"""Command stage: the `podium` program itself; Ctrl-C while it starts ends as it would later
(exit 130, no traceback)."""

from __future__ import annotations

import os
import signal
import sys
from types import FrameType

_STOPPED: list[int] = []
"""Set once Ctrl-C came while starting (the message is written)."""


def _while_starting(signum: int, frame: FrameType | None) -> None:
    # Nothing is written before the command runs. A SystemExit, not a KeyboardInterrupt: one
    # raised inside importlib can end the process by the signal, after the message.
    os.write(2, b"\ninterrupted: nothing written\n")
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _STOPPED.append(signum)
    raise SystemExit(130)


def run() -> None:
    before = signal.signal(signal.SIGINT, _while_starting)
    try:
        from podium.cli import main
    except BaseException:
        # Raised inside a C extension's initialisation (zint's), the SystemExit comes out
        # as "ImportError: initialization failed": still Ctrl-C, still no traceback.
        if _STOPPED:
            raise SystemExit(130) from None
        raise

    signal.signal(signal.SIGINT, before)
    sys.exit(main())
