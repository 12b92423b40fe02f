"""Booklet page flow: a question list split across pages goes on under its label with
"(continued)", numbered on; a label keeps its first two entries; no entry is lost."""

from __future__ import annotations

import re

import pdfplumber
import pytest

from podium.load import load
from podium.pipeline import build

QUESTIONS = 34


def _agenda(language: str) -> str:
    questions = "\n".join(f"          - Question number {n} asks whether the partners agree "
                          f"on point {n} of the long plan" for n in range(1, QUESTIONS + 1))
    return f"""
event:
  title: Flow Test
  timezone: Europe/Zurich
  url: https://example.org/flow/
  language: {language}
people:
  - {{id: ada, name: Ada Lovelace, organisation: Engines}}
  - {{id: bo, name: Bo Li}}
  - {{id: cy, name: Cy Young}}
days:
  - date: 2025-03-04
    items:
      - start: "09:00"
        end: "10:00"
        number: 1
        title: A Session With Many Questions
        background: 'A short background.'
        questions_label: Key Questions
        questions:
{questions}
        chair: ada
        speakers: [bo, cy]
"""


@pytest.fixture(scope="module", params=["en", "fr"])
def pages(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
          ) -> tuple[str, list[str]]:
    folder = tmp_path_factory.mktemp(f"flow-{request.param}")
    (folder / "agenda.yaml").write_text(_agenda(request.param), encoding="utf-8")
    out = folder / "out"
    build(load(folder / "agenda.yaml"), out, ["booklet"])
    with pdfplumber.open(out / "programme.pdf") as pdf:
        return request.param, [p.extract_text() or "" for p in pdf.pages]


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_a_split_question_list_repeats_its_label_with_continued(pages: tuple[str, list[str]]) -> None:
    language, texts = pages
    continued = {"en": "KEY QUESTIONS (CONTINUED)", "fr": "KEY QUESTIONS (SUITE)"}[language]
    holding = [i for i, t in enumerate(texts) if "Question number" in t]
    assert len(holding) >= 2, "the list should run over two pages for this test to mean anything"
    first, *rest = holding
    assert "KEY QUESTIONS" in _flat(texts[first]).upper()
    assert continued not in _flat(texts[first]).upper()
    for i in rest:
        flat = _flat(texts[i]).upper()
        # The label comes before the first question on the page, once: a list is cut only
        # where a page turns.
        assert continued in flat and flat.index(continued) < flat.index("QUESTION NUMBER")
        assert flat.count("KEY QUESTIONS") == 1


def test_every_question_printed_once_in_order_and_numbered_on(pages: tuple[str, list[str]]) -> None:
    _, texts = pages
    text = _flat(" ".join(texts))
    found = [int(n) for n in re.findall(r"Question number (\d+) asks", text)]
    assert found == list(range(1, QUESTIONS + 1))
    # The list numbers continue in the next box (ol start): each question's marker is its number.
    for n in (1, QUESTIONS):
        assert re.search(rf"\b{n}\. Question number {n} asks", text), n


def test_label_keeps_its_first_two_entries_and_last_is_not_alone(pages: tuple[str, list[str]]) -> None:
    _, texts = pages
    for t in texts:
        lines = [line for line in t.splitlines() if line.strip()]
        if "Question number" not in t:
            continue
        numbers = [int(n) for n in re.findall(r"Question number (\d+) asks", t)]
        assert len(numbers) >= 2, t
        assert numbers[-1] != QUESTIONS or len(numbers) >= 2
        assert lines
    people = _flat(" ".join(texts))
    assert "Ada Lovelace" in people and "Cy Young" in people
