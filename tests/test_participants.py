"""The list of participants: everyone once, under the right heading, by family name, those on
a video link marked, a cover and page numbers, labels in the event's language; and the
attendees CSV columns it reads (delegation, remote, country), checked as they are read."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader
from tests.test_errors import GOOD

from conftest import SEED
from podium.attendance import participants
from podium.attendees import read_attendees
from podium.cli import main
from podium.load import load
from podium.pipeline import build
from podium.renderers.participants.view import groups

CSV = ("name,title,organisation,country,delegation,remote\n"
       "Zoë Abara,,Ministry of Defence,Ghana,,\n"
       "Kwame Mensah,Colonel,Ghana Armed Forces,Ghana,,\n"
       "Ravi Shankar Prasad,,Permanent Mission of India,India,,yes\n"
       "Olga Brandt,,Federal Foreign Office,Germany,,\n"
       "Anna van der Berg,,Dutch Ministry of Defence,Netherlands,Germany,\n"
       "Nobody Special,,,,,\n")


def listing(tmp_path: Path, group: str = "country", language: str = "en") -> list[str]:
    """The text of each page of participants.pdf for the seed with the CSV above."""
    (tmp_path / "attendees.csv").write_text(CSV, encoding="utf-8")
    agenda = SEED.read_text(encoding="utf-8").replace("language: en ", f"language: {language} ")
    (tmp_path / "agenda.yaml").write_text(agenda + "\nattendees: attendees.csv\n", encoding="utf-8")
    programme = load(tmp_path / "agenda.yaml")
    programme.agenda.print_.participants_group = group  # type: ignore[assignment]
    build(programme, tmp_path / "out", only=["participants"])
    return [page.extract_text() for page in PdfReader(tmp_path / "out" / "participants.pdf").pages]


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def test_everyone_once_under_their_country_by_family_name(tmp_path: Path) -> None:
    pages = listing(tmp_path)
    cover, body = pages[0], flat(" ".join(pages[1:]))
    programme = load(SEED)
    assert "LIST OF PARTICIPANTS" in cover
    assert f"{len(programme.agenda.people) + 6} participants" in flat(cover)
    for person in programme.agenda.people:
        assert body.count(person.name) == 1, person.name
    for name in ("Zoë Abara", "Kwame Mensah", "Ravi Shankar Prasad", "Olga Brandt",
                 "Anna van der Berg", "Nobody Special"):
        assert body.count(name) == 1, name
    # Countries in alphabetical order, then organisations, then Other; by family name in each.
    # van der Berg files under B (particles do not count), before Brandt.
    order = ["Germany", "Berg", "Brandt", "Ghana", "Abara", "Mensah", "India", "Prasad",
             "United States", "Baker", "Uruguay", "Castaingdebat", "Paganini",
             "UN Department of Peace Operations", "Lacroix", "Other", "Green", "Nobody Special"]
    places = [body.index(word) for word in order]
    assert places == sorted(places), [w for w, p in zip(order, places, strict=True)]


def test_video_link_is_marked_and_pages_are_numbered(tmp_path: Path) -> None:
    pages = listing(tmp_path)
    body = flat(" ".join(pages[1:]))
    for name in ("Linda Darkwa", "El-Ghassim Wane", "Atul Khare", "Ravi Shankar Prasad"):
        after = body[body.index(name):body.index(name) + len(name) + 20]
        assert "BY VIDEO LINK" in after, name
    for name in ("Jean-Pierre Lacroix", "Olga Brandt"):
        after = body[body.index(name):body.index(name) + len(name) + 20]
        assert "VIDEO" not in after, name
    assert "Page" not in pages[0]
    for number, text in enumerate(pages[1:], start=2):
        assert f"Page {number} of {len(pages)}" in text


def test_grouped_by_organisation_in_spanish(tmp_path: Path) -> None:
    pages = listing(tmp_path, group="organisation", language="es")
    assert "LISTA DE PARTICIPANTES" in pages[0]
    body = flat(" ".join(pages[1:]))
    assert "Página 2 de" in pages[1]
    assert "POR VIDEOCONFERENCIA" in body
    order = ["Dutch Ministry of Defence", "Berg", "Federal Foreign Office", "Brandt",
             "Ghana Armed Forces", "Colonel Kwame Mensah", "Ministry of Defence Zoë Abara",
             "Otros", "Castaingdebat", "Green", "Paganini"]
    places = [body.index(word) for word in order]
    assert places == sorted(places)


def test_attendee_columns_are_checked(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_text("name,country,remote,delegation\nAnn Lee,Urugay,maybe,Uruguay\n"
                    "Bo Chen,Côte d’Ivoire,VTC,\nCy Dee,UY,,\n", encoding="utf-8")
    people, problems = read_attendees(path)
    assert [str(p).split(": ", 1)[1] for p in problems] == [
        "remote: 'maybe' is not yes or no (remote: yes for someone who takes part by video "
        "link only; empty or no otherwise)",
        "country: warning: unknown country 'Urugay'; did you mean 'Uruguay'? (it prints as "
        "written; the list of participants groups by it)",
    ]
    assert [p.line for p in problems] == [2, 2]
    assert [(a.name, a.remote, a.delegation) for a in people] == [
        ("Ann Lee", False, "Uruguay"), ("Bo Chen", True, None), ("Cy Dee", False, None)]


@pytest.mark.parametrize("value", ["yes", "Sí", "oui", "1", "x"])
def test_remote_yes_in_each_language(tmp_path: Path, value: str) -> None:
    path = tmp_path / "a.csv"
    path.write_text(f"name,remote\nAnn Lee,{value}\n", encoding="utf-8")
    people, problems = read_attendees(path)
    assert not problems and people[0].remote


def test_check_reports_the_new_columns_and_exits_2(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "attendees.csv").write_text("name,country,remote\nAnn Lee,Frnace,yse\n",
                                            encoding="utf-8")
    (tmp_path / "agenda.yaml").write_text(GOOD + "attendees: attendees.csv\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check"])
    assert result.exit_code == 2
    assert "attendees.csv:2: remote: 'yse' is not yes or no; did you mean 'yes'?" in result.output
    assert "attendees.csv:2: country: warning: unknown country 'Frnace'; did you mean 'France'?" \
        in result.output
    assert "Traceback" not in result.output


def test_a_list_with_no_groups_has_no_lone_heading(tmp_path: Path) -> None:
    """Nobody with a country or organisation (as in many conference exports): one list by
    family name, with no 'Other' heading over everyone."""
    path = tmp_path / "agenda.yaml"
    path.write_text(GOOD, encoding="utf-8")             # Ann and Bob: no country, no organisation
    listed = groups(participants(load(path)), "country", "Other")
    assert [g.heading for g in listed] == [""]
    assert [e.name for e in listed[0].entries] == ["Bob Jones", "Ann Smith"]   # Jones, Smith
    build(load(path), tmp_path / "out", only=["participants"])
    body = flat(" ".join(p.extract_text() for p in PdfReader(tmp_path / "out/participants.pdf").pages[1:]))
    assert "Bob Jones" in body and "Other" not in body
    mixed = groups(participants(load(SEED)), "country", "Other")
    assert mixed[-1].heading == "Other" and all(g.heading for g in mixed)
