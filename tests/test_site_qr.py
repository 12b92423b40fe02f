"""Every QR code in every PDF opens, with JavaScript off, a page that names what was printed.

For the seed and for an imported real schedule (36C3's excerpt: nine rooms, so the door signs
are room-day lists), all outputs are built, every QR code on every page is decoded, and each
URL under event.url is mapped to the built file (tests.links). The file must exist and its
first <h1>, as the static HTML has it, must name the session, the person, the room and day,
or the day that was printed beside the code."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from click.testing import CliRunner
from tests.links import file_ids, first_heading, locate
from tests.pdfs import qr_codes

from podium import present
from podium.cli import main
from podium.load import Programme, load
from podium.model import Agenda
from podium.pipeline import build

IMPORTED = Path(__file__).parent / "fixtures/schedules/36c3-merged-day4-excerpt.xml"


def expected_heading(agenda: Agenda, rel: str) -> list[str]:
    """What the first heading of the page at `rel` (under site/) must contain, worked out
    from the agenda, not from the page."""
    parts = rel.removesuffix(".html").split("/")
    locale = present.locale_of(agenda)
    if rel == "index.html":
        return [agenda.event.title]
    if parts[0] == "sessions" and len(parts) == 2:
        [item] = [it for _d, it in agenda.items() if it.anchor == parts[1]]
        return [item.title]
    if parts[0] == "people" and len(parts) == 2:
        return [agenda.person(parts[1]).name]
    if parts[0] == "days" and len(parts) == 2:
        return [locale.long_date(dt.date.fromisoformat(parts[1]))]
    if parts[0] == "rooms" and len(parts) == 3:
        room = agenda.room(parts[1])
        assert room is not None, rel
        return [room.name, locale.long_date(dt.date.fromisoformat(parts[2]))]
    raise AssertionError(f"a QR code opens {rel}, which no printed piece should point at")


def check_every_code(agenda: Agenda, out: Path) -> dict[str, int]:
    base, site = agenda.event.url, out / "site"
    pdfs = sorted(out.glob("*.pdf"))
    assert {"badges.pdf", "door-signs.pdf", "programme.pdf"} <= {p.name for p in pdfs}
    kinds: dict[str, int] = {}
    checked = 0
    for pdf in pdfs:
        for number, page in enumerate(qr_codes(pdf), start=1):
            for url in page:
                where = f"{pdf.name} page {number}: {url}"
                if not url.startswith(base):
                    # Another content (a check-in code) is fine, but not the agenda's host.
                    assert urlsplit(url).netloc != urlsplit(base).netloc, where
                    continue
                target = locate(url, base, site)
                assert target is not None and target.file.is_file(), f"opens nothing: {where}"
                if target.anchor:
                    assert target.anchor in file_ids(target.file), where
                rel = target.file.relative_to(site).as_posix()
                heading = first_heading(target.file)
                for name in expected_heading(agenda, rel):
                    assert name in heading, f"{where}: first heading {heading!r} lacks {name!r}"
                kinds[rel.split("/")[0]] = kinds.get(rel.split("/")[0], 0) + 1
                checked += 1
    assert checked
    return kinds


def test_every_code_of_the_seed_opens_its_page(seed: Programme, tmp_path: Path) -> None:
    build(seed, tmp_path)
    kinds = check_every_code(seed.agenda, tmp_path)
    # The booklet's sessions, the one-room event's signs (per session) and the cover.
    assert kinds.get("sessions", 0) >= len([it for _d, it in seed.agenda.items()
                                            if it.kind == "session"])
    assert kinds.get("index.html", 0) >= 1


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("imported")
    result = CliRunner().invoke(main, ["import", str(IMPORTED), "-o", str(folder / "agenda.yaml")])
    assert result.exit_code == 0, result.output
    # Badges with each speaker's own page, so that people/ pages are reached by a code too.
    with (folder / "agenda.yaml").open("a", encoding="utf-8") as fh:
        fh.write("print:\n  badge_qr_default: person\n")
    return folder / "agenda.yaml"


def test_every_code_of_an_imported_schedule_opens_its_page(imported: Path, tmp_path: Path) -> None:
    programme = load(imported)
    agenda = programme.agenda
    assert len(agenda.rooms) > 1
    build(programme, tmp_path)
    kinds = check_every_code(agenda, tmp_path)
    # Door signs of a many-room event are room-day lists, each opening its room's day.
    room_days = {(it.room, d.date) for d, it in agenda.items() if it.room}
    assert kinds.get("rooms", 0) >= len(room_days)
    assert kinds.get("people", 0) > 0


def test_a_room_day_page_names_its_room_and_day_at_the_top(imported: Path, tmp_path: Path) -> None:
    # The check itself must fail on a page that names another room.
    programme = load(imported)
    build(programme, tmp_path, ["site"])
    agenda = programme.agenda
    day = agenda.days[0].date
    first, second = agenda.rooms[0], agenda.rooms[1]
    page = tmp_path / "site/rooms" / first.id / f"{day.isoformat()}.html"
    heading = first_heading(page)
    assert first.name in heading and second.name not in heading
    with pytest.raises(AssertionError):
        for name in expected_heading(agenda, f"rooms/{second.id}/{day.isoformat()}.html"):
            assert name in heading
