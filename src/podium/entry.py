"""Command stage: the `podium` program itself; Ctrl-C while it starts ends as it would later
(exit 130, no traceback)."""

from __future__ import annotations

import sys


def run() -> None:
    try:
        from podium.cli import main
    except KeyboardInterrupt:
        sys.stderr.write("\ninterrupted: nothing written\n")
        sys.exit(130)
    main()
