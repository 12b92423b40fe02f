"""The online agenda's page: anchors, links both ways, who is listed, escaping, fonts, bytes."""

from __future__ import annotations

import io
import os
import re
import textwrap
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from fontTools.ttLib import TTFont
from tests.links import ids_in

from podium.cli import main
from podium.load import Programme, load
from podium.pipeline import build

SMALL = """
    event:
      title: "Small <script>alert('x')</script> & Co"
      city: Lyon
      timezone: Europe/Paris
      url: https://example.org/small/
      language: {language}
    rooms:
      - {{id: a, name: Salle Rhône}}
    people:
      - {{id: ana, name: Ana Lopes, role: Chair}}
      - {{id: bob, name: Bob Martin}}
      - {{id: zoe, name: Zoé Unlisted, role: Organiser}}
    days:
      - date: 2025-06-12
        items:
          - {{start: "09:00", end: "10:00", number: 1, title: Opening, room: a, chair: ana,
              speakers: [bob]}}
          - {{start: "10:00", end: "10:30", kind: break, title: Pause café}}
    {extra}
"""


class Text(HTMLParser):
    """The visible text of a page, and its elements by tag."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag in ("style", "script", "title"):
            self._skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("style", "script", "title"):
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)

    @property
    def text(self) -> str:
        return " ".join(" ".join(self.parts).split())


def parse(html: str) -> Text:
    t = Text()
    t.feed(html)
    return t


@pytest.fixture(scope="module")
def seed_site(seed: Programme, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site")
    build(seed, out, ["site"])
    return out / "site"


def small(write_agenda: Callable[..., Path], language: str = "en", extra: str = "") -> Programme:
    return load(write_agenda(SMALL.format(language=language, extra=extra)))


def read(site: Path, rel: str) -> str:
    return (site / rel).read_text(encoding="utf-8")


def on_programme(agenda: Any) -> set[str]:
    return {p for _d, it in agenda.items() for p in [*it.chair, *(s.person for s in it.speakers)]}


def test_every_item_and_programme_person_has_its_page(seed: Programme, seed_site: Path) -> None:
    agenda = seed.agenda
    for day in agenda.days:
        html = read(seed_site, f"days/{day.date}.html")
        ids = ids_in(html)
        assert len(ids) == len(re.findall(r'\bid="', html)), "ids must be unique"
        for item in day.items:
            # Listed on its day under its own id, with the hook the site's script stars.
            assert item.anchor in ids and f'data-item="{item.anchor}"' in html
            page = read(seed_site, f"sessions/{item.anchor}.html")
            assert item.anchor in ids_in(page), item.title
            assert agenda.url_for_item(item).endswith(f"/sessions/{item.anchor}.html")
            assert (seed_site / f"sessions/{item.anchor}.ics").is_file()
    for pid in on_programme(agenda):
        person = agenda.person(pid)
        assert agenda.url_for_person(person).endswith(f"/people/{pid}.html")
        assert person.name in parse(read(seed_site, f"people/{pid}.html")).text


def test_items_link_to_people_and_people_link_back(seed: Programme, seed_site: Path) -> None:
    agenda = seed.agenda
    for _day, item in agenda.items():
        hrefs = [a.get("href") for tag, a in parse(read(seed_site, f"sessions/{item.anchor}.html")).tags
                 if tag == "a"]
        for pid in [*item.chair, *(s.person for s in item.speakers)]:
            assert f"../people/{pid}.html" in hrefs
            back = [a.get("href") for tag, a in parse(read(seed_site, f"people/{pid}.html")).tags
                    if tag == "a"]
            assert f"../sessions/{item.anchor}.html" in back


def test_pages_show_the_programme_text(seed: Programme, seed_site: Path) -> None:
    agenda = seed.agenda
    day_text = " ".join(parse(read(seed_site, f"days/{d.date}.html")).text for d in agenda.days)
    assert "Tuesday, 10 December 2024" in day_text and "Wednesday, 11 December 2024" in day_text
    assert "Brigadier General Md Mostafizur Rahman, PhD" in day_text
    index = parse(read(seed_site, "index.html")).text
    assert agenda.event.title in index and "10–11 December 2024" in index
    for _day, item in agenda.items():
        assert item.title in day_text
        text = parse(read(seed_site, f"sessions/{item.anchor}.html")).text
        assert item.title in text
        for q in item.questions:
            assert q in text and q not in day_text      # abstracts on session pages only
        for para in item.background:
            assert para in text and para not in day_text
    session3 = parse(read(seed_site, "sessions/session-3.html")).text
    assert "14:15–15:45" in session3 and "Session 3" in session3
    assert "Tuesday, 10 December 2024" in session3
    assert "via VTC" in " ".join(parse(read(seed_site, f"sessions/{it.anchor}.html")).text
                                 for _d, it in agenda.items())
    assert 'lang="en"' in read(seed_site, "index.html")


@pytest.fixture(scope="module")
def small_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small agenda (title with <script>, an unlisted person, a delegates CSV), built."""
    folder = tmp_path_factory.mktemp("small")
    (folder / "attendees.csv").write_text(
        "name,organisation,category\nDelia Delegate,Ministry of Peace,Delegate\n", encoding="utf-8")
    text = textwrap.dedent(SMALL.format(language="en", extra="attendees: attendees.csv"))
    (folder / "agenda.yaml").write_text(text, encoding="utf-8")
    programme = load(folder / "agenda.yaml")
    assert programme.attendees, "the CSV must load for the tests to mean anything"
    build(programme, folder / "out", ["site"])
    return folder / "out"


