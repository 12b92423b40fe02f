"""Tests of family names, sort keys and index letters, on real names from the test corpus."""

from __future__ import annotations

import json
import random
import time
import unicodedata
import xml.etree.ElementTree as ET
from functools import lru_cache
from typing import Any

import pytest

from conftest import SHARED
from podium.i18n import Locale
from podium.importers import import_schedule
from podium.model import Agenda, Person
from podium.present import locale_of
from podium.renderers.booklet.view import index_entries, split_name
from podium.values import family_name_of, family_sort_key, index_letter, name_sort_key

CORPUS = SHARED / "corpus"
needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason=f"test corpus not found at {CORPUS}")
BRAILLE = "⠇⠕⠥⠊⠎⠀⠃⠗⠁⠊⠇⠇⠑"  # Louis Braille, in Braille: no letter or digit at all

# (name as in the corpus, family name as printed, its sort key)
CORPUS_NAMES = [
    # pronouns and nicknames in brackets
    ("Moritz Zeising (er/he)", "Zeising", "zeising"),
    ("Jérôme Poisson (Goffi)", "Poisson", "poisson"),
    ("Maarten van Gompel (proycon)", "van Gompel", "gompel"),
    ("Alexios Zavras (zvr)", "Zavras", "zavras"),
    ("Anirban (Ani) Sinha", "Sinha", "sinha"),
    ("Antonio Vázquez Blanco (Antón)", "Blanco", "blanco"),
    ("Chiao-Lin Yu (Steven Meow)", "Yu", "yu"),
    ("Sam. Beaumont (PANTH13R)", "Beaumont", "beaumont"),
    ("James (purpleidea)", "James", "james"),
    ("PhD (Philipp)", "PhD", "phd"),
    # nicknames in quotes
    ('Bernhard "bero" Rosenkränzer', "Rosenkränzer", "rosenkranzer"),
    ('Gregor "Little Detritus" Bransky', "Bransky", "bransky"),
    ('Harald "LaF0rge" Welte', "Welte", "welte"),
    ('Tobias "Tobi" Buchberger', "Buchberger", "buchberger"),
    ("Serge « sans paille » Guelton", "Guelton", "guelton"),
    # lower-case particles: kept for print, not for sorting
    ("Alexander van der Grinten", "van der Grinten", "grinten"),
    ("Edwin van den Belt", "van den Belt", "belt"),
    ("Michiel de Jong", "de Jong", "jong"),
    ("Pablo del Arco", "del Arco", "arco"),
    ("Sebastian von Alfthan", "von Alfthan", "alfthan"),
    ("Severin von Wnuck-Lipinski", "von Wnuck-Lipinski", "wnuck-lipinski"),
    ("José Ángel de Bustos Pérez", "de Bustos Pérez", "bustos perez"),
    ("Charles d'Avernas", "d'Avernas", "avernas"),
    # capitalised particles: part of the sort order
    ("Maxim Van de Wynckel", "Van de Wynckel", "van de wynckel"),
    ("Mathias Vanden Auweele", "Vanden Auweele", "vanden auweele"),
    ('James "Chewi" Le Cuirot', "Le Cuirot", "le cuirot"),
    ("Paul Le Guen de Kerneizon", "Le Guen de Kerneizon", "le guen de kerneizon"),
    ("Joseph P. De Veaugh-Geiss", "De Veaugh-Geiss", "de veaugh-geiss"),
    ("Luca Di Maio", "Di Maio", "di maio"),
    ("Ciarán O'Riordan", "O'Riordan", "o'riordan"),
    ("Sinéad O’Connor", "O’Connor", "o’connor"),
    # hyphens
    ("Zbigniew Jędrzejewski-Szmek", "Jędrzejewski-Szmek", "jedrzejewski-szmek"),
    ("Yousef El-Dardiry", "El-Dardiry", "el-dardiry"),
    ("Søren Hauch-Fausbøll", "Hauch-Fausbøll", "hauch-fausbøll"),
    # honorifics; what follows a comma, a bar or a spaced dash or slash
    ("Dr. Michael Stehmann", "Stehmann", "stehmann"),
    ("Jann Traschewski, DG8NGN", "Traschewski", "traschewski"),
    ("Stefan, Yannik & Rike", "Stefan", "stefan"),
    ("Tim Mäcken | Radiomegahertz", "Mäcken", "macken"),
    ("Keywan Tonekaboni | c’t uplink", "Tonekaboni", "tonekaboni"),
    ("Antonio Malara - Biappi", "Malara", "malara"),
    ("551724 / maya boeckh", "boeckh", "boeckh"),
    # single words, handles, addresses, trailing punctuation
    ("Ramses", "Ramses", "ramses"),
    ("Geert-Jan", "Geert-Jan", "geert-jan"),
    ("A.J.", "A.J", "a.j"),
    ("@pkoerner81929", "pkoerner81929", "pkoerner81929"),
    ("DH_NCC", "DH_NCC", "dh_ncc"),
    ("Frantisek (Frank) Borsik_LibreQoS", "Borsik_LibreQoS", "borsik_libreqos"),
    ("3d-Flo", "3d-Flo", "3d-flo"),
    ("49016", "49016", "49016"),
    ("johan@linaker.se", "johan", "johan"),
    ("jehan.monnier@belledonne-communication.com", "jehan.monnier", "jehan.monnier"),
    # other scripts
    ("Johann Strauß", "Strauß", "strauss"),
    ("Михаил Горбачёв", "Горбачёв", "горбачев"),
    ("Γιώργος Νταλάρας", "Νταλάρας", "νταλαρασ"),  # casefold: final ς is σ,
    ("Ἀρχιμήδης", "Ἀρχιμήδης", "αρχιμηδησ"),
    ("عبدالحليم حافظ", "حافظ", "حافظ"),
    ("יהורם גאון", "גאון", "גאון"),
    ("章子怡", "章子怡", "章子怡"),
    ("久保田    利伸", "久保田", "久保田"),
    ("林原 めぐみ", "林原", "林原"),
    ("宮崎\u3000駿", "宮崎", "宮崎"),
    ("솅조ᇰ (세종대왕)", "솅조ᇰ", unicodedata.normalize("NFKD", "솅조ᇰ")),
    ("མགོན་པོ་རྡོ་རྗེ།", "མགོན་པོ་རྡོ་རྗེ", "མགན་པ་རྡ་རྗ"),
    (BRAILLE, BRAILLE, ""),
]


