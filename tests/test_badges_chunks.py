"""Badges drawn in chunks by worker processes: the same badges, the same bytes for any
number of workers, fonts embedded with distinct subset tags, errors reported."""

from __future__ import annotations

import dataclasses
import subprocess
from pathlib import Path

import pikepdf
import pytest
from pypdf import PdfReader
from tests.pdfs import qr_codes

from podium.fonts import bundled
from podium.load import Programme
from podium.pdf import PdfFonts
from podium.problems import AgendaError
from podium.renderers.badges import chunks, qr_content, write_badges
from podium.renderers.badges.chunks import draw_chunked
from podium.renderers.badges.holders import Holder, holders
from podium.renderers.badges.sheets import Job, make_artist
from podium.renderers.badges.stocks import stock_named
from podium.text import Shaper

TOO_LONG = "Wolfeschlegelsteinhausenbergerdorff" + "welchevoralternwarengewissenhaft" * 8


def _inputs(seed: Programme) -> tuple[Job, list[Holder], list[str | None]]:
    settings = seed.agenda.print_
    chosen = holders(seed, settings)
    codes = [qr_content(seed, settings, h) for h in chosen]
    return Job(seed.agenda, stock_named(settings.badge_stock), None, 0), chosen, codes


@pytest.fixture(scope="module")
def chunked(seed: Programme, tmp_path_factory: pytest.TempPathFactory) -> dict[int, Path]:
    """The seed's 33 badges in chunks of 2 sheets (5 chunks), drawn by 1 and by 2 workers."""
    job, chosen, codes = _inputs(seed)
    out = tmp_path_factory.mktemp("chunks")
    paths = {}
    for workers in (1, 2):
        paths[workers] = out / f"badges-{workers}.pdf"
        pages, notes, _ = draw_chunked(job, paths[workers], chosen, codes,
                                       Shaper(bundled()), sheets=2, workers=workers)
        assert pages == 9 and len(notes) == 33
    return paths


def _text(pdf: Path) -> list[str]:
    return [" ".join((p.extract_text() or "").split()) for p in PdfReader(pdf).pages]


def test_bytes_do_not_depend_on_the_number_of_workers(chunked: dict[int, Path]) -> None:
    assert chunked[1].read_bytes() == chunked[2].read_bytes()


def test_workers_that_measure_their_own_badges_find_the_one_pass_scale(
        seed: Programme, tmp_path: Path) -> None:
    job, chosen, codes = _inputs(seed)
    whole = make_artist(job, Shaper(bundled()), PdfFonts()).plan(chosen, codes)
    # The seed's longest texts set the scale below the design sizes (so the parts matter).
    fields = make_artist(job, Shaper(bundled()), PdfFonts()).fields()
    designed = {f.name: f.most for f in fields}
    assert any(size < designed[name] - 0.25 for name, size in whole.scale.sizes)
    for workers in (1, 2, 3):
        # Chunks of one sheet: each worker measures a different share of the names.
        _, _, plan = draw_chunked(job, tmp_path / f"b{workers}.pdf", chosen, codes,
                                  Shaper(bundled()), sheets=1, workers=workers)
        assert plan == whole, workers


def test_chunked_pages_carry_the_same_text_as_one_canvas(chunked: dict[int, Path],
                                                         seed: Programme,
                                                         tmp_path: Path) -> None:
    job, chosen, codes = _inputs(seed)
    single = tmp_path / "single.pdf"
    write_badges(single, seed, chosen, codes, job.stock, Shaper(bundled()), 0)
    assert _text(chunked[2]) == _text(single)
    reader = PdfReader(chunked[2])
    assert len(reader.pages) == 9
    assert reader.metadata is not None and reader.metadata.title.endswith(": badges")
    with pikepdf.open(chunked[2]) as pdf:
        assert pdf.check_pdf_syntax() == []
        assert len(pdf.pages) == 9


def test_chunked_qr_codes_decode_and_fonts_are_embedded(chunked: dict[int, Path],
                                                        seed: Programme) -> None:
    found = [text for page in qr_codes(chunked[2]) for text in page]
    assert found == [seed.agenda.event.url] * 33
    out = subprocess.run(["pdffonts", str(chunked[2])], capture_output=True, text=True,
                         check=True).stdout
    rows = out.splitlines()[2:]
    assert rows and all(" yes " in row for row in rows), out
    assert "Helvetica" not in out
    names = [row.split()[0] for row in rows]
    assert len(names) > 3                       # each chunk has its own subsets...
    assert len(set(names)) == len(names), out   # ...and no two share a subset tag


def test_a_badge_that_cannot_be_drawn_in_a_worker_is_a_clear_error(seed: Programme,
                                                                    tmp_path: Path) -> None:
    job, chosen, codes = _inputs(seed)
    bad = dataclasses.replace(chosen[20], name=TOO_LONG)
    chosen = [*chosen[:20], bad, *chosen[21:]]
    with pytest.raises(AgendaError) as caught:
        draw_chunked(job, tmp_path / "badges.pdf", chosen, codes, Shaper(bundled()),
                     sheets=2, workers=2)
    assert len(caught.value.problems) == 1
    assert "does not fit" in str(caught.value) and TOO_LONG[:30] in str(caught.value)
    assert not (tmp_path / "badges.pdf").exists()


def test_an_unexpected_failure_in_a_worker_is_reported_not_hung(seed: Programme,
                                                               tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch
                                                               ) -> None:
    job, chosen, codes = _inputs(seed)

    def broken(*args: object) -> None:
        raise ValueError("boom in a worker")

    monkeypatch.setattr(chunks, "draw_sheets", broken)
    with pytest.raises(RuntimeError, match="boom in a worker"):
        draw_chunked(job, tmp_path / "badges.pdf", chosen, codes, Shaper(bundled()),
                     sheets=2, workers=2)
    assert not (tmp_path / "badges.pdf").exists()


def test_join_keeps_objects_that_hold_strings(tmp_path: Path) -> None:
    """Objects with strings (here a link's URI, which could contain 'N 0 R') are copied
    member by member, not renumbered by pattern; pages, fonts and links stay whole."""
    from reportlab.pdfgen.canvas import Canvas

    from podium.pdf import Join

    parts = []
    for k in range(2):
        part = tmp_path / f"part-{k}.pdf"
        c = Canvas(str(part), invariant=1)
        c.drawString(72, 720, f"part {k}")
        c.linkURL(f"https://example.org/3 0 R/{k}", (72, 700, 200, 720))
        c.showPage()
        c.save()
        parts.append(part)
    out = tmp_path / "joined.pdf"
    with out.open("wb") as stream:
        joined = Join(stream)
        for part in parts:
            joined.add(part)
        joined.finish()
    with pikepdf.open(out) as pdf:
        assert pdf.check_pdf_syntax() == []
        uris = [str(a.A.URI) for page in pdf.pages for a in page.Annots]
    assert uris == ["https://example.org/3 0 R/0", "https://example.org/3 0 R/1"]
    assert [" ".join((p.extract_text() or "").split()) for p in PdfReader(out).pages] == [
        "part 0", "part 1"]
