"""The site offline: the service worker keeps every file after one visit, its list is
reproducible and changes with the content, and a file:// page never tries to register it."""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from tests.browsing import chromium, serving

from podium.load import Programme, load
from podium.pipeline import build
from podium.renderers.site import offline


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as b:
        yield b


@pytest.fixture(scope="module")
def site(seed: Programme, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("offline")
    build(seed, out, ["site"])
    return (out / "site").resolve()


def listed(site: Path) -> tuple[str, list[list[str]]]:
    text = (site / offline.WORKER).read_text(encoding="utf-8")
    version = re.search(r'const VERSION = "([0-9a-f]+)";', text)
    files = re.search(r"const FILES = (\[.*?\]);\n", text)
    assert version and files
    return version.group(1), json.loads(files.group(1))


def test_the_precache_list_is_every_file_and_reproducible(seed: Programme, site: Path,
                                                          tmp_path: Path) -> None:
    version, files = listed(site)
    on_disk = sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())
    pages = [f for f in on_disk if f not in ("sw.js", "search.js", "schedule.xml", "schedule.json")
             and not f.endswith(".ics")]
    assert [f for f, _ in files] == pages
    assert {"index.html", "my.html", "search.html", "search.json", "app.js", "site.css",
            "sessions/session-3.html", "people/lacroix.html"} <= {f for f, _ in files}
    # The same agenda builds the same worker, byte for byte.
    build(seed, tmp_path / "again", ["site"])
    again = (tmp_path / "again" / "site" / offline.WORKER).read_bytes()
    assert again == (site / offline.WORKER).read_bytes()
    # One changed word changes the version and that file's hash, and no other file's.
    text = (seed.base_dir / "agenda.yaml").read_text(encoding="utf-8")
    edited = tmp_path / "edited"
    edited.mkdir()
    (edited / "agenda.yaml").write_text(text.replace("Lessons from Recent", "Lessons from Past"),
                                        encoding="utf-8")
    build(load(edited / "agenda.yaml"), tmp_path / "out", ["site"])
    new_version, new_files = listed(tmp_path / "out" / "site")
    assert new_version != version
    changed = {f for (f, h), (f2, h2) in zip(files, new_files, strict=True) if h != h2}
    assert "sessions/session-3.html" in changed and "search.json" in changed
    assert "people/lacroix.html" not in changed and "site.css" not in changed


def test_the_site_opens_offline_after_one_visit(browser: Any, site: Path) -> None:
    context = browser.new_context()
    page = context.new_page()
    try:
        with serving(site) as server:
            page.goto(server.url + "index.html")
            # ready resolves once the worker is active, that is once it has cached every file.
            scope = page.evaluate("navigator.serviceWorker.ready.then(r => r.scope)")
            assert scope == server.url
            cached = page.evaluate("""caches.keys().then(async names => {
                const c = await caches.open(names.find(n => n.startsWith('podium ')));
                return (await c.keys()).length; })""")
            assert cached == len(listed(site)[1]) + 1  # and the manifest of what it holds
            server.stop()
            context.set_offline(True)
            page.reload()
            assert "Capacity-Building" in page.locator("h1").first.inner_text()
            page.goto(server.url + "sessions/session-3.html")
            assert "Lessons from Recent" in page.locator("h1").inner_text()
            page.goto(server.url + "search.html?q=lacroix")
            page.locator("[data-results] .hit").first.wait_for()
            assert "Jean-Pierre Lacroix" in page.locator("[data-results]").inner_text()
            page.goto(server.url)
            assert page.locator("h1").first.inner_text() != ""
    finally:
        context.close()


CACHES = "caches.keys().then(n => n.filter(k => k.startsWith('podium ')))"


def test_a_rebuilt_site_replaces_the_cache(browser: Any, seed: Programme, tmp_path: Path) -> None:
    out = tmp_path / "out"
    build(seed, out, ["site"])
    context = browser.new_context()
    page = context.new_page()
    try:
        with serving(out / "site") as server:
            page.goto(server.url + "index.html")
            page.evaluate("navigator.serviceWorker.ready")
            first = page.evaluate(CACHES)
            assert len(first) == 1
            # The same folder rebuilt with one title changed.
            text = (seed.base_dir / "agenda.yaml").read_text(encoding="utf-8")
            edited = tmp_path / "edited"
            edited.mkdir()
            (edited / "agenda.yaml").write_text(
                text.replace("Lessons from Recent", "Lessons from Past"), encoding="utf-8")
            # HTTP dates count whole seconds: a file rewritten within the second it was first
            # served is "not modified" to a revalidating browser (the test server answers 304
            # and the old copy stays): rebuild in a later second.
            time.sleep(1.05 - time.time() % 1.0)
            build(load(edited / "agenda.yaml"), out, ["site"])
            server.requested.clear()
            page.evaluate("navigator.serviceWorker.getRegistration().then(r => r.update())")
            # Installed and active once the old cache is gone and the new one alone is left.
            for _ in range(200):
                now = page.evaluate(CACHES)
                if len(now) == 1 and now != first:
                    break
                page.wait_for_timeout(50)
            assert len(now) == 1 and now != first
            # Only what changed came over the network again; the rest was copied over.
            fetched = {p for p in server.requested if p != "/sw.js"}
            _version, files = listed(out / "site")
            assert "/sessions/session-3.html" in fetched and "/search.json" in fetched
            assert "/people/lacroix.html" not in fetched
            assert len(fetched) < len(files) / 2, (len(fetched), len(files))
            context.set_offline(True)
            server.stop()
            page.goto(server.url + "sessions/session-3.html")
            assert "Lessons from Past" in page.locator("h1").inner_text()
    finally:
        context.close()


SPY = """window.registered = [];
if ('serviceWorker' in navigator) {
  const real = navigator.serviceWorker.register.bind(navigator.serviceWorker);
  navigator.serviceWorker.register = (url, options) => {
    window.registered.push(String(url));
    return real(url, options);
  };
}"""


def test_a_page_from_file_registers_no_worker(browser: Any, site: Path, seed: Programme) -> None:
    context = browser.new_context()
    context.add_init_script(SPY)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        day = seed.agenda.days[0].date.isoformat()
        page.goto((site / "days" / f"{day}.html").as_uri())
        page.wait_for_load_state("load")
        # The script ran (stars are there) and left the worker alone.
        assert page.locator("button.star").count() > 0
        assert page.evaluate("window.registered") == []
        with serving(site) as server:
            page.goto(f"{server.url}days/{day}.html")
            page.wait_for_load_state("load")
            assert page.evaluate("window.registered") == ["../sw.js"]
        assert errors == []
    finally:
        context.close()
