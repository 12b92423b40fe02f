"""Characters no text font draws: kept when a bundled symbol font draws them (≠ ≥ →), replaced
by a readable or visible stand-in otherwise, emoji removed and counted, lost text reported."""

from __future__ import annotations

import subprocess
import textwrap
from pathlib import Path

import pdfplumber
import pytest
from click.testing import CliRunner

from podium.cli import main
from podium.emoji import text_presentation
from podium.fonts import bundled
from podium.importers import Imported, import_schedule
from podium.importers.glyphs import Glyphs
from podium.importers.report import Report
from podium.importers.write import write
from podium.load import load
from podium.pipeline import build

LINEAR_B = "\U00010000"  # LINEAR B SYLLABLE B008 A: no bundled font has the Linear B block

FRAB = """\
<schedule>
  <conference><title>Symbol Con</title><time_zone_name>Europe/Brussels</time_zone_name>
    <base_url>https://symbols.example.org/</base_url></conference>
  <day index="1" date="2025-02-01">
    <room name="K.1.105">
      <event guid="11111111-2222-3333-4444-555555555555" id="1">
        <date>2025-02-01T10:00:00+01:00</date><start>10:00</start><duration>00:30</duration>
        <room>K.1.105</room><title>P ≠ NP</title><type>Talk</type>
        <abstract>&lt;p&gt;Why a → b ⇒ c.&lt;/p&gt;&lt;p&gt;And x ≤ y, again ≠.&lt;/p&gt;</abstract>
        <persons><person id="7">Ada Lovelace</person></persons>
      </event>
      <event guid="22222222-2222-3333-4444-555555555555" id="2">
        <date>2025-02-01T10:30:00+01:00</date><start>10:30</start><duration>00:30</duration>
        <room>K.1.105</room><title>Linux ≥ 5.19 💌</title><type>Talk</type>
        <abstract>&lt;p&gt;Love 💌 and 💌, flexing 💪🏽.&lt;/p&gt;</abstract>
        <persons><person id="8">Grace Hopper</person></persons>
      </event>
      <event guid="33333333-2222-3333-4444-555555555555" id="3">
        <date>2025-02-01T11:00:00+01:00</date><start>11:00</start><duration>00:30</duration>
        <room>K.1.105</room><title>Reading {lb} tablets</title><type>Talk</type>
        <abstract>&lt;p&gt;The sign {lb} first.&lt;/p&gt;
          &lt;p&gt;The sign {lb} again; caf\ufffd and CafÃ©.&lt;/p&gt;</abstract>
        <persons><person id="7">Ada Lovelace</person></persons>
      </event>
    </room>
  </day>
</schedule>
""".replace("{lb}", LINEAR_B)


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> Imported:
    path = tmp_path_factory.mktemp("glyphs") / "symbols.xml"
    path.write_text(FRAB, encoding="utf-8")
    return import_schedule(path)


def _items(imported: Imported) -> dict[str, dict[str, object]]:
    return {it["id"]: it for day in imported.agenda["days"] for it in day["items"]}


def _warnings(imported: Imported) -> list[str]:
    return [n.message for n in imported.report.warnings]


def test_the_test_characters_are_what_the_tests_assume() -> None:
    fonts = bundled()
    assert not fonts.missing("≠≥≤→⇒⌘✓★☕"), "symbol fonts bundled for these"
    assert fonts.missing(LINEAR_B) == [LINEAR_B]
    assert fonts.missing("💌💪") == ["💌", "💪"]
    # Symbol fonts come after every text font: Noto Sans keeps its Latin, a script font its minus.
    assert fonts.fallback_for("a", "Noto Sans").family == "Noto Sans"  # type: ignore[union-attr]
    assert fonts.fallback_for("≠", "Noto Sans").family == "Noto Sans Math"  # type: ignore[union-attr]
    assert fonts.fallback_for("\u2212", "Noto Sans").family == "Noto Sans Bengali"  # type: ignore[union-attr]


