"""For every example complaint and seed, the self-check answered from the complaint's facts
reaches the engine's outcome (bench/selfcheck.py reports the same run with the counts)."""

from __future__ import annotations

import datetime as dt
import importlib.util
from pathlib import Path

import pytest

from ombuds.selfcheck import SelfCheck
from ombuds.selfcheck.catalogue import UNKNOWN, load_catalogue
from ombuds.selfcheck.interview import Interview, build_complaint

ROOT = Path(__file__).resolve().parents[2]
FILES = sorted(
    p
    for folder in ("examples/complaints", "examples/seeds")
    for p in (ROOT / folder).glob("*.yaml")
    if p.name != "expected.yaml"
)


def _bench():
    spec = importlib.util.spec_from_file_location(
        "bench_selfcheck", ROOT / "bench" / "selfcheck.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_the_self_check_reaches_the_engines_outcome(path):
    row = _bench().run_one(path)
    assert row["agrees"], row
    assert row["questions"] < _bench().schema_facts()


def test_every_asked_question_was_needed_and_unknown_is_never_a_confident_cannot():
    day = dt.date(2025, 6, 1)
    check = SelfCheck(day)
    answers: dict = {}
    while (step := check.next_step(answers)).key:
        answers = check.answer(answers, step, UNKNOWN)
    result = check.ending(answers)
    assert result.kind in ("can_look", "depends"), result


def test_a_council_in_wales_ends_with_its_ombudsman():
    check = SelfCheck(dt.date(2025, 6, 1))
    answers = check.answer({}, check.next_step({}), "wales")
    while (step := check.next_step(answers)).key:
        assert (
            step.question is None
            or step.question.scope == "complaint"
            or step.question.id == "affected"
        ), step.key
        answers = check.answer(
            answers, step, step.question.options[0].value if step.question else "no"
        )
    result = check.ending(answers)
    assert result.kind == "elsewhere"
    assert [b.id for b in result.bodies] == ["psow"]
    assert result.reasons[0].url.startswith("https://www.legislation.gov.uk/")


def test_premature_says_how_long_the_council_has_from_the_parameters():
    check = SelfCheck(dt.date(2025, 6, 1))
    answers = {
        "acting_body@0": "council",
        "area@0": "other",
        "topic_other@0": "highways",
        "raised@0": "no",
        "urgent@0": "no",
    }
    result = check.ending(answers)
    assert result.kind == "council_first" and "12 weeks" in (result.wait or "")


def test_bad_answers_name_the_question():
    check = SelfCheck(dt.date(2025, 6, 1))
    for raw, source in (
        ({"nope@0": "x"}, "nope"),
        ({"acting_body@0": "mars"}, "acting_body@0"),
        ({"first_knew": "2030-01-01"}, "first_knew"),
        ({"first_knew": "soon"}, "first_knew"),
        ({"for_whom@0": "self"}, "for_whom@0"),
    ):
        with pytest.raises(Exception) as caught:
            check.load(raw)
        assert source in str(caught.value)


def test_a_questions_file_with_a_wrong_fact_fails_at_load(tmp_path):
    bad = tmp_path / "q.yaml"
    bad.write_text(
        "questions:\n  - {id: x, scope: part, facts: [acting_body], kind: choice, text: T, "
        "options: [{value: a, label: A, set: {acting_body: the moon}}]}\n",
        encoding="utf-8",
    )
    with pytest.raises(Exception, match="question x"):
        load_catalogue(bad)


def test_the_empty_answers_build_a_complaint_the_rules_read_as_not_known():
    catalogue = load_catalogue()
    complaint = build_complaint(catalogue, {}, dt.date(2025, 6, 1), dt.date(2025, 6, 1))
    assert complaint.dates.first_knew is None and complaint.representative is None
    assert Interview(catalogue, dt.date(2025, 6, 1)).outcome({}) == "investigate"
