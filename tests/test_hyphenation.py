"""Hyphenation follows the language of the text, not of the labels: the English programme
built with Spanish or French labels still breaks English words where English breaks them,
never inside a name, an affiliation, a question or a paragraph's last word."""

from __future__ import annotations

import re
from pathlib import Path

import pikepdf
import pyphen
import pytest
from tests.conftest import SEED

from podium.load import load
from podium.pipeline import build
from podium.present import affiliation

HYPHEN = "\u2010"


def _lines(pdf: Path) -> list[list[str]]:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(pdf)
    try:
        return [doc[i].get_textpage().get_text_range().replace("\r", "").split("\n")
                for i in range(len(doc))]
    finally:
        doc.close()


@pytest.fixture(scope="module", params=["en", "es", "fr"])
def built(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    folder = tmp_path_factory.mktemp(f"hy-{request.param}")
    text = SEED.read_text(encoding="utf-8").replace("  language: en ", f"  language: {request.param} ", 1)
    (folder / "agenda.yaml").write_text(text, encoding="utf-8")
    build(load(folder / "agenda.yaml"), folder / "out", ["booklet"])
    return request.param, folder / "out" / "programme.pdf"


def test_the_pdf_says_the_text_is_english(built: tuple[str, Path]) -> None:
    _language, pdf = built
    with pikepdf.open(pdf) as doc:
        assert str(doc.Root.Lang) == "en-US"


def test_words_break_where_english_breaks_them_and_names_never(built: tuple[str, Path]) -> None:
    language, pdf = built
    agenda = load(SEED).agenda
    english = pyphen.Pyphen(lang="en_US")
    protected = [p.name for p in agenda.people] + [affiliation(p) for p in agenda.people] + \
        [s.role for _, it in agenda.items() for s in it.speakers if s.role] + \
        [q for _, it in agenda.items() for q in it.questions]
    flat = [" ".join(t.split()) for t in protected]
    breaks = 0
    pages = _lines(pdf)
    for number, page in enumerate(pages):
        for n, line in enumerate(page):
            line = line.rstrip()
            if not line.endswith(HYPHEN):
                continue
            following = page[n + 1] if n + 1 < len(page) else ""
            if n + 1 >= len(page) - 2 and number + 1 < len(pages):
                # The page's last body line (its text ends with the running footer's two
                # lines): the word goes on at the top of the next page.
                following = pages[number + 1][0]
            head = re.split(r"[\s\-]", line[:-1])[-1]
            tail = re.split(r"[\s,.;:?)]", following.strip())[0]
            word = head + tail
            breaks += 1
            assert len(head) in english.positions(word), f"{language}: '{head}-{tail}': not English"
            assert following.strip() != tail, f"{language}: a paragraph's last word '{word}' is broken"
            # The words around the break as the agenda has them (six before, three after):
            # found in a name, an affiliation or a question, that text was hyphenated.
            before = " ".join(" ".join(page[max(0, n - 3):n]).split() + line[:-1].split()[:-1])
            around = " ".join([*before.split()[-6:], word, *following.split()[1:4]])
            assert not any(around in t for t in flat), f"{language}: '{around}' is hyphenated"
    assert 0 < breaks < 60
