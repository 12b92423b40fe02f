"""Print options checked when the agenda loads: each wrong value at its line, one message
each, with did-you-mean; the logo read and checked once; `podium stocks`; the README table."""

from __future__ import annotations

import struct
import subprocess
import sys
import zlib
from pathlib import Path

import pytest
from click.testing import CliRunner
from PIL import Image
from tests.conftest import ROOT, SEED

from podium.cli import main
from podium.load import load
from podium.press import SHEETS
from podium.problems import AgendaError
from podium.renderers.badges.stocks import STOCKS

PT_PER_MM = 72 / 25.4


def _agenda(folder: Path, print_yaml: str) -> Path:
    """The seed with a `print:` section whose keys start on the seed's last line + 2."""
    path = folder / "agenda.yaml"
    path.write_text(SEED.read_text(encoding="utf-8").rstrip("\n") + "\nprint:\n" + print_yaml,
                    encoding="utf-8")
    return path


def _errors(path: Path) -> list[str]:
    with pytest.raises(AgendaError) as caught:
        load(path)
    return [str(p).split(": ", 1)[1] for p in caught.value.problems if p.is_error]


def _first_print_line() -> int:
    return len(SEED.read_text(encoding="utf-8").rstrip("\n").splitlines()) + 2


def test_each_wrong_print_value_is_one_positioned_error_with_a_suggestion(tmp_path: Path) -> None:
    path = _agenda(tmp_path, "  badge_stock: a6-4up-a5\n  badge_qr_default: persn\n"
                             "  badge_qr: {Speaker: 'column:', Chair: agend}\n"
                             "  booklet_sheet: sra4\n  logo: nope.png\n")
    with pytest.raises(AgendaError) as caught:
        load(path)
    line = _first_print_line()
    got = [str(p) for p in caught.value.problems if p.is_error]
    assert len(got) == 6
    where = [g.split(": ", 1)[0].rsplit("/", 1)[-1] for g in got]
    assert [w.split(":")[1] for w in where] == [str(line), str(line + 1), str(line + 2),
                                                str(line + 2), str(line + 3), str(line + 4)]
    text = "\n".join(got)
    assert all(g.split(":", 1)[0].endswith("agenda.yaml") for g in got)
    assert "print.badge_stock: unknown badge stock 'a6-4up-a5'; did you mean 'a6-4up-a4'?" in text
    assert "print.badge_qr_default: 'persn' is not a QR content; did you mean 'person'?" in text
    assert "print.badge_qr.Chair: 'agend' is not a QR content; did you mean 'agenda'?" in text
    assert "print.badge_qr.Speaker: 'column:' names no column" in text
    assert "print.booklet_sheet: unknown sheet 'sra4'; did you mean 'SRA4'?" in text
    assert "print.logo: logo file 'nope.png' not found" in text


def test_check_command_reports_them_and_exits_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    _agenda(tmp_path, "  badge_stock: a6-4up-a5\n")
    result = CliRunner().invoke(main, ["check"])
    assert result.exit_code == 2
    assert result.output.splitlines()[-2].startswith(
        f"agenda.yaml:{_first_print_line()}:16: print.badge_stock: unknown badge stock")
    assert "Traceback" not in result.output


@pytest.mark.parametrize("paper, sheet, bleed, marks, fits", [
    ("A5", "SRA4", 5, False, "A3"), ("A5", "SRA4", 5, True, "A3"), ("A5", "A4", 0, True, "SRA4"),
    ("A5", "A4", 3, False, "SRA4"), ("A4", "A3", 0, True, "SRA3"), ("Letter", "tabloid", 0, True, "12x18in"),
])
def test_a_sheet_too_small_names_one_that_fits(tmp_path: Path, paper: str, sheet: str,
                                                bleed: float, marks: bool, fits: str | None) -> None:
    path = _agenda(tmp_path, f"  paper: {paper}\n  booklet_sheet: {sheet}\n"
                             f"  booklet_bleed_mm: {bleed}\n  booklet_crop_marks: {str(marks).lower()}\n")
    errors = _errors(path)
    assert len(errors) == 1
    assert errors[0].startswith(f"print.booklet_sheet: two {paper} pages")
    assert f"do not fit on {sheet}" in errors[0] and f"; {fits} (" in errors[0]
    # ... and the sheet it names does fit.
    path.write_text(path.read_text(encoding="utf-8").replace(f"booklet_sheet: {sheet}",
                                                             f"booklet_sheet: {fits}"))
    assert load(path).agenda.print_.booklet_sheet == fits


