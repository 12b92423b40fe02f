"""The online agenda in a real browser: headless Chromium driven by Playwright.

Chromium is Debian's (`apt-get install chromium`); Playwright's own browsers are never
downloaded. Without Chromium or Playwright the tests skip and say why."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pytest
import zxingcpp
from PIL import Image
from pypdf import PdfReader
from tests.browsing import chromium
from tests.links import resolve

from podium.load import Programme
from podium.pipeline import build

SIZES = [(360, 740), (1280, 800)]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as b:
        yield b


@pytest.fixture(scope="module")
def site_dir(seed: Programme, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("browser")
    build(seed, out, ["site"])
    return out / "site"


@pytest.fixture(scope="module")
def page_url(site_dir: Path) -> str:
    return (site_dir / "index.html").as_uri()


@pytest.fixture(scope="module")
def rooms_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An imported schedule with rooms and tracks: 36C3's excerpt (nine rooms, one day)."""
    from click.testing import CliRunner

    from podium.cli import main
    from podium.load import load

    folder = tmp_path_factory.mktemp("rooms")
    source = Path(__file__).parent / "fixtures/schedules/36c3-merged-day4-excerpt.xml"
    result = CliRunner().invoke(main, ["import", str(source), "-o", str(folder / "agenda.yaml")])
    assert result.exit_code == 0, result.output
    build(load(folder / "agenda.yaml"), folder / "out", ["site"])
    return folder / "out/site"


def page_types(seed_site: Path, rooms_site: Path) -> dict[str, Path]:
    """One page of every type."""
    def first(folder: Path, pattern: str) -> Path:
        return sorted(folder.glob(pattern))[0]
    return {
        "index": seed_site / "index.html", "day": first(seed_site, "days/*.html"),
        "session": seed_site / "sessions/session-3.html", "person": seed_site / "people/carey.html",
        "now": seed_site / "now.html", "my": seed_site / "my.html", "search": seed_site / "search.html",
        "busy day": first(rooms_site, "days/*.html"), "room": first(rooms_site, "rooms/*.html"),
        "room day": first(rooms_site, "rooms/*/*.html"), "track": first(rooms_site, "tracks/*.html"),
        "screen": first(rooms_site, "screens/*.html"),
        "busy session": max(rooms_site.glob("sessions/*.html"), key=lambda p: p.stat().st_size),
    }


@pytest.mark.parametrize(("width", "height"), [(390, 844), (1280, 800)])
def test_no_page_type_scrolls_sideways(browser: Any, site_dir: Path, rooms_site: Path,
                                       width: int, height: int) -> None:
    page = browser.new_page(viewport={"width": width, "height": height})
    try:
        for kind, path in page_types(site_dir, rooms_site).items():
            page.goto(path.as_uri())
            page.wait_for_load_state("load")
            assert page.evaluate("document.documentElement.scrollWidth") <= width, kind
            # Every element stays inside the viewport's width (nothing clipped at the edge).
            widest = page.evaluate("""Math.max(...[...document.querySelectorAll('body *')]
                .filter(e => !e.closest('[hidden], .sr-only'))
                .map(e => e.getBoundingClientRect().right))""")
            assert widest <= width + 0.5, kind
            assert page.locator("h1").count() == 1, kind
    finally:
        page.close()


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_index_draws_with_the_bundled_fonts(browser: Any, page_url: str, seed: Programme,
                                            width: int, height: int) -> None:
    page = browser.new_page(viewport={"width": width, "height": height})
    try:
        page.goto(page_url)
        page.wait_for_load_state("load")
        # The page draws with the bundled fonts, loaded from site/fonts/ over file://.
        loaded = page.evaluate("""document.fonts.ready.then(() =>
            [...document.fonts].filter(f => f.status === 'loaded').map(f => f.family))""")
        assert "Noto Sans" in loaded and "Noto Serif" in loaded
        body_font = page.evaluate("getComputedStyle(document.body).fontFamily")
        assert body_font.startswith('"Noto Sans"')
        # A wide screen (a projector in the room) shows the agenda's QR code; a phone does not.
        shown = [b.text for b in zxingcpp.read_barcodes(Image.open(io.BytesIO(page.screenshot())))]
        assert shown == ([seed.agenda.event.url] if width >= 1024 else [])
    finally:
        page.close()


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_a_qr_code_url_opens_its_session_at_the_top(browser: Any, seed: Programme, site_dir: Path,
                                                    width: int, height: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": height},
                                  java_script_enabled=False)
    page = context.new_page()
    try:
        item = next(it for _d, it in seed.agenda.items() if it.anchor == "session-3")
        url = seed.agenda.url_for_item(item)
        page.goto((site_dir / url.removeprefix(seed.agenda.event.url)).as_uri())
        h1 = page.locator("h1")
        assert h1.inner_text() == item.title
        box = h1.bounding_box()
        assert box is not None and 0 <= box["y"] < height / 2
    finally:
        context.close()


