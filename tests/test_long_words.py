"""Nothing printed is cut: an 80-character word in every field of the booklet breaks inside
the page, and every one of its letters is printed."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pdfplumber

from podium.load import load
from podium.pipeline import build

WORD = "Donaudampfschifffahrtselektrizitätenhauptbetriebswerkbauunterbeamtengesellschaft"[:80]


def test_long_words_break_inside_the_page(write_agenda: Callable[..., Path], tmp_path: Path) -> None:
    path = write_agenda(f"""
        event: {{title: Long Words, timezone: Europe/Vienna, url: "https://long.words.at/"}}
        people:
          - {{id: ada, name: "Ada {WORD}", organisation: "{WORD} GmbH", role: "{WORD}"}}
        days:
          - date: "2025-03-04"
            items:
              - id: s1
                start: "09:00"
                end: "10:00"
                title: "On the {WORD} question"
                subtitle: "{WORD}"
                background: ["Before {WORD} after, and https://long.words.at/{WORD}/{WORD}"]
                questions: ["Why {WORD}?"]
                speakers: [ada]
        """)
    build(load(path), tmp_path / "out", ["booklet"])
    with pdfplumber.open(tmp_path / "out" / "programme.pdf") as pdf:
        text = ""
        for page in pdf.pages:
            outside = [c["text"] for c in page.chars if c["x0"] < 0 or c["x1"] > page.width + 0.1
                       or c["top"] < 0 or c["bottom"] > page.height]
            assert not outside, f"page {page.page_number}: {''.join(outside)} runs off the page"
            text += "".join(c["text"] for c in page.chars)
    # Broken or hyphenated, every letter is there: in the glance, the item (title, subtitle,
    # background three times, question, name, role, organisation) and the index (name, title).
    letters = text.replace("\u2010", "").replace("-", "").replace("\u00ad", "")
    assert letters.count(WORD) == 12
