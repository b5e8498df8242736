"""Hand-built Assessments for the drafter's tests (no engine needed).

Each builder states a case the way the engine would report it: heads with their findings, the
union of grounds and referrals at the top, and the case particulars the header needs. The
citations come from the vocabulary, as the engine's do.
"""

from __future__ import annotations

import datetime as dt

from ombuds.code.result import Assessment, CaseDetails, Finding, HeadAssessment
from ombuds.vocabulary import GROUNDS, PUBLISHED_LABELS, FindingResult, Ground, Outcome, Referral

DATE = dt.date(2025, 2, 10)


def finding(
    ground: Ground,
    reason: str = "",
    *,
    result: FindingResult = FindingResult.applies,
    referral: Referral | None = None,
    exception: str | None = None,
) -> Finding:
    info = GROUNDS[ground]
    return Finding(
        ground=ground,
        stage=info.stage,
        result=result,
        citation=info.citation_text,
        reason=reason,
        referral=referral,
        exception=exception,
        facts=[f"fact.for.{ground.value} = true"],
    )


def head(summary: str, *findings: Finding, outcome: Outcome | None = None) -> HeadAssessment:
    applying = [f for f in findings if f.result is FindingResult.applies]
    grounds = list(dict.fromkeys(f.ground for f in applying))
    referrals = list(dict.fromkeys(f.referral for f in applying if f.referral))
    if outcome is None:
        outcome = Outcome.closed_after_initial_enquiries if grounds else Outcome.investigate
    return HeadAssessment(
        summary=summary,
        outcome=outcome,
        grounds=grounds,
        referrals=referrals,
        findings=list(findings),
    )


def case(**overrides) -> CaseDetails:
    values = {
        "body": "Northfield County Council",
        "reference": "24 123 456",
        "category": "Children's care services > Other",
        "complainant": "Miss X",
        "assessment_date": DATE,
        "information_considered": [
            "information provided by the complainant",
            "the Council's complaint replies",
        ],
        "complaint_summary": "Miss X complains about how the Council's children's services dealt "
        "with her family",
        "injustice_claimed": ["distress", "uncertainty about her case"],
        "outcomes_wanted": ["a new social worker", "an apology"],
    }
    values.update(overrides)
    return CaseDetails(**values)


def assessment(
    *heads: HeadAssessment, outcome: Outcome | None = None, **case_overrides
) -> Assessment:
    grounds = list(dict.fromkeys(g for h in heads for g in h.grounds))
    referrals = list(dict.fromkeys(r for h in heads for r in h.referrals))
    if outcome is None:
        outcome = (
            Outcome.investigate
            if any(h.outcome is Outcome.investigate for h in heads)
            else Outcome.closed_after_initial_enquiries
        )
    return Assessment(
        outcome=outcome,
        published_label=PUBLISHED_LABELS[outcome],
        grounds=grounds,
        referrals=referrals,
        heads=list(heads),
        case=case(**case_overrides),
    )


def conduct_and_data_case() -> Assessment:
    """Three heads, like a typical social-care closure: conduct, data, a council investigation."""
    return assessment(
        head(
            "the social worker's conduct was discriminatory and unprofessional",
            finding(
                Ground.individual_conduct,
                "the complaint is about one officer's professional conduct",
            ),
            finding(
                Ground.better_placed,
                "concerns about a social worker's conduct are for the regulator",
                referral=Referral.social_work_england,
            ),
        ),
        head(
            "the social worker withheld information and documents",
            finding(
                Ground.better_placed,
                "this is about access to personal information",
                referral=Referral.ico,
            ),
        ),
        head(
            "the Council's handling of her case",
            finding(
                Ground.premature,
                "the council replied at both stages of its procedure",
                result=FindingResult.does_not_apply,
            ),
            finding(
                Ground.could_not_add,
                "the Council investigated the complaint, accepted "
                "its communication must improve and offered a meeting with an advocate",
            ),
        ),
    )


def one_ground(ground: Ground) -> Assessment:
    """A one-head closure relying on `ground` alone (with the referral it usually names)."""
    referral = Referral.ico if ground is Ground.better_placed else None
    outcome = {
        Ground.premature: Outcome.premature,
        Ground.no_consent: Outcome.invalid,
        Ground.satisfied_with_actions: Outcome.upheld,
    }.get(ground, Outcome.closed_after_initial_enquiries)
    h = head(
        "what happened in this part of the complaint",
        finding(ground, f"the facts show the test {ground.value} is met", referral=referral),
        outcome=outcome,
    )
    return assessment(h, outcome=outcome)
