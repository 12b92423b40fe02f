"""Badges and door signs as a prepress check reads them: ink inside the sheet's safe area,
one size per field across the build (only what cannot fit is smaller, and reported), a
fixed name baseline, names never broken, and what comes after a day's last session."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pdfplumber
import pytest
import yaml
from click.testing import CliRunner
from tests.inks import pages

from podium.cli import main
from podium.load import Programme, load
from podium.output import Written
from podium.pipeline import build
from podium.present import chairs, speakers
from podium.renderers.badges.holders import holders
from podium.renderers.badges.stocks import STOCKS, stock_named

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "agenda.yaml"
FOSDEM = ROOT.parent / "shared" / "corpus" / "fosdem-2025.schedule.xml"
MM = 72 / 25.4


def _agenda(tmp_path: Path, settings: str, language: str = "en") -> Path:
    text = SEED.read_text(encoding="utf-8").replace("\npeople:", f"\nprint:\n{settings}\npeople:", 1)
    text = text.replace("  language: en ", f"  language: {language} ", 1)
    path = tmp_path / "agenda.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _report(written: list[Written]) -> str:
    return "\n".join(w.report or "" for w in written)


def _listed(report: str, field: str) -> list[str]:
    """The names on the report's line for a field set smaller than the scale."""
    line = next((ln for ln in report.splitlines()
                 if ln.strip().startswith(f"{field} smaller than the scale")), "")
    _, _, listed = line.partition(" to fit: ")
    if not listed:
        return []
    # The renderer lists every name; `podium build` shows the first few (report.py).
    names = [re.sub(r" [\d.]+ pt$", "", n) for n in listed.split("; ")]
    return names


# -- badges ---------------------------------------------------------------------------

Chars = list[dict[str, object]]
Built = tuple[str, Path, str, Programme, list[Chars]]
"""Stock, PDF, report, programme, and each page's characters (read once: pdfplumber is
slow)."""