def test_operators_and_arrows_are_kept_as_they_are(imported: Imported) -> None:
    items = _items(imported)
    assert items["11111111"]["title"] == "P ≠ NP"
    assert items["11111111"]["background"] == ["Why a → b ⇒ c.", "And x ≤ y, again ≠."]
    assert items["22222222"]["title"] == "Linux ≥ 5.19"
    assert not [w for w in _warnings(imported) if "11111111" in w]
    assert not [(c, s) for (c, s) in imported.report.characters.replaced if c in "≠≥≤→⇒"]


def test_emoji_are_removed_counted_and_warned_once_per_event_and_character(imported: Imported) -> None:
    items = _items(imported)
    assert items["22222222"]["background"] == ["Love and , flexing ."]
    love = [w for w in _warnings(imported) if "💌" in w.split(":", 1)[1]]
    assert love == ["event 22222222 ('Linux ≥ 5.19 💌'): no bundled font draws '💌' (U+1F48C LOVE LETTER) "
                    "in its title and abstract; removed (an emoji: decoration only)"]
    chars = imported.report.characters
    assert chars.removed == {"💌": 3, "💪": 1}  # the skin tone went with its emoji
    assert "removed 4 emoji (💌 x3, 💪 x1)" in chars.summary()


def test_an_undrawable_character_is_a_visible_token_warned_once(imported: Imported) -> None:
    items = _items(imported)
    assert items["33333333"]["title"] == "Reading [U+10000] tablets"
    assert items["33333333"]["background"][0] == "The sign [U+10000] first."
    linear_b = [w for w in _warnings(imported) if "LINEAR B" in w]
    assert linear_b == [f"event 33333333 ('Reading {LINEAR_B} tablets'): no bundled font draws '{LINEAR_B}' "
                        "(U+10000 LINEAR B SYLLABLE B008 A) in its title and abstract; printed as "
                        "'[U+10000]' so that the gap shows"]
    assert imported.report.characters.replaced[(LINEAR_B, "[U+10000]")] == 3
    assert "replaced 3 characters no bundled font draws (𐀀 -> '[U+10000]' x3)" in \
        imported.report.characters.summary()


def test_lost_and_mis_decoded_source_text_is_reported(imported: Imported) -> None:
    warnings = _warnings(imported)
    assert [w for w in warnings if "U+FFFD" in w] == [
        f"event 33333333 ('Reading {LINEAR_B} tablets'): the source holds U+FFFD REPLACEMENT CHARACTER "
        "in its abstract: text was already lost before import (kept as it is: fix it in the source "
        "or in the agenda)"]
    assert any("'Ã©' in its abstract looks like 'é'" in w for w in warnings)
    # Both stay in the text for the organiser to find.
    assert "caf\ufffd and CafÃ©." in _items(imported)["33333333"]["background"][1]  # type: ignore[operator]


def test_the_imported_agenda_passes_the_check(imported: Imported, tmp_path: Path) -> None:
    write(imported.agenda, tmp_path / "agenda.yaml")
    programme = load(tmp_path / "agenda.yaml")
    assert not [w for w in programme.warnings if w.is_error]
    assert [it.title for _, it in programme.agenda.items()] == \
        ["P ≠ NP", "Linux ≥ 5.19", "Reading [U+10000] tablets"]


def test_the_cli_prints_the_count_of_changed_characters(tmp_path: Path) -> None:
    source = tmp_path / "symbols.xml"
    source.write_text(FRAB, encoding="utf-8")
    result = CliRunner().invoke(main, ["import", str(source), "-o", str(tmp_path / "agenda.yaml")])
    assert result.exit_code == 0, result.output
    assert "symbols.xml: replaced 3 characters no bundled font draws (𐀀 -> '[U+10000]' x3); " \
        "removed 4 emoji (💌 x3, 💪 x1)" in result.output


