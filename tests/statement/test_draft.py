"""The statement's structure, grouping, numbering and trace, from hand-built assessments."""

from __future__ import annotations

from pathlib import Path

import builders
import pytest
from builders import assessment, finding, head

from ombuds.errors import InputError
from ombuds.statement import draft_statement
from ombuds.statement.model import SECTION_ORDER
from ombuds.vocabulary import GROUNDS, FindingResult, Ground, Outcome, Referral, Stage

ROOT = Path(__file__).resolve().parents[2]


def test_sections_come_in_the_published_order_with_their_headings(conduct_case):
    s = draft_statement(conduct_case)
    assert [sec.key for sec in s.sections] == list(SECTION_ORDER)
    assert [sec.heading for sec in s.sections] == [
        "The complaint",
        "The Ombudsman's role and powers",
        "How I considered this complaint",
        "My assessment",
        "Final decision",
    ]
    assert s.title == "Northfield County Council (24 123 456)"
    assert s.decision == "Closed after initial enquiries"
    assert s.decision_date_text == "10 Feb 2025"
    assert s.signature == "Investigator's decision on behalf of the Ombudsman"


def test_paragraphs_are_numbered_continuously_and_the_summary_is_not(conduct_case):
    s = draft_statement(conduct_case)
    assert [p.number for p in s.paragraphs] == list(range(1, len(s.paragraphs) + 1))
    assert s.summary.startswith("Miss X has complained to us.")
    assert "We will not investigate her complaint, because" in s.summary
    assert all(sec.paragraphs for sec in s.sections)


def test_discretionary_tests_are_bullets_after_a_colon_with_the_citation_after_the_list(
    conduct_case,
):
    role = draft_statement(conduct_case).sections[1]
    bulleted = [p for p in role.paragraphs if p.items]
    assert len(bulleted) == 1
    intro = bulleted[0]
    assert intro.text.endswith(":")
    assert len(intro.items) == 2  # better_placed and could_not_add, not individual_conduct
    assert intro.items[0].endswith(", or") and intro.items[-1].endswith(".")
    assert intro.citation == "Local Government Act 1974, section 24A(6)"
    assert {t.ground for t in intro.trace} == {Ground.better_placed, Ground.could_not_add}


def test_a_test_with_its_own_citation_is_its_own_paragraph(conduct_case):
    role = draft_statement(conduct_case).sections[1]
    conduct = [
        p for p in role.paragraphs if any(t.ground is Ground.individual_conduct for t in p.trace)
    ]
    assert len(conduct) == 1 and not conduct[0].items
    assert conduct[0].citation == GROUNDS[Ground.individual_conduct].citation_text


def test_the_ico_paragraph_appears_only_when_the_ico_is_a_referral(conduct_case):
    role = draft_statement(conduct_case).sections[1]
    assert any("Information Commissioner" in p.text for p in role.paragraphs)
    no_ico = assessment(head("delay", finding(Ground.could_not_add, "the council looked into it")))
    role = draft_statement(no_ico).sections[1]
    assert not any("Information Commissioner" in p.text for p in role.paragraphs)


def test_jurisdiction_tests_come_first_each_ending_with_its_citation():
    a = assessment(
        head(
            "what the social worker told the court",
            finding(Ground.court_proceedings, "the report was given in care proceedings"),
        ),
        head(
            "keeping the same social worker",
            finding(Ground.merits_without_fault, "a professional decision"),
            finding(Ground.could_not_add, "a detailed reply"),
        ),
    )
    role = draft_statement(a).sections[1].paragraphs
    assert role[0].trace[0].ground is Ground.court_proceedings
    assert role[0].citation == (
        "Local Government Act 1974, Schedule 5, paragraph 1, Schedule 5A, paragraph 3"
    )
    merits = [p for p in role if p.trace[0].ground is Ground.merits_without_fault]
    assert merits[0].citation == "Local Government Act 1974, section 34(3)"


def test_only_the_tests_relied_on_appear_in_role_and_powers(conduct_case):
    role = draft_statement(conduct_case).sections[1]
    grounds = {t.ground for p in role.paragraphs for t in p.trace if t.ground}
    assert grounds == set(conduct_case.grounds)


