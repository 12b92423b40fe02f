"""The online agenda after `podium printed`: changed and new items marked with the old time
struck through, the Changes page, pages at removed items' addresses, SEQUENCE and
LAST-MODIFIED in the calendars, and not one byte different while nothing changed."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import pytest
from click.testing import CliRunner
from tests.browsing import chromium, serving
from tests.conftest import SEED
from tests.links import resolve
from tests.test_site_axe import AXE, violations

from podium.changes.facts import agenda_facts
from podium.changes.pieces import current_pieces
from podium.changes.record import new_entry, record_path, write
from podium.cli import main
from podium.load import load
from podium.pipeline import build

PRINTED = 1733000000          # 2024-11-30 20:53 UTC: the print run
BUILT = 1733300000            # the build after the edits
MOVED = "session-3"
MOVED_WAS, MOVED_NOW = "14:15–15:45", "14:30–16:00"
DAY = "days/2024-12-10.html"


class Page(HTMLParser):
    """A page's visible text, the text inside each <del>, and every link."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.struck: list[str] = []
        self.links: list[str] = []
        self._del = 0
        self._skip = 0
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "del":
            self._del += 1
            self.struck.append("")
        if tag in ("script", "style", "title"):
            self._skip += 1
        if tag == "a":
            self.links.append(dict(attrs).get("href") or "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "del":
            self._del -= 1
        if tag in ("script", "style", "title"):
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        self.parts.append(data)
        if self._del:
            self.struck[-1] += data

    @property
    def text(self) -> str:
        return " ".join(" ".join(self.parts).split())


def page(site: Path, rel: str) -> Page:
    return Page((site / rel).read_text(encoding="utf-8"))


def row(site: Path, rel: str, anchor: str) -> Page:
    """The listing row of one item (an <li> holding no other <li>)."""
    html = (site / rel).read_text(encoding="utf-8")
    found = re.search(rf'<li class="it[^"]*" id="{anchor}".*?</li>', html, re.S)
    assert found, f"no row for {anchor} in {rel}"
    return Page(found.group(0))


def record(agenda: Path, epoch: int) -> None:
    """What `podium printed` records, without building (the record's booklet pages do not
    concern the site)."""
    programme = load(agenda)
    entry = new_entry(agenda.read_text(encoding="utf-8"),
                      agenda_facts(programme.agenda, programme.attendees),
                      current_pieces(programme), epoch)
    write(record_path(agenda), [*programme.history, entry], agenda.name)


def site_of(agenda: Path, out: Path) -> Path:
    build(load(agenda), out, ["site"], jobs=1)
    return out / "site"


def edit(agenda: Path, old: str, new: str) -> None:
    text = agenda.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    agenda.write_text(text.replace(old, new), encoding="utf-8")


def move(agenda: Path, times: tuple[str, str], to: tuple[str, str]) -> None:
    edit(agenda, f'start: "{times[0]}"\n        end: "{times[1]}"\n        kind: session\n'
                 f'        number: 3', f'start: "{to[0]}"\n        end: "{to[1]}"\n'
                                     '        kind: session\n        number: 3')


COFFEE = '''      - id: coffee-1
        start: "11:30"
        end: "11:45"
        kind: break
        title: Coffee Break

'''


def events(calendar: bytes) -> dict[str, str]:
    """Each VEVENT's text (lines unfolded) by the anchor in its UID."""
    text = calendar.decode("utf-8").replace("\r\n ", "")
    out = {}
    for chunk in text.split("BEGIN:VEVENT\r\n")[1:]:
        uid = re.search(r"^UID:([^@\r\n]+)@", chunk, re.M)
        assert uid, chunk
        out[uid.group(1)] = chunk.split("END:VEVENT")[0]
    return out


def sequence(event: str) -> int:
    found = re.search(r"^SEQUENCE:(\d+)\r$", event, re.M)
    return int(found.group(1)) if found else 0


def last_modified(event: str) -> str | None:
    found = re.search(r"^LAST-MODIFIED:(\S+)\r$", event, re.M)
    return found.group(1) if found else None


def stamp(epoch: int) -> str:
    return dt.datetime.fromtimestamp(epoch, dt.UTC).strftime("%Y%m%dT%H%M%SZ")


@pytest.fixture
def agenda(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "event"
    folder.mkdir()
    shutil.copyfile(SEED, folder / "agenda.yaml")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(BUILT))
    return folder / "agenda.yaml"


@pytest.fixture(scope="module")
def changed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The seed recorded, then session 3 moved by a quarter of an hour and a break cancelled."""
    folder = tmp_path_factory.mktemp("changed")
    shutil.copyfile(SEED, folder / "agenda.yaml")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", str(BUILT))
        record(folder / "agenda.yaml", PRINTED)
        move(folder / "agenda.yaml", ("14:15", "15:45"), ("14:30", "16:00"))
        edit(folder / "agenda.yaml", COFFEE, "")
        yield site_of(folder / "agenda.yaml", folder / "build")


def test_a_moved_session_shows_changed_and_its_old_time_struck(changed: Path) -> None:
    session = page(changed, f"sessions/{MOVED}.html")
    assert "Changed" in session.text
    assert "Session 3 moves from 14:15 to 14:30" in session.text
    assert any(MOVED_WAS in s for s in session.struck), session.struck
    assert not any(MOVED_NOW in s for s in session.struck)
    assert MOVED_NOW in session.text
    # Screen readers hear "was", not only a struck line they cannot see.
    assert any(s.startswith("was") for s in session.struck)
    listed = row(changed, DAY, MOVED)
    assert "Changed" in listed.text and MOVED_NOW in listed.text
    assert [s.replace("was:", "").strip() for s in listed.struck] == [MOVED_WAS]
    # What did not change carries no mark.
    for other in ("session-1", "lunch", "coffee-2"):
        kept = row(changed, DAY, other)
        assert "Changed" not in kept.text and not kept.struck, other
    assert "Changed" not in page(changed, "sessions/session-1.html").text


def test_the_moved_session_is_marked_on_every_listing(changed: Path) -> None:
    seed = load(SEED).agenda
    pages = [DAY]
    for person in seed.people:
        if any(it.anchor == MOVED for _d, it, _how, _e in seed.appearances(person.id)):
            pages.append(f"people/{person.id}.html")
    assert len(pages) > 2
    for rel in pages[1:]:
        html = (changed / rel).read_text(encoding="utf-8")
        found = re.search(rf'<li class="it[^"]*" data-item="{MOVED}".*?</li>', html, re.S)
        assert found, rel
        listed = Page(found.group(0))
        assert "Changed" in listed.text and any(MOVED_WAS in s for s in listed.struck), rel


def test_the_changes_page_lists_every_change_in_time_order(changed: Path) -> None:
    changes = page(changed, "changes.html")
    text = changes.text
    removed = text.index("Coffee Break removed (was Tue 10 Dec 11:30–11:45)")
    moved = text.index("Session 3 moves from 14:15 to 14:30")
    assert removed < moved
    assert "Tuesday, 10 December 2024" in text
    assert "printed on Saturday, 30 November 2024" in text
    assert f"sessions/{MOVED}.html" in changes.links
    for rel in ("index.html", DAY, f"sessions/{MOVED}.html"):
        links = page(changed, rel).links
        assert any(link.endswith("changes.html") for link in links), rel
    assert "2 changes" in page(changed, "index.html").text
    assert "changes.html" in (changed / "sw.js").read_text(encoding="utf-8")


def test_a_removed_item_keeps_a_page_at_its_old_address(changed: Path) -> None:
    gone = page(changed, "sessions/coffee-1.html")
    assert "Coffee Break" in gone.text and "no longer on the programme" in gone.text
    assert any("11:30–11:45" in s for s in gone.struck)
    assert "../changes.html" in gone.links
    assert not (changed / "sessions/coffee-1.ics").exists()


def test_calendars_carry_sequence_and_last_modified(changed: Path) -> None:
    whole = events((changed / "agenda.ics").read_bytes())
    assert "coffee-1" not in whole
    assert sequence(whole[MOVED]) == 1
    assert last_modified(whole[MOVED]) == stamp(BUILT)
    for anchor, event in whole.items():
        if anchor != MOVED:
            assert sequence(event) == 0 and "SEQUENCE" not in event, anchor
            assert last_modified(event) is None, anchor
    own = events((changed / f"sessions/{MOVED}.ics").read_bytes())
    assert own[MOVED] == whole[MOVED]
    for calendar in (changed / "calendars").glob("*.ics"):
        found = events(calendar.read_bytes())
        if MOVED in found:
            assert found[MOVED] == whole[MOVED], calendar.name
    # The UID stays, so a calendar that has the event replaces it.
    assert f"UID:{MOVED}@agenda.example.org" in whole[MOVED]


def test_sequence_grows_with_each_recorded_change(agenda: Path, tmp_path: Path) -> None:
    record(agenda, PRINTED)
    move(agenda, ("14:15", "15:45"), ("14:30", "16:00"))
    again = PRINTED + 86400
    record(agenda, again)
    site = site_of(agenda, tmp_path / "one")
    event = events((site / "agenda.ics").read_bytes())[MOVED]
    # Printed again as it is: no mark, but calendars still know it changed once.
    assert sequence(event) == 1 and last_modified(event) == stamp(again)
    assert "Changed" not in page(site, f"sessions/{MOVED}.html").text
    assert "No changes since the programme was printed" in page(site, "changes.html").text
    move(agenda, ("14:30", "16:00"), ("14:45", "16:15"))
    site = site_of(agenda, tmp_path / "two")
    event = events((site / "agenda.ics").read_bytes())[MOVED]
    assert sequence(event) == 2 and last_modified(event) == stamp(BUILT)
    # The old time is the one last printed.
    assert any("14:30–16:00" in s for s in page(site, f"sessions/{MOVED}.html").struck)


def test_an_item_back_as_recorded_is_not_marked(agenda: Path, tmp_path: Path) -> None:
    record(agenda, PRINTED)
    move(agenda, ("14:15", "15:45"), ("14:30", "16:00"))
    edit(agenda, "title: Coffee Break\n\n      - id: session-2", "title: Tea\n\n      - id: session-2")
    site = site_of(agenda, tmp_path / "moved")
    assert "Changed" in page(site, f"sessions/{MOVED}.html").text
    assert "New" not in row(site, DAY, "coffee-1").text
    assert "Changed" in row(site, DAY, "coffee-1").text
    move(agenda, ("14:30", "16:00"), ("14:15", "15:45"))
    site = site_of(agenda, tmp_path / "back")
    assert "Changed" not in page(site, f"sessions/{MOVED}.html").text
    assert not row(site, DAY, MOVED).struck
    assert "SEQUENCE" not in events((site / "agenda.ics").read_bytes())[MOVED]
    assert "Changed" in row(site, DAY, "coffee-1").text


def tree(folder: Path) -> dict[str, bytes]:
    """Every output file under `folder` (its links followed; podium's own .podium/ left out)."""
    files = []
    for top, dirs, names in os.walk(folder, followlinks=True):
        dirs[:] = [d for d in dirs if not (top == str(folder) and d == ".podium")]
        files += [Path(top, n) for n in names]
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(files)}


def test_a_fresh_record_changes_no_byte(agenda: Path, tmp_path: Path) -> None:
    site_of(agenda, tmp_path / "before")
    record(agenda, PRINTED)
    site_of(agenda, tmp_path / "after")
    before, after = tree(tmp_path / "before"), tree(tmp_path / "after")
    assert "site/changes.html" in before
    assert before.keys() == after.keys()
    assert [k for k in before if before[k] != after[k]] == []
    assert "No changes since the programme was printed" in page(tmp_path / "before/site",
                                                                  "changes.html").text


def test_what_the_public_site_does_not_show_leaves_it_as_printed(agenda: Path,
                                                                  tmp_path: Path) -> None:
    """A badge category and the print settings are the printer's: the site stays as it was."""
    site_of(agenda, tmp_path / "before")
    record(agenda, PRINTED)
    edit(agenda, "  - id: paganini\n    name: Omar Paganini\n",
         "  - id: paganini\n    name: Omar Paganini\n    category: Host\n")
    site_of(agenda, tmp_path / "after")
    assert tree(tmp_path / "before") == tree(tmp_path / "after")


def test_a_person_corrected_is_marked_on_their_page(agenda: Path, tmp_path: Path) -> None:
    record(agenda, PRINTED)
    edit(agenda, "organisation: University of Tokyo", "organisation: The University of Tokyo")
    site = site_of(agenda, tmp_path / "out")
    person = page(site, "people/kihara-hunt.html")
    assert "Changed" in person.text and "The University of Tokyo" in person.text
    assert "people/kihara-hunt.html" in page(site, "changes.html").links


def test_the_marks_are_in_the_event_language(agenda: Path, tmp_path: Path) -> None:
    edit(agenda, "  language: en ", "  language: es ")
    record(agenda, PRINTED)
    move(agenda, ("14:15", "15:45"), ("14:30", "16:00"))
    site = site_of(agenda, tmp_path / "out")
    session = page(site, f"sessions/{MOVED}.html")
    assert "Cambio" in session.text and "Changed" not in session.text
    assert any(s.startswith("antes") and MOVED_WAS in s for s in session.struck)
    assert "Cambios" in page(site, "changes.html").text


@pytest.fixture(scope="module")
def axe_source() -> str:
    if not AXE.exists():
        pytest.skip("axe-core not installed: cd tests/axe && npm ci (scripts/setup.sh --test)")
    return AXE.read_text(encoding="utf-8")


@pytest.mark.parametrize("width", [390, 1280])
def test_marked_pages_pass_axe(changed: Path, axe_source: str, width: int) -> None:
    failures: dict[str, list[str]] = {}
    with chromium() as browser:
        context: Any = browser.new_context(viewport={"width": width, "height": 900})
        pg = context.new_page()
        with serving(changed) as server:
            for rel in ("changes.html", f"sessions/{MOVED}.html", "sessions/coffee-1.html", DAY,
                        "index.html"):
                pg.goto(server.url + rel)
                pg.wait_for_load_state("load")
                if found := violations(pg, axe_source):
                    failures[rel] = found
        context.close()
    assert not failures, failures


def test_an_item_added_since_is_new(agenda: Path, tmp_path: Path) -> None:
    record(agenda, PRINTED)
    edit(agenda, COFFEE, COFFEE + '''      - id: press
        start: "11:40"
        end: "11:45"
        kind: break
        title: Press briefing

''')
    site = site_of(agenda, tmp_path / "out")
    listed = row(site, DAY, "press")
    assert "New" in listed.text and "Changed" not in listed.text and not listed.struck
    assert "New" in page(site, "sessions/press.html").text
    assert "Press briefing added: Tue 10 Dec 11:40–11:45" in page(site, "changes.html").text
    assert "Press briefing added" in page(site, DAY).text
    event = events((site / "agenda.ics").read_bytes())["press"]
    # New in no record yet: no revision to count, but calendars learn when it appeared.
    assert sequence(event) == 0 and last_modified(event) == stamp(BUILT)


def test_every_link_of_the_marked_site_opens_a_page(changed: Path) -> None:
    base = load(SEED).agenda.event.url
    broken, seen = [], 0
    for html in sorted(changed.rglob("*.html")):
        rel = html.relative_to(changed).as_posix()
        for href in Page(html.read_text(encoding="utf-8")).links:
            url = urljoin(base + rel, href)
            if not url.startswith(base) or url.endswith("/"):
                continue                      # the event's own site; the calendars' folder
            seen += 1
            if not resolve(url, base, changed):
                broken.append(f"{rel}: {href}")
    assert seen > 500 and not broken, broken


def test_the_schedule_exports_name_the_programme_revision(agenda: Path, tmp_path: Path) -> None:
    site = site_of(agenda, tmp_path / "none")
    plain = (site / "schedule.xml").read_text(encoding="utf-8")
    assert ", revision" not in plain
    record(agenda, PRINTED)
    move(agenda, ("14:15", "15:45"), ("14:30", "16:00"))
    site = site_of(agenda, tmp_path / "moved")
    assert "<version>" + stamp_text(BUILT) + ", revision 1</version>" in \
        (site / "schedule.xml").read_text(encoding="utf-8")
    data = json.loads((site / "schedule.json").read_text(encoding="utf-8"))
    assert data["schedule"]["version"] == stamp_text(BUILT) + ", revision 1"


def stamp_text(epoch: int) -> str:
    return dt.datetime.fromtimestamp(epoch, dt.UTC).strftime("%Y-%m-%d %H:%M")


def test_podium_printed_then_an_edit(agenda: Path, tmp_path: Path) -> None:
    """The real command: its own build is the site as printed, byte for byte the site
    without a record; an edit after it is marked."""
    plain = tree(site_of(agenda, tmp_path / "plain"))
    result = CliRunner().invoke(main, ["printed", "-q", str(agenda)])
    assert result.exit_code == 0, result.output
    assert tree(agenda.parent / "build" / "site") == plain
    move(agenda, ("14:15", "15:45"), ("14:30", "16:00"))
    site = site_of(agenda, tmp_path / "moved")
    assert any(MOVED_WAS in s for s in page(site, f"sessions/{MOVED}.html").struck)
    assert sequence(events((site / "agenda.ics").read_bytes())[MOVED]) == 1