@pytest.mark.parametrize(("text", "fixed", "note"), [
    ("ﬁne", "ﬁne", None),  # drawn as it is (Noto Sans has the ligature)
    ("x ⊕ y", "x ⊕ y", None),
    ("✅ done", "(yes) done", "printed as '(yes)'"),
    ("a\u2500b", "a-b", "printed as '-'"),
    ("\uf0e0 mail", "[U+F0E0] mail", "printed as '[U+F0E0]'"),  # a private-use icon is not an emoji
    ("🇧🇪 Brussels", "Brussels", "removed"),  # a flag is one emoji of two characters
    ("👩\u200d💻 coder", "coder", "removed"),
    ("❤\ufe0f love", "❤ love", None),  # drawn in its text form; the selector alone goes
])
def test_each_policy_on_one_text(text: str, fixed: str, note: str | None) -> None:
    report = Report()
    glyphs = Glyphs(bundled(), report)
    assert glyphs.fix(text, "event x", "title") == fixed
    messages = [n.message for n in report.warnings]
    assert (note is None and not messages) or (len(messages) == 1 and note in messages[0])


def test_text_presentation_keeps_emoji_style_characters_with_bundled_fonts() -> None:
    assert text_presentation("tea ☕ ✓") == "tea ☕\ufe0e ✓"
    assert text_presentation("☕\ufe0e") == "☕\ufe0e"
    assert text_presentation("plain") == "plain"


AGENDA = """\
event:
  title: Symbol Con
  timezone: Europe/Brussels
  url: https://symbols.example.org/
  language: en
rooms:
- id: k1
  name: K.1.105
people:
- id: ada
  name: Ada Lovelace
  role: P ≠ NP researcher
  organisation: Linux ≥ 5.19 Group
days:
- date: "2025-02-01"
  items:
  - id: e1
    start: "10:00"
    end: "10:30"
    title: P ≠ NP
    room: k1
    speakers: [ada]
    background:
    - Why a → b ⇒ c, x ≤ y, and tea ☕.
  - id: e2
    start: "10:30"
    end: "11:00"
    title: Linux ≥ 5.19
    room: k1
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("symbols")
    (folder / "agenda.yaml").write_text(textwrap.dedent(AGENDA), encoding="utf-8")
    programme = load(folder / "agenda.yaml")  # `podium check` passes: no undrawable character
    assert not [w for w in programme.warnings if w.is_error]
    build(programme, folder / "out", only=["booklet", "badges", "signs"])
    return folder / "out"


def _text(pdf: Path) -> str:
    # pdftotext joins a line whose characters come from fonts of different heights (Noto Sans
    # and Noto Sans Math), as a reader sees it; pdfplumber splits it by baseline.
    return subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout


def _fonts(pdf: Path) -> set[str]:
    rows = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True,
                          check=True).stdout.splitlines()[2:]
    return {row.split()[0].split("+", 1)[-1] for row in rows}


@pytest.mark.parametrize("name", ["badges.pdf", "door-signs.pdf", "programme.pdf"])
def test_not_equal_and_greater_or_equal_print_from_a_bundled_font(built: Path, name: str) -> None:
    text = _text(built / name)
    assert "P ≠ NP" in text and "Linux ≥ 5.19" in text
    fonts = _fonts(built / name)
    assert any("Math" in f for f in fonts), fonts
    assert not [f for f in fonts if "DejaVu" in f], fonts


def test_the_booklet_draws_arrows_and_tea_only_with_bundled_fonts(built: Path) -> None:
    text = _text(built / "programme.pdf")
    assert "a → b ⇒ c, x ≤ y, and tea ☕." in text
    with pdfplumber.open(built / "programme.pdf") as doc:
        drawn = {c["text"]: c["fontname"].split("+", 1)[-1] for page in doc.pages for c in page.chars}
    assert drawn["→"] == drawn["≤"] == "Podium-Noto-Sans-Math"
    assert drawn["☕"] == "Podium-Noto-Sans-Symbols2"
