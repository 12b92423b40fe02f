"""QR codes as printed: modules of at least 0.5 mm and a quiet zone of four modules clear of
any other ink, measured from the drawn paths of every output, stock and paper."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.inks import pages, qr_problems

from podium.load import load
from podium.pipeline import build
from podium.renderers.badges.stocks import STOCKS

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "agenda.yaml"
MM = 72 / 25.4


def _agenda(tmp_path: Path, settings: str) -> Path:
    text = SEED.read_text(encoding="utf-8").replace("\npeople:", f"\nprint:\n{settings}\npeople:", 1)
    path = tmp_path / "agenda.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _check(pdf: Path, expected: int) -> None:
    count, problems = qr_problems(pdf)
    assert count == expected, pdf.name
    assert problems == [], pdf.name


@pytest.mark.parametrize("stock", sorted(STOCKS))
def test_badge_codes(tmp_path: Path, stock: str) -> None:
    # Person codes (for people in the programme; the others get the agenda's) are longer
    # URLs, so larger codes, with more modules, on the same badge.
    path = _agenda(tmp_path, f"  badge_stock: {stock}\n  badge_qr_default: person")
    build(load(path), tmp_path / "out", ["badges"])
    _check(tmp_path / "out" / "badges.pdf", 33)


@pytest.mark.parametrize("mode", ["session", "room-day"])
@pytest.mark.parametrize("paper", ["A4", "A3", "Letter"])
def test_sign_codes(tmp_path: Path, paper: str, mode: str) -> None:
    path = _agenda(tmp_path, f"  sign_paper: {paper}\n  sign_mode: {mode}")
    build(load(path), tmp_path / "out", ["signs"])
    pdf = tmp_path / "out" / "door-signs.pdf"
    _check(pdf, 8 if mode == "session" else 2)
    for page in pages(pdf):
        for code in page.codes:     # 40 mm codes on every paper, Letter too
            assert code.dark[2] - code.dark[0] >= 40 * MM - 0.01


@pytest.mark.parametrize(("paper", "detail", "codes"), [("A5", "full", 7),
                                                        ("Letter", "compact", 3)])
def test_booklet_codes(tmp_path: Path, paper: str, detail: str, codes: int) -> None:
    path = _agenda(tmp_path, f"  paper: {paper}\n  booklet_detail: {detail}")
    build(load(path), tmp_path / "out", ["booklet"])
    # The imposed sheets place the same pages two-up: checked once, on the smaller booklet.
    _check(tmp_path / "out" / ("programme.pdf" if detail == "full" else "programme-imposed.pdf"),
           codes)
