"""Export stage of the online agenda: schedule.xml and schedule.json, written beside the pages.

schedview.py makes what both formats need (ids, UUIDs, slugs, rooms, types), frabxml.py and
schedjson.py write each format."""

from __future__ import annotations

from podium.model import Agenda
from podium.renderers.site import frabxml, schedjson
from podium.renderers.site.schedview import exported

XML = "schedule.xml"
JSON = "schedule.json"


def export_files(agenda: Agenda, epoch: int) -> dict[str, bytes]:
    """{relative path: bytes} of schedule.xml and schedule.json, for the site to write."""
    events = exported(agenda)
    return {XML: frabxml.schedule_xml(agenda, epoch, events),
            JSON: schedjson.schedule_json(agenda, epoch, events)}
