"""Last-minute changes: `podium printed` records the seed, then one edit at a time (and all of
them together) `podium changes` names what changed, in time order, and the printed pieces
each touches: door signs, badges by side, booklet pages (checked against the text of the
booklet that was printed)."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pypdfium2
import pytest
from click.testing import CliRunner
from tests.conftest import SEED

from podium.changes import comparison
from podium.changes.compare import Comparison
from podium.cli import main
from podium.load import load

EPOCH = "1733000000"          # 2024-11-30 20:53 UTC
ROOM, RENAMED = "Sala Plenaria", "Auditorio Mario Benedetti"


def _with_room(text: str) -> str:
    """The seed in one named room, every item in it (so signs and booklet print it)."""
    text = text.replace("\npeople:\n", f"\nrooms:\n  - id: plenary\n    name: {ROOM}\n\npeople:\n", 1)
    return text.replace("        kind: ", "        room: plenary\n        kind: ")


def run(*args: str) -> tuple[int, list[str]]:
    result = CliRunner().invoke(main, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.output.splitlines()


@pytest.fixture(scope="module")
def recorded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A folder with the seed (in a room), recorded as printed: agenda.printed.json, build/."""
    folder = tmp_path_factory.mktemp("printed")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", EPOCH)
        mp.chdir(folder)
        (folder / "agenda.yaml").write_text(_with_room(SEED.read_text(encoding="utf-8")),
                                            encoding="utf-8")
        code, lines = run("printed", "-q", "agenda.yaml")
        assert code == 0, lines
        yield folder


