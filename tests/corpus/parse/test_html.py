"""Saved HTML pages: the statement is found inside the site's furniture and parsed like text."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from ombuds.corpus.parse import parse_file, parse_text
from ombuds.corpus.parse.html import html_to_text, looks_like_html
from ombuds.errors import NotADecision

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
HTML = FIXTURES / "html"
SEEDS = Path(__file__).resolve().parents[3] / "examples" / "decisions" / "seeds"
FURNITURE = (
    "Skip to main content",
    "Make a complaint",
    "cookies",
    "Google Analytics",
    "Share",
    "Print this page",
    "Back to top",
    "gtag",
    "Related decisions",
    "0300 061 0614",
    "Save and close",
    "Home",
)


def test_seed_saved_as_a_page_parses_like_its_text_copy():
    page = parse_file(HTML / "24-022-651.html")
    text = parse_file(SEEDS / "002_4168fba0f950c81a.txt")
    for field in (
        "reference",
        "body",
        "category",
        "decision",
        "decision_date",
        "complainant",
        "summary",
        "grounds",
        "referrals",
        "statutes",
        "related_references",
    ):
        assert getattr(page, field) == getattr(text, field), field
    assert list(page.sections) == list(text.sections)
    assert [(p.section, p.number) for p in page.paragraphs] == [
        (p.section, p.number) for p in text.paragraphs
    ]
    assert page.paragraphs[2].text == text.paragraphs[2].text  # the paragraph with the bullets
    assert page.warnings == []


def test_page_furniture_does_not_leak():
    page = parse_file(HTML / "24-022-651.html")
    text = "\n".join([page.summary or "", *page.sections.values()])
    for furniture in FURNITURE:
        assert furniture not in text, furniture


def test_investigation_page_title_outside_main_and_definition_list_header():
    d = parse_file(HTML / "23-017-482.html")
    assert (d.reference, d.body) == ("23 017 482", "Beckford Borough Council")
    assert d.category == "Adult care services > Domiciliary care"
    assert d.decision == "Upheld"
    assert d.decision_date == dt.date(2024, 6, 26)
    assert d.complainant == "Mrs E"
    assert list(d.sections) == [
        "the_complaint",
        "what_investigated",
        "role_and_powers",
        "how_considered",
        "findings",
        "final_decision",
    ]
    assert [p.number for p in d.paragraphs] == list(range(1, 12))
    action = next(p for p in d.paragraphs if p.text.startswith("Within four weeks"))
    assert action.text.endswith(
        "\u2022 apologise to Mrs E in writing;\n\u2022 pay her \u00a3450 for her distress."
    )
    assert "Analysis" in d.sections["findings"]
    assert d.grounds == ["satisfied_with_actions"]
    assert d.warnings == []


def test_reference_from_the_page_address_when_the_title_is_missing():
    d = parse_file(HTML / "no_title.html")
    assert d.reference == "24 006 310"
    assert d.body is None
    assert any("taken from the page address" in w for w in d.warnings)
    assert "no 'Category :' line" in d.warnings
    assert d.complainant == "Ms A"
    assert d.grounds == ["insufficient_evidence_of_fault"]


def test_address_and_title_disagreeing_is_reported():
    html = (HTML / "24-022-651.html").read_text(encoding="utf-8")
    html = html.replace("other/24-022-651?displaypref=0", "other/24-099-001")
    d = parse_text(html, "changed.html")
    assert d.reference == "24 022 651"
    assert any("24 099 001" in w for w in d.warnings)


def test_search_page_is_not_a_decision():
    with pytest.raises(NotADecision) as error:
        parse_file(HTML / "not_a_decision.html")
    assert "not_a_decision.html" in str(error.value)


def test_html_is_recognised_and_nested_lists_are_indented():
    assert looks_like_html("<!DOCTYPE html><html><body></body></html>")
    assert not looks_like_html("Kent County Council (21 019 030)\nCategory : x")
    text, address = html_to_text(
        "<html><body><main><ol><li>Para one:<ul><li>item a</li><li>item b</li></ul></li>"
        "<li><p>Para two</p></li></ol><script>var x;</script></main></body></html>"
    )
    assert text.split("\n") == ["1. Para one:", "  \u2022 item a", "  \u2022 item b", "2. Para two"]
    assert address is None
