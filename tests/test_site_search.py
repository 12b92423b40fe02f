"""search.json without a browser: words fold as the browser folds them, the packed terms
and postings unpack to exactly the agenda's words, the file is reproducible and small."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.test_site_app import FOSDEM, fosdem

from podium.load import Programme
from podium.present import locale_of
from podium.renderers.site import search


def test_words_fold_accents_case_and_compatibility_forms() -> None:
    assert search.words("María José Fernández-Villaverde") == [
        "maria", "jose", "fernandez", "villaverde"]
    assert search.words("Miroslav JENČA") == ["miroslav", "jenca"]
    # Full-width letters and ligatures read as their plain letters (NFKD).
    assert search.words("Ｐｅａｃｅ ﬁnance") == ["peace", "finance"]
    assert search.words("C4ISR, T/PCC; 2024") == ["c4isr", "t", "pcc", "2024"]
    assert search.words("under_score") == ["under", "score"]


def unpack(data: dict[str, object]) -> dict[str, dict[int, int]]:
    """term -> {doc: rank}, read as app.js reads it."""
    last, more = search.LAST_DIGITS, search.MORE_DIGITS
    terms: list[str] = []
    previous = ""
    for coded in str(data["terms"]).split(" "):
        previous = previous[:int(coded[0])] + coded[1:]
        terms.append(previous)
    out: dict[str, dict[int, int]] = {}
    for term, text in zip(terms, str(data["postings"]).split(" "), strict=True):
        value = posting = 0
        docs: dict[int, int] = {}
        for c in text:
            if c in more:
                value = value * 32 + more.index(c)
                continue
            posting += value * 32 + last.index(c)
            value = 0
            docs[posting >> 2] = posting & 3
        out[term] = docs
    return out


def test_the_index_holds_every_word_of_the_agenda(seed: Programme) -> None:
    agenda = seed.agenda
    data, script = search.index_bytes(agenda, locale_of(agenda), 0)
    assert data == search.index_bytes(agenda, locale_of(agenda), 0)[0]
    assert script.decode("utf-8") == f"podiumIndex({data.decode('utf-8')});\n"
    index = json.loads(data)
    terms = unpack(index)
    # Sorted as JavaScript compares strings, so the browser can bisect for a prefix.
    assert list(terms) == sorted(terms, key=lambda t: t.encode("utf-16-be"))
    sessions = [it for _d, it in agenda.items()]
    assert [s[0] for s in index["sessions"]] == [it.anchor for it in sessions]
    for term, docs in terms.items():
        anchors = {sessions[d].anchor for d in docs if d < len(sessions)}
        people = {index["people"][d - len(sessions)][0] for d in docs if d >= len(sessions)}
        assert (anchors, people) == search.matches(agenda, term + " " + term), term
    lessons = terms["lessons"]
    assert lessons == {sessions.index(next(it for it in sessions if it.anchor == "session-3")): 1}


@pytest.mark.skipif(not FOSDEM.exists(), reason="the shared corpus is not here")
def test_the_index_stays_small_at_fosdem_scale(tmp_path: Path) -> None:
    agenda = fosdem(tmp_path).agenda
    data, _script = search.index_bytes(agenda, locale_of(agenda), 0)
    index = json.loads(data)
    assert len(index["sessions"]) == len(agenda.items()) > 900
    # 421 KB when written: titles, times and names of 943 sessions and 991 people, and
    # 12,600 words with the documents they occur in.
    assert len(data) < 512 * 1024
