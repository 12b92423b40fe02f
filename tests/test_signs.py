"""Door signs: what venue staff would check on door-signs.pdf."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pdfplumber
import pypdfium2
import pytest
import yaml
import zxingcpp
from click.testing import CliRunner

from podium.cli import main
from podium.load import Programme, load
from podium.pipeline import build
from podium.problems import AgendaError
from podium.renderers.signs.plan import choose_mode, room_day_signs
from podium.text import FitError

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
from generate import generated, write  # noqa: E402

A4_LANDSCAPE = (841.89, 595.28)
MARGIN = 10 / 25.4 * 72
SEED_SIGNS = ["welcome", "session-1", "session-2", "session-3", "session-4", "session-5",
              "session-6", "closing"]


def _build(programme: Programme, out: Path) -> Path:
    build(programme, out, ["signs"])
    return out / "door-signs.pdf"


@pytest.fixture(scope="module")
def seed_pdf(seed: Programme, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _build(seed, tmp_path_factory.mktemp("signs"))


@pytest.fixture(scope="module")
def seed_pages(seed_pdf: Path) -> list[str]:
    with pdfplumber.open(seed_pdf) as pdf:
        return [page.extract_text() or "" for page in pdf.pages]


def _flat(text: str) -> str:
    """Text on one line; a line broken after a hyphen or slash is joined again."""
    return " ".join(re.sub(r"(?<=[-/])\n", "", text).split())


def test_one_sign_per_item_except_breaks(seed: Programme, seed_pages: list[str]) -> None:
    items = {it.anchor: it for _, it in seed.agenda.items()}
    assert len(seed_pages) == len(SEED_SIGNS) == 8
    for text, anchor in zip(seed_pages, SEED_SIGNS, strict=True):
        assert _flat(items[anchor].title) in _flat(text)
    assert not any("Coffee Break" in _flat(t).split("NEXT")[0] for t in seed_pages)


def test_each_sign_shows_time_date_and_people(seed: Programme, seed_pages: list[str]) -> None:
    from podium.present import chairs, item_times, speakers
    agenda = seed.agenda
    signs = [(d, it) for d, it in agenda.items() if it.kind not in ("break", "meal")]
    for (day, item), text in zip(signs, seed_pages, strict=True):
        flat = _flat(text)
        assert item_times(item) in flat
        assert f"{day.date.day} December 2024" in flat
        assert day.date.strftime("%A") in flat
        for app in chairs(agenda, item) + speakers(agenda, item):
            assert all(word in flat for word in app.name.split())
        if item.number:
            assert f"SESSION {item.number}" in flat
    # Remote panelists are marked in words, not by colour alone.
    assert "VIA VTC" in _flat(seed_pages[1])
    # What comes next in the room, breaks included.
    assert "NEXT 11:30–11:45 Coffee Break" in _flat(seed_pages[1])
    assert "NEXT" not in seed_pages[-1]


def test_qr_codes_decode_to_each_session(seed: Programme, seed_pdf: Path) -> None:
    items = {it.anchor: it for _, it in seed.agenda.items()}
    pdf = pypdfium2.PdfDocument(seed_pdf)
    for index, anchor in enumerate(SEED_SIGNS):
        image = pdf[index].render(scale=150 / 72).to_pil()
        found = [r.text for r in zxingcpp.read_barcodes(image)]
        assert found == [seed.agenda.url_for_item(items[anchor])]


def test_qr_code_at_least_40_mm(seed_pdf: Path) -> None:
    with pdfplumber.open(seed_pdf) as pdf:
        for page in pdf.pages:
            rects = page.rects
            # The QR code's modules are the many small squares; their extent is the code.
            small = [r for r in rects if r["height"] < 6]
            width = max(r["x1"] for r in small) - min(r["x0"] for r in small)
            assert width >= 40 / 25.4 * 72 - 0.5


def test_pages_are_landscape_a4(seed_pdf: Path) -> None:
    with pdfplumber.open(seed_pdf) as pdf:
        for page in pdf.pages:
            assert (round(page.width, 1), round(page.height, 1)) == (841.9, 595.3)


def _outside(page: pdfplumber.page.Page) -> list[str]:
    left, top = MARGIN - 0.5, MARGIN - 0.5
    right, bottom = page.width - MARGIN + 0.5, page.height - MARGIN + 0.5
    out = []
    for kind in ("chars", "rects", "curves", "lines", "images"):
        for obj in getattr(page, kind):
            if obj["x0"] < left or obj["x1"] > right or obj["top"] < top or obj["bottom"] > bottom:
                out.append(f"{kind}: {obj.get('text', '')} at {obj['x0']:.1f},{obj['top']:.1f}")
    return out


def test_nothing_outside_the_margins(seed_pdf: Path) -> None:
    with pdfplumber.open(seed_pdf) as pdf:
        for page in pdf.pages:
            assert _outside(page) == []


def test_fonts_embedded_no_helvetica(seed_pdf: Path) -> None:
    out = subprocess.run(["pdffonts", str(seed_pdf)], capture_output=True, text=True,
                         check=True).stdout
    rows = out.splitlines()[2:]
    assert rows
    for row in rows:
        assert "Helvetica" not in row
        assert row.split()[-5] == "yes", row   # the "emb" column


def test_reproducible_bytes(seed: Programme, seed_pdf: Path, tmp_path: Path) -> None:
    again = _build(seed, tmp_path)
    assert again.read_bytes() == seed_pdf.read_bytes()


def test_minimum_title_size(seed_pdf: Path, seed: Programme) -> None:
    titles = [it.title for _, it in seed.agenda.items() if it.kind not in ("break", "meal")]
    with pdfplumber.open(seed_pdf) as pdf:
        for page, title in zip(pdf.pages, titles, strict=True):
            first_word = title.split()[0]
            sizes = [w["size"] for w in page.extract_words(extra_attrs=["size"])
                     if w["text"] == first_word]
            assert max(sizes) >= 36


def _list_text(page: pdfplumber.page.Page) -> str:
    """A room-day page's text without the QR code's caption, whose lines interleave with the
    list's beside it."""
    # The caption (10 pt) and the URL under the code (8.5 pt or less) are the page's only
    # text that small; the URL, a room-day page's, wraps over lines of its own.
    list_only = page.filter(lambda o: o.get("object_type") != "char" or o["size"] > 10.01)
    return _flat(list_only.extract_text() or "")


