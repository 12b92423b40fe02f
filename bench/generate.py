"""Benchmark stage: generated agendas at scale (many rooms, long days, long titles), written as
agenda.yaml files so that they go through the same loader as a real one."""

from __future__ import annotations

import random
from pathlib import Path

import yaml

WORDS = tuple(" ".join((
    "open source firmware for embedded devices and the long road to reproducible builds",
    "a decade of community governance lessons learned from maintaining kernel drivers",
    "declarative infrastructure testing strategies memory safety in systems programming",
    "federated identity accessibility of desktop environments")).split())


def _title(rng: random.Random, long: bool) -> str:
    n = rng.randint(12, 17) if long else rng.randint(3, 9)
    words = [rng.choice(WORDS) for _ in range(n)]
    return " ".join(words).capitalize()


def _clock(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def generated(rooms: int = 40, days: int = 2, busiest: int = 32, per_room: int = 8,
              long_titles: bool = True, seed: int = 7) -> dict[str, object]:
    """An agenda with `rooms` rooms over `days` days: the first room holds `busiest` events a
    day, every other room `per_room`; titles are long (two or three lines on a list)."""
    rng = random.Random(seed)
    people = [{"id": f"p{k}", "name": f"{rng.choice(['Ana', 'Jean', 'Kofi', 'Mei', 'Olga'])} "
               f"{rng.choice(['Okafor', 'Lindqvist', 'Nakamura', 'Castillo', 'Dubois'])} {k}",
               "organisation": "Free Software Foundation Europe"} for k in range(60)]
    day_list = []
    for d in range(days):
        items = []
        for r in range(rooms):
            count = busiest if r == 0 else per_room
            length = (14 * 60) // count
            for k in range(count):
                start = 9 * 60 + k * length
                items.append({"start": _clock(start), "end": _clock(start + length),
                              "room": f"room-{r + 1}",
                              "title": _title(rng, long_titles and k % 2 == 0),
                              "speakers": [f"p{rng.randrange(60)}"],
                              "id": f"d{d + 1}-r{r + 1}-{k + 1}"})
        items.sort(key=lambda it: (it["start"], it["room"]))
        day_list.append({"date": f"2025-02-{d + 1:02d}", "items": items})
    return {
        "event": {"title": "FOSDEM-sized test event", "city": "Brussels", "venue": "ULB Solbosch",
                  "timezone": "Europe/Brussels", "url": "https://example.org/agenda/"},
        "rooms": [{"id": f"room-{r + 1}", "name": f"Room K.{r + 1:02d} ({'main' if r == 0 else 'devroom'})"}
                  for r in range(rooms)],
        "people": people,
        "days": day_list,
    }


def sessions(count: int = 1000, seed: int = 11) -> dict[str, object]:
    """A one-room agenda of `count` sessions spread over days, each with a chair and panel."""
    rng = random.Random(seed)
    people = [{"id": f"p{k}", "name": f"Person Number {k}", "title": "Dr.",
               "organisation": "Institute for Peace and Security Studies"} for k in range(80)]
    per_day = 10
    day_list = []
    for d in range(count // per_day):
        items = [{"start": _clock(8 * 60 + k * 60), "end": _clock(8 * 60 + k * 60 + 55),
                  "number": d * per_day + k + 1, "title": _title(rng, False),
                  "chair": f"p{(k * 5) % 80}",
                  "speakers": [f"p{(k * 5 + j) % 80}" for j in range(1, 5)]}
                 for k in range(per_day)]
        day_list.append({"date": f"{2026 + d // 300}-{1 + (d % 300) // 28:02d}-{1 + d % 28:02d}",
                         "items": items})
    return {
        "event": {"title": "Generated conference", "city": "Geneva", "timezone": "Europe/Zurich",
                  "url": "https://example.org/gen/"},
        "people": people,
        "days": day_list,
    }


def write(data: dict[str, object], path: Path) -> Path:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path
