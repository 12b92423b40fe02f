"""The site's script in Chromium: search answers as the agenda says, stars are kept per
event, and "My agenda" downloads an .ics whose times are the items' own."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import icalendar
import pytest
from markupsafe import escape
from tests.browsing import chromium, serving

from podium import present
from podium.load import Programme, load
from podium.pipeline import build
from podium.present import locale_of
from podium.renderers.site import app, search
from podium.resources import templates_dir

SHARED = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"
FOSDEM = SHARED / "fosdem-2025.schedule.xml"

SEED_QUERIES = ["lessons recent", "LESSONS", "peacek", "fernandez", "jenca", "Miroslav Jen",
                "partnerships fut", "women", "zzzz nothing", "session 3", "colonel", "the"]
FOSDEM_QUERIES = ["rust", "linux kern", "postgres", "python packaging", "open source",
                  "a", "ebpf", "webassem", "zig", "nix", "risc", "java", "the future of"]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as b:
        yield b


@pytest.fixture(scope="module")
def seed_site(seed: Programme, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("app")
    build(seed, out, ["site"])
    return (out / "site").resolve()


def index_only(programme: Programme, folder: Path) -> Path:
    """app.js and the index beside a bare page: all a search needs."""
    folder.mkdir(parents=True, exist_ok=True)
    agenda = programme.agenda
    (folder / "app.js").write_text(app.script_text(agenda, [templates_dir()]), encoding="utf-8")
    data, script = search.index_bytes(agenda, locale_of(agenda), 0)
    (folder / search.INDEX).write_bytes(data)
    (folder / search.SCRIPT).write_bytes(script)
    page = folder / "index.html"
    page.write_text('<!DOCTYPE html><html lang="en" data-root=""><title>t</title>'
                    '<script src="app.js" defer></script></html>', encoding="utf-8")
    (folder / "search.html").write_text(
        '<!DOCTYPE html><html lang="en" data-root=""><title>t</title>'
        '<script src="app.js" defer></script><form class="search"><input id="_q" name="q">'
        '</form><div data-results></div></html>', encoding="utf-8")
    return page


def fosdem(folder: Path) -> Programme:
    """FOSDEM 2025 imported as `podium import` does."""
    from podium.importers import import_schedule
    from podium.importers.write import write

    agenda_yaml = folder / "fosdem" / "agenda.yaml"
    agenda_yaml.parent.mkdir(parents=True)
    write(import_schedule(FOSDEM).agenda, agenda_yaml, "")
    return load(agenda_yaml)


def found(page: Any, query: str) -> tuple[set[str], set[str]]:
    """The anchors and person ids the page's own search returns for `query`."""
    docs = page.evaluate("""async (q) => {
        const ix = await podium.index();
        return podium.search(ix, q).map(d => d < ix.sessions
            ? ['s', ix.data.sessions[d][0]] : ['p', ix.data.people[d - ix.sessions][0]]);
    }""", query)
    return {a for k, a in docs if k == "s"}, {a for k, a in docs if k == "p"}


def check_queries(page: Any, programme: Programme, queries: list[str]) -> int:
    hits = 0
    for query in queries:
        expected = search.matches(programme.agenda, query)
        assert found(page, query) == expected, query
        hits += len(expected[0]) + len(expected[1])
    return hits


def test_search_finds_what_the_agenda_holds_over_http(browser: Any, seed: Programme,
                                                      seed_site: Path) -> None:
    page = browser.new_page()
    try:
        with serving(seed_site) as server:
            page.goto(server.url + "index.html")
            assert check_queries(page, seed, SEED_QUERIES) > 10
            # Accents and case fold both ways: 'Jenča' from 'JENCA', 'María' from 'maria'.
            people = {p.id: p.name for p in seed.agenda.people}
            assert any(people[p] == "Miroslav Jenča" for p in found(page, "JENCA")[1])
            assert any("María" in people[p] for p in found(page, "maria")[1])
            # Every result's link opens a page that names it.
            links = page.evaluate("""() => podium.index().then(ix =>
                [...ix.data.sessions, ...ix.data.people].map((row, doc) =>
                    [podium.href(ix, doc), row[0]]))""")
    finally:
        page.close()
    agenda = seed.agenda
    names = {it.anchor: it.title for _d, it in agenda.items()}
    listed = {p.id: present.full_name(p) for p in agenda.people if agenda.appearances(p.id)}
    assert len(links) == len(names) + len(listed)
    for i, (href, key) in enumerate(links):
        name = names[key] if i < len(names) else listed[key]
        target = seed_site / href
        assert target.is_file(), href
        assert str(escape(name)) in target.read_text("utf-8"), href  # as Jinja writes it


@pytest.mark.skipif(not FOSDEM.exists(), reason="the shared corpus is not here")
def test_search_at_fosdem_scale_from_file(browser: Any, tmp_path: Path) -> None:
    programme = fosdem(tmp_path)
    page_file = index_only(programme, tmp_path / "site")
    page = browser.new_page()
    try:
        # From file:// the index comes as search.js: a browser will not fetch a file there.
        page.goto(page_file.as_uri())
        assert check_queries(page, programme, FOSDEM_QUERIES) > 500
        # search.html shows fifty, then all of them at the press of a button.
        page.goto(page_file.with_name("search.html").as_uri() + "?q=a")
        hits = page.locator("[data-results] .hit[data-session], [data-results] .hit[data-person]")
        page.locator("[data-results] .hit--all button").wait_for()
        assert hits.count() == 50
        page.locator("[data-results] .hit--all button").click()
        everything = search.matches(programme.agenda, "a")
        assert hits.count() == len(everything[0]) + len(everything[1])
        assert page.evaluate("document.activeElement.closest('.hit') !== null")
    finally:
        page.close()