def _agenda_with(tmp_path: Path, data: dict[str, object]) -> Programme:
    return load(write(data, tmp_path / "agenda.yaml"))


def test_title_too_long_is_a_clear_error(tmp_path: Path) -> None:
    data = yaml.safe_load((ROOT / "agenda.yaml").read_text(encoding="utf-8"))
    data["days"][0]["items"][1]["title"] = " ".join(["Extraordinarily comprehensive"] * 14)
    path = write(data, tmp_path / "agenda.yaml")
    result = CliRunner().invoke(main, ["build", str(path), "--only", "signs",
                                       "-o", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert "days[0].items[1].title" in result.output
    assert "session-1" in result.output and "does not fit" in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "out" / "door-signs.pdf").exists()


def test_breaks_get_signs_when_asked(tmp_path: Path) -> None:
    data = yaml.safe_load((ROOT / "agenda.yaml").read_text(encoding="utf-8"))
    data["print"] = {"sign_breaks": True, "sign_paper": "A3"}
    pdf = _build(_agenda_with(tmp_path, data), tmp_path / "out")
    with pdfplumber.open(pdf) as doc:
        assert len(doc.pages) == 12
        assert (round(doc.pages[0].width), round(doc.pages[0].height)) == (1191, 842)
        assert "Coffee Break" in _flat(doc.pages[2].extract_text())


def test_missing_logo_is_a_clear_error_at_load(tmp_path: Path) -> None:
    data = yaml.safe_load((ROOT / "agenda.yaml").read_text(encoding="utf-8"))
    data["print"] = {"logo": "nowhere.png"}
    with pytest.raises(AgendaError, match=r"print\.logo: logo file 'nowhere\.png' not found"):
        _agenda_with(tmp_path, data)


def test_logo_is_drawn(tmp_path: Path) -> None:
    from PIL import Image
    Image.new("RGB", (300, 100), (20, 60, 120)).save(tmp_path / "logo.png")
    data = yaml.safe_load((ROOT / "agenda.yaml").read_text(encoding="utf-8"))
    data["print"] = {"logo": "logo.png"}
    pdf = _build(_agenda_with(tmp_path, data), tmp_path / "out")
    with pdfplumber.open(pdf) as doc:
        assert all(len(p.images) == 1 for p in doc.pages)
        assert _outside(doc.pages[0]) == []


# -- many rooms: one list per room and day, continued over numbered pages -------------------

@pytest.fixture(scope="module")
def fosdem(tmp_path_factory: pytest.TempPathFactory) -> tuple[Programme, Path]:
    tmp = tmp_path_factory.mktemp("fosdem")
    programme = load(write(generated(rooms=40, days=2, busiest=32, per_room=1), tmp / "agenda.yaml"))
    return programme, _build(programme, tmp / "out")


def test_room_day_signs_for_every_room_and_day(fosdem: tuple[Programme, Path]) -> None:
    programme, pdf = fosdem
    assert choose_mode(programme.agenda) == "room-day"
    signs = room_day_signs(programme.agenda)
    assert len(signs) == 80
    with pdfplumber.open(pdf) as doc:
        texts = [_flat(p.extract_text() or "") for p in doc.pages]
        lists = [_list_text(p) for p in doc.pages]
    # Every room's name appears on a page with each of its day's dates.
    for room in programme.agenda.rooms:
        for date in ("Saturday, 1 February 2025", "Sunday, 2 February 2025"):
            assert any(room.name in t and date in t for t in texts), (room.name, date)
    # Every event's time and title are on some page of its room (nothing dropped).
    for _, item in programme.agenda.items():
        assert any(item.title in listed and room_name(programme, item) in whole
                   for listed, whole in zip(lists, texts, strict=True))


def room_name(programme: Programme, item: object) -> str:
    room = programme.agenda.room(item.room)  # type: ignore[attr-defined]
    assert room is not None
    return room.name


def test_busiest_room_continues_over_numbered_pages(fosdem: tuple[Programme, Path]) -> None:
    programme, pdf = fosdem
    busiest = programme.agenda.rooms[0].name
    with pdfplumber.open(pdf) as doc:
        pages = [p for p in doc.pages if busiest in (p.extract_text() or "")]
        texts = [_list_text(p) for p in pages]
        day1 = [t for t in texts if "1 February 2025" in t]
        total = len(day1)
        assert total > 1
        assert "(continued)" not in day1[0]
        for n, text in enumerate(day1, start=1):
            assert f"Page {n} of {total}" in _flat(pages[n - 1].extract_text())
            assert n == 1 or "(continued)" in text
        # Titles stay readable: nothing in a list is set below 8 pt, titles at 16 pt or more.
        for page in pages:
            assert min(c["size"] for c in page.chars) >= 6.5
            assert _outside(page) == []
    # All 32 events of the day, in order, across those pages.
    items = [it for d, it in programme.agenda.items()
             if it.room == programme.agenda.rooms[0].id and d is programme.agenda.days[0]]
    assert len(items) == 32
    joined = " ".join(day1)
    positions = [joined.index(it.title) for it in items]
    assert positions == sorted(positions)


def test_room_day_mode_for_one_room(tmp_path: Path) -> None:
    data = yaml.safe_load((ROOT / "agenda.yaml").read_text(encoding="utf-8"))
    data["print"] = {"sign_mode": "room-day"}
    pdf = _build(_agenda_with(tmp_path, data), tmp_path / "out")
    with pdfplumber.open(pdf) as doc:
        texts = [_flat(p.extract_text() or "") for p in doc.pages]
        image = pypdfium2.PdfDocument(pdf)[0].render(scale=150 / 72).to_pil()
    # No rooms: the sign opens the day's page.
    assert [r.text for r in zxingcpp.read_barcodes(image)] == [
        "https://agenda.example.org/montevideo-2024/days/2024-12-10.html"]
    assert any("10:30–10:45 Coffee Break" in t for t in texts)
    assert sum("Tuesday, 10 December 2024" in t for t in texts) >= 1


def test_a_room_s_list_ends_with_what_comes_next_on_a_later_day(tmp_path: Path) -> None:
    """The last page of each room's day says what is next in that room on a later day, or
    that the day or the programme ends there."""
    data: dict[str, object] = {
        "event": {"title": "Two rooms", "timezone": "Europe/Berlin", "url": "https://x.test/a/"},
        "rooms": [{"id": "a", "name": "Hall A"}, {"id": "b", "name": "Hall B"}],
        "print": {"sign_mode": "room-day"},
        "days": [
            {"date": "2025-03-04", "items": [
                {"start": "09:00", "end": "10:00", "title": "Opening talk", "room": "a"},
                {"start": "09:00", "end": "10:00", "title": "Side workshop", "room": "b"}]},
            {"date": "2025-03-05", "items": [
                {"start": "10:30", "end": "11:00", "title": "Second morning", "room": "a"}]},
        ]}
    pdf = _build(_agenda_with(tmp_path, data), tmp_path / "out")
    with pdfplumber.open(pdf) as doc:
        texts = [_list_text(p) for p in doc.pages]
    assert len(texts) == 3
    hall_a_1, hall_b_1, hall_a_2 = texts
    assert "Opening talk" in hall_a_1 and "NEXT Wed 5 Mar, 10:30–11:00 Second morning" in hall_a_1
    assert "Side workshop" in hall_b_1 and "END OF THE DAY" in hall_b_1
    assert "Second morning" in hall_a_2 and "END OF THE PROGRAMME" in hall_a_2


# -- readability of crowded signs, other languages and papers ---------------------------------

def _people_sizes(page: pdfplumber.page.Page) -> tuple[list[float], list[float]]:
    """(name sizes, organisation sizes) of the people block: the characters under its
    CHAIR/SPEAKERS heading and above the NEXT line, bold for names, regular for the rest
    (the boxed remote mark excepted)."""
    words = page.extract_words(extra_attrs=["size", "fontname"])
    heads = [w for w in words if w["text"] in ("CHAIR", "SPEAKERS", "PANELISTS")]
    assert heads, "no people block"
    top = max(w["bottom"] for w in heads)
    nexts = [w["top"] for w in words if w["text"] in ("NEXT", "END")]
    bottom = min(nexts) if nexts else page.height
    names, orgs = [], []
    for w in words:
        if w["top"] <= top or w["bottom"] >= bottom or w["text"] in ("VIA", "VTC"):
            continue
        (names if "Bold" in w["fontname"] else orgs).append(w["size"])
    return names, orgs


def test_names_readable_on_crowded_signs(seed: Programme, seed_pdf: Path) -> None:
    """Names at 16 pt or more and organisations at 8 pt or more (a long one shrinks alone,
    reported, rather than lose words) on every seed sign, the crowded ones (a chair and
    five panelists) included."""
    from podium.present import chairs, speakers
    agenda = seed.agenda
    items = {it.anchor: it for _, it in agenda.items()}
    with pdfplumber.open(seed_pdf) as pdf:
        for page, anchor in zip(pdf.pages, SEED_SIGNS, strict=True):
            names, orgs = _people_sizes(page)
            people = chairs(agenda, items[anchor]) + speakers(agenda, items[anchor])
            assert len(names) >= sum(len(a.name.split()) for a in people), anchor
            assert min(names) >= 16 - 0.01, anchor
            assert min(orgs) >= 8 - 0.01, anchor
            marks = [w["size"] for w in page.extract_words(extra_attrs=["size"])
                     if w["text"] in ("VIA", "VTC")]
            # The remote mark reads as well as an organisation.
            assert len(marks) == 2 * sum(a.remote for a in people), anchor
            assert all(m >= 11 - 0.01 for m in marks), (anchor, marks)
    crowded = [a for a in SEED_SIGNS
               if len(chairs(agenda, items[a]) + speakers(agenda, items[a])) >= 6]
    assert {"session-2", "session-6"} <= set(crowded)


@pytest.mark.parametrize(("language", "labels"), [
    ("fr", ("SESSION 1", "PRÉSIDENCE", "PANÉLISTES", "mardi 10 décembre 2024", "ENSUITE")),
    ("es", ("SESIÓN 1", "MODERACIÓN", "PANELISTAS", "martes, 10 de diciembre de 2024",
            "A CONTINUACIÓN")),
])
def test_session_signs_in_other_languages(tmp_path: Path, language: str,
                                          labels: tuple[str, ...]) -> None:
    from podium.i18n import Locale
    data = yaml.safe_load((ROOT / "agenda.yaml").read_text(encoding="utf-8"))
    data["event"]["language"] = language
    programme = _agenda_with(tmp_path, data)
    pdf = _build(programme, tmp_path / "out")
    locale = Locale(language)
    with pdfplumber.open(pdf) as doc:
        text = _flat(doc.pages[1].extract_text() or "")
        assert _outside(doc.pages[1]) == []
    assert locale.long_date(programme.agenda.days[0].date) in text
    expected = [locale.label("session").upper() + " 1", locale.label("chair").upper(),
                locale.label("panelists").upper(), locale.label("next").upper()]
    for label in expected:
        assert label in text, label
    assert expected[:3] == list(labels[:3])
    assert labels[3] in text and labels[4] in text


def test_room_day_signs_in_french(tmp_path: Path) -> None:
    data = generated(rooms=2, days=1, busiest=24, per_room=2)
    data["event"]["language"] = "fr"  # type: ignore[index]
    pdf = _build(_agenda_with(tmp_path, data), tmp_path / "out")
    with pdfplumber.open(pdf) as doc:
        texts = [_flat(p.extract_text() or "") for p in doc.pages]
    assert "samedi 1 février 2025" in texts[0]
    assert "(suite)" in texts[1] and "(suite)" not in texts[0]
    total = sum("samedi 1 février 2025" in t and "K.01" in t for t in texts)
    assert total > 1
    assert f"Page 2 sur {total}" in texts[1]
    assert "Scannez" in texts[0] or "agenda" in texts[0]


def test_letter_paper(tmp_path: Path) -> None:
    data = yaml.safe_load((ROOT / "agenda.yaml").read_text(encoding="utf-8"))
    data["print"] = {"sign_paper": "Letter"}
    programme = _agenda_with(tmp_path, data)
    pdf = _build(programme, tmp_path / "out")
    items = {it.anchor: it for _, it in programme.agenda.items()}
    scale = min(792 / 841.89, 612 / 595.28)
    margin = 10 / 25.4 * 72 * scale
    with pdfplumber.open(pdf) as doc:
        assert len(doc.pages) == len(SEED_SIGNS)
        for page, anchor in zip(doc.pages, SEED_SIGNS, strict=True):
            assert (round(page.width), round(page.height)) == (792, 612)
            assert _flat(items[anchor].title) in _flat(page.extract_text() or "")
            for c in page.chars:
                assert margin - 0.5 <= c["x0"] and c["x1"] <= page.width - margin + 0.5
                assert margin - 0.5 <= c["top"] and c["bottom"] <= page.height - margin + 0.5
            names, _ = _people_sizes(page)
            assert min(names) >= 16 - 0.01, anchor  # readable from 3 m on any paper
    image = pypdfium2.PdfDocument(pdf)[2].render(scale=150 / 72).to_pil()
    assert [r.text for r in zxingcpp.read_barcodes(image)] == \
        [programme.agenda.url_for_item(items[SEED_SIGNS[2]])]


def test_room_day_pages_are_full(fosdem: tuple[Programme, Path]) -> None:
    """Every page of a room-day sign but its last carries six events or more, titles at
    16 pt or more; the QR code is on the first page of each sign only."""
    _, pdf = fosdem
    times = re.compile(r"\d\d:\d\d–\d\d:\d\d")
    with pdfplumber.open(pdf) as doc:
        marks = [re.search(r"Page (\d+) of (\d+)", p.extract_text() or "") for p in doc.pages]
        full = [(p, m) for p, m in zip(doc.pages, marks, strict=True)
                if m is not None and m.group(1) != m.group(2)]
        assert len(full) >= 3
        for page, _ in full:
            assert len(times.findall(_list_text(page))) >= 6
            sizes = [w["size"] for w in page.extract_words(extra_attrs=["size", "fontname"])
                     if "Bold" in w["fontname"] and w["size"] > 15 and w["size"] < 30]
            assert sizes and min(sizes) >= 16 - 0.01
        for page, m in zip(doc.pages, marks, strict=True):
            small = [r for r in page.rects if r["height"] < 6]
            has_qr = len(small) > 50
            assert has_qr == (m is None or m.group(1) == "1")


def test_a_session_s_own_wording_of_a_person_is_on_its_sign(tmp_path: Path) -> None:
    """Ai Kihara-Hunt is described differently in sessions 1 and 6; each sign says so."""
    import shutil

    import pdfplumber
    from tests.conftest import SEED

    from podium.load import load as load_agenda
    from podium.pipeline import build as run_build

    shutil.copy(SEED, tmp_path / "agenda.yaml")
    run_build(load_agenda(tmp_path / "agenda.yaml"), tmp_path / "out", ["signs"])
    def under_name(page: pdfplumber.page.Page) -> str:
        """The words in the person's column, just below their name, in reading order."""
        words = page.extract_words()
        given = next(w for i, w in enumerate(words)
                     if w["text"] == "Ai" and words[i + 1]["text"] == "Kihara-Hunt")
        family = next(w for w in words if w["text"] == "Kihara-Hunt")
        right = min((w["x0"] for w in words if abs(w["top"] - family["top"]) < 1
                     and w["x0"] > family["x1"] + 5), default=page.width)
        below = [w for w in words if given["x0"] - 1 <= w["x0"] < right
                 and family["bottom"] < w["top"] < family["bottom"] + 45]
        return " ".join(w["text"] for w in sorted(below, key=lambda w: (round(w["top"]), w["x0"])))

    with pdfplumber.open(tmp_path / "out" / "door-signs.pdf") as pdf:
        pages = {i: " ".join((p.extract_text() or "").split()) for i, p in enumerate(pdf.pages)}
        s1 = next(i for i, t in pages.items() if "Linda Darkwa" in t)
        s6 = next(i for i, t in pages.items() if "Faisal Shahkar" in t)
        assert under_name(pdf.pages[s1]).startswith(
            "Professor, University of Tokyo, Member of the Independent Study Team")
        assert under_name(pdf.pages[s6]).startswith(
            "Member of Independent Study Team on Future of Peacekeeping")


def test_a_long_room_name_wraps_on_the_sign(tmp_path: Path) -> None:
    """rC3's 'backspace / franconian.net - Bamberg' must print, wrapped, in full."""
    import pdfplumber
    from tests.test_errors import GOOD

    from podium.load import load as load_agenda
    from podium.pipeline import build as run_build

    text = GOOD.replace("people:\n", "rooms:\n  - id: bamberg\n    name: backspace / "
                        "franconian.net - Bamberg\n  - id: hall\n    name: Hall\npeople:\n", 1)
    text = text.replace("        chair: ann", "        room: bamberg\n        chair: ann")
    (tmp_path / "agenda.yaml").write_text(text, encoding="utf-8")
    run_build(load_agenda(tmp_path / "agenda.yaml"), tmp_path / "out", ["signs"])
    with pdfplumber.open(tmp_path / "out" / "door-signs.pdf") as pdf:
        words = " ".join(" ".join((p.extract_text() or "").split()) for p in pdf.pages)
    for word in ("backspace", "franconian.net", "Bamberg"):
        assert word in words


def test_counted_entry_heights_equal_laid_out_heights(seed: Programme) -> None:
    """The people grid is chosen from heights counted from advances (remote marks included);
    they must be the heights of the entries as drawn, for every person, column and size."""
    from podium.fonts import bundled
    from podium.present import chairs, speakers
    from podium.renderers.signs import make_kit
    from podium.renderers.signs.people import STEPS, _entry, _height, organisation

    kit = make_kit(seed, bundled())
    checked = remote = 0
    for _, item in seed.agenda.items():
        for app in chairs(seed.agenda, item) + speakers(seed.agenda, item):
            for width in (180.0, 240.0, 370.0, 760.0):
                for name_size, org_size in STEPS:
                    counted = _height(kit, app, width, name_size, org_size, organisation(app))
                    try:
                        drawn = _entry(kit, app, width, name_size, org_size).height
                    except FitError:
                        drawn = float("inf")
                    assert counted == pytest.approx(drawn, abs=1e-6), (app.name, width, name_size)
                    checked += 1
                    remote += app.remote
    assert checked > 1000 and remote > 50


def test_a_day_that_just_overflows_is_set_tighter_not_spilled(tmp_path: Path) -> None:
    """Seven events with long titles beside the QR code (whose URL, the room's day page,
    prints on two lines under it, below the code's quiet zone) are held on one page,
    titles at 16 pt or more. Nine overflow by three and go on to a
    second page, as before."""
    programme = _agenda_with(tmp_path, generated(rooms=3, days=1, busiest=7, per_room=9,
                                                 seed=0))
    pdf = _build(programme, tmp_path / "out")
    times = re.compile(r"\d\d:\d\d–\d\d:\d\d")
    with pdfplumber.open(pdf) as doc:
        counts = [len(times.findall(p.extract_text() or "")) for p in doc.pages]
        first = doc.pages[0]
        sizes = [w["size"] for w in first.extract_words(extra_attrs=["size", "fontname"])
                 if "Bold" in w["fontname"] and 15 < w["size"] < 30]
    assert counts == [7, 6, 3, 6, 3]
    assert min(sizes) >= 16 - 0.01


def test_sign_parts_are_text_boxes(seed: Programme) -> None:
    """Entries, rows and people grids are podium.text Boxes like the layouts they hold:
    measured when made, no wider than the column they were made for."""
    from podium.fonts import bundled
    from podium.present import chairs, speakers
    from podium.renderers.signs import make_kit
    from podium.renderers.signs.people import _entry, people_grids
    from podium.renderers.signs.roomday import Lister
    from podium.text import Box

    kit = make_kit(seed, bundled())
    inner = kit.page.inner
    parts: list[tuple[Box, float]] = []
    for _, item in seed.agenda.items():
        ch, sp = chairs(seed.agenda, item), speakers(seed.agenda, item)
        parts += [(_entry(kit, app, 240.0, 16.0, 11.0), 240.0) for app in ch + sp]
        if ch or sp:
            parts.append((next(people_grids(kit, ch, sp, inner)), inner))
    for sign in room_day_signs(seed.agenda):
        lister = Lister(kit, sign)
        parts += [(lister.row(k, inner), inner) for k in range(len(sign.items))]
    kinds = {type(part).__name__ for part, _ in parts}
    assert kinds == {"Entry", "Grid", "Row"}
    for part, width in parts:
        assert isinstance(part, Box)
        assert 0 < part.width <= width + 1e-6 and part.height > 0