def test_only_people_on_the_programme_are_listed(small_out: Path) -> None:
    site = small_out / "site"
    html = "".join(p.read_text(encoding="utf-8") for p in sorted(site.rglob("*.html")))
    ics = (small_out / "agenda.ics").read_text(encoding="utf-8")
    for hidden in ("Delia", "Delegate", "Ministry of Peace", "Zoé", "Unlisted"):
        assert hidden not in html and hidden not in ics
    assert sorted(p.name for p in (site / "people").iterdir()) == ["ana.html", "bob.html"]
    assert 'href="people/ana.html"' in (site / "search.html").read_text(encoding="utf-8")


def test_agenda_text_is_escaped_never_markup(small_out: Path) -> None:
    for rel in ("index.html", "sessions/session-1.html", "days/2025-06-12.html"):
        html = (small_out / "site" / rel).read_text(encoding="utf-8")
        page = parse(html)
        # The only scripts are the site's own files, loaded by URL.
        assert [a.get("src") for t, a in page.tags if t == "script"] == [
            "../" * rel.count("/") + "app.js"]
        assert "<script>" not in html
        assert "&lt;script&gt;alert(" in html
        assert "Small <script>alert('x')</script> & Co" in page.text


def test_language_and_labels_follow_the_event(write_agenda: Callable[..., Path],
                                              tmp_path: Path) -> None:
    build(small(write_agenda, language="fr"), tmp_path / "out", ["site"])
    html = (tmp_path / "out/site/sessions/session-1.html").read_text(encoding="utf-8")
    text = parse(html).text
    assert '<html lang="fr" data-root="../">' in html
    assert "jeudi 12 juin 2025" in text
    assert "Présidence" in text and "Intervenants" in text and "Salle Rhône" in text
    assert "Ajouter au calendrier" in text and "Mon programme" in text
    day = parse((tmp_path / "out/site/days/2025-06-12.html").read_text(encoding="utf-8")).text
    assert "Salles" in day and "Rechercher" in day


def test_fonts_are_bundled_subset_and_declared_relative(seed_site: Path) -> None:
    css = (seed_site / "site.css").read_text(encoding="utf-8")
    urls = re.findall(r'url\("([^"]+)"\)', css)
    assert urls, "the stylesheet declares no @font-face"
    # One subset for the whole site: every page's characters are in it.
    text = "".join(parse(p.read_text(encoding="utf-8")).text for p in seed_site.rglob("*.html"))
    regular = None
    for url in urls:
        assert not url.startswith(("/", "http:", "https:", "file:")), url
        path = seed_site / url
        assert path.is_file(), url
        font = TTFont(io.BytesIO(path.read_bytes()))
        assert font.flavor in ("woff2", None)
        if "NotoSans-Regular" in url:
            regular = font
    assert regular is not None
    cmap = regular.getBestCmap()
    missing = {c for c in text if ord(c) not in cmap and not c.isspace()}
    assert not missing, f"characters of the page missing from the font: {missing}"
    assert (seed_site / "fonts/OFL.txt").is_file()
    # Pages link the stylesheet relatively, so the site works from the file system.
    assert 'href="site.css"' in read(seed_site, "index.html")
    assert 'href="../site.css"' in read(seed_site, "sessions/session-3.html")


