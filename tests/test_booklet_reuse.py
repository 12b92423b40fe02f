"""Tests of the booklet's reuse between builds in one process (serve's worker): the PDF is
byte for byte a fresh build's, the index is laid out again exactly when it must be, and the
serve worker keeps its process from one edit to the next."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import threading
from pathlib import Path

from tests.test_booklet import page_texts

from podium.context import BuildContext
from podium.fonts import bundled
from podium.load import load
from podium.output import Scratch, build_epoch
from podium.renderers.booklet import build_pdf
from podium.renderers.booklet.pdf import Reuse
from podium.serve.session import Session

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "agenda.yaml"


def _agenda(folder: Path, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "agenda.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _compact_seed() -> str:
    # The seed laid out as a large programme is: room by room, with a speaker index.
    text = SEED.read_text(encoding="utf-8")
    return text.replace("\npeople:\n", "\nprint:\n  booklet_detail: compact\n\npeople:\n", 1)


def _pdf(agenda: Path, kept: dict[str, object]) -> bytes:
    programme = load(agenda)
    ctx = BuildContext(programme=programme, fonts=bundled(), epoch=build_epoch(programme.agenda),
                       stage=Scratch(agenda.parent / "build"), kept=kept)
    return build_pdf(ctx).pdf


def test_a_kept_index_gives_the_bytes_of_a_fresh_build(tmp_path: Path) -> None:
    text = _compact_seed()
    agenda = _agenda(tmp_path / "a", text)
    kept: dict[str, object] = {}
    first = _pdf(agenda, kept)
    reuse = kept["booklet"]
    assert isinstance(reuse, Reuse) and reuse.tail is not None
    index = reuse.tail

    # A title moves no page: the index is kept, and the PDF is a fresh build's.
    retitled = text.replace("title: Welcome and Introduction",
                           "title: Welcome and Introduction (moved)", 1)
    assert retitled != text
    agenda.write_text(retitled, encoding="utf-8")
    again = _pdf(agenda, kept)
    assert reuse.tail is index
    assert again == _pdf(agenda, {}) and again != first
    assert "Welcome and Introduction (moved)" in " ".join(page_texts_of(again, tmp_path))

    # A new name changes the index: it is laid out again, and still a fresh build's bytes.
    renamed = retitled.replace("name: Omar Paganini", "name: Omar Paganini Rossi", 1)
    agenda.write_text(renamed, encoding="utf-8")
    third = _pdf(agenda, kept)
    assert reuse.tail is not index
    assert third == _pdf(agenda, {})
    assert "Paganini Rossi" in " ".join(page_texts_of(third, tmp_path))


def test_the_full_booklet_with_kept_fonts_is_a_fresh_build(tmp_path: Path) -> None:
    agenda = _agenda(tmp_path / "a", SEED.read_text(encoding="utf-8"))
    kept: dict[str, object] = {}
    _pdf(agenda, kept)
    fonts = kept["booklet"].font_config  # type: ignore[attr-defined]
    agenda.write_text(agenda.read_text(encoding="utf-8").replace(
        "title: Welcome and Introduction", "title: Opening remarks", 1), encoding="utf-8")
    assert _pdf(agenda, kept) == _pdf(agenda, {})
    assert kept["booklet"].font_config is fonts  # type: ignore[attr-defined]


def test_a_changed_stylesheet_or_font_file_starts_with_fresh_fonts(tmp_path: Path) -> None:
    agenda = _agenda(tmp_path / "a", SEED.read_text(encoding="utf-8"))
    kept: dict[str, object] = {}
    _pdf(agenda, kept)
    reuse = kept["booklet"]
    assert isinstance(reuse, Reuse)
    fonts = reuse.font_config
    templates = agenda.parent / "templates"
    templates.mkdir()
    css = (ROOT / "templates" / "booklet.css").read_text(encoding="utf-8")
    (templates / "booklet.css").write_text(css + "\nh2 { letter-spacing: 0.02em; }\n",
                                           encoding="utf-8")
    assert _pdf(agenda, kept) == _pdf(agenda, {})
    assert reuse.font_config is not fonts
    fonts = reuse.font_config
    # A font the user's stylesheet could name, replaced under the same file name.
    (templates / "extra.ttf").write_bytes(b"not yet a font")
    _pdf(agenda, kept)
    assert reuse.font_config is not fonts


def page_texts_of(pdf: bytes, folder: Path) -> list[str]:
    path = folder / f"{hashlib.sha256(pdf).hexdigest()[:8]}.pdf"
    path.write_bytes(pdf)
    return page_texts(path)


def test_serve_keeps_its_booklet_process_and_its_booklet_is_a_builds(tmp_path: Path) -> None:
    agenda = _agenda(tmp_path / "event", _compact_seed())
    session = Session(agenda, tmp_path / "event" / "build")
    try:
        assert session.rebuild().errors == []
        worker = session.workers["booklet"]
        pid = worker.pid
        assert pid is not None
        for n, title in enumerate(("Opening remarks", "Opening words")):
            agenda.write_text(agenda.read_text(encoding="utf-8").replace(
                "title: " + ("Welcome and Introduction" if n == 0 else "Opening remarks"),
                f"title: {title}", 1),
                encoding="utf-8")
            outcome = session.rebuild()
            assert outcome.errors == [] and "booklet" in outcome.rebuilt
            assert worker.pid == pid  # the same process, with what it kept
        served = (tmp_path / "event" / "build" / "programme.pdf").read_bytes()
    finally:
        session.close()
    assert worker.pid is None
    fresh = tmp_path / "fresh"
    subprocess.run([sys.executable, "-m", "podium", "build", str(agenda), "-o", str(fresh),
                    "--only", "booklet"], check=True, capture_output=True,
                   env={**os.environ, "PYTHONPATH": str(ROOT / "src")})
    assert served == (fresh / "programme.pdf").read_bytes()
    assert not [t for t in threading.enumerate() if t.name.startswith("podium-")]