def test_every_applying_finding_has_its_own_assessment_paragraph_with_its_trace(conduct_case):
    s = draft_statement(conduct_case)
    traced = {(t.head, t.ground) for p in s.sections[3].paragraphs for t in p.trace if t.ground}
    expected = {
        (i, f.ground)
        for i, h in enumerate(conduct_case.heads, start=1)
        for f in h.findings
        if f.result is FindingResult.applies
    }
    assert traced == expected
    # The engine's reasons are written for investigators: they stay in the trace, never in the
    # prose, whether the finding applies or not.
    prose = " ".join([s.summary, *(p.text for p in s.paragraphs)])
    assert "offered a meeting with an advocate" not in prose
    assert "replied at both stages" not in prose


def test_every_paragraph_knows_where_it_came_from(conduct_case):
    s = draft_statement(conduct_case)
    assert s.summary_trace
    for p in s.paragraphs:
        assert p.trace, p
    intro = s.sections[3].paragraphs[0]
    assert intro.trace[0].head == 1 and intro.trace[0].ground is None


def test_a_better_placed_body_is_named_and_decides_for_itself(conduct_case):
    s = draft_statement(conduct_case)
    for p in s.sections[3].paragraphs:
        for t in p.trace:
            if t.referral is Referral.social_work_england:
                assert "Social Work England" in p.text and "decide for itself" in p.text
            if t.referral is Referral.ico:
                assert "Information Commissioner" in p.text and "decide for itself" in p.text


@pytest.mark.parametrize("ground", list(Ground), ids=lambda g: g.value)
def test_every_ground_is_drafted_with_its_citation(ground):
    a = builders.one_ground(ground)
    s = draft_statement(a)
    role = s.sections[1]
    cited = [p for p in role.paragraphs if any(t.ground is ground for t in p.trace)]
    assert cited, f"{ground.value} missing from role and powers"
    assert GROUNDS[ground].citation_text in (cited[0].citation or "")
    assessed = [p for p in s.sections[3].paragraphs if any(t.ground is ground for t in p.trace)]
    assert assessed, f"{ground.value} has no reasons in My assessment"
    assert all(t.stage is GROUNDS[ground].stage for p in assessed for t in p.trace if t.ground)
    prose = " ".join([s.summary, *(p.text for p in s.paragraphs)])
    assert f"the test {ground.value} is met" not in prose.lower()  # the engine's reason
    if "_" in ground.value:
        assert ground.value not in prose  # no id


def test_an_investigate_outcome_says_the_complaint_will_be_investigated():
    a = assessment(
        head(
            "the council took two years to assess her needs",
            finding(
                Ground.late, "she complained within weeks", result=FindingResult.does_not_apply
            ),
        )
    )
    s = draft_statement(a)
    assert a.outcome is Outcome.investigate and s.decision is None
    from ombuds.statement.render.text import header_lines

    assert any(
        line.startswith("Status : ") and "not for publication" in line for line in header_lines(s)
    )
    assert "We will investigate her complaint." in s.summary
    assert "will investigate" in s.sections[-1].paragraphs[0].text
    assert "so we will investigate it" in " ".join(p.text for p in s.sections[3].paragraphs)
    assert not any(p.citation for p in s.sections[1].paragraphs)  # no test relied on


def test_an_exception_that_lets_a_head_go_on_is_explained_with_its_trace():
    a = assessment(
        head(
            "delay in a care assessment",
            finding(
                Ground.late,
                "the delay was caused by the council's own complaint handling",
                result=FindingResult.exception_applies,
                exception="council_complaint_handling_delay",
            ),
        )
    )
    s = draft_statement(a)
    para = [p for p in s.sections[3].paragraphs if any(t.ground is Ground.late for t in p.trace)]
    assert para and "the Council's own handling of the complaint" in para[0].text
    assert para[0].trace[0].stage is Stage.jurisdiction
    assert Ground.late not in {t.ground for p in s.sections[1].paragraphs for t in p.trace}


