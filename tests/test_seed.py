"""The repository's agenda.yaml is the Montevideo programme, whole and faithful."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from tests.conftest import SHARED

from podium.load import Programme
from podium.present import full_name

SEED_TEXT = SHARED / "seeds" / "000_70af2f3d5bbd0b63.txt"


def _norm(text: str) -> str:
    return " ".join(text.replace("’", "'").split())


@pytest.fixture(scope="module")
def seed_text() -> str:
    if not SEED_TEXT.exists():
        pytest.skip(f"seed programme not found at {SEED_TEXT}")
    return _norm(SEED_TEXT.read_text(encoding="utf-8"))


def test_counts(seed: Programme) -> None:
    a = seed.agenda
    assert len(a.people) == 36
    assert [d.date for d in a.days] == [dt.date(2024, 12, 10), dt.date(2024, 12, 11)]
    assert sum(len(d.items) for d in a.days) == 12
    kinds = [it.kind for _, it in a.items()]
    assert kinds.count("session") == 6
    assert kinds.count("break") == 3
    assert kinds.count("meal") == 1
    assert kinds.count("ceremony") == 2
    assert [it.number for _, it in a.items() if it.kind == "session"] == [1, 2, 3, 4, 5, 6]
    assert a.event.timezone == "America/Montevideo"
    # The online agenda's real address is not in the programme: the placeholder is flagged.
    assert [(w.path, w.message.split(":")[0]) for w in seed.warnings] == [
        ("event.url", "'https")]


def test_times(seed: Programme) -> None:
    a = seed.agenda
    got = [(d.date.day, it.anchor, it.start.strftime("%H:%M"), it.end_time.strftime("%H:%M"))
           for d, it in a.items()]
    assert got == [
        (10, "welcome", "09:00", "09:30"), (10, "session-1", "09:30", "11:30"),
        (10, "coffee-1", "11:30", "11:45"), (10, "session-2", "11:45", "13:00"),
        (10, "lunch", "13:00", "14:15"), (10, "session-3", "14:15", "15:45"),
        (10, "coffee-2", "15:45", "16:00"), (10, "session-4", "16:00", "17:30"),
        (11, "session-5", "08:30", "10:30"), (11, "coffee-3", "10:30", "10:45"),
        (11, "session-6", "10:45", "13:15"), (11, "closing", "13:30", "14:30"),
    ]


def test_remote_flags(seed: Programme) -> None:
    remote = sorted((it.anchor, s.person) for _, it in seed.agenda.items() for s in it.speakers if s.remote)
    assert remote == [("session-1", "darkwa"), ("session-1", "wane"), ("welcome", "khare")]


def test_chairs_and_panel_order(seed: Programme) -> None:
    items = {it.anchor: it for _, it in seed.agenda.items()}
    assert {k: items[k].chair for k in items if items[k].chair} == {
        "session-1": ["lacroix"], "session-2": ["morikawa"], "session-3": ["carey"],
        "session-4": ["vidal"], "session-5": ["haeri"], "session-6": ["jenca"]}
    assert [s.person for s in items["session-6"].speakers] == [
        "kihara-hunt", "menkel", "pulver", "rwivanga", "shahkar"]
    assert [s.person for s in items["closing"].speakers] == ["montaner", "green", "morikawa", "lacroix"]


def test_ranks_and_suffix(seed: Programme) -> None:
    a = seed.agenda
    titles = {p.id: p.title for p in a.people if p.title}
    assert titles == {
        "rahman": "Brigadier General", "pearce": "Major General", "sitienei": "Brigadier General",
        "tiwathia": "Dr.", "kawasaki": "Colonel", "vidal": "Ambassador", "oneill": "Ambassador",
        "paz": "Captain", "andres": "Colonel", "diouf": "Colonel", "rwivanga": "Brigadier General",
        "montaner": "Gen. (R)"}
    assert full_name(a.person("rahman")) == "Brigadier General Md Mostafizur Rahman, PhD"


def test_kihara_hunt_keeps_both_wordings(seed: Programme) -> None:
    a = seed.agenda
    roles = [s.role for _, it, _, s in a.appearances("kihara-hunt") if s]
    assert roles == ["Professor, University of Tokyo, Member of the Independent Study Team",
                     "Member of Independent Study Team on Future of Peacekeeping"]


def _in_order(parts: list[str], line: str) -> bool:
    at = 0
    for part in parts:
        at = line.find(part, at)
        if at < 0:
            return False
        at += len(part)
    return True


def test_every_person_line_reads_like_the_seed(seed: Programme, seed_text: str) -> None:
    """Each appearance's name, rank, role, organisation and country come, in that order,
    from one line of the seed (the words are split, never reworded)."""
    lines = [_norm(x) for x in SEED_TEXT.read_text(encoding="utf-8").splitlines()]
    a = seed.agenda
    for _day, item in a.items():
        people = [(pid, None) for pid in item.chair] + [(s.person, s.role) for s in item.speakers]
        for pid, role in people:
            p = a.person(pid)
            parts = [full_name(p)] + ([role] if role else
                                      [x for x in (p.role, p.organisation, p.country) if x])
            assert any(_in_order(parts, line) for line in lines), (item.anchor, parts)


def test_texts_are_verbatim(seed: Programme, seed_text: str) -> None:
    for _, item in seed.agenda.items():
        for para in item.background:
            assert _norm(para) in seed_text, para[:60]
        for q in item.questions:
            assert _norm(q) in seed_text, q[:60]
    questions = sum(len(it.questions) for _, it in seed.agenda.items())
    assert questions == len(re.findall(r"\?", seed_text))


def test_question_labels(seed: Programme) -> None:
    labels = {it.anchor: it.questions_label for _, it in seed.agenda.items() if it.questions}
    assert labels["session-5"] == "Guiding questions"
    assert {v for k, v in labels.items() if k != "session-5"} == {"Key Questions"}


def test_titles_are_not_shouted_and_keep_acronyms(seed: Programme) -> None:
    titles = [it.title for _, it in seed.agenda.items()]
    assert all(t != t.upper() for t in titles)
    assert "Protection of Civilians: 25 Years of POC Mandates" in titles


def test_urls_for_qr_codes(seed: Programme) -> None:
    a = seed.agenda
    item = next(it for _, it in a.items() if it.anchor == "session-3")
    assert a.url_for_item(item) == "https://agenda.example.org/montevideo-2024/sessions/session-3.html"
    assert a.url_for_person(a.person("lacroix")).endswith("/montevideo-2024/people/lacroix.html")