def test_the_search_box_lists_links_to_pages(browser: Any, seed: Programme,
                                             seed_site: Path) -> None:
    page = browser.new_page(viewport={"width": 390, "height": 800})
    try:
        page.goto((seed_site / "index.html").as_uri())
        box = page.locator("#_q")
        box.click()
        box.press_sequentially("lacroi")
        hit = page.locator(".search-panel .hit__link").first
        hit.wait_for()
        assert hit.inner_text() == "Jean-Pierre Lacroix"
        hit.click()
        page.wait_for_load_state("load")
        assert page.url.endswith("/people/lacroix.html")
        assert "Jean-Pierre Lacroix" in page.locator("h1").inner_text()
        # search.html reads its query from the address and lists every result.
        page.goto((seed_site / "search.html").as_uri() + "?q=peace")
        page.locator("[data-results] .hit").first.wait_for()
        shown = page.locator("[data-results] .hit[data-session]").count()
        assert shown == len(search.matches(seed.agenda, "peace")[0])
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
    finally:
        page.close()


def _star(page: Any, anchor: str) -> Any:
    return page.locator(f"[data-item='{anchor}'] button.star").first


def test_stars_are_kept_per_event_and_listed(browser: Any, seed: Programme,
                                             seed_site: Path) -> None:
    context = browser.new_context()
    page = context.new_page()
    try:
        with serving(seed_site) as server:
            day = seed.agenda.days[0].date.isoformat()
            page.goto(f"{server.url}days/{day}.html")
            button = _star(page, "session-3")
            assert button.get_attribute("aria-pressed") == "false"
            assert "Lessons from Recent" in button.get_attribute("aria-label")
            button.click()
            assert button.get_attribute("aria-pressed") == "true"
            # Another event's stars, on the same origin, must not show up here.
            page.evaluate("localStorage.setItem('podium:stars:https://other.example/', "
                          "JSON.stringify(['session-1']))")
            key = f"podium:stars:{seed.agenda.event.url}"
            assert json.loads(page.evaluate(f"localStorage.getItem({json.dumps(key)})")) == [
                "session-3"]
            page.goto(f"{server.url}sessions/session-3.html")
            assert _star(page, "session-3").get_attribute("aria-pressed") == "true"
            page.goto(f"{server.url}my.html")
            page.locator(".my-item").first.wait_for()
            assert page.locator(".my-item").count() == 1
            assert "Lessons from Recent" in page.locator(".my-item").inner_text()
            # Unstarred on my.html, it stays listed (its button off) so focus is not lost.
            _star(page, "session-3").click()
            assert page.locator(".my-item").count() == 1
            page.reload()
            page.locator(".my-status").wait_for()
            assert page.locator(".my-item").count() == 0
    finally:
        context.close()


STRESS = """
event:
  title: "Semi; colons, commas \\\\ and a very long title that folds over more than one line"
  timezone: America/Montevideo
  url: https://example.org/conferencia/
  language: es
rooms: [{id: a, name: "Sala Azul, Planta Baja"}]
people:
  - {id: x, name: María José Fernández-Villaverde de la Concepción}
days:
  - date: 2025-09-17
    items:
      - {start: "09:00", end: "10:00", id: uno, room: a, speakers: [x],
         title: "Cooperación; diálogo, y más — una sesión con un título larguísimo de verdad"}
      - {start: "23:30", end: "24:30", id: dos, room: a, title: Noche}
"""


def test_the_ics_is_made_with_utc_times_escaped_and_folded(browser: Any, tmp_path: Path) -> None:
    (tmp_path / "agenda.yaml").write_text(STRESS, encoding="utf-8")
    programme = load(tmp_path / "agenda.yaml")
    build(programme, tmp_path / "out", ["site"])
    site = (tmp_path / "out" / "site").resolve()
    page = browser.new_page(accept_downloads=True)
    try:
        page.goto((site / "my.html").as_uri())
        page.evaluate("localStorage.setItem('podium:stars:https://example.org/conferencia/',"
                      " JSON.stringify(['uno', 'dos']))")
        page.reload()
        with page.expect_download() as info:
            page.locator(".my-actions button").first.click()
        data = Path(info.value.path()).read_bytes()
    finally:
        page.close()
    text = data.decode("utf-8")
    lines = text.split("\r\n")
    assert lines[-1] == "" and "\n" not in text.replace("\r\n", "")
    assert max(len(line.encode("utf-8")) for line in lines) <= 75
    assert any(line.startswith(" ") for line in lines)
    cal = icalendar.Calendar.from_ical(data)
    events = {str(e["uid"]): e for e in cal.walk("VEVENT")}
    assert set(events) == {"uno@example.org", "dos@example.org"}
    items = {it.anchor: it for _d, it in programme.agenda.items()}
    for anchor in ("uno", "dos"):
        event, item = events[f"{anchor}@example.org"], items[anchor]
        assert "DTSTART:" in text and event["dtstart"].dt == item.start_at.astimezone(dt.UTC)
        assert event["dtend"].dt == item.end_at.astimezone(dt.UTC)
    # 23:30 in Montevideo (UTC-3) is 02:30 UTC the next day.
    assert "DTSTART:20250918T023000Z" in text
    assert str(events["uno@example.org"]["summary"]) == items["uno"].title
    assert str(events["uno@example.org"]["location"]) == "Sala Azul, Planta Baja"
    assert "Cooperación\\; diálogo\\, y más" in text.replace("\r\n ", "")
