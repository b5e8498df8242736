"""The readable decision and the --explain trace."""

from __future__ import annotations

from pathlib import Path

from ombuds.code import assess_file
from ombuds.code.explain import decision_text, trace_text
from ombuds.code.registry import load_rules

SEED = Path(__file__).resolve().parents[2] / "examples" / "seeds" / "001_9498e815dd3f7996.yaml"


def test_trace_lists_every_test_on_every_head_with_facts_and_reasons():
    assessment = assess_file(SEED)
    text = trace_text(assessment)
    assert text.count("heads[") >= len(assessment.heads)
    for head in assessment.heads:
        assert len(head.findings) == len(load_rules())  # nothing skipped: no jurisdiction bar
    for rule in load_rules():
        assert f"    {rule.ground.value}: " in text
    assert "read: heads[2].judgement.evidence_of_fault = none" in text
    assert "law: Local Government Act 1974, section 34(3)" in text


def test_trace_says_when_discretion_is_not_considered():
    seed = SEED.with_name("004_7f12aca6ea7adb48.yaml")
    assert "[discretion] not considered: a jurisdiction test applies" in trace_text(
        assess_file(seed)
    )


def test_decision_text_names_outcome_grounds_and_bodies():
    text = decision_text(assess_file(SEED))
    assert "Outcome: closed_after_initial_enquiries" in text
    assert "the Information Commissioner's Office" in text
    assert "Dr X" in text


EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "complaints"


def test_split_parts_and_the_period_looked_at_are_shown():
    split = assess_file(EXAMPLES / "repairs_and_allocation.yaml")
    assert "decided apart: part 1 as it concerns repairs to a council home" in decision_text(split)
    assert "(split from heads[0]: topics repairs to a council home)" in trace_text(split)
    late = assess_file(EXAMPLES / "late_continuing_injustice.yaml")
    assert "period looked at: from 2024-01-14 to the present" in decision_text(late)
    assert "period: from 2024-01-14 to the present" in trace_text(late)


def test_trace_says_when_a_decided_matter_is_not_weighed_afresh():
    text = trace_text(assess_file(EXAMPLES / "repeat_complaint.yaml"))
    assert "[discretion] the other tests not weighed: the matter is already decided" in text
    invalid = trace_text(assess_file(EXAMPLES / "no_standing_public_interest.yaml"))
    assert "[jurisdiction, discretion] not considered: the part is not valid" in invalid
