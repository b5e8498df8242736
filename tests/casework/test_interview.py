"""The guided interview reads each question's field from the complaint schema."""

from __future__ import annotations

import pytest

from ombuds.casework.interview import field_for, next_question, read_answer, set_value
from ombuds.errors import InputError

FACTS = {
    "body": "Kent County Council",
    "complainant": {"title": "Mrs", "alias": "Mrs X"},
    "heads": [{"summary": "s", "about": "a decision the council made"}],
}


@pytest.mark.parametrize(
    "path, kind",
    [
        ("dates.first_knew", "date"),
        ("representative.written_consent", "yes_no"),
        ("heads[0].judgement.evidence_of_fault", "choice"),
        ("heads[0].linked_topics", "choices"),
        ("childrens_procedure", "structure"),
        ("heads[0].summary", "text"),
    ],
)
def test_each_kind_of_fact_becomes_its_field(path, kind):
    field = field_for(path, FACTS)
    assert field.kind == kind and field.label
    assert field.name.startswith("f_") and "[" not in field.name


def test_unknown_paths_are_refused():
    for path in ("nothing", "heads.summary", "body[0]", "heads[0].nope"):
        with pytest.raises(InputError):
            field_for(path, FACTS)


def test_answers_are_read_and_checked():
    date = field_for("dates.first_knew", FACTS)
    name = date.name
    assert (
        read_answer(date, {f"{name}-day": "3", f"{name}-month": "1", f"{name}-year": "2025"})
        == "2025-01-03"
    )
    with pytest.raises(InputError, match="real date"):
        read_answer(date, {f"{name}-day": "30", f"{name}-month": "2", f"{name}-year": "2025"})
    yes_no = field_for("representative.written_consent", FACTS)
    assert read_answer(yes_no, {yes_no.name: "no"}) is False
    with pytest.raises(InputError, match="select"):
        read_answer(yes_no, {})
    choice = field_for("heads[0].judgement.evidence_of_fault", FACTS)
    with pytest.raises(InputError):
        read_answer(choice, {choice.name: "<script>"})


def test_values_are_set_without_changing_the_original():
    facts = set_value(FACTS, "heads[0].judgement.evidence_of_fault", "none")
    facts = set_value(facts, "dates.first_knew", "2025-01-03")
    assert facts["heads"][0]["judgement"] == {"evidence_of_fault": "none"}
    assert facts["dates"] == {"first_knew": "2025-01-03"}
    assert "dates" not in FACTS and "judgement" not in FACTS["heads"][0]
    with pytest.raises(InputError):
        set_value(FACTS, "heads[3].summary", "x")


def test_the_next_question_skips_what_was_skipped():
    assessment = {"questions": [{"fact": "a", "why": ""}, {"fact": "b", "why": ""}]}
    assert next_question(assessment, [])["fact"] == "a"
    assert next_question(assessment, ["a"])["fact"] == "b"
    assert next_question(assessment, ["a", "b"]) is None
    assert next_question(None, []) is None
