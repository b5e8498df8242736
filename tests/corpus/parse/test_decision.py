"""Assembling a decision: the fast scan for other decisions' references finds exactly what the
plain regex scan finds."""

from __future__ import annotations

import random

import pytest

from ombuds.corpus.parse.decision import _REFERENCE_IN_TEXT, _reference_matches


@pytest.mark.parametrize(
    "text",
    [
        "See 19 001 962a and 20-001-111.",
        "x12 345 678 9",
        "\u0660\u0661 \u0662\u0663\u0664 \u0665\u0666\u0667 and 12 345 678",  # Arabic-Indic digits
        "12 345 6789 12 345 678",
        "\u00a312 345 678 and 1212 345 678 12",
        "\u2019 24 021 658\u2019 \u201c24-021-658\u201d",
        "24 021 658b- and 24 021 658ab 24 021 658",
        "caf\u00e9 12 345 678\u00e9 12 345 678",
        "",
    ],
)
def test_reference_scan_finds_what_the_regex_finds(text):
    assert [(m.start(), m.group(0)) for m in _reference_matches(text)] == [
        (m.start(), m.group(0)) for m in _REFERENCE_IN_TEXT.finditer(text)
    ]


def test_reference_scan_on_random_pieces():
    """References, near misses and their neighbours, joined at random."""
    rng = random.Random(7)
    pieces = [
        "12 345 678",
        "12-345-678",
        "12 345-678a",
        "12 345 6789",
        "1",
        "9 ",
        "a",
        "b",
        "-",
        " ",
        ".",
        "\n",
        "\u2019",
        "\u00e9",
        "\u00a3",
        "x",
        "_",
        "\u0661\u0662 \u0663\u0664\u0665 \u0666\u0667\u0668",
    ]
    found = 0
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        expected = [(m.start(), m.group(0)) for m in _REFERENCE_IN_TEXT.finditer(text)]
        assert [(m.start(), m.group(0)) for m in _reference_matches(text)] == expected, text
        found += len(expected)
    assert found > 1000  # the pieces do make references