def test_a_mixed_case_investigates_some_heads_and_explains_the_others():
    a = assessment(
        head("care charges", finding(Ground.late, "", result=FindingResult.does_not_apply)),
        head(
            "the social worker's honesty",
            finding(Ground.individual_conduct, "this is about one officer"),
        ),
    )
    s = draft_statement(a)
    assert a.outcome is Outcome.investigate
    assert "We will not investigate one part of it, because" in s.summary


def test_upheld_after_initial_enquiries_is_published_as_upheld():
    s = draft_statement(builders.one_ground(Ground.satisfied_with_actions))
    assert s.decision == "Upheld"
    assert "satisfied with what the Council has done" in s.summary


def test_a_missing_judgement_warns_only_where_it_could_change_the_outcome():
    from ombuds.code.result import OpenJudgement

    a = assessment(
        head(
            "distress",
            finding(Ground.injustice_not_significant, "", result=FindingResult.needs_judgement),
            finding(Ground.could_not_add, "the council investigated"),
        ),
        head(
            "delay",
            finding(
                Ground.insufficient_evidence_of_fault, "", result=FindingResult.needs_judgement
            ),
            finding(Ground.could_not_add, "the council investigated"),
        ),
    )
    closed = Outcome.closed_after_initial_enquiries
    a = a.model_copy(
        update={
            "provisional": True,
            "warnings": ["provisional: the engine's own wording"],
            "open_judgements": [
                OpenJudgement(  # no answer changes anything: not worth a warning
                    fact="heads[0].judgement.injustice_significant",
                    why="",
                    head=0,
                    outcomes={"yes": closed, "no": closed},
                    head_outcomes={"yes": closed, "no": closed},
                ),
                OpenJudgement(
                    fact="heads[1].judgement.council_investigation_thorough",
                    why="",
                    head=1,
                    outcomes={"yes": closed, "no": Outcome.investigate},
                    head_outcomes={"yes": closed, "no": Outcome.investigate},
                    changes_outcome=True,
                    changes_head_outcome=True,
                ),
            ],
        }
    )
    s = draft_statement(a)
    assert len(s.warnings) == 1, s.warnings
    (warning,) = s.warnings
    assert warning.startswith("part 2: ")
    assert "whether the Council's own investigation was thorough" in warning
    assert "'no' would make the decision 'investigate'" in warning
    assert "heads[1].judgement.council_investigation_thorough" in warning
    assert Ground.injustice_not_significant not in {t.ground for p in s.paragraphs for t in p.trace}


def test_the_examples_draw_no_judgement_warning():
    """None of the example complaints has a missing judgement that could change its outcome."""
    from ombuds.code import assess_file

    paths = [
        p
        for folder in ("complaints", "seeds")
        for p in sorted((ROOT / "examples" / folder).glob("*.yaml"))
        if p.name != "expected.yaml"
    ]
    assert len(paths) >= 43
    for path in paths:
        assert draft_statement(assess_file(path)).warnings == [], path


def test_a_joint_case_speaks_of_the_ombudsmen():
    a = assessment(head("hospital discharge", finding(Ground.could_not_add, "")), joint=True)
    assert draft_statement(a).sections[1].heading == "The Ombudsmen's role and powers"


def test_an_assessment_without_case_details_is_refused_clearly(conduct_case):
    bare = conduct_case.model_copy(update={"case": None})
    with pytest.raises(InputError, match="no case details"):
        draft_statement(bare)


def test_a_ground_named_only_at_the_top_is_still_drafted():
    a = assessment(head("delay", finding(Ground.could_not_add, "the council looked into it")))
    a = a.model_copy(update={"grounds": [*a.grounds, Ground.tests_not_met]})
    s = draft_statement(a)
    assert Ground.tests_not_met in {t.ground for p in s.sections[3].paragraphs for t in p.trace}


def test_a_referral_named_only_at_the_top_is_still_signposted():
    a = assessment(head("records", finding(Ground.could_not_add, "the council looked into it")))
    a = a.model_copy(update={"referrals": [Referral.ico]})
    s = draft_statement(a)
    signposts = [
        p for p in s.sections[3].paragraphs if any(t.referral is Referral.ico for t in p.trace)
    ]
    assert len(signposts) == 1 and "decide for itself" in signposts[0].text


