"""Tracks in print: the compact booklet and room-day door signs name each item's track, with
a swatch of its colour beside the name (never the colour alone), and never cut a name."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pdfplumber
import pytest

from podium.load import load
from podium.pipeline import build

RUST, GO = "#B7410E", "#00ADD8"
LONG = "Application Programming Interfaces: GraphQL, OpenAPI, AsyncAPI, and Friends"
AGENDA = f"""
    event:
      title: Tracks Day
      timezone: Europe/Brussels
      url: https://agenda.example.org/tracks/
    rooms: [{{id: janson, name: Janson}}, {{id: k1, name: K.1.105}}]
    tracks:
      - {{id: rust, name: Rust Language, colour: "{RUST}"}}
      - {{id: go, name: Go, colour: "{GO}"}}
      - {{id: apis, name: "{LONG}"}}
    print: {{booklet_detail: compact, sign_mode: room-day}}
    days:
      - date: 2025-02-01
        items:
          - {{start: "09:00", end: "09:30", room: janson, track: rust, title: Ownership explained}}
          - {{start: "09:00", end: "09:45", room: k1, track: apis, title: Schemas for everyone}}
          - {{start: "09:30", end: "10:00", room: janson, track: rust, title: Borrowing in practice}}
          - {{start: "10:00", end: "10:30", room: janson, track: go, title: Goroutines at scale}}
          - {{start: "10:30", end: "11:00", room: janson, title: An item with no track}}
"""


def _rgb(colour: str) -> tuple[float, float, float]:
    return tuple(int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5))  # type: ignore[return-value]


def _swatches(page: Any, colour: str) -> list[dict[str, Any]]:
    want = _rgb(colour)
    return [r for r in page.rects if r.get("non_stroking_color") is not None
            and len(r["non_stroking_color"]) == 3
            and all(abs(a - b) < 0.01 for a, b in zip(r["non_stroking_color"], want, strict=True))]


def _text_right_of(page: Any, rect: dict[str, Any]) -> str:
    """The words on the swatch's line, starting just right of it."""
    words = page.extract_words()
    line = [w for w in words if abs((w["top"] + w["bottom"]) / 2 - (rect["top"] + rect["bottom"]) / 2) < 4
            and rect["x1"] <= w["x0"] < rect["x1"] + 8]
    if not line:
        return ""
    start = line[0]
    same = sorted((w for w in words if abs(w["top"] - start["top"]) < 1 and w["x0"] >= start["x0"]),
                  key=lambda w: w["x0"])
    return " ".join(w["text"] for w in same)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("tracks")
    path = folder / "agenda.yaml"
    import textwrap

    path.write_text(textwrap.dedent(AGENDA).lstrip(), encoding="utf-8")
    build(load(path), folder / "out", ["booklet", "signs"])
    return folder / "out"


def _flat(text: str) -> str:
    return " ".join(re.sub(r"(?<=[-/])\n", "", text).split())


def test_compact_booklet_names_each_track_with_its_swatch(built: Path) -> None:
    with pdfplumber.open(built / "programme.pdf") as pdf:
        listing = [p for p in pdf.pages if "Ownership explained" in (p.extract_text() or "")
                   and "At a glance" not in (p.extract_text() or "")]
        assert listing, "the compact listing lists the room's items"
        page = listing[0]
        text = _flat(page.extract_text() or "")
        for name in ("RUST LANGUAGE", "GO"):  # the group headings, set in capitals
            assert name in text
        # An item with no track is not left under the heading of the track before it.
        assert re.search(r"Goroutines at scale .*OTHER .*An item with no track", text), text
        assert _flat(LONG) in _flat(" ".join(p.extract_text() or "" for p in pdf.pages))
        for colour, name in ((RUST, "RUST"), (GO, "GO")):
            swatches = _swatches(page, colour)
            assert swatches, f"no swatch of {colour}"
            for rect in swatches:
                assert rect["width"] < 10 and abs(rect["width"] - rect["height"]) < 0.5
                beside = _text_right_of(page, rect).upper()
                assert beside.startswith(name), (colour, beside)
        # The track without a colour has its name and no swatch before it.
        for p in pdf.pages:
            for word in (w for w in p.extract_words() if w["text"].upper() == "APPLICATION"):
                before = [r for r in p.rects if r["x1"] <= word["x0"] + 0.5 and r["x1"] > word["x0"] - 10
                          and r["top"] < word["bottom"] and r["bottom"] > word["top"]]
                assert not before, before


def test_room_day_signs_name_each_item_s_track_with_its_swatch(built: Path) -> None:
    with pdfplumber.open(built / "door-signs.pdf") as pdf:
        pages = [(p, _flat(p.extract_text() or "")) for p in pdf.pages]
        janson = next(p for p, t in pages if "Janson" in t and "Ownership explained" in t)
        text = _flat(janson.extract_text() or "")
        assert text.count("Rust Language") == 2 and text.count("Go") >= 1
        for colour, name in ((RUST, "Rust"), (GO, "Go")):
            swatches = _swatches(janson, colour)
            assert len(swatches) == (2 if colour == RUST else 1)
            for rect in swatches:
                assert _text_right_of(janson, rect).startswith(name)
        k1 = next(t for _, t in pages if "K.1.105" in t and "Schemas for everyone" in t)
        # A long track name wraps; every word of it is on the sign.
        assert _flat(LONG) in k1 or all(w in k1 for w in LONG.split())


def test_room_day_sign_without_tracks_is_unchanged(write_agenda: Callable[..., Path],
                                                   tmp_path: Path) -> None:
    text = re.sub(r", track: \w+", "", AGENDA)
    build(load(write_agenda(text)), tmp_path / "out", ["signs"])
    with pdfplumber.open(tmp_path / "out/door-signs.pdf") as pdf:
        words = " ".join(p.extract_text() or "" for p in pdf.pages)
        assert "Rust" not in words and not any(_swatches(p, RUST) for p in pdf.pages)


def test_a_track_name_too_long_for_a_sign_is_a_clear_error(write_agenda: Callable[..., Path],
                                                           tmp_path: Path) -> None:
    from podium.problems import AgendaError

    huge = " ".join(["Interfaces"] * 60)
    path = write_agenda(AGENDA.replace(f'name: "{LONG}"', f'name: "{huge}"'))
    with pytest.raises(AgendaError) as err:
        build(load(path), tmp_path / "out", ["signs"])
    message = str(err.value)
    assert "door sign of" in message and "Schemas for everyone" in message
    assert "the track name 'Interfaces Interfaces" in message and "shorten it" in message
