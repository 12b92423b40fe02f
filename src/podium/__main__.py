"""Command stage: `python -m podium` runs the command line."""

from podium.entry import run

run()