def test_an_admission_refusal_is_signposted_to_an_appeal_panel_once():
    """The issue's "absurd reasoning": an admissions case named "the tribunal", and the same
    appeal paragraph came again for a second, unrelated part."""
    from ombuds.code import assess_file

    s = draft_statement(assess_file(Path(__file__).with_name("admission_and_delay.yaml")))
    assessed = [p.text for p in s.sections[3].paragraphs]
    appeal = [t for t in assessed if "appeal" in t]
    assert len(appeal) == 1 and "admission appeal panel" in appeal[0]
    prose = " ".join([s.summary, *(p.text for p in s.paragraphs if p.section != "role_and_powers")])
    assert "tribunal" not in prose.lower()


def test_a_childrens_complaint_after_two_stages_says_which_stage_is_left():
    """Not "the Council has not yet had the chance" after stages it has completed."""
    from ombuds.code import assess_file

    s = draft_statement(
        assess_file(ROOT / "examples/complaints/children_stage3_not_requested.yaml")
    )
    text = " ".join(p.text for p in s.sections[3].paragraphs)
    assert "stage 3" in text and "not yet had" not in text


def test_a_letters_first_person_is_never_adopted_in_our_voice():
    """A letter read into a complaint gives its events and the Council's reply in the writer's
    own words ("My child is in care..."): they are left out, not spliced into the prose."""
    from ombuds.code.result import PartDetails, RemedyDetails

    a = assessment(
        head("the social worker was unprofessional", finding(Ground.could_not_add, "")),
        head("the social worker withheld documents", finding(Ground.could_not_add, "")),
        complainant_title="Miss",
        parts=[
            PartDetails(
                summary="the social worker was unprofessional",
                about="officer_conduct",
                what_happened="My child is in care. The Council changed the plan in May.",
                council_investigated=True,
                upheld="no",
                council_summary="I complained to the Council in September.",
                remedies=[
                    RemedyDetails(
                        action="meeting_offered", status="offered", detail="offered me a meeting"
                    )
                ],
            ),
            PartDetails(
                summary="the social worker withheld documents", about="information_handling"
            ),
        ],
    )
    s = draft_statement(a)
    prose = " ".join(p.text for p in s.paragraphs)
    assert "My child" not in prose and "I complained" not in prose and " me " not in prose
    assert "The Council changed the plan in May." in prose and "It offered a meeting." in prose


def test_where_to_go_next_is_said_once_when_two_parts_point_to_the_same_body(tmp_path):
    """Two parts about the Council as a landlord: the Housing Ombudsman is named as the next
    step once, not again for the second part."""
    from ombuds.code.engine import assess
    from ombuds.complaint.loader import load_complaint

    case = tmp_path / "two_landlord.yaml"
    case.write_text(
        """body: Eastmoor City Council
reference: 25 000 129
category: Housing > Council housing
assessment_date: 2025-06-16
complainant: {title: Miss, alias: Miss W}
dates:
  first_knew: 2025-01-06
  complained_to_council: 2025-01-13
  council_replies: [{date: 2025-03-10, stage: 2, final: true}]
  came_to_ombudsman: 2025-03-24
heads:
  - summary: The council has not repaired Miss W's broken boiler
    about: a service the council provided or failed to provide
    topics: [repairs to a council home]
    allegations: [{kind: the council failed to act}]
    council_response: {investigated: true, upheld: "no"}
    outcomes_wanted: [the decision made again]
  - summary: The council did not deal with damp in Miss W's council flat
    about: a service the council provided or failed to provide
    topics: [repairs to a council home]
    allegations: [{kind: the council failed to act}]
    council_response: {raised_with_council: false}
    outcomes_wanted: [an apology]
""",
        encoding="utf-8",
    )
    statement = draft_statement(assess(load_complaint(case)))
    text = "\n".join(p.text for s in statement.sections for p in s.paragraphs)
    assert text.count("complain to the Housing Ombudsman") == 1
