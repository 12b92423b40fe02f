"""Every QR code in every output opens an existing page and anchor of the online agenda.

Builds all registered renderers, rasterises every PDF at 150 dpi, decodes every QR code with
zxing-cpp, and maps each URL under event.url to site/ (tests.links)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import zxingcpp
from PIL import Image
from reportlab.pdfgen import canvas
from tests.links import locate, resolve
from tests.pdfs import qr_codes

from podium import qr
from podium.load import Programme
from podium.pipeline import build
from podium.renderers import RENDERERS


@dataclass(frozen=True)
class Code:
    pdf: str
    page: int
    text: str


@pytest.fixture(scope="module")
def everything(seed: Programme, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("all")
    build(seed, out)  # every registered renderer, as `podium build` does
    return out


def decode_pdf(path: Path, out_dir: Path) -> list[Code]:
    return [Code(str(path.relative_to(out_dir)), number, text)
            for number, page in enumerate(qr_codes(path), start=1) for text in page]


def test_site_is_among_the_outputs(everything: Path) -> None:
    assert "site" in RENDERERS
    assert (everything / "site/index.html").is_file()


def test_every_qr_code_in_every_pdf_opens_the_site(seed: Programme, everything: Path) -> None:
    base = seed.agenda.event.url
    origin = urlsplit(base).netloc
    # The outputs (links into .podium/, which holds the same files again): not rglob.
    pdfs = sorted(everything.glob("*.pdf"))
    codes = [c for pdf in pdfs for c in decode_pdf(pdf, everything)]
    site = everything / "site"
    broken = [c for c in codes if c.text.startswith(base) and not resolve(c.text, base, site)]
    assert not broken, f"QR codes that open nothing: {broken}"
    # Other contents (badge check-in codes) are fine, but not a near miss of the agenda's URL.
    strays = [c for c in codes if not c.text.startswith(base) and urlsplit(c.text).netloc == origin]
    assert not strays, f"QR codes on the agenda's host but outside event.url: {strays}"
    print(f"{len(pdfs)} PDFs, {len(codes)} QR codes, "
          f"{sum(c.text.startswith(base) for c in codes)} under {base}")


def test_every_item_and_person_url_resolves_in_the_site(seed: Programme, everything: Path) -> None:
    agenda = seed.agenda
    base, site = agenda.event.url, everything / "site"
    urls = {base: site / "index.html"}
    urls |= {agenda.url_for_item(it): site / "sessions" / f"{it.anchor}.html"
             for _d, it in agenda.items()}
    people = {p for _d, it in agenda.items() for p in [*it.chair, *(s.person for s in it.speakers)]}
    urls |= {agenda.url_for_person(agenda.person(p)): site / "people" / f"{p}.html"
             for p in sorted(people)}
    urls |= {agenda.url_for_room_day(None, d.date): site / "days" / f"{d.date}.html"
             for d in agenda.days}
    for url, page in urls.items():
        assert resolve(url, base, site), url
        target = locate(url, base, site)
        assert target is not None and target.file == page and not target.anchor


def test_a_printed_code_round_trips_to_its_anchor(seed: Programme, everything: Path) -> None:
    # The path every printed code takes: encode the URL, draw it, decode it, open it.
    agenda = seed.agenda
    item = next(it for _d, it in agenda.items() if it.anchor == "session-3")
    matrix = qr.encode(agenda.url_for_item(item))
    side = (matrix.size + 2 * qr.QUIET) * 4
    image = Image.new("L", (side, side), 255)
    for row, col, n in matrix.runs():
        x, y = (col + qr.QUIET) * 4, (row + qr.QUIET) * 4
        image.paste(0, (x, y, x + n * 4, y + 4))
    [found] = zxingcpp.read_barcodes(image)
    assert found.text == "https://agenda.example.org/montevideo-2024/sessions/session-3.html"
    assert resolve(found.text, agenda.event.url, everything / "site")


def test_resolve_refuses_what_does_not_exist(seed: Programme, everything: Path) -> None:
    base, site = seed.agenda.event.url, everything / "site"
    assert not resolve(base + "sessions/no-such-session.html", base, site)
    assert not resolve(base + "#no-such-anchor", base, site)
    assert not resolve(base + "missing.html", base, site)
    assert not resolve("https://elsewhere.example/montevideo-2024/sessions/session-1.html", base, site)
    assert not resolve("https://agenda.example.org/other/sessions/session-1.html", base, site)
    assert not resolve(base + "../secret#x", base, site)
    assert resolve(base + "sessions/session-1.html#session-1", base, site)
    assert resolve(base + "index.html#_days", base, site)
    assert resolve(base.rstrip("/"), base, site)


def test_the_pdf_check_finds_a_broken_code(seed: Programme, everything: Path,
                                           tmp_path: Path) -> None:
    # The harness itself must see codes in a PDF and catch one that opens nothing.
    base = seed.agenda.event.url
    pdf = tmp_path / "probe.pdf"
    c = canvas.Canvas(str(pdf), pagesize=(300, 300))
    missing, present = base + "sessions/session-99.html", base + "people/lacroix.html"
    qr.draw(c, qr.encode(missing), 20, 20, 120)
    qr.draw(c, qr.encode(present), 160, 160, 120)
    c.save()
    codes = decode_pdf(pdf, tmp_path)
    assert sorted(code.text for code in codes) == sorted([missing, present])
    verdicts = {code.text: resolve(code.text, base, everything / "site") for code in codes}
    assert verdicts == {present: True, missing: False}
