"""The online agenda in a real browser: headless Chromium driven by Playwright.

Chromium is Debian's (`apt-get install chromium`); Playwright's own browsers are never
downloaded. Without Chromium or Playwright the tests skip and say why."""

from __future__ import annotations

import io
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pypdfium2 as pdfium
import pytest
import zxingcpp
from PIL import Image
from pypdf import PdfReader
from tests.links import resolve

from podium.load import Programme
from podium.pipeline import build

CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                  "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync"]
SIZES = [(360, 740), (1280, 800)]


def chromium_path() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    executable = chromium_path()
    if executable is None:
        pytest.skip("chromium not installed: apt-get install -y chromium")
    sync_api = pytest.importorskip("playwright.sync_api",
                                   reason="playwright not installed: pip install playwright")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def page_url(seed: Programme, tmp_path_factory: pytest.TempPathFactory) -> str:
    out = tmp_path_factory.mktemp("browser")
    build(seed, out, ["site"])
    return (out / "site/index.html").as_uri()


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_no_sideways_scrolling_and_every_session_shows(browser: Any, page_url: str, seed: Programme,
                                                       width: int, height: int) -> None:
    page = browser.new_page(viewport={"width": width, "height": height})
    try:
        page.goto(page_url)
        page.wait_for_load_state("load")
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        assert scroll_width <= page.evaluate("innerWidth"), f"horizontal overflow at {width}px"
        for _day, item in seed.agenda.items():
            box = page.locator(f"#{item.anchor}").bounding_box()
            assert box is not None and box["width"] > 0 and box["height"] > 0, item.anchor
            assert box["x"] >= 0 and box["x"] + box["width"] <= width, item.anchor
        # Every element stays inside the viewport's width (nothing clipped at the edge).
        widest = page.evaluate("""Math.max(...[...document.querySelectorAll('body *')]
            .map(e => e.getBoundingClientRect().right))""")
        assert widest <= width
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
def test_a_qr_code_url_scrolls_to_its_session(browser: Any, page_url: str, width: int,
                                              height: int) -> None:
    page = browser.new_page(viewport={"width": width, "height": height})
    try:
        page.goto(page_url + "#session-3")
        page.wait_for_load_state("load")
        top = page.evaluate("document.getElementById('session-3').getBoundingClientRect().top")
        assert 0 <= top < height / 3, f"session 3 is at {top}px, not at the top of the screen"
        # Not hidden under the sticky day heading.
        heading = page.evaluate("""Math.max(...[...document.querySelectorAll('.day__heading')]
            .map(h => h.getBoundingClientRect().bottom).filter(b => b <= innerHeight))""")
        title = page.evaluate("document.getElementById('_h-session-3').getBoundingClientRect().top")
        assert title >= heading
        assert "Lessons from Recent" in page.locator("#session-3").inner_text()
    finally:
        page.close()


def test_speaker_links_go_both_ways(browser: Any, page_url: str) -> None:
    page = browser.new_page(viewport={"width": 360, "height": 740})
    try:
        page.goto(page_url)
        page.locator("#session-3 a[href='#person-carey']").click()
        assert page.evaluate("location.hash") == "#person-carey"
        top = page.evaluate("document.getElementById('person-carey').getBoundingClientRect().top")
        assert 0 <= top < 740 / 3
        page.locator("#person-carey a[href='#session-3']").click()
        assert page.evaluate("location.hash") == "#session-3"
    finally:
        page.close()


def test_print_layout_keeps_everything(browser: Any, page_url: str, seed: Programme,
                                       tmp_path: Path) -> None:
    page = browser.new_page()
    try:
        page.goto(page_url)
        page.emulate_media(media="print")
        nav = page.evaluate("getComputedStyle(document.querySelector('.daynav')).display")
        assert nav == "none"
        assert page.evaluate(
            "getComputedStyle(document.querySelector('.day__heading')).position") == "static"
        pdf = tmp_path / "print.pdf"
        page.pdf(path=str(pdf), format="A4")
        text = "".join(p.extract_text() for p in PdfReader(pdf).pages)
        assert "Lessons from Recent" in text and "Session 6" in text
        # The printed page carries the agenda's QR code, and it opens the site.
        first = pdfium.PdfDocument(pdf)[0].render(scale=150 / 72).to_pil()
        found = [b.text for b in zxingcpp.read_barcodes(first)]
        assert found == [seed.agenda.event.url]
        site = Path(unquote(urlsplit(page_url).path)).parent
        assert resolve(found[0], seed.agenda.event.url, site)
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
        page.goto((tmp_path / "out/site/index.html").as_uri())
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
        # Nothing is cut: every element's content fits its own box.
        clipped = page.evaluate("""[...document.querySelectorAll('main *, header *')]
            .filter(e => !e.classList.contains('sr-only'))
            .filter(e => e.scrollWidth > e.clientWidth + 1
                         && getComputedStyle(e).overflow !== 'visible')
            .map(e => e.className || e.tagName)""")
        assert clipped == []
        assert "miércoles, 17 de septiembre de 2025" in page.locator("main").inner_text()
    finally:
        page.close()
