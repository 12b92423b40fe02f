"""Seeded, structure-aware generators of agendas and attendee CSVs for tests/test_fuzz.py.

An agenda is made as data (a small random one, or the repository's agenda.yaml), mutated
as data (keys dropped, duplicated, renamed or retyped; odd times, dates and ids; long and
odd texts; deep nesting), written as YAML in one of several styles, and then mutated as
text (raw control characters, aliases, indentation, truncation, invalid UTF-8). Everything
comes from one `random.Random(seed)`, so a case is reproduced from its seed alone.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import random
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

SEED_AGENDA = Path(__file__).resolve().parent.parent / "agenda.yaml"
_DUMPER: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

NAMES = ["Ann Smith", "Jean-Pierre Lacroix", "Søren Hauch-Fausbøll", "王菲", "محمد علي",
         "Nguyễn Văn An", "O'Neill", "Hans van der Berg", "Dr. Ada Lovelace, PhD", "(Goffi)",
         "ʻOlelo Hawaiʻi", "Ørsted", "a", "Zoë “Zed” Day", "李 小龙", "Łukasz Żółć", "Ἀριστοτέλης",
         "Ann Smith", "ANN SMITH", "José\u0301", "A\u200dB", "x" * 300, "- & -", "😀 Smile",
         "<b>Bold</b>", "{{ name }}", "Ann\tTab", "Dee\nLine", "   ", "Иван Петров"]
TITLES = ["Opening", "Keynote: what next?", "Break", "Lunch", "Panel — 30 years", "שלום עולם",
          "नमस्ते दुनिया", "Zalgo z̴̧̛a̸", "<script>alert(1)</script>", "{% raw %}", "100% & more",
          "\\section{x}", "Ünïcödé ﬁ ligature", "Emoji 🎉🎉", "a" * 2000, "Tab\there", "Line\nbreak",
          "Sess\u00adion", "\u202eevil", "Q: ¿qué?", "#hash", "*star*", "[brackets]", ""]
TIMES = ["09:00", "9:30", "10:15", "12:00", "23:59", "24:00", "25:30", "29:59", "30:00", "47:59",
         "48:00", "00:00", "0:00", "12:60", "-1:00", "9.30", "0930", 930, 9.5, "", None, True,
         "24:00:00", "09:00 ", " 9:05", "٠٩:٣٠", "12:5"]
DATES = ["2025-03-04", "2024-02-29", "2025-02-29", "0001-01-01", "9999-12-31", "2025-13-01",
         "2025-3-4", 20250304, "2025-03-04T10:00", "", None, "2025-03-31", "2025-04-31"]
ZONES = ["Europe/Berlin", "UTC", "America/Montevideo", "Pacific/Kiritimati", "Asia/Kathmandu",
         "Etc/GMT+12", "America/St_Johns", "Australia/Lord_Howe", "Nowhere/City", "", "utc"]
URLS = ["https://agenda.testcon.eu/", "http://x.org", "https://agenda.invalid/change-me/",
        "ftp://x.org/", "https://x.org/?q=1", "https://例え.jp/", "https://x.org/a b/",
        "https://x.org/#f", "https://" + "x" * 300 + ".org/"]
KINDS = ["session", "break", "meal", "ceremony", "Session", "talk", ""]
KEYS = ["title", "name", "id", "start", "end", "date", "items", "people", "days", "event",
        "speakers", "chair", "room", "rooms", "kind", "panelists", "abstract", "print",
        "attendees", "timezone", "url", "x", "", "Title", "speaker", "remote", "person"]
CONTROLS = ["\x00", "\x07", "\x08", "\x0b", "\x0c", "\x1b", "\x7f", "\x85", "\x9b", "\ufffe",
            "\uffff", "\ufdd0", "\U0001fffe", "\r", "\u2028", "\u2029", "\ufeff", "\ufffd", "\t",
            "\u200b", "\u0301"]
ESCAPES = ["\\0", "\\a", "\\e", "\\x7f", "\\x85", "\\ud800", "\\ud83d\\ude00", "\\uffff", "\\r",
           "\\N", "\\_", "\\L", "\\U0010ffff", "\\t"]


def _drawable(text: Any) -> bool:
    return isinstance(text, str) and text.strip() != "" and len(text) <= 1_000 and not any(
        0x1F000 <= ord(c) <= 0x1FFFF or c in "\u202e" for c in text)


def _text(rng: random.Random, pool: list[Any], valid: bool = False) -> Any:
    if valid:
        return rng.choice([t for t in pool if _drawable(t)] or ["Text"])
    if rng.random() < 0.08:
        return _odd_text(rng)
    return rng.choice(pool)


def _odd_text(rng: random.Random) -> str:
    pick = rng.random()
    if pick < 0.3:
        return "".join(rng.choice(CONTROLS + list("ab :-#&'\"")) for _ in range(rng.randint(1, 12)))
    if pick < 0.45:  # long, sometimes past the limit (100,000)
        return rng.choice("xé 😀") * rng.choice([5_000, 20_000, 99_999, 100_001, 150_000])
    if pick < 0.6:
        return "".join(chr(rng.randint(0x20, 0x2FFFF)) for _ in range(rng.randint(1, 30)))
    if pick < 0.8:
        return rng.choice(["yes", "no", "on", "off", "~", "null", "1e3", "0x1F", "0o17", "1_000",
                           ".inf", "-.nan", "09:30", "1:2:3", "2025-03-04", "&a", "*a", "!tag",
                           "%", "@", "`", "|", ">", "- x", "? x", ": x", "[", "{", "'", '"'])
    return " ".join(rng.choice(NAMES + TITLES) for _ in range(rng.randint(2, 40)))


def _person(rng: random.Random, i: int, valid: bool) -> dict[str, Any]:
    person: dict[str, Any] = {"id": f"p{i}", "name": _text(rng, NAMES, valid)}
    for key, pool in (("title", ["Dr.", "Ambassador", "H.E.", ""]), ("role", ["Chair", "Analyst"]),
                      ("organisation", ["UN", "DIIS", "ÉCOLE", "x" * 200]),
                      ("country", ["Uruguay", "Côte d'Ivoire", "日本"]),
                      ("category", ["Speaker", "Press", "Delegate", "VIP", ""]),
                      ("family_name", ["van der Berg", "Smith", ""]), ("sort_as", ["Berg, van der"])):
        if rng.random() < 0.25:
            person[key] = _text(rng, pool, valid)
    return person


def _speakers(rng: random.Random, people: list[str], valid: bool) -> list[Any]:
    chosen = rng.sample(people, rng.randint(1, len(people))) if valid else [
        rng.choice(people) for _ in range(rng.randint(1, 4))]
    return [p if rng.random() < 0.7 else {"person": p, "remote": rng.random() < 0.3,
                                          **({"role": "Moderator"} if rng.random() < 0.3 else {})}
            for p in chosen]


def _item(rng: random.Random, people: list[str], rooms: list[str], minute: int,
          valid: bool) -> dict[str, Any]:
    start = minute if valid or rng.random() < 0.85 else rng.randint(0, 48 * 60)
    item: dict[str, Any] = {"start": f"{start // 60:02d}:{start % 60:02d}",
                            "title": _text(rng, TITLES, valid)}
    if rng.random() < 0.6:
        end = start + rng.choice([15, 30, 45, 60, 90, 600])
        if not valid or end < 48 * 60:
            item["end"] = f"{end // 60:02d}:{end % 60:02d}"
    if not valid and rng.random() < 0.1:
        item["start"] = rng.choice(TIMES)
    if rng.random() < 0.4:
        item["kind"] = rng.choice(KINDS[:4]) if valid or rng.random() < 0.9 else rng.choice(KINDS)
    if rng.random() < 0.3:
        item["id"] = (f"s{minute}-{rng.randrange(10**6)}" if valid else
                      rng.choice([f"s{minute}", "opening", 7, "x.y-z_1", "Ünï"]))
    if people and rng.random() < 0.5:
        item["speakers"] = _speakers(rng, people, valid)
    if people and rng.random() < 0.3:
        item["chair"] = rng.choice(people) if rng.random() < 0.5 else rng.sample(people, 1)
    if rooms and rng.random() < 0.6:
        item["room"] = rng.choice(rooms)
    for key, pool in (("background", TITLES), ("questions", [TITLES[:4], TITLES[8:12]]),
                      ("subtitle", TITLES), ("track", ["Main", "Rust devroom"]),
                      ("format", ["Talk", "Workshop"]), ("number", [1, 2, 3, 10**6]),
                      ("questions_label", ["Key Questions"]), ("language", ["en", "de"]),
                      ("url", URLS[:1] if valid else URLS), ("guid", ["abc-123"])):
        if rng.random() < 0.12:
            value = rng.choice(pool)
            item[key] = [_text(rng, value, valid)] if isinstance(value, list) and valid else (
                _text(rng, [value], valid) if valid and isinstance(value, str) else value)
    return item


def small_agenda(rng: random.Random, valid: bool = False) -> dict[str, Any]:
    """A small agenda; with `valid`, one that should load (odd but valid times and texts)."""
    people = [_person(rng, i, valid) for i in range(rng.randint(0, 7))]
    rooms = [{"id": f"r{i}", "name": rng.choice(["Hall A", "Salle 1", "会议室", "Room " * 20])}
             for i in range(rng.choice([0, 0, 1, 2, 4]))]
    ids = [p["id"] for p in people]
    first = dt.date(2025, 3, 1) + dt.timedelta(days=rng.randint(-400, 400))
    days = []
    for d in range(rng.choice([1, 1, 1, 2, 3])):
        minute, items = rng.randint(6, 10) * 60, []
        for _ in range(rng.choice([0, 1, 2, 3, 5, 8, 30] if valid else [0, 1, 2, 3, 5, 8])):
            if valid and minute >= 48 * 60:
                break
            items.append(_item(rng, ids, [r["id"] for r in rooms], minute, valid))
            minute += rng.choice([0, 15, 30, 60, 120, 600])
        days.append({"date": (first + dt.timedelta(days=d)).isoformat(), "items": items})
    event: dict[str, Any] = {"title": _text(rng, TITLES, valid) or "Conference",
                             "timezone": rng.choice(ZONES[:8]), "url": "https://agenda.testcon.eu/"}
    for key, pool in (("subtitle", TITLES), ("venue", ["Palais"]), ("city", ["Montevideo"]),
                      ("language", ["en", "es", "fr"])):
        if rng.random() < 0.3:
            event[key] = _text(rng, pool, valid)
    agenda: dict[str, Any] = {"event": event, "people": people, "days": days}
    if rooms or rng.random() < 0.2:
        agenda["rooms"] = rooms
    if rng.random() < 0.2:
        agenda["print"] = rng.choice([{"paper": "A4"}, {"sign_mode": "session"},
                                      {"booklet_detail": "compact"}, {"badge_double_sided": True},
                                      {"category_colours": {"VIP": "#123456"}}, {"sign_breaks": True},
                                      {"badge_back": "glance", "badge_double_sided": True},
                                      {"sign_mode": "room-day", "paper": "Letter"},
                                      {"badge_order": "csv", "badge_remote": True}])
    return agenda


_SEED: list[dict[str, Any]] = []


def seed_agenda() -> dict[str, Any]:
    if not _SEED:
        _SEED.append(yaml.load(SEED_AGENDA.read_text(encoding="utf-8"), Loader=_LOADER))
    return copy.deepcopy(_SEED[0])


# -- mutations of the data ------------------------------------------------------------------

def _nodes(data: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [path]
    if isinstance(data, dict):
        for k, v in data.items():
            out += _nodes(v, (*path, k))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            out += _nodes(v, (*path, i))
    return out


def _junk(rng: random.Random) -> Any:
    return rng.choice([None, True, False, 0, -1, 1.5, 1.0, 10**30, "", [], {}, [1, 2], {"x": 1},
                       rng.choice(TIMES), rng.choice(DATES), rng.choice(ZONES), rng.choice(URLS),
                       rng.choice(KINDS), _odd_text(rng), [[[]]], {"person": 3.5}, [1.0], "p0"])


def _deep(rng: random.Random) -> Any:
    value: Any = rng.choice(["x", 1, None])
    for _ in range(rng.choice([5, 30, 60, 61, 62, 63, 64, 65, 150])):  # deeper: as text
        value = [value] if rng.random() < 0.7 else {"k": value}
    return value


def mutate_data(rng: random.Random, data: Any) -> Any:
    nodes = _nodes(data)
    path = rng.choice(nodes)
    if not path:
        return _junk(rng) if rng.random() < 0.3 else data
    parent = data
    for part in path[:-1]:
        parent = parent[part]
    last = path[-1]
    op = rng.random()
    if op < 0.15 and isinstance(parent, dict):
        del parent[last]
    elif op < 0.25 and isinstance(parent, dict):
        parent[rng.choice(KEYS)] = parent.pop(last)
    elif op < 0.3 and isinstance(parent, list):
        parent.insert(rng.randint(0, len(parent)), copy.deepcopy(parent[last]))
    elif op < 0.35 and isinstance(parent, list):
        parent.reverse()
    elif op < 0.6:
        parent[last] = _junk(rng)
    elif op < 0.7:
        parent[last] = rng.choice(TIMES) if rng.random() < 0.6 else rng.choice(DATES)
    elif op < 0.75:
        parent[last] = _deep(rng)
    elif op < 0.85:
        parent[last] = _odd_text(rng)
    elif op < 0.9 and isinstance(parent[last], list):
        parent[last] = parent[last] * rng.choice([0, 2, 20])
    elif isinstance(parent[last], str | int) and not isinstance(parent[last], bool):
        parent[last] = rng.choice([int, float, str, lambda v: [v]])(
            len(str(parent[last])) if not isinstance(parent[last], int) else parent[last])
    return data


# -- writing, and mutations of the text -------------------------------------------------------

def write(rng: random.Random, data: Any) -> str:
    style = rng.random()
    if style < 0.1:
        return json.dumps(data, ensure_ascii=rng.random() < 0.5, default=str)
    return _dump(data, allow_unicode=rng.random() < 0.8, width=rng.choice([80, 10**6]),
                 default_flow_style=rng.choice([False, False, None, True]))


def _dump(data: Any, **options: Any) -> str:
    try:
        return str(yaml.dump(data, Dumper=_DUMPER, sort_keys=False, **options))
    except UnicodeEncodeError:  # libyaml cannot write a lone surrogate; PyYAML escapes it
        return str(yaml.dump(data, Dumper=yaml.SafeDumper, sort_keys=False, **options))


def _laughs(levels: int) -> str:
    out = "laughs:\n  l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
    return out + "".join(f"  l{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * 9) + "]\n"
                         for i in range(1, levels + 1))


def mutate_text(rng: random.Random, text: str) -> str:
    lines = text.split("\n")
    op = rng.random()
    at = rng.randrange(len(lines))
    if op < 0.15:
        pos = rng.randint(0, len(text))
        return text[:pos] + rng.choice(CONTROLS) + text[pos:]
    if op < 0.25:
        del lines[at]
    elif op < 0.35:
        lines.insert(at, lines[at])
    elif op < 0.45:
        lines[at] = " " * rng.randint(1, 3) + lines[at] if rng.random() < 0.5 else lines[at].lstrip()
    elif op < 0.5:
        lines[at] = "\t" + lines[at]
    elif op < 0.55:
        return text[: rng.randint(0, len(text))]
    elif op < 0.65 and ": " in lines[at]:
        key, _, value = lines[at].partition(": ")
        lines[at] = f"{key}: &a{at} {value}"
        later = rng.randrange(at, len(lines))
        if ": " in lines[later]:
            lines[later] = lines[later].partition(": ")[0] + f": *a{rng.choice([at, at + 1])}"
    elif op < 0.7 and ": " in lines[at]:
        lines[at] = lines[at].partition(": ")[0] + ": &r [*r]"
    elif op < 0.72:
        lines.append(_laughs(rng.choice([2, 4, 9])))
    elif op < 0.75:
        n = rng.choice([63, 64, 500, 5000])
        lines.insert(at, "deep: " + "[" * n + "]" * n if rng.random() < 0.5 else
                     "deep:\n" + "".join(" " * (i + 1) + "-\n" for i in range(n // 10)))
    elif op < 0.8:
        lines.insert(at, rng.choice(["---", "...", "%YAML 1.1", "? [a]", "!!python/object:os.system x",
                                     "<<: *a", "- - -", "{", "]", "#"]))
    elif op < 0.85 and '"' in lines[at]:
        lines[at] = lines[at].replace('"', '"' + rng.choice(ESCAPES), 1)
    elif op < 0.9:
        return text.replace("\n", rng.choice(["\r\n", "\r", "\n\n", "\u2028"]))
    else:
        pos = rng.randint(0, len(text))
        return text[:pos] + chr(rng.choice([0xD800, 0xDFFF, 0x10FFFF, 0xFEFF, 0x2028, 0x0])) + text[pos:]
    return "\n".join(lines)


def agenda_case(seed: int) -> bytes:
    """The bytes of one agenda.yaml, from `seed` alone."""
    rng = random.Random(seed)
    data = seed_agenda() if rng.random() < 0.05 else small_agenda(rng)
    for _ in range(rng.choice([0, 1, 1, 2, 3, 5])):
        data = mutate_data(rng, data)
    text = write(rng, data)
    for _ in range(rng.choice([0, 0, 1, 1, 2])):
        text = mutate_text(rng, text)
    # Lone surrogates cannot be UTF-8: written as such bytes they make the file invalid UTF-8.
    return text.encode("utf-8", "surrogatepass")


def valid_agenda_case(seed: int) -> str:
    """An agenda that, more often than not, loads: for the builds."""
    rng = random.Random(seed)
    data = small_agenda(rng, valid=True)
    if rng.random() < 0.5:  # as a rule still valid, and odder
        data = mutate_data(rng, data)
    return _dump(data, allow_unicode=True)


# -- attendee CSVs ------------------------------------------------------------------------

COLUMNS = ["name", "title", "role", "organisation", "country", "category"]


def _cell(rng: random.Random) -> str:
    pick = rng.random()
    if pick < 0.6:
        return str(_text(rng, NAMES))
    if pick < 0.7:
        return '"' + rng.choice(NAMES).replace('"', '""') + '"'
    if pick < 0.78:
        return '"' + rng.choice(NAMES) + "\n" + rng.choice(NAMES) + '"'
    if pick < 0.84:
        return '"' + rng.choice(NAMES)  # never closed, or closed by a later quote
    if pick < 0.9:
        return rng.choice(CONTROLS) + rng.choice(NAMES)
    if pick < 0.93:
        return "x" * rng.choice([100_001, 131_073, 200_000])
    return rng.choice(["", " ", '""', '"', 'a"b', "=1+2", "@SUM(A1)", "Press", "Delegate"])


def csv_case(seed: int) -> bytes:
    """The bytes of one attendees CSV, from `seed` alone."""
    rng = random.Random(seed)
    header = rng.sample(COLUMNS, rng.randint(0, 6))
    if rng.random() < 0.7 and "name" not in header:
        header.insert(0, "name")
    if rng.random() < 0.2:
        header.append(rng.choice(["checkin", "nmae", "", "Name", "NAME ", "org", "notes"]))
    rows = [",".join(header)]
    for _ in range(rng.choice([0, 1, 2, 5, 20, 100])):
        width = len(header) + rng.choice([0, 0, 0, -1, 1])
        rows.append(",".join(_cell(rng) for _ in range(max(width, 1))))
        if rng.random() < 0.05:
            rows.append("")
    text = rng.choice(["\n", "\r\n"]).join(rows) + rng.choice(["\n", "", "\r\n"])
    if rng.random() < 0.1:
        text = mutate_text(rng, text) if text else text
    raw = text.encode("utf-8", "surrogatepass")
    if rng.random() < 0.05:
        raw = b"\xef\xbb\xbf" + raw
    if rng.random() < 0.03:
        cut = rng.randint(0, len(raw))
        raw = raw[:cut] + bytes([rng.randint(0x80, 0xFF)]) + raw[cut:]
    return raw


Case = Callable[[int], bytes]
