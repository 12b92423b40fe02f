"""Tests of the programme booklet at FOSDEM scale: 40 rooms over two days, 920 items, 900
people, generated here (the corpus is not needed). What an organiser would check: a compact
booklet of sane length that still names every talk and every person, a day at a glance that
can be read, index page numbers that lead to the person, QR codes that open the agenda."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pdfplumber
import pypdfium2 as pdfium
import pytest
import yaml
import zxingcpp
from tests.links import resolve
from tests.pdfs import qr_codes

from podium.load import Programme, load
from podium.pipeline import build
from podium.renderers.booklet.rooms import COMPACT_ABOVE
from podium.renderers.booklet.view import booklet_view, split_name

MM = 72 / 25.4
GIVEN = ("Ana", "Jean", "Kofi", "Mei", "Olga", "Ravi", "Sven", "Lucía", "Tomás", "Aiko",
         "Femi", "Ingrid", "Pavel", "Noor", "Chloé")
SYLLABLES = ("ka", "lo", "mir", "sen", "ta", "vu", "dor", "bel", "ni", "ros")
WORDS = ("open", "source", "firmware", "kernel", "drivers", "reproducible", "builds", "memory",
         "safety", "federated", "identity", "desktop", "testing", "compilers", "networks")


def family(k: int) -> str:
    a, b, c = k % 10, (k // 10) % 10, (k // 100) % 10
    return (SYLLABLES[a] + SYLLABLES[b] + SYLLABLES[c]).capitalize()


def generated(rooms: int, days: int, per_room: int, people: int) -> dict[str, object]:
    """`rooms` rooms a day, each holding `per_room` items (one more in every other room), two
    tracks in every third room, one or two speakers an item; every person speaks at least
    once, and one in every 45th item."""
    day_list, n = [], 0
    for d in range(days):
        items = []
        for r in range(rooms):
            count = per_room + r % 2
            slot = min(40, 840 // count)
            for k in range(count):
                start = 9 * 60 + k * slot
                track = f"Track {r + 1}" + (" B" if r % 3 == 0 and k >= count // 2 else "")
                speakers = [f"p{n % people}"] + ([f"p{(n * 7 + 3) % people}"] if n % 3 == 0 else [])
                speakers += ["p1"] if n % 45 == 0 else []  # on twenty pages: a long index entry
                items.append({
                    "id": f"t{n}", "start": f"{start // 60:02d}:{start % 60:02d}",
                    "end": f"{(start + slot - 5) // 60:02d}:{(start + slot - 5) % 60:02d}",
                    "room": f"r{r + 1}", "track": track,
                    "title": f"Talk {n} on " + " ".join(WORDS[(n + j) % len(WORDS)]
                                                        for j in range(3 + n % 6)),
                    "speakers": list(dict.fromkeys(speakers)),
                    "background": f"Abstract {n} that only the full booklet prints."})
                n += 1
        items.sort(key=lambda it: (str(it["start"]), str(it["room"])))
        day_list.append({"date": f"2025-02-{d + 1:02d}", "items": items})
    return {
        "event": {"title": "Generated Devroom Weekend", "city": "Brussels",
                  "timezone": "Europe/Brussels", "url": "https://example.org/dev/"},
        "rooms": [{"id": f"r{r + 1}", "name": f"Room {chr(65 + r % 26)}.{r + 1:02d}"}
                  for r in range(rooms)],
        "people": [{"id": f"p{k}", "name": f"{GIVEN[k % len(GIVEN)]} {family(k)}"}
                   for k in range(people)],
        "days": day_list,
    }


def write(data: dict[str, object], folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "agenda.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def page_texts(path: Path) -> list[str]:
    doc = pdfium.PdfDocument(path)
    try:
        return [doc[i].get_textpage().get_text_range().replace("\r\n", "\n")
                for i in range(len(doc))]
    finally:
        doc.close()


def squash(text: str) -> str:
    return re.sub(r"[\s\-\u2010\u2011\u00ad\ufffe]+", "", text).casefold()


@dataclass(frozen=True)
class Built:
    programme: Programme
    out: Path
    pages: list[str]

    @property
    def pdf(self) -> Path:
        return self.out / "programme.pdf"


@pytest.fixture(scope="module")
def large(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """920 items in 40 rooms over two days, 900 people: the booklet and the site."""
    folder = tmp_path_factory.mktemp("large")
    programme = load(write(generated(rooms=40, days=2, per_room=11, people=900), folder))
    build(programme, folder / "out", ["booklet", "site"])
    return Built(programme, folder / "out", page_texts(folder / "out" / "programme.pdf"))


def glance_pages(built: Built) -> list[int]:
    return [n for n, text in enumerate(built.pages) if "Rooms at a glance" in text]


# -- the choice of detail ----------------------------------------------------------------

def test_auto_is_full_up_to_the_threshold_and_compact_above(tmp_path: Path) -> None:
    def compact(items: int, detail: str = "auto") -> bool:
        data = generated(rooms=1, days=1, per_room=items, people=5)
        data["print"] = {"booklet_detail": detail}
        return booklet_view(load(write(data, tmp_path / f"{items}-{detail}")).agenda).compact

    assert not compact(COMPACT_ABOVE - 1)  # one room: per_room items, no odd extra
    assert compact(COMPACT_ABOVE + 1)
    assert not compact(COMPACT_ABOVE + 1, "full")
    assert compact(3, "compact")


def test_large_programme_is_compact_without_abstracts(large: Built) -> None:
    assert booklet_view(large.programme.agenda).compact
    text = " ".join(large.pages)
    assert "Abstract 0 that" not in text
    assert "Abstract" not in text


# -- content ------------------------------------------------------------------------------

def test_every_item_title_and_every_person_is_printed(large: Built) -> None:
    agenda = large.programme.agenda
    flat = squash(" ".join(large.pages))
    missing_titles = [it.title for _d, it in agenda.items() if squash(it.title) not in flat]
    assert not missing_titles
    listing = squash(" ".join(p for p in large.pages if not p.startswith("Speakers")))
    missing_people = [p.name for p in agenda.people if squash(p.name) not in listing]
    assert not missing_people


def test_page_count_is_what_an_organiser_would_print(large: Built) -> None:
    # 920 items in full would be some 900 pages; compact: about 20 items to a page.
    assert 35 <= len(large.pages) <= 110, len(large.pages)
    assert len(large.pages) < len(list(large.programme.agenda.items())) / 8


def test_each_room_starts_on_the_page_the_glance_gives(large: Built) -> None:
    agenda = large.programme.agenda
    for n in glance_pages(large):
        for room, page in re.findall(r"(Room [A-Z]\.\d\d) .*?(\d+)\s*$", large.pages[n], re.M):
            assert room in large.pages[int(page) - 1], (room, page)
    rooms = {r.name for r in agenda.rooms}
    glance = " ".join(large.pages[n] for n in glance_pages(large))
    assert all(name in glance for name in rooms)


def test_index_page_numbers_lead_to_the_person(large: Built) -> None:
    agenda = large.programme.agenda
    start = next(i for i, p in enumerate(large.pages) if p.startswith("Speakers"))
    index = "\n".join(large.pages[start:])
    checked = 0
    for person in agenda.people:
        family_name, given = split_name(person)
        match = re.search(rf"^{re.escape(family_name)},\s+{re.escape(given)}\s+(\d+(?:,\s+\d+)*)",
                          index, re.M)
        assert match, person.name
        pages = [int(p) for p in re.findall(r"\d+", match.group(1))]
        assert pages == sorted(set(pages)), (person.name, pages)  # each page once, in order
        for page in pages:
            assert squash(person.name) in squash(large.pages[page - 1]), (person.name, page)
        checked += 1
    assert checked == 900


# -- readability --------------------------------------------------------------------------

def test_glance_pages_are_readable(large: Built) -> None:
    pages = glance_pages(large)
    assert 2 <= len(pages) <= 8  # 40 rooms a day: a page or two each, not a wall of 460 rows
    with pdfplumber.open(large.pdf) as pdf:
        for n in pages:
            sizes = [c["size"] for c in pdf.pages[n].chars if c["text"].strip()]
            assert sizes and min(sizes) >= 6.95, (n + 1, min(sizes))


def test_all_text_is_readable_and_inside_its_column(large: Built) -> None:
    # pdfium rather than pdfplumber: a hundred pages of small print in a second.
    doc = pdfium.PdfDocument(large.pdf)
    try:
        for i in range(len(doc)):
            page = doc[i]
            width, height = page.get_size()
            text = page.get_textpage()
            sizes = [pdfium.raw.FPDFText_GetFontSize(text.raw, k)
                     for k in range(text.count_chars()) if not text.get_text_range(k, 1).isspace()]
            assert min(sizes) >= 6.45, (i + 1, min(sizes))
            rects = [text.get_rect(k) for k in range(text.count_rects())]
            assert min(r[1] for r in rects) >= 10 * MM, i + 1
            assert max(r[3] for r in rects) <= height - 10 * MM, i + 1
            # Inside the text column: 16 mm outside and 19 mm at the spine (a left-hand
            # page is an even one); the covers keep 16 mm both sides.
            inner, outer = (19 * MM, 16 * MM) if i not in (0, len(doc) - 1) else (16 * MM,) * 2
            left, right = (outer, inner) if (i + 1) % 2 == 0 else (inner, outer)
            assert min(r[0] for r in rects) >= left - 0.6, i + 1
            assert max(r[2] for r in rects) <= width - right + 0.6, i + 1
    finally:
        doc.close()


def test_every_qr_code_opens_an_existing_anchor(large: Built) -> None:
    agenda = large.programme.agenda
    found = [text for page in qr_codes(large.pdf) for text in page]
    broken = [url for url in found if not resolve(url, agenda.event.url, large.out / "site")]
    assert not broken
    # The cover's code, and one per room and day (its room-day page).
    room_days = {(d.date, it.room) for d, it in agenda.items()}
    assert len(found) == 1 + len(room_days)
    assert found.count(agenda.event.url) == 1
    assert set(found) - {agenda.event.url} == {agenda.url_for_room_day(r, d) for d, r in room_days}


# -- smaller programmes -------------------------------------------------------------------

def test_compact_small_programme_lists_items_at_a_glance(
        write_agenda: Callable[..., Path], tmp_path: Path) -> None:
    path = write_agenda("""
        event: {title: Small Day, timezone: Europe/Zurich, url: "https://example.org/s/"}
        print: {booklet_detail: compact}
        people: [{id: ada, name: Ada Lovelace}]
        days:
          - date: 2025-03-04
            items:
              - {start: "09:00", end: "10:00", title: Opening Talk, speakers: [ada],
                 background: Not printed in a compact booklet.}
              - {start: "10:00", end: "10:15", kind: break, title: Coffee}
        """)
    build(load(path), tmp_path / "out", ["booklet"])
    pages = page_texts(tmp_path / "out" / "programme.pdf")
    text = " ".join(pages)
    assert "At a glance" in text and "Rooms at a glance" not in text
    assert "Opening Talk" in text and "Ada Lovelace" in text and "Coffee" in text
    assert "Not printed" not in text
    assert re.search(r"^Lovelace, Ada\s+3$", "\n".join(pages), re.M)


def test_compact_booklet_is_reproducible(tmp_path: Path) -> None:
    path = write(generated(rooms=6, days=1, per_room=12, people=40), tmp_path / "agenda")
    programme = load(path)
    build(programme, tmp_path / "a", ["booklet"])
    build(programme, tmp_path / "b", ["booklet"])
    for name in ("programme.pdf", "programme-imposed.pdf"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


def test_compact_breaks_for_all_rooms_get_a_heading_and_no_code(
        write_agenda: Callable[..., Path], tmp_path: Path) -> None:
    path = write_agenda("""
        event: {title: Two Rooms, timezone: Europe/Zurich, url: "https://example.org/t/"}
        print: {booklet_detail: compact}
        rooms: [{id: a, name: Main Hall}, {id: b, name: Room B}]
        people: [{id: ada, name: Ada Lovelace}, {id: bo, name: Bo Li}]
        days:
          - date: 2025-03-04
            items:
              - {id: open, start: "09:00", end: "10:00", room: a, title: Opening, speakers: [ada]}
              - {id: work, start: "09:00", end: "10:00", room: b, title: Workshop, speakers: [bo]}
              - {start: "10:00", end: "10:15", kind: break, title: Coffee}
        """)
    build(load(path), tmp_path / "out", ["booklet"])
    pdf = tmp_path / "out" / "programme.pdf"
    number = next(n for n, p in enumerate(page_texts(pdf)) if "All rooms" in p)
    with pdfplumber.open(pdf) as doc_:
        top = {w["text"]: w["top"] for w in doc_.pages[number].extract_words()}
    assert top["All"] < top["Coffee"] < top["Main"] < top["Opening"] < top["Room"]
    doc = pdfium.PdfDocument(pdf)
    try:
        codes = sorted(b.text for i in range(len(doc)) for b in zxingcpp.read_barcodes(
            doc[i].render(scale=150 / 72).to_pil()))
    finally:
        doc.close()
    base = "https://example.org/t/"
    assert codes == [base, base + "rooms/a/2025-03-04.html", base + "rooms/b/2025-03-04.html"]