@lru_cache(maxsize=1)
def corpus_names() -> frozenset[str]:
    names: set[str] = set()
    for xml in ("fosdem-2025.schedule.xml", "39c3-himmel.schedule.xml"):
        names.update(p.text or "" for p in ET.parse(CORPUS / xml).iter("person"))

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if "public_name" in node:
                names.add(node["public_name"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(json.loads((CORPUS / "rc3-channels-2020.pretalx.schedule.json").read_text(encoding="utf-8")))
    names.update((CORPUS / "unicode-names.txt").read_text(encoding="utf-8").splitlines())
    # As podium reads them: `Text` is NFC.
    return frozenset(unicodedata.normalize("NFC", n) for n in names)


@needs_corpus
def test_the_table_holds_real_names_from_the_corpus() -> None:
    assert len(CORPUS_NAMES) >= 40
    assert [n for n, _, _ in CORPUS_NAMES if unicodedata.normalize("NFC", n) not in corpus_names()] == []


@pytest.mark.parametrize(("name", "family", "key"), CORPUS_NAMES)
def test_family_name_and_key(name: str, family: str, key: str) -> None:
    assert family_name_of(name) == family
    assert family_sort_key(family) == key
    assert name_sort_key(name)[0] == (key or name_sort_key(name)[0])
    letter = index_letter(name_sort_key(name))
    if key:
        assert letter == key[0].upper() and letter.isalnum()
    else:
        assert letter is None


@pytest.mark.parametrize(("name", "family"), [
    ("Nadia Santalla (she/her)", "Santalla"),
    ("Matt Yonkovit ( The Yonk )", "Yonkovit"),
    ("Ann Smith (she/her", "Smith"),  # cut short by an export
    ("Ana Lima <ana@example.org>", "Lima"),
    ("Ana Lima ana@example.org", "Lima"),
    ("Martin Luther King Jr.", "King"),
    ("Sammy Davis, Jr.", "Davis"),
    ("Henry Ford III", "Ford"),
    ("Prof. Dr. Ada Lovelace, PhD", "Lovelace"),
    ("Mrs. Jane Doe MD", "Doe"),
    ("Md Mostafizur Rahman", "Rahman"),
    ("Gerard 't Hooft", "'t Hooft"),
    ("José Ortega y Gasset", "Ortega y Gasset"),
    ("João de Almeida Cipriano", "de Almeida Cipriano"),
    ("Sam Smith ;", "Smith"),
])
def test_asides_suffixes_and_honorifics_are_not_the_family_name(name: str, family: str) -> None:
    assert family_name_of(name) == family


def test_explicit_family_name_wins() -> None:
    scipio = Person(id="scipio", name="Pūblius Cornēlius Scīpiō Africānus", family_name="Scīpiō")
    assert scipio.sort_key[0] == "scipio"
    assert split_name(scipio) == ("Scīpiō", "Pūblius Cornēlius Africānus")
    # A family name given with a lower-case particle still sorts under the name itself.
    berg = Person(id="berg", name="Anna van der Berg-Smit", family_name="van der Berg-Smit")
    assert berg.sort_key[0] == "berg-smit"
    assert split_name(berg) == ("van der Berg-Smit", "Anna")


def test_sort_as_wins_over_family_name() -> None:
    person = Person(id="berg", name="Anna van der Berg", family_name="van der Berg", sort_as="Vanderberg")
    assert person.sort_key == ("vanderberg", "anna van der berg")
    assert index_letter(person.sort_key) == "V"
    assert split_name(person) == ("van der Berg", "Anna")  # printed as before
    as_written = Person(id="b2", name="Anna van der Berg", sort_as="Berg, van der")
    assert as_written.sort_key[0] == "berg, van der"


def test_sorting_a_list() -> None:
    expected = ["Sebastian von Alfthan", "Pablo del Arco", "Edwin van den Belt",
                "Antonio Vázquez Blanco (Antón)", "José Ángel de Bustos Pérez",
                "Joseph P. De Veaugh-Geiss", "Luca Di Maio",
                "Alexander van der Grinten", "James \"Chewi\" Le Cuirot", "Paul Le Guen de Kerneizon",
                "Ciarán O'Riordan", "Jérôme Poisson (Goffi)", "Dr. Michael Stehmann", "Ana Van de Wynckel",
                "Maxim Van de Wynckel", "Moritz Zeising (er/he)", BRAILLE]
    shuffled = expected[:]
    random.Random(4).shuffle(shuffled)
    assert sorted(shuffled, key=name_sort_key) == expected


def test_split_name_prints_the_rest_of_the_name_as_written() -> None:
    def split(name: str) -> tuple[str, str]:
        return split_name(Person(id="x", name=name))

    assert split("Jean-Pierre Lacroix") == ("Lacroix", "Jean-Pierre")
    assert split("Jérôme Poisson (Goffi)") == ("Poisson", "Jérôme (Goffi)")
    assert split('Bernhard "bero" Rosenkränzer') == ("Rosenkränzer", 'Bernhard "bero"')
    assert split("Alexander van der Grinten") == ("van der Grinten", "Alexander")
    assert split("Jann Traschewski, DG8NGN") == ("Traschewski", "Jann, DG8NGN")
    assert split("Jordan Dan") == ("Dan", "Jordan")
    # Family name first, a single word, a handle: as written.
    assert split("林原 めぐみ") == ("林原 めぐみ", "")
    assert split("Lukas (veti)") == ("Lukas (veti)", "")
    assert split("@pkoerner81929") == ("@pkoerner81929", "")


def _agenda(names: list[str]) -> Agenda:
    return Agenda.model_validate({
        "event": {"title": "T", "timezone": "Europe/Brussels", "url": "https://example.org/"},
        "people": [{"id": f"p{n}", "name": name} for n, name in enumerate(names)],
        "days": [{"date": "2025-02-01", "items": [
            {"start": "09:00", "title": "Talk", "speakers": [f"p{n}" for n in range(len(names))]}]}],
    })


def test_names_without_a_letter_go_in_a_last_group() -> None:
    agenda = _agenda([BRAILLE, "3d-Flo", "Jérôme Poisson (Goffi)", "Moritz Zeising (er/he)"])
    entries = index_entries(agenda, Locale("en"))
    assert [e.letter for e in entries] == ["3", "P", "Z", "Other"]
    assert [e.letter for e in index_entries(agenda, Locale("fr"))][-1] == "Autres"


@needs_corpus
def test_no_fosdem_index_group_starts_with_a_non_letter() -> None:
    agenda = Agenda.model_validate(import_schedule(CORPUS / "fosdem-2025.schedule.xml").agenda)
    entries = index_entries(agenda, locale_of(agenda))
    letters = list(dict.fromkeys(e.letter for e in entries))
    assert all(letter.isalpha() for letter in letters), letters
    assert letters[0] == "A" and letters == sorted(letters)  # each group once, in order
    assert not [e.family for e in entries if not e.family[0].isalnum()]
    poisson = next(e for e in entries if e.family == "Poisson")
    assert (poisson.letter, poisson.given) == ("P", "Jérôme (Goffi)")


def test_ten_thousand_names_are_keyed_quickly() -> None:
    names = [f"{given} {particle}Name{n} ({n % 7})" for n in range(10_000)
             for given, particle in [(("Ana", "Jean", "Mei")[n % 3], ("", "van ", "de ")[n % 3])]]
    start = time.perf_counter()
    keys = [name_sort_key(name) for name in names]
    assert time.perf_counter() - start < 2.0
    assert keys[1] == ("name1", "jean van name1")