@pytest.fixture(scope="module", params=sorted(STOCKS))
def badges(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Built:
    tmp = tmp_path_factory.mktemp("badges")
    path = _agenda(tmp, f"  badge_stock: {request.param}\n  badge_double_sided: true\n"
                        f"  badge_cut_marks: true")
    programme = load(path)
    written = build(programme, tmp / "out", ["badges"])
    pdf = tmp / "out" / "badges.pdf"
    with pdfplumber.open(pdf) as doc:
        chars = [[c for c in page.chars if c["text"].strip()] for page in doc.pages]
    return request.param, pdf, _report(written), programme, chars


def test_all_ink_inside_the_safe_area(badges: Built) -> None:
    name, pdf, _, _, chars = badges
    stock = stock_named(name)
    if stock.edge_to_edge:
        assert "print to the edge" in stock.description
        return
    for number, (page, text) in enumerate(zip(pages(pdf, text=False), chars, strict=True),
                                          start=1):
        w, h = page.size
        marks = page.other + [c.dark for c in page.codes] + [
            (float(c["x0"]), h - float(c["bottom"]), float(c["x1"]), h - float(c["top"]))  # type: ignore[arg-type]
            for c in text]
        assert marks
        for x0, y0, x1, y1 in marks:
            near = min(x0, y0, w - x1, h - y1)
            assert near >= 5 * MM - 0.01, (number, near / MM)


def _badge_chars(built: Built, back: bool) -> list[Chars]:
    """The characters of every badge, front or back, in print order (a badge is where
    the characters' baselines are)."""
    name, _, _, _, chars = built
    stock = stock_named(name)
    found = []
    for page in chars[1 if back else 0::2]:
        for slot in range(stock.per_page):
            x, y, w, h = stock.cell(slot, mirrored=back)
            inside = [c for c in page if x <= float(c["x0"]) < x + w                # type: ignore[arg-type]
                      and y <= c["matrix"][5] < y + h]                              # type: ignore[index]
            if inside:
                found.append(inside)
    return found


def _line_of(chars: list[dict[str, object]], text: str) -> list[dict[str, object]]:
    """The characters of the first printed line that starts `text`."""
    shown = [c for c in chars if str(c["text"]).strip()]
    flat = "".join(str(c["text"]) for c in shown)
    at = flat.find("".join(text.split())[:6])
    assert at >= 0, text
    return shown[at:at + 3]


def test_one_size_per_field(badges: Built) -> None:
    _, _, report, programme, _ = badges
    chosen = holders(programme, programme.agenda.print_)
    fronts = _badge_chars(badges, back=False)
    assert len(fronts) == len(chosen) == 33
    sizes: dict[str, dict[str, float]] = {"name": {}, "role": {}}
    for holder, chars in zip(chosen, fronts, strict=True):
        sizes["name"][holder.name] = round(float(_line_of(chars, holder.name)[0]["size"]), 2)  # type: ignore[arg-type]
        if holder.role:
            sizes["role"][holder.name] = round(float(_line_of(chars, holder.role)[0]["size"]), 2)  # type: ignore[arg-type]
    for field, by_name in sizes.items():
        scale = Counter(by_name.values()).most_common(1)[0][0]
        smaller = sorted(n for n, s in by_name.items() if s != scale)
        # Only smaller, never larger, and each one named in the report.
        assert all(by_name[n] < scale for n in smaller), field
        assert smaller == sorted(_listed(report, field)), (field, smaller)
        assert f"{field} {scale:g} pt" in report


def test_name_baseline_is_the_same_on_every_badge(badges: Built) -> None:
    name, _, _, programme, _ = badges
    stock = stock_named(name)
    chosen = holders(programme, programme.agenda.print_)
    offsets = []
    for k, (holder, chars) in enumerate(zip(chosen, _badge_chars(badges, False), strict=True)):
        _, y, _, _ = stock.cell(k)
        first = _line_of([c for c in chars if "Bold" in str(c["fontname"])], holder.name)
        offsets.append(first[0]["matrix"][5] - y)                                   # type: ignore[index]
    # Names shrunk to fit sit on the same baseline as the others.
    assert max(offsets) - min(offsets) < 0.02, offsets


def test_backs_repeat_rank_and_name_at_the_front_size(badges: Built) -> None:
    programme = badges[3]
    chosen = holders(programme, programme.agenda.print_)
    fronts, backs = _badge_chars(badges, False), _badge_chars(badges, True)
    assert len(backs) == len(fronts)
    for holder, front, back in zip(chosen, fronts, backs, strict=True):
        for text in filter(None, (holder.title, holder.name)):
            f, b = _line_of(front, text), _line_of(back, text)
            assert f[0]["size"] == pytest.approx(b[0]["size"]), (holder.name, text)


def test_report_names_every_badge_set_smaller(tmp_path: Path) -> None:
    """Twelve attendees with very long organisations: the renderer's report names all twelve
    (the command line shows the first few and writes the whole list to report.txt)."""
    rows = "\n".join(f"Person {k},,,{'Organisation of Very Long Names ' * 3}{k},,Delegate"
                     for k in range(12))
    (tmp_path / "attendees.csv").write_text(
        f"name,title,role,organisation,country,category\n{rows}\n", encoding="utf-8")
    path = _agenda(tmp_path, "  badge_stock: a6-4up-a4")
    path.write_text(path.read_text(encoding="utf-8").replace(
        "\nprint:", "\nattendees: attendees.csv\nprint:", 1), encoding="utf-8")
    report = _report(build(load(path), tmp_path / "out", ["badges"]))
    listed = _listed(report, "organisation")
    assert {f"Person {k}" for k in range(12)} <= set(listed), listed


# -- door signs -----------------------------------------------------------------------

TIME = re.compile(r"\d\d:\d\d–\d\d:\d\d")


def _sign_sizes(page: pdfplumber.page.Page, title: str) -> dict[str, float]:
    """Sizes of the big time, the title, and the people's names and organisations."""
    words = page.extract_words(extra_attrs=["size", "fontname"])
    time = max(w["size"] for w in words if TIME.fullmatch(w["text"]))
    first = title.split()[0]
    title_size = max(w["size"] for w in words if w["text"] == first and "Bold" in w["fontname"])
    heads = [w for w in words if w["text"] in ("CHAIR", "SPEAKERS", "PANELISTS")]
    out = {"time": time, "title": title_size}
    if heads:
        top = max(w["bottom"] for w in heads)
        bottom = min(w["top"] for w in words if w["text"] in ("NEXT", "END"))
        people = [w for w in words if top < w["top"] and w["bottom"] < bottom
                  and w["text"] not in ("VIA", "VTC")]
        for field, bold in (("names", True), ("orgs", False)):
            found = Counter(w["size"] for w in people if ("Bold" in w["fontname"]) == bold)
            if found:
                out[field] = found.most_common(1)[0][0]
    return out


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_sign_sizes_are_one_scale(tmp_path: Path, paper: str) -> None:
    path = _agenda(tmp_path, f"  sign_paper: {paper}")
    programme = load(path)
    report = _report(build(programme, tmp_path / "out", ["signs"]))
    items = [it for _, it in programme.agenda.items() if not it.is_break]
    with pdfplumber.open(tmp_path / "out" / "door-signs.pdf") as pdf:
        sizes = [_sign_sizes(p, it.title) for p, it in zip(pdf.pages, items, strict=True)]
    smaller = {f: _listed(report, f) for f in ("time", "title", "names")}
    for field in ("time", "title", "names"):
        kept = {round(s[field], 2) for s, it in zip(sizes, items, strict=True)
                if field in s and it.anchor not in smaller[field]}
        assert len(kept) == 1, (field, kept)
    # Organisations: one size on every sign; a long one alone is smaller (and reported).
    assert len({round(s["orgs"], 2) for s in sizes if "orgs" in s}) == 1
    assert report.startswith("door signs: type scale time")


def test_names_are_never_broken_and_role_and_organisation_both_show(tmp_path: Path) -> None:
    programme = load(SEED)
    build(programme, tmp_path, ["signs"])
    agenda = programme.agenda
    items = [it for _, it in agenda.items() if not it.is_break]
    with pdfplumber.open(tmp_path / "door-signs.pdf") as pdf:
        for page, item in zip(pdf.pages, items, strict=True):
            lines = (page.extract_text() or "").splitlines()
            for app in chairs(agenda, item) + speakers(agenda, item):
                assert any(app.person.name in line for line in lines), app.person.name
            if item.anchor == "session-1":
                # Lacroix, the chair, has both a role and an organisation: both are printed
                # in the chair's column.
                text = " ".join(w["text"] for w in page.extract_words()
                                if w["x0"] < page.width * 0.3)
                assert "Under-Secretary-General, UN Department of Peace Operations" in text


def test_room_lists_break_between_people(tmp_path: Path) -> None:
    """The seed as room-day lists: a session's five panelists take two lines, broken
    between two people."""
    programme = load(_agenda(tmp_path, "  sign_mode: room-day"))
    build(programme, tmp_path / "out", ["signs"])
    with pdfplumber.open(tmp_path / "out" / "door-signs.pdf") as pdf:
        lines = [" ".join(line.split()) for page in pdf.pages
                 for line in (page.extract_text() or "").splitlines()]
    agenda = programme.agenda
    names = {a.name for _, it in agenda.items() for a in speakers(agenda, it)}
    assert not sorted(n for n in names if not any(n in line for line in lines))
    # Some list of speakers did take more than one line.
    assert any(line.rstrip().endswith(",") for line in lines)


def test_a_name_too_wide_for_a_line_is_an_error(tmp_path: Path) -> None:
    long = "Wolfeschlegelsteinhausenbergerdorffvoralternwarengewissenhaftschaferswessen"
    path = _agenda(tmp_path, "  sign_paper: A4")
    path.write_text(path.read_text(encoding="utf-8").replace(
        "name: Jean-Pierre Lacroix", f"name: Jean-Pierre {long}", 1), encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(path), "--only", "signs",
                                       "-o", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert "never broken" in result.output and long in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize(("language", "next_day", "end"), [
    ("en", "NEXT Wed 11 Dec, 08:30–10:30 Session 5: Protection", "END OF THE PROGRAMME"),
    ("es", "A CONTINUACIÓN mié 11 dic, 08:30–10:30 Sesión 5: Protection", "FIN DEL PROGRAMA"),
    ("fr", "ENSUITE mer. 11 déc., 08:30–10:30 Session 5 : Protection", "FIN DU PROGRAMME"),
])
def test_the_last_sign_of_a_day_says_what_comes_next(tmp_path: Path, language: str,
                                                     next_day: str, end: str) -> None:
    build(load(_agenda(tmp_path, "  sign_paper: A4", language)), tmp_path / "out", ["signs"])
    with pdfplumber.open(tmp_path / "out" / "door-signs.pdf") as pdf:
        texts = [" ".join((p.extract_text() or "").split()) for p in pdf.pages]
    last_of_day_one = texts[4]          # session 4, 16:00
    assert next_day.replace(" : ", ": ") in last_of_day_one.replace(" : ", ": ")
    assert end in texts[-1]


def test_fosdem_signs_build_with_one_scale(tmp_path: Path) -> None:
    """An imported FOSDEM schedule: a room-day list for every room and day, and, for one
    day of one room as session signs, the scale and the report."""
    result = CliRunner().invoke(main, ["import", str(FOSDEM), "-o", str(tmp_path / "agenda.yaml"),
                                       "--url", "https://agenda.example.org/fosdem/"])
    assert result.exit_code == 0, result.output
    programme = load(tmp_path / "agenda.yaml")
    written = build(programme, tmp_path / "out", ["signs"])
    assert written[0].pages >= 80
    # In the room lists, lines break between people, never inside a name.
    cap = float(re.findall(r"room lists' titles ([\d.]+) pt", _report(written))[0])
    with pdfplumber.open(tmp_path / "out" / "door-signs.pdf") as pdf:
        lines = "\n".join(" ".join(line.split()) for page in pdf.pages
                          for line in (page.extract_text() or "").splitlines())
        # One title size in every room's list (16 pt where a list is set tighter so as not
        # to leave an event or two alone on a page); the bold times are 17 pt.
        titles = {round(w["size"], 2) for page in pdf.pages[:40]
                  for w in page.extract_words(extra_attrs=["size", "fontname"])
                  if "Bold" in w["fontname"] and 15.5 < w["size"] < 18.5
                  and not re.fullmatch(r"[\d:–()]+", w["text"])}
    assert cap in titles and titles <= {cap, 16.0}
    names = {a.name for _, it in programme.agenda.items() for a in speakers(programme.agenda, it)}
    assert len(names) > 900
    broken = sorted(n for n in names if " ".join(n.split()) not in lines)
    assert not broken, broken[:10]
    # One room's talks as session signs, with the build's scale in the report.
    data = yaml.safe_load((tmp_path / "agenda.yaml").read_text(encoding="utf-8"))
    room = data["rooms"][0]["id"]
    for day in data["days"]:
        day["items"] = [it for it in day["items"] if it.get("room") == room]
    data["days"] = [d for d in data["days"] if d["items"]]
    data["print"] = {"sign_mode": "session"}
    (tmp_path / "one.yaml").write_text(yaml.safe_dump(data, allow_unicode=True),
                                       encoding="utf-8")
    one = load(tmp_path / "one.yaml")
    report = _report(build(one, tmp_path / "one", ["signs"]))
    assert report.startswith("door signs: type scale time")
    items = [it for _, it in one.agenda.items()]
    with pdfplumber.open(tmp_path / "one" / "door-signs.pdf") as pdf:
        assert len(pdf.pages) == len(items)
        times = {round(_sign_sizes(p, it.title)["time"], 2) for p, it in
                 zip(pdf.pages, items, strict=True) if it.anchor not in _listed(report, "time")}
    assert len(times) == 1