def test_speaker_links_go_both_ways(browser: Any, site_dir: Path) -> None:
    page = browser.new_page(viewport={"width": 390, "height": 844})
    try:
        page.goto((site_dir / "sessions/session-3.html").as_uri())
        page.locator("a[href='../people/carey.html']").click()
        assert page.url.endswith("/people/carey.html")
        assert "Patrick Carey" in page.locator("h1").inner_text()
        page.locator("a[href='../sessions/session-3.html']").click()
        assert page.url.endswith("/sessions/session-3.html")
    finally:
        page.close()


def test_keyboard_focus_is_visible(browser: Any, site_dir: Path) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    try:
        page.goto((site_dir / "days/2024-12-10.html").as_uri())
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.className") == "skip"
        skip = page.locator(".skip").bounding_box()
        assert skip is not None and skip["y"] >= 0      # shown when focused
        for _ in range(3):
            page.keyboard.press("Tab")
            outline = page.evaluate("""(() => { const s = getComputedStyle(document.activeElement);
                return [s.outlineStyle, parseFloat(s.outlineWidth)]; })()""")
            assert outline[0] != "none" and outline[1] >= 2
    finally:
        page.close()


def test_print_gives_a_clean_a4_page_per_day(browser: Any, site_dir: Path, seed: Programme,
                                             tmp_path: Path) -> None:
    page = browser.new_page()
    try:
        for day in seed.agenda.days:
            page.goto((site_dir / f"days/{day.date}.html").as_uri())
            page.emulate_media(media="print")
            assert page.evaluate("getComputedStyle(document.querySelector('.top__nav')).display") == "none"
            assert page.evaluate("getComputedStyle(document.querySelector('.search')).display") == "none"
            assert page.evaluate(
                "getComputedStyle(document.querySelector('.slot__time')).position") == "static"
            pdf = tmp_path / f"{day.date}.pdf"
            page.pdf(path=str(pdf), format="A4")
            reader = PdfReader(pdf)
            assert len(reader.pages) == 1, f"{day.date} prints on {len(reader.pages)} pages"
            text = reader.pages[0].extract_text()
            assert seed.agenda.event.title.split()[0] in text      # the event is named
            for item in day.items:
                assert " ".join(item.title.split()[:3]) in " ".join(text.split())
        # The front page prints with the agenda's QR code, and it opens the site.
        page.goto((site_dir / "index.html").as_uri())
        page.emulate_media(media="print")
        pdf = tmp_path / "index.pdf"
        page.pdf(path=str(pdf), format="A4")
        first = pdfium.PdfDocument(pdf)[0].render(scale=150 / 72).to_pil()
        found = [b.text for b in zxingcpp.read_barcodes(first)]
        assert found == [seed.agenda.event.url]
        assert resolve(found[0], seed.agenda.event.url, site_dir)
    finally:
        page.close()


def test_a_room_screen_shows_now_and_next_from_three_metres(browser: Any, rooms_site: Path) -> None:
    from podium.load import load

    agenda = load(rooms_site.parent.parent / "agenda.yaml").agenda
    room = max(agenda.rooms, key=lambda r: sum(it.room == r.id for _d, it in agenda.items()))
    items = sorted((it for _d, it in agenda.items() if it.room == room.id), key=lambda i: i.start_at)
    # A moment inside the third item; the screen's computer may be in any zone: the page
    # is opened with the moment written in UTC.
    third = items[2]
    moment = third.start_at + (third.end_at - third.start_at) / 2 if third.end_at else third.start_at
    on_now = {it.title for it in items if it.start_at <= moment and it.end_at and moment < it.end_at}
    following = next(it for it in items if it.start_at > moment)
    url = (rooms_site / f"screens/{room.id}.html").as_uri()
    query = "?now=" + moment.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")
    page = browser.new_page(viewport={"width": 1920, "height": 1080})
    try:
        page.goto(url + query)
        page.wait_for_load_state("load")
        now_title = page.locator('[data-slot="now"] a').inner_text()
        assert now_title in on_now
        assert page.locator('[data-slot="next"] a').inner_text() == following.title
        # Large type: the current title at 60 px or more, the room's name and times at 40.
        size = page.evaluate("""s => parseFloat(getComputedStyle(document.querySelector(s)).fontSize)""",
                             '[data-slot="now"] a')
        assert size >= 60
        for selector in (".screen__room", '[data-slot="now"] time'):
            assert page.evaluate("s => parseFloat(getComputedStyle(document.querySelector(s)).fontSize)",
                                 selector) >= 40
        assert page.evaluate("document.documentElement.scrollWidth") <= 1920
    finally:
        page.close()
    context = browser.new_context(viewport={"width": 1920, "height": 1080}, java_script_enabled=False)
    try:
        static = context.new_page()
        static.goto(url + query)
        # Without JavaScript the room's whole programme is listed, and no empty now/next.
        assert not static.locator(".live").is_visible()
        listed = static.locator(".screen__rows a").all_inner_texts()
        assert listed == [it.title for it in items]
    finally:
        context.close()



