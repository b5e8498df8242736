"""The shared vocabulary: ids match the domain documents, citations are well formed."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ombuds import vocabulary as v

DOMAIN = Path(__file__).resolve().parents[2] / "shared" / "domain" / "vocabulary.md"


def _ids_after(heading: str, text: str) -> set[str]:
    block = text.split(heading, 1)[1].split("\n## ", 1)[0]
    return set(re.findall(r"`([a-z_]+)`", block))


@pytest.mark.skipif(not DOMAIN.exists(), reason="../shared/domain is not beside this checkout")
def test_ids_match_the_shared_domain_document():
    text = DOMAIN.read_text(encoding="utf-8")
    assert _ids_after("## Ground ids", text) == {g.value for g in v.Ground}
    assert _ids_after("## Referral ids", text) == {r.value for r in v.Referral}
    assert _ids_after("## Outcome ids", text) == {o.value for o in v.Outcome}


def test_seventeen_grounds_at_each_stage():
    assert len(v.JURISDICTION_GROUNDS) == 17
    assert len(v.DISCRETION_GROUNDS) == 17


def test_the_legal_corrections_are_in_the_vocabulary():
    assert v.GROUNDS[v.Ground.previously_decided].stage is v.Stage.discretion
    assert v.GROUNDS[v.Ground.previously_decided].citation_text == (
        "Local Government Act 1974, section 24A(6)"
    )
    assert v.GROUNDS[v.Ground.no_standing].citation_text == (
        "Local Government Act 1974, section 26A(1), section 26A(2)"
    )
    assert v.GROUNDS[v.Ground.no_standing].citation.url.endswith("/section/26A")
    assert v.GROUNDS[v.Ground.not_administrative_function].citation_text == (
        "Local Government Act 1974, section 26(1)"
    )
    assert "local policing body" in v.GROUNDS[v.Ground.crime].test
    assert "five" in v.GROUNDS[v.Ground.commercial].test
    assert [c.provision for c in v.GROUNDS[v.Ground.premature].citations] == [
        "section 26(5)",
        "section 34B(6)",
    ]
    for referral in ("schools_adjudicator", "admission_appeal_panel", "psow", "spso", "nipso"):
        assert v.REFERRAL_BODIES[v.Referral(referral)]


@pytest.mark.parametrize("ground", list(v.Ground))
def test_every_ground_has_a_checked_citation(ground):
    info = v.GROUNDS[ground]
    assert info.citations
    for citation in info.citations:
        v.check_citation(citation)
        assert citation.url.startswith("https://")


def test_citations_read_as_decisions_print_them():
    assert v.GROUNDS[v.Ground.could_not_add].citation_text == (
        "Local Government Act 1974, section 24A(6)"
    )
    assert v.GROUNDS[v.Ground.court_proceedings].citation_text == (
        "Local Government Act 1974, Schedule 5, paragraph 1, Schedule 5A, paragraph 3"
    )
    assert v.GROUNDS[v.Ground.late].citation.url.endswith("/section/26B")


def test_a_citation_whose_link_disagrees_with_its_provision_is_refused():
    bad = v.Citation(v.LGA_1974, "section 26B", f"{v.LEGISLATION_BASE}/section/26")
    with pytest.raises(ValueError, match="expected"):
        v.check_citation(bad)
    with pytest.raises(ValueError):
        v.section("twenty")


@pytest.mark.parametrize(
    "text, expected",
    [
        ("24 015 969", "24 015 969"),
        ("24-015-969", "24 015 969"),
        ("24015969", "24 015 969"),
        ("19 001 962a", "19 001 962a"),
        (" 24\u00a0015\u00a0969 ", "24 015 969"),
        ("24 015 96", None),
        ("not a ref", None),
    ],
)
def test_references_normalise_to_the_spaced_form(text, expected):
    assert v.normalise_reference(text) == expected


def test_categories_are_an_open_list():
    assert v.is_known_category("Children's care services > Child protection")
    assert v.is_known_category("Education>Other")
    assert v.normalise_category("Education>  Other") == "Education > Other"
    assert not v.is_known_category("Space travel > Rockets")


def test_every_published_outcome_has_a_label():
    assert v.PUBLISHED_LABELS[v.Outcome.closed_after_initial_enquiries] == (
        "Closed after initial enquiries"
    )
    assert v.PUBLISHED_LABELS[v.Outcome.invalid] is None
    assert set(v.DECISION_LABELS) == {x for x in v.PUBLISHED_LABELS.values() if x}


def test_id_label_names_grounds_and_bodies_and_leaves_the_rest():
    from ombuds.vocabulary import GROUNDS, Ground, id_label

    assert id_label("late") == GROUNDS[Ground.late].title
    assert id_label("ico") == "The Information Commissioner's Office"
    assert id_label("Education") == "Education" and id_label("2024") == "2024"
