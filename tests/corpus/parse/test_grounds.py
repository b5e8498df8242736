"""The grounds and referral tables: well formed, conceptual, free of the seeds' false positives,
and as fast as a table can be without changing a single result (the prefilter)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ombuds.corpus.parse import read_decision_file
from ombuds.corpus.parse.grounds import GROUND_PATTERNS, REFERRAL_PATTERNS, STATUTE_GROUNDS
from ombuds.corpus.parse.matching import _tables, find_grounds, find_referrals, matchable, words_of
from ombuds.corpus.parse.prefilter import BOUNDARY, complete_words, required_literals
from ombuds.vocabulary import Ground, Referral

ROOT = Path(__file__).resolve().parents[3]
TEXTS = sorted((ROOT / "examples" / "decisions" / "seeds").glob("*.txt")) + sorted(
    (ROOT / "tests" / "corpus" / "fixtures").rglob("*.*")
)


def grounds_of(sentence: str) -> set[str]:
    return {g.value for g in find_grounds("", matchable(sentence), [], [])}


def test_tables_use_vocabulary_ids_and_lower_case_patterns():
    assert set(GROUND_PATTERNS) == set(Ground)
    assert set(REFERRAL_PATTERNS) == set(Referral)
    for patterns in [*GROUND_PATTERNS.values(), *REFERRAL_PATTERNS.values()]:
        assert patterns
        for pattern in patterns:
            assert isinstance(pattern, re.Pattern)
            literal_text = re.sub(r"\\[a-zA-Z]", "", pattern.pattern)
            assert literal_text == literal_text.lower(), pattern.pattern
    assert set(STATUTE_GROUNDS.values()) <= set(Ground)


@pytest.mark.parametrize(
    "sentence, ground",
    [
        ("We could not add anything to the council's own investigation.", "could_not_add"),
        (
            "An investigation by us is unlikely to add to what the council has already done.",
            "could_not_add",
        ),
        ("Further investigation would not lead to a different outcome.", "no_different_outcome"),
        ("The council's apology is a proportionate remedy.", "no_different_outcome"),
        ("We cannot achieve the outcome Mr X wants.", "cannot_achieve_outcome"),
        ("We cannot ask the council to dismiss the officer.", "cannot_achieve_outcome"),
        ("Social Work England is better placed to consider his concerns.", "better_placed"),
        (
            "There is not enough evidence of fault to justify an investigation.",
            "insufficient_evidence_of_fault",
        ),
        (
            "We cannot question the merits of a decision the council made without fault.",
            "merits_without_fault",
        ),
        ("We previously considered and decided this matter.", "previously_decided"),
        ("We cannot investigate what happened in court.", "court_proceedings"),
        (
            "Our role is to look at the council as a corporate body, not individual officers.",
            "individual_conduct",
        ),
        ("Her complaint is late and there is no good reason to investigate it now.", "late"),
        ("Investigating would achieve nothing worthwhile.", "no_worthwhile_outcome"),
        (
            "Any injustice is not significant enough to justify our involvement.",
            "injustice_not_significant",
        ),
        ("He has a right of appeal to the First-tier Tribunal.", "tribunal_appeal"),
        ("She can appeal to the Planning Inspectorate.", "ministerial_appeal"),
        ("Only a court can decide whether the council was negligent.", "court_remedy"),
        ("We cannot investigate the council's role as a social landlord.", "social_housing"),
        (
            "The complaint is premature because the council has not had a chance to respond.",
            "premature",
        ),
        (
            "Disciplinary matters between the council and its staff are personnel matters.",
            "personnel",
        ),
        ("We are satisfied with the council's actions.", "satisfied_with_actions"),
    ],
)
def test_patterns_recognise_the_legal_concept_in_other_words(sentence, ground):
    assert ground in grounds_of(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        (
            "We investigate complaints about 'maladministration' and 'service failure', which we call "
            "'fault'. We must also consider whether any fault has had an adverse impact on the person "
            "making the complaint, which we call 'injustice'. We provide a free service, but must use "
            "public money carefully."
        ),
        "The Council agreed to add a note to the assessment.",
        "I considered the Ombudsman's Assessment Code.",
        "A court decided the children's care arrangements last year.",
    ],
)
def test_standard_and_factual_sentences_give_no_ground(sentence):
    assert grounds_of(sentence) == set()


def test_ico_paragraph_in_role_and_powers_alone_is_not_a_referral():
    role = (
        "We normally expect someone to refer the matter to the Information Commissioner if "
        "they have a complaint about data protection."
    )
    assert find_referrals(matchable("The council apologised.")) == []
    assert find_grounds(matchable(role), matchable("The council apologised."), [], []) == []


def test_a_referral_implies_better_placed():
    assert find_grounds("", "", [], [Referral.ico]) == [Ground.better_placed]


@pytest.mark.parametrize(
    "citation, referral, ground",
    [
        ("Schedule 5, paragraph 2", Referral.police, Ground.crime),
        ("Schedule 5, paragraph 5A", Referral.housing_ombudsman, Ground.social_housing),
        ("section 26(6)(a)", Referral.tribunal, Ground.tribunal_appeal),
        ("section 26(6)(b)", Referral.planning_inspectorate, Ground.ministerial_appeal),
        ("section 26(6)(c)", Referral.insurers, Ground.court_remedy),
        ("section 25", Referral.dfe, Ground.body_out_of_jurisdiction),
    ],
)
def test_a_body_signposted_by_a_jurisdiction_ground_is_not_a_discretionary_referral(
    citation, referral, ground
):
    statutes = [f"Local Government Act 1974, {citation}"]
    assert find_grounds("", "", statutes, [referral]) == [ground]
    # A second body that no ground explains is still a better-placed referral.
    assert Ground.better_placed in find_grounds("", "", statutes, [referral, Referral.ico])


def test_a_signposted_body_without_its_ground_is_a_better_placed_referral():
    assert find_grounds("", "", [], [Referral.police]) == [Ground.better_placed]


def test_a_cited_provision_of_one_ground_counts():
    assert find_grounds("", "", ["Local Government Act 1974, section 26B"], []) == [Ground.late]


def test_matches_count_only_at_the_start_of_a_word():
    assert find_referrals(matchable("The magico service replied.")) == []
    assert find_referrals(matchable("Contact the ICO about it.")) == [Referral.ico]


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.name)
def test_prefilter_never_changes_a_result(path):
    """Every rule, prefiltered, agrees with its bare regex (anchored at a word start)."""
    text = matchable(read_decision_file(path))
    words = words_of(text)
    ground_table, referral_table = _tables()
    for table, source in ((ground_table, GROUND_PATTERNS), (referral_table, REFERRAL_PATTERNS)):
        for _key, rule in table.rules:
            bare = re.search(rf"\b(?:{rule.pattern.pattern})", text) is not None
            assert rule.search(text, words, {}) == bare, rule.pattern.pattern
        # The index and the split patterns find exactly what the table's patterns find.
        expected = {
            key
            for key, patterns in source.items()
            if any(re.search(rf"\b(?:{p.pattern})", text) for p in patterns)
        }
        assert table.find(text, words) == expected


def test_required_literals_reads_the_words_a_match_needs():
    groups = required_literals(r"\b(?:better placed|in a better position)")
    assert groups == ((BOUNDARY + "better placed", BOUNDARY + "in a better position"),)
    assert complete_words(BOUNDARY + "better placed") == {"better"}  # "placed" may go on
    assert required_literals(r"\w+") == ()


def test_appended_pattern_is_picked_up():
    """Others append patterns to the table at import time; the compiled rules follow."""
    marker = re.compile(r"zebra crossing dispute")
    GROUND_PATTERNS[Ground.commercial].append(marker)
    try:
        assert "commercial" in grounds_of("It is a zebra crossing dispute.")
    finally:
        GROUND_PATTERNS[Ground.commercial].remove(marker)
    assert "commercial" not in grounds_of("It is a zebra crossing dispute.")


def test_appended_pattern_with_its_own_flags_is_run_in_full():
    marker = re.compile(
        r"ZEBRA   crossing  # a verbose pattern with a comment | not an option",
        re.IGNORECASE | re.VERBOSE,
    )
    GROUND_PATTERNS[Ground.commercial].append(marker)
    try:
        assert "commercial" in grounds_of("A zebracrossing row.")
    finally:
        GROUND_PATTERNS[Ground.commercial].remove(marker)


@pytest.mark.parametrize(
    "sentence, ground",
    [
        (
            "Any fault has not caused injustice to the person who complained.",
            "no_injustice_from_fault",
        ),
        (
            "It is reasonable to expect Mr X to use a council's own review first.",
            "council_review_available",
        ),
        (
            "It is not a good use of public resources to look at how a council handled a complaint.",
            "complaint_handling_only",
        ),
        (
            "The admission was handled by an academy trust, which is outside our jurisdiction.",
            "body_out_of_jurisdiction",
        ),
    ],
)
def test_phrasings_found_missing_on_the_synthetic_corpus(sentence, ground):
    assert ground in grounds_of(sentence)


def test_a_suitable_remedy_agreed_after_investigation_is_not_no_different_outcome():
    assert "no_different_outcome" not in grounds_of(
        "The Council has agreed to pay Mrs X £300, which is a suitable remedy for her distress."
    )
    assert "no_different_outcome" in grounds_of(
        "The Council's apology is an appropriate remedy for the injustice caused."
    )


def test_the_police_may_consider_it_is_a_referral():
    assert find_referrals(matchable("The police may consider it if Mr X reports it.")) == [
        Referral.police
    ]