# -- the logo -----------------------------------------------------------------------------

def _png_header(width: int, height: int) -> bytes:
    """A PNG that claims `width` x `height` pixels and holds a few bytes of data."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\0" * 64))
            + chunk(b"IEND", b""))


def _logo_error(tmp_path: Path, name: str, data: bytes) -> list[str]:
    (tmp_path / name).write_bytes(data)
    return _errors(_agenda(tmp_path, f"  logo: {name}\n"))


def test_a_huge_png_is_refused_from_its_header_before_decoding(tmp_path: Path) -> None:
    errors = _logo_error(tmp_path, "huge.png", _png_header(20000, 20000))
    assert errors == ["print.logo: 'huge.png' is 20,000 x 20,000 pixels; a logo may have at most "
                      "25,000,000 (5000 x 5000)"]


@pytest.mark.parametrize("name, data, says", [
    ("gif.png", b"GIF89a\x01\x00\x01\x00\x00\x00\x00;", "is not a PNG, JPEG or SVG image"),
    ("cut.png", _png_header(40, 20)[:40], "is not a readable PNG image"),
    ("text.svg", b"<svg xmlns='http://www.w3.org/2000/svg'><rect", "is not a readable SVG image"),
    ("size.svg", b"<svg xmlns='http://www.w3.org/2000/svg'></svg>", "gives no size"),
    ("html.svg", b"<?xml version='1.0'?><html/>", "its root element is not <svg>"),
])
def test_an_unreadable_logo_is_one_error_at_load(tmp_path: Path, name: str, data: bytes,
                                                 says: str) -> None:
    errors = _logo_error(tmp_path, name, data)
    assert len(errors) == 1 and errors[0].startswith(f"print.logo: '{name}' ") and says in errors[0]


def test_a_good_logo_is_decoded_once_and_an_svg_is_warned_about(tmp_path: Path) -> None:
    Image.new("RGBA", (300, 100), (20, 60, 120, 255)).save(tmp_path / "logo.png")
    programme = load(_agenda(tmp_path, "  logo: logo.png\n"))
    assert programme.logo is not None and programme.logo.kind == "png"
    assert programme.logo.size == (300, 100) and programme.logo.raster is not None
    assert programme.logo.raster.getpixel((5, 5)) == (20, 60, 120, 255)
    (tmp_path / "mark.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg' width='60mm' "
                                       "viewBox='0 0 60 20' height='20mm'/>", encoding="utf-8")
    path = _agenda(tmp_path, "  logo: mark.svg\n")
    svg = load(path)
    assert svg.logo is not None and svg.logo.kind == "svg" and svg.logo.size == (227, 76)
    assert [str(w).split(": ", 1)[1] for w in svg.warnings if "print.logo" in str(w)] == [
        "print.logo: warning: an SVG logo prints on the booklet's cover only; badges and "
        "door signs need a PNG or JPEG and print none"]


# -- podium stocks, and the README -------------------------------------------------------

def test_podium_stocks_lists_every_stock_and_sheet_with_its_sizes() -> None:
    result = CliRunner().invoke(main, ["stocks"])
    assert result.exit_code == 0
    lines = result.output.splitlines()
    for name, stock in STOCKS.items():
        line = next(line for line in lines if line.split()[:1] == [name])
        w, h = (f"{v / PT_PER_MM:.1f}".removesuffix(".0") for v in stock.badge)
        assert f"badge {w} x {h} mm" in line and f"= {stock.per_page};" in line
    for name, (w, h) in SHEETS.items():
        line = next(line for line in lines if line.split()[:1] == [name])
        assert f"{w:g} x {h:g} mm" in line or f"{w / 25.4:g} x {h / 25.4:g} in" in line


def test_readme_print_settings_table_is_current() -> None:
    """Regenerate with `python scripts/print_settings.py`."""
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "print_settings.py"), "--check"],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, "README.md's print settings are stale: run scripts/print_settings.py"
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    from podium.printopts import PrintSettings
    for key in PrintSettings.model_fields:
        assert f"| `{key}` |" in readme
