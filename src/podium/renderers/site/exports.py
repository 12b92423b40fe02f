"""Export stage of the online agenda: schedule.xml and schedule.json, written beside the pages.

schedview.py makes what both formats need (ids, UUIDs, slugs, rooms, types), frabxml.py and
schedjson.py write each format."""

from __future__ import annotations

import itertools

from podium.changes.compare import Comparison
from podium.model import Agenda
from podium.renderers.site import frabxml, schedjson
from podium.renderers.site.schedview import exported

XML = "schedule.xml"
JSON = "schedule.json"


def programme_revision(found: Comparison | None) -> int:
    """How many times the programme's items changed: between each two records, and since
    the last (0 without a record, or while it is as first recorded)."""
    if found is None:
        return 0
    states = [e.facts.get("items") for e in found.history] + [found.facts.get("items")]
    return sum(a != b for a, b in itertools.pairwise(states))


def export_files(agenda: Agenda, epoch: int, revision: int = 0) -> dict[str, bytes]:
    """{relative path: bytes} of schedule.xml and schedule.json, for the site to write;
    `revision` (programme_revision) goes into their version."""
    events = exported(agenda)
    return {XML: frabxml.schedule_xml(agenda, epoch, events, revision),
            JSON: schedjson.schedule_json(agenda, epoch, events, revision)}
