"""Every printed label in the event's language: the seed, with its own text replaced by
made-up words, built in Spanish and French; no word of an English label may be left in any
PDF (booklet, imposed booklet, badges, door signs), nor in their titles."""

from __future__ import annotations

import re
from pathlib import Path

import pdfplumber
import pikepdf
import pytest
import yaml
from tests.conftest import SEED

from podium.i18n import _LABELS
from podium.load import load
from podium.pipeline import build

PDFS = ("programme.pdf", "programme-imposed.pdf", "badges.pdf", "door-signs.pdf")
CONTENT_KEYS = {"title", "subtitle", "venue", "background", "questions", "questions_label",
                "role", "organisation", "name"}


def _neutral(data: object, counter: list[int]) -> object:
    """`data` with every text the organiser wrote replaced by a made-up word (Zorvik3): what
    is left in English on the pages can only be podium's own labels."""
    if isinstance(data, dict):
        return {k: (_word(v, counter) if k in CONTENT_KEYS else _neutral(v, counter))
                for k, v in data.items()}
    if isinstance(data, list):
        return [_neutral(v, counter) for v in data]
    return data


def _word(value: object, counter: list[int]) -> object:
    if isinstance(value, list):
        return [_word(v, counter) for v in value]
    if isinstance(value, str):
        counter[0] += 1
        return f"Zorvik{counter[0]} Qalm"
    return _neutral(value, counter)


def english_words(language: str) -> set[str]:
    """Words of the English labels that the other language's labels do not also use."""
    def words(labels: dict[str, str]) -> set[str]:
        return {w.lower() for text in labels.values()
                for w in re.findall(r"[A-Za-z]+", re.sub(r"\{\w+\}", " ", text))}
    return words(_LABELS["en"]) - words(_LABELS[language])


@pytest.fixture(scope="module", params=["es", "fr"])
def built(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
          ) -> tuple[str, Path]:
    language = request.param
    data = yaml.safe_load(SEED.read_text(encoding="utf-8"))
    data = _neutral(data, [0])
    assert isinstance(data, dict)
    data["event"]["language"] = language
    data["event"]["title"] = "Zorvik Qalm"
    folder = tmp_path_factory.mktemp(f"labels-{language}")
    (folder / "agenda.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    out = folder / "out"
    build(load(folder / "agenda.yaml"), out, ["booklet", "badges", "signs"])
    return language, out


def test_no_english_label_is_left_in_any_pdf(built: tuple[str, Path]) -> None:
    language, out = built
    english = english_words(language)
    assert {"speakers", "next", "scan", "continued"} <= english  # the set is real
    left: dict[str, set[str]] = {}
    for name in PDFS:
        with pdfplumber.open(out / name) as pdf:
            text = "\n".join(page.extract_text() or "" for page in pdf.pages)
        assert "Zorvik" in text  # the text was read
        # URLs carry the agenda's ids and the site's paths (sessions/session-1.html), not
        # labels; signs print them without https:// and may wrap them, each part with a '/'.
        words = re.findall(r"[A-Za-z]+", re.sub(r"\S*/\S*", " ", text))
        found = {w.lower() for w in words} & english
        if found:
            left[name] = found
    assert left == {}


def test_pdf_titles_are_in_the_language(built: tuple[str, Path]) -> None:
    language, out = built
    english = english_words(language)
    for name in PDFS:
        with pikepdf.open(out / name) as pdf:
            title = str(pdf.docinfo.get("/Title", ""))
        assert title.startswith("Zorvik Qalm")
        assert {w.lower() for w in re.findall(r"[A-Za-z]+", title)} & english == set()


def test_english_words_leave_out_words_both_languages_use() -> None:
    assert "session" not in english_words("fr") and "session" in english_words("es")
    assert "page" not in english_words("fr")