@pytest.fixture
def edit(recorded: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[..., Path]:
    """A copy of the recorded folder (agenda and record) with the agenda edited."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    monkeypatch.chdir(tmp_path)

    def make(*edits: Callable[[str], str]) -> Path:
        shutil.copy(recorded / "agenda.printed.json", tmp_path)
        text = (recorded / "agenda.yaml").read_text(encoding="utf-8")
        for e in edits:
            text = e(text)
        (tmp_path / "agenda.yaml").write_text(text, encoding="utf-8")
        return tmp_path / "agenda.yaml"

    return make


def _replace(old: str, new: str) -> Callable[[str], str]:
    def apply(text: str) -> str:
        assert text.count(old) == 1, old
        return text.replace(old, new)
    return apply


MOVE = _replace('start: "10:45"\n        end: "13:15"', 'start: "11:00"\n        end: "13:30"')
RENAME = _replace(f"name: {ROOM}", f"name: {RENAMED}")
ADD = _replace("          - hirahara\n          - sharland\n",
               "          - hirahara\n          - sharland\n          - oneill\n")
REMOVE = _replace("          - kawasaki\n          - loret\n", "          - kawasaki\n")
ORGANISATION = _replace("organisation: Office of Peacekeeping Operations, Bureau of International "
                        "Organization Affairs, Department of State",
                        "organisation: Bureau of International Organization Affairs, U.S. "
                        "Department of State")
CANCEL = _replace('      - id: coffee-1\n        start: "11:30"\n        end: "11:45"\n'
                  '        room: plenary\n        kind: break\n        title: Coffee Break\n\n', "")
REMOTE = _replace("          - pearce\n          - sanz\n",
                  "          - pearce\n          - {person: sanz, remote: true}\n")


def booklet_pages_with(recorded: Path, *texts: str) -> set[int]:
    """Pages of the printed booklet that show any of `texts` (as a reader sees them)."""
    document = pypdfium2.PdfDocument(recorded / "build" / "programme.pdf")
    try:
        found = set()
        for index in range(len(document)):
            page = document[index].get_textpage()
            flat = " ".join(page.get_text_range().replace("\ufffe", "-").split())
            page.close()
            if any(t in flat for t in texts):
                found.add(index + 1)
        return found
    finally:
        document.close()


def pieces(c: Comparison, output: str, prefix: str) -> set[str]:
    return {p.key.removeprefix(prefix) for p in c.changed if p.output == output
            and p.key.startswith(prefix)}


def touched(c: Comparison) -> tuple[set[str], set[str], set[int]]:
    """Door signs (anchors), badge sides ('id:back') to print again or no longer printed,
    and booklet pages to print again."""
    gone = {p.key.removeprefix("badge:") for p in c.gone if p.output == "badges.pdf"}
    return (pieces(c, "door-signs.pdf", "sign:"), pieces(c, "badges.pdf", "badge:") | gone,
            {int(p.key.removeprefix("page:")) for p, _ in c.booklet})


def change_lines(lines: list[str]) -> list[str]:
    return [line.removeprefix("- ") for line in lines if line.startswith("- ")]


SESSION_6 = ["jenca", "kihara-hunt", "menkel", "pulver", "rwivanga", "shahkar"]
SESSION_5 = ["haeri", "andres", "diouf", "hirahara", "sharland"]
ALL_SIGNS = {"welcome", "session-1", "session-2", "session-3", "session-4", "session-5",
             "session-6", "closing"}

# Each edit: the lines `podium changes` says, the door signs, badge sides and what the
# booklet pages to reprint show (texts looked for in the printed booklet).
CASES: dict[str, tuple[Callable[[str], str], list[str], set[str], set[str], tuple[str, ...]]] = {
    "move": (MOVE, [f"Session 6 moves from 10:45 to 11:00 ({ROOM})"], {"session-6"},
             # the seed's badges are single-sided: the backs listing sessions are not printed
             set(), ("10:45–13:15",)),
    "rename room": (RENAME, [f"Room {ROOM} is now called {RENAMED}"], ALL_SIGNS, set(), (ROOM,)),
    "add panelist": (ADD, ["Session 5: Jacqueline O'Neill added as panelist"], {"session-5"},
                     set(),
                     ("Hiroko Hirahara Director", "O'Neill, Jacqueline")),
    "remove panelist": (REMOVE, ["Session 3: Herbert Loret removed as panelist"], {"session-3"},
                        # in no item now: no badge
                        {"loret:front"},
                        ("Takakazu Ito Triangular", "Loret, Herbert")),
    "organisation": (ORGANISATION, [
        "Cheri Baker: organisation changed from 'Office of Peacekeeping Operations, Bureau of "
        "International Organization Affairs, Department of State' to 'Bureau of International "
        "Organization Affairs, U.S. Department of State'"], {"session-2"},
        {"baker:front"}, ("Cheri Baker Senior",)),
    "cancel break": (CANCEL, [f"Coffee Break removed (was Tue 10 Dec 11:30–11:45, {ROOM})"],
                     {"session-1"}, set(), ("11:30–11:45",)),
    "remote": (REMOTE, ["Session 2: Charles Sanz now joins via VTC"], {"session-2"},
               {"sanz:front"},
               ("Charles Sanz Deputy",)),
}


@pytest.mark.parametrize("name", list(CASES))
def test_one_edit_is_named_with_the_pieces_it_touches(name: str, recorded: Path,
                                                      edit: Callable[..., Path]) -> None:
    change, said, signs, badges, shown = CASES[name]
    agenda = edit(change)
    code, lines = run("changes", "agenda.yaml")
    assert code == 1, lines
    assert change_lines(lines) == said
    found = comparison(load(agenda))
    assert found is not None
    assert touched(found) == (signs, badges, booklet_pages_with(recorded, *shown))
    assert lines[-1].startswith("to reprint: ") or lines[-2].startswith("to reprint: ")


def test_a_speaker_who_joins_by_video_no_longer_has_a_badge(edit: Callable[..., Path]) -> None:
    found = comparison(load(edit(REMOTE)))
    assert found is not None
    assert {p.key for p in found.gone if p.output == "badges.pdf"} == {"badge:sanz:front"}
    assert {p.key for p in found.changed if p.output == "screen-cards.pdf"} == {"card:session-2:sanz"}
    _, lines = run("changes", "agenda.yaml")
    assert "no longer printed: badge: Charles Sanz" in [s.strip() for s in lines]


def test_every_edit_at_once_in_time_order(recorded: Path, edit: Callable[..., Path]) -> None:
    agenda = edit(*(case[0] for case in CASES.values()))
    code, lines = run("changes", "agenda.yaml")
    assert code == 1
    # The room first (it is everywhere), then by the time of the item, people by their
    # first appearance: Cheri Baker is in Session 2 (11:45), after the break (11:30) and
    # after what changed in Session 2 itself.
    assert change_lines(lines) == [
        CASES["rename room"][1][0], CASES["cancel break"][1][0], CASES["remote"][1][0],
        *CASES["organisation"][1], CASES["remove panelist"][1][0], CASES["add panelist"][1][0],
        CASES["move"][1][0].replace(ROOM, RENAMED)]
    found = comparison(load(agenda))
    assert found is not None
    signs, badges, pages = touched(found)
    assert signs == ALL_SIGNS
    assert badges == set().union(*(case[3] for case in CASES.values()))
    assert pages == booklet_pages_with(recorded, *(t for case in CASES.values() for t in case[4]))


def test_undone_edits_are_no_changes(edit: Callable[..., Path]) -> None:
    agenda = edit(MOVE)
    assert run("changes", "agenda.yaml")[0] == 1
    edit()
    code, lines = run("changes", str(agenda))
    assert (code, lines[-1]) == (0, "no changes since the print run of 2024-11-30 20:53 UTC "
                                    "(agenda.printed.json, record 1)")


def test_recording_twice_compares_with_the_newest(edit: Callable[..., Path],
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    agenda = edit(MOVE)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(EPOCH) + 3600))
    code, lines = run("printed", "-q", "agenda.yaml")
    assert code == 0
    assert lines[-1].startswith("recorded what went to the printer at 2024-11-30 21:53 UTC in "
                                "agenda.printed.json (record 2): 8 door signs, 33 badges")
    record = json.loads((agenda.parent / "agenda.printed.json").read_text(encoding="utf-8"))
    assert [e["recorded_at"] for e in record["records"]] == ["2024-11-30T20:53:20Z",
                                                             "2024-11-30T21:53:20Z"]
    assert run("changes", "agenda.yaml")[0] == 0
    agenda.write_text(RENAME(agenda.read_text(encoding="utf-8")), encoding="utf-8")
    code, lines = run("changes", "agenda.yaml")
    assert (code, change_lines(lines)) == (1, [CASES["rename room"][1][0]])


def test_changes_without_a_record_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    shutil.copy(SEED, tmp_path / "agenda.yaml")
    code, lines = run("changes", "agenda.yaml")
    assert code == 2
    assert any("no printed record (agenda.printed.json)" in line for line in lines)


def _record(folder: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((folder / "agenda.printed.json").read_text(encoding="utf-8"))
    return data


def test_an_old_record_with_renamed_ids_reads_as_what_happened(edit: Callable[..., Path]) -> None:
    agenda = edit(_replace("id: session-4\n", "id: women-in-peacekeeping\n"),
                  _replace("id: coffee-3\n", "id: break-wednesday\n"),
                  _replace("id: closing\n", "id: farewell\n"),
                  _replace("title: Closing and Lunch", "title: Farewell"))
    code, lines = run("changes", "agenda.yaml")
    assert code == 1
    # Session 4 and the coffee break are found again by title (and day and time); the closing,
    # renamed and retitled, is one removed and one added.
    assert change_lines(lines) == [
        "Session 4: its id changed from 'session-4' to 'women-in-peacekeeping' (and so its web "
        "address)",
        "Coffee Break: its id changed from 'coffee-3' to 'break-wednesday' (and so its web "
        "address)",
        f"Farewell added: Wed 11 Dec 13:30–14:30 ({ROOM})",
        f"Closing and Lunch removed (was Wed 11 Dec 13:30–14:30, {ROOM})"]
    found = comparison(load(agenda))
    assert found is not None
    assert {p.key for p in found.gone if p.output == "door-signs.pdf"} == {"sign:session-4",
                                                                           "sign:closing"}


BAD_RECORDS: dict[str, tuple[Callable[[str], str], str]] = {
    "bad JSON": (lambda t: t.replace('"format"', "'format'", 1),
                 r"agenda.printed.json:2:2: the printed record is not valid JSON: Expecting "
                 r"property name"),
    "truncated": (lambda t: t[:len(t) // 2],
                  r"agenda.printed.json:\d+:\d+: the printed record is not valid JSON: .*cut short"),
    "empty": (lambda t: "", r"agenda.printed.json:1:1: the printed record is empty"),
    "wrong format": (lambda t: t.replace('"podium printed record"', '"something else"', 1),
                     r"agenda.printed.json:2:12: format: not a podium printed record"),
    "newer version": (lambda t: t.replace('"version": 1', '"version": 7', 1),
                      r"agenda.printed.json:3:13: version: version 7 is not one this podium reads"),
    "an entry missing its facts": (
        lambda t: json.dumps({**json.loads(t), "records": [
            {k: v for k, v in e.items() if k != "facts"} for e in json.loads(t)["records"]]},
            indent=1),
        r"agenda.printed.json:\d+:\d+: records\[0\]: 'facts' is missing"),
    "a wrong type deep inside": (
        lambda t: t.replace('"start": "14:15"', '"start": 1415', 1),
        r"agenda.printed.json:\d+:\d+: records\[0\]\.facts\.items\.session-3\.start: must be a "
        r"text, not a number"),
    "a piece that is not one": (
        lambda t: t.replace('"digest": ', '"digest": [], "was": ', 1),
        r"agenda.printed.json:\d+:\d+: records\[0\]\.pieces\[0\]\.digest: must be a text, not a list"),
}


@pytest.mark.parametrize("name", list(BAD_RECORDS))
def test_a_corrupt_record_is_an_error_naming_it_and_is_kept(name: str,
                                                            edit: Callable[..., Path]) -> None:
    spoil, message = BAD_RECORDS[name]
    agenda = edit()
    where = agenda.parent / "agenda.printed.json"
    where.write_text(spoil(where.read_text(encoding="utf-8")), encoding="utf-8")
    before = where.read_bytes()
    for command in ("changes", "check", "printed"):
        code, lines = run(command, "agenda.yaml")
        assert code == 2, (command, lines)
        assert any(re.match(message, line) for line in lines), (command, lines)
        assert not any("Traceback" in line for line in lines)
    assert where.read_bytes() == before


def test_the_line_and_column_point_at_the_wrong_value(edit: Callable[..., Path]) -> None:
    where = edit().parent / "agenda.printed.json"
    text = where.read_text(encoding="utf-8").replace('"start": "14:15"', '"start": 1415', 1)
    where.write_text(text, encoding="utf-8")
    _, lines = run("changes", "agenda.yaml")
    found = [m for line in lines if (m := re.match(r"agenda.printed.json:(\d+):(\d+):", line))]
    line, col = map(int, found[0].groups())
    assert text.splitlines()[line - 1][col - 1:].startswith("1415")


def test_a_folder_in_place_of_the_record_is_an_error(edit: Callable[..., Path]) -> None:
    agenda = edit()
    (agenda.parent / "agenda.printed.json").unlink()
    (agenda.parent / "agenda.printed.json").mkdir()
    code, lines = run("changes", "agenda.yaml")
    assert code == 2
    assert "agenda.printed.json:1:1: the printed record is a folder, not a file; move it away" \
        in lines


def test_pieces_of_outputs_no_longer_made_read_fine(edit: Callable[..., Path]) -> None:
    agenda = edit()
    data = _record(agenda.parent)
    data["records"][0]["pieces"].append({"output": "name-cards.pdf", "key": "card:lacroix",
                                         "label": "name card of Jean-Pierre Lacroix",
                                         "subjects": ["person:lacroix"], "digest": "0"})
    (agenda.parent / "agenda.printed.json").write_text(json.dumps(data), encoding="utf-8")
    assert run("changes", "agenda.yaml")[0] == 0


def _item(start: str, end: str, start_at: str, room: str, **more: Any) -> dict[str, Any]:
    return {"day": "2025-02-01", "start": start, "end": end, "start_at": start_at,
            "kind": "talk", "title": "Replication in TiDB", "room": room.lower(),
            "room_name": room, **more}


def test_words_for_moves_past_midnight_between_rooms_and_attendees() -> None:
    from podium.changes.diff import diff

    old = {"rooms": {"ua2": "UA2.114 (Baudoux)", "k3": "K.3.201"},
           "items": {"a": _item("18:50", "19:00", "2025-02-01T18:50:00+01:00", "UA2.114 (Baudoux)"),
                     "b": _item("17:05", "17:15", "2025-02-01T17:05:00+01:00", "K.3.201",
                                title="Networking")},
           "attendees": {"Ann Lee": {"organisation": "ULB"}}}
    new = {"rooms": old["rooms"],
           "items": {"a": _item("19:05", "19:15", "2025-02-01T19:05:00+01:00", "K.3.201"),
                     "b": _item("24:30", "25:00", "2025-02-02T00:30:00+01:00", "K.3.201",
                                title="Networking")},
           "attendees": {"Ann Lee": {"organisation": "VUB"}, "Bo Chen": {}}}
    assert [c.text for c in diff(old, new)] == [
        "Replication in TiDB moves from 18:50 in UA2.114 (Baudoux) to 19:05 in K.3.201",
        "Networking moves from Sat 1 Feb 17:05–17:15 to Sun 2 Feb 00:30–01:00 (K.3.201)",
        "Ann Lee: organisation changed from 'ULB' to 'VUB'",
        "Attendee Bo Chen added"]
