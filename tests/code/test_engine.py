"""The engine as a whole: dates as input, contradictions, warnings, privacy, the whole decision."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from ombuds.code import Assessment, assess
from ombuds.complaint import parse_complaint
from ombuds.errors import ContradictoryFacts, InputError
from tests.code.scenario import BASE, build


def complaint(**case):
    return parse_complaint(build(case))


def test_the_assessment_date_is_an_input_never_today():
    data = build({})
    del data["assessment_date"]
    with pytest.raises(InputError, match="no assessment date"):
        assess(parse_complaint(data))
    result = assess(parse_complaint(data), assessment_date=dt.date(2025, 6, 2))
    assert result.case.assessment_date == dt.date(2025, 6, 2)


def test_the_date_argument_overrides_the_complaints_date():
    # Complained 2025-01-20 with no final reply about waste collection (not adult social care):
    # the council's 12 weeks run to 2025-04-14.
    c = complaint(
        complaint={"dates": {"council_replies": [], "came_to_ombudsman": "2025-03-01"}},
        head={"topics": ["waste collection"]},
    )
    assert assess(c).heads[0].outcome.value == "investigate"  # the complaint's own 2025-06-02
    early = assess(c, assessment_date=dt.date(2025, 4, 1))
    late = assess(c, assessment_date=dt.date(2025, 6, 2))

    def premature(a):
        return next(f for f in a.heads[0].findings if f.ground.value == "premature")

    assert premature(early).result.value == "applies"
    assert premature(late).result.value == "exception_applies"


def test_a_date_before_any_parameter_is_in_force_is_an_input_error():
    data = build(
        {
            "complaint": {
                "dates": {
                    "first_knew": None,
                    "complained_to_council": None,
                    "council_replies": [],
                    "came_to_ombudsman": None,
                }
            }
        }
    )
    with pytest.raises(InputError, match="no value in force"):
        assess(parse_complaint(data), assessment_date=dt.date(1999, 1, 1))


@pytest.mark.parametrize(
    "dates, message",
    [
        (
            {"events_started": "2025-02-01", "complained_to_council": "2025-01-20"},
            "before dates.events_started",
        ),
        ({"council_replies": [{"date": "2025-01-10", "final": True}]}, "before the complaint"),
        ({"came_to_ombudsman": "2025-07-01"}, "after the assessment date"),
        ({"first_knew": "2025-04-02"}, "before"),
        (
            {
                "council_replies": [
                    {"date": "2025-02-10", "stage": 1, "next_stage_requested": "2025-02-01"}
                ]
            },
            "before the reply it follows",
        ),
        ({"agreed_response_date": "2025-01-01"}, "agreed_response_date"),
    ],
)
def test_contradictory_dates_are_a_clear_error(dates, message):
    with pytest.raises(ContradictoryFacts, match=message):
        assess(complaint(complaint={"dates": dates}))


def test_a_part_put_to_the_council_before_the_person_knew_of_it_is_contradictory():
    with pytest.raises(ContradictoryFacts, match="before the person knew"):
        assess(complaint(head={"first_knew": "2025-02-01"}))


def test_a_representative_without_consent_makes_the_complaint_invalid_not_an_error():
    result = assess(
        complaint(
            complaint={
                "representative": {
                    "alias": "Mr Y",
                    "relationship": "friend",
                    "written_consent": False,
                }
            }
        )
    )
    assert result.outcome.value == "invalid" and result.published_label is None
    assert result.grounds == ["no_consent"]


def test_an_unknown_category_is_accepted_with_a_warning():
    result = assess(complaint(complaint={"category": "Libraries > Late fees"}))
    assert result.case.category == "Libraries > Late fees"
    assert any("unknown category" in w for w in result.warnings)
    assert not assess(complaint()).warnings


def test_personal_names_are_never_output():
    c = complaint(complaint={"complainant": {"private_name": "Harriet Quinnell-Example"}})
    assert c.complainant.private_name == "Harriet Quinnell-Example"
    text = json.dumps(assess(c).model_dump(mode="json"))
    assert "Quinnell" not in text
    assert "Quinnell" not in c.model_dump_json()
    assert assess(c).case.complainant == "Mrs X"


def test_top_level_grounds_and_referrals_are_the_union_over_heads():
    result = assess(
        complaint(
            head={
                "allegations": [
                    {"kind": "personal information was shared without consent or by mistake"}
                ]
            },
            extra_heads=[
                {
                    "summary": "A social worker was rude",
                    "about": "the conduct of an individual officer",
                    "allegations": [
                        {"kind": "an officer behaved unprofessionally", "officer": "social worker"}
                    ],
                }
            ],
        )
    )
    per_head = [g for h in result.heads for g in h.grounds]
    assert result.grounds == list(dict.fromkeys(per_head))
    assert result.referrals == ["ico", "social_work_england"]


def test_a_case_is_investigated_if_any_head_passes_both_stages():
    result = assess(
        complaint(
            extra_heads=[
                {
                    "summary": "Another matter",
                    "about": "a service the council provided or failed to provide",
                    "council_response": {"raised_with_council": False},
                }
            ]
        )
    )
    assert [h.outcome.value for h in result.heads] == ["investigate", "premature"]
    assert result.outcome.value == "investigate"
    assert result.published_label is None


def test_every_head_premature_makes_the_complaint_premature():
    result = assess(complaint(head={"council_response": {"raised_with_council": False}}))
    assert result.outcome.value == "premature"


def test_closed_when_no_head_passes():
    result = assess(complaint(head={"judgement": {"evidence_of_fault": "none"}}))
    assert result.outcome.value == "closed_after_initial_enquiries"
    assert result.published_label == "Closed after initial enquiries"


def test_a_provisional_investigation_says_so():
    result = assess(complaint(head={"judgement": {"injustice_significant": None}}))
    assert result.outcome.value == "investigate"
    assert any("provisional" in w for w in result.warnings)
    assert [q.fact for q in result.questions] == ["heads[0].judgement.injustice_significant"]


def test_a_missing_judgement_that_could_change_the_outcome_makes_it_provisional():
    result = assess(complaint(head={"judgement": {"injustice_significant": None}}))
    assert result.provisional and result.heads[0].provisional
    [judgement] = result.open_judgements
    assert judgement.fact == "heads[0].judgement.injustice_significant"
    assert judgement.head == 0
    assert {k: v.value for k, v in judgement.outcomes.items()} == {
        "yes": "investigate",
        "no": "closed_after_initial_enquiries",
    }
    assert judgement.changes_outcome and judgement.changes_head_outcome
    [warning] = [w for w in result.warnings if w.startswith("provisional")]
    assert "heads[0].judgement.injustice_significant (no: closed after initial enquiries)" in (
        warning
    )


def test_a_missing_judgement_no_answer_of_which_matters_is_listed_but_not_provisional():
    # The part is closed whatever the evidence of fault shows: all the person wants is a
    # dismissal, which the Ombudsman cannot achieve.
    result = assess(
        complaint(
            head={
                "judgement": {"evidence_of_fault": None},
                "outcomes_wanted": ["dismissal of a member of staff"],
            }
        )
    )
    assert result.outcome.value == "closed_after_initial_enquiries"
    assert not result.provisional and not result.heads[0].provisional
    assert not any(w.startswith("provisional") for w in result.warnings)
    assert "heads[0].judgement.evidence_of_fault" in [j.fact for j in result.open_judgements]
    for judgement in result.open_judgements:
        assert not judgement.changes_outcome
        assert set(judgement.outcomes.values()) == {result.outcome}


def test_case_details_come_from_the_complaint():
    result = assess(
        complaint(
            complaint={"reference": "25-004-512"},
            head={"earlier_case": {"reference": "24021658", "same_matter": False}},
        )
    )
    case = result.case
    assert case.reference == "25 004 512" and case.body == BASE["body"]
    assert case.related_references == ["24 021 658"]
    assert case.outcomes_wanted == ["an apology", "the service provided or put right"]
    assert case.complaint_summary.startswith("The council took five months")


def test_assessment_json_round_trips_through_the_contract():
    result = assess(complaint())
    data = json.loads(json.dumps(result.model_dump(mode="json")))
    assert set(data) >= {"outcome", "published_label", "grounds", "referrals", "heads", "questions"}
    assert Assessment.model_validate(data) == result
    finding = data["heads"][0]["findings"][0]
    assert set(finding) >= {"ground", "stage", "result", "citation", "reason", "facts"}


def test_the_same_facts_give_the_same_assessment():
    assert assess(complaint()) == assess(complaint())


def test_a_part_naming_court_proceedings_that_are_not_listed_is_contradictory():
    with pytest.raises(ContradictoryFacts, match="only 0 court proceedings"):
        assess(complaint(head={"related_court_cases": [0]}))


def test_a_statutory_stage_ending_before_it_began_is_contradictory():
    with pytest.raises(ContradictoryFacts, match="stage 2 completed"):
        assess(
            complaint(
                complaint={
                    "childrens_procedure": [
                        {"stage": 2, "requested": "2025-03-01", "completed": "2025-02-01"}
                    ]
                }
            )
        )


def test_a_representatives_notice_after_the_assessment_date_is_contradictory():
    rep = {
        "alias": "Ms J",
        "relationship": "daughter",
        "person_has_died": True,
        "relative": True,
        "first_knew": "2025-07-01",
    }
    with pytest.raises(ContradictoryFacts, match=r"representative\.first_knew"):
        assess(complaint(complaint={"representative": rep}))


def test_a_split_head_keeps_the_complaints_paths_and_says_where_each_part_came_from():
    c = complaint(
        head={
            "topics": ["repairs to a council home", "housing allocation or the housing register"],
            "judgement": {"evidence_of_fault": None},
        },
        extra_heads=[
            {
                "summary": "Another matter",
                "about": "a service the council provided or failed to provide",
            }
        ],
    )
    result = assess(c)
    assert [h.split_from for h in result.heads] == [0, None, 0]
    assert result.heads[0].topics == ["housing allocation or the housing register"]
    assert result.heads[2].topics == ["repairs to a council home"]
    assert result.heads[2].summary.endswith("(the part about repairs to a council home)")
    assert result.heads[2].grounds == ["social_housing"]
    assert result.heads[2].referrals == ["housing_ombudsman"]
    assert result.heads[1].split_from is None and result.heads[1].topics == []
    # The missing judgement is asked about the complaint's own head 0, and tried on it.
    opened = [j for j in result.open_judgements if j.head == 0]
    assert [j.fact for j in opened] == ["heads[0].judgement.evidence_of_fault"]
    assert set(opened[0].head_outcomes.values()) == {
        "investigate",
        "closed_after_initial_enquiries",
    }
    assert result.referrals == ["housing_ombudsman"]
    data = result.model_dump(mode="json")
    assert data["heads"][2]["split_from"] == 0


def test_a_continuing_injustice_states_the_period_in_the_json():
    c = complaint(
        complaint={
            "dates": {
                "first_knew": "2023-01-10",
                "complained_to_council": "2024-02-01",
                "council_replies": [{"date": "2024-03-01", "final": True}],
                "came_to_ombudsman": "2025-01-11",
            }
        },
        head={"late_reasons": ["the injustice is continuing"]},
    )
    late = next(f for f in assess(c).heads[0].findings if f.ground.value == "late")
    data = late.model_dump(mode="json")
    assert data["period"]["start"] == "2024-01-12" and data["period"]["end"] is None
    assert "2024-01-12" in data["period"]["why"]
    others = [f for f in assess(complaint()).heads[0].findings if f.period is not None]
    assert others == []


def test_a_head_without_standing_does_not_stop_the_rest_and_is_not_provisional():
    c = complaint(
        extra_heads=[
            {
                "summary": "The council wastes money",
                "about": "a council policy or spending decision",
                "personally_affected": False,
            }
        ],
    )
    result = assess(c)
    assert [h.outcome.value for h in result.heads] == ["investigate", "invalid"]
    assert result.outcome.value == "investigate"
    assert result.heads[1].grounds == ["no_standing"]
    assert not result.provisional
