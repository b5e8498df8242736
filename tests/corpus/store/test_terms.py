"""The word counts that rank searches: the fast path reads words exactly as the search box does."""

from __future__ import annotations

import sys
from collections import Counter
from functools import cache
from pathlib import Path

import pytest

from ombuds.corpus.store.query_text import STOPWORDS
from ombuds.corpus.store.terms import MAX_COUNT, WORD, count_words, stem

ROOT = Path(__file__).resolve().parents[3]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import realshaped, synthetic  # noqa: E402


def reference_counts(text: str) -> Counter:
    """The plain definition: WORD over the lower-cased text, stop words left out."""
    counts = Counter(WORD.findall(text.lower()))
    for word in STOPWORDS:
        counts.pop(word, None)
    return counts


@cache
def texts() -> list[str]:
    fixtures = ROOT / "tests" / "corpus" / "fixtures"
    found = [
        p.read_bytes().decode("utf-8", "replace")
        for p in sorted(fixtures.rglob("*"))
        if p.is_file()
    ]
    found += [t for _n, t in synthetic.generate(60, seed=5, fmt="mixed")]
    found += [t for _n, t in realshaped.generate(20, seed=5, kind="pages")]
    found += [
        "Café naïve — “quoted” ‘single’ council’s £450…\u00a0x_y snake_case ÉCOLE ß",
        "numbers 24A(6) 1974, s26A(1); e-mail: a.b@c.org; tabs\tand\nlines",
        "THE Council’S Delay AND The DELAY",  # upper case, lowered in the bytes' translation
        "a Kelvin sign \u212a lower-cases to ASCII k",
        "ΣΟΦΊΑ’ ΣΟΦΊΑ’s Σ’",  # a final sigma beside a mark spaced out
        "",
    ]
    return found


@pytest.mark.parametrize("index", range(len(texts())))
def test_count_words_reads_every_text_as_the_plain_definition(index):
    text = texts()[index]
    words, counts, length = count_words(text)
    expected = reference_counts(text)
    got = dict(zip(words.split(), counts, strict=True)) if words else {}
    assert got == {w: min(n, MAX_COUNT) for w, n in expected.items()}
    assert length == sum(expected.values())


def test_counts_are_capped_at_a_byte_and_stems_group_word_forms():
    words, counts, length = count_words("delay " * 300)
    assert words == "delay" and counts == bytes([MAX_COUNT]) and length == 300
    assert {stem(w) for w in ("delay", "delays", "delayed", "delaying")} == {"delay"}