def test_the_now_page_says_so_when_nothing_is_on_anywhere(browser: Any, rooms_site: Path) -> None:
    """Between the days or after the event every room is idle: the page says nothing is on
    (and links the programme) instead of showing an empty screen; during it, it does not."""
    from podium.load import load

    agenda = load(rooms_site.parent.parent / "agenda.yaml").agenda
    first = min(it.start_at for _d, it in agenda.items())
    last = max(it.end_at or it.start_at for _d, it in agenda.items())
    page = browser.new_page(viewport={"width": 1920, "height": 1080})
    try:
        for moment, quiet in ((last + dt.timedelta(days=2), True), (first + dt.timedelta(minutes=1), False)):
            query = "?now=" + moment.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")
            page.goto((rooms_site / "now.html").as_uri() + query)
            page.wait_for_load_state("load")
            assert page.locator("[data-quiet]").is_visible() is quiet, moment
            if quiet:
                assert page.locator("[data-quiet] a").get_attribute("href") == "index.html"
            else:
                assert page.locator(".screen--card:visible").count() >= 1
    finally:
        page.close()

STRESS = """
event:
  title: Conferencia Internacional sobre Interoperabilidad_de_Sistemas_Sin_Espacios_Muy_Larga
  venue: Centro de Conferencias y Exposiciones de la Intendencia de Montevideo
  city: Montevideo
  timezone: America/Montevideo
  url: https://example.org/conferencia/
  language: es
rooms: [{id: a, name: "Sala Azul del Edificio Mercosur, Planta Baja"}]
people:
  - {id: x, name: María José Fernández-Villaverde de la Concepción, title: Embajadora,
     role: Directora General de Cooperación Internacional y Relaciones Multilaterales,
     organisation: https://www.ministerio-de-relaciones-exteriores.example.gub.uy/cooperacion}
days:
  - date: 2025-09-17
    items:
      - {start: "09:00", end: "10:00", number: 12, room: a, chair: x,
         speakers: [{person: x, remote: true}],
         title: Supercalifragilisticoespialidosoysupercalifragilisticoespialidoso de la cooperación,
         questions: ["¿Cómo?"]}
"""


def test_long_words_and_long_dates_fit_a_phone(browser: Any, tmp_path: Path) -> None:
    from podium.load import load

    (tmp_path / "agenda.yaml").write_text(STRESS, encoding="utf-8")
    build(load(tmp_path / "agenda.yaml"), tmp_path / "out", ["site"])
    page = browser.new_page(viewport={"width": 360, "height": 740})
    try:
        for rel in ("index.html", "days/2025-09-17.html", "sessions/session-12.html",
                    "people/x.html", "rooms/a.html", "rooms/a/2025-09-17.html", "screens/a.html"):
            page.goto((tmp_path / "out/site" / rel).as_uri())
            assert page.evaluate("document.documentElement.scrollWidth") <= 360, rel
            # Nothing is cut: every element's content fits its own box.
            clipped = page.evaluate("""[...document.querySelectorAll('main *, header *')]
                .filter(e => !e.classList.contains('sr-only'))
                .filter(e => e.scrollWidth > e.clientWidth + 1
                             && getComputedStyle(e).overflow !== 'visible')
                .map(e => e.className || e.tagName)""")
            assert clipped == [], rel
        page.goto((tmp_path / "out/site/days/2025-09-17.html").as_uri())
        assert "miércoles, 17 de septiembre de 2025" in page.locator("main").inner_text()
    finally:
        page.close()
