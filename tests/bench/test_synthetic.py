"""The synthetic corpus generator: deterministic, varied, noisy, and readable by the parser."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import synthetic, wording  # noqa: E402
from ombuds.corpus.parse import parse_text  # noqa: E402
from ombuds.vocabulary import CATEGORIES, KNOWN_CATEGORIES  # noqa: E402


def test_same_seed_gives_the_same_bytes_and_another_seed_does_not():
    first = list(synthetic.generate(40, seed=11, fmt="mixed"))
    again = list(synthetic.generate(40, seed=11, fmt="mixed"))
    other = list(synthetic.generate(40, seed=12, fmt="mixed"))
    assert first == again
    assert [t for _, t in first] != [t for _, t in other]


def test_a_decision_does_not_depend_on_how_many_are_generated():
    assert list(synthetic.generate(5, seed=3))[:5] == list(synthetic.generate(50, seed=3))[:5]


def test_bad_arguments_are_refused():
    with pytest.raises(ValueError, match="format"):
        list(synthetic.generate(1, fmt="pdf"))
    with pytest.raises(ValueError, match="between"):
        list(synthetic.generate(-1))


def test_the_command_line_writes_what_generate_yields(tmp_path):
    assert synthetic.main(["12", str(tmp_path), "--seed", "4", "--format", "mixed"]) == 0
    expected = dict(synthetic.generate(12, seed=4, fmt="mixed"))
    written = {p.name: p.read_text(encoding="utf-8") for p in tmp_path.iterdir()}
    assert written == expected


@pytest.fixture(scope="module")
def many():
    return list(synthetic.generate_records(3000, seed=2, fmt="mixed"))


def test_the_corpus_is_varied(many):
    assert len(set(wording.BODIES)) >= 100
    assert len({r.reference for r in many}) == len(many), "references are unique"
    assert len({r.body for r in many}) >= 100
    categories = {r.category for r in many if r.category}
    assert categories >= KNOWN_CATEGORIES, "every known category appears"
    assert categories - KNOWN_CATEGORIES, "and a few unseen ones"
    decisions = Counter(r.decision for r in many if r.decision)
    share = {label: n / sum(decisions.values()) for label, n in decisions.items()}
    assert share["Closed after initial enquiries"] > 0.5
    assert 0.5 > share["Upheld"] > share["Not upheld"] > 0.05
    years = {r.decision_date.year for r in many if r.decision_date}
    assert min(years) == 2013 and max(years) == 2026
    words = [r.words for r in many]
    assert min(words) >= 300 and max(words) <= 2600 and max(words) > 2000
    assert len({g for r in many for g in r.grounds}) >= 25
    assert len({x for r in many for x in r.referrals}) == 12
    assert {r.fmt for r in many} == {"txt", "html"}
    assert any(r.category is None for r in many), "some copies lack their header lines"
    assert any(r.reference.endswith("a") for r in many), "joint cases carry a letter"
    assert CATEGORIES  # the vocabulary the categories come from


def test_every_kind_of_copying_noise_occurs(many):
    texts = [r.text for r in many if r.fmt == "txt"]
    for mark in (
        "Back to top",
        "Print this page",
        "Privacy settings",
        "LGO logogram",
        "Google Analytics",
        "\u00a0",
        "’",
        "'",
        "\n• ",
        "\n- ",
        "\n  1. ",
        "    • ",
        "\n\n\n",
        "The Ombudsmen’s role and powers",
        "What the Ombudsman can and cannot do",
    ):
        assert any(mark in t for t in texts), f"no plain-text decision shows {mark!r}"
    assert any(t.startswith("LGO logogram") for t in texts), "banner before the statement"
    assert any(" 12. " in t and "Final decision\n" in t for t in texts), "continuous numbering"
    pages = [r.text for r in many if r.fmt == "html"]
    for mark in (
        "<nav",
        "<script",
        "<footer",
        "cookie-banner",
        "&rsquo;",
        "displaypref=",
        "https://www.lgo.org.uk/decisions/",
    ):
        assert any(mark in p for p in pages), f"no HTML page shows {mark!r}"


@pytest.mark.parametrize("fmt", ["txt", "html"])
def test_every_generated_decision_parses_as_generated(fmt):
    for record in synthetic.generate_records(120, seed=9, fmt=fmt):
        parsed = parse_text(record.text, record.filename)
        where = f"{record.filename} ({record.reference})"
        assert parsed.reference == record.reference, where
        assert parsed.body == record.body, where
        assert parsed.category == record.category, where
        assert parsed.decision == record.decision, where
        assert parsed.decision_date == record.decision_date, where
        assert parsed.complainant == record.complainant, where
        assert sorted(parsed.grounds) == record.grounds, where
        assert sorted(parsed.referrals) == record.referrals, where
        assert set(record.related_references) <= set(parsed.related_references), where
        if None in (record.category, record.decision, record.decision_date):
            assert parsed.warnings, f"{where}: missing header lines give warnings"