def test_user_templates_override_the_bundled_ones(write_agenda: Callable[..., Path],
                                                  tmp_path: Path) -> None:
    programme = small(write_agenda)
    (tmp_path / "templates/site").mkdir(parents=True)
    css = "body { color: #123456; }\n"
    (tmp_path / "templates/site/site.css").write_text(css, encoding="utf-8")
    build(programme, tmp_path / "out", ["site"])
    assert (tmp_path / "out/site/site.css").read_text(encoding="utf-8") == css
    assert 'id="session-1"' in (tmp_path / "out/site/sessions/session-1.html").read_text(encoding="utf-8")


def _tree(folder: Path) -> dict[str, bytes]:
    """Every file a reader of `folder` sees: the outputs are links (site/ too), followed;
    podium's own .podium/ is left out."""
    files = []
    for top, dirs, names in os.walk(folder, followlinks=True):
        dirs[:] = [d for d in dirs if not (top == str(folder) and d == ".podium")]
        files += [Path(top, n) for n in names]
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(files)}


def test_same_input_gives_the_same_bytes(seed: Programme, seed_site: Path, tmp_path: Path) -> None:
    build(seed, tmp_path / "two", ["site"])
    one, two = _tree(seed_site.parent), _tree(tmp_path / "two")
    assert set(one) >= {"agenda.ics", "site/index.html", "site/site.css", "site/agenda.ics"}
    assert one == two


def test_item_ids_never_clash_with_the_page_structure(write_agenda: Callable[..., Path],
                                                      tmp_path: Path) -> None:
    path = write_agenda("""
        event: {title: T, timezone: UTC, url: "https://example.org/"}
        people: [{id: p, name: Pat Doe}]
        days:
          - date: 2025-01-02
            items:
              - {id: speakers, start: "09:00", title: Speakers' corner, speakers: [p]}
              - {id: programme, start: "10:00", title: Programme}
              - {id: day-2025-01-02, start: "11:00", title: Day}
    """)
    build(load(path), tmp_path / "out", ["site"])
    site = tmp_path / "out/site"
    for page in site.rglob("*.html"):
        all_ids = re.findall(r'\bid="([^"]+)"', page.read_text(encoding="utf-8"))
        assert len(all_ids) == len(set(all_ids)), page
    day = set(re.findall(r'\bid="([^"]+)"', (site / "days/2025-01-02.html").read_text(encoding="utf-8")))
    assert {"speakers", "programme", "day-2025-01-02"} <= day
    assert (site / "people/p.html").is_file()


def test_truetype_fonts_when_brotli_is_missing(write_agenda: Callable[..., Path], tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    from podium.renderers.site import webfonts

    monkeypatch.setattr(webfonts, "woff2_available", lambda: False)
    build(small(write_agenda), tmp_path / "out", ["site"])
    site = tmp_path / "out/site"
    css = (site / "site.css").read_text(encoding="utf-8")
    assert 'url("fonts/NotoSans-Regular.ttf") format("truetype")' in css
    font = TTFont(site / "fonts/NotoSans-Regular.ttf")
    assert font.flavor is None and ord("ô") in font.getBestCmap()
    assert not list(site.glob("fonts/*.woff2"))


def test_cli_builds_only_the_site(seed: Programme, tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["build", str(seed.source), "--only", "site",
                                       "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert "site" in result.output and "agenda.ics" in result.output
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        ".podium", "agenda.ics", "report.txt", "site"]


def test_each_session_has_its_own_calendar_file(seed: Programme, seed_site: Path) -> None:
    from icalendar import Calendar

    whole = Calendar.from_ical((seed_site / "agenda.ics").read_bytes())
    events = {str(ev["UID"]): ev for ev in whole.walk("VEVENT")}
    for _day, item in seed.agenda.items():
        one = Calendar.from_ical((seed_site / f"sessions/{item.anchor}.ics").read_bytes())
        [event] = one.walk("VEVENT")
        assert [tz["TZID"] for tz in one.walk("VTIMEZONE")] == ["America/Montevideo"]
        same = events[str(event["UID"])]
        assert event["DTSTART"].dt == same["DTSTART"].dt == item.start_at
        assert str(event["SUMMARY"]) == str(same["SUMMARY"])
        assert str(event["URL"]) == seed.agenda.url_for_item(item)
        # The session page's button downloads it.
        html = read(seed_site, f"sessions/{item.anchor}.html")
        assert f'href="../sessions/{item.anchor}.ics" download' in html
