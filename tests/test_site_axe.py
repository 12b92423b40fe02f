"""Accessibility of every page type of the site, with the script's additions on: axe-core
(the npm package, pinned in tests/axe/package-lock.json) at WCAG 2.1 AA in Chromium, and the
keyboard (Tab reaches the search box and the stars, focus shows, keys work them)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from tests.browsing import chromium, serving

from podium.importers import import_schedule
from podium.importers.write import write
from podium.load import Programme, load
from podium.pipeline import build

HERE = Path(__file__).resolve().parent
AXE = HERE / "axe" / "node_modules" / "axe-core" / "axe.min.js"
SCHEDULE = HERE / "fixtures" / "schedules" / "debconf23-wafer-asia-kolkata-day1.xml"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as b:
        yield b


@pytest.fixture(scope="module")
def axe_source() -> str:
    if not AXE.exists():
        pytest.skip("axe-core not installed: cd tests/axe && npm ci (scripts/setup.sh --test)")
    return AXE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def programme(tmp_path_factory: pytest.TempPathFactory) -> Programme:
    """A real schedule with rooms and tracks: every page type is there."""
    folder = tmp_path_factory.mktemp("axe-agenda")
    write(import_schedule(SCHEDULE).agenda, folder / "agenda.yaml")
    return load(folder / "agenda.yaml")


@pytest.fixture(scope="module")
def site(programme: Programme, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("axe")
    build(programme, out, ["site"])
    return (out / "site").resolve()


def page_types(programme: Programme) -> dict[str, str]:
    """One page of each type, by the URL scheme."""
    agenda = programme.agenda
    day = agenda.days[0]
    room = next(r for r in agenda.rooms if any(it.room == r.id for it in day.items))
    item = next(it for it in day.items if it.speakers)
    person = agenda.person(item.speakers[0].person)
    track = agenda.tracks_used()[0]
    return {
        "index": "index.html", "day": f"days/{day.date}.html", "room": f"rooms/{room.id}.html",
        "room-day": f"rooms/{room.id}/{day.date}.html", "track": f"tracks/{track.id}.html",
        "session": f"sessions/{item.anchor}.html", "person": f"people/{person.id}.html",
        "screen": f"screens/{room.id}.html", "now": "now.html", "my": "my.html",
        "search": f"search.html?q={item.title.split()[0]}", "changes": "changes.html",
    }


def violations(page: Any, axe: str) -> list[str]:
    page.add_script_tag(content=axe)
    found = page.evaluate("""(tags) => axe.run(document, {runOnly: {type: 'tag', values: tags}})
        .then(r => r.violations.map(v => [v.id, v.impact, v.help,
                                          v.nodes.map(n => n.target.join(' '))]))""", TAGS)
    return [f"{vid} ({impact}): {text}: {', '.join(targets[:5])}"
            for vid, impact, text, targets in found]


def starred_context(browser: Any, programme: Programme, width: int) -> Any:
    """A browser whose "My agenda" holds the first two sessions of the programme."""
    context = browser.new_context(viewport={"width": width, "height": 900})
    anchors = [it.anchor for _d, it in programme.agenda.items()][:2]
    key = f"podium:stars:{programme.agenda.event.url}"
    context.add_init_script(f"localStorage.setItem({json.dumps(key)}, "
                            f"{json.dumps(json.dumps(anchors))})")
    return context


@pytest.mark.parametrize("width", [390, 1280])
def test_every_page_type_passes_axe(browser: Any, axe_source: str, programme: Programme,
                                    site: Path, width: int) -> None:
    context = starred_context(browser, programme, width)
    page = context.new_page()
    failures: dict[str, list[str]] = {}
    try:
        with serving(site) as server:
            for kind, path in page_types(programme).items():
                page.goto(server.url + path)
                page.wait_for_load_state("load")
                if kind == "my":
                    page.locator(".my-item").first.wait_for()
                if kind == "search":
                    page.locator("[data-results] .hit").first.wait_for()
                if kind in ("day", "session"):
                    assert page.locator("button.star").count() > 0, kind
                if found := violations(page, axe_source):
                    failures[f"{kind} {path}"] = found
            # And with the results of the header's search box open.
            page.goto(server.url + "index.html")
            page.locator("#_q").press_sequentially("a")
            page.locator(".search-panel .hit").first.wait_for()
            if found := violations(page, axe_source):
                failures["index with search results"] = found
    finally:
        context.close()
    assert not failures, "\n" + "\n".join(f"{where}:\n  " + "\n  ".join(v)
                                          for where, v in failures.items())


def _focus(page: Any) -> dict[str, Any]:
    # Focus shows as an outline of 2 px or more, or (a text box) as a ring it has only then.
    return page.evaluate("""() => { const e = document.activeElement, s = getComputedStyle(e);
        const ring = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2;
        let shadow = false;
        if (!ring && e.tagName === 'INPUT') {
            const focused = s.boxShadow + s.borderColor;
            e.blur();
            shadow = getComputedStyle(e).boxShadow + getComputedStyle(e).borderColor !== focused;
            e.focus();
        }
        return {id: e.id, tag: e.tagName, cls: e.className && String(e.className),
                star: e.dataset ? e.dataset.star || '' : '', hit: !!e.closest('.hit'),
                outline: ring || shadow,
                pressed: e.getAttribute('aria-pressed')}; }""")


def test_the_keyboard_reaches_search_and_stars(browser: Any, programme: Programme,
                                              site: Path) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        page.goto((site / page_types(programme)["day"]).as_uri())
        page.wait_for_load_state("load")
        seen: list[dict[str, Any]] = []
        for _ in range(60):
            page.keyboard.press("Tab")
            seen.append(_focus(page))
            if seen[-1]["star"]:
                break
        box = next((f for f in seen if f["id"] == "_q"), None)
        assert box is not None, "Tab never reached the search box"
        star = seen[-1]
        assert star["star"], "Tab never reached a star button"
        # Every stop shows where the focus is.
        assert all(f["outline"] for f in seen), seen
        assert star["pressed"] == "false"
        page.keyboard.press("Space")
        assert _focus(page)["pressed"] == "true"
        page.keyboard.press("Enter")
        assert _focus(page)["pressed"] == "false"
        # Typed into the search box, Tab goes on into the results.
        page.locator("#_q").focus()
        page.keyboard.type(programme.agenda.items()[0][1].title.split()[0])
        page.locator(".search-panel .hit").first.wait_for()
        page.keyboard.press("Tab")
        if _focus(page)["tag"] == "BUTTON":  # the form's own submit button comes first
            page.keyboard.press("Tab")
        assert _focus(page)["hit"] and _focus(page)["outline"]
        page.keyboard.press("Shift+Tab")
        page.keyboard.press("Shift+Tab")
        page.keyboard.press("Escape")
        assert page.locator(".search-panel").is_hidden()
    finally:
        context.close()
