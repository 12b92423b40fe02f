"""Text engine: wrapping simple text by summed advances gives the lines shaping gives."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from podium.fonts import bundled
from podium.text import Shaper
from podium.text.search import size_probe
from podium.text.wrap import break_tokens, round_down, wrap_lines, wrap_shaped

WORDS = ("Peacekeeping", "of", "the", "Future", "Capacity-Building", "and/or", "Straße",
         "Ωmega", "Partnerships", "UN", "Ü", "x", "Lessons", "São", "Paulo")


@pytest.fixture(scope="module")
def shaper() -> Shaper:
    return Shaper(bundled())


def test_summed_wrap_equals_shaped_wrap(shaper: Shaper) -> None:
    rng = random.Random(3)
    checked = 0
    for _ in range(300):
        text = " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 12)))
        bold = rng.random() < 0.5
        advances = shaper.simple_advances(text, "Noto Sans", bold=bold)
        assert advances is not None
        tokens = list(break_tokens(text))
        # Limits exactly at the width of a line that wrapping may try: ties must break alike.
        cut = rng.randint(1, len(tokens))
        exact = shaper.shape("".join(tokens[:cut]).rstrip(), "Noto Sans", bold=bold).width
        for limit in (2.0, 4.5, 7.0, 11.0, 30.0, exact, exact * (1 - 1e-16)):
            for lines in (1, 2, 3):
                fast = wrap_lines(shaper, text, tokens, "Noto Sans", bold, limit, lines, advances)
                assert fast == wrap_shaped(shaper, tokens, "Noto Sans", bold, limit, lines)
                checked += fast is not None
    assert checked > 100


def test_shaped_text_has_no_advances(shaper: Shaper) -> None:
    assert shaper.simple_advances("مرحبا بكم", "Noto Sans") is None
    assert shaper.simple_advances("e\u0301te", "Noto Sans") is None
    assert size_probe(shaper, "مرحبا", family="Noto Sans", width=100, max_lines=1,
                      bold=False, max_height=None, line_height=1.2, step=0.5) is None


def test_bisected_wrap_equals_token_by_token_wrap(shaper: Shaper) -> None:
    """`wrap_measured` (bisection over token ends) sets the same lines as `wrap_lines`, at
    every limit, including limits exactly at a line's width."""
    from podium.text.wrap import measure, wrap_measured

    rng = random.Random(11)
    checked = wrapped = 0
    for _ in range(300):
        text = " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 14)))
        bold = rng.random() < 0.5
        m = measure(shaper, text, family="Noto Sans", bold=bold)
        assert m is not None
        starts, stops, _ = m.bounds()
        edges = [m.prefix[e] - m.prefix[b] for b in starts for e in stops if e > b]
        limits = [rng.uniform(0.5, m.whole + 1) for _ in range(10)] + rng.choices(edges, k=5)
        for limit in limits:
            for max_lines in (1, 2, 3, 5):
                expected = wrap_lines(shaper, m.text, m.tokens, "Noto Sans", bold, limit,
                                      max_lines, m.advances, prefix=m.prefix)
                assert wrap_measured(m, limit, max_lines) == expected, (text, limit)
                checked += 1
                wrapped += bool(expected) and len(expected) > 1
    assert checked == 300 * 15 * 4 and wrapped > 1000


def test_two_line_bound_by_bisection_is_the_least_over_all_breaks(shaper: Shaper) -> None:
    """Bisecting for the break where the two lines cross gives the least wider line that
    trying every break gives, on names in every script of the corpus."""
    from podium.text.fit import _two_line_bound

    corpus = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"
    names = [n.strip() for n in (corpus / "unicode-names.txt").read_text(encoding="utf-8")
             .splitlines() if n.strip()]
    rng = random.Random(5)
    texts = names + [f"{rng.choice(names)} {rng.choice(names)}" for _ in range(150)]
    tried = 0
    for text in texts:
        tokens = list(break_tokens(text))
        if len(tokens) < 3:
            continue
        for bold in (False, True):
            need = min(max(shaper.shape("".join(part).rstrip(), "Noto Sans", bold=bold).width
                           for part in (tokens[:k], tokens[k:]))
                       for k in range(1, len(tokens)))
            width = 200.0
            assert _two_line_bound(shaper, tokens, "Noto Sans", bold, width, 0.25) == \
                round_down(width / need, 0.25), text
            tried += 1
    assert tried > 200
